package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An integrator's or script's API token; only the SHA-256 hash of its secret is stored. */
@Entity
@Table(name = "api_token")
public class ApiToken {
    @Id
    @GeneratedValue
    public UUID id;
    @Column(name = "user_id")
    public UUID userId;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] scopes;
    @Column(name = "token_hash")
    public String tokenHash;
    /** The first characters of the secret, so that people can tell their tokens apart. */
    @Column(name = "token_prefix")
    public String tokenPrefix;
    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    /** Written by the sign-in check itself ({@link CredentialLookup}), at most once a minute. */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    public OffsetDateTime lastUsedAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
