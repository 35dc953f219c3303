package be.fiduciaire.tracker.customfield;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Read-only view of the custom-field definitions, used to validate values, type filters and check bulk edits.
 * Cached briefly: definitions change rarely, and other instances' changes show within {@link #MAX_AGE_MILLIS}.
 * Call {@link #invalidate()} after changing definitions in this instance.
 */
@ApplicationScoped
public class FieldCatalog {
    static final long MAX_AGE_MILLIS = 2_000;

    public record Option(UUID id, String key, Map<String, String> labels, int position, boolean active) {
        public String label(String language) { return inLanguage(labels, language, key); }
    }

    /** A label in {@code language}, else in French (the labels every definition has), else {@code fallback}. */
    public static String inLanguage(Map<String, String> labels, String language, String fallback) {
        String label = labels.get(language);
        if (label == null) label = labels.get("fr");
        return label == null ? fallback : label;
    }

    public record Field(UUID id, UUID categoryId, String categoryKey, String key, Map<String, String> labels, FieldType type,
                        boolean required, int position, boolean showInClientList, UUID optionSourceFieldId,
                        List<Option> options) {
        public Optional<Option> option(String optionKey) {
            return options.stream().filter(o -> o.key().equals(optionKey)).findFirst();
        }

        /** The option's label in {@code language}; the key itself for an option that no longer exists. */
        public String optionLabel(String optionKey, String language) {
            return option(optionKey).map(o -> o.label(language)).orElse(optionKey);
        }

        /** The field whose cf_option rows this field offers (itself, or the field it shares a list with). */
        public UUID optionOwnerId() { return optionSourceFieldId != null ? optionSourceFieldId : id; }
    }

    private record Snapshot(Map<String, Field> byKey, long loadedAt) {}

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;

    private volatile Snapshot snapshot;

    public Optional<Field> field(String key) {
        return Optional.ofNullable(current().byKey().get(key));
    }

    /** All fields, ordered by category position then field position. */
    public Collection<Field> fields() {
        return current().byKey().values();
    }

    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.currentTimeMillis() - s.loadedAt() > MAX_AGE_MILLIS) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, List<Option>> optionsByOwner = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "select field_id, id, key, labels::text, position, active from cf_option order by field_id, position, key");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    optionsByOwner.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Option(rs.getObject(2, UUID.class), rs.getString(3), labels(rs.getString(4)), rs.getInt(5), rs.getBoolean(6)));
                }
            }
            Map<String, Field> byKey = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select f.id, f.category_id, cat.key, f.key, f.labels::text, f.type, f.required, f.position,
                           cat.show_in_client_list, f.option_source_field_id
                      from cf_field f join cf_category cat on cat.id = f.category_id
                     order by cat.position, cat.key, f.position, f.key""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID source = rs.getObject(10, UUID.class);
                    List<Option> options = optionsByOwner.getOrDefault(source != null ? source : id, List.of());
                    byKey.put(rs.getString(4), new Field(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            labels(rs.getString(5)), FieldType.valueOf(rs.getString(6)), rs.getBoolean(7), rs.getInt(8),
                            rs.getBoolean(9), source, List.copyOf(options)));
                }
            }
            return new Snapshot(byKey, System.currentTimeMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load custom-field definitions", e);
        }
    }

    private Map<String, String> labels(String text) {
        try {
            return json.readValue(text, LABELS);
        } catch (Exception e) {
            throw new IllegalStateException("Bad labels JSON in custom-field definitions", e);
        }
    }
}
