package be.fiduciaire.tracker.customfield;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.Jdbc;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.CustomFieldDtos.*;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** Custom-field categories, fields and options: the rules behind /api/custom-field-categories and /api/custom-fields. */
@ApplicationScoped
public class CustomFieldService {
    public static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{1,62}$");
    private static final Set<String> LANGUAGES = Set.of("fr", "nl", "en");
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    FieldCatalog catalog;
    @Inject
    CurrentUser currentUser;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private record FieldRow(UUID id, UUID categoryId, String key, FieldType type, UUID sourceId, long version) {}

    private record OptionRow(UUID id, UUID fieldId, String key, boolean active, long version) {}

    // ------------------------------------------------------------------ reads

    public List<CategoryView> categories() {
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, List<OptionView>> optionsByOwner = new LinkedHashMap<>();
            for (var row : Jdbc.query(c, "select field_id, id, key, labels::text, position, active, version from cf_option order by position, key",
                    rs -> Map.entry(rs.getObject(1, UUID.class), new OptionView(rs.getObject(2, UUID.class), rs.getString(3),
                            labels(rs.getString(4)), rs.getInt(5), rs.getBoolean(6), rs.getLong(7))))) {
                optionsByOwner.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
            }
            Map<UUID, List<FieldView>> fieldsByCategory = new LinkedHashMap<>();
            for (FieldView f : Jdbc.query(c, """
                    select id, category_id, key, labels::text, type, required, position, option_source_field_id, version
                      from cf_field order by position, key""", rs -> {
                UUID id = rs.getObject(1, UUID.class);
                UUID source = rs.getObject(8, UUID.class);
                FieldType type = FieldType.valueOf(rs.getString(5));
                List<OptionView> options = type.hasOptions() ? optionsByOwner.getOrDefault(source != null ? source : id, List.of()) : List.of();
                return new FieldView(id, rs.getObject(2, UUID.class), rs.getString(3), labels(rs.getString(4)), type,
                        rs.getBoolean(6), rs.getInt(7), source, rs.getLong(9), List.copyOf(options));
            })) {
                fieldsByCategory.computeIfAbsent(f.categoryId(), k -> new ArrayList<>()).add(f);
            }
            return Jdbc.query(c, "select id, key, labels::text, position, show_in_client_list, version from cf_category order by position, key",
                    rs -> {
                        UUID id = rs.getObject(1, UUID.class);
                        return new CategoryView(id, rs.getString(2), labels(rs.getString(3)), rs.getInt(4), rs.getBoolean(5),
                                rs.getLong(6), List.copyOf(fieldsByCategory.getOrDefault(id, List.of())));
                    });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public CategoryView category(UUID id) {
        return categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> ProblemException.notFound("Category"));
    }

    public FieldView field(UUID id) {
        return categories().stream().flatMap(c -> c.fields().stream()).filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Field"));
    }

