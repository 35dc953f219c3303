package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed-in SPA session, known by the SHA-256 hash of its cookie value. */
@Entity
@Table(name = "user_session")
public class UserSession {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "user_id")
    public UUID userId;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
