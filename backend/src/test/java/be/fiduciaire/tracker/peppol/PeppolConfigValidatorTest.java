package be.fiduciaire.tracker.peppol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Bad Peppol settings stop start-up (PeppolConfigValidator observes StartupEvent) with a message naming the variable. */
class PeppolConfigValidatorTest {

    static List<String> problems(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PeppolConfig.class)
                .withSources(new PropertiesConfigSource(new HashMap<>(values), "test", 500)).build();
        return PeppolConfigValidator.problems(config.getConfigMapping(PeppolConfig.class));
    }

    @Test
    void defaultsAreValid() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problems(Map.of("peppol.sml", "test", "peppol.dns-server", "127.0.0.1:5353",
                "peppol.smp-url", "https://smp.example.com/path", "peppol.refresh-cron", "off")));
    }

    @Test
    void unknownNetworkIsReported() {
        assertEquals(List.of("PEPPOL_SML must be 'production' or 'test', not 'acceptance'"), problems(Map.of("peppol.sml", "acceptance")));
    }

    @Test
    void malformedDnsServerIsReported() {
        for (String bad : List.of("127.0.0.1", "dns:port", "host:0", "host:70000", ":53")) {
            List<String> problems = problems(Map.of("peppol.dns-server", bad));
            assertEquals(1, problems.size(), bad);
            assertTrue(problems.get(0).startsWith("PEPPOL_DNS_SERVER must be host:port"), problems.get(0));
        }
    }

    @Test
    void malformedSmpUrlIsReported() {
        for (String bad : List.of("smp.example.com", "ftp://smp.example.com", "https://", "http://exa mple.com")) {
            List<String> problems = problems(Map.of("peppol.smp-url", bad));
            assertEquals(1, problems.size(), bad);
            assertTrue(problems.get(0).startsWith("PEPPOL_SMP_URL must be an absolute http(s) URL"), problems.get(0));
        }
    }

    @Test
    void concurrencyBelowOneIsReported() {
        assertEquals(List.of("PEPPOL_REFRESH_CONCURRENCY must be at least 1, not 0"), problems(Map.of("peppol.refresh-concurrency", "0")));
    }

    @Test
    void leaseShorterThanASecondIsReported() {
        assertEquals(List.of("PEPPOL_REFRESH_LEASE must be at least 1 second (e.g. PT1M), not PT0.2S"),
                problems(Map.of("peppol.refresh-stale-after", "PT0.2S")));
        assertEquals(List.of(), problems(Map.of("peppol.refresh-stale-after", "PT5S")));
    }

    @Test
    void badZoneAndCronAreReportedTogether() {
        List<String> problems = problems(Map.of("peppol.sml-zone", "not a zone", "peppol.refresh-cron", "every night"));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith("PEPPOL_SML_ZONE"));
        assertTrue(problems.get(1).startsWith("PEPPOL_REFRESH_CRON"));
    }

    @Test
    void unreadableTruststoresAreReported() {
        List<String> problems = problems(Map.of("peppol.ap-truststore", "/nonexistent/ap.pem", "peppol.smp-truststore", "/nonexistent/smp.pem"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("PEPPOL_SMP_TRUSTSTORE must be a readable PEM file"), problems.get(0));
        assertTrue(problems.get(1).startsWith("PEPPOL_AP_TRUSTSTORE must be a readable PEM file"), problems.get(1));
    }
}
