package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.adminToken;
import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Endpoint;
import be.fiduciaire.tracker.peppol.fake.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** Issue 12, diagnosis per client: each reason code from fake SMP answers, on the card and through the one filter. */
@QuarkusTest
@QuarkusTestResource(PeppolTestPeers.class)
class PeppolDiagnosisTest {
    static final X509Certificate BILLIT = TestCertificates.accessPoint("Billit NV", "PBE000321", "BE");

    @Inject
    DataSource ds;

    static FakeSmp smp() {
        return PeppolTestPeers.smp();
    }

    /** Publishes the participant at the fake SMP with an invoice (and, unless told, a credit-note) endpoint. */
    static void at(String participant, X509Certificate certificate, boolean creditNotes) {
        PeppolTestPeers.publish(participant, smp().baseUrl());
        FakeSmp.Participant p = smp().participant(participant).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.example/as4", certificate));
        if (creditNotes) p.endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.example/as4", certificate));
    }

    static List<String> codes(UUID client) {
        return PeppolLookupTest.refresh(client).extract().jsonPath().getList("reasons.code");
    }

    /** The clients of {@code ids} the list finds with this filter. */
    static List<String> filtered(String filter, UUID... ids) {
        String in = String.join(",", java.util.Arrays.stream(ids).map(UUID::toString).toList());
        return asAdmin().queryParam("filter", "id=in=(" + in + ");" + filter).get("/api/clients").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    @Test
    void registeredUnder9925OnlyIsOnly9925() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        at("9925:BE" + number, PeppolLookupTest.ACME, true);

        PeppolLookupTest.refresh(client).body("status", is("REGISTERED"))
                .body("reasons.code", is(List.of("only_9925")))
                .body("reasons[0].params.participantId", is("9925:BE" + number))
                .body("identifiers.scheme", is(List.of("0208", "9925")))
                .body("identifiers.status", is(List.of("NOT_REGISTERED", "REGISTERED")));
        assertEquals(List.of(client.toString()), filtered("peppol.reason==only_9925", client));
        assertEquals(List.of(), filtered("peppol.reason==split_access_points", client));
    }

