package be.fiduciaire.tracker.peppol;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import be.fiduciaire.tracker.peppol.lookup.PeppolTrust;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Stops start-up with a clear message when a Peppol setting is wrong. */
@ApplicationScoped
public class PeppolConfigValidator {

    @Inject
    PeppolConfig config;

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems(config);
        if (!problems.isEmpty())
            throw new IllegalStateException("Invalid Peppol configuration: " + String.join("; ", problems));
    }

    /** Every problem of the settings, each naming the environment variable to fix. */
    public static List<String> problems(PeppolConfig config) {
        List<String> problems = new ArrayList<>();
        if (!"production".equals(config.sml()) && !"test".equals(config.sml()))
            problems.add("PEPPOL_SML must be 'production' or 'test', not '" + config.sml() + "'");
        config.smlZone().ifPresent(zone -> {
            if (!zone.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+\\.?"))
                problems.add("PEPPOL_SML_ZONE must be a DNS name such as participant.sml.prod.tech.peppol.org, not '" + zone + "'");
        });
        config.dnsServer().ifPresent(server -> {
            if (parseHostPort(server) == null)
                problems.add("PEPPOL_DNS_SERVER must be host:port with a port from 1 to 65535, not '" + server + "'");
        });
        config.smpUrl().ifPresent(url -> {
            if (!isHttpUrl(url))
                problems.add("PEPPOL_SMP_URL must be an absolute http(s) URL such as https://smp.example.com/, not '" + url + "'");
        });
        if (config.refreshConcurrency() < 1)
            problems.add("PEPPOL_REFRESH_CONCURRENCY must be at least 1, not " + config.refreshConcurrency());
        if (config.refreshPerHost() < 1)
            problems.add("PEPPOL_REFRESH_PER_HOST must be at least 1, not " + config.refreshPerHost());
        if (config.refreshRetries() < 0)
            problems.add("PEPPOL_REFRESH_RETRIES must be 0 or more, not " + config.refreshRetries());
        if (share(config.downgradeGuard()) == null)
            problems.add("PEPPOL_DOWNGRADE_GUARD must be a share such as 5% or 0.05 (0 to 100%), not '" + config.downgradeGuard() + "'");
        if (config.downgradeGuardMinimum() < 0)
            problems.add("peppol.downgrade-guard-minimum must be 0 or more, not " + config.downgradeGuardMinimum());
        if (config.refreshStaleAfter().compareTo(java.time.Duration.ofSeconds(1)) < 0)
            problems.add("PEPPOL_REFRESH_LEASE must be at least 1 second (e.g. PT1M), not " + config.refreshStaleAfter());
        if (config.runRetention().isNegative() || config.runRetention().isZero())
            problems.add("PEPPOL_RUN_RETENTION must be a positive duration such as 30d, not " + config.runRetention());
        if (config.smpMaxResponseBytes() < 1024)
            problems.add("peppol.smp-max-response-bytes must be at least 1024, not " + config.smpMaxResponseBytes());
        String cron = config.refreshCron().trim();
        if (!cron.equalsIgnoreCase("off") && !cron.equalsIgnoreCase("disabled") && cron.split("\\s+").length < 6)
            problems.add("PEPPOL_REFRESH_CRON must be a Quartz cron expression with seconds (e.g. '0 0 2 * * ?') or 'off', not '" + cron + "'");
        config.smpTruststore().ifPresent(path -> truststoreProblem("PEPPOL_SMP_TRUSTSTORE", path).ifPresent(problems::add));
        config.apTruststore().ifPresent(path -> truststoreProblem("PEPPOL_AP_TRUSTSTORE", path).ifPresent(problems::add));
        return problems;
    }

    /** "5%" or "0.05" → 0.05; null when it is not a share from 0 to 1. */
    public static Double share(String value) {
        String v = value == null ? "" : value.trim();
        try {
            double share = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100 : Double.parseDouble(v);
            return share >= 0 && share <= 1 ? share : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<String> truststoreProblem(String variable, String path) {
        try {
            PeppolTrust.readPem(Path.of(path));
            return Optional.empty();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.of(variable + " must be a readable PEM file of CA certificates, not '" + path + "': " + e.getMessage());
        }
    }

    /** host:port → [host, port], or null when malformed. Accepts [v6]:port. */
    public static String[] parseHostPort(String value) {
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) return null;
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isBlank() || host.contains(" ") || (host.contains(":") && !v.startsWith("["))) return null;
        try {
            int port = Integer.parseInt(v.substring(colon + 1));
            if (port < 1 || port > 65535) return null;
            return new String[] {host, Integer.toString(port)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
