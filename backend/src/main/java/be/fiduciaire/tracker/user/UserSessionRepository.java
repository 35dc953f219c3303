package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserSessionRepository implements PanacheRepositoryBase<UserSession, String> {
    public void deleteExpired() {
        delete("expiresAt < ?1", OffsetDateTime.now());
    }

    /** Signs the user out everywhere (deactivated, or the password changed). */
    public void deleteOfUser(UUID userId) {
        delete("userId", userId);
    }
}
