package be.fiduciaire.tracker.peppol;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RefreshRunRepository implements PanacheRepositoryBase<RefreshRun, UUID> {
    public List<RefreshRun> latest(int limit) {
        return findAll(Sort.descending("createdAt").and("id")).page(Page.ofSize(limit)).list();
    }
}
