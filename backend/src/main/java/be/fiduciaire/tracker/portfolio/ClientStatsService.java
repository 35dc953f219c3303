package be.fiduciaire.tracker.portfolio;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Counts of the matching clients grouped by one selector: without a filter, from the maintained counts when the
 * selector has them ({@link ClientCountRepository}); otherwise in one GROUP BY query.
 */
@ApplicationScoped
public class ClientStatsService {
    private static final int MAX_GROUPS = 1_000;

    @Schema(name = "GroupCount", description = "Clients sharing one value; value null = no value. label: the option's label for selects")
    public record GroupCount(@Schema(required = true, nullable = true) Object value,
                             @Schema(required = true, nullable = true) String label,
                             @Schema(required = true) long count) {}

    @Inject
    Db db;
    @Inject
    RsqlCompiler filters;
    @Inject
    Selectors selectors;
    @Inject
    ClientCountRepository counts;

    @Transactional
    public List<GroupCount> stats(String groupBy, String filter, String language) {
        if (groupBy == null || groupBy.isBlank()) throw ProblemException.badRequest("groupBy", ErrorCode.REQUIRED, "groupBy is required");
        Selector s = selectors.require(groupBy.trim(), "groupBy");
        if (s.kind() == FieldKind.PRESENCE) throw ProblemException.badRequest("groupBy", ErrorCode.GROUP_BY_INVALID, "Cannot group by a document field", "selector", s.name());
        Sql where = filters.compile(filter, "filter");
        return group(s, where, language);
    }

    public List<GroupCount> group(Selector s, Sql where, String language) {
        if (where == Sql.TRUE && counts.covers(s)) {
            return counts.counts(s, false, MAX_GROUPS).stream()
                    .map(c -> groupCount(s, c.value(), c.count(), language)).toList();
        }
        return aggregate(s, where, language);
    }

    /** The GROUP BY over the matching clients (also the reference the maintained counts are tested against). */
    public List<GroupCount> aggregate(Selector s, Sql where, String language) {
        String from = ClientRows.FROM;
        Sql value = switch (s.kind()) {
            case MULTI -> {
                from += " left join lateral jsonb_array_elements_text(case when jsonb_typeof(" + s.sql() + ") = 'array' then "
                        + s.sql() + " else '[]'::jsonb end) as m(v) on true ";
                yield Sql.of("m.v");
            }
            // a day as people in the firm count it
            case TIMESTAMP -> Sql.of("(" + s.sql() + " at time zone ?)::date", Brussels.ZONE_ID);
            default -> Sql.of(s.sql());
        };
        Sql sql = Sql.join(" where ", List.of(value.wrap("select ", " as v, count(*) as n" + from), where))
                .wrap("", " group by 1 order by 2 desc, 1 nulls last limit " + MAX_GROUPS);
        return db.list(sql, r -> {
            Object v = r.object("v");
            if (v instanceof java.sql.Date d) v = d.toLocalDate().toString();
            return groupCount(s, v, r.longValue("n"), language);
        });
    }

    private static GroupCount groupCount(Selector s, Object v, long n, String language) {
        if (v != null && s.kind() == FieldKind.BOOLEAN) v = Boolean.valueOf(v.toString());
        String label = null;
        if (v != null && s.custom() && (s.kind() == FieldKind.CODE || s.kind() == FieldKind.MULTI)) {
            label = s.field().optionLabel(v.toString(), language);
        }
        return new GroupCount(v, label, n);
    }
}
