package be.fiduciaire.tracker.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of bulk edit: its bulk_edit row (idempotency) and the one statement that edits the selection. */
@ApplicationScoped
public class BulkEditRepository {
    /**
     * A checked change: history field name, then either a standard column (with its SQL type and value) or a
     * custom-field key; {@code newJson} is the new value as JSON (null clears).
     */
    record Change(String historyField, String column, String sqlType, String cfKey, Object value, String newJson) {}

    /** matched: selected; toChange: selected with a value that differs; changed: updated (less when some moved meanwhile). */
    record Counts(long matched, long toChange, long changed) {}

    record Stored(UUID id, String requestHash, long matched, long changed) {}

    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    CurrentUser currentUser;

    Optional<Stored> previous(String idempotencyKey) {
        return db.one("select id, request_hash, matched, changed from bulk_edit where actor_id = ? and idempotency_key = ?",
                r -> new Stored(r.uuid("id"), r.string("request_hash"), r.longValue("matched"), r.longValue("changed")),
                currentUser.id(), idempotencyKey);
    }

    /** False when the current user already used {@code idempotencyKey} (a concurrent retry won). */
    boolean insert(UUID id, String idempotencyKey, String hash, String selectionJson, String changesJson) {
        return db.update("insert into bulk_edit (id, actor_id, actor_name, idempotency_key, request_hash, "
                + "selection, changes, matched, changed) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 0, 0) "
                + "on conflict (actor_id, idempotency_key) where idempotency_key is not null do nothing",
                id, currentUser.id(), currentUser.name(), idempotencyKey, hash, selectionJson, changesJson) > 0;
    }

    /**
     * For this transaction: wait at most that long for rows others lock (then 55P03, a 409), and give the snapshot of a
     * large selection the memory to be hash-joined in memory rather than in batches on disk.
     */
    void waitForLocksAtMost(long milliseconds) {
        db.one("select set_config('lock_timeout', ?, true) as lock_timeout, set_config('work_mem', '64MB', true) as work_mem",
                r -> r.string("lock_timeout"), milliseconds + "ms");
    }

    void finish(UUID id, Counts counts) {
        db.update("update bulk_edit set matched = ?, changed = ? where id = ?", counts.matched(), counts.changed(), id);
    }

    /** Up to ten of {@code ids} that name no client. */
    List<String> unknownIds(String[] ids) {
        return db.list("select i::text as id from unnest(?::uuid[]) i where not exists (select 1 from client x where x.id = i) limit 10",
                r -> r.string("id"), (Object) ids);
    }

    /** What the edit would do, without writing: matched and to change. */
    Counts dryRun(Sql selection, List<Change> changes) {
        Sql differs = differs(changes, "c.custom_fields", "c.");
        Sql sql = Sql.join(" where ", List.of(differs.wrap("select count(*) as matched, count(*) filter (where ", ") as to_change"
                + ClientRows.FROM), selection));
        return db.one(sql, r -> new Counts(r.longValue("matched"), r.longValue("to_change"), 0)).orElseThrow();
    }

    /** Per change, in order: selected clients that already hold the new value, and those whose other value it replaces. */
    record FieldCounts(String field, long alreadySet, long overwritten) {}

