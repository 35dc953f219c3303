package be.fiduciaire.tracker.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.ClientDtos.HistoryEntry;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import be.fiduciaire.tracker.common.Jdbc;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Rules of the single-client endpoints: create, read, merge-patch, archive, history. Every check happens before the
 * first write; every change writes client_history rows (CREATED, then one FIELD row per changed field).
 */
@ApplicationScoped
public class ClientService {
    private static final Set<String> READ_ONLY = Set.of("id", "peppol", "createdAt", "updatedAt");

    /** Standard fields: JSON name (as in history and filters) → column. Identifiers from this fixed list only. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();
    static {
        COLUMNS.put("reference", "reference");
        COLUMNS.put("name", "name");
        COLUMNS.put("type", "type");
        COLUMNS.put("legalForm", "legal_form");
        COLUMNS.put("enterpriseNumber", "enterprise_number");
        COLUMNS.put("vatNumber", "vat_number");
        COLUMNS.put("vatLiable", "vat_liable");
        COLUMNS.put("email", "email");
        COLUMNS.put("language", "language");
        COLUMNS.put("address.street", "street");
        COLUMNS.put("address.postalCode", "postal_code");
        COLUMNS.put("address.city", "city");
        COLUMNS.put("address.country", "country");
        COLUMNS.put("responsibleUserId", "responsible_user_id");
        COLUMNS.put("status", "status");
    }

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    CustomFieldValues customFieldValues;
    @Inject
    CurrentUser currentUser;

    /** A client's stored state: standard values by JSON name, custom values by key, and its version. */
    record State(Map<String, Object> standard, Map<String, JsonNode> custom, long version) {}

    /** What a request body asks for, validated. */
    private record Changes(Map<String, Object> standard, Map<String, JsonNode> custom, Long bodyVersion) {}

    // ------------------------------------------------------------------ reads

    public ClientView get(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    ClientView get(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "select " + ClientRows.COLUMNS + ClientRows.FROM + " where c.id = ?", rs -> ClientRows.map(new be.fiduciaire.tracker.common.db.Row(rs), json), id)
                .orElseThrow(() -> ProblemException.notFound("Client"));
    }

