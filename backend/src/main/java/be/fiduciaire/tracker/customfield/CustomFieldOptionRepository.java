package be.fiduciaire.tracker.customfield;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class CustomFieldOptionRepository implements PanacheRepositoryBase<CustomFieldOption, UUID> {
    public Optional<CustomFieldOption> inList(UUID ownerId, String key) {
        return find("fieldId = ?1 and key = ?2", ownerId, key).firstResultOptional();
    }

    /** The option of that list, locked until the transaction ends. */
    public Optional<CustomFieldOption> lockInList(UUID ownerId, UUID optionId) {
        return find("id = ?1 and fieldId = ?2", optionId, ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Where a new option goes when no position is given: after the last one. */
    public int nextPosition(UUID ownerId) {
        Integer max = getEntityManager()
                .createQuery("select max(o.position) from CustomFieldOption o where o.fieldId = :owner", Integer.class)
                .setParameter("owner", ownerId).getSingleResult();
        return (max == null ? 0 : max) + 10;
    }
}
