package be.fiduciaire.tracker.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.Selectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Columns of the list, its views and its CSV export: every selector, plus {@code lastInfoEmailAt} (date of the
 * last informative Peppol email delivered: the standard peppol_info template, email package).
 */
@ApplicationScoped
public class Columns {
    public static final String LAST_INFO_EMAIL_AT = "lastInfoEmailAt";
    private static final Selector LAST_INFO_EMAIL = new Selector(LAST_INFO_EMAIL_AT,
            "(select max(m.sent_at) from email_message m join email_send s on s.id = m.send_id where m.client_id = c.id "
                    + "and s.template_key = 'peppol_info' and m.status = 'SENT')", FieldKind.TIMESTAMP, List.of(),
            Map.of("fr", "Dernier e-mail d'information", "nl", "Laatste informatiemail", "en", "Last info email"), null, false);
    private static final List<String> DEFAULT_STANDARD = List.of("reference", "name", "type", "enterpriseNumber", "vatNumber", "vatLiable",
            "email", "language", "address.street", "address.postalCode", "address.city", "address.country", "status", "peppol.status",
            "peppol.accessPointName");

    @Inject
    Selectors selectors;
    @Inject
    FieldCatalog catalog;

    public boolean exists(String column) {
        return find(column).isPresent();
    }

    public Optional<Selector> find(String column) {
        if (LAST_INFO_EMAIL_AT.equals(column)) return Optional.of(LAST_INFO_EMAIL);
        return selectors.find(column);
    }

    /** The requested comma list, or the standard fields and the custom fields shown in the client list. */
    public List<Selector> parse(String columns, String parameter) {
        List<Selector> result = new ArrayList<>();
        if (columns == null || columns.isBlank()) {
            for (String name : DEFAULT_STANDARD) result.add(selectors.find(name).orElseThrow());
            for (FieldCatalog.Field f : catalog.fields()) {
                if (f.showInClientList()) selectors.find(Selectors.CF + f.key()).ifPresent(result::add);
            }
            return result;
        }
        for (String raw : columns.split(",")) {
            String name = raw.trim();
            result.add(find(name).orElseThrow(() -> ProblemException.badRequest(parameter, "Unknown column '"
                    + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'")));
        }
        if (result.size() > 200) throw ProblemException.badRequest(parameter, "At most 200 columns");
        return result;
    }
}
