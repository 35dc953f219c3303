package be.fiduciaire.tracker.clientquery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Compiles {@code sort} ({@code name,-cf.peppol_ready}: a comma list, {@code -} for descending) into an ORDER BY.
 * Empty values sort last in either direction and ties are broken by id, so pages are stable.
 */
@ApplicationScoped
public class SortCompiler {
    private static final int MAX_KEYS = 5;

    @Inject
    Selectors selectors;
    @Inject
    CustomFieldIndexes indexes;

    public String orderBy(String sort) {
        List<String> terms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (sort != null && !sort.isBlank()) {
            String[] keys = sort.split(",");
            if (keys.length > MAX_KEYS) throw ProblemException.badRequest("sort", ErrorCode.COUNT, "Sort by at most " + MAX_KEYS + " fields", "max", MAX_KEYS);
            for (String raw : keys) {
                String key = raw.trim();
                boolean desc = key.startsWith("-");
                if (desc || key.startsWith("+")) key = key.substring(1);
                if (key.isEmpty()) throw ProblemException.badRequest("sort", ErrorCode.SORT_UNKNOWN, "Empty sort key", "key", "");
                String name = key;
                Selector s = selectors.find(name).orElseThrow(() -> ProblemException.badRequest("sort", ErrorCode.SORT_UNKNOWN,
                        "Unknown sort field '" + RsqlCompiler.shorten(name) + "'", "key", RsqlCompiler.shorten(name)));
                if (!s.sortable()) throw ProblemException.badRequest("sort", ErrorCode.SORT_NOT_SORTABLE, "Cannot sort by " + s.name() + " (multi select or document)", "key", s.name());
                if (!seen.add(s.name())) continue;
                // text sorts compare lower(...), which the filter's index on the raw value does not serve
                if (s.kind() != FieldKind.TEXT) indexes.ensure(s);
                terms.add(s.sortSql() + (desc ? " desc" : " asc") + " nulls last");
            }
        }
        if (terms.isEmpty()) terms.add("lower(c.name) asc");
        terms.add("c.id asc");
        return " order by " + String.join(", ", terms);
    }
}
