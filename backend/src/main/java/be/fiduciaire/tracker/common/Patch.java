package be.fiduciaire.tracker.common;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;

/**
 * One property of a JSON merge patch (RFC 7396): absent (leave it), null (clear it), a value — or a value of the
 * wrong JSON type, kept as {@link #error()} so that a body with several bad properties is answered with one 422
 * listing them all rather than a 400 about the first. Types are strict: a number is not a string, "true" is not a
 * boolean.
 */
@JsonDeserialize(using = Patch.Deserializer.class)
public final class Patch<T> {
    private enum State { ABSENT, NULL, VALUE, INVALID }

    private static final Patch<?> ABSENT = new Patch<>(State.ABSENT, null, null);
    private static final Patch<?> NULL = new Patch<>(State.NULL, null, null);

    private final State state;
    private final T value;
    private final String error;

    private Patch(State state, T value, String error) {
        this.state = state;
        this.value = value;
        this.error = error;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() { return (Patch<T>) ABSENT; }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> ofNull() { return (Patch<T>) NULL; }

    public static <T> Patch<T> of(T value) { return value == null ? ofNull() : new Patch<>(State.VALUE, value, null); }

    public static <T> Patch<T> invalid(String error) { return new Patch<>(State.INVALID, null, error); }

    /** Sent, as null or a value (or a bad value: see {@link #isInvalid()}). */
    public boolean isPresent() { return state != State.ABSENT; }

    public boolean isNull() { return state == State.NULL; }

    public boolean isInvalid() { return state == State.INVALID; }

    /** The value; null when absent, null or invalid. */
    public T value() { return value; }

    /** Why the sent value does not have the property's type; null otherwise. */
    public String error() { return error; }

    @Override
    public String toString() {
        return switch (state) {
            case ABSENT -> "absent";
            case NULL -> "null";
            case VALUE -> String.valueOf(value);
            case INVALID -> "invalid: " + error;
        };
    }

    /**
     * Reads {@code node} (not JSON null) as a {@code type}, strictly; an {@link IllegalArgumentException} says why it
     * is not one. Shared with bodies whose keys are dynamic (bulk edit changes) so both refuse the same values alike.
     */
    public static Object read(JsonNode node, Class<?> type) {
        if (type == String.class) {
            if (!node.isTextual()) throw new InvalidValueException(ErrorCode.TYPE_STRING, "Must be a string");
            return node.asText();
        }
        if (type == Boolean.class) {
            if (!node.isBoolean()) throw new InvalidValueException(ErrorCode.TYPE_BOOLEAN, "Must be true or false");
            return node.booleanValue();
        }
        if (type == Long.class) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) throw new InvalidValueException(ErrorCode.TYPE_INTEGER, "Must be a whole number");
            return node.longValue();
        }
        if (type == UUID.class) {
            try {
                if (node.isTextual()) return UUID.fromString(node.asText());
            } catch (IllegalArgumentException e) {
                // fall through to the one message
            }
            throw new InvalidValueException(ErrorCode.TYPE_ID, "Must be an id");
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (node.isTextual() && ((Enum<?>) constant).name().equals(node.asText())) return constant;
            }
            throw new InvalidValueException(ErrorCode.TYPE_ENUM, "Must be " + oneOf(type), "allowed", names(type));
        }
        throw new IllegalStateException("No strict reading of " + type.getName());
    }

    /** The names of an enum's constants. */
    public static List<String> names(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    /** {@code A, B or C} for an enum's constants. */
    public static String oneOf(Class<?> enumType) {
        List<String> names = names(enumType);
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** Absent → {@link #absent()}, null → {@link #ofNull()}, else the strict reading of the property's type. */
    static final class Deserializer extends JsonDeserializer<Patch<?>> implements ContextualDeserializer {
        private final JavaType valueType;

        Deserializer() {
            this(null);
        }

        private Deserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType patchType = property != null ? property.getType() : ctxt.getContextualType();
            return new Deserializer(patchType.containedTypeOrUnknown(0));
        }

        @Override
        public Patch<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (node.isNull()) return ofNull();
            Class<?> raw = valueType.getRawClass();
            if (Map.class.isAssignableFrom(raw) || !isScalar(raw)) {
                if (!node.isObject()) return invalid("Must be an object");
                if (Map.class.isAssignableFrom(raw) && valueType.getContentType().getRawClass() == JsonNode.class) {
                    Map<String, JsonNode> map = new LinkedHashMap<>();
                    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
                    return of(map);
                }
                return of(ctxt.readTreeAsValue(node, valueType));
            }
            try {
                return of(read(node, raw));
            } catch (IllegalArgumentException e) {
                return invalid(e.getMessage());
            }
        }

        private static boolean isScalar(Class<?> raw) {
            return raw == String.class || raw == Boolean.class || raw == Long.class || raw == UUID.class || raw.isEnum();
        }

        @Override
        public Patch<?> getNullValue(DeserializationContext ctxt) {
            return ofNull();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return absent();
        }
    }
}
