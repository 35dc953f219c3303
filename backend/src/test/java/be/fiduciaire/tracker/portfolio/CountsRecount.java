package be.fiduciaire.tracker.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import be.fiduciaire.tracker.common.db.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The maintained counts (client_count, peppol_status_day) against a full recount written here from the selectors'
 * own SQL (client left join registration, its custom fields read from client_fields, grouped as the stats group),
 * compared table to table.
 */
@ApplicationScoped
public class CountsRecount {
    /** Every covered selector counted from scratch, by client status; value null = no value. */
    static final String RECOUNT = """
            select dim, client_status, v, n from (
                select 'type' as dim, c.status as client_status, c.type as v, count(*) as n from client c group by 2, 3
                union all select 'language', c.status, c.language, count(*) from client c group by 2, 3
                union all select 'status', c.status, c.status, count(*) from client c group by 2, 3
                union all select 'vatLiable', c.status, c.vat_liable::text, count(*) from client c group by 2, 3
                union all select 'peppol.status', c.status, p.status, count(*)
                            from client c left join peppol_registration p on p.client_id = c.id group by 2, 3
                union all select 'peppol.accessPointName', c.status, p.access_point_name, count(*)
                            from client c left join peppol_registration p on p.client_id = c.id group by 2, 3
                union all select 'cf.' || f.key, c.status, cf.custom_fields ->> f.key, count(*)
                            from client c left join client_fields cf on cf.client_id = c.id cross join cf_field f
                           where f.type in ('SELECT', 'BOOLEAN') group by 1, 2, 3
                union all select 'cf.' || f.key, c.status, m.v, count(*)
                            from client c left join client_fields cf on cf.client_id = c.id cross join cf_field f
                            left join lateral jsonb_array_elements_text(case when jsonb_typeof(cf.custom_fields -> f.key) = 'array'
                                                                             then cf.custom_fields -> f.key else '[]'::jsonb end) as m(v) on true
                           where f.type = 'MULTI_SELECT' group by 1, 2, 3
            ) x order by 1, 2, 3 nulls last""";

    static final String MAINTAINED = """
            select dim, client_status, case when has_value then value end as v, n from client_count
             where n <> 0 order by 1, 2, 3 nulls last""";

    /** Net moves into each Peppol status per Brussels day, from every history row. */
    static final String DAYS_RECOUNT = """
            select day, status, n from (
                select x.day, x.status, sum(x.n) as n
                  from client_history h
                 cross join lateral (values ((h.at at time zone 'Europe/Brussels')::date, h.new_value #>> '{}', 1),
                                            ((h.at at time zone 'Europe/Brussels')::date, h.old_value #>> '{}', -1)) x(day, status, n)
                 where h.kind = 'PEPPOL' and h.field = 'peppol.status' and x.status is not null
                 group by 1, 2) d
             where n <> 0 order by 1, 2""";

    static final String DAYS_MAINTAINED = "select day, status, n from peppol_status_day where n <> 0 order by 1, 2";

    @Inject
    Db db;

    /** Fails naming the first difference when a maintained count differs from the recount. */
    public void assertCountsMatchRecount() {
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(rows(RECOUNT), rows(MAINTAINED), "client_count equals a full recount");
            assertEquals(days(DAYS_RECOUNT), days(DAYS_MAINTAINED), "peppol_status_day equals a full recount");
        });
    }

    private List<String> rows(String sql) {
        return db.list(sql, r -> r.string("dim") + " | " + r.string("client_status") + " | " + r.string("v") + " | " + r.longValue("n"));
    }

    private List<String> days(String sql) {
        return db.list(sql, r -> r.date("day") + " | " + r.string("status") + " | " + r.longValue("n"));
    }
}
