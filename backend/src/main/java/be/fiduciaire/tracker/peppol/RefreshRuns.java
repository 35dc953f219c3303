package be.fiduciaire.tracker.peppol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

import javax.sql.DataSource;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.common.Jdbc;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.peppol.PeppolRegistrations.Actor;
import be.fiduciaire.tracker.peppol.lookup.LookupResult;
import be.fiduciaire.tracker.peppol.lookup.PeppolLookup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refresh runs: nightly (once per Europe/Brussels date across instances, by a unique row) and on demand.
 * A run's items live in the database; the instance that owns a run beats a heartbeat, and a run whose owner
 * stopped beating (crash) is taken over by another instance (or the same one after a restart), which looks up
 * only the items still pending. Look-ups run on a shared pool of {@code peppol.refresh-concurrency} threads.
 */
@ApplicationScoped
public class RefreshRuns {
    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final int BATCH = 256;
    private static final int WRITE_BATCH = 200;

    @Inject
    DataSource dataSource;

    @Inject
    PeppolLookup lookup;

    @Inject
    PeppolRegistrations registrations;

    @Inject
    PeppolConfig config;

    @Inject
    MeterRegistry metrics;

    private final String instanceId = UUID.randomUUID().toString();
    private final Set<UUID> owned = ConcurrentHashMap.newKeySet();
    private final AtomicLong pending = new AtomicLong();
    private final LinkedBlockingQueue<Pending> toWrite = new LinkedBlockingQueue<>();
    private ExecutorService writer;
    private ExecutorService workers;
    private ExecutorService dispatchers;
    private ScheduledExecutorService heartbeat;
    private Semaphore slots;
    private Counter itemsDone;

