package be.fiduciaire.tracker.common;

import java.lang.annotation.Annotation;
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
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response json(JsonProcessingException e) {
        String field = "body";
        String message = "Malformed JSON";
        ProblemException.FieldError error = null;
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = pathOf(jme);
            if (e instanceof UnrecognizedPropertyException) {
                message = "Unknown property";
                error = ProblemException.FieldError.of(field, ErrorCode.UNKNOWN_PROPERTY, message);
            } else if (e instanceof InvalidFormatException ife) {
                message = "Invalid value for type " + ife.getTargetType().getSimpleName();
                error = ProblemException.FieldError.of(field, ErrorCode.TYPE_INVALID, message, "type", ife.getTargetType().getSimpleName());
            } else {
                message = "Invalid value";
                error = ProblemException.FieldError.of(field, ErrorCode.TYPE_INVALID, message);
            }
        }
        if (error == null) error = ProblemException.FieldError.of(field, ErrorCode.JSON_MALFORMED, message);
        return response(Problem.of(400, "Bad request", message + ": " + field, List.of(error)));
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

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return response(Problem.of(401, "Unauthorized", "Authentication required", List.of(ProblemException.FieldError.of("authentication", ErrorCode.AUTH_REQUIRED, "Sign in or send a valid API token"))));
    }

    @ServerExceptionMapper
    public Response authFailed(AuthenticationFailedException e) {
        return response(Problem.of(401, "Unauthorized", "Authentication required", List.of(ProblemException.FieldError.of("authentication", ErrorCode.AUTH_REQUIRED, "Sign in or send a valid API token"))));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(Problem.of(403, "Forbidden", "Your role or token scope does not allow this", List.of(ProblemException.FieldError.of("role", ErrorCode.FORBIDDEN, "Not allowed for your role or token scope"))));
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
