package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Endpoint;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Fault;
import be.fiduciaire.tracker.peppol.fake.TestCertificates;
import be.fiduciaire.tracker.peppol.lookup.LookupError;
import be.fiduciaire.tracker.peppol.lookup.LookupResult;
import be.fiduciaire.tracker.peppol.lookup.PeppolLookup;
import be.fiduciaire.tracker.peppol.lookup.SmlResolver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The look-up's rules of evidence (issue 8): which DNS answers prove "not registered", which endpoint makes a
 * client REGISTERED, which answers are about what was asked, Hermes, and which failures are worth a retry.
 * Against the fake DNS and SMP, through the look-up's {@link LookupResult} or the HTTP API.
 */
@QuarkusTest
@QuarkusTestResource(PeppolTestPeers.class)
class PeppolLookupRulesTest {
    static final X509Certificate ACME = PeppolLookupTest.ACME;
    static final X509Certificate OTHER = PeppolLookupTest.OTHER;
    static final X509Certificate IXOR = TestCertificates.accessPoint("Ixor", "PBE000028", "BE");
    static final String ACME_URL = "https://ap.acme.example/as4";
    static final String PINT = "peppol-doctype-wildcard::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:peppol:pint:billing-1*::2.1";

    @Inject
    DataSource ds;

    @Inject
    PeppolLookup lookup;

    @Inject
    PeppolConfig config;

    static FakeSmp smp() {
        return PeppolTestPeers.smp();
    }

    /** A new enterprise number whose 0208 identifier the SML points at the fake SMP. */
    static String published() {
        String number = TestClients.enterpriseNumber();
        PeppolTestPeers.publish("0208:" + number, smp().baseUrl());
        return number;
    }

    LookupResult lookUp(String number) {
        return lookup.lookup(number, null);
    }

    // --- 1. NXDOMAIN counts only from the SML zone

    @Test
    void nxdomainCarryingTheSmlZonesSoaIsNotRegistered() {
        LookupResult result = lookUp(TestClients.enterpriseNumber());
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertNull(result.error());
    }

    @Test
    void nxdomainWithoutSoaIsATransientLookupFailure() {
        String number = TestClients.enterpriseNumber();
        PeppolTestPeers.dns().nxdomainWithoutSoa(PeppolTestPeers.dnsName("0208:" + number));
        PeppolTestPeers.dns().nxdomainWithoutSoa(PeppolTestPeers.dnsName("9925:BE" + number));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertTrue(result.transientFailure());
        assertTrue(result.error().contains("NXDOMAIN") && result.error().contains("without the SML zone's SOA")
                && result.error().contains("cannot see the Peppol SML"), result.error());
        assertEquals(LookupError.NXDOMAIN_WITHOUT_SOA.of("name", PeppolTestPeers.dnsName("0208:" + number), "zone", PeppolTestPeers.ZONE),
                result.failure());
    }

