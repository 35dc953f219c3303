package be.fiduciaire.tracker.clientquery;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Expression indexes on {@code client.custom_fields} for the custom fields people actually filter or sort by.
 * Custom fields are defined at run time, so their indexes cannot all live in migrations: the first filter or
 * sort on {@code cf.<key>} queues a {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} on the very expression
 * the filter uses (the key is a validated identifier). It runs in the background on its own connection, so it
 * never blocks a request or deadlocks with one; until it exists the query still works, only slower.
 * Indexing only fields in use keeps bulk edits cheap (every index on custom_fields is updated by them).
 */
@ApplicationScoped
public class CustomFieldIndexes {
    @Inject
    DataSource dataSource;

    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cf-index-builder");
        t.setDaemon(true);
        return t;
    });

    public void ensure(Selector s) {
        if (!s.custom()) return;
        if (s.kind() == FieldKind.MULTI || s.kind() == FieldKind.PRESENCE) return;
        String expression = s.sql().replace("c.custom_fields", "custom_fields");
        String name = indexName(s.field().key(), s.kind());
        if (!requested.add(name)) return;
        worker.submit(() -> build(name, expression));
    }

    static String indexName(String key, FieldKind kind) {
        String suffix = switch (kind) {
            case NUMBER -> "_num";
            default -> "";
        };
        String name = "client_cf_" + key + suffix + "_idx";
        if (name.length() <= 63) return name;
        // PostgreSQL cuts names at 63 bytes: keep long keys apart with a hash of the full name
        return name.substring(0, 50) + "_" + Integer.toHexString(name.hashCode());
    }

    private void build(String name, String expression) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (var check = c.prepareStatement("select i.indisvalid from pg_class r join pg_index i on i.indexrelid = r.oid where r.relname = ?")) {
                check.setString(1, name);
                try (var rs = check.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getBoolean(1)) return;
                        // a build that died half-way leaves an invalid index behind: rebuild it
                        try (Statement drop = c.createStatement()) {
                            drop.execute("drop index concurrently if exists " + name);
                        }
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create index concurrently if not exists " + name + " on client (" + expression + ")");
                // statistics on the new expression let the planner estimate filters on it
                st.execute("analyze client");
                Log.infof("Custom-field index %s ready", name);
            } catch (Exception e) {
                Log.warnf("Could not build custom-field index %s: %s", name, e.getMessage());
                try (Statement drop = c.createStatement()) {
                    drop.execute("drop index concurrently if exists " + name);
                }
                requested.remove(name);
            }
        } catch (Exception e) {
            Log.warnf("Could not build custom-field index %s: %s", name, e.getMessage());
            requested.remove(name);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }
}
