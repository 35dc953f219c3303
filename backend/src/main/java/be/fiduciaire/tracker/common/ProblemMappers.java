package be.fiduciaire.tracker.common;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become problem+json. No class names or stack traces leak out. */
public class ProblemMappers {

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The problem+json document of {@code e}, also for answers given outside JAX-RS ({@link HttpLimits}). */
    public static Problem of(ProblemException e) {
        return Problem.of(e.status(), e.title(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return response(of(e));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response resourceViolation(io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException e) {
        return constraintViolation(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response constraintViolation(ConstraintViolationException e) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            // drop "method.arg" prefixes that bean validation adds on resource parameters
            String[] parts = path.split("\\.");
            String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
            errors.add(fieldError(field, v));
        });
        return response(Problem.of(422, "Validation failed", errors.size() + " invalid field(s)", errors));
    }

    /**
     * The code of a Bean Validation violation: a constraint's own (a {@link ProblemException.FieldError} given as the
     * dynamic payload, see {@code customfield.ValidLabels}), else one per standard constraint, its bounds as params.
     */
    static ProblemException.FieldError fieldError(String field, ConstraintViolation<?> v) {
        String message = v.getMessage();
        ProblemException.FieldError own = null;
        try {
            HibernateConstraintViolation<?> hv = v.unwrap(HibernateConstraintViolation.class);
            own = hv.getDynamicPayload(ProblemException.FieldError.class);
        } catch (RuntimeException notHibernate) {
            // another provider: no dynamic payload
        }
        if (own != null) return own.on(field);
        Annotation constraint = v.getConstraintDescriptor().getAnnotation();
        var payload = v.getConstraintDescriptor().getPayload();
        if (payload.contains(Codes.KeyFormat.class)) return ProblemException.FieldError.of(field, ErrorCode.KEY_FORMAT, message);
        if (payload.contains(Codes.Required.class)) return ProblemException.FieldError.of(field, ErrorCode.REQUIRED, message);
        if (payload.contains(Codes.Language.class) && constraint instanceof Pattern pattern) {
            return ProblemException.FieldError.of(field, ErrorCode.LANGUAGE_UNSUPPORTED, message, "allowed", List.of(pattern.regexp().split("\\|")));
        }
        if (constraint instanceof NotNull || constraint instanceof NotBlank || constraint instanceof NotEmpty) {
            return ProblemException.FieldError.of(field, ErrorCode.REQUIRED, message);
        }
        if (constraint instanceof Email) return ProblemException.FieldError.of(field, ErrorCode.EMAIL_INVALID, message);
        if (constraint instanceof Size size) {
            boolean text = v.getInvalidValue() instanceof CharSequence;
            if (text && size.min() == 0) return ProblemException.FieldError.of(field, ErrorCode.TOO_LONG, message, "max", size.max());
            ErrorCode code = text ? ErrorCode.LENGTH : ErrorCode.COUNT;
            return size.max() == Integer.MAX_VALUE ? ProblemException.FieldError.of(field, code, message, "min", size.min())
                    : ProblemException.FieldError.of(field, code, message, "min", size.min(), "max", size.max());
        }
        if (constraint instanceof Min min) return ProblemException.FieldError.of(field, ErrorCode.RANGE, message, "min", min.value());
        if (constraint instanceof Max max) return ProblemException.FieldError.of(field, ErrorCode.RANGE, message, "max", max.value());
        if (constraint instanceof Pattern pattern) {
            return ProblemException.FieldError.of(field, ErrorCode.FORMAT, message, "pattern", pattern.regexp());
        }
        return ProblemException.FieldError.of(field, ErrorCode.TYPE_INVALID, message, "constraint", constraint.annotationType().getSimpleName());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response json(JsonProcessingException e) {
        String field = "body";
        ProblemException.FieldError error = ProblemException.FieldError.of(field, ErrorCode.JSON_MALFORMED, "Malformed JSON");
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = pathOf(jme);
            if (e instanceof UnrecognizedPropertyException) {
                error = ProblemException.FieldError.of(field, ErrorCode.UNKNOWN_PROPERTY, "Unknown property");
            } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
                error = expected(field, mie.getTargetType());
            } else {
                error = ProblemException.FieldError.of(field, ErrorCode.TYPE_INVALID, "Invalid value");
            }
        } else if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            error = ProblemException.FieldError.of(field, ErrorCode.JSON_MALFORMED, "Unexpected data after the JSON value");
        }
        // the causes that say more than the type: a refused character, a string over the length limit
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestJson.RefusedText || t instanceof RequestJson.RefusedTreeText) {
                error = ProblemException.FieldError.of(field, ErrorCode.TEXT_CONTROL_CHARACTERS, Text.CONTROL_CHARACTERS);
                break;
            }
            if (t instanceof StreamConstraintsException) {
                error = t.getMessage() != null && t.getMessage().contains("String value length")
                        ? ProblemException.FieldError.of(field, ErrorCode.TOO_LONG, "Too long: at most " + StrictJson.MAX_STRING_LENGTH + " characters", "max", StrictJson.MAX_STRING_LENGTH)
                        : ProblemException.FieldError.of(field, ErrorCode.JSON_MALFORMED, "Too large or too deeply nested");
                break;
            }
            if (t.getCause() == t) break;
        }
        return problem(new ProblemException(400, "Bad request", error.message(), List.of(error)));
    }

    /** What a property of {@code type} takes, in the words of {@link Patch}'s messages, with its code. */
    private static ProblemException.FieldError expected(String field, Class<?> type) {
        if (type == String.class) return ProblemException.FieldError.of(field, ErrorCode.TYPE_STRING, "Must be a string");
        if (type == Boolean.class || type == boolean.class) return ProblemException.FieldError.of(field, ErrorCode.TYPE_BOOLEAN, "Must be true or false");
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return ProblemException.FieldError.of(field, ErrorCode.TYPE_INTEGER, "Must be a whole number");
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return ProblemException.FieldError.of(field, ErrorCode.TYPE_NUMBER, "Must be a number");
        }
        if (type.isEnum()) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return ProblemException.FieldError.of(field, ErrorCode.TYPE_ENUM, "Must be " + Patch.oneOf(type), "allowed", allowed);
        }
        if (type == java.util.UUID.class) return ProblemException.FieldError.of(field, ErrorCode.TYPE_ID, "Must be an id");
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return ProblemException.FieldError.of(field, ErrorCode.TYPE_ARRAY, "Must be a list");
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return ProblemException.FieldError.of(field, ErrorCode.TYPE_INVALID, "Must be a date-time (ISO 8601)", "type", type.getSimpleName());
        }
        return ProblemException.FieldError.of(field, ErrorCode.TYPE_OBJECT, "Must be an object");
    }

    /**
     * A concurrent change that got past a service's version check (both read the same version, the other committed
     * first): the same stale-version answer as the check gives, 412 for If-Match, else 409.
     */
    @ServerExceptionMapper
    public Response staleVersion(jakarta.persistence.OptimisticLockException e, jakarta.ws.rs.core.HttpHeaders headers) {
        String message = "Changed by someone else meanwhile; reload and try again";
        int status = headers.getHeaderString("If-Match") != null ? 412 : 409;
        return problem(new ProblemException(status, status == 412 ? "Precondition failed" : "Conflict", message,
                List.of(ProblemException.FieldError.of("version", ErrorCode.VERSION_STALE, message))));
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    /** Not signed in (also answered outside JAX-RS, e.g. on /q/metrics). */
    public static Problem unauthorizedProblem() {
        return Problem.of(401, "Unauthorized", "Authentication required", List.of(ProblemException.FieldError.of("authentication", ErrorCode.AUTH_REQUIRED, "Sign in or send a valid API token")));
    }

    /** Signed in without the permission (also answered outside JAX-RS, e.g. on /q/metrics). */
    public static Problem forbiddenProblem() {
        return Problem.of(403, "Forbidden", "Your role or token scope does not allow this", List.of(ProblemException.FieldError.of("role", ErrorCode.FORBIDDEN, "Not allowed for your role or token scope")));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return response(unauthorizedProblem());
    }

    @ServerExceptionMapper
    public Response authFailed(AuthenticationFailedException e) {
        return response(unauthorizedProblem());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(forbiddenProblem());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // a parameter converter's refusal (WholeNumberParams), wrapped by JAX-RS into a 404 or 400
        if (e.getCause() instanceof ProblemException problem) return problem(problem);
        if (e.getCause() instanceof JsonProcessingException json) return json(json);
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Server error", e);
            return response(Problem.of(status, "Server error", "The server could not complete the request", List.of()));
        }
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "Resource not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 415 -> "Unsupported media type";
            default -> title;
        };
        String field = status == 415 ? "Content-Type" : status == 400 ? "body" : "request";
        if (status == 404) field = "path";
        ErrorCode code = switch (status) {
            // the body could not be read (RESTEasy Reactive answers malformed JSON this way before Jackson's mappers)
            case 400 -> ErrorCode.JSON_MALFORMED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.NOT_ALLOWED_METHOD;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ErrorCode.AUTH_REQUIRED;
            case 403 -> ErrorCode.FORBIDDEN;
            default -> ErrorCode.BAD_REQUEST;
        };
        List<ProblemException.FieldError> errors = status == 404
                ? List.of(ProblemException.FieldError.of(field, code, detail, "resource", "path"))
                : List.of(ProblemException.FieldError.of(field, code, detail));
        return response(Problem.of(status, title, detail, errors));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // A bug, not bad input: log it in full, answer without internals.
        Log.error("Unexpected error", e);
        return response(Problem.of(500, "Server error", "The server could not complete the request", List.of()));
    }
}
