package be.fiduciaire.tracker.common;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return response(Problem.of(e.status(), e.title(), e.getMessage(), e.errors()));
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
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response json(JsonProcessingException e) {
        String field = "body";
        String message = "Malformed JSON";
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = pathOf(jme);
            if (e instanceof UnrecognizedPropertyException) {
                message = "Unknown property";
            } else if (e instanceof InvalidFormatException ife) {
                message = "Invalid value for type " + ife.getTargetType().getSimpleName();
            } else {
                message = "Invalid value";
            }
        }
        return response(Problem.of(400, "Bad request", message + ": " + field, List.of(new ProblemException.FieldError(field, message))));
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
