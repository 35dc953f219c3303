package be.fiduciaire.tracker.peppol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.peppol.PeppolRegistrations.Actor;
import be.fiduciaire.tracker.peppol.PeppolRegistrations.Check;
import be.fiduciaire.tracker.peppol.RefreshRun.Status;
import be.fiduciaire.tracker.peppol.lookup.LookupError;
import be.fiduciaire.tracker.peppol.lookup.LookupFailure;
import be.fiduciaire.tracker.peppol.lookup.LookupResult;
import be.fiduciaire.tracker.peppol.lookup.PeppolLookup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Refresh runs: nightly (once per Brussels date across instances, by a unique row) and on demand.
 *
 * <p>A run's items are rows; workers (threads of any instance) claim small batches with {@code FOR UPDATE SKIP
 * LOCKED}, look them up concurrently on a shared pool, and one writer per instance records finished look-ups in
 * batches. An item is marked done in the same transaction as its registration write, and only by the claim that
 * holds it, so a client is never lost nor counted twice; an item whose look-up or write failed goes back to the
 * queue and, after {@link #MAX_ATTEMPTS}, is recorded as failed. The run row carries the progress counters and the
 * owner's lease (renewed by the heartbeat): another instance takes a run over only once the lease has expired.
 *
 * <p>REGISTERED → NOT_REGISTERED changes are held on their items until the end of the run; then they are applied,
 * unless there are more than {@code peppol.downgrade-guard} of the run's registered clients (and at least
 * {@code peppol.downgrade-guard-minimum}): then the run is HELD until an admin confirms or discards them.
 */
@ApplicationScoped
public class RefreshRuns {
    /** Small claims, so that several workers share a run evenly. */
    static final int CLAIM_BATCH = 32;
    private static final int WRITE_BATCH = 200;
    private static final long GATHER_MS = 50;
    /** Tries of one item (look-up or write failing) before it is recorded as failed. */
    static final int MAX_ATTEMPTS = 3;

    @Inject
    Db db;

    @Inject
    RefreshRunRepository repository;

    @Inject
    PeppolLookup lookup;

    @Inject
    PeppolRegistrations registrations;

    @Inject
    SmlZoneCheck smlZone;

    @Inject
    PeppolConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private final String instanceId = UUID.randomUUID().toString();
    /** Runs whose lease this instance holds (it beats their heartbeat and waits for every item to finish them). */
    private final Set<UUID> owned = ConcurrentHashMap.newKeySet();
    /** Runs some worker of this instance is working on. */
    private final Map<UUID, AtomicInteger> working = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final LinkedBlockingQueue<Pending> toWrite = new LinkedBlockingQueue<>();
    private ExecutorService writer;
    private ExecutorService lookups;
    private ExecutorService dispatchers;
    private ScheduledExecutorService heartbeat;
    private Semaphore slots;
    private Counter itemsDone;

