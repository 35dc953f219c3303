package be.fiduciaire.tracker.user;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<AppUser, UUID> {
    /** The user, its row locked until the transaction ends: concurrent changes of one user take turns. */
    public Optional<AppUser> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether an active admin other than this user exists (the last-admin rule). */
    public boolean anotherActiveAdmin(UUID id) {
        return count("role = ?1 and active = true and id <> ?2", Role.ADMIN, id) > 0;
    }

    public Optional<AppUser> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }
}
