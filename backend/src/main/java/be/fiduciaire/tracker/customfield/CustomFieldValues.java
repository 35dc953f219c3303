package be.fiduciaire.tracker.customfield;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.InvalidValueException;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Validates custom-field values sent as JSON against the field definitions ({@link FieldCatalog}) and turns them into
 * the values stored in {@code client_fields.custom_fields}. Used by the client endpoints and by bulk edit.
 */
@ApplicationScoped
public class CustomFieldValues {
    public static final int TEXT_MAX = 1_000;
    public static final int LONG_TEXT_MAX = 10_000;
    private static final BigDecimal NUMBER_MAX = new BigDecimal("1e15");
    /** How a DATE value is written (and compared, as text, by filters and sorts). */
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A real calendar date written YYYY-MM-DD: the one form of DATE values, stored and in filters. */
    public static boolean isDate(String text) {
        if (text == null || !DATE.matcher(text).matches()) return false;
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Inject
    FieldCatalog catalog;

    /**
     * Checks a map of changes (field key → raw JSON value; JSON {@code null} clears) for a bulk edit or any caller that
     * has no stored values at hand. Equivalent to {@code validate(changes, Map.of(), false)}.
     *
     * @return the normalised values to store, with {@link NullNode} for each value to remove
     * @throws ProblemException one 422 listing every bad value as {@code errors[].field = "customFields.<key>"}
     */
    public Map<String, JsonNode> validateChanges(Map<String, JsonNode> changes) {
        return validate(changes, Map.of(), false);
    }

    /**
     * Checks and normalises custom-field values.
     * <ul>
     * <li>unknown key → error; SYSTEM and DOCUMENT fields cannot be written through JSON (DOCUMENT only by upload);</li>
     * <li>TEXT: string ≤ {@value #TEXT_MAX} chars, LONG_TEXT ≤ {@value #LONG_TEXT_MAX} (trimmed; blank clears);
     * NUMBER: JSON number; DATE: real {@code YYYY-MM-DD}; BOOLEAN: true/false; SELECT: the key of an active option;
     * MULTI_SELECT: array of distinct active option keys (empty clears);</li>
     * <li>{@code null} clears, except on a required field.</li>
     * </ul>
     *
     * @param changes  field key → raw JSON value
     * @param current  the client's stored values: a value equal to the stored one is no change and is accepted without
     *                 checks (so a client can send back what it read, inactive options or system values included)
     * @param creating true when creating a client: every required field (but SYSTEM / DOCUMENT) must then get a value
     * @return normalised values of the keys that change, {@link NullNode} meaning "remove"
     * @throws ProblemException one 422 listing every bad value as {@code customFields.<key>}
     */
    public Map<String, JsonNode> validate(Map<String, JsonNode> changes, Map<String, JsonNode> current, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, JsonNode> out = new LinkedHashMap<>();
        changes.forEach((key, raw) -> {
            JsonNode value = raw == null ? NullNode.getInstance() : raw;
            JsonNode stored = current.get(key);
            if (stored != null && stored.equals(value)) return;
            if (stored == null && value.isNull()) return;
            String name = "customFields." + key;
            Optional<FieldCatalog.Field> field = catalog.field(key);
            if (field.isEmpty()) {
                errors.add(FieldError.of(name, ErrorCode.FIELD_UNKNOWN, "Unknown custom field '" + key + "'", "field", key));
                return;
            }
            try {
                JsonNode normalised = normalise(field.get(), value);
                if (normalised.isNull() && field.get().required()) {
                    errors.add(FieldError.of(name, ErrorCode.REQUIRED, "'" + key + "' is required and cannot be cleared"));
                } else if (stored == null ? !normalised.isNull() : !stored.equals(normalised)) {
                    out.put(key, normalised);
                }
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(name, e));
            }
        });
        if (creating) {
            for (FieldCatalog.Field f : catalog.fields()) {
                if (!f.required() || f.type() == FieldType.SYSTEM || f.type() == FieldType.DOCUMENT) continue;
                JsonNode v = out.containsKey(f.key()) ? out.get(f.key()) : current.get(f.key());
                boolean alreadyReported = errors.stream().anyMatch(e -> e.field().equals("customFields." + f.key()));
                if ((v == null || v.isNull()) && !alreadyReported) {
                    errors.add(FieldError.of("customFields." + f.key(), ErrorCode.REQUIRED, "'" + f.key() + "' is required"));
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return out;
    }

    private JsonNode normalise(FieldCatalog.Field field, JsonNode value) {
        FieldType type = field.type();
        if (type == FieldType.SYSTEM) throw new InvalidValueException(ErrorCode.FIELD_READ_ONLY, "'" + field.key() + "' is written by the system only", "field", field.key());
        if (type == FieldType.DOCUMENT) {
            throw new InvalidValueException(ErrorCode.FIELD_DOCUMENT, "'" + field.key() + "' is a document: upload it with PUT /api/clients/{id}/documents/" + field.key(),
                    "field", field.key());
        }
        if (value.isNull()) return NullNode.getInstance();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (type) {
            case TEXT, LONG_TEXT -> {
                if (!value.isTextual()) throw new InvalidValueException(ErrorCode.TYPE_STRING, "Must be a string");
                String text = value.asText().strip();
                int max = type == FieldType.TEXT ? TEXT_MAX : LONG_TEXT_MAX;
                if (text.length() > max) throw new InvalidValueException(ErrorCode.TOO_LONG, "At most " + max + " characters", "max", max);
                return text.isEmpty() ? NullNode.getInstance() : nodes.textNode(text);
            }
            case NUMBER -> {
                if (!value.isNumber()) throw new InvalidValueException(ErrorCode.TYPE_NUMBER, "Must be a number");
                if (value.decimalValue().abs().compareTo(NUMBER_MAX) >= 0) throw new InvalidValueException(ErrorCode.NUMBER_TOO_LARGE, "Number too large");
                return value.isIntegralNumber() ? nodes.numberNode(value.longValue()) : nodes.numberNode(value.decimalValue().stripTrailingZeros());
            }
            case DATE -> {
                if (!value.isTextual() || !DATE.matcher(value.asText()).matches()) {
                    throw new InvalidValueException(ErrorCode.TYPE_DATE, "Must be a date written YYYY-MM-DD");
                }
                if (!isDate(value.asText())) {
                    throw new InvalidValueException(ErrorCode.DATE_INVALID, "Not a real date: " + value.asText(), "value", value.asText());
                }
                return nodes.textNode(value.asText());
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) throw new InvalidValueException(ErrorCode.TYPE_BOOLEAN, "Must be true or false");
                return value;
            }
            case SELECT -> {
                if (!value.isTextual()) throw new InvalidValueException(ErrorCode.TYPE_STRING, "Must be an option key (string)");
                checkOption(field, value.asText());
                return value;
            }
            case MULTI_SELECT -> {
                if (!value.isArray()) throw new InvalidValueException(ErrorCode.TYPE_ARRAY, "Must be an array of option keys");
                Set<String> seen = new HashSet<>();
                ArrayNode out = nodes.arrayNode();
                for (JsonNode item : value) {
                    if (!item.isTextual()) throw new InvalidValueException(ErrorCode.TYPE_ARRAY, "Must be an array of option keys (strings)");
                    if (!seen.add(item.asText())) {
                        throw new InvalidValueException(ErrorCode.DUPLICATE_ITEM, "The option '" + item.asText() + "' is given twice", "value", item.asText());
                    }
                    checkOption(field, item.asText());
                    out.add(item.asText());
                }
                return out.isEmpty() ? NullNode.getInstance() : out;
            }
            default -> throw new InvalidValueException(ErrorCode.FIELD_READ_ONLY, "Cannot be written", "field", field.key());
        }
    }

    private static void checkOption(FieldCatalog.Field field, String key) {
        var option = field.option(key);
        if (option.isEmpty()) {
            throw new InvalidValueException(ErrorCode.OPTION_UNKNOWN, "'" + key + "' is not an option of '" + field.key() + "'", "option", key, "field", field.key());
        }
        if (!option.get().active()) throw new InvalidValueException(ErrorCode.OPTION_INACTIVE, "The option '" + key + "' is no longer active", "option", key);
    }
}
