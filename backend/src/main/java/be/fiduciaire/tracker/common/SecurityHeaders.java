package be.fiduciaire.tracker.common;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every answer: the SPA (Quinoa), the API and /q. A route filter of the main router rather than a
 * JAX-RS filter, so that static files, deep links answered with index.html and errors written outside JAX-RS get them too.
 * <ul>
 * <li>{@code Content-Security-Policy}: the SPA's own scripts only, no inline script ({@code app.security.csp.spa});
 * API answers may load nothing ({@code default-src 'none'}); Swagger UI's page is built by inline scripts, so its policy
 * allows them (and it is only served to signed-in users, see application.properties). All forbid framing.</li>
 * <li>{@code X-Frame-Options: DENY} (browsers without frame-ancestors), {@code X-Content-Type-Options: nosniff}.</li>
 * <li>{@code Referrer-Policy: same-origin}: no URL (filters hold client names) leaves for another site. Not
 * {@code no-referrer}: under it browsers send {@code Origin: null} on the SPA's own POSTs, which the CSRF check refuses.</li>
 * <li>{@code Cache-Control: no-store} on API answers (every one is about the firm's clients or the caller) unless the
 * endpoint chose its own.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    @ConfigProperty(name = "app.security.csp.spa")
    String spaPolicy;
    @ConfigProperty(name = "app.security.csp.api")
    String apiPolicy;
    @ConfigProperty(name = "app.security.csp.swagger-ui")
    String swaggerUiPolicy;

    void register(@Observes Filters filters) {
        filters.register(this::onRequest, 10_000);
    }

    private void onRequest(RoutingContext rc) {
        String path = rc.normalizedPath();
        rc.addHeadersEndHandler(ignored -> apply(path, rc.response().headers()));
        rc.next();
    }

    void apply(String path, MultiMap headers) {
        boolean api = path.equals("/api") || path.startsWith("/api/");
        String policy = api ? apiPolicy : path.startsWith("/q/swagger-ui") ? swaggerUiPolicy : spaPolicy;
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        if (api && !headers.contains("Cache-Control")) headers.set("Cache-Control", "no-store");
    }
}
