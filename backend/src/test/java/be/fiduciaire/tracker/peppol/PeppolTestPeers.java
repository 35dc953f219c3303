package be.fiduciaire.tracker.peppol;

import java.util.Map;

import be.fiduciaire.tracker.peppol.fake.FakeDns;
import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.TestCertificates;
import be.fiduciaire.tracker.peppol.lookup.ParticipantIds;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake SML DNS server and the fake SMP for every Quarkus test, and points the Peppol look-up at them,
 * so no test reaches the real network.
 */
public class PeppolTestPeers implements QuarkusTestResourceLifecycleManager {
    public static final String ZONE = "participant.sml.fake.test";
    /** The fake SMP's second address (FakeSmp#hermesBaseUrl), configured as a Hermes SMP host. */
    public static final String HERMES_SMP_HOST = "127.0.0.2";
    private static FakeDns dns;
    private static FakeSmp smp;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (dns == null) dns = new FakeDns(ZONE);
            if (smp == null) smp = new FakeSmp(0, 5_000, 32, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // The fake SMP signs with a certificate of the test SMP CA and endpoints carry certificates of the test AP
        // CA: both replace the built-in Peppol CAs, so signatures and endpoint certificates are checked for real.
        return Map.of(
                "peppol.dns-server", "127.0.0.1:" + dns.port(),
                "peppol.sml-zone", ZONE,
                "peppol.smp-verify-signature", "true",
                "peppol.smp-truststore", TestCertificates.pemFile("smp-ca", TestCertificates.SMP_CA.certificate()).toString(),
                "peppol.ap-truststore", TestCertificates.pemFile("ap-ca", TestCertificates.AP_CA.certificate()).toString(),
                "peppol.hermes.smp-hosts", "smp.hermes-belgium.be,smp.acc-hermes-belgium.be," + HERMES_SMP_HOST);
    }

    @Override
    public void stop() {
        // kept for the whole JVM: several test classes share them
    }

    public static FakeDns dns() {
        return dns;
    }

    public static FakeSmp smp() {
        return smp;
    }

    /** The SML's NAPTR answer for this participant (e.g. 0208:0123456749) points at this SMP base URL. */
    public static void publish(String participantValue, String smpBaseUrl) {
        dns.answer(ParticipantIds.smlDnsName(participantValue.toLowerCase(), ZONE), smpBaseUrl);
    }

    public static String dnsName(String participantValue) {
        return ParticipantIds.smlDnsName(participantValue.toLowerCase(), ZONE);
    }
}
