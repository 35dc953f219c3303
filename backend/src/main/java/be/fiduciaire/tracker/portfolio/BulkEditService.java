package be.fiduciaire.tracker.portfolio;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.client.StandardField;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditRequest;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditResult;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldType;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Bulk edit (api.md "Bulk edit"): validates every change first, then applies them in one set-based statement
 * (snapshot the selection, update the clients whose values differ, write one history row per changed field) inside
 * one transaction, so either every selected client is edited or none is. Concurrency is optimistic: a client whose
 * version moved between the snapshot and its update is not updated, which the counts reveal, and the whole edit
 * is rolled back with 409; a client locked by another transaction for longer than the lock timeout gives 409 too.
 */
@ApplicationScoped
public class BulkEditService {
    public static final int MAX_IDS = 100_000;

    private static final Set<FieldType> NOT_BULK_EDITABLE = Set.of(FieldType.MULTI_SELECT, FieldType.DOCUMENT, FieldType.SYSTEM);

    /** A validated change: history field name, SQL to compare / set, parameter. */
    private record Change(String historyField, String column, String sqlType, String cfKey, Object value, String newJson) {}

    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    RsqlCompiler filters;
    @Inject
    FieldCatalog catalog;
    @Inject
    CustomFieldValues values;
    @Inject
    CurrentUser currentUser;
    /** How long the edit waits for clients someone else is changing before giving up with 409. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "app.bulk-edit.lock-timeout-ms", defaultValue = "10000")
    long lockTimeoutMs;

    @Transactional
    public BulkEditResult apply(BulkEditRequest request, String idempotencyKey) {
        if (request == null) throw ProblemException.validation("body", "A bulk edit is required");
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.badRequest("Idempotency-Key", "Idempotency-Key must be 1 to 200 characters");
        }
        String key = dryRun ? null : idempotencyKey;
        String hash = hash(request);
        try {
            if (key != null) {
                BulkEditResult previous = previous(key, hash);
                if (previous != null) return previous;
            }
            Sql selection = selection(request.selection());
            List<Change> changes = changes(request.changes());
            if (dryRun) {
                BulkEditResult result = dryRun(selection, changes);
                checkAllIdsFound(request.selection(), result.matched());
                return result;
            }

            UUID id = UUID.randomUUID();
            int inserted = db.update("insert into bulk_edit (id, actor_id, actor_name, idempotency_key, request_hash, "
                    + "selection, changes, matched, changed) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 0, 0) "
                    + "on conflict (actor_id, idempotency_key) where idempotency_key is not null do nothing",
                    id, currentUser.id(), currentUser.name(), key, hash, json.writeValueAsString(request.selection()),
                    json.writeValueAsString(request.changes()));
            // The same key was applied meanwhile by a concurrent request: answer with its result.
            if (inserted == 0) return previous(key, hash);
            // work_mem: the snapshot of a large selection is hash-joined in memory rather than in batches on disk
            db.one("select set_config('lock_timeout', ?, true) as lock_timeout, set_config('work_mem', '64MB', true) as work_mem",
                    r -> r.string("lock_timeout"), lockTimeoutMs + "ms");
            Counts counts = update(id, selection, changes);
            checkAllIdsFound(request.selection(), counts.matched());
            if (counts.toChange() != counts.changed()) {
                throw ProblemException.conflict("selection", "Some clients were changed by someone else meanwhile; nothing was changed, try again");
            }
            db.update("update bulk_edit set matched = ?, changed = ? where id = ?", counts.matched(), counts.changed(), id);
            return new BulkEditResult(id, counts.matched(), counts.changed(), false);
        } catch (DatabaseException e) {
            // lock_timeout (55P03), serialization failure or deadlock: someone else holds some of the rows
            if (e.isConcurrentChange()) {
                throw ProblemException.conflict("selection", "Some clients are being changed by someone else; nothing was changed, try again");
            }
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** matched: selected; toChange: selected with a value that differs; changed: updated (less when some moved meanwhile). */
    private record Counts(long matched, long toChange, long changed) {}

    private BulkEditResult previous(String key, String hash) {
        return db.one("select id, request_hash, matched, changed from bulk_edit where actor_id = ? and idempotency_key = ?", r -> {
            if (!r.string("request_hash").equals(hash)) {
                throw ProblemException.validation("Idempotency-Key", "This Idempotency-Key was used for a different bulk edit");
            }
            return new BulkEditResult(r.uuid("id"), r.longValue("matched"), r.longValue("changed"), false);
        }, currentUser.id(), key).orElse(null);
    }

