package be.fiduciaire.tracker.user;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.Problem;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads the SPA's session cookie or an integrator's {@code Authorization: Bearer} API token. */
@ApplicationScoped
public class SessionOrTokenAuthMechanism implements HttpAuthenticationMechanism {
    public static final String SESSION_COOKIE = "peppol_session";
    static final String SESSION = "session";
    static final String API_TOKEN = "api-token";

    @Inject
    ObjectMapper json;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, API_TOKEN)));
        }
        Cookie cookie = context.request().getCookie(SESSION_COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(cookie.getValue(), SESSION)));
        }
        return Uni.createFrom().optional(Optional.empty());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(), null, null));
    }

    /**
     * The 401 of a path guarded by an HTTP permission (Swagger UI and the OpenAPI document, application.properties):
     * problem+json like the API's own 401s, which JAX-RS answers through ProblemMappers.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String body;
        try {
            body = json.writeValueAsString(Problem.of(401, "Unauthorized", "Authentication required",
                    List.of(ProblemException.FieldError.of("authentication", ErrorCode.AUTH_REQUIRED, "Sign in or send a valid API token"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(HttpResponseStatus.UNAUTHORIZED.code())
                .putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
