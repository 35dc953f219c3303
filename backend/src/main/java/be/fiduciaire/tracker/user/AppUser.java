package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.hibernate.annotations.Generated;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "app_user")
public class AppUser {
    @Id
    @GeneratedValue
    public UUID id;
    public String email;
    public String name;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "password_hash")
    public String passwordHash;
    public String language;
    public boolean active = true;
    /** Receives the morning digest of the Peppol changes of their clients (opt-in). */
    @Column(name = "peppol_digest")
    public boolean peppolDigest;
    @Version
    public long version;
    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
