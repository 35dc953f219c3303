package be.fiduciaire.tracker.common;

/**
 * The stable, machine-readable codes of problem+json field errors ({@code errors[].code}), one declaration: the
 * OpenAPI document lists them as the enum of {@code FieldError.code} (see {@link ProblemResponsesFilter}) and the SPA
 * translates each one (with the error's {@code params}) in fr, nl and en. A new kind of error is a new constant here
 * with the names of its params; renaming a code breaks integrators and the SPA, so codes are only ever added.
 */
public enum ErrorCode {
    // --- the shape of a request
    REQUIRED("required", "A value is required"),
    UNKNOWN_PROPERTY("unknown_property", "The body has a property the API does not know"),
    JSON_MALFORMED("json.malformed", "The body is not valid JSON"),
    TYPE_STRING("type.string", "Must be a string"),
    TYPE_BOOLEAN("type.boolean", "Must be true or false"),
    TYPE_INTEGER("type.integer", "Must be a whole number"),
    TYPE_NUMBER("type.number", "Must be a number"),
    TYPE_ID("type.id", "Must be an id (UUID)"),
    TYPE_OBJECT("type.object", "Must be an object"),
    TYPE_ARRAY("type.array", "Must be an array"),
    TYPE_ENUM("type.enum", "Must be one of the allowed values (params: allowed)"),
    TYPE_DATE("type.date", "Must be a date written YYYY-MM-DD"),
    TYPE_INVALID("type.invalid", "A value the property's type cannot hold (params: type)"),
    LENGTH("length", "A text of the wrong length (params: min, max)"),
    TOO_LONG("too_long", "A text longer than allowed (params: max)"),
    COUNT("count", "Too few or too many items (params: min, max)"),
    RANGE("range", "A number outside the allowed range (params: min, max)"),
    FORMAT("format", "A text that does not have the expected format (params: pattern)"),
    DUPLICATE_ITEM("duplicate_item", "The same item is given twice (params: value)"),
    // --- values
    EMAIL_INVALID("email.invalid", "Not a valid email address"),
    ENTERPRISE_NUMBER_INVALID("enterprise_number.invalid", "Not a valid Belgian enterprise number: 10 digits starting with 0 or 1 passing the mod-97 check (params: value)"),
    VAT_NUMBER_INVALID("vat_number.invalid", "Not a valid EU VAT number (params: value)"),
    VAT_NUMBER_MISMATCH("vat_number.mismatch", "The Belgian VAT number does not match the enterprise number (params: vatNumber, enterpriseNumber)"),
    DATE_INVALID("date.invalid", "Not a real date (params: value)"),
    NUMBER_TOO_LARGE("number.too_large", "A number too large to store"),
    LANGUAGE_UNSUPPORTED("language.unsupported", "Not one of the supported languages (params: allowed)"),
    LABEL_LANGUAGE("label.language", "Labels exist in fr, nl and en only"),
    LABEL_FR_REQUIRED("label.fr_required", "The French label is required"),
    KEY_FORMAT("key.format", "A key is lower-case letters, digits and _, starting with a letter (params: max)"),
    // --- what a request names
    NOT_FOUND("not_found", "The resource of the path does not exist or is not visible to the caller (params: resource)"),
    REFERENCE_UNKNOWN("reference.unknown", "The body names something that does not exist (params: resource)"),
    IDS_UNKNOWN("ids.unknown", "Some client ids do not exist (params: ids)"),
    FIELD_UNKNOWN("field.unknown", "No such field (params: field)"),
    OPTION_UNKNOWN("option.unknown", "Not an option of the field (params: option, field)"),
    OPTION_INACTIVE("option.inactive", "The option is deactivated: it stays on the clients that have it but cannot be chosen (params: option)"),
    SCOPE_UNKNOWN("scope.unknown", "Not a token scope: read, write or admin (params: scope)"),
    COLUMN_UNKNOWN("column.unknown", "No such column (params: column)"),
    // --- filters, sorts, groupings
    FILTER_TOO_LONG("filter.too_long", "The filter is too long (params: max)"),
    FILTER_TOO_DEEP("filter.too_deep", "The filter nests groups too deep (params: max)"),
    FILTER_MALFORMED("filter.malformed", "The filter is not valid RSQL (params: detail)"),
    FILTER_UNKNOWN_SELECTOR("filter.unknown_selector", "The filter names an unknown field (params: selector)"),
    FILTER_OPERATOR("filter.operator", "The operator does not apply to this field (params: selector, operator)"),
    FILTER_VALUE("filter.value", "A value of the filter does not fit its field (params: selector, value)"),
    SORT_UNKNOWN("sort.unknown", "Cannot sort by an unknown field (params: key)"),
    SORT_NOT_SORTABLE("sort.not_sortable", "Multi selects and documents cannot be sorted by (params: key)"),
    GROUP_BY_INVALID("group_by.invalid", "Cannot group by this field (params: selector)"),
    // --- state and concurrency
    VERSION_STALE("version.stale", "Someone else changed it meanwhile: reload and try again (params: current)"),
    IF_MATCH_INVALID("if_match.invalid", "If-Match must be a version number such as \"3\""),
    KEY_TAKEN("key.taken", "The key is already used (params: key)"),
    KEY_IMMUTABLE("key.immutable", "A key cannot be changed"),
    REFERENCE_TAKEN("reference.taken", "Another client has this reference (params: reference)"),
    EMAIL_TAKEN("email.taken", "A user with this email exists"),
    CONCURRENT_EDIT("edit.concurrent", "Some clients were being changed by someone else; nothing was changed, try again"),
    STATUS_CONFLICT("status.conflict", "Not possible in the current status (params: status)"),
    IDEMPOTENCY_KEY_INVALID("idempotency_key.invalid", "Idempotency-Key must be 1 to 200 characters"),
    IDEMPOTENCY_KEY_REUSED("idempotency_key.reused", "This Idempotency-Key was used for a different request"),
    SELECTION_INVALID("selection.invalid", "Give either client ids or a filter"),
    // --- custom-field definitions
    FIELD_IN_USE("field.in_use", "The field has values on clients (params: field, count)"),
    CATEGORY_IN_USE("category.in_use", "A field of the category has values on clients (params: field, count)"),
    FIELD_TYPE_LOCKED("field.type_locked", "The field's type cannot change (params: count, or reason: shares_options / options_shared)"),
    FIELD_OPTIONS_SHARED("field.options_shared", "Another field offers this field's options (params: field)"),
    FIELD_NO_OPTIONS("field.no_options", "The field has no options (params: type)"),
    OPTION_SOURCE_INVALID("option_source.invalid", "Options can only be shared between SELECT and MULTI_SELECT fields that own their options"),
    OPTION_IN_USE("option.in_use", "The option is used by clients: deactivate it, or delete it with replaceWith (params: option, count)"),
    OPTION_REPLACEMENT_INVALID("option.replacement_invalid", "replaceWith must be another active option of the same list (params: option)"),
    FIELD_READ_ONLY("field.read_only", "The field is written by the system only (params: field)"),
    FIELD_DOCUMENT("field.document", "A document is uploaded, not written (params: field)"),
    FIELD_NOT_DOCUMENT("field.not_document", "Not a DOCUMENT field (params: field)"),
    FIELD_NOT_IN_LIST("field.not_in_list", "Only fields of categories shown in the client list can be bulk-edited"),
    FIELD_TYPE_NOT_BULK_EDITABLE("field.type_not_bulk_editable", "Fields of this type cannot be bulk-edited (params: type)"),
    // --- files
    FILE_TOO_LARGE("file.too_large", "The file is too large (params: max, in bytes)"),
    FILE_EMPTY("file.empty", "The file is empty"),
    FILE_NAME_INVALID("file.name_invalid", "A file name cannot be made only of dots"),
    FILE_TYPE("file.type", "The content type is not accepted (params: type)"),
    FILE_CONTENT_MISMATCH("file.content_mismatch", "The content does not match its type (params: type)"),
    // --- spreadsheet import (errors[].row / column name the cell)
    IMPORT_FILE_UNREADABLE("import.file_unreadable", "The file is not a readable CSV or XLSX (params: detail)"),
    IMPORT_TOO_MANY_ROWS("import.too_many_rows", "The file has more rows than one import takes (params: max)"),
    IMPORT_MATCH_COLUMN_MISSING("import.match_column_missing", "No column maps to enterpriseNumber or reference, which match rows to clients"),
    IMPORT_FIELD_TWICE("import.field_twice", "Two columns map to the same field (params: field)"),
    IMPORT_FIELD_NOT_IMPORTABLE("import.field_not_importable", "This field cannot be imported: system fields and documents (params: field)"),
    IMPORT_ROW_UNIDENTIFIED("import.row_unidentified", "The row has neither an enterprise number nor a reference"),
    IMPORT_MATCH_AMBIGUOUS("import.match_ambiguous", "Several clients have this enterprise number (params: value, count)"),
    IMPORT_DUPLICATE_ROW("import.duplicate_row", "An earlier row of the file is for the same client (params: firstRow)"),
    // --- email templates
    TEMPLATE_SYNTAX("template.syntax", "A template error (params: line, detail)"),
    TEMPLATE_STANDARD("template.standard", "The standard peppol_info template keeps its key and cannot be deleted"),
    TEMPLATE_MISSING("template.missing", "The standard peppol_info template is missing"),
    TEXT_MULTILINE("text.multiline", "Must be one line"),
    TEXT_CONTROL_CHARACTERS("text.control_characters", "Control characters (other than tab and line breaks) are not allowed"),
    // --- users, access, views
    AUTH_REQUIRED("auth.required", "Sign in or send a valid API token"),
    AUTH_WRONG_CREDENTIALS("auth.wrong_credentials", "Wrong email or password"),
    AUTH_TOO_MANY_ATTEMPTS("auth.too_many_attempts", "Too many failed sign-ins for this address: try again in a few minutes"),
    FORBIDDEN("forbidden", "Not allowed for your role or token scope"),
    PASSWORD_WRONG("password.wrong", "The current password is wrong"),
    USER_SELF_DEMOTION("user.self_demotion", "You cannot demote or deactivate yourself"),
    USER_LAST_ADMIN("user.last_admin", "The last active admin cannot be demoted or deactivated"),
    VIEW_STANDARD("view.standard", "A standard view stays shared and cannot be deleted"),
    VIEW_NOT_OWNER("view.not_owner", "Only its owner (or an admin, for a shared view) may change this view"),
    // --- the rest of HTTP
    NOT_ALLOWED_METHOD("http.method", "Method not allowed"),
    NOT_ACCEPTABLE("http.not_acceptable", "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("http.media_type", "Unsupported media type"),
    BAD_REQUEST("http.bad_request", "Bad request"),
    URI_TOO_LONG("http.uri_too_long", "The URL is too long (params: max)"),
    BODY_TOO_LARGE("http.body_too_large", "The body is too large (params: max, in bytes)"),
    CROSS_SITE("http.cross_site", "A change made with the session cookie from another site, or without saying where it comes from");

    private final String code;
    private final String description;

    ErrorCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** As sent in {@code errors[].code}. */
    public String code() { return code; }

    /** What it means, for openapi.yaml. */
    public String description() { return description; }
}
