package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The finding of issue 8, end to end: on a machine whose resolver answers NXDOMAIN without SOA for every name (this
 * closed network), "Refresh now" turned a registered client into "not registered" and a run of three registered
 * clients ended "done 3/3, failures 0". Nothing known may be erased by such a resolver.
 */
@QuarkusTest
class BlackholeResolverTest {
    @Inject
    DataSource ds;

    private List<UUID> threeRegisteredClients() {
        List<UUID> clients = List.of(TestClients.create(ds, PeppolRefreshRunTest.registered(), null),
                TestClients.create(ds, PeppolRefreshRunTest.registered(), null),
                TestClients.create(ds, PeppolRefreshRunTest.registered(), null));
        for (UUID client : clients) {
            asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200).body("status", is("REGISTERED"));
        }
        return clients;
    }

    private static void assertStillRegisteredAtAcme(UUID client) {
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("accessPoint.name", is("Acme Access Point"))
                .body("confirmedAt", notNullValue());
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(client));
    }

    @Test
    void refreshNowThroughABlackholeResolverKeepsTheKnownRegistrationAndSaysTheLookUpFailed() {
        List<UUID> clients = threeRegisteredClients();
        PeppolTestPeers.dns().blackhole(true);
        try {
            asAdmin().post("/api/clients/" + clients.get(0) + "/peppol/refresh").then().statusCode(200)
                    .body("status", is("REGISTERED"))
                    .body("lastCheck.outcome", is("LOOKUP_FAILED"))
                    .body("lastCheck.error", containsString("SOA"))
                    .body("lastCheck.errorCode", is("lookup.nxdomain_without_soa"))
                    .body("lastCheck.errorParams.zone", is(PeppolTestPeers.ZONE));
        } finally {
            PeppolTestPeers.dns().blackhole(false);
        }
        assertStillRegisteredAtAcme(clients.get(0));
    }

    /**
     * The zone can be seen, so the run starts; then each client's name answers like a broken resolver — NXDOMAIN
     * without the zone's SOA, SERVFAIL, or nothing at all. Each look-up failed: the run says so in its failures,
     * and every client keeps what was known, access point and {@code peppol_registered} included.
     */
    @Test
    void runWhoseLookUpsMeetABrokenResolverCountsThemAsFailuresAndKeepsEveryKnownState() {
        String withoutSoa = PeppolRefreshRunTest.registered();
        String servfail = PeppolRefreshRunTest.registered();
        String silent = PeppolRefreshRunTest.registered();
        List<UUID> clients = List.of(TestClients.create(ds, withoutSoa, null), TestClients.create(ds, servfail, null),
                TestClients.create(ds, silent, null));
        for (UUID client : clients)
            asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200).body("status", is("REGISTERED"));
        PeppolTestPeers.dns().nxdomainWithoutSoa(PeppolTestPeers.dnsName("0208:" + withoutSoa));
        PeppolTestPeers.dns().nxdomainWithoutSoa(PeppolTestPeers.dnsName("9925:BE" + withoutSoa));
        PeppolTestPeers.dns().servfail(PeppolTestPeers.dnsName("0208:" + servfail));
        PeppolTestPeers.dns().noAnswer(PeppolTestPeers.dnsName("0208:" + silent));

        String id = asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs")
                .then().statusCode(202).extract().path("id");
        JsonPath run = PeppolRefreshRunTest.awaitDone(id);
        assertEquals(3, run.getInt("done"));
        assertEquals(3, run.getInt("failed"), "every look-up failed, and the run says so");
        assertEquals(0, run.getInt("notRegistered"));
        assertEquals(0, run.getInt("registered"));
        assertEquals(0, run.getInt("heldDowngrades"));
        for (UUID client : clients) {
            assertStillRegisteredAtAcme(client);
            asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200).body("lastCheck.outcome", is("LOOKUP_FAILED"));
        }
        asAdmin().get("/api/clients/" + clients.get(0) + "/peppol").then().body("lastCheck.error", containsString("without the SML zone's SOA"))
                .body("lastCheck.errorCode", is("lookup.nxdomain_without_soa"));
        asAdmin().get("/api/clients/" + clients.get(1) + "/peppol").then().body("lastCheck.error", containsString("SERVFAIL"))
                .body("lastCheck.errorCode", is("lookup.dns_servfail"));
        asAdmin().get("/api/clients/" + clients.get(2) + "/peppol").then().body("lastCheck.error", containsString("DNS query"))
                .body("lastCheck.errorCode", is("lookup.dns_timeout"));
        // the run's page says the same, coded
        JsonPath failures = asAdmin().get("/api/peppol/refresh-runs/" + id + "/failures").then().statusCode(200).extract().jsonPath();
        Map<String, String> codes = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) codes.put(failures.getString("[" + i + "].clientId"), failures.getString("[" + i + "].errorCode"));
        assertEquals(Map.of(clients.get(0).toString(), "lookup.nxdomain_without_soa", clients.get(1).toString(), "lookup.dns_servfail",
                clients.get(2).toString(), "lookup.dns_timeout"), codes);
        String withoutSoaName = PeppolTestPeers.dnsName("0208:" + withoutSoa);
        String servfailName = PeppolTestPeers.dnsName("0208:" + servfail);
        assertEquals(List.of(withoutSoaName, servfailName), List.of(
                failures.getString("find { it.errorCode == 'lookup.nxdomain_without_soa' }.errorParams.name"),
                failures.getString("find { it.errorCode == 'lookup.dns_servfail' }.errorParams.name")));
    }

    @Test
    void runThroughABlackholeResolverChangesNothingAndReportsWhy() {
        List<UUID> clients = threeRegisteredClients();
        PeppolTestPeers.dns().blackhole(true);
        JsonPath run;
        try {
            String id = asAdmin().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs")
                    .then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("DONE", "FAILED", "HELD")
                    .contains(asAdmin().get("/api/peppol/refresh-runs/" + id).then().statusCode(200).extract().<String>path("status")));
            run = asAdmin().get("/api/peppol/refresh-runs/" + id).then().statusCode(200).extract().jsonPath();
        } finally {
            PeppolTestPeers.dns().blackhole(false);
        }
        assertEquals("FAILED", run.getString("status"));
        assertEquals(0, run.getInt("notRegistered"));
        assertTrue(run.getString("error").contains("SML cannot be seen"), run.getString("error"));
        assertEquals("lookup.sml_zone_rcode", run.getString("errorCode"), run.getString("error"));
        assertEquals(Map.of("zone", PeppolTestPeers.ZONE, "rcode", "NXDOMAIN"), run.getMap("errorParams"));
        for (UUID client : clients) assertStillRegisteredAtAcme(client);
    }
}