    @Test
    void nxdomainWithAnotherZonesSoaIsALookupFailureThroughTheApi() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        PeppolTestPeers.dns().nxdomainWithForeignSoa(PeppolTestPeers.dnsName("0208:" + number));
        PeppolTestPeers.dns().nxdomainWithForeignSoa(PeppolTestPeers.dnsName("9925:BE" + number));
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("LOOKUP_FAILED"))
                .body("lastCheck.error", containsString("without the SML zone's SOA"))
                .body("lastCheck.errorCode", is("lookup.nxdomain_without_soa"))
                .body("lastCheck.errorParams.name", is(PeppolTestPeers.dnsName("0208:" + number)))
                .body("lastCheck.errorParams.zone", is(PeppolTestPeers.ZONE));
    }

    @Test
    void zoneCheckSeesTheConfiguredSmlZone() {
        SmlResolver.SmlHealth health = lookup.checkZone();
        assertTrue(health.reachable(), health.error());
        assertEquals(PeppolTestPeers.ZONE, health.zone());
    }

    @Test
    void zoneCheckReportsAZoneTheResolverCannotSee() {
        InetSocketAddress dns = new InetSocketAddress("127.0.0.1", PeppolTestPeers.dns().port());
        // the fake DNS answers NXDOMAIN without SOA outside its zone, like a resolver on a closed network
        SmlResolver.SmlHealth unseen = new SmlResolver("participant.sml.unseen.test", dns, Duration.ofSeconds(1)).checkZone();
        assertFalse(unseen.reachable());
        assertTrue(unseen.error().contains("NXDOMAIN") && unseen.error().contains("cannot see the Peppol SML"), unseen.error());

        PeppolTestPeers.dns().servfail("participant.sml.broken.test");
        SmlResolver.SmlHealth broken = new SmlResolver("participant.sml.broken.test", dns, Duration.ofSeconds(1)).checkZone();
        assertFalse(broken.reachable());
        assertTrue(broken.error().contains("SERVFAIL"), broken.error());

        PeppolTestPeers.dns().noAnswer("participant.sml.silent.test");
        SmlResolver.SmlHealth silent = new SmlResolver("participant.sml.silent.test", dns, Duration.ofSeconds(1)).checkZone();
        assertFalse(silent.reachable());
        assertTrue(silent.error().contains("DNS query for the SML zone"), silent.error());
    }

    @Test
    void dnsServfailAndTimeoutAreTransient() {
        String servfail = TestClients.enterpriseNumber();
        PeppolTestPeers.dns().servfail(PeppolTestPeers.dnsName("0208:" + servfail));
        LookupResult a = lookUp(servfail);
        assertEquals(PeppolStatus.LOOKUP_FAILED, a.status());
        assertTrue(a.transientFailure(), a.error());

        String silent = TestClients.enterpriseNumber();
        PeppolTestPeers.dns().noAnswer(PeppolTestPeers.dnsName("0208:" + silent));
        LookupResult b = lookUp(silent);
        assertEquals(PeppolStatus.LOOKUP_FAILED, b.status());
        assertTrue(b.transientFailure(), b.error());
    }

    // --- 2. a deliverable access point; the SMP signed by an SMP CA

    @Test
    void expiredEndpointCertificateCannotReceiveInvoices() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        X509Certificate expired = TestCertificates.expiredAccessPoint("Acme Access Point", "PBE000123", "BE");
        String notAfter = expired.getNotAfter().toInstant().toString();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, expired));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertFalse(result.canReceiveInvoices());
        assertTrue(result.error().contains("expired"), result.error());
        assertEquals(LookupError.CERTIFICATE_EXPIRED.of("notAfter", notAfter), result.failure());
        assertEquals("Acme Access Point", result.accessPoint().name(), "the provider whose certificate expired is shown");
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("NOT_REGISTERED")).body("canReceiveInvoices", is(false))
                .body("lastCheck.error", is("the endpoint certificate expired on " + notAfter))
                .body("lastCheck.errorCode", is("lookup.certificate_expired"))
                .body("lastCheck.errorParams.notAfter", is(notAfter));
        assertNull(PeppolLookupTest.peppolRegistered(client), "an access point that cannot receive is nobody's choice");
    }

    @Test
    void aRegisteredClientWhoseEndpointCertificateExpiredIsNoLongerRegistered() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        FakeSmp.Participant participant = smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME));
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED")).body("canReceiveInvoices", is(true));
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(client));

        // the same access point, now with a certificate that expired: a conclusive answer, not a failed check
        participant.endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, TestCertificates.expiredAccessPoint("Acme Access Point", "PBE000123", "BE")));
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("NOT_REGISTERED"))
                .body("lastCheck.outcome", is("NOT_REGISTERED"))
                .body("canReceiveInvoices", is(false))
                .body("lastCheck.error", containsString("the endpoint certificate expired on"));
        assertNull(PeppolLookupTest.peppolRegistered(client));
    }

    @Test
    void endpointCertificateOfAnotherCaCannotReceiveInvoices() {
        String number = published();
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, TestCertificates.untrustedAccessPoint("Acme Access Point", "PBE000123", "BE")));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertFalse(result.canReceiveInvoices());
        assertTrue(result.error().contains("does not chain to a Peppol access-point CA"), result.error());
        assertEquals(LookupError.CERTIFICATE_UNTRUSTED, result.failure().code());
        // asked again (the chain's outcome is remembered per certificate): the same answer
        LookupResult again = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, again.status());
        assertEquals(result.error(), again.error());
    }

    @Test
    void aValidEndpointCertificateOfTheApCaIsRegisteredEveryTimeItIsAsked() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME));
        for (int i = 0; i < 2; i++) {
            LookupResult result = lookUp(number);
            assertEquals(PeppolStatus.REGISTERED, result.status(), result.error());
            assertTrue(result.canReceiveInvoices());
            assertNull(result.error());
            assertEquals("Acme Access Point", result.accessPoint().name());
            assertEquals("PBE000123", result.accessPoint().seatId());
        }
    }

    @Test
    void endpointCertificateIssuedByTheSmpCaIsNoAccessPoint() {
        String number = published();
        X509Certificate smpIssued = TestCertificates.issue("C=BE,O=Acme Access Point,CN=PBE000123", TestCertificates.SMP_CA).certificate();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, smpIssued));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertTrue(result.error().contains("does not chain"), result.error());
    }

    @Test
    void metadataSignedByAnAccessPointCertificateIsAPermanentFailure() {
        String number = published();
        var apSigner = TestCertificates.issue("C=BE,O=Acme Access Point,CN=PBE000123", TestCertificates.AP_CA);
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME)).signedBy(apSigner);
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure(), result.error());
        assertTrue(result.error().contains("ServiceMetadata"), result.error());
        assertEquals(LookupError.SMP_CERTIFICATE_UNTRUSTED, result.failure().code(), result.error());
        assertEquals("ServiceMetadata", result.failure().params().get("request"));
        assertEquals(apSigner.certificate().getSubjectX500Principal().getName(), result.failure().params().get("subject"));
    }

    @Test
    void metadataSignedWithAnExpiredSmpCertificateIsAPermanentFailure() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .signedBy(TestCertificates.issue("C=BE,O=Fake SMP,CN=fake-smp.test", TestCertificates.SMP_CA,
                        java.time.Instant.now().minus(Duration.ofDays(400)), java.time.Instant.now().minus(Duration.ofDays(1))));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure(), result.error());
        assertTrue(result.error().contains("ServiceMetadata"), result.error());
        assertEquals(LookupError.SMP_CERTIFICATE_EXPIRED, result.failure().code(), result.error());
        assertNull(result.accessPoint());
    }

    @Test
    void metadataAlteredAfterSigningIsAPermanentFailure() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME)).tampered();
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure(), result.error());
        assertEquals(LookupError.SMP_SIGNATURE_INVALID, result.failure().code(), result.error());
    }

    // --- 3. the answer is about what was asked

    @Test
    void metadataAboutAnotherParticipantIsAPermanentFailure() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME)).answerAbout("0208:0000000097");
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure());
        assertTrue(result.error().contains("is about participant iso6523-actorid-upis::0208:0000000097"), result.error());
        assertEquals(LookupError.WRONG_PARTICIPANT.of("request", "ServiceMetadata", "host", "127.0.0.1",
                "answered", "iso6523-actorid-upis::0208:0000000097", "asked", "iso6523-actorid-upis::0208:" + number), result.failure());
        assertNull(result.accessPoint(), "nothing of a foreign answer is taken");
        assertEquals(2, smp().requests("0208:" + number), "ServiceGroup and invoice metadata, asked once: a permanent failure is not retried");
    }

    @Test
    void serviceGroupAboutAnotherParticipantIsAPermanentFailure() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME)).serviceGroupAbout("0208:0000000097");
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure());
        assertTrue(result.error().contains("ServiceGroup from") && result.error().contains("is about participant iso6523-actorid-upis::0208:0000000097"),
                result.error());
        assertEquals(LookupError.WRONG_PARTICIPANT, result.failure().code());
        assertEquals("ServiceGroup", result.failure().params().get("request"));
        assertEquals(1, smp().requests("0208:" + number), "no metadata is read of a foreign ServiceGroup, and it is not asked again");
    }

    @Test
    void aForeignAnswerKeepsTheKnownRegistrationAndItsAccessPoint() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        FakeSmp.Participant participant = smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME));
        String confirmedAt = asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED")).extract().path("confirmedAt");

        participant.endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.other.example/as4", OTHER)).answerAbout("0208:0000000097");
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("accessPoint.name", is("Acme Access Point"))
                .body("endpointUrl", is(ACME_URL))
                .body("confirmedAt", is(confirmedAt))
                .body("lastCheck.outcome", is("LOOKUP_FAILED"))
                .body("lastCheck.error", containsString("is about participant iso6523-actorid-upis::0208:0000000097"))
                .body("lastCheck.errorCode", is("lookup.wrong_participant"))
                .body("lastCheck.errorParams.answered", is("iso6523-actorid-upis::0208:0000000097"))
                .body("lastCheck.errorParams.asked", is("iso6523-actorid-upis::0208:" + number));
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(client));
    }

    @Test
    void metadataAboutAnotherDocumentTypeIsAPermanentFailure() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME)).answerDocumentType(FakeSmp.CREDIT_NOTE);
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure());
        assertTrue(result.error().contains("is about document type"), result.error());
    }

    @Test
    void participantValuesAreComparedCaseInsensitively() {
        String number = TestClients.enterpriseNumber();
        PeppolTestPeers.publish("9925:BE" + number, smp().baseUrl());
        smp().participant("9925:BE" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .answerAbout("9925:BE" + number); // the look-up asks for 9925:be...
        LookupResult result = lookup.lookup(null, "BE" + number);
        assertEquals(PeppolStatus.REGISTERED, result.status(), result.error());
        assertEquals("9925:BE" + number, result.participantId());
    }

    // --- 4. invoice and credit note judged apart

    @Test
    void creditNoteServerErrorDoesNotSinkAnActiveInvoiceEndpoint() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active(ACME_URL, ACME))
                .fault(FakeSmp.CREDIT_NOTE, Fault.SERVER_ERROR);
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("canReceiveInvoices", is(true))
                .body("canReceiveCreditNotes", is(false))
                .body("accessPoint.name", is("Acme Access Point"));
        asAdmin().get("/api/clients/" + client + "/peppol").then().statusCode(200).body("canReceiveCreditNotes", is(false));
    }

    @Test
    void creditNoteListedButMissingOrMalformedDoesNotSinkAnActiveInvoiceEndpoint() {
        for (Fault fault : new Fault[] {Fault.NOT_FOUND, Fault.MALFORMED}) {
            String number = published();
            smp().participant("0208:" + number)
                    .endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                    .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active(ACME_URL, ACME))
                    .fault(FakeSmp.CREDIT_NOTE, fault);
            LookupResult result = lookUp(number);
            assertEquals(PeppolStatus.REGISTERED, result.status(), fault + ": " + result.error());
            assertTrue(result.canReceiveInvoices());
            assertFalse(result.canReceiveCreditNotes());
            assertNull(result.error(), fault.name());
            assertEquals("Acme Access Point", result.accessPoint().name(), fault.name());
            assertEquals(ACME_URL, result.endpointUrl(), fault.name());
            assertEquals(2, result.documentTypes().size(), fault.name());
        }
    }

    @Test
    void creditNote404BesideAnActiveInvoiceEndpointKeepsTheClientRegisteredAtItsAccessPoint() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active(ACME_URL, ACME))
                .fault(FakeSmp.CREDIT_NOTE, Fault.NOT_FOUND);
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("lastCheck.outcome", is("REGISTERED"))
                .body("lastCheck.error", nullValue())
                .body("canReceiveInvoices", is(true))
                .body("canReceiveCreditNotes", is(false))
                .body("accessPoint.name", is("Acme Access Point"))
                .body("accessPoint.seatId", is("PBE000123"))
                .body("endpointUrl", is(ACME_URL));
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(client));
        assertEquals(3, smp().requests("0208:" + number), "ServiceGroup, invoice and credit note, each once: the 404 is not retried");
    }

    @Test
    void creditNoteWithAnExpiredCertificateCannotBeReceived() {
        String number = published();
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active(ACME_URL, TestCertificates.expiredAccessPoint("Acme Access Point", "PBE000123", "BE")));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.REGISTERED, result.status());
        assertTrue(result.canReceiveInvoices());
        assertFalse(result.canReceiveCreditNotes());
    }

    // --- 5. the access point of the active BIS Billing 3.0 invoice endpoint only

    @Test
    void endpointOfAnotherProcessIsNeitherRegisteredNorTheAccessPoint() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE,
                Endpoint.active("https://ap.other.example/as4", OTHER).withProcess("urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0"));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertNull(result.accessPoint());
        assertNull(result.endpointUrl());
        assertTrue(result.error().contains("no active BIS Billing 3.0 endpoint"), result.error());
        assertEquals(LookupError.NO_ACTIVE_INVOICE_ENDPOINT.of("transport", "peppol-transport-as4-v2_0"), result.failure());
    }

    @Test
    void endpointOfAnotherTransportIsNotTheAccessPoint() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE,
                Endpoint.active("https://ap.other.example/as2", OTHER).withTransport("busdox-transport-as2-ver1p0"));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertNull(result.accessPoint());
    }

    @Test
    void expiredOrNotYetActiveEndpointsAreNotTheAccessPoint() {
        String expired = published();
        smp().participant("0208:" + expired).endpoint(FakeSmp.INVOICE, Endpoint.expired("https://ap.other.example/as4", OTHER));
        LookupResult a = lookUp(expired);
        assertEquals(PeppolStatus.NOT_REGISTERED, a.status());
        assertNull(a.accessPoint());

        String future = published();
        smp().participant("0208:" + future).endpoint(FakeSmp.INVOICE, Endpoint.future("https://ap.other.example/as4", OTHER));
        LookupResult b = lookUp(future);
        assertEquals(PeppolStatus.NOT_REGISTERED, b.status());
        assertNull(b.accessPoint());
        assertFalse(b.canReceiveInvoices());
    }

    @Test
    void theAccessPointIsTheInvoiceEndpointsEvenWhenTheCreditNoteIsListedFirstElsewhere() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.other.example/as4", OTHER))
                .endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME));
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("documentTypes[0]", containsString("CreditNote-2::CreditNote"))
                .body("accessPoint.name", is("Acme Access Point"))
                .body("accessPoint.country", is("BE"))
                .body("endpointUrl", is(ACME_URL))
                .body("canReceiveCreditNotes", is(true));
        assertEquals("Acme Access Point", PeppolLookupTest.peppolRegistered(client));
    }

    @Test
    void anExpiredInvoiceEndpointBesideAnActiveCreditNoteEndpointNamesNoAccessPoint() {
        String number = published();
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.expired(ACME_URL, ACME))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.other.example/as4", OTHER));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertFalse(result.canReceiveInvoices());
        assertTrue(result.canReceiveCreditNotes());
        assertNull(result.accessPoint(), "the credit note's access point is not the client's");
        assertNull(result.endpointUrl());
        assertTrue(result.error().contains("no active BIS Billing 3.0 endpoint"), result.error());
        assertEquals(LookupError.NO_ACTIVE_INVOICE_ENDPOINT.of("transport", "peppol-transport-as4-v2_0"), result.failure());
    }

    @Test
    void theActiveBillingEndpointIsChosenAmongOthers() {
        String number = published();
        smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.other.example/as4", OTHER).withProcess("urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0"))
                .alsoEndpoint(FakeSmp.INVOICE, Endpoint.expired("https://ap.other.example/as4", OTHER))
                .alsoEndpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .endpoint(FakeSmp.CREDIT_NOTE, Endpoint.active("https://ap.other.example/as4", OTHER));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.REGISTERED, result.status(), result.error());
        assertEquals("Acme Access Point", result.accessPoint().name());
        assertEquals(ACME_URL, result.endpointUrl());
        assertTrue(result.canReceiveCreditNotes());
    }

    // --- 6. Hermes by its SMP or endpoint host, never by the certificate alone

    @Test
    void participantAtTheHermesSmpIsHermesOnlyWhateverTheCertificate() {
        String number = TestClients.enterpriseNumber();
        PeppolTestPeers.publish("0208:" + number, smp().hermesBaseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.HERMES_ONLY, result.status());
        assertFalse(result.canReceiveInvoices());
        assertFalse(result.canReceiveCreditNotes());
        assertEquals(PeppolTestPeers.HERMES_SMP_HOST, result.smpHost());
        assertEquals(ACME_URL, result.endpointUrl(), "neither the endpoint host nor the certificate says Hermes: the SMP does");
    }

    @Test
    void serviceGroupReferencesOnTheHermesSmpAreHermesOnly() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, IXOR))
                .hrefBase("https://smp.hermes-belgium.be/");
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("HERMES_ONLY"))
                .body("canReceiveInvoices", is(false));
    }

    @Test
    void theHermesOperatorsCommercialAccessPointIsRegistered() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.ixor.example/as4", IXOR));
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.REGISTERED, result.status(), result.error());
        assertEquals("Ixor", result.accessPoint().name());
        assertTrue(result.canReceiveInvoices());
    }

    @Test
    void clientOnHermesUnder0208AndAtARealAccessPointUnder9925IsRegisteredUnder9925() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, "BE" + number);
        PeppolTestPeers.publish("0208:" + number, smp().hermesBaseUrl());
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.hermes-belgium.be/as4", IXOR));
        PeppolTestPeers.publish("9925:BE" + number, smp().baseUrl());
        smp().participant("9925:BE" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME));
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("status", is("REGISTERED"))
                .body("participantId", is("9925:BE" + number))
                .body("accessPoint.name", is("Acme Access Point"))
                .body("canReceiveInvoices", is(true));
    }

    // --- 7. permanent failures are not retried, transient ones are

    @Test
    void smpServerErrorsTimeoutsAndRefusedConnectionsAreTransient() {
        for (Fault fault : new Fault[] {Fault.SERVER_ERROR, Fault.SLOW}) {
            String number = published();
            smp().participant("0208:" + number).fault(fault);
            LookupResult result = lookUp(number);
            assertEquals(PeppolStatus.LOOKUP_FAILED, result.status(), fault.name());
            assertTrue(result.transientFailure(), fault + ": " + result.error());
        }
        String refused = TestClients.enterpriseNumber();
        PeppolTestPeers.publish("0208:" + refused, "http://127.0.0.1:1/");
        LookupResult result = lookUp(refused);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertTrue(result.transientFailure(), result.error());
    }

    @Test
    void malformedXmlIsPermanent() {
        String number = published();
        smp().participant("0208:" + number).fault(Fault.MALFORMED);
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure(), result.error());
        assertEquals(1, smp().requests("0208:" + number), "asked once");
    }

    @Test
    void permanentFailuresAreAskedOnceAndTransientOnesAgain() {
        assertTrue(config.refreshRetries() >= 1, "the test profile retries transient failures");
        // a bad signature: ServiceGroup and the invoice metadata, once
        String tampered = published();
        smp().participant("0208:" + tampered).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME)).tampered();
        LookupResult a = lookUp(tampered);
        assertEquals(PeppolStatus.LOOKUP_FAILED, a.status());
        assertFalse(a.transientFailure(), a.error());
        assertEquals(2, smp().requests("0208:" + tampered));
        assertEquals(2, a.requests());

        // a Redirect whose CertificateUID names another signer: ServiceGroup, the Redirect and its target, once
        String redirected = published();
        smp().participant("0208:" + redirected).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .redirect(FakeSmp.INVOICE).redirectCertificateUid("CN=another-smp.test,O=Another SMP,C=BE");
        LookupResult b = lookUp(redirected);
        assertEquals(PeppolStatus.LOOKUP_FAILED, b.status());
        assertFalse(b.transientFailure(), b.error());
        assertEquals(3, smp().requests("0208:" + redirected));

        // a 500: asked once, then once more per retry
        String failing = published();
        smp().participant("0208:" + failing).fault(Fault.SERVER_ERROR);
        LookupResult c = lookUp(failing);
        assertEquals(PeppolStatus.LOOKUP_FAILED, c.status());
        assertTrue(c.transientFailure(), c.error());
        assertEquals(1 + config.refreshRetries(), smp().requests("0208:" + failing));
        assertEquals(1 + config.refreshRetries(), c.requests());
    }

    @Test
    void redirectWhoseCertificateUidDoesNotMatchIsPermanent() {
        String number = published();
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .redirect(FakeSmp.INVOICE).redirectCertificateUid("CN=another-smp.test,O=Another SMP,C=BE");
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.LOOKUP_FAILED, result.status());
        assertFalse(result.transientFailure(), result.error());
        assertTrue(result.error().contains("certificate UID"), result.error());
        assertEquals(LookupError.REDIRECT_CERTIFICATE_MISMATCH, result.failure().code());
        assertEquals("CN=another-smp.test,O=Another SMP,C=BE", result.failure().params().get("certificateUid"));
    }

    // --- 8. every document type listed, as listed

    @Test
    void documentTypesListEveryIdentifierAsListedIncludingPintWildcardsAndUnparsableOnes() {
        String number = published();
        UUID client = TestClients.create(ds, number, null);
        smp().participant("0208:" + number).endpoint(FakeSmp.INVOICE, Endpoint.active(ACME_URL, ACME))
                .listed(PINT).listed("not a document type identifier");
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.REGISTERED, result.status());
        assertEquals(3, result.documentTypes().size(), result.documentTypes().toString());
        assertEquals("busdox-docid-qns::" + FakeSmp.INVOICE, result.documentTypes().get(0));
        assertTrue(result.documentTypes().contains(PINT), result.documentTypes().toString());
        assertTrue(result.documentTypes().contains("not a document type identifier"), result.documentTypes().toString());
        asAdmin().post("/api/clients/" + client + "/peppol/refresh").then().statusCode(200)
                .body("documentTypes", hasItem(PINT));
    }

    @Test
    void aPintWildcardRegistrationAloneIsShownButNotRegistered() {
        String number = published();
        smp().participant("0208:" + number).listed(PINT);
        LookupResult result = lookUp(number);
        assertEquals(PeppolStatus.NOT_REGISTERED, result.status());
        assertEquals(java.util.List.of(PINT), result.documentTypes());
        assertEquals("0208:" + number, result.participantId());
        assertNull(result.accessPoint());
        assertNotNull(result.smpHost());
    }
}
