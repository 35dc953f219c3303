package be.fiduciaire.tracker.common;

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
import jakarta.validation.ConstraintViolationException;
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
            errors.add(new ProblemException.FieldError(field, v.getMessage()));
        });
        return response(Problem.of(422, "Validation failed", errors.size() + " invalid field(s)", errors));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response json(JsonProcessingException e) {
        String field = "body";
        String message = "Malformed JSON";
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = pathOf(jme);
            message = "Invalid value";
            if (e instanceof UnrecognizedPropertyException) {
                message = "Unknown property";
            } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
                message = "Must be " + expected(mie.getTargetType());
            }
        } else if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            message = "Unexpected data after the JSON value";
        }
        // the causes that say more than the type: a refused character, a string over the length limit
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestJson.RefusedText || t instanceof RequestJson.RefusedTreeText) {
                message = Text.CONTROL_CHARACTERS;
                break;
            }
            if (t instanceof StreamConstraintsException) {
                message = t.getMessage() != null && t.getMessage().contains("String value length")
                        ? "Too long: at most " + StrictJson.MAX_STRING_LENGTH + " characters" : "Too large or too deeply nested";
                break;
            }
            if (t.getCause() == t) break;
        }
        return problem(ProblemException.badRequest(field, message));
    }

    /** What a property of {@code type} takes, in the words of {@link Patch}'s messages. */
    private static String expected(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) return "a whole number";
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) return "a number";
        if (type.isEnum()) return Patch.oneOf(type);
        if (type == java.util.UUID.class) return "an id";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "a date-time (ISO 8601)";
        return "an object";
    }

    /**
     * A concurrent change that got past a service's version check (both read the same version, the other committed
     * first): the same stale-version answer as the check gives, 412 for If-Match, else 409.
     */
    @ServerExceptionMapper
    public Response staleVersion(jakarta.persistence.OptimisticLockException e, jakarta.ws.rs.core.HttpHeaders headers) {
        String message = "Changed by someone else meanwhile; reload and try again";
        ProblemException problem = headers.getHeaderString("If-Match") != null
                ? ProblemException.preconditionFailed(message) : ProblemException.conflict("version", message);
        return problem(problem);
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
        return Problem.of(401, "Unauthorized", "Authentication required", List.of(new ProblemException.FieldError("authentication", "Sign in or send a valid API token")));
    }

    /** Signed in without the permission (also answered outside JAX-RS, e.g. on /q/metrics). */
    public static Problem forbiddenProblem() {
        return Problem.of(403, "Forbidden", "Your role or token scope does not allow this", List.of(new ProblemException.FieldError("role", "Not allowed for your role or token scope")));
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
        List<ProblemException.FieldError> errors = List.of(new ProblemException.FieldError(field, detail));
        return response(Problem.of(status, title, detail, errors));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // A bug, not bad input: log it in full, answer without internals.
        Log.error("Unexpected error", e);
        return response(Problem.of(500, "Server error", "The server could not complete the request", List.of()));
    }
}