    /**
     * The dry run's detail, one statement over the selection: for each change, how many clients already hold the value
     * (not counted as changed) and how many hold another, non-empty value that the edit would overwrite (the others
     * are empty and only get filled).
     */
    List<FieldCounts> fieldCounts(Sql selection, List<Change> changes) {
        List<Sql> columns = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change ch = changes.get(i);
            Sql differs = differs(List.of(ch), "c.custom_fields", "c.");
            String present = ch.cfKey() != null
                    ? "coalesce(jsonb_typeof(c.custom_fields->'" + ch.cfKey() + "') not in ('null'), false)"
                      + " and (c.custom_fields->'" + ch.cfKey() + "') is distinct from '\"\"'::jsonb"
                    : "c." + ch.column() + " is not null";
            columns.add(differs.wrap("count(*) filter (where not ", ") as same_" + i));
            columns.add(differs.wrap("count(*) filter (where ", " and " + present + ") as over_" + i));
        }
        Sql sql = Sql.join(" where ", List.of(Sql.join(", ", columns).wrap("select ", ClientRows.FROM), selection));
        return db.one(sql, r -> {
            List<FieldCounts> out = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                out.add(new FieldCounts(changes.get(i).historyField(), r.longValue("same_" + i), r.longValue("over_" + i)));
            }
            return out;
        }).orElseThrow();
    }

    /**
     * The one statement: snapshot the selection (with versions and old values), update the clients whose values
     * differ and whose version is unchanged, write their history. Returns {matched, to change, changed}; when a
     * client changed concurrently (its version moved) it is not updated, and the caller rolls everything back.
     */
    Counts update(UUID bulkEditId, Sql selection, List<Change> changes) {
        // The snapshot keeps each row's physical addresses (ctid): the update finds its row there directly (a TID
        // scan per row, in the order of the table) instead of hashing the whole table or descending the primary key
        // once per row. A row another transaction changed meanwhile is followed to its newest version and fails the
        // version check, as before. The planner prices TID look-ups far above what they cost (and would compile the
        // statement with JIT for it): for the update, it is told to join by TID and not to compile. The snapshot is
        // a statement of its own, into a temporary table dropped at commit, so that it still joins the client and
        // fields rows by hashing (at a million clients 2.4 s, against 4.2 s one primary-key look-up at a time).
        // Standard columns are written in the client row, custom fields in the client's fields row (V99): an edit of
        // custom fields alone never writes the client row nor its indexes. The version step is the client row's when
        // it is written, else the fields row's: one step per changed client either way.
        // The statement adds its own deltas to the maintained counts (client_count), from the old values it already
        // carries, and tells the count triggers so for this statement (V98, V99): the triggers would otherwise join
        // every changed row's old and new document. A change of status moves all of a client's counts: the client
        // trigger's work then, from the fields as they end; the statement still counts the custom fields it changes,
        // under the status the client had.
        boolean statusChanged = changes.stream().anyMatch(ch -> "status".equals(ch.column()));
        boolean standard = changes.stream().anyMatch(ch -> ch.column() != null);
        boolean custom = changes.stream().anyMatch(ch -> ch.cfKey() != null);
        db.one("select set_config('jit', 'off', true) as j, set_config('tracker.bulk_edit_counted', ?, true) as counted",
                r -> r.string("j"), statusChanged ? "fields" : "on");
        // only the old values of the changed fields travel through the snapshot, not whole documents
        StringBuilder snapshot = new StringBuilder("create temporary table bulk_edit_selection on commit drop as select c.client_tid, "
                + "c.client_version, c.fields_tid, c.fields_version, c.id, c.status, jsonb_strip_nulls(jsonb_build_object(");
        List<String> oldKeys = new ArrayList<>();
        for (Change ch : changes) if (ch.cfKey() != null) oldKeys.add("'" + ch.cfKey() + "', c.custom_fields->'" + ch.cfKey() + "'");
        snapshot.append(String.join(", ", oldKeys)).append(")) as old_cf");
        for (Change ch : changes) if (ch.column() != null) snapshot.append(", c.").append(ch.column()).append(" as old_").append(ch.column());
        snapshot.append(ClientRows.FROM).append(" where ").append(selection.text());
        db.update(new Sql(snapshot.toString(), selection.params()));
        db.one("select set_config('enable_hashjoin', 'off', true) as h, set_config('enable_mergejoin', 'off', true) as m", r -> r.string("h"));
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("with t as not materialized (select * from bulk_edit_selection)");

        Sql differs = differs(changes, "t.old_cf", "t.old_");
        List<Change> customChanges = changes.stream().filter(ch -> ch.cfKey() != null).toList();
        Sql customDiffers = custom ? differs(customChanges, "t.old_cf", "t.old_") : null;
        String returning = " returning t.id, t.status, t.old_cf" + changes.stream().filter(ch -> ch.column() != null)
                .map(ch -> ", t.old_" + ch.column()).reduce("", String::concat);
        if (standard) {
            sql.append(", upd_client as (update client c set ");
            List<String> sets = new ArrayList<>();
            for (Change ch : changes) {
                if (ch.column() == null) continue;
                sets.add(ch.column() + " = ?::" + ch.sqlType());
                params.add(sqlValue(ch));
            }
            sql.append(String.join(", ", sets)).append(", version = c.version + 1, updated_at = now()")
                    .append(" from t where c.ctid = t.client_tid and c.version = t.client_version and ").append(differs.text()).append(returning).append(")");
            params.addAll(differs.params());
        }
        if (custom) {
            ObjectNode set = json.createObjectNode();
            List<String> remove = new ArrayList<>();
            for (Change ch : customChanges) {
                if (ch.newJson() == null) remove.add(ch.cfKey());
                else set.set(ch.cfKey(), readTree(ch.newJson()));
            }
            sql.append(", upd_fields as (update client_fields f set custom_fields = (f.custom_fields || ?::jsonb) - ?::text[]");
            params.add(new Sql.JsonParam(set.toString()));
            params.add(remove.toArray(String[]::new));
            sql.append(standard ? "" : ", version = f.version + 1, updated_at = now()")
                    .append(" from t where f.ctid = t.fields_tid and f.version = t.fields_version and ").append(customDiffers.text()).append(returning).append(")");
            params.addAll(customDiffers.params());
        }
        // the changed clients: every one has its client row written when a standard column changes, else its fields row
        String upd = standard ? "upd_client" : "upd_fields";
        sql.append(", hist as (insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value, bulk_edit_id) ")
                .append("select u.id, ?::uuid, ?, 'FIELD', f.field, f.old_value, f.new_value, ?::uuid from ").append(upd).append(" u cross join lateral (values ");
        params.add(currentUser.id() == null ? null : currentUser.id().toString());
        params.add(currentUser.name());
        params.add(bulkEditId.toString());
        List<String> rows = new ArrayList<>();
        for (Change ch : changes) {
            String old = ch.cfKey() != null ? "u.old_cf->'" + ch.cfKey() + "'" : "to_jsonb(u.old_" + ch.column() + ")";
            rows.add("(?, " + old + ", ?::jsonb)");
            params.add(ch.historyField());
            params.add(new Sql.JsonParam(ch.newJson()));
        }
        // in client order: the history index on (client_id, at) is then written page after page, not at random (at
        // a million clients, 13 s instead of 23-33 s for the history of every client, a tenth of the page images)
        sql.append(String.join(", ", rows)).append(") as f(field, old_value, new_value) where f.old_value is distinct from f.new_value")
                .append(" order by u.id returning 1)");
        Sql deltas = countDeltas(changes, !statusChanged);
        sql.append(", counted as (select client_count_add(array_agg(x.dim), array_agg(x.status), array_agg(x.has_value), ")
                .append("array_agg(x.value), array_agg(x.n)) as done from (select dim, status, has_value, value, sum(n)::bigint as n from (")
                .append(deltas.text()).append(") d(dim, status, has_value, value, n) group by 1, 2, 3, 4) x)");
        params.addAll(deltas.params());
        // with both rows written, a client whose fields row moved meanwhile (its version check failed) had only its
        // client row changed: it counts as not changed, and the caller rolls back
        String changed = standard && custom
                ? "(select count(*) from upd_client) - ((select count(*) from t where " + customDiffers.text() + ") - (select count(*) from upd_fields))"
                : "(select count(*) from " + upd + ")";
        sql.append(" select (select count(*) from t) as matched, (select count(*) from t where ").append(differs.text())
                .append(") as to_change, ").append(changed).append(" as changed, (select count(*) from hist) as history, ")
                .append("(select count(*) from counted) as counted");
        params.addAll(differs.params());
        if (standard && custom) params.addAll(customDiffers.params());
        Counts counts = db.one(new Sql(sql.toString(), params),
                r -> new Counts(r.longValue("matched"), r.longValue("to_change"), r.longValue("changed"))).orElseThrow();
        db.one("select set_config('tracker.bulk_edit_counted', 'off', true) as counted", r -> r.string("counted"));
        return counts;
    }

    /**
     * The clients whose value of {@code change} this transaction's {@link #update} changed, read from its snapshot (which
     * commit drops), not from the history: no index serves the history by bulk edit, and it grows with every edit.
     */
    List<UUID> changedBy(Change change) {
        return db.list(differs(List.of(change), "t.old_cf", "t.old_").wrap("select t.id from bulk_edit_selection t where ", ""),
                r -> r.uuid("id"));
    }

    /** Count dimensions (V80's client_count) of the standard columns a bulk edit may change; status is the trigger's. */
    private static final Map<String, String> COUNTED_COLUMNS = Map.of("language", "language", "vat_liable", "vatLiable");

    /**
     * What the updated rows move in client_count, as the count triggers would add it: per changed field, -1 under each
     * old value and +1 under the new one, in the rows' client status as the snapshot read it (a value that did not
     * change cancels out in the sum). Custom fields from the fields rows written ({@code upd_fields}), standard
     * columns from the client rows written ({@code upd_client}) when {@code standardToo} (not when the status changes:
     * the client trigger counts those). The rows are grouped first (by status and old value), so each change costs
     * one aggregate over the changed rows. Custom fields count when cf_field says they are countable (SELECT, BOOLEAN,
     * MULTI_SELECT), their values read by client_count_values as the trigger reads them.
     */
    private static Sql countDeltas(List<Change> changes, boolean standardToo) {
        List<Sql> parts = new ArrayList<>();
        for (Change ch : changes) {
            String rows = ch.cfKey() != null ? "upd_fields" : "upd_client";
            String byStatus = "(select u.status, count(*) as n from " + rows + " u group by 1) g";
            if (ch.cfKey() != null) {
                String field = " join cf_field f on f.key = ? and f.type in ('SELECT', 'BOOLEAN', 'MULTI_SELECT')"
                        + " cross join lateral client_count_values(jsonb_strip_nulls(jsonb_build_object(f.key, ";
                parts.add(Sql.of("select 'cf.' || f.key, g.status, v.has_value, v.value, -g.n"
                        + " from (select u.status, u.old_cf -> ? as old, count(*) as n from upd_fields u group by 1, 2) g" + field
                        + "g.old)), f.key, f.type) v", ch.cfKey(), ch.cfKey()));
                parts.add(Sql.of("select 'cf.' || f.key, g.status, v.has_value, v.value, g.n from " + byStatus + field
                        + "?::jsonb)), f.key, f.type) v", ch.cfKey(), new Sql.JsonParam(ch.newJson())));
            } else if (standardToo && COUNTED_COLUMNS.containsKey(ch.column())) {
                String dim = "'" + COUNTED_COLUMNS.get(ch.column()) + "'::text";
                parts.add(Sql.of("select " + dim + ", g.status, true, g.old::text, -g.n"
                        + " from (select u.status, u.old_" + ch.column() + " as old, count(*) as n from upd_client u group by 1, 2) g"));
                parts.add(Sql.of("select " + dim + ", g.status, true, ?::" + ch.sqlType() + "::text, g.n from " + byStatus, sqlValue(ch)));
            }
        }
        if (parts.isEmpty()) return Sql.of("select null::text, null::text, null::boolean, null::text, null::bigint where false");
        return Sql.join(" union all ", parts);
    }

    /** True when any change differs from the row's current value; columns read as {@code prefix + column}. */
    private Sql differs(List<Change> changes, String customFields, String prefix) {
        List<Sql> parts = new ArrayList<>();
        for (Change ch : changes) {
            if (ch.cfKey() != null) {
                parts.add(Sql.of("(" + customFields + "->'" + ch.cfKey() + "') is distinct from ?::jsonb", new Sql.JsonParam(ch.newJson())));
            } else {
                parts.add(Sql.of(prefix + ch.column() + " is distinct from ?::" + ch.sqlType(), sqlValue(ch)));
            }
        }
        Sql any = Sql.join(" or ", parts);
        return new Sql("(" + any.text() + ")", any.params());
    }

    private static Object sqlValue(Change ch) {
        Object v = ch.value();
        return v instanceof UUID u ? u.toString() : v;
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
