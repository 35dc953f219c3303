package be.fiduciaire.tracker.peppol;

import java.util.Map;

import be.fiduciaire.tracker.peppol.fake.FakeDns;
import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.lookup.ParticipantIds;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake SML DNS server and the fake SMP for every Quarkus test, and points the Peppol look-up at them,
 * so no test reaches the real network.
 */
public class PeppolTestPeers implements QuarkusTestResourceLifecycleManager {
    public static final String ZONE = "participant.sml.fake.test";
    private static FakeDns dns;
    private static FakeSmp smp;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (dns == null) dns = new FakeDns();
            if (smp == null) smp = new FakeSmp(0, 5_000, 32, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "peppol.dns-server", "127.0.0.1:" + dns.port(),
                "peppol.sml-zone", ZONE,
                "peppol.smp-verify-signature", "false");
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
