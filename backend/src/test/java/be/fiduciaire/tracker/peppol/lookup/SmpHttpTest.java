package be.fiduciaire.tracker.peppol.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;

import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Endpoint;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Fault;
import be.fiduciaire.tracker.peppol.fake.TestCertificates;

/**
 * The SMP reader end to end over HTTP, on the fake SMP's real-format answers (the ones the look-up tests use):
 * each answer parsed once, its signature verified on that parse, a Redirect followed once, sizes bounded.
 */
class SmpHttpTest {
    static final X509Certificate ACME = TestCertificates.accessPoint("Acme Access Point", "PBE000001", "BE");
    static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    static final IDocumentTypeIdentifier INVOICE = IDS.createDocumentTypeIdentifierWithDefaultScheme(FakeSmp.INVOICE);
    static FakeSmp smp;
    static PeppolTrust trust;
    static int next = 1000;

    @BeforeAll
    static void start() throws Exception {
        smp = new FakeSmp(0, 5_000, 4, false);
        trust = PeppolTrust.of(true, TestCertificates.pemFile("smp-http-ap-ca", TestCertificates.AP_CA.certificate()),
                TestCertificates.pemFile("smp-http-smp-ca", TestCertificates.SMP_CA.certificate()));
    }

    @AfterAll
    static void stop() {
        smp.close();
    }

    static SmpHttp http(boolean verify, int maxBytes) {
        return new SmpHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), maxBytes, 4, verify, trust);
    }

    static synchronized String participant() {
        return "0208:" + String.format("%08d", next++) + "00";
    }

    static IParticipantIdentifier id(String value) {
        return IDS.createParticipantIdentifierWithDefaultScheme(value);
    }

    static URI base() {
        return URI.create(smp.baseUrl());
    }

    @Test
    void readsTheServiceGroupAndTheVerifiedMetadata() throws Exception {
        String value = participant();
        smp.participant(value).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME));
        try (SmpHttp http = http(true, 65536)) {
            SmpAnswers.ServiceGroup group = http.serviceGroup(base(), id(value));
            assertEquals(new SmpAnswers.Identifier("iso6523-actorid-upis", value), group.participant());
            assertEquals(1, group.hrefs().size());
            assertEquals("busdox-docid-qns::" + FakeSmp.INVOICE, PeppolLookup.documentTypeOf(group.hrefs().get(0)));
            SmpAnswers.ServiceMetadata metadata = http.serviceMetadata(base(), id(value), INVOICE);
            SmpAnswers.Endpoint endpoint = metadata.information().processes().get(0).endpoints().get(0);
            assertEquals("https://ap.acme.example/as4", endpoint.address());
            assertEquals(ACME, SmpAnswers.certificate(endpoint.certificate()));
        }
    }

    @Test
    void anAlteredOrForeignSignedAnswerIsAPermanentFailure() throws Exception {
        String tampered = participant();
        smp.participant(tampered).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME)).tampered();
        String byAnAccessPoint = participant();
        smp.participant(byAnAccessPoint).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME))
                .signedBy(TestCertificates.issue("C=BE,O=Some AP,CN=PBE000777", TestCertificates.AP_CA));
        try (SmpHttp http = http(true, 65536)) {
            for (String value : new String[] {tampered, byAnAccessPoint}) {
                SmpHttp.SmpException e = assertThrows(SmpHttp.SmpException.class, () -> http.serviceMetadata(base(), id(value), INVOICE));
                assertEquals(SmpHttp.SmpException.Kind.PERMANENT, e.kind, e.getMessage());
                assertTrue(e.getMessage().contains("signature"), e.getMessage());
            }
        }
        // without verification the same altered answer is read
        try (SmpHttp http = http(false, 65536)) {
            assertEquals("https://ap.acme.example/as4/tampered",
                    http.serviceMetadata(base(), id(tampered), INVOICE).information().processes().get(0).endpoints().get(0).address());
        }
    }

    @Test
    void aRedirectIsFollowedOnceAndItsCertificateUidMustNameTheTargetsSigner() throws Exception {
        String good = participant();
        smp.participant(good).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME)).redirect(FakeSmp.INVOICE);
        String wrong = participant();
        smp.participant(wrong).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME))
                .redirect(FakeSmp.INVOICE).redirectCertificateUid("CN=another-smp.test,O=Another SMP,C=BE");
        for (boolean verify : new boolean[] {true, false})
            try (SmpHttp http = http(verify, 65536)) {
                SmpAnswers.ServiceMetadata metadata = http.serviceMetadata(base(), id(good), INVOICE);
                assertNull(metadata.redirect());
                assertEquals(good, metadata.information().participant().value());
                SmpHttp.SmpException e = assertThrows(SmpHttp.SmpException.class, () -> http.serviceMetadata(base(), id(wrong), INVOICE));
                assertEquals(SmpHttp.SmpException.Kind.PERMANENT, e.kind);
                assertTrue(e.getMessage().contains("certificate UID"), e.getMessage());
            }
        assertEquals(4, smp.requests(good), "twice: the Redirect and its target");
    }

    @Test
    void statusesAreNotFoundTransientOrPermanent() throws Exception {
        String missing = participant();
        smp.participant(missing).fault(Fault.NOT_FOUND);
        String failing = participant();
        smp.participant(failing).fault(Fault.SERVER_ERROR);
        String malformed = participant();
        smp.participant(malformed).fault(Fault.MALFORMED);
        try (SmpHttp http = http(true, 65536)) {
            assertEquals(SmpHttp.SmpException.Kind.NOT_FOUND, assertThrows(SmpHttp.SmpException.class, () -> http.serviceGroup(base(), id(missing))).kind);
            SmpHttp.SmpException e = assertThrows(SmpHttp.SmpException.class, () -> http.serviceGroup(base(), id(failing)));
            assertEquals(SmpHttp.SmpException.Kind.TRANSIENT, e.kind);
            assertTrue(e.getMessage().contains("500"), e.getMessage());
            assertEquals(SmpHttp.SmpException.Kind.PERMANENT, assertThrows(SmpHttp.SmpException.class, () -> http.serviceGroup(base(), id(malformed))).kind);
            assertEquals(SmpHttp.SmpException.Kind.TRANSIENT,
                    assertThrows(SmpHttp.SmpException.class, () -> http.serviceGroup(URI.create("http://127.0.0.1:1/"), id(missing))).kind);
        }
    }

    @Test
    void anAnswerAboveTheSizeLimitIsRefusedWithoutBeingParsed() throws Exception {
        String value = participant();
        smp.participant(value).endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", ACME));
        try (SmpHttp http = http(true, 200)) {
            SmpHttp.SmpException e = assertThrows(SmpHttp.SmpException.class, () -> http.serviceGroup(base(), id(value)));
            assertEquals(SmpHttp.SmpException.Kind.PERMANENT, e.kind);
            assertTrue(e.getMessage().contains("exceeds the limit of 200"), e.getMessage());
        }
    }
}
