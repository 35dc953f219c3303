package be.fiduciaire.tracker.customfield;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class CustomFieldRepository implements PanacheRepositoryBase<CustomField, UUID> {
    public boolean keyExists(String key) {
        return count("key", key) > 0;
    }

    /** The field, locked until the transaction ends (changes to a definition are serialised). */
    public Optional<CustomField> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<CustomField> ofCategory(UUID categoryId) {
        return list("categoryId", categoryId);
    }

    /** Fields that offer the options of {@code ownerId} (not the owner itself). */
    public List<CustomField> sharingOptionsOf(UUID ownerId) {
        return list("optionSourceFieldId", ownerId);
    }

    /** The keys of the owner of a list and of every field offering it: where clients hold that list's options. */
    public List<String> keysOfList(UUID ownerId) {
        return getEntityManager()
                .createQuery("select f.key from CustomField f where f.id = :owner or f.optionSourceFieldId = :owner", String.class)
                .setParameter("owner", ownerId).getResultList();
    }
}