    private Sql selection(BulkEditDtos.Selection selection) {
        if (selection == null) throw ProblemException.validation("selection", "A selection (ids or filter) is required");
        if ((selection.ids() == null) == (selection.filter() == null)) {
            throw ProblemException.validation("selection", "Give either ids or a filter");
        }
        if (selection.filter() != null) {
            try {
                return filters.compile(selection.filter(), "selection.filter");
            } catch (ProblemException e) {
                throw ProblemException.validation(e.errors());
            }
        }
        List<UUID> ids = selection.ids();
        if (ids.isEmpty()) throw ProblemException.validation("selection.ids", "Select at least one client");
        if (ids.size() > MAX_IDS) throw ProblemException.validation("selection.ids", "At most " + MAX_IDS + " ids; use a filter");
        if (ids.contains(null)) throw ProblemException.validation("selection.ids", "Ids cannot be null");
        String[] array = ids.stream().map(UUID::toString).toArray(String[]::new);
        return Sql.of("c.id = any(?::uuid[])", (Object) array);
    }

    /** After the statement: when fewer clients matched than ids were given, name the unknown ones (422, rolled back). */
    private void checkAllIdsFound(BulkEditDtos.Selection selection, long matched) {
        if (selection.ids() == null || matched == selection.ids().stream().distinct().count()) return;
        String[] array = selection.ids().stream().map(UUID::toString).toArray(String[]::new);
        List<String> unknown = db.list("select i::text as id from unnest(?::uuid[]) i where not exists (select 1 from client x where x.id = i) limit 10",
                r -> r.string("id"), (Object) array);
        throw ProblemException.validation("selection.ids", "Unknown client ids: " + String.join(", ", unknown));
    }

