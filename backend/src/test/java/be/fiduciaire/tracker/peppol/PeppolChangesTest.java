package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Endpoint;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Fault;
import be.fiduciaire.tracker.peppol.fake.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Issue 12, what changed last night: the change feed every refresh writes, and GET /api/peppol/changes. */
@QuarkusTest
@QuarkusTestResource(PeppolTestPeers.class)
class PeppolChangesTest {
    @Inject
    DataSource ds;

    static FakeSmp smp() {
        return PeppolTestPeers.smp();
    }

    static String run(List<UUID> clients) {
        return asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");
    }

    static void awaitStatus(String runId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(asAdmin().get("/api/peppol/refresh-runs/" + runId).then().statusCode(200).extract().path("status")));
    }

    /** The changes of these clients as kind:from>to, oldest first. */
    static List<String> changes(UUID... clients) {
        List<String> out = new ArrayList<>();
        for (UUID client : clients) {
            List<Map<String, Object>> items = asAdmin().queryParam("size", 500).get("/api/peppol/changes").then().statusCode(200)
                    .extract().jsonPath().getList("items.findAll { it.clientId == '" + client + "' }");
            for (Map<String, Object> item : items) out.add(0, item.get("kind") + ":" + item.get("from") + ">" + item.get("to"));
        }
        return out;
    }

    static void at(String number, java.security.cert.X509Certificate certificate) {
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.example/as4", certificate))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.example/as4", certificate));
    }

    @Test
    void twoRunsRecordTheSwitchedAndTheDroppedClientButNotTheOneWhoseLookupFailed() {
        String switching = TestClients.enterpriseNumber();
        String dropping = TestClients.enterpriseNumber();
        String failing = TestClients.enterpriseNumber();
        String steady = TestClients.enterpriseNumber();
        UUID switched = TestClients.create(ds, switching, null, "ARCHIVED");
        UUID dropped = TestClients.create(ds, dropping, null, "ARCHIVED");
        UUID failed = TestClients.create(ds, failing, null, "ARCHIVED");
        UUID same = TestClients.create(ds, steady, null, "ARCHIVED");
        for (String n : List.of(switching, dropping, failing, steady)) at(n, PeppolLookupTest.ACME);
        List<UUID> clients = List.of(switched, dropped, failed, same);

        String first = run(clients);
        awaitStatus(first, "DONE");
        for (UUID c : clients) assertEquals(List.of("REGISTERED:null>Acme Access Point"), changes(c));

        // the next night: one switched access point, one left the network, one SMP answers 500, one is unchanged
        at(switching, PeppolLookupTest.OTHER);
        smp().participant("0208:" + dropping).fault(Fault.NOT_FOUND);
        smp().participant("0208:" + failing).fault(Fault.SERVER_ERROR);
        String second = run(clients);
        awaitStatus(second, "DONE");

        assertEquals(List.of("REGISTERED:null>Acme Access Point", "SWITCHED_ACCESS_POINT:Acme Access Point>Other Provider NV"), changes(switched));
        assertEquals(List.of("REGISTERED:null>Acme Access Point", "DEREGISTERED:Acme Access Point>NOT_REGISTERED"), changes(dropped));
        assertEquals(List.of("REGISTERED:null>Acme Access Point"), changes(failed), "a failed look-up never deregisters");
        assertEquals(List.of("REGISTERED:null>Acme Access Point"), changes(same));
        assertEquals(second, TestClients.string(ds, "select run_id::text from peppol_change where client_id = ? and kind = 'SWITCHED_ACCESS_POINT'", switched));

        // filters: kind (repeated or comma list), since, and the paging envelope
        JsonPath page = asAdmin().queryParam("kind", "SWITCHED_ACCESS_POINT,DEREGISTERED").queryParam("size", 500)
                .get("/api/peppol/changes").then().statusCode(200).body("page", is(0)).body("size", is(500)).extract().jsonPath();
        List<String> ids = page.getList("items.clientId");
        assertEquals(true, ids.contains(switched.toString()) && ids.contains(dropped.toString()) && !ids.contains(same.toString()));
        assertEquals(List.of("Client " + TestClients.string(ds, "select reference from client where id = ?", switched).substring(0)),
                page.getList("items.findAll { it.clientId == '" + switched + "' }.clientName"));
        // a year ahead: later than any change the other tests write into the shared database (the digest test
        // writes "the next morning" a few hours ahead)
        asAdmin().queryParam("since", Instant.now().plus(Duration.ofDays(365)).toString()).get("/api/peppol/changes").then()
                .statusCode(200).body("total", is(0));
        asAdmin().queryParam("kind", "NOPE").get("/api/peppol/changes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("kind")).body("errors[0].code", is("type.enum"));
        asAdmin().queryParam("since", "yesterday").get("/api/peppol/changes").then().statusCode(400).body("errors[0].code", is("format"));
    }

    @Test
    void theResponsibleUserFilterKeepsTheirClients() {
        String number = TestClients.enterpriseNumber();
        UUID mine = TestClients.create(ds, number, null, "ARCHIVED");
        at(number, PeppolLookupTest.ACME);
        String user = TestClients.string(ds, "select id::text from app_user where lower(email) = 'admin@test.local'");
        assertNotNull(user);
        TestClients.execute(ds, "update client set responsible_user_id = ?::uuid where id = ?", user, mine);
        PeppolLookupTest.refresh(mine).body("status", is("REGISTERED"));
        List<String> kept = asAdmin().queryParam("responsibleUserId", user).queryParam("size", 500).get("/api/peppol/changes").then()
                .statusCode(200).extract().jsonPath().getList("items.responsibleUserId");
        assertEquals(true, !kept.isEmpty() && kept.stream().allMatch(user::equals));
        List<String> none = asAdmin().queryParam("responsibleUserId", UUID.randomUUID().toString()).get("/api/peppol/changes").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertEquals(0, none.size());
        // a single client's refresh is recorded without a run
        assertEquals(null, TestClients.string(ds, "select run_id::text from peppol_change where client_id = ?", mine));
    }

    @Test
    void creditNotesLostAndACertificateExpiringAreToldOnce() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null, "ARCHIVED");
        at(number, PeppolLookupTest.ACME);
        PeppolLookupTest.refresh(client).body("canReceiveCreditNotes", is(true));
        Instant end = Instant.now().plus(Duration.ofDays(20));
        var expiring = TestCertificates.accessPoint("Acme Access Point", "PBE000123", "BE", TestCertificates.AP_CA,
                Instant.now().minus(Duration.ofDays(300)), end);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.example/as4", expiring));
        PeppolLookupTest.refresh(client).body("canReceiveCreditNotes", is(false));
        PeppolLookupTest.refresh(client);
        PeppolLookupTest.refresh(client);
        String endText = end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertEquals(List.of("REGISTERED:null>Acme Access Point", "LOST_CREDIT_NOTES:Acme Access Point>null",
                "CERTIFICATE_EXPIRING:Acme Access Point>" + endText), changes(client), "the expiry is told once, not at every check");
    }

    @Test
    void aHeldRunsDowngradesAreChangesOnlyOnceConfirmed() {
        List<UUID> held = registeredThatLeft(20);
        String id = run(held);
        awaitStatus(id, "HELD");
        assertEquals(0L, Long.parseLong(TestClients.string(ds, "select count(*) from peppol_change where run_id = ?::uuid", id)));
        asAdmin().post("/api/peppol/refresh-runs/" + id + "/confirm").then().statusCode(200).body("status", is("DONE"));
        assertEquals(20L, Long.parseLong(TestClients.string(ds,
                "select count(*) from peppol_change where run_id = ?::uuid and kind = 'DEREGISTERED'", id)));

        List<UUID> discarded = registeredThatLeft(20);
        String other = run(discarded);
        awaitStatus(other, "HELD");
        asAdmin().post("/api/peppol/refresh-runs/" + other + "/discard").then().statusCode(200).body("status", is("DONE"));
        for (UUID c : discarded) assertEquals(List.of(), changes(c));
    }

    private List<UUID> registeredThatLeft(int n) {
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
}
