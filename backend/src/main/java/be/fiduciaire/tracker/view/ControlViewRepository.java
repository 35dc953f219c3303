package be.fiduciaire.tracker.view;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class ControlViewRepository implements PanacheRepositoryBase<ControlView, UUID> {
    /** Shared views and the user's own, the standard ones first. */
    public List<ControlView> visibleTo(UUID userId) {
        return list("shared = true or ownerId = ?1 order by case when standardKey is null then 1 else 0 end, lower(name), id", userId);
    }

    public Optional<ControlView> visibleTo(UUID id, UUID userId) {
        return find("id = ?1 and (shared = true or ownerId = ?2)", id, userId).firstResultOptional();
    }

    /** Locked until the transaction ends, so that the version check and the change are one step. */
    public Optional<ControlView> lockVisibleTo(UUID id, UUID userId) {
        return find("id = ?1 and (shared = true or ownerId = ?2)", id, userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