    @Test
    void a0208LookupThatFailsSaysNothingAbout9925Only() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        PeppolTestPeers.dns().servfail(PeppolTestPeers.dnsName("0208:" + number));
        at("9925:BE" + number, PeppolLookupTest.ACME, true);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).body("reasons", is(List.of()))
                .body("identifiers.status", is(List.of("LOOKUP_FAILED", "REGISTERED")));
    }

    @Test
    void twoAccessPointsAreSplit() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        at("0208:" + number, PeppolLookupTest.ACME, true);
        at("9925:BE" + number, PeppolLookupTest.OTHER, true);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).body("participantId", is("0208:" + number))
                .body("reasons.code", is(List.of("split_access_points")))
                .body("reasons[0].params.accessPoint0208", is("Acme Access Point"))
                .body("reasons[0].params.accessPoint9925", is("Other Provider NV"));
        assertEquals(List.of(client.toString()), filtered("peppol.reason=in=(split_access_points,hermes_leftover)", client));
    }

    @Test
    void theSameAccessPointForBothIsNoReason() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        at("0208:" + number, PeppolLookupTest.ACME, true);
        at("9925:BE" + number, PeppolLookupTest.ACME, true);
        assertEquals(List.of(), codes(client));
        assertEquals(List.of(client.toString()), filtered("peppol.reason=empty=true", client));
    }

    @Test
    void aHermesRegistrationBeside9925IsAHermesLeftover() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        PeppolTestPeers.publish("0208:" + number, smp().hermesBaseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.hermes-belgium.be/as4", PeppolLookupTest.HERMES));
        at("9925:BE" + number, PeppolLookupTest.ACME, true);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED"))
                .body("reasons.code", is(List.of("only_9925", "hermes_leftover")))
                .body("reasons[1].params.participantId", is("0208:" + number));
        assertEquals(List.of(client.toString()), filtered("peppol.reason==hermes_leftover", client));
        assertEquals(List.of(), filtered("peppol.reason!=hermes_leftover", client));
    }

    @Test
    void invoicesWithoutCreditNotes() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        at("0208:" + number, PeppolLookupTest.ACME, false);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).body("reasons.code", is(List.of("no_credit_notes")))
                .body("reasons[0].params.accessPoint", is("Acme Access Point"));
    }

    @Test
    void aCertificateEndingWithin30DaysIsExpiring() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        Instant end = Instant.now().plus(Duration.ofDays(10));
        at("0208:" + number, TestCertificates.accessPoint("Acme Access Point", "PBE000123", "BE", TestCertificates.AP_CA,
                Instant.now().minus(Duration.ofDays(300)), end), true);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).body("reasons.code", is(List.of("certificate_expiring")))
                .body("reasons[0].params.expiresAt", is(end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        // a certificate valid for longer is none
        String later = TestClients.enterpriseNumber();
        UUID other = TestClients.create(ds, later, null);
        at("0208:" + later, TestCertificates.accessPoint("Acme Access Point", "PBE000123", "BE", TestCertificates.AP_CA,
                Instant.now().minus(Duration.ofDays(300)), Instant.now().plus(Duration.ofDays(31))), true);
        assertEquals(List.of(), codes(other));
    }

    @Test
    void anAccessPointWhoseSoftwareIsNotTheDeclaredOneIsAMismatchUntilTheSoftwareIsUpdated() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        asAdmin().body(Map.of("customFields", Map.of("peppol_software_receive", "odoo"))).patch("/api/clients/" + client).then().statusCode(200);
        at("0208:" + number, BILLIT, true);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED"))
                .body("accessPointSoftware", is("billit"))
                .body("reasons.code", is(List.of("software_mismatch")))
                .body("reasons[0].params.software", is("billit"))
                .body("reasons[0].params.declared", is("odoo"));
        assertEquals(List.of(client.toString()), filtered("peppol.reason==software_mismatch", client));

        // the user takes the suggested software: the mismatch is gone at once, without a look-up
        asAdmin().body(Map.of("customFields", Map.of("peppol_software_receive", "billit"))).patch("/api/clients/" + client).then().statusCode(200);
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200).body("reasons.code", not(hasItem("software_mismatch")));
        assertEquals(List.of(), filtered("peppol.reason==software_mismatch", client));

        // no declared software: nothing to contradict, the card still knows the access point's software
        String unknown = TestClients.enterpriseNumber();
        UUID undeclared = TestClients.create(ds, unknown, null);
        at("0208:" + unknown, BILLIT, true);
        PeppolLookupTest.refresh(undeclared).body("reasons", is(List.of())).body("accessPointSoftware", is("billit"));
    }

    /** Applies a CSV import (as Belgian Excel writes it) setting the declared receiving software of one client. */
    private static void importSoftware(String enterpriseNumber, String software) {
        byte[] csv = ("enterpriseNumber;peppol_software_receive\r\n" + enterpriseNumber + ";" + software + "\r\n").getBytes(StandardCharsets.UTF_8);
        RestAssured.given().header("Authorization", "Bearer " + adminToken()).multiPart("file", "software.csv", csv, "text/csv")
                .queryParam("dryRun", false).post("/api/clients/import").then().statusCode(200)
                .body("changed", is(1)).body("errors", is(List.of()));
    }

    @Test
    void anImportThatChangesTheReceivingSoftwareDerivesTheDiagnosisAgainAsTheBulkEditDoes() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        at("0208:" + number, BILLIT, true);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).body("accessPointSoftware", is("billit")).body("reasons", is(List.of()));

        // the import declares another software than the access point's: the mismatch appears at once, without a look-up
        importSoftware(number, "odoo");
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200)
                .body("reasons.code", is(List.of("software_mismatch")))
                .body("reasons[0].params.software", is("billit")).body("reasons[0].params.declared", is("odoo"));
        assertEquals(List.of(client.toString()), filtered("peppol.reason==software_mismatch", client));

        // a second import takes the access point's software: the mismatch is gone, on the card and for the filter
        importSoftware(number, "billit");
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200).body("reasons", is(List.of()));
        assertEquals(List.of(), filtered("peppol.reason==software_mismatch", client));
    }

    @Test
    void anUnknownReasonCodeIsRefusedByTheFilter() {
        asAdmin().queryParam("filter", "peppol.reason==nope").get("/api/clients").then().statusCode(400)
                .body("errors[0].code", is("filter.value"));
    }
}
