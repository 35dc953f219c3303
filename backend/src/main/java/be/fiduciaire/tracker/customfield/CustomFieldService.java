package be.fiduciaire.tracker.customfield;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.common.Versions;
import be.fiduciaire.tracker.customfield.CustomFieldDtos.*;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Custom-field categories, fields and options: the rules behind /api/custom-field-categories and /api/custom-fields.
 * Definitions are entities changed one at a time; what clients hold in their fields is asked through
 * {@link CustomFieldUsage} (set-based SQL). Request bodies arrive validated (key rule, labels).
 */
@ApplicationScoped
public class CustomFieldService {
    @Inject
    CustomFieldCategoryRepository categories;
    @Inject
    CustomFieldRepository fields;
    @Inject
    CustomFieldOptionRepository options;
    @Inject
    CustomFieldUsage usage;
    @Inject
    FieldCatalog catalog;
    @Inject
    CurrentUser currentUser;
    @Inject
    TransactionSynchronizationRegistry transactions;

    // ------------------------------------------------------------------ reads

    @Transactional
    public List<CategoryView> categories() {
        Definitions all = Definitions.load(categories, fields, options);
        return all.categories().stream().map(c -> new CategoryView(c.id, c.key, c.labels, c.position, c.showInClientList, c.version,
                all.fieldsOf(c).stream().map(f -> view(f, all.optionsOf(f))).toList())).toList();
    }

