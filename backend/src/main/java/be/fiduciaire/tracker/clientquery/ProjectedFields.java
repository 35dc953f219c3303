package be.fiduciaire.tracker.clientquery;

import java.util.Set;

import be.fiduciaire.tracker.common.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The custom fields whose values every row's {@code client_fields.indexed_fields} holds (V101): their filters and sorts
 * read them there, where their indexes are. Projected by the index job ({@link CustomFieldIndexes}); read at most
 * {@link #MAX_AGE_MILLIS} old, like the field catalog. Not knowing yet is harmless (the filter reads the document, as
 * before); a field stops being projected only when it is deleted.
 */
@ApplicationScoped
public class ProjectedFields {
    static final long MAX_AGE_MILLIS = 2_000;

    private record Snapshot(Set<String> keys, long loadedAt) {}

    @Inject
    Db db;

    private volatile Snapshot snapshot;

    public boolean holds(String key) {
        Snapshot s = snapshot;
        if (s == null || System.currentTimeMillis() - s.loadedAt() > MAX_AGE_MILLIS) {
            s = load();
            snapshot = s;
        }
        return s.keys().contains(key);
    }

    /** Joins the caller's transaction when there is one (ArC intercepts self-calls). */
    @Transactional
    Snapshot load() {
        return new Snapshot(Set.copyOf(db.list("select field_key from cf_index_wanted where projected", r -> r.string("field_key"))),
                System.currentTimeMillis());
    }

    /** After the job projected fields in this instance. */
    void invalidate() {
        snapshot = null;
    }
}
