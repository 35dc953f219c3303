package be.fiduciaire.tracker.portfolio;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.customfield.FieldType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The counts the database keeps up to date (V80: statement-level triggers on client, peppol_registration, cf_field
 * and client_history, in the writer's transaction): clients per value of each low-cardinality selector and client
 * status ({@code client_count}), and the net daily moves between Peppol statuses ({@code peppol_status_day}).
 * Reading them costs a few hundred rows whatever the size of the portfolio.
 */
@ApplicationScoped
public class ClientCountRepository {
    /** The standard selectors the triggers count (their values come from the client or its registration). */
    private static final Set<String> STANDARD = Set.of("type", "language", "status", "vatLiable", "peppol.status", "peppol.accessPointName");
    /** The custom-field types the triggers count. */
    private static final Set<FieldType> CUSTOM = Set.of(FieldType.SELECT, FieldType.BOOLEAN, FieldType.MULTI_SELECT);

    /** One value's count; value null = no value. */
    public record Count(String value, long count) {}

    /** A day's net change in the number of clients of one Peppol status. */
    public record DayChange(LocalDate day, String status, long change) {}

    @Inject
    Db db;

    /** Whether the counts of {@code s} are kept, i.e. whether {@link #counts} answers for it. */
    public boolean covers(Selector s) {
        return s.custom() ? CUSTOM.contains(s.field().type()) : STANDARD.contains(s.name());
    }

    /**
     * Clients per value of a covered selector (of the active clients only when {@code activeOnly}), largest first,
     * then by value with no value last: the order of an aggregating GROUP BY over the clients.
     */
    public List<Count> counts(Selector s, boolean activeOnly, int limit) {
        return db.list("""
                select case when has_value then value end as v, sum(n) as n
                  from client_count
                 where dim = ? and (not ? or client_status = 'ACTIVE')
                 group by has_value, value
                having sum(n) > 0
                 order by 2 desc, 1 nulls last
                 limit ?""",
                r -> new Count(r.string("v"), r.longValue("n")), s.name(), activeOnly, limit);
    }

    /** Registrations per Peppol status today, every client status included. */
    public List<Count> registrationsByStatus() {
        return db.list("""
                select value as v, sum(n) as n from client_count
                 where dim = 'peppol.status' and has_value group by value having sum(n) > 0""",
                r -> new Count(r.string("v"), r.longValue("n")));
    }

    /** The net moves between Peppol statuses on each day from {@code from} (inclusive, Europe/Brussels days). */
    public List<DayChange> statusChangesSince(LocalDate from) {
        return db.list("select day, status, n from peppol_status_day where day >= ? and n <> 0",
                r -> new DayChange(r.date("day"), r.string("status"), r.longValue("n")), from);
    }
}
