package be.fiduciaire.tracker.user;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import be.fiduciaire.tracker.common.Problem;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * CSRF defence for the SPA's session cookie. A change (POST, PUT, PATCH, DELETE) made with the cookie, and a sign-in,
 * must come from a page of this origin: the browser's {@code Origin} equals the request's own scheme, host and port
 * (as the client saw them: behind a proxy trusted by quarkus.http.proxy.*, the forwarded ones), or, without Origin,
 * {@code Sec-Fetch-Site} is {@code same-origin} / {@code none}. Its body is JSON ({@code application/json}, any
 * {@code +json}), or multipart where the endpoint takes an upload: HTML forms cannot send JSON. Otherwise 403
 * problem+json naming the header, before anything is read or written. Calls with a bearer token carry no ambient
 * credential and are left alone (the token wins over a cookie, as in {@link SessionOrTokenAuthMechanism}).
 * <p>
 * The sign-in has no cookie yet; it is refused only when the browser says it comes from elsewhere (login CSRF), so
 * scripts without Origin can still sign in.
 */
@ApplicationScoped
public class SameOriginGuard {
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String LOGIN_PATH = "/api/auth/login";

    /** Origins accepted besides the request's own (e.g. the public URL, when a proxy does not pass Host on). */
    @ConfigProperty(name = "app.allowed-origins")
    Optional<List<String>> allowedOrigins;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> check(ContainerRequestContext context, ResourceInfo resource, HttpServerRequest http) {
        if (!UNSAFE.contains(context.getMethod().toUpperCase(Locale.ROOT))) return Optional.empty();
        String authorization = context.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        boolean withCookie = context.getCookies().containsKey(SessionOrTokenAuthMechanism.SESSION_COOKIE);
        boolean signIn = LOGIN_PATH.equals(http.path());
        if (!withCookie && !signIn) return Optional.empty();

        String origin = context.getHeaderString("Origin");
        String fetchSite = context.getHeaderString("Sec-Fetch-Site");
        if (origin != null && !sameOrigin(origin, http)) {
            return refuse("Origin", ErrorCode.CROSS_SITE, "A change from another site (Origin " + bounded(origin) + ") is refused");
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return refuse("Sec-Fetch-Site", ErrorCode.CROSS_SITE, "A change from another site (Sec-Fetch-Site " + bounded(fetchSite) + ") is refused");
        }
        if (withCookie && origin == null && fetchSite == null) {
            return refuse("Origin", ErrorCode.CROSS_SITE, "A change made with the session cookie must say where it comes from (Origin)");
        }
        if (withCookie && hasBody(context) && !acceptedBody(context.getMediaType(), resource)) {
            return refuse("Content-Type", ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A change made with the session cookie must send JSON (Content-Type: application/json)");
        }
        return Optional.empty();
    }

    /** Scheme, host and port of the Origin equal the request's, default ports made explicit. */
    boolean sameOrigin(String origin, HttpServerRequest http) {
        if (allowedOrigins.isPresent()) {
            for (String allowed : allowedOrigins.get()) {
                if (normalise(allowed) != null && normalise(allowed).equals(normalise(origin))) return true;
            }
        }
        String own = normalise(http.scheme() + "://" + http.host());
        return own != null && own.equals(normalise(origin));
    }

    /** {@code scheme://host:port} in lower case, or null when it is no origin ("null", garbage). */
    static String normalise(String origin) {
        if (origin == null) return null;
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) return null;
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            if (port < 0) return null;
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static boolean hasBody(ContainerRequestContext context) {
        return context.getLength() > 0 || context.getHeaderString("Transfer-Encoding") != null;
    }

    private static boolean acceptedBody(MediaType type, ResourceInfo resource) {
        if (type == null) return false;
        if (type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"))) {
            return true;
        }
        return type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) && consumesMultipart(resource);
    }

    private static boolean consumesMultipart(ResourceInfo resource) {
        Consumes consumes = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) return false;
        for (String value : consumes.value()) {
            if (MediaType.valueOf(value).isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) return true;
        }
        return false;
    }

    private static String bounded(String header) {
        String printable = header.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }

    private static Optional<Response> refuse(String header, ErrorCode code, String message) {
        return Optional.of(ProblemMappers.response(Problem.of(403, "Forbidden", message,
                List.of(ProblemException.FieldError.of(header, code, message)))));
    }
}
