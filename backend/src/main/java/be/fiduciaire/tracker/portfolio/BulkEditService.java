package be.fiduciaire.tracker.portfolio;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.client.StandardFieldValues;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditRequest;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditResult;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldType;
import be.fiduciaire.tracker.clientquery.Selectors;
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
    public static final int MAX_IDS = ClientSelections.MAX_IDS;

    /** Standard fields a bulk edit may set: JSON name → column, SQL type. */
    private record Standard(String column, String sqlType) {}

    private static final Map<String, Standard> STANDARD = Map.of(
            "language", new Standard("language", "text"),
            "responsibleUserId", new Standard("responsible_user_id", "uuid"),
            "vatLiable", new Standard("vat_liable", "boolean"),
            "status", new Standard("status", "text"));
    private static final Set<FieldType> NOT_BULK_EDITABLE = Set.of(FieldType.MULTI_SELECT, FieldType.DOCUMENT, FieldType.SYSTEM);

    /** A validated change: history field name, SQL to compare / set, parameter. */
    private record Change(String historyField, String column, String sqlType, String cfKey, Object value, String newJson) {}

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    ClientSelections selections;
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
        try (Connection c = dataSource.getConnection()) {
            if (key != null) {
                BulkEditResult previous = previous(c, key, hash);
                if (previous != null) return previous;
            }
            Sql selection = selection(request.selection());
            List<Change> changes = changes(c, request.changes());
            if (dryRun) {
                BulkEditResult result = dryRun(c, selection, changes);
                checkAllIdsFound(c, request.selection(), result.matched());
                return result;
            }

            UUID id = UUID.randomUUID();
            try (PreparedStatement st = c.prepareStatement("insert into bulk_edit (id, actor_id, actor_name, idempotency_key, request_hash, "
                    + "selection, changes, matched, changed) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 0, 0) "
                    + "on conflict (actor_id, idempotency_key) where idempotency_key is not null do nothing")) {
                st.setObject(1, id);
                st.setObject(2, currentUser.id());
                st.setString(3, currentUser.name());
                st.setString(4, key);
                st.setString(5, hash);
                st.setString(6, json.writeValueAsString(request.selection()));
                st.setString(7, json.writeValueAsString(request.changes()));
                if (st.executeUpdate() == 0) {
                    // The same key was applied meanwhile by a concurrent request: answer with its result.
                    return previous(c, key, hash);
                }
            }
            // work_mem: the snapshot of a large selection is hash-joined in memory rather than in batches on disk
            try (PreparedStatement st = c.prepareStatement("select set_config('lock_timeout', ?, true), set_config('work_mem', '64MB', true)")) {
                st.setString(1, lockTimeoutMs + "ms");
                st.execute();
            }
            long[] counts = update(c, id, selection, changes);
            checkAllIdsFound(c, request.selection(), counts[0]);
            if (counts[1] != counts[2]) {
                throw ProblemException.conflict("selection", "Some clients were changed by someone else meanwhile; nothing was changed, try again");
            }
            try (PreparedStatement st = c.prepareStatement("update bulk_edit set matched = ?, changed = ? where id = ?")) {
                st.setLong(1, counts[0]);
                st.setLong(2, counts[2]);
                st.setObject(3, id);
                st.executeUpdate();
            }
            return new BulkEditResult(id, counts[0], counts[2], false);
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState()) || "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
                throw ProblemException.conflict("selection", "Some clients are being changed by someone else; nothing was changed, try again");
            }
            throw new IllegalStateException("Bulk edit failed", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BulkEditResult previous(Connection c, String key, String hash) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select id, request_hash, matched, changed from bulk_edit where actor_id = ? and idempotency_key = ?")) {
            st.setObject(1, currentUser.id());
            st.setString(2, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) return null;
                if (!rs.getString(2).equals(hash)) {
                    throw ProblemException.validation("Idempotency-Key", "This Idempotency-Key was used for a different bulk edit");
                }
                return new BulkEditResult(rs.getObject(1, UUID.class), rs.getLong(3), rs.getLong(4), false);
            }
        }
    }

    private Sql selection(BulkEditDtos.Selection selection) {
        return selections.condition(selection);
    }

    /** After the statement: when fewer clients matched than ids were given, name the unknown ones (422, rolled back). */
    private void checkAllIdsFound(Connection c, BulkEditDtos.Selection selection, long matched) throws SQLException {
        if (selection.ids() == null || matched == selection.ids().stream().distinct().count()) return;
        String[] array = selection.ids().stream().map(UUID::toString).toArray(String[]::new);
        List<String> unknown = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "select i from unnest(?::uuid[]) i where not exists (select 1 from client x where x.id = i) limit 10")) {
            st.setObject(1, array);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) unknown.add(rs.getString(1));
            }
        }
        throw ProblemException.validation("selection.ids", "Unknown client ids: " + String.join(", ", unknown));
    }

    private List<Change> changes(Connection c, Map<String, JsonNode> changes) throws SQLException {
        if (changes == null || changes.isEmpty()) throw ProblemException.validation("changes", "Give at least one change");
        List<FieldError> errors = new ArrayList<>();
        List<Change> result = new ArrayList<>();
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : changes.entrySet()) {
            String name = e.getKey();
            String field = "changes." + name;
            JsonNode v = e.getValue() == null ? json.nullNode() : e.getValue();
            Standard standard = STANDARD.get(name);
            if (standard != null) {
                // the client endpoints' own rules for the value; only the user check needs the database here
                Map<String, Object> parsed = new HashMap<>();
                StandardFieldValues.parse(name, v, field, parsed, errors);
                if (!parsed.containsKey(name)) continue;
                Object value = parsed.get(name);
                if (value instanceof UUID user && !isActiveUser(c, user)) {
                    errors.add(new FieldError(field, "Must be the id of an active user, or null"));
                    continue;
                }
                result.add(new Change(name, standard.column(), standard.sqlType(), null, value, v.isNull() ? null : v.toString()));
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

    private static boolean isActiveUser(Connection c, UUID id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select 1 from app_user where id = ? and active")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private BulkEditResult dryRun(Connection c, Sql selection, List<Change> changes) throws SQLException {
        Sql differs = differs(changes, "c.custom_fields", "c.");
        String sql = "select count(*), count(*) filter (where " + differs.text() + ")" + ClientRows.FROM + " where " + selection.text();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int i = differs.bind(st, 1);
            selection.bind(st, i);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new BulkEditResult(null, rs.getLong(1), rs.getLong(2), true);
            }
        }
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
    private long[] update(Connection c, UUID bulkEditId, Sql selection, List<Change> changes) throws SQLException {
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
                .append("select (select count(*) from t), (select count(*) from t where ").append(differs.text())
                .append("), (select count(*) from upd), (select count(*) from hist)");
        params.addAll(differs.params());
        Sql statement = new Sql(sql.toString(), params);
        try (PreparedStatement st = c.prepareStatement(statement.text())) {
            statement.bind(st, 1);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
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
