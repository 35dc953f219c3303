package be.fiduciaire.tracker.clientquery;

import java.util.List;
import java.util.Map;

import be.fiduciaire.tracker.customfield.FieldCatalog;

/**
 * A field the list can filter, sort, group and export by. {@code sql} is an expression over the client
 * ({@code c}) and its registration ({@code p}); it is built from fixed names or validated field keys only.
 *
 * @param name        the selector as users write it ({@code name}, {@code address.city}, {@code cf.peppol_ready})
 * @param sql         the SQL expression that reads the value
 * @param kind        how values compare
 * @param codes       allowed values for CODE selectors (option keys for selects); empty for others
 * @param labels      the column label by language (fr, nl, en)
 * @param field       the custom-field definition, or null for standard fields
 * @param sortable    whether it may be used in {@code sort}
 */
public record Selector(String name, String sql, FieldKind kind, List<String> codes, Map<String, String> labels,
                       FieldCatalog.Field field, boolean sortable) {

    public boolean custom() { return field != null; }

    public String label(String language) {
        return FieldCatalog.inLanguage(labels, language, name);
    }

    /** The expression used for ordering: text case-insensitively, numbers as numbers, dates as ISO text. */
    public String sortSql() {
        return kind == FieldKind.TEXT ? "lower(" + sql + ")" : sql;
    }
}
