package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.containsString;
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
                .body("items.findAll { it.field == 'peppol.status' }.actorName", is(List.of("Administrator")));
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(registered));
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
                insert into peppol_refresh_run (kind, status, actor_name, total, owner, heartbeat_at, started_at)
                values ('MANUAL', 'RUNNING', 'crashed user', 6, 'instance-that-crashed', now() - interval '10 minutes', now() - interval '11 minutes')
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

        awaitDone((String) nightly.get(0).get("id"));
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200).body("status", is("REGISTERED"));
        asAdmin().get("/api/clients/" + client + "/history").then().statusCode(200)
                .body("items.findAll { it.field == 'peppol.status' }.actorName", is(List.of("system")))
                .body("items.findAll { it.field == 'peppol.status' }.actorId", is(java.util.Arrays.asList((Object) null)));
        assertTrue(runs.startNightly(date).isEmpty(), "a later trigger on the same date does nothing");
    }
}
