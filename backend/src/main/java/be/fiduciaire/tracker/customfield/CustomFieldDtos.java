package be.fiduciaire.tracker.customfield;

import be.fiduciaire.tracker.common.Codes;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * API records of the custom-field definitions, kept apart from the entities. Request records are checked by
 * Hibernate Validator (key rule, labels); the rules that need the database (unique keys, shared lists, values in
 * use) are the service's.
 */
public final class CustomFieldDtos {
    private CustomFieldDtos() {}

    private static final String LABELS = "fr required; nl, en optional; at most 200 characters each";
    private static final String LABELS_REQUIRED = "labels are required, at least \\{\"fr\": ...\\}";

    @Schema(name = "CustomFieldCategory")
    public record CategoryView(@Schema(required = true) UUID id,
                               @Schema(required = true) String key,
                               @Schema(required = true) Map<String, String> labels,
                               @Schema(required = true) int position,
                               @Schema(required = true) boolean showInClientList,
                               @Schema(required = true) long version,
                               @Schema(required = true) List<FieldView> fields) {}

    @Schema(name = "CustomField")
    public record FieldView(@Schema(required = true) UUID id,
                            @Schema(required = true) UUID categoryId,
                            @Schema(required = true) String key,
                            @Schema(required = true) Map<String, String> labels,
                            @Schema(required = true) FieldType type,
                            @Schema(required = true) boolean required,
                            @Schema(required = true) int position,
                            @Schema(required = true, nullable = true,
                                    description = "When set, this field offers the options of that field (a shared list); "
                                            + "options are then managed through either field")
                            UUID optionSourceFieldId,
                            @Schema(required = true) long version,
                            @Schema(required = true) List<OptionView> options) {}

    @Schema(name = "CustomFieldOption")
    public record OptionView(@Schema(required = true) UUID id,
                             @Schema(required = true) String key,
                             @Schema(required = true) Map<String, String> labels,
                             @Schema(required = true) int position,
                             @Schema(required = true) boolean active,
                             @Schema(required = true) long version) {}

    @Schema(name = "CreateCustomFieldCategory")
    public record CreateCategory(@Schema(required = true, pattern = FieldKeys.RULE)
                                 @NotNull(message = "key is required") @Pattern(regexp = FieldKeys.RULE, message = FieldKeys.MESSAGE, payload = Codes.KeyFormat.class)
                                 String key,
                                 @Schema(required = true, description = LABELS)
                                 @NotNull(message = LABELS_REQUIRED) @ValidLabels Map<String, String> labels,
                                 @Schema(nullable = true) Integer position,
                                 @Schema(nullable = true) Boolean showInClientList) {}

    @Schema(name = "UpdateCustomFieldCategory", description = "Only the given properties change; key cannot change")
    public record UpdateCategory(@Schema(nullable = true) String key,
                                 @Schema(nullable = true, description = LABELS) @ValidLabels Map<String, String> labels,
                                 @Schema(nullable = true) Integer position,
                                 @Schema(nullable = true) Boolean showInClientList,
                                 @Schema(nullable = true) Long version) {}

    @Schema(name = "CreateCustomField")
    public record CreateField(@Schema(required = true) @NotNull(message = "categoryId is required") UUID categoryId,
                              @Schema(required = true, pattern = FieldKeys.RULE)
                              @NotNull(message = "key is required") @Pattern(regexp = FieldKeys.RULE, message = FieldKeys.MESSAGE, payload = Codes.KeyFormat.class)
                              String key,
                              @Schema(required = true, description = LABELS)
                              @NotNull(message = LABELS_REQUIRED) @ValidLabels Map<String, String> labels,
                              @Schema(required = true) @NotNull(message = "type is required") FieldType type,
                              @Schema(nullable = true) Boolean required,
                              @Schema(nullable = true) Integer position,
                              @Schema(nullable = true, description = "SELECT / MULTI_SELECT only: share the options of this field")
                              UUID optionSourceFieldId) {}

    @Schema(name = "UpdateCustomField", description = "Only the given properties change; key cannot change; "
            + "type cannot change once a client has a value for the field")
    public record UpdateField(@Schema(nullable = true) String key,
                              @Schema(nullable = true) UUID categoryId,
                              @Schema(nullable = true, description = LABELS) @ValidLabels Map<String, String> labels,
                              @Schema(nullable = true) FieldType type,
                              @Schema(nullable = true) Boolean required,
                              @Schema(nullable = true) Integer position,
                              @Schema(nullable = true) Long version) {}

    @Schema(name = "CreateCustomFieldOption")
    public record CreateOption(@Schema(required = true, pattern = FieldKeys.RULE)
                               @NotNull(message = "key is required") @Pattern(regexp = FieldKeys.RULE, message = FieldKeys.MESSAGE, payload = Codes.KeyFormat.class)
                               String key,
                               @Schema(required = true, description = LABELS)
                               @NotNull(message = LABELS_REQUIRED) @ValidLabels Map<String, String> labels,
                               @Schema(nullable = true) Integer position) {}

    @Schema(name = "UpdateCustomFieldOption", description = "Rename (labels), reorder (position), deactivate (active=false); key cannot change")
    public record UpdateOption(@Schema(nullable = true) String key,
                               @Schema(nullable = true, description = LABELS) @ValidLabels Map<String, String> labels,
                               @Schema(nullable = true) Integer position,
                               @Schema(nullable = true) Boolean active,
                               @Schema(nullable = true) Long version) {}
}
