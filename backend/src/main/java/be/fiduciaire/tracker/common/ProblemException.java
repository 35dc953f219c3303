package be.fiduciaire.tracker.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one exception services throw for a client error: it becomes an RFC 9457 problem+json
 * answer naming the offending fields. Never carries internals.
 *
 * <p>Every field error has a stable {@link ErrorCode} (what the SPA translates), the English {@code message}
 * (for integrators) and the {@code params} the message names, e.g.
 * {@code ProblemException.validation("name", ErrorCode.TOO_LONG, "At most 200 characters", "max", 200)}.
 * Params are given as name, value pairs.
 */
public class ProblemException extends RuntimeException {

    @Schema(name = "FieldError", description = "One thing wrong with the request: the field (property, parameter or header) at fault, "
            + "a stable machine-readable code (listed in the enum, with what each means and its params), an English message, "
            + "and the values the message names")
    public record FieldError(@Schema(required = true, description = "The property, parameter or header at fault") String field,
                             @Schema(required = true, description = "Stable machine-readable code") String code,
                             @Schema(required = true, description = "English, for integrators; the SPA translates the code") String message,
                             @Schema(required = true, description = "The values the message names, by name (e.g. max, option, count)") Map<String, Object> params) {
        public FieldError {
            Objects.requireNonNull(code, "every field error has a code");
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** {@code params}: name, value pairs. */
        public static FieldError of(String field, ErrorCode code, String message, Object... params) {
            return new FieldError(field, code.code(), message, paramsOf(params));
        }

        /** A value rule's refusal on {@code field}: its code when it is an {@link InvalidValueException}. */
        public static FieldError of(String field, IllegalArgumentException e) {
            if (e instanceof InvalidValueException invalid) return new FieldError(field, invalid.code().code(), e.getMessage(), invalid.params());
            return of(field, ErrorCode.TYPE_INVALID, e.getMessage());
        }

        /** The same error on another field (e.g. prefixed with {@code changes.}). */
        public FieldError on(String otherField) {
            return new FieldError(otherField, code, message, params);
        }

        static Map<String, Object> paramsOf(Object... pairs) {
            if (pairs.length % 2 != 0) throw new IllegalArgumentException("params are name, value pairs");
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
            return map;
        }
    }

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() { return status; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }

    /** 400: a malformed parameter, header or body. */
    public static ProblemException badRequest(String field, ErrorCode code, String message, Object... params) {
        return new ProblemException(400, "Bad request", message, List.of(FieldError.of(field, code, message, params)));
    }

    /** 422: one invalid property. */
    public static ProblemException validation(String field, ErrorCode code, String message, Object... params) {
        return validation(List.of(FieldError.of(field, code, message, params)));
    }

    /** 422: every invalid property of a body at once. */
    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " invalid fields";
        return new ProblemException(422, "Validation failed", detail, errors);
    }

    /** The resource named by the path's {@code id} does not exist (or is not visible to the caller). */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " not found",
                List.of(FieldError.of("id", ErrorCode.NOT_FOUND, what + " not found", "resource", what)));
    }

    /** 409: in use, duplicate, a state that does not allow it, a stale version in the body. */
    public static ProblemException conflict(String field, ErrorCode code, String message, Object... params) {
        return new ProblemException(409, "Conflict", message, List.of(FieldError.of(field, code, message, params)));
    }

    /** 409 for a stale {@code version} in the body. */
    public static ProblemException staleVersion(String message, long current) {
        return conflict("version", ErrorCode.VERSION_STALE, message, "current", current);
    }

    /** 412 for a stale {@code If-Match}. */
    public static ProblemException preconditionFailed(String message, long current) {
        return new ProblemException(412, "Precondition failed", message,
                List.of(FieldError.of("version", ErrorCode.VERSION_STALE, message, "current", current)));
    }

    public static ProblemException forbidden(ErrorCode code, String message) {
        return new ProblemException(403, "Forbidden", message, List.of(FieldError.of("role", code, message)));
    }
}
