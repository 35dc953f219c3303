package be.fiduciaire.tracker.common;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The HTTP layer's refusals as problem+json like every other 4xx: a request line longer than
 * {@link #MAX_REQUEST_LINE} (414) and a body announced larger than {@code quarkus.http.limits.max-body-size} (413),
 * answered before the server's own handlers would answer them with an empty body. Netty's line limit
 * ({@code quarkus.http.limits.max-initial-line-length}) is set above ours so that such requests reach this check.
 */
@ApplicationScoped
public class HttpLimits {
    public static final int MAX_REQUEST_LINE = 4096;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;
    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri != null && uri.length() > MAX_REQUEST_LINE) {
            String message = "The URL is longer than " + MAX_REQUEST_LINE + " characters";
            refuse(context, new ProblemException(414, "URI too long", message, List.of(ProblemException.FieldError.of("url", ErrorCode.URI_TOO_LONG, message, "max", MAX_REQUEST_LINE))));
            return;
        }
        String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            String message = "The body is larger than " + maxBodySize.asLongValue() + " bytes";
            refuse(context, new ProblemException(413, "Content too large", message, List.of(ProblemException.FieldError.of("body", ErrorCode.BODY_TOO_LARGE, message, "max", maxBodySize.asLongValue()))));
            return;
        }
        context.next();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false; // the server refuses a malformed length itself
        }
    }

    private void refuse(RoutingContext context, ProblemException problem) {
        String body;
        try {
            body = json.writeValueAsString(ProblemMappers.of(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the body is not read: the connection cannot be reused, it is closed once the answer is out
        context.response().endHandler(done -> context.request().connection().close());
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(body);
    }
}
