package be.fiduciaire.tracker.portfolio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counts of the matching clients grouped by one selector, in one GROUP BY query. */
@ApplicationScoped
public class ClientStatsService {
    private static final int MAX_GROUPS = 1_000;

    @Schema(name = "GroupCount", description = "Clients sharing one value; value null = no value. label: the option's label for selects")
    public record GroupCount(Object value, String label, long count) {}

    @Inject
    DataSource dataSource;
    @Inject
    RsqlCompiler filters;
    @Inject
    Selectors selectors;

    public List<GroupCount> stats(String groupBy, String filter, String language) {
        if (groupBy == null || groupBy.isBlank()) throw ProblemException.badRequest("groupBy", "groupBy is required");
        Selector s = selectors.require(groupBy.trim(), "groupBy");
        if (s.kind() == FieldKind.PRESENCE) throw ProblemException.badRequest("groupBy", "Cannot group by a document field");
        Sql where = filters.compile(filter, "filter");
        return group(s, where, language);
    }

    public List<GroupCount> group(Selector s, Sql where, String language) {
        String from = ClientRows.FROM;
        String value = switch (s.kind()) {
            case MULTI -> {
                from += " left join lateral jsonb_array_elements_text(case when jsonb_typeof(" + s.sql() + ") = 'array' then "
                        + s.sql() + " else '[]'::jsonb end) as m(v) on true ";
                yield "m.v";
            }
            case TIMESTAMP -> "(" + s.sql() + " at time zone 'Europe/Brussels')::date";
            default -> s.sql();
        };
        String sql = "select " + value + " as v, count(*) as n" + from + " where " + where.text()
                + " group by 1 order by 2 desc, 1 nulls last limit " + MAX_GROUPS;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            where.bind(st, 1);
            List<GroupCount> groups = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object v = rs.getObject(1);
                    if (v instanceof java.sql.Date d) v = d.toLocalDate().toString();
                    if (v != null && s.kind() == FieldKind.BOOLEAN) v = Boolean.valueOf(v.toString());
                    String label = null;
                    if (v != null && s.custom() && (s.kind() == FieldKind.CODE || s.kind() == FieldKind.MULTI)) {
                        String key = v.toString();
                        label = s.field().optionLabel(key, language);
                    }
                    groups.add(new GroupCount(v, label, rs.getLong(2)));
                }
            }
            return groups;
        } catch (SQLException e) {
            throw new IllegalStateException("Stats query failed", e);
        }
    }
}
