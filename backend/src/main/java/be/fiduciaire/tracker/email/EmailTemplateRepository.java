package be.fiduciaire.tracker.email;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class EmailTemplateRepository implements PanacheRepositoryBase<EmailTemplate, UUID> {
    public Optional<EmailTemplate> findByKey(String key) {
        return find("key", key).firstResultOptional();
    }
}
