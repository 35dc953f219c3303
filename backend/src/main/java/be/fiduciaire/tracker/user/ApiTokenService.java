package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** API tokens for integrators and scripts: the secret is shown once and stored as a hash. */
@ApplicationScoped
public class ApiTokenService {

    @Inject
    ApiTokenRepository tokens;

    @Transactional
    public UserDtos.CreatedToken create(UserDtos.CreateToken request, UUID ownerId) {
        List<String> scopes = request.scopes().stream().map(String::trim).distinct().toList();
        for (int i = 0; i < scopes.size(); i++) {
            if (!Permissions.SCOPES.contains(scopes.get(i))) {
                throw ProblemException.validation("scopes[" + i + "]", ErrorCode.SCOPE_UNKNOWN, "Unknown scope '" + scopes.get(i) + "'; use read, write or admin",
                        "scope", scopes.get(i));
            }
        }
        String secret = Secrets.newSecret("ppt_");
        ApiToken token = new ApiToken();
        token.userId = ownerId;
        token.name = request.name().trim();
        token.scopes = scopes.toArray(String[]::new);
        token.tokenHash = Secrets.hash(secret);
        token.tokenPrefix = secret.substring(0, 8);
        tokens.persistAndFlush(token);
        return new UserDtos.CreatedToken(token.id, token.name, scopes, secret, token.createdAt);
    }

    @Transactional
    public List<UserDtos.TokenView> list() {
        return tokens.listAll(Sort.descending("createdAt")).stream().map(t -> new UserDtos.TokenView(t.id, t.name,
                Arrays.asList(t.scopes), t.tokenPrefix, t.userId, t.createdAt, t.lastUsedAt, t.revokedAt)).toList();
    }

    @Transactional
    public void revoke(UUID id) {
        ApiToken token = tokens.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("API token"));
        if (token.revokedAt == null) token.revokedAt = OffsetDateTime.now();
    }
}
