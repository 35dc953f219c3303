package be.fiduciaire.tracker.user;

import java.util.Set;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a session cookie or an API token into an identity, looking its hash up in the database. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    CredentialLookup credentials;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String secret = request.getToken().getToken();
            if (SessionOrTokenAuthMechanism.API_TOKEN.equals(request.getToken().getType())) {
                CredentialLookup.Caller caller = credentials.token(secret)
                        .orElseThrow(() -> new AuthenticationFailedException("Unknown or revoked API token"));
                return identity(caller, Permissions.ofScopes(caller.scopes(), caller.role()), true);
            }
            CredentialLookup.Caller caller = credentials.session(secret)
                    .orElseThrow(() -> new AuthenticationFailedException("Unknown or expired session"));
            return identity(caller, caller.role().permissions(), false);
        });
    }

    private static SecurityIdentity identity(CredentialLookup.Caller caller, Set<String> permissions, boolean apiToken) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.email()))
                .addRoles(permissions)
                .addAttribute(CurrentUser.ATTR_USER_ID, caller.id())
                .addAttribute(CurrentUser.ATTR_NAME, caller.name())
                .addAttribute(CurrentUser.ATTR_LANGUAGE, caller.language())
                .addAttribute(CurrentUser.ATTR_PEPPOL_DIGEST, caller.peppolDigest())
                .addAttribute(CurrentUser.ATTR_ROLE, caller.role())
                .addAttribute(CurrentUser.ATTR_API_TOKEN, apiToken)
                .build();
    }
}
