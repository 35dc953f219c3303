package be.fiduciaire.tracker.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import be.fiduciaire.tracker.client.StandardField;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Columns of the list, its views and its CSV export: every standard field ({@link StandardField}, including
 * {@code lastInfoEmailAt}, which is shown but not filtered) and every custom field.
 */
@ApplicationScoped
public class Columns {
    @Inject
    Selectors selectors;
    @Inject
    FieldCatalog catalog;

    public boolean exists(String column) {
        return find(column).isPresent();
    }

    public Optional<Selector> find(String column) {
        return selectors.column(column);
    }

    /** The requested comma list, or the standard fields marked EXPORT and the custom fields shown in the client list. */
    public List<Selector> parse(String columns, String parameter) {
        List<Selector> result = new ArrayList<>();
        if (columns == null || columns.isBlank()) {
            for (StandardField f : StandardField.with(StandardField.Use.EXPORT)) result.add(find(f.json()).orElseThrow());
            for (FieldCatalog.Field f : catalog.fields()) {
                if (f.showInClientList()) selectors.find(Selectors.CF + f.key()).ifPresent(result::add);
            }
            return result;
        }
        for (String raw : columns.split(",")) {
            String name = raw.trim();
            result.add(find(name).orElseThrow(() -> ProblemException.badRequest(parameter, ErrorCode.COLUMN_UNKNOWN, "Unknown column '"
                    + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'", "column", name.length() > 60 ? name.substring(0, 60) + "…" : name)));
        }
        if (result.size() > 200) throw ProblemException.badRequest(parameter, ErrorCode.COUNT, "At most 200 columns", "max", 200);
        return result;
    }
}
