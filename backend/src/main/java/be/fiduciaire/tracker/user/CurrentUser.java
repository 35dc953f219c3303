package be.fiduciaire.tracker.user;

import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Who is calling: the signed-in user, or the owner of the API token used. */
@RequestScoped
public class CurrentUser {
    public static final String ATTR_USER_ID = "userId";
    public static final String ATTR_NAME = "name";
    public static final String ATTR_LANGUAGE = "language";
    public static final String ATTR_ROLE = "role";
    public static final String ATTR_PEPPOL_DIGEST = "peppolDigest";
    public static final String ATTR_API_TOKEN = "apiToken";

    @Inject
    SecurityIdentity identity;

    public UUID id() {
        Object id = identity.getAttribute(ATTR_USER_ID);
        return id == null ? null : (UUID) id;
    }

    public String email() { return identity.isAnonymous() ? null : identity.getPrincipal().getName(); }

    public String name() { return identity.getAttribute(ATTR_NAME); }

    /** The user's SPA language (fr, nl, en); French when unknown. */
    public String language() {
        String language = identity.getAttribute(ATTR_LANGUAGE);
        return language == null ? "fr" : language;
    }

    public Role role() { return identity.getAttribute(ATTR_ROLE); }

    /** Opted in to the morning digest of Peppol changes. */
    public boolean peppolDigest() { return Boolean.TRUE.equals(identity.getAttribute(ATTR_PEPPOL_DIGEST)); }

    public boolean can(String permission) { return identity.hasRole(permission); }

    /** Called with an API token (its scopes decide), not a signed-in session. */
    public boolean viaApiToken() { return Boolean.TRUE.equals(identity.getAttribute(ATTR_API_TOKEN)); }
}
