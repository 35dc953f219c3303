package be.fiduciaire.tracker.peppol;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Peppol look-up and refresh settings (api.md "Configuration"); environment names in application.properties.
 * Values are checked at start-up by {@link PeppolConfigValidator}.
 */
@ConfigMapping(prefix = "peppol")
public interface PeppolConfig {
    /** {@code production} or {@code test}: picks the SML zone and the SMP truststore. */
    @WithDefault("production")
    String sml();

    /** Overrides the network's SML DNS zone. */
    Optional<String> smlZone();

    /** host:port of the DNS server asked for NAPTR records; the system's resolvers when absent. */
    Optional<String> dnsServer();

    /** Ask this SMP for every participant instead of resolving the SMP through the SML. */
    Optional<String> smpUrl();

    @WithDefault("true")
    boolean smpVerifySignature();

    /** PEM file of CA certificates replacing the network's Peppol SMP CAs for the SMP signature. */
    Optional<String> smpTruststore();

    /** PEM file of CA certificates replacing the network's Peppol access-point CAs for endpoint certificates. */
    Optional<String> apTruststore();

    @WithDefault("0 0 2 * * ?")
    String refreshCron();

    /** Look-ups in flight in a refresh run. */
    @WithDefault("16")
    int refreshConcurrency();

    /** Look-ups in flight against one SMP host. */
    @WithDefault("16")
    int refreshPerHost();

    /** Retries of a transiently failed look-up (timeout, SERVFAIL, 5xx, connection refused). */
    @WithDefault("2")
    int refreshRetries();

    /** First retry delay; doubled for each further retry. */
    @WithDefault("PT0.5S")
    Duration refreshRetryBackoff();

    /**
     * The lease of a run's owner (and of a worker's claims): renewed by its heartbeat a few times per lease; a run
     * whose owner has not renewed it for this long is taken over by another instance.
     */
    @WithDefault("PT1M")
    Duration refreshStaleAfter();

    /** How often an instance looks for runs to take over (expired leases) or to help with. */
    @WithDefault("30s")
    String refreshResumeEvery();

    /**
     * Share of a run's previously REGISTERED clients it may turn NOT_REGISTERED before it is HELD for an admin,
     * e.g. {@code 5%} or {@code 0.05}: a broken network or SMP must not deregister a whole portfolio.
     */
    @WithDefault("5%")
    String downgradeGuard();

    /** The guard holds a run only when at least this many clients would be downgraded. */
    @WithDefault("20")
    int downgradeGuardMinimum();

    /** Finished runs keep their items this long (then a periodic job deletes them; the run row stays). */
    @WithDefault("P30D")
    Duration runRetention();

    @WithDefault("PT3S")
    Duration dnsTimeout();

    @WithDefault("PT5S")
    Duration smpConnectTimeout();

    @WithDefault("PT10S")
    Duration smpResponseTimeout();

    /** Larger SMP answers are refused (a ServiceMetadata is a few kB). */
    @WithDefault("1048576")
    int smpMaxResponseBytes();

    /**
     * How the Belgian government's Hermes portal is recognised: by its SMP (the SMP host, or the host of the
     * ServiceGroup's references) or by its endpoint's URL host, each also matching a sub-domain. Never by the
     * certificate: the organisation operating Hermes also runs a commercial access point.
     */
    Hermes hermes();

    interface Hermes {
        @WithDefault("smp.hermes-belgium.be,smp.acc-hermes-belgium.be")
        List<String> smpHosts();

        @WithDefault("hermes-belgium.be,hermes.belgium.be")
        List<String> endpointHosts();
    }
}
