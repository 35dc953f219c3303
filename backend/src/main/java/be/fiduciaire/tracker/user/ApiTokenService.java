package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import be.fiduciaire.tracker.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** API tokens for integrators and scripts: the secret is shown once and stored as a hash. */
@ApplicationScoped
public class ApiTokenService {

    @Inject
    EntityManager em;

    @Transactional
    public UserDtos.CreatedToken create(UserDtos.CreateToken request, UUID ownerId) {
        List<String> scopes = request.scopes().stream().map(String::trim).distinct().toList();
        for (int i = 0; i < scopes.size(); i++) {
            if (!Permissions.SCOPES.contains(scopes.get(i))) {
                throw ProblemException.validation("scopes[" + i + "]", "Unknown scope '" + scopes.get(i) + "'; use read, write or admin");
            }
        }
        String secret = Secrets.newSecret("ppt_");
        Object[] row = (Object[]) em.createNativeQuery("""
                        insert into api_token (user_id, name, scopes, token_hash, token_prefix)
                        values (?1, ?2, cast(?3 as text[]), ?4, ?5) returning id, created_at""")
                .setParameter(1, ownerId)
                .setParameter(2, request.name().trim())
                .setParameter(3, "{" + String.join(",", scopes) + "}")
                .setParameter(4, Secrets.hash(secret))
                .setParameter(5, secret.substring(0, 8))
                .getSingleResult();
        return new UserDtos.CreatedToken((UUID) row[0], request.name().trim(), scopes, secret, toOffset(row[1]));
    }

    @SuppressWarnings("unchecked")
    public List<UserDtos.TokenView> list() {
        List<Object[]> rows = em.createNativeQuery("""
                select id, name, array_to_string(scopes, ','), token_prefix, user_id, created_at, last_used_at, revoked_at
                  from api_token order by created_at desc""").getResultList();
        return rows.stream().map(r -> new UserDtos.TokenView((UUID) r[0], (String) r[1],
                Arrays.asList(((String) r[2]).split(",")), (String) r[3], (UUID) r[4],
                toOffset(r[5]), toOffset(r[6]), toOffset(r[7]))).toList();
    }

    @Transactional
    public void revoke(UUID id) {
        int updated = em.createNativeQuery("update api_token set revoked_at = coalesce(revoked_at, now()) where id = ?1")
                .setParameter(1, id).executeUpdate();
        if (updated == 0) throw ProblemException.notFound("API token");
    }

    static OffsetDateTime toOffset(Object value) {
        if (value == null) return null;
        if (value instanceof OffsetDateTime o) return o;
        if (value instanceof java.time.Instant i) return i.atOffset(java.time.ZoneOffset.UTC);
        if (value instanceof java.sql.Timestamp t) return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

}