    @Transactional
    public CategoryView category(UUID id) {
        return categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> ProblemException.notFound("Category"));
    }

    @Transactional
    public FieldView field(UUID id) {
        return categories().stream().flatMap(c -> c.fields().stream()).filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Field"));
    }

    private OptionView option(UUID fieldId, UUID optionId) {
        return field(fieldId).options().stream().filter(o -> o.id().equals(optionId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Option"));
    }

    private static FieldView view(CustomField f, List<CustomFieldOption> options) {
        return new FieldView(f.id, f.categoryId, f.key, f.labels, f.type, f.required, f.position, f.optionSourceFieldId, f.version,
                options.stream().map(o -> new OptionView(o.id, o.key, o.labels, o.position, o.active, o.version)).toList());
    }

    // ------------------------------------------------------------------ categories

    @Transactional
    public CategoryView createCategory(CreateCategory request) {
        if (categories.keyExists(request.key())) {
            throw ProblemException.conflict("key", ErrorCode.KEY_TAKEN, "A category with the key '" + request.key() + "' already exists", "key", request.key());
        }
        CustomFieldCategory category = new CustomFieldCategory();
        category.key = request.key();
        category.labels = ValidLabels.Check.clean(request.labels());
        category.position = request.position() == null ? 0 : request.position();
        category.showInClientList = Boolean.TRUE.equals(request.showInClientList());
        category.updatedAt = OffsetDateTime.now();
        categories.persist(category);
        definitionsChanged();
        return category(category.id);
    }

    @Transactional
    public CategoryView updateCategory(UUID id, UpdateCategory request, Long ifMatch) {
        CustomFieldCategory category = categories.lock(id).orElseThrow(() -> ProblemException.notFound("Category"));
        Versions.check("category", category.version, ifMatch, request.version());
        if (request.key() != null && !request.key().equals(category.key)) {
            throw ProblemException.validation("key", ErrorCode.KEY_IMMUTABLE, "The key of a category cannot be changed");
        }
        if (request.labels() != null) category.labels = ValidLabels.Check.clean(request.labels());
        if (request.position() != null) category.position = request.position();
        if (request.showInClientList() != null) category.showInClientList = request.showInClientList();
        category.updatedAt = OffsetDateTime.now();
        definitionsChanged();
        return category(id);
    }

    /** Deletes a category and its fields; refused (409) while any client has a value for one of its fields. */
    @Transactional
    public void deleteCategory(UUID id) {
        CustomFieldCategory category = categories.lock(id).orElseThrow(() -> ProblemException.notFound("Category"));
        List<CustomField> own = fields.ofCategory(id);
        Set<UUID> beingDeleted = Set.copyOf(own.stream().map(f -> f.id).toList());
        for (CustomField f : own) {
            long used = usage.clientsWithValue(f.key);
            if (used > 0) {
                throw ProblemException.conflict("id", ErrorCode.CATEGORY_IN_USE, "The category '" + category.key + "' cannot be deleted: its field '" + f.key
                        + "' has a value on " + used + " client(s); clear those values or delete the field's values first", "field", f.key, "count", used);
            }
            refuseIfSharedFromOutside(f, beingDeleted);
        }
        // one statement deletes fields that share a list together with its owner (options go with their field)
        fields.delete("categoryId", id);
        categories.delete(category);
        definitionsChanged();
    }

    // ------------------------------------------------------------------ fields

    @Transactional
    public FieldView createField(CreateField request) {
        List<FieldError> errors = new ArrayList<>();
        if (categories.findByIdOptional(request.categoryId()).isEmpty()) errors.add(FieldError.of("categoryId", ErrorCode.REFERENCE_UNKNOWN, "No category with this id", "resource", "Category"));
        if (request.optionSourceFieldId() != null) {
            if (!request.type().hasOptions()) {
                errors.add(FieldError.of("optionSourceFieldId", ErrorCode.OPTION_SOURCE_INVALID, "Only SELECT and MULTI_SELECT fields can share another field's options"));
            } else {
                CustomField source = fields.findById(request.optionSourceFieldId());
                if (source == null || !source.type.hasOptions() || source.optionSourceFieldId != null) {
                    errors.add(FieldError.of("optionSourceFieldId", ErrorCode.OPTION_SOURCE_INVALID, "Must be a SELECT or MULTI_SELECT field that owns its options"));
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        if (fields.keyExists(request.key())) {
            throw ProblemException.conflict("key", ErrorCode.KEY_TAKEN, "A field with the key '" + request.key() + "' already exists", "key", request.key());
        }
        CustomField field = new CustomField();
        field.categoryId = request.categoryId();
        field.key = request.key();
        field.labels = ValidLabels.Check.clean(request.labels());
        field.type = request.type();
        field.required = Boolean.TRUE.equals(request.required());
        field.position = request.position() == null ? 0 : request.position();
        field.optionSourceFieldId = request.optionSourceFieldId();
        field.updatedAt = OffsetDateTime.now();
        fields.persist(field);
        definitionsChanged();
        return field(field.id);
    }

    @Transactional
    public FieldView updateField(UUID id, UpdateField request, Long ifMatch) {
        CustomField field = fields.lock(id).orElseThrow(() -> ProblemException.notFound("Field"));
        Versions.check("field", field.version, ifMatch, request.version());
        List<FieldError> errors = new ArrayList<>();
        if (request.key() != null && !request.key().equals(field.key)) errors.add(FieldError.of("key", ErrorCode.KEY_IMMUTABLE, "The key of a field cannot be changed"));
        if (request.categoryId() != null && categories.findByIdOptional(request.categoryId()).isEmpty()) {
            errors.add(FieldError.of("categoryId", ErrorCode.REFERENCE_UNKNOWN, "No category with this id", "resource", "Category"));
        }
        if (request.type() != null && request.type() != field.type) {
            long used = usage.clientsWithValue(field.key);
            if (used > 0) {
                errors.add(FieldError.of("type", ErrorCode.FIELD_TYPE_LOCKED, "The type cannot change: " + used + " client(s) have a value for '" + field.key + "'",
                        "count", used));
            } else if (!request.type().hasOptions() && field.optionSourceFieldId != null) {
                errors.add(FieldError.of("type", ErrorCode.FIELD_TYPE_LOCKED, "This field shares another field's options; it must stay SELECT or MULTI_SELECT",
                        "reason", "shares_options"));
            } else if (!request.type().hasOptions() && !fields.sharingOptionsOf(id).isEmpty()) {
                errors.add(FieldError.of("type", ErrorCode.FIELD_TYPE_LOCKED, "Other fields offer this field's options; it must stay SELECT or MULTI_SELECT",
                        "reason", "options_shared"));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        if (request.labels() != null) field.labels = ValidLabels.Check.clean(request.labels());
        if (request.categoryId() != null) field.categoryId = request.categoryId();
        if (request.type() != null) field.type = request.type();
        if (request.required() != null) field.required = request.required();
        if (request.position() != null) field.position = request.position();
        field.updatedAt = OffsetDateTime.now();
        definitionsChanged();
        return field(id);
    }

    /**
     * Deletes a field and its options; refused (409) while a client has a value for it or another field shares its
     * options. Its expression index, if any, is dropped by {@code clientquery.CustomFieldIndexes} once it is gone.
     */
    @Transactional
    public void deleteField(UUID id) {
        CustomField field = fields.lock(id).orElseThrow(() -> ProblemException.notFound("Field"));
        long used = usage.clientsWithValue(field.key);
        if (used > 0) {
            throw ProblemException.conflict("id", ErrorCode.FIELD_IN_USE, "The field '" + field.key + "' has a value on " + used
                    + " client(s); clear those values before deleting the field", "field", field.key, "count", used);
        }
        refuseIfSharedFromOutside(field, Set.of(id));
        fields.delete(field);
        definitionsChanged();
    }

    // ------------------------------------------------------------------ options

    @Transactional
    public OptionView createOption(UUID fieldId, CreateOption request) {
        UUID owner = lockOptionField(fieldId).optionOwnerId();
        if (options.inList(owner, request.key()).isPresent()) {
            throw ProblemException.conflict("key", ErrorCode.KEY_TAKEN, "The option '" + request.key() + "' already exists in this list", "key", request.key());
        }
        CustomFieldOption option = new CustomFieldOption();
        option.fieldId = owner;
        option.key = request.key();
        option.labels = ValidLabels.Check.clean(request.labels());
        option.position = request.position() != null ? request.position() : options.nextPosition(owner);
        options.persist(option);
        definitionsChanged();
        return option(fieldId, option.id);
    }

    @Transactional
    public OptionView updateOption(UUID fieldId, UUID optionId, UpdateOption request, Long ifMatch) {
        CustomFieldOption option = lockOption(lockOptionField(fieldId), optionId);
        Versions.check("option", option.version, ifMatch, request.version());
        if (request.key() != null && !request.key().equals(option.key)) {
            throw ProblemException.validation("key", ErrorCode.KEY_IMMUTABLE, "The key of an option cannot be changed");
        }
        if (request.labels() != null) option.labels = ValidLabels.Check.clean(request.labels());
        if (request.position() != null) option.position = request.position();
        if (request.active() != null) option.active = request.active();
        definitionsChanged();
        return option(fieldId, optionId);
    }

    /**
     * Deletes an option. While clients use it (in any field offering this list, single or multi select) it is refused
     * with 409, unless {@code replaceWith} names another active option of the list: the values then move to it first,
     * in one UPDATE, with one history row per changed client field.
     */
    @Transactional
    public void deleteOption(UUID fieldId, UUID optionId, String replaceWith) {
        CustomField field = lockOptionField(fieldId);
        CustomFieldOption option = lockOption(field, optionId);
        UUID owner = field.optionOwnerId();
        List<String> keys = fields.keysOfList(owner);
        long used = usage.clientsWithOption(keys, option.key);
        if (used > 0 && replaceWith == null) {
            throw ProblemException.conflict("optionId", ErrorCode.OPTION_IN_USE, "The option '" + option.key + "' is used by " + used
                    + " client(s); deactivate it instead, or delete it with ?replaceWith=<optionKey> to move those clients to another option",
                    "option", option.key, "count", used);
        }
        if (used > 0) {
            var target = options.inList(owner, replaceWith);
            if (target.isEmpty() || !target.get().active || target.get().id.equals(optionId)) {
                throw ProblemException.validation("replaceWith", ErrorCode.OPTION_REPLACEMENT_INVALID,
                        "replaceWith must be the key of another active option of the same list", "option", replaceWith);
            }
            usage.moveOption(keys, option.key, replaceWith, currentUser.id(), currentUser.name());
        }
        options.delete(option);
        definitionsChanged();
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

    private void refuseIfSharedFromOutside(CustomField field, Set<UUID> beingDeleted) {
        for (CustomField other : fields.sharingOptionsOf(field.id)) {
            if (!beingDeleted.contains(other.id)) {
                throw ProblemException.conflict("id", ErrorCode.FIELD_OPTIONS_SHARED, "The field '" + other.key + "' offers the options of '" + field.key
                        + "'; delete or change that field first", "field", other.key);
            }
        }
    }

    private CustomField lockOptionField(UUID id) {
        CustomField field = fields.lock(id).orElseThrow(() -> ProblemException.notFound("Field"));
        if (!field.type.hasOptions()) {
            throw ProblemException.validation("type", ErrorCode.FIELD_NO_OPTIONS, "The field '" + field.key + "' is " + field.type + " and has no options",
                    "type", field.type.name());
        }
        return field;
    }

    private CustomFieldOption lockOption(CustomField field, UUID optionId) {
        return options.lockInList(field.optionOwnerId(), optionId).orElseThrow(() -> ProblemException.notFound("Option"));
    }

}
