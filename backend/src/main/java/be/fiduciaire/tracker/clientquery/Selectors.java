package be.fiduciaire.tracker.clientquery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import be.fiduciaire.tracker.client.StandardField;
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

    /** The standard fields that are selectors, from the one registry, in its order. */
    private static final Map<String, Selector> STANDARD = new LinkedHashMap<>();
    /** Every standard field as an export / view column, selectors or not. */
    private static final Map<String, Selector> COLUMNS = new LinkedHashMap<>();

    static {
        for (StandardField f : StandardField.values()) {
            Selector s = new Selector(f.json(), f.sql(), f.kind(), f.codes(), f.labels(), null,
                    f.is(StandardField.Use.FILTER) && f.kind() != FieldKind.MULTI);
            COLUMNS.put(f.json(), s);
            if (f.is(StandardField.Use.FILTER)) STANDARD.put(f.json(), s);
        }
    }

    @Inject
    FieldCatalog catalog;
    @Inject
    ProjectedFields projected;

    /** The selector named {@code name}, or empty when it names no field. */
    public Optional<Selector> find(String name) {
        if (name == null) return Optional.empty();
        Selector standard = STANDARD.get(name);
        if (standard != null) return Optional.of(standard);
        if (!name.startsWith(CF)) return Optional.empty();
        String key = name.substring(CF.length());
        if (!KEY.matcher(key).matches()) return Optional.empty();
        return catalog.field(key).map(f -> of(f, projected.holds(f.key())));
    }

    /** A column of views and exports: a selector, or a standard field that is only shown ({@code lastInfoEmailAt}). */
    public Optional<Selector> column(String name) {
        Selector standard = name == null ? null : COLUMNS.get(name);
        return standard != null ? Optional.of(standard) : find(name);
    }

    public Selector require(String name, String parameter) {
        return find(name).orElseThrow(() -> be.fiduciaire.tracker.common.ProblemException.badRequest(parameter,
                be.fiduciaire.tracker.common.ErrorCode.FILTER_UNKNOWN_SELECTOR, "Unknown selector '" + name + "'", "selector", RsqlCompiler.shorten(name)));
    }

    /** Every selector: standard ones, then the custom fields in category order. */
    public List<Selector> all() {
        List<Selector> all = new ArrayList<>(STANDARD.values());
        for (FieldCatalog.Field f : catalog.fields()) {
            if (KEY.matcher(f.key()).matches()) all.add(of(f, projected.holds(f.key())));
        }
        return all;
    }

    /**
     * A custom field's selector. {@code projected}: its value is read from the copy of the indexed fields' values
     * ({@code indexed_fields}, V101), which its index is built on, rather than from the document.
     */
    static Selector of(FieldCatalog.Field f, boolean projected) {
        String doc = projected ? "c.indexed_fields" : "c.custom_fields";
        String text = "(" + doc + "->>'" + f.key() + "')";
        String json = "(" + doc + "->'" + f.key() + "')";
        String name = CF + f.key();
        return switch (f.type()) {
            case TEXT, LONG_TEXT, SYSTEM -> new Selector(name, text, FieldKind.TEXT, List.of(), f.labels(), f, true);
            case NUMBER -> new Selector(name, "(" + text + "::numeric)", FieldKind.NUMBER, List.of(), f.labels(), f, true);
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