    @PostConstruct
    void init() {
        int concurrency = Math.max(1, config.refreshConcurrency());
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "peppol-lookup-" + n.incrementAndGet()));
        dispatchers = Executors.newCachedThreadPool(r -> daemon(r, "peppol-run-" + n.incrementAndGet()));
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "peppol-heartbeat"));
        slots = new Semaphore(concurrency);
        writer = Executors.newSingleThreadExecutor(r -> daemon(r, "peppol-writer"));
        writer.submit(this::writeLoop);
        heartbeat.scheduleWithFixedDelay(this::beat, 5, 5, TimeUnit.SECONDS);
        itemsDone = Counter.builder("peppol.refresh.items.done").description("Clients looked up by refresh runs").register(metrics);
        Gauge.builder("peppol.refresh.items.pending", pending, AtomicLong::get)
                .description("Clients still to look up in the runs this instance works on").register(metrics);
        Gauge.builder("peppol.refresh.runs.active", owned, Set::size).description("Refresh runs this instance works on").register(metrics);
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
        workers.shutdownNow();
        writer.shutdownNow();
    }

    /** The nightly trigger; every instance fires it, one of them creates the run. */
    @Scheduled(identity = "peppol-nightly-refresh", cron = "${peppol.refresh-cron}", timeZone = "Europe/Brussels",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        startNightly(LocalDate.now(BRUSSELS));
    }

    /** Takes over runs whose owner died. */
    @Scheduled(identity = "peppol-refresh-resume", every = "30s", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeJob() {
        resumeStale();
    }

    /** Creates the nightly run of {@code date} unless an instance already did; empty when it existed. */
    public Optional<UUID> startNightly(LocalDate date) {
        UUID id = Jdbc.inTransaction(dataSource, c -> {
            UUID runId;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into peppol_refresh_run (kind, run_date, status, actor_name, owner, heartbeat_at)
                    values ('NIGHTLY', ?, 'QUEUED', 'system', ?, now())
                    on conflict (run_date) where kind = 'NIGHTLY' do nothing returning id""")) {
                ps.setObject(1, date);
                ps.setString(2, instanceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    runId = rs.getObject(1, UUID.class);
                }
            }
            addItems(c, runId, null, null);
            return runId;
        });
        if (id == null) {
            Log.infof("Nightly Peppol refresh of %s already started by another instance", date);
            return Optional.empty();
        }
        Log.infof("Nightly Peppol refresh %s of %s started", id, date);
        start(id);
        return Optional.of(id);
    }

    /** Creates and starts an on-demand run over the given clients, or every active client when ids is null. */
    /** A run over the given ids, or the clients matching {@code filter}, or (both null) every active client. */
    public UUID startManual(List<UUID> ids, Sql filter, Actor actor) {
        UUID id = Jdbc.inTransaction(dataSource, c -> {
            UUID runId;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into peppol_refresh_run (kind, status, actor_id, actor_name, owner, heartbeat_at)
                    values ('MANUAL', 'QUEUED', ?, ?, ?, now()) returning id""")) {
                if (actor.id() == null) ps.setNull(1, Types.OTHER);
                else ps.setObject(1, actor.id());
                ps.setString(2, actor.name());
                ps.setString(3, instanceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    runId = rs.getObject(1, UUID.class);
                }
            }
            addItems(c, runId, ids, filter);
            return runId;
        });
        start(id);
        return id;
    }

    private static void addItems(Connection c, UUID runId, List<UUID> ids, Sql filter) throws SQLException {
        if (filter != null) {
            try (PreparedStatement ps = c.prepareStatement("insert into peppol_refresh_item (run_id, client_id) select ?, c.id"
                    + ClientRows.FROM + "where " + filter.text())) {
                ps.setObject(1, runId);
                filter.bind(ps, 2);
                ps.executeUpdate();
            }
            updateTotal(c, runId);
            return;
        }
        String sql = ids == null
                ? "insert into peppol_refresh_item (run_id, client_id) select ?, id from client where status = 'ACTIVE'"
                : "insert into peppol_refresh_item (run_id, client_id) select ?, id from client where id = any(?) on conflict do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, runId);
            if (ids != null) ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
        updateTotal(c, runId);
    }

    private static void updateTotal(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update peppol_refresh_run set total = (select count(*) from peppol_refresh_item where run_id = ?) where id = ?")) {
            ps.setObject(1, runId);
            ps.setObject(2, runId);
            ps.executeUpdate();
        }
    }

    /** Takes over every QUEUED or RUNNING run whose owner's heartbeat is older than peppol.refresh-stale-after. */
    public List<UUID> resumeStale() {
        List<UUID> taken = Jdbc.inTransaction(dataSource, c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    update peppol_refresh_run set owner = ?, heartbeat_at = now()
                    where status in ('QUEUED', 'RUNNING') and owner is distinct from ?
                      and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ?))
                    returning id""")) {
                ps.setString(1, instanceId);
                ps.setString(2, instanceId);
                ps.setDouble(3, config.refreshStaleAfter().toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        for (UUID id : taken) {
            Log.infof("Resuming Peppol refresh run %s left by a stopped instance", id);
            start(id);
        }
        return taken;
    }

    private void start(UUID runId) {
        if (owned.add(runId)) dispatchers.submit(() -> execute(runId));
    }

    private void beat() {
        for (UUID id : owned) {
            try {
                boolean still = Jdbc.inTransaction(dataSource, c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "update peppol_refresh_run set heartbeat_at = now() where id = ? and owner = ?")) {
                        ps.setObject(1, id);
                        ps.setString(2, instanceId);
                        return ps.executeUpdate() == 1;
                    }
                });
                if (!still) {
                    Log.warnf("Peppol refresh run %s was taken over by another instance", id);
                    owned.remove(id);
                }
            } catch (RuntimeException e) {
                Log.warnf("Heartbeat of Peppol refresh run %s failed: %s", id, e.getMessage());
            }
        }
    }

    private record Item(UUID clientId, String enterpriseNumber, String vatNumber) {}

    private void execute(UUID runId) {
        try {
            Actor actor = Jdbc.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        update peppol_refresh_run set status = 'RUNNING', started_at = coalesce(started_at, now())
                        where id = ? returning actor_id, actor_name""")) {
                    ps.setObject(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new Actor(rs.getObject(1, UUID.class), rs.getString(2) == null ? "system" : rs.getString(2));
                    }
                }
            });
            Phaser inFlight = new Phaser(1);
            UUID after = null;
            while (owned.contains(runId)) {
                List<Item> batch = nextBatch(runId, after);
                if (batch.isEmpty()) break;
                pending.addAndGet(batch.size());
                for (Item item : batch) {
                    slots.acquire();
                    if (!owned.contains(runId)) {
                        slots.release();
                        break;
                    }
                    inFlight.register();
                    workers.submit(() -> process(runId, item, actor, inFlight));
                }
                after = batch.get(batch.size() - 1).clientId();
            }
            inFlight.arriveAndAwaitAdvance();
            if (!owned.contains(runId)) return;
            Jdbc.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        update peppol_refresh_run set status = 'DONE', finished_at = now(), heartbeat_at = now()
                        where id = ? and owner = ?""")) {
                    ps.setObject(1, runId);
                    ps.setString(2, instanceId);
                    return ps.executeUpdate();
                }
            });
            Log.infof("Peppol refresh run %s done", runId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.errorf(e, "Peppol refresh run %s failed", runId);
            try {
                Jdbc.inTransaction(dataSource, c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "update peppol_refresh_run set status = 'FAILED', finished_at = now(), error = ? where id = ? and owner = ?")) {
                        ps.setString(1, String.valueOf(e.getMessage()));
                        ps.setObject(2, runId);
                        ps.setString(3, instanceId);
                        return ps.executeUpdate();
                    }
                });
            } catch (RuntimeException ignored) {
                // the run stays RUNNING and will be resumed
            }
        } finally {
            owned.remove(runId);
        }
    }

    private List<Item> nextBatch(UUID runId, UUID after) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<Item> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select i.client_id, c.enterprise_number, c.vat_number
                    from peppol_refresh_item i join client c on c.id = i.client_id
                    where i.run_id = ? and i.state = 'PENDING' and (?::uuid is null or i.client_id > ?::uuid)
                    order by i.client_id limit ?""")) {
                ps.setObject(1, runId);
                ps.setObject(2, after);
                ps.setObject(3, after);
                ps.setInt(4, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) items.add(new Item(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
            return items;
        });
    }

    /** Looks one client up, then hands the result to the writer; the slot is free again once the look-up is over. */
    private void process(UUID runId, Item item, Actor actor, Phaser inFlight) {
        LookupResult result;
        try {
            result = lookup.lookup(item.enterpriseNumber(), item.vatNumber());
        } catch (RuntimeException e) {
            Log.warnf("Peppol look-up of client %s in run %s failed: %s", item.clientId(), runId, e.getMessage());
            pending.decrementAndGet();
            inFlight.arriveAndDeregister();
            return;
        } finally {
            slots.release();
        }
        toWrite.add(new Pending(new PeppolRegistrations.Recorded(runId, item.clientId(), result, actor), inFlight));
    }

    private record Pending(PeppolRegistrations.Recorded recorded, Phaser inFlight) {}

    /** Writes finished look-ups in batches: one round trip to the database for many clients. */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(WRITE_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(toWrite.take());
                // Let results gather for a few ms: fewer wake-ups and larger batches while a run is busy.
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
            toWrite.drainTo(batch, WRITE_BATCH - 1);
            try (Connection c = dataSource.getConnection()) {
                registrations.applyAll(c, batch.stream().map(Pending::recorded).toList());
            } catch (SQLException | RuntimeException e) {
                Log.warnf("Writing %d Peppol look-ups as a batch failed (%s); writing them one by one", batch.size(), e.getMessage());
                for (Pending p : batch) {
                    try (Connection c = dataSource.getConnection()) {
                        var r = p.recorded();
                        registrations.apply(c, r.clientId(), r.result(), r.actor(), r.runId());
                    } catch (SQLException | RuntimeException e2) {
                        Log.warnf("Recording the Peppol look-up of client %s failed: %s", p.recorded().clientId(), e2.getMessage());
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

    public RefreshRunView view(UUID runId) {
        List<RefreshRunView> runs = query("where r.id = ?", runId, 1);
        if (runs.isEmpty()) throw ProblemException.notFound("Refresh run " + runId);
        return runs.get(0);
    }

    public List<RefreshRunView> latest(int limit) {
        return query("", null, limit);
    }

    private List<RefreshRunView> query(String where, UUID id, int limit) {
        String sql = """
                select r.id, r.kind, r.run_date, r.status, r.total,
                       n.done, n.registered, n.not_registered, n.hermes_only, n.no_identifier, n.failed,
                       r.actor_name, r.created_at, r.started_at, r.finished_at
                from peppol_refresh_run r
                -- one pass over the run's items for all the counters
                cross join lateral (select count(*) filter (where i.state = 'DONE') as done,
                                           count(*) filter (where i.outcome = 'REGISTERED') as registered,
                                           count(*) filter (where i.outcome = 'NOT_REGISTERED') as not_registered,
                                           count(*) filter (where i.outcome = 'HERMES_ONLY') as hermes_only,
                                           count(*) filter (where i.outcome = 'NO_IDENTIFIER') as no_identifier,
                                           count(*) filter (where i.outcome = 'LOOKUP_FAILED') as failed
                                      from peppol_refresh_item i where i.run_id = r.id) n""" + " " + where + " order by r.created_at desc limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (id != null) ps.setObject(i++, id);
            ps.setInt(i, limit);
            List<RefreshRunView> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    runs.add(new RefreshRunView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                            rs.getInt(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class),
                            rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class)));
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
