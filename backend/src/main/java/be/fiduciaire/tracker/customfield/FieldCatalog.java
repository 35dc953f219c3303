package be.fiduciaire.tracker.customfield;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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

    @Inject
    CustomFieldCategoryRepository categories;
    @Inject
    CustomFieldRepository fields;
    @Inject
    CustomFieldOptionRepository options;

    private volatile Snapshot snapshot;
    private long generation;

    public Optional<Field> field(String key) {
        return Optional.ofNullable(current().byKey().get(key));
    }

    /** All fields, ordered by category position then field position. */
    public Collection<Field> fields() {
        return current().byKey().values();
    }

    public void invalidate() {
        synchronized (this) {
            generation++;
            snapshot = null;
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.currentTimeMillis() - s.loadedAt() > MAX_AGE_MILLIS) {
            long before;
            synchronized (this) {
                before = generation;
            }
            s = load();
            synchronized (this) {
                // a change committed while we were reading must not be hidden behind what we read before it
                if (generation == before) snapshot = s;
            }
        }
        return s;
    }

    /** Reads through the repositories, joining the caller's transaction when there is one (ArC intercepts self-calls). */
    @Transactional
    Snapshot load() {
        Definitions all = Definitions.load(categories, fields, options);
        Map<String, Field> byKey = new LinkedHashMap<>();
        for (CustomFieldCategory c : all.categories()) {
            for (CustomField f : all.fieldsOf(c)) {
                List<Option> offered = all.optionsOf(f).stream()
                        .map(o -> new Option(o.id, o.key, Map.copyOf(o.labels), o.position, o.active)).toList();
                byKey.put(f.key, new Field(f.id, c.id, c.key, f.key, Map.copyOf(f.labels), f.type, f.required, f.position,
                        c.showInClientList, f.optionSourceFieldId, offered));
            }
        }
        return new Snapshot(byKey, System.currentTimeMillis());
    }
}
