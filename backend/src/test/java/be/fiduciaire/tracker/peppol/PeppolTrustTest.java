package be.fiduciaire.tracker.peppol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.peppol.fake.TestCertificates;
import be.fiduciaire.tracker.peppol.lookup.LookupError;
import be.fiduciaire.tracker.peppol.lookup.LookupFailure;
import be.fiduciaire.tracker.peppol.lookup.PeppolTrust;
import be.fiduciaire.tracker.peppol.lookup.SmpProblem;

/** The CAs a look-up trusts: only Peppol SMP CAs for signatures, only Peppol AP CAs for endpoints, or a PEM file's. */
class PeppolTrustTest {

    static List<String> subjects(KeyStore store) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (String alias : Collections.list(store.aliases()))
            subjects.add(((X509Certificate) store.getCertificate(alias)).getSubjectX500Principal().getName());
        return subjects;
    }

    @Test
    void builtInSmpAnchorsAreThePeppolSmpCasOnly() throws Exception {
        for (boolean test : new boolean[] {false, true}) {
            List<String> subjects = subjects(PeppolTrust.of(test, null, null).smpTrustStore());
            assertFalse(subjects.isEmpty());
            // the library's SMP truststore also holds web CAs (Let's Encrypt, GlobalSign), roots and the AP CAs
            for (String subject : subjects) {
                assertTrue(subject.contains("CN=PEPPOL SERVICE METADATA PUBLISHER"), subject);
                assertEquals(test, subject.contains("TEST"), subject);
            }
            assertTrue(subjects.stream().anyMatch(s -> s.contains("- G3")), subjects.toString());
        }
    }

    @Test
    void builtInAccessPointAnchorsRefuseCertificatesOfOtherCas() throws Exception {
        PeppolTrust production = PeppolTrust.of(false, null, null);
        LookupFailure problem = production.accessPointProblem(TestCertificates.accessPoint("Acme", "PBE000123", "BE"), Instant.now());
        assertEquals(LookupError.CERTIFICATE_UNTRUSTED, problem.code());
        assertTrue(problem.message().contains("does not chain to a Peppol access-point CA"), problem.message());
    }

    @Test
    void aPemFileReplacesTheBuiltInAnchors() throws Exception {
        PeppolTrust trust = PeppolTrust.of(false, TestCertificates.pemFile("ap", TestCertificates.AP_CA.certificate()),
                TestCertificates.pemFile("smp", TestCertificates.SMP_CA.certificate()));
        assertNull(trust.accessPointProblem(TestCertificates.accessPoint("Acme", "PBE000123", "BE"), Instant.now()));
        assertEquals(List.of(TestCertificates.SMP_CA.certificate().getSubjectX500Principal().getName()), subjects(trust.smpTrustStore()));
        X509Certificate old = TestCertificates.expiredAccessPoint("Acme", "PBE000123", "BE");
        LookupFailure expired = trust.accessPointProblem(old, Instant.now());
        assertEquals(LookupError.CERTIFICATE_EXPIRED.of("notAfter", old.getNotAfter().toInstant().toString()), expired);
        assertTrue(expired.message().startsWith("the endpoint certificate expired on " + old.getNotAfter().toInstant()), expired.message());
    }

    static PeppolTrust testTrust() throws Exception {
        return PeppolTrust.of(false, TestCertificates.pemFile("ap", TestCertificates.AP_CA.certificate()),
                TestCertificates.pemFile("smp", TestCertificates.SMP_CA.certificate()));
    }

    @Test
    void aCertificateAcceptedOnceIsStillJudgedAtEachCheckTime() throws Exception {
        PeppolTrust trust = testTrust();
        X509Certificate certificate = TestCertificates.accessPoint("Acme", "PBE000123", "BE");
        Instant now = Instant.now();
        assertNull(trust.accessPointProblem(certificate, now));
        assertNull(trust.accessPointProblem(certificate, now.plusSeconds(60)), "accepted again (its chain is remembered)");
        // the same certificate, checked after it expired and before it was valid: refused, whatever was remembered
        LookupFailure expired = trust.accessPointProblem(certificate, certificate.getNotAfter().toInstant().plusSeconds(1));
        assertEquals(LookupError.CERTIFICATE_EXPIRED, expired.code());
        assertTrue(expired.message().startsWith("the endpoint certificate expired on"), expired.message());
        LookupFailure early = trust.accessPointProblem(certificate, certificate.getNotBefore().toInstant().minusSeconds(1));
        assertEquals(LookupError.CERTIFICATE_NOT_YET_VALID.of("notBefore", certificate.getNotBefore().toInstant().toString()), early);
        assertTrue(early.message().startsWith("the endpoint certificate is only valid from"), early.message());
        assertNull(trust.accessPointProblem(certificate, now), "and accepted again now");
    }

    @Test
    void aCertificateRefusedOnceIsRefusedAgainWithTheSameReason() throws Exception {
        PeppolTrust trust = testTrust();
        X509Certificate untrusted = TestCertificates.untrustedAccessPoint("Acme", "PBE000123", "BE");
        LookupFailure first = trust.accessPointProblem(untrusted, Instant.now());
        assertEquals(LookupError.CERTIFICATE_UNTRUSTED, first.code());
        assertEquals(untrusted.getIssuerX500Principal().getName(), first.params().get("issuer"));
        assertTrue(first.message().contains("does not chain to a Peppol access-point CA"), first.message());
        assertEquals(first, trust.accessPointProblem(untrusted, Instant.now()));
        // an SMP CA's certificate is no access point, and an AP CA's certificate is no SMP, remembered or not
        X509Certificate smp = TestCertificates.issue("C=BE,O=Acme SMP,CN=smp.acme.test", TestCertificates.SMP_CA).certificate();
        X509Certificate ap = TestCertificates.accessPoint("Acme", "PBE000123", "BE");
        for (int i = 0; i < 2; i++) {
            assertTrue(trust.accessPointProblem(smp, Instant.now()).message().contains("does not chain"));
            assertNull(trust.smpSignerProblem(smp, Instant.now()));
            assertNull(trust.accessPointProblem(ap, Instant.now()));
            SmpProblem problem = trust.smpSignerProblem(ap, Instant.now());
            assertEquals(LookupError.SMP_CERTIFICATE_UNTRUSTED, problem.code());
            assertTrue(problem.describe().contains("does not chain to a Peppol SMP CA"), problem.describe());
        }
    }

    @Test
    void anSmpSigningCertificateAcceptedOnceIsRefusedOnceItHasExpired() throws Exception {
        PeppolTrust trust = testTrust();
        X509Certificate smp = TestCertificates.issue("C=BE,O=Acme SMP,CN=smp.acme.test", TestCertificates.SMP_CA).certificate();
        assertNull(trust.smpSignerProblem(smp, Instant.now()));
        SmpProblem expired = trust.smpSignerProblem(smp, smp.getNotAfter().toInstant().plusSeconds(1));
        assertEquals(SmpProblem.of(LookupError.SMP_CERTIFICATE_EXPIRED, "notAfter", smp.getNotAfter().toInstant().toString()), expired);
        assertTrue(expired.at("ServiceMetadata", "smp.acme.test").message().endsWith("the SMP signing certificate expired on "
                + smp.getNotAfter().toInstant()), expired.describe());
    }
}
