package be.fiduciaire.tracker.client;

import java.sql.SQLException;
import java.util.UUID;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

/** One client's row: read, locked, written through {@link Client}; its custom fields merged per key in SQL. */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID> {
    @Inject
    Db db;

    /**
     * The client, locked until the transaction ends, or 404: its row and its fields row, which writers of the custom
     * fields alone (bulk edit) change without the client row; both in one statement, client first, as a bulk edit
     * that changes both locks them.
     */
    public Client lock(UUID id) {
        db.one("select c.id from client c join client_fields f on f.client_id = c.id where c.id = ? for update of c, f", r -> r.uuid("id"), id)
                .orElseThrow(() -> ProblemException.notFound("Client"));
        // locked above: read as it stands (not locked a second time)
        return findById(id);
    }

    public void requireExists(UUID id) {
        if (count("id", id) == 0) throw ProblemException.notFound("Client");
    }

    public boolean referenceTaken(String reference, UUID except) {
        return except == null ? count("reference", reference) > 0 : count("reference = ?1 and id <> ?2", reference, except) > 0;
    }

    /** The new client's fields row (every client has one, checked at commit), holding {@code customFields} (a JSON object). */
    public void insertFields(UUID id, String customFields) {
        db.update("insert into client_fields (client_id, custom_fields) values (?, ?::jsonb)", id, new Sql.JsonParam(customFields));
    }

    /**
     * Adds {@code set} (a JSON object) to the client's custom fields and removes the {@code remove} keys, in one
     * statement. The version step is the client row's ({@link Client#touch}), not this one's.
     */
    public void mergeCustomFields(UUID id, String set, String[] remove) {
        db.update("update client_fields set custom_fields = (custom_fields || ?::jsonb) - ?::text[] where client_id = ?",
                new Sql.JsonParam(set), remove, id);
    }

    /**
     * Writes pending entity changes now, so that losing a race on the unique reference is a 409 here rather than a
     * 500 at commit (the service checks the reference first; this is for two requests doing it at once).
     */
    public void flushChanges() {
        try {
            flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    DatabaseException failure = new DatabaseException(sql);
                    if (failure.isUniqueViolation() && failure.violates("client_reference_uk")) {
                        throw ProblemException.conflict("reference", ErrorCode.REFERENCE_TAKEN, "Another client already has this reference");
                    }
                    throw failure;
                }
            }
            throw e;
        }
    }
}
