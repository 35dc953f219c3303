package be.fiduciaire.tracker.peppol;

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
 * Gauges of refresh runs as the database holds them (the same figure on every instance): clients still to look up
 * in QUEUED / RUNNING runs ({@code peppol_refresh_items_open}) and runs by status ({@code peppol_refresh_runs}).
 * Look-ups by outcome are {@code peppol_lookups_total{outcome}} (per instance, {@code lookup.PeppolLookup}); what
 * this instance has claimed is {@code peppol_refresh_items_pending} ({@link RefreshRuns}).
 */
@ApplicationScoped
public class RefreshRunMetrics {
    @Inject
    Db db;
    @Inject
    MeterRegistry registry;

    private final AtomicLong openItems = new AtomicLong();
    private final Map<String, AtomicLong> runs = Map.of("QUEUED", new AtomicLong(), "RUNNING", new AtomicLong(), "HELD", new AtomicLong());

    @PostConstruct
    void init() {
        Gauge.builder("peppol.refresh.items.open", openItems, AtomicLong::get)
                .description("Clients not yet looked up in QUEUED or RUNNING refresh runs (all instances)").register(registry);
        runs.forEach((status, value) -> Gauge.builder("peppol.refresh.runs", value, AtomicLong::get)
                .description("Refresh runs by status (all instances)").tag("status", status).register(registry));
    }

    @Scheduled(identity = "peppol-refresh-metrics", every = "${app.metrics.refresh-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                openItems.set(db.one("""
                        select count(*) as n from peppol_refresh_item i join peppol_refresh_run r on r.id = i.run_id
                         where r.status in ('QUEUED', 'RUNNING') and i.state in ('PENDING', 'CLAIMED')""", r -> r.longValue("n")).orElse(0L));
                Map<String, Long> byStatus = new java.util.HashMap<>();
                db.list("select status, count(*) as n from peppol_refresh_run where status in ('QUEUED', 'RUNNING', 'HELD') group by status",
                        r -> byStatus.put(r.string("status"), r.longValue("n")));
                runs.forEach((status, value) -> value.set(byStatus.getOrDefault(status, 0L)));
            });
        } catch (RuntimeException e) {
            Log.debugf("Refresh run metrics not refreshed: %s", e.getMessage());
        }
    }
}
