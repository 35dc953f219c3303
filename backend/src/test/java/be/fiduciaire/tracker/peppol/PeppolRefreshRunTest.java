package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static be.fiduciaire.tracker.support.Api.sessionFor;
import static be.fiduciaire.tracker.support.Api.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Endpoint;
import be.fiduciaire.tracker.peppol.lookup.AccessPoint;
import be.fiduciaire.tracker.peppol.lookup.LookupError;
import be.fiduciaire.tracker.peppol.lookup.LookupFailure;
import be.fiduciaire.tracker.peppol.lookup.LookupResult;
import be.fiduciaire.tracker.portfolio.CountsRecount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Refresh runs: progress, resumption after a crash, and the nightly trigger across instances. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeppolRefreshRunTest {
    @Inject
    DataSource ds;

    @Inject
    RefreshRuns runs;

    @Inject
    PeppolRegistrations registrations;

    @Inject
    CountsRecount counts;

    static FakeSmp smp() {
        return PeppolTestPeers.smp();
    }

    static String registered() {
        String number = TestClients.enterpriseNumber();
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", PeppolLookupTest.ACME));
        return number;
    }

    static JsonPath awaitDone(String runId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(asAdmin().get("/api/peppol/refresh-runs/" + runId).then().statusCode(200).extract().path("status")));
        return asAdmin().get("/api/peppol/refresh-runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void runOverASelectionReportsItsProgressUntilDone() {
        UUID registered = TestClients.create(ds, registered(), null);
        UUID notRegistered = TestClients.create(ds, TestClients.enterpriseNumber(), null);
        UUID noIdentifier = TestClients.create(ds, null, null);

        String id = asAdmin().body(Map.of("selection", Map.of("ids", List.of(registered, notRegistered, noIdentifier))))
                .post("/api/peppol/refresh-runs").then().statusCode(202)
                .header("Location", containsString("/api/peppol/refresh-runs/"))
                .body("kind", is("MANUAL"))
                .body("status", oneOf("QUEUED", "RUNNING", "DONE"))
                .body("total", is(3))
                .extract().path("id");

        JsonPath run = awaitDone(id);
        assertEquals(3, run.getInt("total"));
        assertEquals(3, run.getInt("done"));
        assertEquals(1, run.getInt("registered"));
        assertEquals(1, run.getInt("notRegistered"));
        assertEquals(1, run.getInt("noIdentifier"));
        assertEquals(0, run.getInt("failed"));
        assertTrue(run.getString("finishedAt") != null);

        asAdmin().get("/api/clients/" + registered + "/peppol").then().statusCode(200).body("status", is("REGISTERED"));
        asAdmin().get("/api/clients/" + registered + "/history").then().statusCode(200)
                .body("items.findAll { it.field == 'peppol.status' }.actorName", is(List.of("Admin")));
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(registered));
        counts.assertCountsMatchRecount();
    }

    @Test
    @Order(2)
    void runOverAFilterLooksUpOnlyTheMatchingClients() {
        UUID first = TestClients.create(ds, registered(), null);
        UUID second = TestClients.create(ds, TestClients.enterpriseNumber(), null);
        TestClients.create(ds, TestClients.enterpriseNumber(), null);
        String first8 = TestClients.string(ds, "select reference from client where id = ?", first);
        String second8 = TestClients.string(ds, "select reference from client where id = ?", second);

        String id = asAdmin().body(Map.of("selection", Map.of("filter", "reference=in=(" + first8 + "," + second8 + ")")))
                .post("/api/peppol/refresh-runs").then().statusCode(202).body("total", is(2)).extract().path("id");

        JsonPath run = awaitDone(id);
        assertEquals(2, run.getInt("done"));
        assertEquals(1, run.getInt("registered"));
        assertEquals(1, run.getInt("notRegistered"));
    }

    @Test
    @Order(2)
    void badSelectionsAreRefusedNamingTheField() {
        asAdmin().body(Map.of("selection", Map.of("filter", "nosuchfield==x"))).post("/api/peppol/refresh-runs").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("selection.filter"));
        asAdmin().body(Map.of("selection", Map.of("filter", "name==x", "ids", List.of(UUID.randomUUID()))))
                .post("/api/peppol/refresh-runs").then().statusCode(422).body("errors[0].field", is("selection"));
        asAdmin().body(Map.of("selection", Map.of("ids", List.of()))).post("/api/peppol/refresh-runs").then().statusCode(422)
                .body("errors[0].field", is("selection.ids"));
        asAdmin().get("/api/peppol/refresh-runs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @Order(3)
    void interruptedRunResumesWithOnlyThePendingClients() {
        // Archived clients: the nightly run of the last test leaves them alone, so request counts stay exact.
        List<String> numbers = new ArrayList<>();
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String number = registered();
            numbers.add(number);
            clients.add(TestClients.create(ds, number, null, "ARCHIVED"));
        }
        String runId = TestClients.string(ds, """
                insert into peppol_refresh_run (kind, status, actor_name, total, done, registered, owner, heartbeat_at, lease_until, started_at)
                values ('MANUAL', 'RUNNING', 'crashed user', 6, 3, 3, 'instance-that-crashed', now() - interval '10 minutes',
                        now() - interval '9 minutes', now() - interval '11 minutes')
                returning id""");
        for (int i = 0; i < 6; i++) {
            boolean done = i < 3;
            TestClients.execute(ds, "insert into peppol_refresh_item (run_id, client_id, state, outcome, done_at) values (?::uuid, ?, ?, ?, ?)",
                    runId, clients.get(i), done ? "DONE" : "PENDING", done ? "REGISTERED" : null, done ? java.sql.Timestamp.from(java.time.Instant.now()) : null);
        }
        asAdmin().get("/api/peppol/refresh-runs/" + runId).then().statusCode(200).body("status", is("RUNNING")).body("done", is(3));

        runs.resumeStale(); // what start-up and the periodic job do

        JsonPath run = awaitDone(runId);
        assertEquals(6, run.getInt("done"));
        assertEquals(6, run.getInt("registered"));
        for (int i = 0; i < 6; i++) {
            int requests = smp().requests("0208:" + numbers.get(i));
            if (i < 3) assertEquals(0, requests, "client " + i + " was done before the crash and is not looked up again");
            else assertTrue(requests > 0, "pending client " + i + " is looked up");
        }
    }

    @Test
    @Order(3)
    void runWhoseWritesFailRetriesThemAndAccountsForEveryClient() {
        List<UUID> ok = new ArrayList<>();
        for (int i = 0; i < 3; i++) ok.add(TestClients.create(ds, registered(), null, "ARCHIVED"));
        UUID failsTwice = TestClients.create(ds, registered(), null, "ARCHIVED");
        UUID alwaysFails = TestClients.create(ds, registered(), null, "ARCHIVED");
        // a sequence is not rolled back with the failed write: the first two writes of failsTwice fail, later ones pass
        TestClients.execute(ds, "create sequence test_fail_twice_seq");
        TestClients.execute(ds, """
                create function test_fail_write() returns trigger language plpgsql as $$
                begin
                  if new.client_id = '%s' and nextval('test_fail_twice_seq') <= 2 then raise exception 'test: write fails for now'; end if;
                  if new.client_id = '%s' then raise exception 'test: write always fails'; end if;
                  return new;
                end $$""".formatted(failsTwice, alwaysFails));
        TestClients.execute(ds, "create trigger test_fail_write before insert or update on peppol_registration for each row execute function test_fail_write()");
        try {
            List<UUID> all = new ArrayList<>(ok);
            all.add(failsTwice);
            all.add(alwaysFails);
            String id = asAdmin().body(Map.of("selection", Map.of("ids", all))).post("/api/peppol/refresh-runs").then().statusCode(202)
                    .extract().path("id");

            JsonPath run = awaitDone(id);
            assertEquals(5, run.getInt("total"));
            assertEquals(5, run.getInt("done"), "every item is accounted for");
            assertEquals(4, run.getInt("registered"));
            assertEquals(1, run.getInt("failed"));
            for (UUID client : ok) asAdmin().get("/api/clients/" + client + "/peppol").then().body("status", is("REGISTERED"));
            asAdmin().get("/api/clients/" + failsTwice + "/peppol").then().body("status", is("REGISTERED"));
            asAdmin().get("/api/clients/" + alwaysFails + "/peppol").then().body("status", nullValue()).body("lastCheck", nullValue());
            assertEquals("FAILED", item(id, alwaysFails, "state"));
            assertEquals(String.valueOf(RefreshRuns.MAX_ATTEMPTS), item(id, alwaysFails, "attempts"));
            assertTrue(item(id, alwaysFails, "error").contains("write always fails"), item(id, alwaysFails, "error"));
            assertEquals("DONE", item(id, failsTwice, "state"));
            assertEquals(List.of("peppol.status:null>REGISTERED", "peppol.accessPoint:null>Acme Access Point"), PeppolLookupTest.history(failsTwice));
        } finally {
            TestClients.execute(ds, "drop trigger test_fail_write on peppol_registration");
            TestClients.execute(ds, "drop function test_fail_write()");
            TestClients.execute(ds, "drop sequence test_fail_twice_seq");
        }
    }

    @Test
    @Order(3)
    void twoWorkersSharingOneRunWriteEveryChangeOnce() throws Exception {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 3 * RefreshRuns.CLAIM_BATCH; i++) clients.add(TestClients.create(ds, registered(), null, "ARCHIVED"));
        // a run owned by another, live instance: only the two workers started here work on it
        String id = TestClients.string(ds, """
                insert into peppol_refresh_run (kind, status, actor_name, total, owner, heartbeat_at, lease_until, started_at)
                values ('MANUAL', 'RUNNING', 'Administrator', ?, 'another-live-instance', now(), now() + interval '10 minutes', now())
                returning id""", clients.size());
        for (UUID client : clients)
            TestClients.execute(ds, "insert into peppol_refresh_item (run_id, client_id) values (?::uuid, ?)", id, client);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) done.add(workers.submit(() -> {
            go.await();
            runs.work(UUID.fromString(id));
            return null;
        }));
        go.countDown();
        for (Future<?> f : done) f.get();
        workers.shutdown();

        // the last worker out finished the run
        JsonPath run = asAdmin().get("/api/peppol/refresh-runs/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("DONE", run.getString("status"));
        assertEquals(clients.size(), run.getInt("done"));
        assertEquals(clients.size(), run.getInt("registered"));
        assertEquals(String.valueOf(clients.size()), TestClients.string(ds,
                "select count(*) from client_history where field = 'peppol.status' and client_id = any(?::uuid[])",
                (Object) clients.stream().map(UUID::toString).toArray(String[]::new)), "one status entry per client");
        assertEquals("0", TestClients.string(ds, "select count(*) from peppol_refresh_item where run_id = ?::uuid and state <> 'DONE'", id));
    }

    @Test
    @Order(3)
    void twoWritersRacingOnOneClientWriteOneHistoryEntry() throws Exception {
        for (int round = 0; round < 10; round++) {
            UUID client = TestClients.create(ds, TestClients.enterpriseNumber(), null, "ARCHIVED");
            LookupResult result = new LookupResult(PeppolStatus.REGISTERED, "0208:x", new AccessPoint("Race AP", "PBE000999", "BE"),
                    "smp.example", "https://ap.example/as4", List.of(), true, null, 1, Duration.ZERO);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService writers = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) done.add(writers.submit(() -> {
                go.await();
                QuarkusTransaction.requiringNew().run(() -> registrations.record(
                        List.of(new PeppolRegistrations.Check(client, result, PeppolRegistrations.Actor.SYSTEM))));
                return null;
            }));
            go.countDown();
            for (Future<?> f : done) f.get();
            writers.shutdown();
            assertEquals(List.of("peppol.status:null>REGISTERED", "peppol.accessPoint:null>Race AP"), PeppolLookupTest.history(client));
        }
    }

    @Test
    @Order(3)
    void runOwnedByAnInstanceWhoseLeaseRunsIsNotTakenOver() {
        String runId = TestClients.string(ds, """
                insert into peppol_refresh_run (kind, status, actor_name, owner, heartbeat_at, lease_until, started_at)
                values ('MANUAL', 'RUNNING', 'busy user', 'instance-still-alive', now() - interval '10 minutes',
                        now() + interval '10 minutes', now() - interval '11 minutes')
                returning id""");
        try {
            assertTrue(runs.resumeStale().stream().noneMatch(id -> id.toString().equals(runId)));
            assertEquals("instance-still-alive", TestClients.string(ds, "select owner from peppol_refresh_run where id = ?::uuid", runId));
        } finally {
            TestClients.execute(ds, "update peppol_refresh_run set status = 'FAILED', finished_at = now() where id = ?::uuid", runId);
        }
    }

    /** Archived clients the network has REGISTERED before, which it now does not know (NXDOMAIN). */
    private List<UUID> registeredClientsThatLeftTheNetwork(int n) {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID client = TestClients.create(ds, TestClients.enterpriseNumber(), null, "ARCHIVED");
            TestClients.execute(ds, """
                    insert into peppol_registration (client_id, status, last_check_outcome, access_point_name, checked_at, confirmed_at)
                    values (?, 'REGISTERED', 'REGISTERED', 'Acme Access Point', now() - interval '1 day', now() - interval '1 day')""", client);
            clients.add(client);
        }
        return clients;
    }

    private static JsonPath awaitStatus(String runId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(asAdmin().get("/api/peppol/refresh-runs/" + runId).then().statusCode(200).extract().path("status")));
        return asAdmin().get("/api/peppol/refresh-runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(3)
    void runThatWouldDeregisterTooManyClientsIsHeldUntilAnAdminConfirms() {
        List<UUID> clients = registeredClientsThatLeftTheNetwork(20);
        String id = asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");

        JsonPath run = awaitStatus(id, "HELD");
        assertEquals(20, run.getInt("done"));
        assertEquals(20, run.getInt("heldDowngrades"));
        assertEquals(20, run.getInt("notRegistered"));
        assertEquals("20", TestClients.string(ds, "select registered_before from peppol_refresh_run where id = ?::uuid", id));
        // held: nothing of the downgrade is written yet, the known state and its access point stay
        for (UUID client : clients) asAdmin().get("/api/clients/" + client + "/peppol").then().body("status", is("REGISTERED"))
                .body("accessPoint.name", is("Acme Access Point")).body("lastCheck.outcome", is("REGISTERED"));
        asAdmin().get("/api/clients/" + clients.get(0)).then().body("peppol.status", is("REGISTERED"));
        assertEquals(List.of(), PeppolLookupTest.history(clients.get(0)));
        assertEquals("20", TestClients.string(ds, "select count(*) from peppol_refresh_item where run_id = ?::uuid and state = 'HELD'", id));

        withSession(sessionFor("STAFF")).post("/api/peppol/refresh-runs/" + id + "/confirm").then().statusCode(403);
        asAdmin().post("/api/peppol/refresh-runs/" + id + "/confirm").then().statusCode(200)
                .body("status", is("DONE")).body("decidedBy", is("Admin"));
        for (UUID client : clients) asAdmin().get("/api/clients/" + client + "/peppol").then().body("status", is("NOT_REGISTERED"))
                .body("accessPoint", nullValue()).body("lastCheck.outcome", is("NOT_REGISTERED"));
        assertEquals(List.of("peppol.status:REGISTERED>NOT_REGISTERED", "peppol.accessPoint:Acme Access Point>null"),
                PeppolLookupTest.history(clients.get(0)));
        assertEquals("0", TestClients.string(ds, "select count(*) from peppol_refresh_item where run_id = ?::uuid and state <> 'DONE'", id));
        asAdmin().post("/api/peppol/refresh-runs/" + id + "/confirm").then().statusCode(409)
                .contentType("application/problem+json");
        counts.assertCountsMatchRecount();
    }

    @Test
    @Order(3)
    void theGuardHoldsMoreThanItsShareOfRegisteredClientsAndAtLeastItsMinimum() {
        // defaults: more than 5 % of the run's previously registered clients, and at least 20
        assertTrue(runs.guardTrips(20, 20));
        assertTrue(runs.guardTrips(20, 399), "20 of 399 is more than 5 %");
        assertTrue(!runs.guardTrips(20, 400), "20 of 400 is 5 %, not more");
        assertTrue(!runs.guardTrips(19, 19), "fewer than 20 always land");
        assertTrue(!runs.guardTrips(30, 1000), "3 % land");
        assertTrue(runs.guardTrips(51, 1000));
    }

    @Test
    @Order(3)
    void heldDowngradesDiscardedByAnAdminLeaveTheKnownState() {
        List<UUID> clients = registeredClientsThatLeftTheNetwork(20);
        String id = asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");
        awaitStatus(id, "HELD");
        asAdmin().post("/api/peppol/refresh-runs/" + id + "/discard").then().statusCode(200).body("status", is("DONE"));
        for (UUID client : clients) asAdmin().get("/api/clients/" + client + "/peppol").then().body("status", is("REGISTERED"))
                .body("accessPoint.name", is("Acme Access Point"));
        assertEquals(List.of(), PeppolLookupTest.history(clients.get(0)));
    }

    @Test
    @Order(3)
    void fewDeregistrationsLandAtTheEndOfTheRun() {
        List<UUID> clients = registeredClientsThatLeftTheNetwork(1);
        UUID stillRegistered = TestClients.create(ds, registered(), null, "ARCHIVED");
        clients.add(stillRegistered);
        String id = asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");
        JsonPath run = awaitDone(id);
        assertEquals(1, run.getInt("heldDowngrades"));
        asAdmin().get("/api/clients/" + clients.get(0) + "/peppol").then().body("status", is("NOT_REGISTERED"))
                .body("lastCheck.outcome", is("NOT_REGISTERED"));
        assertEquals(List.of("peppol.status:REGISTERED>NOT_REGISTERED", "peppol.accessPoint:Acme Access Point>null"),
                PeppolLookupTest.history(clients.get(0)));
    }

    @Test
    @Order(3)
    void runEndsWithoutChangingAnythingWhenTheSmlCannotBeSeen() {
        // stands in for a resolver that cannot see the SML zone (SmlZoneCheck asks the look-up for the zone SOA)
        QuarkusMock.installMockForType(new SmlZoneCheck() {
            @Override
            public Optional<LookupFailure> problem() {
                return Optional.of(LookupError.SML_ZONE_NO_SOA.of("zone", PeppolTestPeers.ZONE));
            }
        }, SmlZoneCheck.class);
        List<UUID> clients = registeredClientsThatLeftTheNetwork(1);
        String id = asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");
        JsonPath run = awaitStatus(id, "FAILED");
        assertTrue(run.getString("error").contains("SML cannot be seen"), run.getString("error"));
        assertEquals("lookup.sml_zone_no_soa", run.getString("errorCode"));
        assertEquals(Map.of("zone", PeppolTestPeers.ZONE), run.getMap("errorParams"));
        assertEquals(0, run.getInt("done"));
        asAdmin().get("/api/clients/" + clients.get(0) + "/peppol").then().body("status", is("REGISTERED"))
                .body("lastCheck.outcome", is("REGISTERED"));
        assertEquals("PENDING", item(id, clients.get(0), "state"));
    }

    @Test
    @Order(3)
    void finishedRunsKeepTheirItemsForTheRetentionPeriod() {
        UUID client = TestClients.create(ds, null, null, "ARCHIVED");
        String old = finishedRun(client, "31 days");
        String recent = finishedRun(client, "1 day");
        runs.purge();
        assertEquals("0", TestClients.string(ds, "select count(*) from peppol_refresh_item where run_id = ?::uuid", old));
        assertEquals("1", TestClients.string(ds, "select count(*) from peppol_refresh_item where run_id = ?::uuid", recent));
        asAdmin().get("/api/peppol/refresh-runs/" + old).then().statusCode(200).body("status", is("DONE"));
    }

    private String finishedRun(UUID client, String age) {
        String runId = TestClients.string(ds, """
                insert into peppol_refresh_run (kind, status, actor_name, total, done, created_at, finished_at)
                values ('MANUAL', 'DONE', 'someone', 1, 1, now() - interval '%s', now() - interval '%s') returning id""".formatted(age, age));
        TestClients.execute(ds, "insert into peppol_refresh_item (run_id, client_id, state, outcome) values (?::uuid, ?, 'DONE', 'NO_IDENTIFIER')",
                runId, client);
        return runId;
    }

    private String item(String runId, UUID client, String column) {
        return TestClients.string(ds, "select " + column + "::text from peppol_refresh_item where run_id = ?::uuid and client_id = ?", runId, client);
    }

    @Test
    @Order(4)
    void nightlyTriggerFiredByTwoInstancesAtOnceMakesOneRun() throws Exception {
        UUID client = TestClients.create(ds, registered(), null);
        LocalDate date = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<Future<Optional<UUID>>> fired = new ArrayList<>();
        for (int i = 0; i < 2; i++) fired.add(instances.submit(() -> {
            go.await();
            return runs.startNightly(date);
        }));
        go.countDown();
        int created = 0;
        for (Future<Optional<UUID>> f : fired) created += f.get().isPresent() ? 1 : 0;
        instances.shutdown();
        assertEquals(1, created);

        List<Map<String, Object>> nightly = asAdmin().get("/api/peppol/refresh-runs?limit=200").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.runDate == '" + date + "' }");
        assertEquals(1, nightly.size());
        assertEquals("NIGHTLY", nightly.get(0).get("kind"));
        assertEquals("system", nightly.get(0).get("actorName"));

        // Other test classes leave REGISTERED clients the fake network does not know: the downgrade guard may hold
        // the nightly run; the new registration is applied all the same.
        String nightlyId = (String) nightly.get(0).get("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("DONE", "HELD")
                .contains(asAdmin().get("/api/peppol/refresh-runs/" + nightlyId).then().statusCode(200).extract().path("status")));
        if ("HELD".equals(asAdmin().get("/api/peppol/refresh-runs/" + nightlyId).then().extract().path("status")))
            asAdmin().post("/api/peppol/refresh-runs/" + nightlyId + "/discard").then().statusCode(200).body("status", is("DONE"));
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200).body("status", is("REGISTERED"));
        asAdmin().get("/api/clients/" + client + "/history").then().statusCode(200)
                .body("items.findAll { it.field == 'peppol.status' }.actorName", is(List.of("system")))
                .body("items.findAll { it.field == 'peppol.status' }.actorId", is(java.util.Arrays.asList((Object) null)));
        assertTrue(runs.startNightly(date).isEmpty(), "a later trigger on the same date does nothing");
    }
}
