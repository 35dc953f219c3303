package be.fiduciaire.tracker.customfield;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.panache.common.Sort;

/**
 * Every custom-field definition in display order, read in three queries: categories, fields and options. The API's
 * reads ({@link CustomFieldService}) and the cached catalog ({@link FieldCatalog}) both start from it.
 */
record Definitions(List<CustomFieldCategory> categories, Map<UUID, List<CustomField>> fieldsByCategory,
                   Map<UUID, List<CustomFieldOption>> optionsByOwner) {

    static Definitions load(CustomFieldCategoryRepository categories, CustomFieldRepository fields, CustomFieldOptionRepository options) {
        Map<UUID, List<CustomFieldOption>> optionsByOwner = new LinkedHashMap<>();
        for (CustomFieldOption o : options.listAll(Sort.by("position").and("key"))) {
            optionsByOwner.computeIfAbsent(o.fieldId, k -> new ArrayList<>()).add(o);
        }
        Map<UUID, List<CustomField>> fieldsByCategory = new LinkedHashMap<>();
        for (CustomField f : fields.listAll(Sort.by("position").and("key"))) {
            fieldsByCategory.computeIfAbsent(f.categoryId, k -> new ArrayList<>()).add(f);
        }
        return new Definitions(categories.listAll(Sort.by("position").and("key")), fieldsByCategory, optionsByOwner);
    }

    List<CustomField> fieldsOf(CustomFieldCategory category) {
        return fieldsByCategory.getOrDefault(category.id, List.of());
    }

    /** The options a field offers (its own or the shared list's); none for fields without options. */
    List<CustomFieldOption> optionsOf(CustomField field) {
        return field.type.hasOptions() ? optionsByOwner.getOrDefault(field.optionOwnerId(), List.of()) : List.of();
    }
}
