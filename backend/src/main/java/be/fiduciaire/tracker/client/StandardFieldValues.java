package be.fiduciaire.tracker.client;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import be.fiduciaire.tracker.common.ProblemException.FieldError;

/**
 * The value rules of the client's standard fields, shared by the client endpoints and bulk edit so that a value
 * accepted by one is accepted by the other.
 */
public final class StandardFieldValues {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Map<String, Integer> MAX_LENGTH = Map.of("reference", 100, "name", 300, "legalForm", 100, "email", 320,
            "address.street", 300, "address.postalCode", 20, "address.city", 200, "address.country", 100);

    private StandardFieldValues() {}

    /**
     * Parses one standard field's JSON value into {@code out} under {@code name} (null clears), or adds an error
     * naming {@code errorField}. The database checks (user exists, reference unique) are the caller's.
     */
    public static void parse(String name, JsonNode v, String errorField, Map<String, Object> out, List<FieldError> errors) {
        switch (name) {
            case "vatLiable" -> {
                if (!v.isBoolean()) errors.add(new FieldError(errorField, "Must be true or false"));
                else out.put(name, v.booleanValue());
            }
            case "responsibleUserId" -> {
                if (v.isNull()) out.put(name, null);
                else if (!v.isTextual()) errors.add(new FieldError(errorField, "Must be a user id"));
                else {
                    try {
                        out.put(name, UUID.fromString(v.asText()));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(errorField, "Must be a user id"));
                    }
                }
            }
            default -> {
                if (!v.isNull() && !v.isTextual()) {
                    errors.add(new FieldError(errorField, "Must be a string"));
                    return;
                }
                String text = v.isNull() ? null : v.asText().strip();
                if (text != null && text.isEmpty()) text = null;
                Integer max = MAX_LENGTH.get(name);
                if (text != null && max != null && text.length() > max) {
                    errors.add(new FieldError(errorField, "At most " + max + " characters"));
                    return;
                }
                switch (name) {
                    case "name" -> {
                        if (text == null) errors.add(new FieldError(errorField, "name is required"));
                        else out.put(name, text);
                    }
                    case "type" -> {
                        if (text == null || !Set.of("COMPANY", "PERSON").contains(text)) errors.add(new FieldError(errorField, "Must be COMPANY or PERSON"));
                        else out.put(name, text);
                    }
                    case "language" -> {
                        if (text == null || !Set.of("fr", "nl", "en", "de").contains(text)) errors.add(new FieldError(errorField, "Must be fr, nl, en or de"));
                        else out.put(name, text);
                    }
                    case "status" -> {
                        if (text == null || !Set.of("ACTIVE", "ARCHIVED").contains(text)) errors.add(new FieldError(errorField, "Must be ACTIVE or ARCHIVED"));
                        else out.put(name, text);
                    }
                    case "enterpriseNumber" -> {
                        if (text == null) out.put(name, null);
                        else BelgianIdentifiers.normaliseEnterpriseNumber(text).ifPresentOrElse(n -> out.put(name, n),
                                () -> errors.add(new FieldError(errorField, "Not a valid Belgian enterprise number (10 digits starting with 0 or 1, mod-97 check): " + v.asText())));
                    }
                    case "vatNumber" -> {
                        if (text == null) out.put(name, null);
                        else BelgianIdentifiers.normaliseVatNumber(text).ifPresentOrElse(n -> out.put(name, n),
                                () -> errors.add(new FieldError(errorField, "Not a valid EU VAT number (Belgian: BE + 10 digits passing the mod-97 check): " + v.asText())));
                    }
                    case "email" -> {
                        if (text != null && !EMAIL.matcher(text).matches()) errors.add(new FieldError(errorField, "Not a valid email address"));
                        else out.put(name, text);
                    }
                    case "address.country" -> out.put(name, text != null && text.length() == 2 ? text.toUpperCase() : text);
                    default -> out.put(name, text);
                }
            }
        }
    }
}
