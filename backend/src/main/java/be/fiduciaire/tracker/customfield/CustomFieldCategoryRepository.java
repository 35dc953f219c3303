package be.fiduciaire.tracker.customfield;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class CustomFieldCategoryRepository implements PanacheRepositoryBase<CustomFieldCategory, UUID> {
    public boolean keyExists(String key) {
        return count("key", key) > 0;
    }

    /** The category, locked until the transaction ends (changes to a definition are serialised). */
    public Optional<CustomFieldCategory> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
