package be.fiduciaire.tracker.email;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Email settings (api.md "Configuration"); SMTP itself is quarkus.mailer.* (QUARKUS_MAILER_*). */
@ConfigMapping(prefix = "app.email")
public interface EmailSettings {
    /** APP_FIRM_NAME: the firm's name in templates. */
    @WithDefault("Fiduciaire")
    String firmName();

    /** APP_FIRM_ADDRESS: the firm's address in templates. */
    Optional<String> firmAddress();

    /** APP_FIRM_LANGUAGE: the variant used when a template lacks the client's language. */
    @WithDefault("fr")
    String firmLanguage();

    /** How often idle workers look for due messages. */
    @WithDefault("1s")
    String pollInterval();

    /** Messages one worker claims at a time (sent concurrently over the mailer's pooled connections). */
    @WithDefault("200")
    int batchSize();

    /** Tries of a message before it is FAILED (transient SMTP errors only; permanent ones fail at once). */
    @WithDefault("4")
    int maxAttempts();

    /** Wait before the first retry; doubled after each failed try. */
    @WithDefault("PT30S")
    Duration retryBackoff();

    /** A SENDING claim older than this belongs to a dead worker: the message becomes UNCERTAIN. */
    @WithDefault("PT5M")
    Duration claimTimeout();

    /** APP_CAMPAIGN_CRON: when the campaign job creates the due follow-ups ("off" disables it). */
    @WithDefault("0 0 * * * ?")
    String campaignCron();

    /** APP_DIGEST_CRON: when the morning digest of Peppol changes is queued (Europe/Brussels; "off" disables it). */
    @WithDefault("0 0 7 * * ?")
    String digestCron();

    /** APP_PUBLIC_URL: the app's address as users reach it (https://tracker.firm.be); links in emails to users, none when unset. */
    Optional<String> publicUrl();

    /** The domain of the stable Message-IDs (default: the sender address's domain). */
    Optional<String> messageIdDomain();
}
