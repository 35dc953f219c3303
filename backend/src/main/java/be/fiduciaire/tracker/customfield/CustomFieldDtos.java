package be.fiduciaire.tracker.customfield;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API records of the custom-field definitions, kept apart from the tables. */
public final class CustomFieldDtos {
    private CustomFieldDtos() {}

    @Schema(name = "CustomFieldCategory")
    public record CategoryView(UUID id, String key, Map<String, String> labels, int position, boolean showInClientList,
                               long version, List<FieldView> fields) {}

    @Schema(name = "CustomField")
    public record FieldView(UUID id, UUID categoryId, String key, Map<String, String> labels, FieldType type, boolean required,
                            int position,
                            @Schema(description = "When set, this field offers the options of that field (a shared list); "
                                    + "options are then managed through either field")
                            UUID optionSourceFieldId,
                            long version, List<OptionView> options) {}

    @Schema(name = "CustomFieldOption")
    public record OptionView(UUID id, String key, Map<String, String> labels, int position, boolean active, long version) {}

    @Schema(name = "CreateCustomFieldCategory")
    public record CreateCategory(@Schema(required = true, pattern = "^[a-z][a-z0-9_]{1,62}$") String key,
                                 @Schema(required = true, description = "fr required; nl, en optional") Map<String, String> labels,
                                 Integer position, Boolean showInClientList) {}

    @Schema(name = "UpdateCustomFieldCategory", description = "Only the given properties change; key cannot change")
    public record UpdateCategory(String key, Map<String, String> labels, Integer position, Boolean showInClientList, Long version) {}

    @Schema(name = "CreateCustomField")
    public record CreateField(@Schema(required = true) UUID categoryId,
                              @Schema(required = true, pattern = "^[a-z][a-z0-9_]{1,62}$") String key,
                              @Schema(required = true) Map<String, String> labels,
                              @Schema(required = true) FieldType type,
                              Boolean required, Integer position,
                              @Schema(description = "SELECT / MULTI_SELECT only: share the options of this field")
                              UUID optionSourceFieldId) {}

    @Schema(name = "UpdateCustomField", description = "Only the given properties change; key cannot change; "
            + "type cannot change once a client has a value for the field")
    public record UpdateField(String key, UUID categoryId, Map<String, String> labels, FieldType type, Boolean required,
                              Integer position, Long version) {}

    @Schema(name = "CreateCustomFieldOption")
    public record CreateOption(@Schema(required = true, pattern = "^[a-z][a-z0-9_]{1,62}$") String key,
                               @Schema(required = true) Map<String, String> labels, Integer position) {}

    @Schema(name = "UpdateCustomFieldOption", description = "Rename (labels), reorder (position), deactivate (active=false); key cannot change")
    public record UpdateOption(String key, Map<String, String> labels, Integer position, Boolean active, Long version) {}
}
