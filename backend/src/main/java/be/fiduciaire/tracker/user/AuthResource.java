package be.fiduciaire.tracker.user;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import be.fiduciaire.tracker.common.Problem;
import be.fiduciaire.tracker.common.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;

@Path("/auth")
@Tag(name = "Authentication")
public class AuthResource {

    @Inject
    AuthService auth;
    @Inject
    UserService users;
    @Inject
    CurrentUser currentUser;
    @Inject
    SecurityIdentity identity;

    /** Secure on every session cookie, also over plain HTTP (when a proxy in front does TLS but does not say so) */
    @ConfigProperty(name = "app.session.secure-cookie")
    boolean secureCookie;

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in; sets the HttpOnly session cookie used by the SPA")
    public Response login(@Valid @NotNull UserDtos.LoginRequest request, @Context HttpServerRequest http) {
        AuthService.Session session = auth.login(request.email(), request.password(), clientAddress(http));
        NewCookie cookie = new NewCookie.Builder(SessionOrTokenAuthMechanism.SESSION_COOKIE)
                .value(session.secret()).path("/").httpOnly(true).secure(secure(http))
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) session.ttl().toSeconds()).build();
        AppUser u = session.user();
        return Response.ok(UserDtos.Me.of(u, List.copyOf(u.role.permissions())))
                .cookie(cookie).build();
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End the session")
    public Response logout(@CookieParam(SessionOrTokenAuthMechanism.SESSION_COOKIE) String session, @Context HttpServerRequest http) {
        auth.logout(session);
        NewCookie expired = new NewCookie.Builder(SessionOrTokenAuthMechanism.SESSION_COOKIE)
                .value("").path("/").httpOnly(true).secure(secure(http)).sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
        return Response.noContent().cookie(expired).build();
    }

    @PATCH
    @Path("/me")
    @Authenticated
    @Operation(summary = "Change your own name, language (used for exports, labels and the digest), morning digest opt-in or password; "
            + "signed in (any role), or with an API token of the write scope")
    public UserDtos.Me updateMe(@Valid @NotNull UserDtos.UpdateMe request) {
        // a session may always edit its own profile; a token only with the write scope (a read token only reads)
        if (currentUser.viaApiToken() && !currentUser.can(Permissions.WRITE)) throw new ForbiddenException();
        AppUser u = users.updateSelf(currentUser.id(), request);
        return UserDtos.Me.of(u, identity.getRoles().stream().sorted().toList());
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who am I")
    public UserDtos.Me me() {
        return new UserDtos.Me(currentUser.id(), currentUser.email(), currentUser.name(), currentUser.role(),
                currentUser.language(), currentUser.peppolDigest(), identity.getRoles().stream().sorted().toList());
    }

    /** 429 with Retry-After: the seconds this client must wait before its next sign-in attempt. */
    @ServerExceptionMapper
    public Response tooManyAttempts(AuthService.TooManyAttempts e) {
        return Response.fromResponse(ProblemMappers.response(Problem.of(e.status(), e.title(), e.getMessage(), e.errors())))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    /**
     * The request came over HTTPS: directly, or through a proxy saying so in X-Forwarded-Proto / Forwarded when
     * quarkus.http.proxy.* trusts it (the request's scheme is then the forwarded one).
     */
    private boolean secure(HttpServerRequest http) {
        return secureCookie || "https".equalsIgnoreCase(http.scheme());
    }

    /** The client's address: the peer, or the forwarded client when quarkus.http.proxy.* trusts the proxy in front. */
    private static String clientAddress(HttpServerRequest http) {
        var remote = http.remoteAddress();
        if (remote == null) return null;
        return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }
}
