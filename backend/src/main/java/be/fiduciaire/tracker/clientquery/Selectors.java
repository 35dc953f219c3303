package be.fiduciaire.tracker.clientquery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The selectors of the client list: the standard fields by their JSON name, {@code cf.<key>} for each custom
 * field (typed by its definition) and the Peppol registration ({@code peppol.status}, ...).
 */
@ApplicationScoped
public class Selectors {
    /** Field keys are embedded in SQL as literals, so only plain identifiers qualify: the one key rule. */
    public static final Pattern KEY = FieldKeys.PATTERN;
    public static final String CF = "cf.";

    private static final Map<String, Selector> STANDARD = new LinkedHashMap<>();

    static {
        std("id", "c.id", FieldKind.UUID, List.of(), "Identifiant", "Id", "Id");
        std("reference", "c.reference", FieldKind.TEXT, List.of(), "Référence", "Referentie", "Reference");
        std("name", "c.name", FieldKind.TEXT, List.of(), "Nom", "Naam", "Name");
        std("type", "c.type", FieldKind.CODE, List.of("COMPANY", "PERSON"), "Type", "Type", "Type");
        std("legalForm", "c.legal_form", FieldKind.TEXT, List.of(), "Forme juridique", "Rechtsvorm", "Legal form");
        std("enterpriseNumber", "c.enterprise_number", FieldKind.TEXT, List.of(), "Numéro d'entreprise", "Ondernemingsnummer", "Enterprise number");
        std("vatNumber", "c.vat_number", FieldKind.TEXT, List.of(), "Numéro de TVA", "Btw-nummer", "VAT number");
        std("vatLiable", "c.vat_liable", FieldKind.BOOLEAN, List.of(), "Assujetti à la TVA", "Btw-plichtig", "VAT liable");
        std("email", "c.email", FieldKind.TEXT, List.of(), "E-mail", "E-mail", "Email");
        std("language", "c.language", FieldKind.CODE, List.of("fr", "nl", "en", "de"), "Langue", "Taal", "Language");
        std("address.street", "c.street", FieldKind.TEXT, List.of(), "Rue", "Straat", "Street");
        std("address.postalCode", "c.postal_code", FieldKind.TEXT, List.of(), "Code postal", "Postcode", "Postal code");
        std("address.city", "c.city", FieldKind.TEXT, List.of(), "Localité", "Gemeente", "City");
        std("address.country", "c.country", FieldKind.TEXT, List.of(), "Pays", "Land", "Country");
        std("responsibleUserId", "c.responsible_user_id", FieldKind.UUID, List.of(), "Responsable", "Verantwoordelijke", "Responsible");
        std("status", "c.status", FieldKind.CODE, List.of("ACTIVE", "ARCHIVED"), "Statut", "Status", "Status");
        std("createdAt", "c.created_at", FieldKind.TIMESTAMP, List.of(), "Créé le", "Aangemaakt op", "Created at");
        std("updatedAt", "c.updated_at", FieldKind.TIMESTAMP, List.of(), "Modifié le", "Gewijzigd op", "Updated at");
        std("peppol.status", "p.status", FieldKind.CODE,
                List.of("REGISTERED", "NOT_REGISTERED", "HERMES_ONLY", "NO_IDENTIFIER", "LOOKUP_FAILED"),
                "Statut PEPPOL", "PEPPOL-status", "PEPPOL status");
        std("peppol.accessPointName", "p.access_point_name", FieldKind.TEXT, List.of(), "Point d'accès PEPPOL", "PEPPOL-toegangspunt", "PEPPOL access point");
        std("peppol.checkedAt", "p.checked_at", FieldKind.TIMESTAMP, List.of(), "Vérifié le", "Gecontroleerd op", "Checked at");
    }

    private static void std(String name, String sql, FieldKind kind, List<String> codes, String fr, String nl, String en) {
        STANDARD.put(name, new Selector(name, sql, kind, codes, Map.of("fr", fr, "nl", nl, "en", en), null, true));
    }

    @Inject
    FieldCatalog catalog;

    /** The selector named {@code name}, or empty when it names no field. */
    public Optional<Selector> find(String name) {
        if (name == null) return Optional.empty();
        Selector standard = STANDARD.get(name);
        if (standard != null) return Optional.of(standard);
        if (!name.startsWith(CF)) return Optional.empty();
        String key = name.substring(CF.length());
        if (!KEY.matcher(key).matches()) return Optional.empty();
        return catalog.field(key).map(Selectors::of);
    }

    public Selector require(String name, String parameter) {
        return find(name).orElseThrow(() -> be.fiduciaire.tracker.common.ProblemException.badRequest(parameter,
                "Unknown selector '" + name + "'"));
    }

    /** Every selector: standard ones, then the custom fields in category order. */
    public List<Selector> all() {
        List<Selector> all = new ArrayList<>(STANDARD.values());
        for (FieldCatalog.Field f : catalog.fields()) {
            if (KEY.matcher(f.key()).matches()) all.add(of(f));
        }
        return all;
    }

    static Selector of(FieldCatalog.Field f) {
        String text = "(c.custom_fields->>'" + f.key() + "')";
        String json = "(c.custom_fields->'" + f.key() + "')";
        String name = CF + f.key();
        return switch (f.type()) {
            case TEXT, LONG_TEXT, SYSTEM -> new Selector(name, text, FieldKind.TEXT, List.of(), f.labels(), f, true);
            case NUMBER -> new Selector(name, "((c.custom_fields->>'" + f.key() + "')::numeric)", FieldKind.NUMBER, List.of(), f.labels(), f, true);
            case DATE -> new Selector(name, text, FieldKind.DATE, List.of(), f.labels(), f, true);
            // compared as the text 'true' / 'false': both conditions of a filter can then be answered from the
            // same kind of plain expression index, and 'false' < 'true' sorts like booleans do
            case BOOLEAN -> new Selector(name, text, FieldKind.BOOLEAN, List.of(), f.labels(), f, true);
            case SELECT -> new Selector(name, text, FieldKind.CODE, f.options().stream().map(FieldCatalog.Option::key).toList(), f.labels(), f, true);
            case MULTI_SELECT -> new Selector(name, json, FieldKind.MULTI, f.options().stream().map(FieldCatalog.Option::key).toList(), f.labels(), f, false);
            case DOCUMENT -> new Selector(name, json, FieldKind.PRESENCE, List.of(), f.labels(), f, false);
        };
    }
}