    private List<Change> changes(Map<String, JsonNode> changes) {
        if (changes == null || changes.isEmpty()) throw ProblemException.validation("changes", "Give at least one change");
        List<FieldError> errors = new ArrayList<>();
        List<Change> result = new ArrayList<>();
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : changes.entrySet()) {
            String name = e.getKey();
            String field = "changes." + name;
            JsonNode v = e.getValue() == null ? json.nullNode() : e.getValue();
            StandardField standard = StandardField.byJson(name).filter(f -> f.is(StandardField.Use.BULK_EDIT)).orElse(null);
            if (standard != null) {
                // the client endpoints' own rules for the value; only the user check needs the database here
                Object value;
                try {
                    value = standard.read(v);
                } catch (IllegalArgumentException bad) {
                    errors.add(new FieldError(field, bad.getMessage()));
                    continue;
                }
                if (value instanceof UUID user && !db.exists("select 1 from app_user where id = ? and active", user)) {
                    errors.add(new FieldError(field, "Must be the id of an active user, or null"));
                    continue;
                }
                result.add(new Change(name, standard.column().orElseThrow(), standard.sqlType(), null, value, v.isNull() ? null : v.toString()));
                continue;
            }
            String key = name.startsWith(Selectors.CF) ? name.substring(Selectors.CF.length()) : name;
            FieldCatalog.Field f = Selectors.KEY.matcher(key).matches() ? catalog.field(key).orElse(null) : null;
            if (f == null) {
                errors.add(new FieldError(field, "Unknown field '" + (name.length() > 60 ? name.substring(0, 60) : name) + "'"));
                continue;
            }
            if (!f.showInClientList()) {
                errors.add(new FieldError(field, "Only fields of categories shown in the client list can be bulk-edited"));
                continue;
            }
            if (NOT_BULK_EDITABLE.contains(f.type())) {
                errors.add(new FieldError(field, f.type() + " fields cannot be bulk-edited"));
                continue;
            }
            custom.put(key, v);
            names.put(key, name);
        }
        if (!custom.isEmpty()) {
            // The one value validator of the client endpoints; it names fields customFields.<key>.
            Map<String, JsonNode> normalised = Map.of();
            try {
                normalised = values.validateChanges(custom);
            } catch (ProblemException e) {
                for (FieldError error : e.errors()) {
                    String key = error.field().startsWith("customFields.") ? error.field().substring("customFields.".length()) : error.field();
                    errors.add(new FieldError("changes." + names.getOrDefault(key, key), error.message()));
                }
            }
            if (errors.isEmpty()) {
                for (String key : custom.keySet()) {
                    JsonNode value = normalised.get(key);
                    if (value == null || value.isNull()) {
                        // null (or blank text) clears the value
                        if (catalog.field(key).orElseThrow().required()) {
                            errors.add(new FieldError("changes." + names.get(key), "'" + key + "' is required and cannot be cleared"));
                        }
                        result.add(new Change(Selectors.CF + key, null, null, key, null, null));
                    } else {
                        result.add(new Change(Selectors.CF + key, null, null, key, null, value.toString()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return result;
    }

    private BulkEditResult dryRun(Sql selection, List<Change> changes) {
        Sql differs = differs(changes, "c.custom_fields", "c.");
        Sql sql = Sql.join(" where ", List.of(differs.wrap("select count(*) as matched, count(*) filter (where ", ") as to_change" + ClientRows.FROM), selection));
        return db.one(sql, r -> new BulkEditResult(null, r.longValue("matched"), r.longValue("to_change"), true)).orElseThrow();
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

    /**
     * The one statement: snapshot the selection (with versions and old values), update the clients whose values
     * differ and whose version is unchanged, write their history. Returns {matched, to change, changed}; when a
     * client changed concurrently (its version moved) it is not updated, and the caller rolls everything back.
     */
    private Counts update(UUID bulkEditId, Sql selection, List<Change> changes) {
        List<Object> params = new ArrayList<>();
        // only the old values of the changed fields travel through the snapshot, not whole documents
        StringBuilder sql = new StringBuilder("with t as materialized (select c.id, c.version, jsonb_strip_nulls(jsonb_build_object(");
        List<String> oldKeys = new ArrayList<>();
        for (Change ch : changes) if (ch.cfKey() != null) oldKeys.add("'" + ch.cfKey() + "', c.custom_fields->'" + ch.cfKey() + "'");
        sql.append(String.join(", ", oldKeys)).append(")) as old_cf");
        for (Change ch : changes) if (ch.column() != null) sql.append(", c.").append(ch.column()).append(" as old_").append(ch.column());
        sql.append(ClientRows.FROM).append(" where ").append(selection.text()).append("), ");
        params.addAll(selection.params());

        ObjectNode set = json.createObjectNode();
        List<String> remove = new ArrayList<>();
        for (Change ch : changes) {
            if (ch.cfKey() == null) continue;
            if (ch.newJson() == null) remove.add(ch.cfKey());
            else set.set(ch.cfKey(), readTree(ch.newJson()));
        }
        sql.append("upd as (update client c set custom_fields = (c.custom_fields || ?::jsonb) - ?::text[]");
        params.add(new Sql.JsonParam(set.toString()));
        params.add(remove.toArray(String[]::new));
        for (Change ch : changes) {
            if (ch.column() == null) continue;
            sql.append(", ").append(ch.column()).append(" = ?::").append(ch.sqlType());
            params.add(sqlValue(ch));
        }
        Sql differs = differs(changes, "t.old_cf", "t.old_");
        sql.append(", version = c.version + 1, updated_at = now() from t where c.id = t.id and c.version = t.version and ").append(differs.text());
        params.addAll(differs.params());
        sql.append(" returning c.id, t.old_cf");
        for (Change ch : changes) if (ch.column() != null) sql.append(", t.old_").append(ch.column());
        sql.append("), hist as (insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value, bulk_edit_id) ")
                .append("select u.id, ?::uuid, ?, 'FIELD', f.field, f.old_value, f.new_value, ?::uuid from upd u cross join lateral (values ");
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
        sql.append(String.join(", ", rows)).append(") as f(field, old_value, new_value) where f.old_value is distinct from f.new_value returning 1) ")
                .append("select (select count(*) from t) as matched, (select count(*) from t where ").append(differs.text())
                .append(") as to_change, (select count(*) from upd) as changed, (select count(*) from hist) as history");
        params.addAll(differs.params());
        return db.one(new Sql(sql.toString(), params),
                r -> new Counts(r.longValue("matched"), r.longValue("to_change"), r.longValue("changed"))).orElseThrow();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(BulkEditRequest request) {
        try {
            Map<String, Object> canonical = new LinkedHashMap<>();
            canonical.put("selection", request.selection());
            canonical.put("changes", request.changes() == null ? null : new java.util.TreeMap<>(request.changes()));
            byte[] bytes = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
