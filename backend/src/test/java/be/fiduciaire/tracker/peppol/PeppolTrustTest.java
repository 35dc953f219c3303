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
import be.fiduciaire.tracker.peppol.lookup.PeppolTrust;

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
        String problem = production.accessPointProblem(TestCertificates.accessPoint("Acme", "PBE000123", "BE"), Instant.now());
        assertTrue(problem.contains("does not chain to a Peppol access-point CA"), problem);
    }

    @Test
    void aPemFileReplacesTheBuiltInAnchors() throws Exception {
        PeppolTrust trust = PeppolTrust.of(false, TestCertificates.pemFile("ap", TestCertificates.AP_CA.certificate()),
                TestCertificates.pemFile("smp", TestCertificates.SMP_CA.certificate()));
        assertNull(trust.accessPointProblem(TestCertificates.accessPoint("Acme", "PBE000123", "BE"), Instant.now()));
        assertEquals(List.of(TestCertificates.SMP_CA.certificate().getSubjectX500Principal().getName()), subjects(trust.smpTrustStore()));
        String expired = trust.accessPointProblem(TestCertificates.expiredAccessPoint("Acme", "PBE000123", "BE"), Instant.now());
        assertTrue(expired.startsWith("the endpoint certificate expired on"), expired);
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
        String expired = trust.accessPointProblem(certificate, certificate.getNotAfter().toInstant().plusSeconds(1));
        assertTrue(expired != null && expired.startsWith("the endpoint certificate expired on"), expired);
        String early = trust.accessPointProblem(certificate, certificate.getNotBefore().toInstant().minusSeconds(1));
        assertTrue(early != null && early.startsWith("the endpoint certificate is only valid from"), early);
        assertNull(trust.accessPointProblem(certificate, now), "and accepted again now");
    }

    @Test
    void aCertificateRefusedOnceIsRefusedAgainWithTheSameReason() throws Exception {
        PeppolTrust trust = testTrust();
        X509Certificate untrusted = TestCertificates.untrustedAccessPoint("Acme", "PBE000123", "BE");
        String first = trust.accessPointProblem(untrusted, Instant.now());
        assertTrue(first != null && first.contains("does not chain to a Peppol access-point CA"), first);
        assertEquals(first, trust.accessPointProblem(untrusted, Instant.now()));
        // an SMP CA's certificate is no access point, and an AP CA's certificate is no SMP, remembered or not
        X509Certificate smp = TestCertificates.issue("C=BE,O=Acme SMP,CN=smp.acme.test", TestCertificates.SMP_CA).certificate();
        X509Certificate ap = TestCertificates.accessPoint("Acme", "PBE000123", "BE");
        for (int i = 0; i < 2; i++) {
            assertTrue(trust.accessPointProblem(smp, Instant.now()).contains("does not chain"));
            assertNull(trust.smpSignerProblem(smp, Instant.now()));
            assertNull(trust.accessPointProblem(ap, Instant.now()));
            String problem = trust.smpSignerProblem(ap, Instant.now());
            assertTrue(problem != null && problem.contains("does not chain to a Peppol SMP CA"), problem);
        }
    }

    @Test
    void anSmpSigningCertificateAcceptedOnceIsRefusedOnceItHasExpired() throws Exception {
        PeppolTrust trust = testTrust();
        X509Certificate smp = TestCertificates.issue("C=BE,O=Acme SMP,CN=smp.acme.test", TestCertificates.SMP_CA).certificate();
        assertNull(trust.smpSignerProblem(smp, Instant.now()));
        String expired = trust.smpSignerProblem(smp, smp.getNotAfter().toInstant().plusSeconds(1));
        assertTrue(expired != null && expired.startsWith("the SMP signing certificate expired on"), expired);
    }
}