    public PageResult<HistoryEntry> history(UUID id, Paging paging) {
        try (Connection c = dataSource.getConnection()) {
            if (Jdbc.count(c, "select count(*) from client where id = ?", id) == 0) throw ProblemException.notFound("Client");
            long total = Jdbc.count(c, "select count(*) from client_history where client_id = ?", id);
            List<HistoryEntry> items = Jdbc.query(c, """
                    select id, at, kind, field, old_value::text, new_value::text, actor_id, actor_name, bulk_edit_id
                      from client_history where client_id = ? order by at desc, id desc limit ? offset ?""",
                    rs -> new HistoryEntry(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class), rs.getString(3), rs.getString(4),
                            readJson(rs.getString(5)), readJson(rs.getString(6)), rs.getObject(7, UUID.class), rs.getString(8),
                            rs.getObject(9, UUID.class)),
                    id, paging.size(), paging.offset());
            return new PageResult<>(items, paging.page(), paging.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ writes

    @Transactional
    public ClientView create(JsonNode body) {
        State empty = new State(new LinkedHashMap<>(), Map.of(), 0);
        Changes changes = parse(body, empty, true);
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("type", "COMPANY");
            values.put("language", "fr");
            values.put("vatLiable", false);
            values.put("status", "ACTIVE");
            values.putAll(changes.standard());
            checkAgainstDatabase(c, null, changes.standard());
            List<String> cols = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            values.forEach((k, v) -> {
                cols.add(COLUMNS.get(k));
                params.add(v);
            });
            ObjectNode custom = json.createObjectNode();
            changes.custom().forEach((k, v) -> { if (!v.isNull()) custom.set(k, v); });
            params.add(custom.toString());
            String sql = "insert into client (" + String.join(", ", cols) + ", custom_fields) values ("
                    + "?, ".repeat(cols.size()) + "?::jsonb) returning id";
            UUID id = Jdbc.one(c, sql, rs -> rs.getObject(1, UUID.class), params.toArray()).orElseThrow();
            history(c, id, "CREATED", null, null, null);
            return get(c, id);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Transactional
    public ClientView patch(UUID id, JsonNode body, Long ifMatch) {
        try (Connection c = dataSource.getConnection()) {
            State state = lock(c, id);
            if (ifMatch != null && ifMatch != state.version()) {
                throw ProblemException.preconditionFailed("The client was changed by someone else (now version " + state.version() + ")");
            }
            Changes changes = parse(body, state, false);
            if (changes.bodyVersion() != null && changes.bodyVersion() != state.version()) {
                throw ProblemException.conflict("version", "The client was changed by someone else (now version " + state.version() + ")");
            }
            // the resulting state must still be coherent (e.g. a Belgian VAT number matching the enterprise number)
            Map<String, Object> merged = new LinkedHashMap<>(state.standard());
            merged.putAll(changes.standard());
            List<FieldError> errors = new ArrayList<>();
            crossCheck(merged, errors);
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            checkAgainstDatabase(c, id, changes.standard());
            applyChanges(c, id, state, changes.standard(), changes.custom());
            return get(c, id);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** DELETE archives: status ARCHIVED, the client stays readable. */
    @Transactional
    public ClientView archive(UUID id, Long ifMatch) {
        try (Connection c = dataSource.getConnection()) {
            State state = lock(c, id);
            if (ifMatch != null && ifMatch != state.version()) {
                throw ProblemException.preconditionFailed("The client was changed by someone else (now version " + state.version() + ")");
            }
            applyChanges(c, id, state, Map.of("status", "ARCHIVED"), Map.of());
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the changes that differ from the stored state, bumps the version and writes one history row per changed
     * field. Returns whether anything changed.
     */
    boolean applyChanges(Connection c, UUID id, State state, Map<String, Object> standard, Map<String, JsonNode> custom) throws SQLException {
        Map<String, Object> changedStandard = new LinkedHashMap<>();
        standard.forEach((k, v) -> { if (!Objects.equals(state.standard().get(k), v)) changedStandard.put(k, v); });
        if (changedStandard.isEmpty() && custom.isEmpty()) return false;
        StringBuilder sql = new StringBuilder("update client set ");
        List<Object> params = new ArrayList<>();
        changedStandard.forEach((k, v) -> {
            sql.append(COLUMNS.get(k)).append(" = ?, ");
            params.add(v);
        });
        ObjectNode set = json.createObjectNode();
        List<String> removed = new ArrayList<>();
        custom.forEach((k, v) -> { if (v.isNull()) removed.add(k); else set.set(k, v); });
        sql.append("custom_fields = (custom_fields || ?::jsonb) - ?::text[], version = version + 1, updated_at = now() where id = ?");
        params.add(set.toString());
        params.add(removed.toArray(String[]::new));
        params.add(id);
        Jdbc.update(c, sql.toString(), params.toArray());
        for (var e : changedStandard.entrySet()) {
            history(c, id, "FIELD", e.getKey(), toJson(state.standard().get(e.getKey())), toJson(e.getValue()));
        }
        for (var e : custom.entrySet()) {
            history(c, id, "FIELD", "cf." + e.getKey(), state.custom().get(e.getKey()), e.getValue().isNull() ? null : e.getValue());
        }
        return true;
    }

    void history(Connection c, UUID clientId, String kind, String field, JsonNode oldValue, JsonNode newValue) throws SQLException {
        Jdbc.update(c, """
                insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""",
                clientId, currentUser.id(), currentUser.name(), kind, field,
                oldValue == null || oldValue.isNull() ? null : oldValue.toString(),
                newValue == null || newValue.isNull() ? null : newValue.toString());
    }

    State lock(Connection c, UUID id) throws SQLException {
        String cols = String.join(", ", COLUMNS.values());
        return Jdbc.one(c, "select " + cols + ", custom_fields::text, version from client where id = ? for update", rs -> {
            Map<String, Object> standard = new LinkedHashMap<>();
            int i = 1;
            for (String name : COLUMNS.keySet()) {
                Object v = rs.getObject(i++);
                standard.put(name, v instanceof String s ? s.strip() : v);
            }
            Map<String, JsonNode> custom = new LinkedHashMap<>();
            JsonNode cf = readTree(rs.getString(i++));
            cf.fields().forEachRemaining(e -> custom.put(e.getKey(), e.getValue()));
            return new State(standard, custom, rs.getLong(i));
        }, id).orElseThrow(() -> ProblemException.notFound("Client"));
    }

    // ------------------------------------------------------------------ validation

    private Changes parse(JsonNode body, State state, boolean creating) {
        if (body == null || body.isMissingNode() || body.isNull()) throw ProblemException.badRequest("body", "A JSON object is required");
        if (!body.isObject()) throw ProblemException.badRequest("body", "The body must be a JSON object");
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> standard = new LinkedHashMap<>();
        Map<String, JsonNode> customChanges = new LinkedHashMap<>();
        Long bodyVersion = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (READ_ONLY.contains(name)) continue;
            switch (name) {
                case "version" -> {
                    if (v.isNull()) continue;
                    if (!v.canConvertToLong() || !v.isIntegralNumber()) errors.add(new FieldError("version", "Must be a whole number"));
                    else bodyVersion = v.longValue();
                }
                case "customFields" -> {
                    if (v.isNull()) continue;
                    if (!v.isObject()) {
                        errors.add(new FieldError("customFields", "Must be an object {fieldKey: value}"));
                        continue;
                    }
                    v.fields().forEachRemaining(cf -> customChanges.put(cf.getKey(), cf.getValue()));
                }
                case "address" -> {
                    if (v.isNull()) {
                        for (String sub : List.of("street", "postalCode", "city", "country")) standard.put("address." + sub, null);
                    } else if (!v.isObject()) {
                        errors.add(new FieldError("address", "Must be an object {street, postalCode, city, country}"));
                    } else {
                        v.fields().forEachRemaining(a -> {
                            String key = "address." + a.getKey();
                            if (!COLUMNS.containsKey(key)) errors.add(new FieldError(key, "Unknown property"));
                            else StandardFieldValues.parse(key, a.getValue(), key, standard, errors);
                        });
                    }
                }
                default -> {
                    if (!COLUMNS.containsKey(name) || name.startsWith("address.")) errors.add(new FieldError(name, "Unknown property"));
                    else StandardFieldValues.parse(name, v, name, standard, errors);
                }
            }
        }
        if (creating && standard.get("name") == null) {
            if (errors.stream().noneMatch(e -> e.field().equals("name"))) errors.add(new FieldError("name", "name is required"));
        }
        if (creating) crossCheck(standard, errors);
        Map<String, JsonNode> custom = Map.of();
        try {
            custom = customFieldValues.validate(customChanges, state.custom(), creating);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return new Changes(standard, custom, bodyVersion);
    }

    private static void crossCheck(Map<String, Object> values, List<FieldError> errors) {
        if (errors.stream().anyMatch(e -> e.field().equals("vatNumber") || e.field().equals("enterpriseNumber"))) return;
        String enterprise = (String) values.get("enterpriseNumber");
        String vat = (String) values.get("vatNumber");
        if (enterprise != null && vat != null) {
            BelgianIdentifiers.enterpriseNumberOfVat(vat).filter(n -> !n.equals(enterprise)).ifPresent(n -> errors.add(
                    new FieldError("vatNumber", "The Belgian VAT number " + vat + " does not match the enterprise number " + enterprise)));
        }
    }

    /** Checks that need the database: the responsible user exists (422), the reference is unique (409). */
    private void checkAgainstDatabase(Connection c, UUID id, Map<String, Object> changes) throws SQLException {
        UUID responsible = (UUID) changes.get("responsibleUserId");
        if (responsible != null && Jdbc.count(c, "select count(*) from app_user where id = ?", responsible) == 0) {
            throw ProblemException.validation("responsibleUserId", "No user with this id");
        }
        String reference = (String) changes.get("reference");
        if (reference != null && Jdbc.count(c, "select count(*) from client where reference = ? and id is distinct from ?", reference, id) > 0) {
            throw ProblemException.conflict("reference", "Another client already has the reference '" + reference + "'");
        }
    }

    /** A concurrent insert of the same reference loses on the unique index: still a 409, not a 500. */
    private static RuntimeException failure(SQLException e) {
        if ("23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("client_reference_uk")) {
            return ProblemException.conflict("reference", "Another client already has this reference");
        }
        return new IllegalStateException(e);
    }

    // ------------------------------------------------------------------ JSON helpers

    JsonNode toJson(Object value) {
        return value == null ? NullNode.getInstance() : json.valueToTree(value instanceof UUID u ? u.toString() : value);
    }

    JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object readJson(String text) {
        if (text == null) return null;
        try {
            return json.readValue(text, Object.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
