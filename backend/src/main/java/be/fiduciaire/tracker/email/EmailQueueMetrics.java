package be.fiduciaire.tracker.email;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import be.fiduciaire.tracker.common.db.Db;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gauges of the email queue as the database holds it (the same figure on every instance: aggregate with max, not
 * sum): {@code email_queue_messages{state="queued|sending|failed|uncertain"}}. Counted by a periodic job
 * ({@code app.metrics.refresh-every}), so a scrape never waits on the database.
 */
@ApplicationScoped
public class EmailQueueMetrics {
    @Inject
    Db db;
    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> counts = Map.of(
            "queued", new AtomicLong(), "sending", new AtomicLong(), "failed", new AtomicLong(), "uncertain", new AtomicLong());

    @PostConstruct
    void init() {
        counts.forEach((state, value) -> Gauge.builder("email.queue.messages", value, AtomicLong::get)
                .description("Email messages by state: queued (PENDING, due or waiting for a retry), sending, failed, uncertain")
                .tag("state", state).register(registry));
    }

    @Scheduled(identity = "email-queue-metrics", every = "${app.metrics.refresh-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(() -> db.one("""
                    select count(*) filter (where status = 'PENDING') as queued, count(*) filter (where status = 'SENDING') as sending,
                           count(*) filter (where status = 'FAILED') as failed, count(*) filter (where status = 'UNCERTAIN') as uncertain
                      from email_message where status in ('PENDING', 'SENDING', 'FAILED', 'UNCERTAIN')""", r -> {
                counts.get("queued").set(r.longValue("queued"));
                counts.get("sending").set(r.longValue("sending"));
                counts.get("failed").set(r.longValue("failed"));
                counts.get("uncertain").set(r.longValue("uncertain"));
                return true;
            }));
        } catch (RuntimeException e) {
            Log.debugf("Email queue metrics not refreshed: %s", e.getMessage());
        }
    }
}