    @PostConstruct
    void init() {
        int concurrency = Math.max(1, config.refreshConcurrency());
        AtomicInteger n = new AtomicInteger();
        lookups = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "peppol-lookup-" + n.incrementAndGet()));
        dispatchers = Executors.newCachedThreadPool(r -> daemon(r, "peppol-run-" + n.incrementAndGet()));
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "peppol-heartbeat"));
        slots = new Semaphore(concurrency);
        writer = Executors.newSingleThreadExecutor(r -> daemon(r, "peppol-writer"));
        writer.submit(this::writeLoop);
        // a few beats per lease, so that a live owner never lets its lease lapse (at most every 5 s)
        long beatMillis = Math.max(200, Math.min(5_000, config.refreshStaleAfter().toMillis() / 4));
        heartbeat.scheduleWithFixedDelay(this::beat, beatMillis, beatMillis, TimeUnit.MILLISECONDS);
        itemsDone = Counter.builder("peppol.refresh.items.done").description("Clients looked up by refresh runs").register(metrics);
        Gauge.builder("peppol.refresh.items.pending", pending, AtomicLong::get)
                .description("Clients claimed and not yet recorded by this instance").register(metrics);
        Gauge.builder("peppol.refresh.runs.active", working, Map::size).description("Refresh runs this instance works on").register(metrics);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void onStart(@Observes StartupEvent event) {
        dispatchers.submit(() -> {
            try {
                resumeStale();
            } catch (RuntimeException e) {
                Log.warnf("Could not resume Peppol refresh runs at start-up: %s", e.getMessage());
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        heartbeat.shutdownNow();
        dispatchers.shutdownNow();
        lookups.shutdownNow();
        writer.shutdownNow();
    }

    /**
     * The nightly trigger; every instance fires it, one of them creates the run. The date is the Brussels date of the
     * scheduled time (the same on every instance), not of the moment a busy instance gets round to firing.
     */
    @Scheduled(identity = "peppol-nightly-refresh", cron = "${peppol.refresh-cron}", timeZone = Brussels.ZONE_ID,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly(ScheduledExecution execution) {
        Instant slot = execution.getScheduledFireTime();
        startNightly(slot.atZone(Brussels.ZONE).toLocalDate(), slot);
    }

    /** Takes over runs whose owner's lease expired, and lends this instance's workers to the runs of others. */
    @Scheduled(identity = "peppol-refresh-resume", every = "${peppol.refresh-resume-every}", delayed = "${peppol.refresh-resume-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeJob() {
        resumeStale();
        joinRunning();
    }

    /** Deletes the items of runs finished longer than {@code peppol.run-retention} ago (the run rows stay). */
    @Scheduled(identity = "peppol-refresh-purge", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeJob() {
        purge();
    }

    public int purge() {
        int deleted = QuarkusTransaction.requiringNew().call(() -> db.update("""
                delete from peppol_refresh_item where run_id in (
                    select id from peppol_refresh_run where status in ('DONE', 'FAILED') and finished_at < now() - make_interval(secs => ?))""",
                (double) config.runRetention().toSeconds()));
        if (deleted > 0) Log.infof("Deleted %d items of Peppol refresh runs finished more than %s ago", deleted, config.runRetention());
        return deleted;
    }

    /** Creates the nightly run of {@code date} unless an instance already did; empty when it existed. */
    public Optional<UUID> startNightly(LocalDate date) {
        return startNightly(date, Instant.now());
    }

    private Optional<UUID> startNightly(LocalDate date, Instant slot) {
        Optional<UUID> id = QuarkusTransaction.requiringNew().call(() -> db.one("""
                        insert into peppol_refresh_run (kind, run_date, status, actor_name, owner, heartbeat_at, lease_until)
                        values ('NIGHTLY', ?, 'QUEUED', 'system', ?, now(), now() + make_interval(secs => ?))
                        on conflict (run_date) where kind = 'NIGHTLY' do nothing returning id""",
                        r -> r.uuid("id"), date, instanceId, leaseSeconds())
                .map(runId -> {
                    setTotal(runId, addItems(runId, null, null));
                    return runId;
                }));
        if (id.isEmpty()) {
            Log.infof("Nightly Peppol refresh of %s (trigger %s) already started, here or by another instance", date, slot);
            return id;
        }
        Log.infof("Nightly Peppol refresh %s of %s (trigger %s) started", id.get(), date, slot);
        start(id.get());
        return id;
    }

    /** A run over the given ids, or the clients matching {@code filter}, or (both null) every active client. */
    public UUID startManual(List<UUID> ids, Sql filter, Actor actor) {
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            RefreshRun run = new RefreshRun();
            run.kind = RefreshRun.Kind.MANUAL;
            run.status = Status.QUEUED;
            run.actorId = actor.id();
            run.actorName = actor.name();
            run.owner = instanceId;
            run.heartbeatAt = OffsetDateTime.now();
            run.leaseUntil = run.heartbeatAt.plus(config.refreshStaleAfter());
            repository.persist(run);
            run.total = addItems(run.id, ids, filter);
            return run.id;
        });
        start(id);
        return id;
    }

    private int addItems(UUID runId, List<UUID> ids, Sql filter) {
        if (filter != null) {
            return db.update(Sql.join("", List.of(
                    Sql.of("insert into peppol_refresh_item (run_id, client_id) select ?, c.id" + ClientRows.FROM + "where ", runId), filter)));
        }
        if (ids == null) return db.update("insert into peppol_refresh_item (run_id, client_id) select ?, id from client where status = 'ACTIVE'", runId);
        return db.update("""
                insert into peppol_refresh_item (run_id, client_id) select ?, id from client where id = any(?::uuid[])
                on conflict do nothing""", runId, PeppolRegistrations.texts(ids));
    }

    private void setTotal(UUID runId, int total) {
        db.update("update peppol_refresh_run set total = ? where id = ?", total, runId);
    }

    private double leaseSeconds() {
        return config.refreshStaleAfter().toMillis() / 1000.0;
    }

    /** Takes over every QUEUED or RUNNING run whose owner's lease has expired. */
    public List<UUID> resumeStale() {
        List<UUID> taken = QuarkusTransaction.requiringNew().call(() -> db.list("""
                update peppol_refresh_run set owner = ?, heartbeat_at = now(), lease_until = now() + make_interval(secs => ?)
                where status in ('QUEUED', 'RUNNING') and (lease_until is null or lease_until < now())
                returning id""", r -> r.uuid("id"), instanceId, leaseSeconds()));
        for (UUID id : taken) {
            Log.infof("Taking over Peppol refresh run %s: its owner's lease expired", id);
            start(id);
        }
        return taken;
    }

    /** Workers of this instance help with RUNNING runs owned (and still leased) by another instance. */
    private void joinRunning() {
        List<UUID> running = QuarkusTransaction.requiringNew().call(() -> db.list(
                "select id from peppol_refresh_run where status = 'RUNNING' and owner is distinct from ? and lease_until >= now()",
                r -> r.uuid("id"), instanceId));
        for (UUID id : running) {
            if (!working.containsKey(id)) dispatchers.submit(() -> work(id));
        }
    }

    private void start(UUID runId) {
        if (owned.add(runId)) dispatchers.submit(() -> execute(runId));
    }

    private void beat() {
        if (owned.isEmpty() && working.isEmpty()) return;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                List<UUID> still = db.list("""
                        update peppol_refresh_run set heartbeat_at = now(), lease_until = now() + make_interval(secs => ?)
                        where id = any(?::uuid[]) and owner = ? returning id""",
                        r -> r.uuid("id"), leaseSeconds(), PeppolRegistrations.texts(List.copyOf(owned)), instanceId);
                for (UUID id : owned) {
                    if (!still.contains(id)) {
                        Log.warnf("Peppol refresh run %s was taken over by another instance", id);
                        owned.remove(id);
                    }
                }
                // the claims of look-ups still in flight here stay ours; rows the writer is recording right now are
                // skipped (they are about to be DONE), so the beat never waits on the writer nor deadlocks with it
                db.update("""
                        update peppol_refresh_item t set claim_until = now() + make_interval(secs => ?)
                          from (select run_id, client_id from peppol_refresh_item
                                 where run_id = any(?::uuid[]) and state = 'CLAIMED' and claimed_by = ?
                                 for update skip locked) s
                         where t.run_id = s.run_id and t.client_id = s.client_id""",
                        leaseSeconds(), PeppolRegistrations.texts(List.copyOf(working.keySet())), instanceId);
            });
        } catch (RuntimeException e) {
            Log.warnf("Heartbeat of Peppol refresh runs failed: %s", e.getMessage());
        }
    }

    /** The owner's part: start the run (once the SML can be seen), work on it, and finish it. */
    private void execute(UUID runId) {
        try {
            Optional<LookupFailure> invisible = smlZone.problem();
            if (invisible.isPresent()) {
                // nothing is looked up, so nothing changes: a resolver that cannot see the zone answers NXDOMAIN for all
                LookupFailure why = invisible.get();
                Log.errorf("Peppol refresh run %s not started: %s", runId, why.message());
                QuarkusTransaction.requiringNew().run(() -> db.update("""
                        update peppol_refresh_run set status = 'FAILED', finished_at = now(), error = ?, error_code = ?, error_params = ?::jsonb
                        where id = ? and owner = ? and status in ('QUEUED', 'RUNNING')""",
                        why.message(), why.code().code(), toJson(why.params()), runId, instanceId));
                return;
            }
            boolean started = QuarkusTransaction.requiringNew().call(() -> db.update("""
                    update peppol_refresh_run set status = 'RUNNING', started_at = coalesce(started_at, now())
                    where id = ? and owner = ? and status in ('QUEUED', 'RUNNING')""", runId, instanceId) == 1);
            if (started) work(runId);
        } catch (RuntimeException e) {
            Log.errorf(e, "Peppol refresh run %s stopped; it is resumed once its lease expires", runId);
        } finally {
            owned.remove(runId);
        }
    }

    private record Item(UUID runId, UUID clientId, UUID claim, String enterpriseNumber, String vatNumber) {}

    /**
     * The worker entry point: claims batches of the run's items and looks them up until none is left to claim.
     * Any number of workers, here or in other instances, may work on one run at the same time. The owner then
     * waits for the others' claims (an abandoned one expires and is claimed again) and finishes the run.
     */
    public void work(UUID runId) {
        working.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
        Phaser inFlight = new Phaser(1);
        try {
            boolean drained = false;
            while (true) {
                List<Item> batch = claim(runId);
                if (!batch.isEmpty()) {
                    drained = false;
                    pending.addAndGet(batch.size());
                    for (Item item : batch) {
                        slots.acquire();
                        inFlight.register();
                        lookups.submit(() -> process(item, inFlight));
                    }
                    continue;
                }
                if (!drained) {
                    // our failures go back to the queue: claim again once our look-ups are recorded
                    inFlight.arriveAndAwaitAdvance();
                    drained = true;
                    continue;
                }
                if (finish(runId) || !owned.contains(runId)) break;
                Thread.sleep(1000); // other workers still hold claims
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.arriveAndDeregister();
            working.computeIfPresent(runId, (k, n) -> n.decrementAndGet() == 0 ? null : n);
        }
    }

    /** Claims the next few open items of a RUNNING run (pending, or claimed by a worker whose claim expired). */
    private List<Item> claim(UUID runId) {
        UUID claim = UUID.randomUUID();
        return QuarkusTransaction.requiringNew().call(() -> db.list("""
                update peppol_refresh_item t
                   set state = 'CLAIMED', claimed_by = ?, claim_token = ?, claim_until = now() + make_interval(secs => ?),
                       attempts = t.attempts + 1
                  from (select i.run_id, i.client_id from peppol_refresh_item i
                         where i.run_id = ? and (i.state = 'PENDING' or (i.state = 'CLAIMED' and i.claim_until < now()))
                           and exists (select 1 from peppol_refresh_run r where r.id = i.run_id and r.status = 'RUNNING')
                         order by i.client_id limit ? for update of i skip locked) s, client c
                 where t.run_id = s.run_id and t.client_id = s.client_id and c.id = t.client_id
                returning t.client_id, c.enterprise_number, c.vat_number""",
                r -> new Item(runId, r.uuid("client_id"), claim, r.string("enterprise_number"), r.string("vat_number")),
                instanceId, claim, leaseSeconds(), runId, CLAIM_BATCH));
    }

    /** Looks one client up, then hands the result to the writer; the slot is free again once the look-up is over. */
    private void process(Item item, Phaser inFlight) {
        LookupResult result;
        try {
            result = lookup.lookup(item.enterpriseNumber(), item.vatNumber());
        } catch (RuntimeException e) {
            Log.warnf("Peppol look-up of client %s in run %s failed: %s", item.clientId(), item.runId(), e.getMessage());
            release(item, LookupError.RUN_LOOKUP_CRASHED.of("detail", String.valueOf(e.getMessage())));
            pending.decrementAndGet();
            inFlight.arriveAndDeregister();
            return;
        } finally {
            slots.release();
        }
        toWrite.add(new Pending(item, result, inFlight));
    }

    private record Pending(Item item, LookupResult result, Phaser inFlight) {}

    /** Writes finished look-ups in batches: a handful of statements for many clients. */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(WRITE_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(toWrite.take());
                // Let results gather for a while: at 200+ look-ups a second, 5 ms gathered one or two per transaction,
                // each paying a dozen statements and a commit; 50 ms gathers about ten, and delays a result by as much.
                Thread.sleep(GATHER_MS);
            } catch (InterruptedException e) {
                return;
            }
            toWrite.drainTo(batch, WRITE_BATCH - 1);
            try {
                QuarkusTransaction.requiringNew().run(() -> write(batch));
            } catch (RuntimeException e) {
                Log.warnf("Writing %d Peppol look-ups as a batch failed (%s); writing them one by one", batch.size(), e.getMessage());
                for (Pending p : batch) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> write(List.of(p)));
                    } catch (RuntimeException e2) {
                        Log.warnf("Recording the Peppol look-up of client %s failed: %s", p.item().clientId(), e2.getMessage());
                        release(p.item(), LookupError.RUN_WRITE_FAILED.of("detail", String.valueOf(e2.getMessage())));
                    }
                }
            }
            for (Pending p : batch) {
                itemsDone.increment();
                pending.decrementAndGet();
                p.inFlight().arriveAndDeregister();
            }
            batch.clear();
        }
    }

    /**
     * Records a batch in the current transaction. Only items still claimed by the claim that looked them up are
     * written (a claim that expired and was taken by another worker writes nothing), each marked DONE or HELD in
     * the same transaction as its registration, and the run's counters move by what was really recorded.
     */
    private void write(List<Pending> batch) {
        db.one("select set_config('synchronous_commit', 'off', true) as s", r -> r.string("s"));
        Map<UUID, List<Pending>> byRun = new LinkedHashMap<>();
        for (Pending p : batch) byRun.computeIfAbsent(p.item().runId(), k -> new ArrayList<>()).add(p);
        for (var entry : byRun.entrySet()) {
            UUID runId = entry.getKey();
            List<Pending> items = entry.getValue();
            Actor actor = actor(runId);
            Map<UUID, PeppolStatus> known = registrations.lockKnown(items.stream().map(p -> p.item().clientId()).sorted().toList());
            List<String> ids = new ArrayList<>();
            List<String> claims = new ArrayList<>();
            List<String> states = new ArrayList<>();
            List<String> outcomes = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (Pending p : items) {
                boolean downgrade = known.get(p.item().clientId()) == PeppolStatus.REGISTERED
                        && p.result().status() == PeppolStatus.NOT_REGISTERED;
                ids.add(p.item().clientId().toString());
                claims.add(p.item().claim().toString());
                states.add(downgrade ? "HELD" : "DONE");
                outcomes.add(p.result().status().name());
                held.add(downgrade ? toJson(p.result()) : null);
            }
            Set<UUID> ours = Set.copyOf(db.list("""
                    update peppol_refresh_item t set state = x.state, outcome = x.outcome, held_result = x.held::jsonb, done_at = now(),
                           claim_token = null, claim_until = null, error = null, error_code = null, error_params = null
                      from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[]) as x(client_id, claim, state, outcome, held)
                     where t.run_id = ? and t.client_id = x.client_id and t.state = 'CLAIMED' and t.claim_token = x.claim
                    returning t.client_id""", r -> r.uuid("client_id"),
                    ids.toArray(String[]::new), claims.toArray(String[]::new), states.toArray(String[]::new),
                    outcomes.toArray(String[]::new), held.toArray(String[]::new), runId));
            List<Check> checks = new ArrayList<>();
            int[] counts = new int[PeppolStatus.values().length];
            int registeredBefore = 0;
            int downgrades = 0;
            for (int i = 0; i < items.size(); i++) {
                Pending p = items.get(i);
                if (!ours.contains(p.item().clientId())) continue;
                counts[p.result().status().ordinal()]++;
                if (known.get(p.item().clientId()) == PeppolStatus.REGISTERED) registeredBefore++;
                if ("HELD".equals(states.get(i))) downgrades++;
                else checks.add(new Check(p.item().clientId(), p.result(), actor, runId));
            }
            registrations.record(checks);
            db.update("""
                    update peppol_refresh_run set done = done + ?, registered = registered + ?, not_registered = not_registered + ?,
                           hermes_only = hermes_only + ?, no_identifier = no_identifier + ?, failed = failed + ?,
                           registered_before = registered_before + ?, held_downgrades = held_downgrades + ?
                    where id = ?""", ours.size(), counts[PeppolStatus.REGISTERED.ordinal()], counts[PeppolStatus.NOT_REGISTERED.ordinal()],
                    counts[PeppolStatus.HERMES_ONLY.ordinal()], counts[PeppolStatus.NO_IDENTIFIER.ordinal()],
                    counts[PeppolStatus.LOOKUP_FAILED.ordinal()], registeredBefore, downgrades, runId);
        }
    }

    /** Puts an item whose look-up or write failed back in the queue, or records it as failed after its last try. */
    private void release(Item item, LookupFailure error) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                boolean failed = db.one("""
                        update peppol_refresh_item set state = case when attempts >= ? then 'FAILED' else 'PENDING' end,
                               done_at = case when attempts >= ? then now() end, error = ?, error_code = ?, error_params = ?::jsonb,
                               claimed_by = null, claim_token = null, claim_until = null
                        where run_id = ? and client_id = ? and state = 'CLAIMED' and claim_token = ?
                        returning state""", r -> "FAILED".equals(r.string("state")),
                        MAX_ATTEMPTS, MAX_ATTEMPTS, truncate(error.message()), error.code().code(), toJson(error.params()), item.runId(), item.clientId(), item.claim()).orElse(false);
                if (failed) db.update("update peppol_refresh_run set done = done + 1, failed = failed + 1 where id = ?", item.runId());
            });
        } catch (RuntimeException e) {
            // the claim expires and another worker takes the item again
            Log.warnf("Releasing client %s of Peppol refresh run %s failed: %s", item.clientId(), item.runId(), e.getMessage());
        }
    }

    /**
     * Ends a RUNNING run once no item is open: applies its held downgrades, or holds the run when they are too
     * many. True when the run is no longer running (finished here or elsewhere).
     */
    private boolean finish(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RefreshRun run = repository.findById(runId, LockModeType.PESSIMISTIC_WRITE);
            if (run == null || run.status != Status.RUNNING) return true;
            if (db.exists("select 1 from peppol_refresh_item where run_id = ? and state in ('PENDING', 'CLAIMED')", runId)) return false;
            // a helping worker may record the last item after the owner died: it finishes the run as its new owner,
            // the take-over the resume job would have made (a live owner's lease keeps the run its own)
            if (!instanceId.equals(run.owner) && (run.leaseUntil == null || run.leaseUntil.isBefore(OffsetDateTime.now()))) {
                Log.infof("Taking over Peppol refresh run %s to finish it: its owner's lease expired", runId);
                run.owner = instanceId;
            }
            if (run.heldDowngrades > 0 && guardTrips(run.heldDowngrades, run.registeredBefore)) {
                run.status = Status.HELD;
                Log.warnf("Peppol refresh run %s HELD: it would turn %d of %d registered clients NOT_REGISTERED",
                        runId, run.heldDowngrades, run.registeredBefore);
                return true;
            }
            applyHeld(run, new Actor(run.actorId, run.actorName == null ? "system" : run.actorName));
            run.status = Status.DONE;
            run.finishedAt = OffsetDateTime.now();
            Log.infof("Peppol refresh run %s done", runId);
            return true;
        });
    }

    /** More than the guard's share of the run's registered clients, and at least its minimum. */
    boolean guardTrips(int downgrades, int registeredBefore) {
        double share = PeppolConfigValidator.share(config.downgradeGuard());
        return downgrades >= config.downgradeGuardMinimum() && downgrades > share * registeredBefore;
    }

    /** Records the held downgrades of a run (against what is known now) and closes their items. */
    private void applyHeld(RefreshRun run, Actor actor) {
        List<Check> checks = db.list("select client_id, held_result::text as held_result from peppol_refresh_item where run_id = ? and state = 'HELD'",
                r -> new Check(r.uuid("client_id"), fromJson(r.string("held_result")), actor, run.id), run.id);
        registrations.record(checks);
        db.update("update peppol_refresh_item set state = 'DONE', held_result = null where run_id = ? and state = 'HELD'", run.id);
    }

    /** An admin applies the downgrades a HELD run kept back. */
    @Transactional
    public RefreshRunView confirm(UUID runId, Actor admin) {
        RefreshRun run = held(runId);
        applyHeld(run, admin);
        return decide(run, admin);
    }

    /** An admin drops the downgrades a HELD run kept back: those clients keep their known state. */
    @Transactional
    public RefreshRunView discard(UUID runId, Actor admin) {
        RefreshRun run = held(runId);
        // the items keep the discarded result for the record until the run's retention ends
        db.update("update peppol_refresh_item set state = 'DONE' where run_id = ? and state = 'HELD'", runId);
        return decide(run, admin);
    }

    private RefreshRun held(UUID runId) {
        RefreshRun run = repository.findByIdOptional(runId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Refresh run " + runId));
        if (run.status != Status.HELD) throw ProblemException.conflict("status", ErrorCode.STATUS_CONFLICT, "Refresh run " + runId + " is " + run.status + ", not HELD",
                "status", run.status.name());
        return run;
    }

    private RefreshRunView decide(RefreshRun run, Actor admin) {
        run.status = Status.DONE;
        run.finishedAt = OffsetDateTime.now();
        run.decidedBy = admin.name();
        run.decidedAt = run.finishedAt;
        return RefreshRunView.of(run);
    }

    private Actor actor(UUID runId) {
        return db.one("select actor_id, actor_name from peppol_refresh_run where id = ?",
                r -> new Actor(r.uuid("actor_id"), r.string("actor_name") == null ? "system" : r.string("actor_name")), runId)
                .orElse(Actor.SYSTEM);
    }

    @Transactional
    public RefreshRunView view(UUID runId) {
        return repository.findByIdOptional(runId).map(RefreshRunView::of)
                .orElseThrow(() -> ProblemException.notFound("Refresh run " + runId));
    }

    @Transactional
    public List<RefreshRunView> latest(int limit) {
        return repository.latest(limit).stream().map(RefreshRunView::of).toList();
    }

    private String toJson(Object result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LookupResult fromJson(String text) {
        try {
            return json.readValue(text, LookupResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
