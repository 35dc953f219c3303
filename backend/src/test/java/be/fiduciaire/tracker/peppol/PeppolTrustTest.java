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
}
