package be.fiduciaire.tracker.common;

import java.util.List;

/**
 * The one exception services throw for a client error: it becomes an RFC 9457 problem+json
 * answer naming the offending fields. Never carries internals.
 */
public class ProblemException extends RuntimeException {

    public record FieldError(String field, String message) {}

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

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "Bad request", message, List.of(new FieldError(field, message)));
    }

    public static ProblemException validation(String field, String message) {
        return new ProblemException(422, "Validation failed", message, List.of(new FieldError(field, message)));
    }

    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " invalid fields";
        return new ProblemException(422, "Validation failed", detail, errors);
    }

    /** The resource named by the path's {@code id} does not exist (or is not visible to the caller). */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " not found", List.of(new FieldError("id", what + " not found")));
    }

    public static ProblemException conflict(String field, String message) {
        return new ProblemException(409, "Conflict", message, List.of(new FieldError(field, message)));
    }

    public static ProblemException preconditionFailed(String message) {
        return new ProblemException(412, "Precondition failed", message, List.of(new FieldError("version", message)));
    }

    public static ProblemException forbidden(String message) {
        return new ProblemException(403, "Forbidden", message, List.of());
    }
}
