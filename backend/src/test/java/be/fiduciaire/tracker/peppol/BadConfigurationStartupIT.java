package be.fiduciaire.tracker.peppol;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Starts the packaged application with wrong Peppol settings and checks that it refuses to start,
 * saying which variable to fix. Runs after `package` (Failsafe), against the real database of the test run.
 */
class BadConfigurationStartupIT {

    private record Outcome(int exitCode, String output) {}

    private static Outcome start(Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bad-config", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("app.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("APP_ADMIN_PASSWORD", "admin-password-1");
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) process.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Outcome(exited ? process.exitValue() : Integer.MIN_VALUE, output);
    }

    @Test
    void unknownNetworkAndMalformedDnsServerStopStartUpNamingTheVariables() throws Exception {
        Outcome outcome = start(Map.of("PEPPOL_SML", "prod", "PEPPOL_DNS_SERVER", "localhost:99999"));
        assertNotEquals(Integer.MIN_VALUE, outcome.exitCode(), "the application kept running with a bad configuration");
        assertNotEquals(0, outcome.exitCode());
        assertTrue(outcome.output().contains("PEPPOL_SML must be 'production' or 'test', not 'prod'"), outcome.output());
        assertTrue(outcome.output().contains("PEPPOL_DNS_SERVER must be host:port"), outcome.output());
    }

    @Test
    void zeroConcurrencyStopsStartUp() throws Exception {
        Outcome outcome = start(Map.of("PEPPOL_REFRESH_CONCURRENCY", "0"));
        assertNotEquals(0, outcome.exitCode());
        assertTrue(outcome.output().contains("PEPPOL_REFRESH_CONCURRENCY must be at least 1"), outcome.output());
    }
}
