package be.fiduciaire.tracker.clientquery;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldType;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Expression indexes on the custom fields' values in {@code client_fields}, for the custom fields that are used: filtered or sorted by
 * ({@link #ensure}, noted in memory from the request path) or by a saved view's filter or sort — not fields that
 * are only shown. Custom fields are defined at run time,
 * so their indexes cannot live in migrations; indexing only fields in use keeps bulk edits cheap (every index on
 * custom_fields is updated by them).
 * <p>
 * One background job builds them ({@link #maintain}): the wanted fields are rows of {@code cf_index_wanted}
 * (shared by every instance, kept across restarts, deleted with their field); one instance at a time, under a
 * PostgreSQL advisory lock, it builds each missing index with {@code CREATE INDEX CONCURRENTLY} on exactly the
 * expression the filter uses, backs off after a failed build, and drops the indexes of fields that are gone. No
 * request ever runs DDL or waits for an index; until it exists the query still works, only slower.
 * <p>
 * The indexes are on {@code client_fields.indexed_fields}, the copy of the wanted fields' values that PostgreSQL
 * computes from the document on every write (V101): a change of a field that no index reads then updates the row in
 * place, without one index entry. Before a field's index is built, the job projects it ({@link #project}).
 */
@ApplicationScoped
public class CustomFieldIndexes {
    /** pg advisory lock key of the job ("cfidx"). */
    static final long LOCK = 0x6366696478L;

    @ConfigMapping(prefix = "app.custom-field-indexes")
    public interface Config {
        /** How often the job looks for indexes to build or drop ({@code off} disables it). */
        @WithDefault("10s")
        String every();

        /** Wait after a failed build, doubled after each further failure up to {@link #maxBackoff()}. */
        @WithDefault("PT1M")
        Duration backoff();

        @WithDefault("PT6H")
        Duration maxBackoff();

        /**
         * How long a pass waits for the transactions that were running when it wrote a new projection function (they
         * may write rows without the new fields' copies); if some still run, the next pass starts again.
         */
        @WithDefault("PT30S")
        Duration drain();
    }

    @Inject
    Db db;
    @Inject
    Selectors selectors;
    @Inject
    FieldCatalog catalog;
    @Inject
    Config config;
    @Inject
    ProjectedFields projectedFields;

    private final Set<String> filtered = ConcurrentHashMap.newKeySet();

    /** Notes that a filter or sort uses {@code s}; the job builds its index. Cheap enough for every request: no SQL. */
    public void ensure(Selector s) {
        if (indexable(s)) filtered.add(s.field().key());
    }

    /**
     * DOCUMENT values are only ever tested for presence; LONG_TEXT values (up to 10,000 characters) would not fit a
     * btree entry, so an index on them would make long texts fail to save. A MULTI_SELECT's array gets a GIN index
     * (jsonb_path_ops) that answers the filter's containment test ({@code @>}).
     */
    static boolean indexable(Selector s) {
        return s.custom() && s.kind() != FieldKind.PRESENCE && s.field().type() != FieldType.LONG_TEXT;
    }

    static String indexName(String key, FieldKind kind) {
        String suffix = kind == FieldKind.NUMBER ? "_num" : kind == FieldKind.MULTI ? "_gin" : "";
        String name = "client_cf_" + key + suffix + "_idx";
        if (name.length() <= 63) return name;
        // PostgreSQL cuts names at 63 bytes: keep long keys apart with a hash of the full name
        return name.substring(0, 50) + "_" + Integer.toHexString(name.hashCode());
    }

    @Scheduled(identity = "custom-field-indexes", every = "${app.custom-field-indexes.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        maintain();
    }

    /** One pass of the job: record what is wanted, drop what belongs to no field, build what is missing and due. */
    public void maintain() {
        Set<String> noted = Set.copyOf(filtered);
        db.autocommit(c -> {
            if (!c.one("select pg_try_advisory_lock(?) as locked", r -> r.bool("locked"), LOCK).orElse(false)) return null;
            try {
                // a fresh read of the definitions: a field changed a second ago must not lose or keep the wrong index
                catalog.invalidate();
                record(c, noted);
                filtered.removeAll(noted);
                Map<String, Selector> wanted = new HashMap<>();
                Map<String, Boolean> due = new HashMap<>();
                for (var row : c.list("select field_key, next_attempt_at <= now() as due from cf_index_wanted",
                        r -> Map.entry(r.string("field_key"), r.bool("due")))) {
                    Optional<Selector> s = selectors.find(Selectors.CF + row.getKey()).filter(CustomFieldIndexes::indexable);
                    if (s.isEmpty()) continue;
                    String name = indexName(row.getKey(), s.get().kind());
                    wanted.put(name, s.get());
                    due.put(name, row.getValue());
                }
                Map<String, Boolean> existing = new HashMap<>();
                for (var index : c.list("""
                        select ci.relname as name, i.indisvalid as valid
                          from pg_index i join pg_class ci on ci.oid = i.indexrelid
                         where i.indrelid = 'client_fields'::regclass and ci.relname like 'client\\_cf\\_%'""",
                        r -> Map.entry(r.string("name"), r.bool("valid")))) {
                    existing.put(index.getKey(), index.getValue());
                }
                for (String name : existing.keySet()) {
                    if (!wanted.containsKey(name)) drop(c, name, "its field is gone or changed type");
                }
                Set<String> projected = new HashSet<>(c.list("select field_key from cf_index_wanted where projected", r -> r.string("field_key")));
                List<String> pending = wanted.values().stream().map(s -> s.field().key()).filter(k -> !projected.contains(k)).distinct().sorted().toList();
                if (!pending.isEmpty() && project(c, pending)) projected.addAll(pending);
                wanted.forEach((name, s) -> {
                    if (Boolean.TRUE.equals(existing.get(name)) || !due.get(name) || !projected.contains(s.field().key())) return;
                    build(c, name, s, existing.containsKey(name));
                });
            } finally {
                c.one("select pg_advisory_unlock(?) as unlocked", r -> r.bool("unlocked"), LOCK);
            }
            return null;
        });
    }

    /**
     * Wanted: fields filtered or sorted by since the last pass, or by a saved view's filter or sort. A field that is only
     * shown is not indexed: every index on custom_fields is written by every bulk edit, and a click on its column
     * header is a sort, noted like any other.
     */
    private void record(Db.Autocommit c, Set<String> noted) {
        List<String> used = c.list("""
                select f.key from cf_field f
                 where exists (select 1 from control_view v
                                where v.filter ~ ('(^|[^a-z0-9_.])cf\\.' || f.key || '($|[^a-z0-9_])')
                                   or v.sort ~ ('(^|[^a-z0-9_.])cf\\.' || f.key || '($|[^a-z0-9_])'))""", r -> r.string("key"));
        Set<String> keys = new HashSet<>(used);
        keys.addAll(noted);
        List<String> indexable = keys.stream()
                .filter(k -> selectors.find(Selectors.CF + k).filter(CustomFieldIndexes::indexable).isPresent()).toList();
        if (indexable.isEmpty()) return;
        c.execute("""
                insert into cf_index_wanted (field_key)
                select f.key from cf_field f where f.key = any (?::text[])
                on conflict do nothing""", (Object) indexable.toArray(String[]::new));
    }

    /**
     * Makes every row's indexed_fields hold the values of {@code pending} (and of the other wanted fields): the
     * column's function is written again with every wanted field, the writers that planned their rows with the previous
     * one are waited for, then the rows written before are brought up to date, batch by batch (an update that sets the
     * document to itself: PostgreSQL computes the column again; no version step, nothing a client sees changes). Only
     * then are the fields marked projected, for filters to read and indexes to be built. False when writers that
     * started before did not end in time: the next pass starts again.
     */
    private boolean project(Db.Autocommit c, List<String> pending) {
        List<String> keys = c.list("select field_key from cf_index_wanted order by field_key", r -> r.string("field_key")).stream()
                .filter(k -> Selectors.KEY.matcher(k).matches()).toList();
        String body = projectionBody(keys);
        // a pass that waited in vain already wrote it: the same function again would only make every session re-plan
        boolean written = c.one("select prosrc = ? as same from pg_proc where proname = 'client_indexed_fields'", r -> r.bool("same"), body)
                .orElse(false);
        if (!written) c.execute("create or replace function client_indexed_fields(doc jsonb) returns jsonb immutable parallel safe language sql as $$"
                + body + "$$");
        if (!olderTransactionsEnded(c, config.drain())) {
            Log.infof("Custom fields %s not projected yet: transactions older than their projection still run", pending);
            return false;
        }
        record Batch(String last, long copied) {}
        String after = "00000000-0000-0000-0000-000000000000";
        long copied = 0;
        while (after != null) {
            Batch batch = c.one("""
                    with batch as (select client_id from client_fields where client_id > ?::uuid order by client_id limit ?),
                         copied as (update client_fields f set custom_fields = f.custom_fields from batch b
                                     where f.client_id = b.client_id and f.indexed_fields is distinct from client_indexed_fields(f.custom_fields)
                                    returning 1)
                    select (select max(client_id::text) from batch) as last, (select count(*) from copied) as copied""",
                    r -> new Batch(r.string("last"), r.longValue("copied")), after, PROJECTION_BATCH).orElseThrow();
            after = batch.last();
            copied += batch.copied();
        }
        c.execute("update cf_index_wanted set projected = true where field_key = any (?::text[])", (Object) pending.toArray(String[]::new));
        projectedFields.invalidate();
        Log.infof("Custom fields %s projected into indexed_fields (rows copied: %d)", pending, copied);
        return true;
    }

    /** Rows per statement when the job copies values into indexed_fields: each batch is a short transaction of its own. */
    private static final int PROJECTION_BATCH = 5_000;

    /**
     * The body of client_indexed_fields(doc) for {@code keys} (identifiers, the one key rule): the document's values of
     * those keys, absent when absent, written with jsonb_set_lax, which is immutable, so that PostgreSQL inlines the
     * function into the column's expression.
     */
    static String projectionBody(List<String> keys) {
        String value = "'{}'::jsonb";
        for (String k : keys) value = "jsonb_set_lax(" + value + ", '{" + k + "}', doc -> '" + k + "', true, 'delete_key')";
        return " select " + value + " ";
    }

    /** Waits until every transaction that was running when it was called has ended, at most {@code patience}. */
    private static boolean olderTransactionsEnded(Db.Autocommit c, Duration patience) {
        String since = c.one("select clock_timestamp()::text as t", r -> r.string("t")).orElseThrow();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            boolean ended = c.one("""
                    select not exists (select 1 from pg_stat_activity
                                        where datname = current_database() and pid <> pg_backend_pid() and xact_start < ?::timestamptz) as ended""",
                    r -> r.bool("ended"), since).orElse(false);
            if (ended) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void build(Db.Autocommit c, String name, Selector s, boolean invalidLeftOver) {
        String key = s.field().key();
        // the expression a filter on the projected field uses
        String expression = Selectors.of(s.field(), true).sql().replace("c.indexed_fields", "indexed_fields");
        try {
            // a build that died half-way leaves an invalid index behind: start again from nothing
            if (invalidLeftOver) c.execute("drop index concurrently if exists " + quoted(name));
            String on = s.kind() == FieldKind.MULTI ? "client_fields using gin (" + expression + " jsonb_path_ops)" : "client_fields (" + expression + ")";
            c.execute("create index concurrently if not exists " + quoted(name) + " on " + on);
            // statistics on the new expression let the planner estimate filters on it
            c.execute("analyze client_fields");
            c.execute("update cf_index_wanted set failures = 0, last_error = null where field_key = ? and failures > 0", key);
            Log.infof("Custom-field index %s ready", name);
        } catch (RuntimeException e) {
            Log.warnf("Could not build custom-field index %s: %s", name, e.getMessage());
            drop(c, name, "its build failed");
            c.execute("""
                    update cf_index_wanted
                       set failures = failures + 1, last_error = ?,
                           next_attempt_at = now() + least(make_interval(secs => ? * power(2, failures)), make_interval(secs => ?))
                     where field_key = ?""",
                    String.valueOf(e.getMessage()), (double) config.backoff().toSeconds(), (double) config.maxBackoff().toSeconds(), key);
        }
    }

    private static void drop(Db.Autocommit c, String name, String why) {
        try {
            c.execute("drop index concurrently if exists " + quoted(name));
            Log.infof("Dropped custom-field index %s: %s", name, why);
        } catch (RuntimeException e) {
            Log.warnf("Could not drop custom-field index %s: %s", name, e.getMessage());
        }
    }

    /** Index names come from validated keys or from pg_class (which may hold any name someone gave an index). */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
