package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static be.fiduciaire.tracker.support.Api.withSession;
import static be.fiduciaire.tracker.support.Api.sessionFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.cert.X509Certificate;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** Each classification of a client's registration, through POST /api/clients/{id}/peppol/refresh against fake peers. */
@QuarkusTest
@QuarkusTestResource(PeppolTestPeers.class)
class PeppolLookupTest {
    static final X509Certificate ACME = TestCertificates.accessPoint("Acme Access Point", "PBE000123", "BE");
    static final X509Certificate OTHER = TestCertificates.accessPoint("Other Provider NV", "PNL000777", "NL");
    static final X509Certificate HERMES = TestCertificates.accessPoint("FPS BOSA", "PBE000001", "BE");

    @Inject
    DataSource ds;

    static FakeSmp smp() {
        return PeppolTestPeers.smp();
    }

    static ValidatableResponse refresh(UUID clientId) {
        return asAdmin().post("/api/clients/" + clientId + "/peppol/refresh").then().statusCode(200);
    }

    @Test
    void clientWithAnActiveInvoiceEndpointIsRegisteredWithTheAccessPointOfTheCertificate() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.acme.example/as4", ACME));

        refresh(client)
                .body("status", is("REGISTERED"))
                .body("lastCheck.outcome", is("REGISTERED"))
                .body("participantId", is("0208:" + number))
                .body("accessPoint.name", is("Acme Access Point"))
                .body("accessPoint.seatId", is("PBE000123"))
                .body("accessPoint.country", is("BE"))
                .body("smpHost", is("127.0.0.1"))
                .body("endpointUrl", is("https://ap.acme.example/as4"))
                .body("documentTypes", hasSize(2))
                .body("documentTypes[0]", containsString("Invoice-2::Invoice"))
                .body("canReceiveInvoices", is(true))
                .body("canReceiveCreditNotes", is(true))
                .body("lastCheck.at", notNullValue())
                .body("confirmedAt", notNullValue())
                .body("lastCheck.error", nullValue());
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200)
                .body("status", is("REGISTERED")).body("accessPoint.name", is("Acme Access Point"));
        assertEquals("Acme Access Point", peppolRegistered(client));
        // 9925 is judged on its own too (diagnosis), but the SML does not know it here: its SMP is never asked
        assertEquals(0, smp().requests("9925:BE" + number));
    }

    @Test
    void clientUnknownToTheSmlIsNotRegistered() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        refresh(client)
                .body("status", is("NOT_REGISTERED"))
                .body("participantId", nullValue())
                .body("accessPoint", nullValue())
                .body("canReceiveInvoices", is(false));
        assertNull(peppolRegistered(client));
    }

    @Test
    void participantKnownToTheSmlButUnknownToItsSmpIsNotRegistered() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).fault(Fault.NOT_FOUND);
        refresh(client).body("status", is("NOT_REGISTERED")).body("smpHost", is("127.0.0.1"));
    }

    @Test
    void clientRegisteredOnlyUnderItsVatNumberIsRegisteredUnder9925() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        PeppolTestPeers.publish("9925:BE" + number, smp().altBaseUrl());
        smp().participant("9925:BE" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.other.example/as4", OTHER));

        refresh(client)
                .body("status", is("REGISTERED"))
                .body("participantId", is("9925:BE" + number))
                .body("accessPoint.name", is("Other Provider NV"))
                .body("accessPoint.country", is("NL"))
                .body("smpHost", is("localhost"));
    }

    @Test
    void clientWithOnlyAVatNumberIsLookedUpUnderBothIdentifiers() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, null, "BE" + number);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME));
        refresh(client).body("status", is("REGISTERED")).body("participantId", is("0208:" + number));
    }

    @Test
    void clientWhoseOnlyEndpointIsHermesIsHermesOnly() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.hermes-belgium.be/as4", HERMES))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.hermes-belgium.be/as4", HERMES));
        refresh(client)
                .body("status", is("HERMES_ONLY"))
                .body("accessPoint.name", is("FPS BOSA"))
                .body("canReceiveInvoices", is(false)) // Hermes was switched off on 31 December 2025
                .body("canReceiveCreditNotes", is(false));
        assertNull(peppolRegistered(client), "Hermes is not a chosen access point");
    }

    @Test
    void clientRegisteredOnlyForCreditNotesIsNotRegisteredForInvoices() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.acme.example/as4", ACME));
        refresh(client)
                .body("status", is("NOT_REGISTERED"))
                .body("participantId", is("0208:" + number))
                .body("canReceiveInvoices", is(false))
                .body("documentTypes", hasSize(1))
                .body("documentTypes[0]", containsString("CreditNote-2::CreditNote"))
                .body("canReceiveCreditNotes", is(true))
                .body("accessPoint", nullValue()); // the access point is the invoice endpoint's only
        assertNull(peppolRegistered(client));
    }

    @Test
    void clientWhoseInvoiceEndpointExpiredCannotReceiveInvoices() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.expired("https://ap.acme.example/as4", ACME));
        refresh(client).body("status", is("NOT_REGISTERED")).body("canReceiveInvoices", is(false));
    }

    @Test
    void smpRedirectIsFollowedOnce() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.other.example/as4", OTHER))
                .redirect(FakeSmp.INVOICE);
        refresh(client).body("status", is("REGISTERED")).body("accessPoint.name", is("Other Provider NV"));
        assertEquals(3, smp().requests("0208:" + number), "ServiceGroup, the redirecting metadata and the redirected one");
    }

    @Test
    void clientWithoutAnyIdentifierHasNoIdentifier() {
        UUID client = TestClients.create(ds, null, null);
        refresh(client).body("status", is("NO_IDENTIFIER")).body("participantId", nullValue());
        UUID invalid = TestClients.create(ds, "0123456700", "NL123456789B01");
        refresh(invalid).body("status", is("NO_IDENTIFIER"));
    }

    @Test
    void smpServerErrorIsALookupFailure() {
        assertFailure(Fault.SERVER_ERROR, "500", "lookup.smp_server_error")
                .body("lastCheck.errorParams.status", is(500))
                .body("lastCheck.errorParams.request", is("ServiceGroup"))
                .body("lastCheck.errorParams.host", is("127.0.0.1"));
    }

    @Test
    void malformedSmpAnswerIsALookupFailure() {
        assertFailure(Fault.MALFORMED, "ServiceGroup", "lookup.smp_malformed")
                .body("lastCheck.errorParams.request", is("ServiceGroup"))
                .body("lastCheck.errorParams.detail", containsString("XML"));
    }

    @Test
    void slowSmpIsALookupFailure() {
        // the test profile's peppol.smp-response-timeout: 2 s
        assertFailure(Fault.SLOW, "the SMP did not answer within 2 s", "lookup.smp_timeout")
                .body("lastCheck.errorParams.seconds", is(2))
                .body("lastCheck.errorParams.request", is("ServiceGroup"));
    }

    private ValidatableResponse assertFailure(Fault fault, String errorPart, String code) {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        smp().participant("0208:" + number).fault(fault);
        // nothing conclusive was ever learnt: the status itself is LOOKUP_FAILED
        return refresh(client)
                .body("status", is("LOOKUP_FAILED"))
                .body("lastCheck.outcome", is("LOOKUP_FAILED"))
                .body("lastCheck.error", containsString(errorPart))
                .body("lastCheck.errorCode", is(code))
                .body("lastCheck.at", notNullValue())
                .body("confirmedAt", nullValue());
    }

    @Test
    void dnsServfailIsALookupFailureNotANonRegistration() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.dns().servfail(PeppolTestPeers.dnsName("0208:" + number));
        refresh(client).body("status", is("LOOKUP_FAILED")).body("lastCheck.error", containsString("SERVFAIL"))
                .body("lastCheck.errorCode", is("lookup.dns_servfail"))
                .body("lastCheck.errorParams.name", is(PeppolTestPeers.dnsName("0208:" + number)));
    }

    @Test
    void dnsTimeoutIsALookupFailure() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.dns().noAnswer(PeppolTestPeers.dnsName("0208:" + number));
        // the test profile's peppol.dns-timeout: 1 s
        refresh(client).body("status", is("LOOKUP_FAILED")).body("lastCheck.error", containsString("DNS query"))
                .body("lastCheck.errorCode", is("lookup.dns_timeout"))
                .body("lastCheck.errorParams.seconds", is(1));
    }

    @Test
    void failedLookupKeepsTheLastKnownStateAndSaysWhenItWasConfirmed() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        FakeSmp.Participant participant = smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME));
        String confirmedAt = refresh(client).body("status", is("REGISTERED")).extract().path("confirmedAt");

        participant.fault(Fault.SERVER_ERROR);
        // status is what is known; the failed check sits beside it
        refresh(client)
                .body("status", is("REGISTERED"))
                .body("lastCheck.outcome", is("LOOKUP_FAILED"))
                .body("lastCheck.at", notNullValue())
                .body("accessPoint.name", is("Acme Access Point"))
                .body("participantId", is("0208:" + number))
                .body("canReceiveInvoices", is(true))
                .body("confirmedAt", is(confirmedAt))
                .body("lastCheck.error", containsString("500"));
        assertEquals("Acme Access Point", peppolRegistered(client), "a failed look-up never erases peppol_registered");
        asAdmin().get("/api/clients/" + client).then().statusCode(200)
                .body("peppol.status", is("REGISTERED")) // the list and its filters keep the known status
                .body("peppol.accessPointName", is("Acme Access Point"));
        assertEquals(List.of("peppol.status:null>REGISTERED", "peppol.accessPoint:null>Acme Access Point"), history(client));

        participant.fault(Fault.NONE);
        refresh(client).body("status", is("REGISTERED")).body("lastCheck.outcome", is("REGISTERED")).body("lastCheck.error", nullValue());
    }

    @Test
    void changesOfStatusAndAccessPointAreHistoryEntriesWithTheUser() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        refresh(client).body("status", is("NOT_REGISTERED"));
        refresh(client).body("status", is("NOT_REGISTERED")); // no change, no entry

        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        FakeSmp.Participant participant = smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME));
        refresh(client).body("status", is("REGISTERED"));

        participant.endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.other.example/as4", OTHER));
        refresh(client).body("status", is("REGISTERED")).body("accessPoint.name", is("Other Provider NV"));
        assertEquals("Other Provider NV", peppolRegistered(client));

        assertEquals(List.of("peppol.status:null>NOT_REGISTERED",
                "peppol.status:NOT_REGISTERED>REGISTERED", "peppol.accessPoint:null>Acme Access Point",
                "peppol.accessPoint:Acme Access Point>Other Provider NV"), history(client));
        List<String> actors = asAdmin().get("/api/clients/" + client + "/history?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.kind == 'PEPPOL' }.actorName");
        assertEquals(List.of("Admin"), actors.stream().distinct().toList(), "on-demand checks record the user");
    }

    @Test
    void refreshOfAnUnknownClientIs404() {
        asAdmin().post("/api/clients/" + UUID.randomUUID() + "/peppol/refresh").then().statusCode(404)
                .contentType("application/problem+json").body("status", is(404));
    }

    @Test
    void readOnlyUsersReadButDoNotRefresh() {
        UUID client = TestClients.create(ds, null, null);
        String viewer = sessionFor("VIEWER");
        withSession(viewer).get("/api/clients/" + client + "/peppol").then().statusCode(200).body("status", nullValue()).body("lastCheck", nullValue());
        withSession(viewer).post("/api/clients/" + client + "/peppol/refresh").then().statusCode(403);
    }

    /** PEPPOL entries of GET /api/clients/{id}/history, oldest first, as "field:old>new". */
    static List<String> history(UUID client) {
        List<Map<String, Object>> items = asAdmin().get("/api/clients/" + client + "/history?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.kind == 'PEPPOL' }");
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> item : items)
            rows.add(0, item.get("field") + ":" + item.get("oldValue") + ">" + item.get("newValue"));
        return rows;
    }

    /** customFields.peppol_registered of GET /api/clients/{id}. */
    static String peppolRegistered(UUID client) {
        return asAdmin().get("/api/clients/" + client).then().statusCode(200).extract().path("customFields.peppol_registered");
    }
}