    public OptionView option(UUID fieldId, UUID optionId) {
        return field(fieldId).options().stream().filter(o -> o.id().equals(optionId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Option"));
    }

    // ------------------------------------------------------------------ categories

    @Transactional
    public CategoryView createCategory(CreateCategory request) {
        List<FieldError> errors = new ArrayList<>();
        checkKey(request.key(), errors);
        String labels = labelsJson(request.labels(), true, errors);
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        try (Connection c = dataSource.getConnection()) {
            if (Jdbc.count(c, "select count(*) from cf_category where key = ?", request.key()) > 0) {
                throw ProblemException.conflict("key", "A category with the key '" + request.key() + "' already exists");
            }
            UUID id = Jdbc.one(c, """
                    insert into cf_category (key, labels, position, show_in_client_list) values (?, ?::jsonb, ?, ?) returning id""",
                    rs -> rs.getObject(1, UUID.class), request.key(), labels,
                    request.position() == null ? 0 : request.position(), Boolean.TRUE.equals(request.showInClientList())).orElseThrow();
            definitionsChanged();
            return category(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public CategoryView updateCategory(UUID id, UpdateCategory request, Long ifMatch) {
        try (Connection c = dataSource.getConnection()) {
            var current = Jdbc.one(c, "select key, version from cf_category where id = ? for update",
                    rs -> Map.entry(rs.getString(1), rs.getLong(2)), id).orElseThrow(() -> ProblemException.notFound("Category"));
            checkVersion("category", current.getValue(), ifMatch, request.version());
            List<FieldError> errors = new ArrayList<>();
            if (request.key() != null && !request.key().equals(current.getKey())) errors.add(new FieldError("key", "The key of a category cannot be changed"));
            String labels = request.labels() == null ? null : labelsJson(request.labels(), true, errors);
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            Jdbc.update(c, """
                    update cf_category set labels = coalesce(?::jsonb, labels), position = coalesce(?, position),
                           show_in_client_list = coalesce(?, show_in_client_list), version = version + 1, updated_at = now()
                     where id = ?""", labels, request.position(), request.showInClientList(), id);
            definitionsChanged();
            return category(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a category and its fields; refused (409) while any client has a value for one of its fields. */
    @Transactional
    public void deleteCategory(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            String key = Jdbc.one(c, "select key from cf_category where id = ? for update", rs -> rs.getString(1), id)
                    .orElseThrow(() -> ProblemException.notFound("Category"));
            List<FieldRow> fields = Jdbc.query(c, "select id, category_id, key, type, option_source_field_id, version from cf_field where category_id = ?",
                    CustomFieldService::fieldRow, id);
            for (FieldRow f : fields) {
                long used = clientsWithValue(c, f.key());
                if (used > 0) {
                    throw ProblemException.conflict("id", "The category '" + key + "' cannot be deleted: its field '" + f.key()
                            + "' has a value on " + used + " client(s); clear those values or delete the field's values first");
                }
                refuseIfSharedFromOutside(c, f, Set.copyOf(fields.stream().map(FieldRow::id).toList()));
            }
            Jdbc.update(c, "update cf_field set option_source_field_id = null where category_id = ?", id);
            Jdbc.update(c, "delete from cf_field where category_id = ?", id);
            Jdbc.update(c, "delete from cf_category where id = ?", id);
            definitionsChanged();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ fields

    @Transactional
    public FieldView createField(CreateField request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.categoryId() == null) errors.add(new FieldError("categoryId", "categoryId is required"));
        checkKey(request.key(), errors);
        String labels = labelsJson(request.labels(), true, errors);
        if (request.type() == null) errors.add(new FieldError("type", "type is required"));
        try (Connection c = dataSource.getConnection()) {
            if (request.categoryId() != null && Jdbc.count(c, "select count(*) from cf_category where id = ?", request.categoryId()) == 0) {
                errors.add(new FieldError("categoryId", "No category with this id"));
            }
            if (request.optionSourceFieldId() != null) {
                if (request.type() != null && !request.type().hasOptions()) {
                    errors.add(new FieldError("optionSourceFieldId", "Only SELECT and MULTI_SELECT fields can share another field's options"));
                } else {
                    var source = Jdbc.one(c, "select id, category_id, key, type, option_source_field_id, version from cf_field where id = ?",
                            CustomFieldService::fieldRow, request.optionSourceFieldId());
                    if (source.isEmpty() || !source.get().type().hasOptions() || source.get().sourceId() != null) {
                        errors.add(new FieldError("optionSourceFieldId", "Must be a SELECT or MULTI_SELECT field that owns its options"));
                    }
                }
            }
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            if (Jdbc.count(c, "select count(*) from cf_field where key = ?", request.key()) > 0) {
                throw ProblemException.conflict("key", "A field with the key '" + request.key() + "' already exists");
            }
            UUID id = Jdbc.one(c, """
                    insert into cf_field (category_id, key, labels, type, required, position, option_source_field_id)
                    values (?, ?, ?::jsonb, ?, ?, ?, ?) returning id""", rs -> rs.getObject(1, UUID.class),
                    request.categoryId(), request.key(), labels, request.type(), Boolean.TRUE.equals(request.required()),
                    request.position() == null ? 0 : request.position(), request.optionSourceFieldId()).orElseThrow();
            definitionsChanged();
            return field(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public FieldView updateField(UUID id, UpdateField request, Long ifMatch) {
        try (Connection c = dataSource.getConnection()) {
            FieldRow current = lockField(c, id);
            checkVersion("field", current.version(), ifMatch, request.version());
            List<FieldError> errors = new ArrayList<>();
            if (request.key() != null && !request.key().equals(current.key())) errors.add(new FieldError("key", "The key of a field cannot be changed"));
            String labels = request.labels() == null ? null : labelsJson(request.labels(), true, errors);
            if (request.categoryId() != null && Jdbc.count(c, "select count(*) from cf_category where id = ?", request.categoryId()) == 0) {
                errors.add(new FieldError("categoryId", "No category with this id"));
            }
            if (request.type() != null && request.type() != current.type()) {
                long used = clientsWithValue(c, current.key());
                if (used > 0) {
                    errors.add(new FieldError("type", "The type cannot change: " + used + " client(s) have a value for '" + current.key() + "'"));
                } else if (!request.type().hasOptions() && current.sourceId() != null) {
                    errors.add(new FieldError("type", "This field shares another field's options; it must stay SELECT or MULTI_SELECT"));
                } else if (!request.type().hasOptions()
                        && Jdbc.count(c, "select count(*) from cf_field where option_source_field_id = ?", id) > 0) {
                    errors.add(new FieldError("type", "Other fields offer this field's options; it must stay SELECT or MULTI_SELECT"));
                }
            }
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            Jdbc.update(c, """
                    update cf_field set labels = coalesce(?::jsonb, labels), category_id = coalesce(?, category_id), type = coalesce(?, type),
                           required = coalesce(?, required), position = coalesce(?, position), version = version + 1, updated_at = now()
                     where id = ?""", labels, request.categoryId(), request.type() == null ? null : request.type().name(),
                    request.required(), request.position(), id);
            definitionsChanged();
            return field(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a field and its options; refused (409) while a client has a value for it or another field shares its options. */
    @Transactional
    public void deleteField(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            FieldRow field = lockField(c, id);
            long used = clientsWithValue(c, field.key());
            if (used > 0) {
                throw ProblemException.conflict("id", "The field '" + field.key() + "' has a value on " + used
                        + " client(s); clear those values before deleting the field");
            }
            refuseIfSharedFromOutside(c, field, Set.of(id));
            Jdbc.update(c, "delete from cf_field where id = ?", id);
            definitionsChanged();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ options

    @Transactional
    public OptionView createOption(UUID fieldId, CreateOption request) {
        try (Connection c = dataSource.getConnection()) {
            FieldRow field = lockOptionField(c, fieldId);
            UUID owner = field.sourceId() != null ? field.sourceId() : field.id();
            List<FieldError> errors = new ArrayList<>();
            checkKey(request.key(), errors);
            String labels = labelsJson(request.labels(), true, errors);
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            if (Jdbc.count(c, "select count(*) from cf_option where field_id = ? and key = ?", owner, request.key()) > 0) {
                throw ProblemException.conflict("key", "The option '" + request.key() + "' already exists in this list");
            }
            int position = request.position() != null ? request.position()
                    : (int) Jdbc.count(c, "select coalesce(max(position), 0) + 10 from cf_option where field_id = ?", owner);
            UUID id = Jdbc.one(c, "insert into cf_option (field_id, key, labels, position) values (?, ?, ?::jsonb, ?) returning id",
                    rs -> rs.getObject(1, UUID.class), owner, request.key(), labels, position).orElseThrow();
            definitionsChanged();
            return option(fieldId, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public OptionView updateOption(UUID fieldId, UUID optionId, UpdateOption request, Long ifMatch) {
        try (Connection c = dataSource.getConnection()) {
            FieldRow field = lockOptionField(c, fieldId);
            OptionRow option = lockOption(c, field, optionId);
            checkVersion("option", option.version(), ifMatch, request.version());
            List<FieldError> errors = new ArrayList<>();
            if (request.key() != null && !request.key().equals(option.key())) errors.add(new FieldError("key", "The key of an option cannot be changed"));
            String labels = request.labels() == null ? null : labelsJson(request.labels(), true, errors);
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            Jdbc.update(c, """
                    update cf_option set labels = coalesce(?::jsonb, labels), position = coalesce(?, position),
                           active = coalesce(?, active), version = version + 1 where id = ?""",
                    labels, request.position(), request.active(), optionId);
            definitionsChanged();
            return option(fieldId, optionId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes an option. While clients use it (in any field offering this list, single or multi select) it is refused
     * with 409, unless {@code replaceWith} names another active option of the list: the values then move to it first,
     * in one UPDATE, with one history row per changed client field.
     */
    @Transactional
    public void deleteOption(UUID fieldId, UUID optionId, String replaceWith) {
        try (Connection c = dataSource.getConnection()) {
            FieldRow field = lockOptionField(c, fieldId);
            OptionRow option = lockOption(c, field, optionId);
            UUID owner = field.sourceId() != null ? field.sourceId() : field.id();
            String[] keys = Jdbc.query(c, "select key from cf_field where id = ? or option_source_field_id = ?", rs -> rs.getString(1), owner, owner)
                    .toArray(String[]::new);
            long used = Jdbc.count(c, """
                    select count(*) from client c
                     where exists (select 1 from unnest(?::text[]) k
                                    where c.custom_fields -> k = to_jsonb(?::text)
                                       or (jsonb_typeof(c.custom_fields -> k) = 'array' and c.custom_fields -> k @> jsonb_build_array(?::text)))""",
                    keys, option.key(), option.key());
            if (used > 0 && replaceWith == null) {
                throw ProblemException.conflict("optionId", "The option '" + option.key() + "' is used by " + used
                        + " client(s); deactivate it instead, or delete it with ?replaceWith=<optionKey> to move those clients to another option");
            }
            if (used > 0) {
                var target = Jdbc.one(c, "select id, field_id, key, active, version from cf_option where field_id = ? and key = ?",
                        CustomFieldService::optionRow, owner, replaceWith);
                if (target.isEmpty() || !target.get().active() || target.get().id().equals(optionId)) {
                    throw ProblemException.validation("replaceWith", "replaceWith must be the key of another active option of the same list");
                }
                moveValues(c, keys, option.key(), replaceWith);
            }
            Jdbc.update(c, "delete from cf_option where id = ?", optionId);
            definitionsChanged();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void moveValues(Connection c, String[] keys, String from, String to) throws SQLException {
        Jdbc.update(c, """
                with p as (select ?::text[] as keys, ?::text as old_key, ?::text as new_key),
                changed as (
                    select c.id, c.custom_fields as old_cf,
                           (select jsonb_object_agg(e.key, case
                                when not (e.key = any (p.keys)) then e.value
                                when e.value = to_jsonb(p.old_key) then to_jsonb(p.new_key)
                                when jsonb_typeof(e.value) = 'array' then
                                    (select coalesce(jsonb_agg(to_jsonb(t.v) order by t.o), '[]'::jsonb)
                                       from (select case when a.v = p.old_key then p.new_key else a.v end as v, min(a.o) as o
                                               from jsonb_array_elements_text(e.value) with ordinality a(v, o) group by 1) t)
                                else e.value end)
                              from jsonb_each(c.custom_fields) e) as new_cf
                      from client c, p
                     where exists (select 1 from unnest(p.keys) k
                                    where c.custom_fields -> k = to_jsonb(p.old_key)
                                       or (jsonb_typeof(c.custom_fields -> k) = 'array' and c.custom_fields -> k @> jsonb_build_array(p.old_key)))
                ),
                updated as (
                    update client c set custom_fields = ch.new_cf, version = c.version + 1, updated_at = now()
                      from changed ch where c.id = ch.id returning c.id
                )
                insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                select ch.id, ?, ?, 'FIELD', 'cf.' || e.key, e.value, ch.new_cf -> e.key
                  from changed ch join updated u on u.id = ch.id, p, jsonb_each(ch.old_cf) e
                 where e.key = any (p.keys) and e.value is distinct from ch.new_cf -> e.key""",
                keys, from, to, currentUser.id(), currentUser.name());
    }

    // ------------------------------------------------------------------ helpers

    /** Drops the cached definitions now and again once the transaction ends, so no reader caches the uncommitted state. */
    private void definitionsChanged() {
        catalog.invalidate();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                catalog.invalidate();
            }
        });
    }

    private static long clientsWithValue(Connection c, String key) throws SQLException {
        return Jdbc.count(c, "select count(*) from client where custom_fields -> ? is not null", key);
    }

    private static void refuseIfSharedFromOutside(Connection c, FieldRow field, Set<UUID> beingDeleted) throws SQLException {
        for (String other : Jdbc.query(c, "select id::text || ' ' || key from cf_field where option_source_field_id = ?", rs -> rs.getString(1), field.id())) {
            String[] parts = other.split(" ", 2);
            if (!beingDeleted.contains(UUID.fromString(parts[0]))) {
                throw ProblemException.conflict("id", "The field '" + parts[1] + "' offers the options of '" + field.key()
                        + "'; delete or change that field first");
            }
        }
    }

    private FieldRow lockField(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "select id, category_id, key, type, option_source_field_id, version from cf_field where id = ? for update",
                CustomFieldService::fieldRow, id).orElseThrow(() -> ProblemException.notFound("Field"));
    }

    private FieldRow lockOptionField(Connection c, UUID id) throws SQLException {
        FieldRow field = lockField(c, id);
        if (!field.type().hasOptions()) {
            throw ProblemException.validation("type", "The field '" + field.key() + "' is " + field.type() + " and has no options");
        }
        return field;
    }

    private OptionRow lockOption(Connection c, FieldRow field, UUID optionId) throws SQLException {
        UUID owner = field.sourceId() != null ? field.sourceId() : field.id();
        return Jdbc.one(c, "select id, field_id, key, active, version from cf_option where id = ? and field_id = ? for update",
                CustomFieldService::optionRow, optionId, owner).orElseThrow(() -> ProblemException.notFound("Option"));
    }

    private static FieldRow fieldRow(ResultSet rs) throws SQLException {
        return new FieldRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), FieldType.valueOf(rs.getString(4)),
                rs.getObject(5, UUID.class), rs.getLong(6));
    }

    private static OptionRow optionRow(ResultSet rs) throws SQLException {
        return new OptionRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getBoolean(4), rs.getLong(5));
    }

    /** If-Match stale → 412; stale {@code version} in the body → 409. Nothing is written in either case. */
    static void checkVersion(String what, long current, Long ifMatch, Long bodyVersion) {
        if (ifMatch != null && ifMatch != current) {
            throw ProblemException.preconditionFailed("The " + what + " was changed by someone else (now version " + current + ")");
        }
        if (bodyVersion != null && bodyVersion != current) {
            throw ProblemException.conflict("version", "The " + what + " was changed by someone else (now version " + current + ")");
        }
    }

    private static void checkKey(String key, List<FieldError> errors) {
        if (key == null || key.isBlank()) errors.add(new FieldError("key", "key is required"));
        else if (!KEY.matcher(key).matches()) errors.add(new FieldError("key", "key must match ^[a-z][a-z0-9_]{1,62}$ (lower-case letters, digits, _)"));
    }

    private String labelsJson(Map<String, String> labels, boolean frRequired, List<FieldError> errors) {
        if (labels == null) {
            errors.add(new FieldError("labels", "labels are required, at least {\"fr\": ...}"));
            return null;
        }
        Map<String, String> clean = new LinkedHashMap<>();
        labels.forEach((lang, text) -> {
            if (!LANGUAGES.contains(lang)) {
                errors.add(new FieldError("labels." + lang, "Labels exist in fr, nl and en only"));
            } else if (text != null && text.strip().length() > 200) {
                errors.add(new FieldError("labels." + lang, "A label has at most 200 characters"));
            } else if (text != null && !text.isBlank()) {
                clean.put(lang, text.strip());
            }
        });
        if (frRequired && !clean.containsKey("fr")) errors.add(new FieldError("labels.fr", "The French label is required"));
        try {
            return json.writeValueAsString(clean);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> labels(String text) {
        try {
            return json.readValue(text, LABELS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
