package be.fiduciaire.tracker.user;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The user behind a session cookie or an API token, checked on every request: one statement on an indexed hash
 * each, through {@link Db}. Plain SQL rather than entities here, because this is the hottest path of the API and
 * the answer is a handful of columns of two tables, not an aggregate to change.
 */
@ApplicationScoped
public class CredentialLookup {
    /** Who is calling; {@code scopes} only for API tokens. */
    public record Caller(UUID id, String email, String name, Role role, String language, boolean peppolDigest, List<String> scopes) {}

    @Inject
    Db db;

    @Transactional
    public Optional<Caller> session(String secret) {
        return db.one("""
                select u.id, u.email, u.name, u.role, u.language, u.peppol_digest, null::text[] as scopes
                  from user_session s join app_user u on u.id = s.user_id
                 where s.token_hash = ? and s.expires_at > now() and u.active""",
                CredentialLookup::caller, Secrets.hash(secret));
    }

    /** Also records when the token was last used, at most once a minute, in the same statement. */
    @Transactional
    public Optional<Caller> token(String secret) {
        return db.one("""
                with t as (
                    select t.id as token_id, t.scopes, u.id, u.email, u.name, u.role, u.language, u.peppol_digest
                      from api_token t join app_user u on u.id = t.user_id
                     where t.token_hash = ? and t.revoked_at is null and u.active),
                touched as (
                    update api_token set last_used_at = now()
                     where id = (select token_id from t)
                       and (last_used_at is null or last_used_at < now() - interval '1 minute'))
                select id, email, name, role, language, peppol_digest, scopes from t""",
                CredentialLookup::caller, Secrets.hash(secret));
    }

    private static Caller caller(Row r) throws SQLException {
        String[] scopes = r.textArray("scopes");
        return new Caller(r.uuid("id"), r.string("email"), r.string("name"), r.enumValue("role", Role.class), r.string("language"), r.bool("peppol_digest"),
                scopes == null ? null : Arrays.asList(scopes));
    }
}
