package be.fiduciaire.tracker.user;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

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

    private static final String SESSION_SQL = """
            select u.id, u.email, u.name, u.role, u.language
              from user_session s join app_user u on u.id = s.user_id
             where s.token_hash = ? and s.expires_at > now() and u.active""";
    private static final String TOKEN_SQL = """
            select u.id, u.email, u.name, u.role, u.language, t.scopes, t.id
              from api_token t join app_user u on u.id = t.user_id
             where t.token_hash = ? and t.revoked_at is null and u.active""";
    // Recorded at most once a minute so that busy scripts do not turn every read into a write.
    private static final String TOUCH_TOKEN_SQL = """
            update api_token set last_used_at = now()
             where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')""";

    @Inject
    DataSource dataSource;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String secret = request.getToken().getToken();
            String type = request.getToken().getType();
            try (Connection connection = dataSource.getConnection()) {
                return SessionOrTokenAuthMechanism.API_TOKEN.equals(type)
                        ? fromToken(connection, secret)
                        : fromSession(connection, secret);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not check credentials", e);
            }
        });
    }

    private SecurityIdentity fromSession(Connection connection, String secret) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(SESSION_SQL)) {
            st.setString(1, Secrets.hash(secret));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) throw new AuthenticationFailedException("Unknown or expired session");
                Role role = Role.valueOf(rs.getString(4));
                return identity(rs, role, role.permissions());
            }
        }
    }

    private SecurityIdentity fromToken(Connection connection, String secret) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(TOKEN_SQL)) {
            st.setString(1, Secrets.hash(secret));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) throw new AuthenticationFailedException("Unknown or revoked API token");
                Role role = Role.valueOf(rs.getString(4));
                Array scopes = rs.getArray(6);
                Set<String> permissions = Permissions.ofScopes(Arrays.asList((String[]) scopes.getArray()), role);
                UUID tokenId = rs.getObject(7, UUID.class);
                SecurityIdentity identity = identity(rs, role, permissions);
                try (PreparedStatement touch = connection.prepareStatement(TOUCH_TOKEN_SQL)) {
                    touch.setObject(1, tokenId);
                    touch.executeUpdate();
                }
                return identity;
            }
        }
    }

    private static SecurityIdentity identity(ResultSet rs, Role role, Set<String> permissions) throws SQLException {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(rs.getString(2)))
                .addRoles(permissions)
                .addAttribute(CurrentUser.ATTR_USER_ID, rs.getObject(1, UUID.class))
                .addAttribute(CurrentUser.ATTR_NAME, rs.getString(3))
                .addAttribute(CurrentUser.ATTR_LANGUAGE, rs.getString(5))
                .addAttribute(CurrentUser.ATTR_ROLE, role)
                .build();
    }
}
