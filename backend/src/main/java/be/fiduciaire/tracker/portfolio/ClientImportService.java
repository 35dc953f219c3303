package be.fiduciaire.tracker.portfolio;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.Client;
import be.fiduciaire.tracker.client.ClientService;
import be.fiduciaire.tracker.client.StandardField;
import be.fiduciaire.tracker.peppol.PeppolRegistrations;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldType;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.FieldChange;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.ImportColumn;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.ImportError;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.ImportResult;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.ImportRow;
import be.fiduciaire.tracker.portfolio.ClientImportRepository.Current;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Spreadsheet import (api.md "Import"). The file's columns map to standard fields (the registry's writable ones)
 * and custom fields, guessed from the headers (JSON name, key or label in fr/nl/en) unless the request maps them.
 * Each row is matched to a client by enterprise number, else by reference; an unmatched row creates a client.
 * Cells are read into the JSON values the client endpoints take (Belgian numbers and dates, yes/no words, options
 * by key or label, a responsible by email) and then checked by the same rules as those endpoints
 * ({@link StandardField}, {@link CustomFieldValues}, {@link ClientService#crossCheck}). A blank cell changes nothing.
 * Applying is all or nothing: with any error nothing is written; otherwise three set-based statements insert, update
 * (where the version is still the one read, as bulk edit does, else 409) and write the history, tied to a
 * client_import row.
 */
@ApplicationScoped
public class ClientImportService {
    @Inject
    ClientImportRepository imports;
    @Inject
    BulkEditRepository edits;
    @Inject
    FieldCatalog catalog;
    @Inject
    CustomFieldValues values;
    @Inject
    ObjectMapper json;
    @Inject
    PeppolRegistrations registrations;

    @ConfigProperty(name = "app.import.max-size", defaultValue = "10M")
    MemorySize maxSize;
    @ConfigProperty(name = "app.import.max-rows", defaultValue = "20000")
    int maxRows;
    @ConfigProperty(name = "app.bulk-edit.lock-timeout-ms", defaultValue = "10000")
    long lockTimeoutMs;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "oui", "o", "ja", "j", "vrai", "waar", "x");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "non", "nee", "faux", "onwaar");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4})");
    private static final Pattern MULTI_SEPARATOR = Pattern.compile("\\s*[,;|]\\s*");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]");

    /** Where a column goes: a writable standard field or a writable custom field. */
    record Target(String name, StandardField standard, FieldCatalog.Field custom) {}

    /** One data row read: values per field (standard ones checked; custom ones as JSON, checked against the client later). */
    private static final class Parsed {
        final int row;
        final Map<StandardField, Object> standard = new LinkedHashMap<>();
        final Map<String, JsonNode> custom = new LinkedHashMap<>();
        boolean failed;
        Parsed(int row) { this.row = row; }
    }

    /** Reads, checks and (unless {@code dryRun}, and only without any error) applies {@code file}. */
    @Transactional
    public ImportResult run(String fileName, Path file, String mappingJson, boolean dryRun) {
        if (file == null) throw ProblemException.validation("file", ErrorCode.REQUIRED, "A multipart part named 'file' is required");
        checkSize(file);
        Map<String, String> mapping = mapping(mappingJson);
        ImportFile.Sheet sheet = ImportFile.read(file, maxRows);
        List<ImportError> errors = new ArrayList<>();

        // ---- columns
        List<String> headers = sheet.headers();
        Target[] targets = new Target[headers.size()];
        List<ImportColumn> columns = new ArrayList<>();
        Map<String, String> guesses = guesses();
        Map<String, String> columnOf = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            String field = mapping != null && mapping.containsKey(header) ? mapping.get(header) : guesses.get(normalise(header));
            if (field != null && !field.isBlank()) {
                Target t = target(field, header, errors);
                if (t != null && columnOf.containsKey(t.name())) {
                    errors.add(new ImportError(1, header, t.name(), ErrorCode.IMPORT_FIELD_TWICE.code(),
                            "Another column already maps to '" + t.name() + "'", Map.of("field", t.name())));
                } else if (t != null) {
                    targets[i] = t;
                    columnOf.put(t.name(), header);
                }
            }
            columns.add(new ImportColumn(i, header, targets[i] == null ? null : targets[i].name()));
        }
        String enColumn = columnOf.get(StandardField.ENTERPRISE_NUMBER.json());
        String refColumn = columnOf.get(StandardField.REFERENCE.json());
        if (enColumn == null && refColumn == null) {
            errors.add(new ImportError(1, null, null, ErrorCode.IMPORT_MATCH_COLUMN_MISSING.code(),
                    "No column maps to enterpriseNumber or reference, which match rows to clients", Map.of()));
        }
        int rows = sheet.lines().size();
        if (!errors.isEmpty()) return new ImportResult(null, dryRun, rows, 0, 0, 0, columns, List.of(), errors);

        // ---- cells
        Users users = columnOf.containsKey(StandardField.RESPONSIBLE_USER_ID.json()) ? users() : null;
        List<Parsed> parsed = new ArrayList<>(rows);
        Set<String> ens = new HashSet<>();
        Set<String> refs = new HashSet<>();
        for (ImportFile.Line line : sheet.lines()) {
            Parsed p = new Parsed(line.number());
            for (int i = 0; i < targets.length; i++) {
                Target t = targets[i];
                String cell = i < line.cells().size() ? line.cells().get(i).strip() : "";
                if (t == null || cell.isEmpty()) continue;
                if (t.standard() != null) {
                    try {
                        Object value = t.standard().read(standardNode(t.standard(), cell, users));
                        if (value instanceof UUID user && !users.ids.contains(user)) {
                            p.failed = true;
                            errors.add(error(p.row, headers.get(i), t.name(), FieldError.of(t.name(), ErrorCode.REFERENCE_UNKNOWN,
                                    "Must be the email or id of an active user", "resource", "User")));
                            continue;
                        }
                        p.standard.put(t.standard(), value);
                    } catch (IllegalArgumentException bad) {
                        p.failed = true;
                        errors.add(error(p.row, headers.get(i), t.name(), FieldError.of(t.name(), bad)));
                    }
                } else {
                    p.custom.put(t.custom().key(), customNode(t.custom(), cell));
                }
            }
            if (p.standard.get(StandardField.ENTERPRISE_NUMBER) instanceof String en) ens.add(en);
            if (p.standard.get(StandardField.REFERENCE) instanceof String ref) refs.add(ref);
            parsed.add(p);
        }

        // ---- matching and checks against the clients
        Map<String, List<Current>> byEn = new HashMap<>();
        Map<String, Current> byRef = new HashMap<>();
        for (Current c : imports.candidates(ens.toArray(String[]::new), refs.toArray(String[]::new))) {
            String en = text(c.standard(), StandardField.ENTERPRISE_NUMBER);
            String ref = text(c.standard(), StandardField.REFERENCE);
            if (en != null && ens.contains(en)) byEn.computeIfAbsent(en, k -> new ArrayList<>()).add(c);
            if (ref != null) byRef.put(ref, c);
        }
        Map<String, Object> defaults = defaults();
        Map<String, Integer> firstRow = new HashMap<>();
        Map<String, Integer> referenceRow = new HashMap<>();
        List<ImportRow> items = new ArrayList<>();
        ArrayNode inserts = NODES.arrayNode();
        ArrayNode updates = NODES.arrayNode();
        List<Object[]> history = new ArrayList<>();
        int created = 0, changed = 0, unchanged = 0;
        for (Parsed p : parsed) {
            String en = (String) p.standard.get(StandardField.ENTERPRISE_NUMBER);
            String ref = (String) p.standard.get(StandardField.REFERENCE);
            if (p.failed && en == null && ref == null) continue;
            if (en == null && ref == null) {
                errors.add(new ImportError(p.row, enColumn != null ? enColumn : refColumn, enColumn != null ? "enterpriseNumber" : "reference",
                        ErrorCode.IMPORT_ROW_UNIDENTIFIED.code(), "The row has neither an enterprise number nor a reference", Map.of()));
                continue;
            }
            List<Current> byNumber = en == null ? List.of() : byEn.getOrDefault(en, List.of());
            if (byNumber.size() > 1) {
                errors.add(new ImportError(p.row, enColumn, "enterpriseNumber", ErrorCode.IMPORT_MATCH_AMBIGUOUS.code(),
                        byNumber.size() + " clients have the enterprise number " + en, Map.of("value", en, "count", byNumber.size())));
                continue;
            }
            Current target = byNumber.size() == 1 ? byNumber.get(0) : ref == null ? null : byRef.get(ref);
            String key = target != null ? "id:" + target.id() : en != null ? "en:" + en : "ref:" + ref;
            Integer earlier = firstRow.putIfAbsent(key, p.row);
            if (earlier == null && target == null && en != null && ref != null) earlier = firstRow.putIfAbsent("ref:" + ref, p.row);
            if (earlier != null) {
                errors.add(new ImportError(p.row, key.startsWith("ref:") ? refColumn : enColumn != null ? enColumn : refColumn, null,
                        ErrorCode.IMPORT_DUPLICATE_ROW.code(), "Row " + earlier + " is already about this client", Map.of("firstRow", earlier)));
                continue;
            }
            if (ref != null) {
                Current holder = byRef.get(ref);
                Integer other = referenceRow.putIfAbsent(ref, p.row);
                if ((holder != null && holder != target) || other != null) {
                    errors.add(error(p.row, refColumn, "reference", FieldError.of("reference", ErrorCode.REFERENCE_TAKEN,
                            "Another client already has the reference '" + ref + "'", "reference", ref)));
                    continue;
                }
            }
            List<FieldError> rowErrors = new ArrayList<>();
            Map<StandardField, Object> state = new LinkedHashMap<>();
            List<FieldChange> changes = new ArrayList<>();
            ObjectNode standard = NODES.objectNode();
            Map<String, JsonNode> custom = Map.of();
            if (target == null) {
                for (StandardField f : StandardField.with(StandardField.Use.WRITE)) state.put(f, defaults.get(f.json()));
                state.putAll(p.standard);
                if (state.get(StandardField.NAME) == null) rowErrors.add(FieldError.of("name", ErrorCode.REQUIRED, "name is required"));
                state.forEach((f, v) -> standard.set(f.json(), toJson(v)));
                p.standard.forEach((f, v) -> changes.add(new FieldChange(f.json(), null, v)));
            } else {
                state.put(StandardField.ENTERPRISE_NUMBER, text(target.standard(), StandardField.ENTERPRISE_NUMBER));
                state.put(StandardField.VAT_NUMBER, text(target.standard(), StandardField.VAT_NUMBER));
                state.putAll(p.standard);
                p.standard.forEach((f, v) -> {
                    JsonNode now = target.standard().path(f.json());
                    JsonNode next = toJson(v);
                    if (!now.equals(next) && !(now.isMissingNode() && next.isNull())) {
                        standard.set(f.json(), next);
                        changes.add(new FieldChange(f.json(), plain(now), v));
                    }
                });
            }
            ClientService.crossCheck(state, rowErrors);
            Map<String, JsonNode> stored = new LinkedHashMap<>();
            if (target != null) target.custom().fields().forEachRemaining(e -> stored.put(e.getKey(), e.getValue()));
            try {
                custom = values.validate(p.custom, stored, target == null);
            } catch (ProblemException e) {
                rowErrors.addAll(e.errors());
            }
            if (!rowErrors.isEmpty() || p.failed) {
                for (FieldError e : rowErrors) {
                    String field = e.field().startsWith("customFields.") ? Selectors.CF + e.field().substring("customFields.".length()) : e.field();
                    errors.add(error(p.row, columnOf.get(field), field, e));
                }
                continue;
            }
            ObjectNode set = NODES.objectNode();
            ArrayNode remove = NODES.arrayNode();
            for (Map.Entry<String, JsonNode> e : custom.entrySet()) {
                if (e.getValue().isNull()) remove.add(e.getKey());
                else set.set(e.getKey(), e.getValue());
                changes.add(new FieldChange(Selectors.CF + e.getKey(), target == null ? null : plain(stored.get(e.getKey())), plain(e.getValue())));
            }
            String name = (String) (target == null ? state.get(StandardField.NAME)
                    : p.standard.getOrDefault(StandardField.NAME, text(target.standard(), StandardField.NAME)));
            if (target == null) {
                UUID id = UUID.randomUUID();
                inserts.addObject().put("id", id.toString()).<ObjectNode>set("standard", standard).set("custom", set);
                history.add(new Object[] {id, "CREATED", null, null, null});
                items.add(new ImportRow(p.row, "CREATE", null, name, changes));
                created++;
            } else if (changes.isEmpty()) {
                unchanged++;
            } else {
                ObjectNode update = updates.addObject().put("id", target.id().toString()).put("version", target.version());
                update.set("standard", standard);
                update.set("cf_set", set);
                update.set("cf_remove", remove);
                for (FieldChange c : changes) {
                    history.add(new Object[] {target.id(), "FIELD", c.field(),
                            c.field().startsWith(Selectors.CF) ? stored.get(c.field().substring(Selectors.CF.length())) : target.standard().get(c.field()),
                            c.field().startsWith(Selectors.CF) ? custom.get(c.field().substring(Selectors.CF.length())) : standard.get(c.field())});
                }
                items.add(new ImportRow(p.row, "CHANGE", target.id(), name, changes));
                changed++;
            }
        }
        errors.sort(java.util.Comparator.comparingInt(ImportError::row));
        if (dryRun || !errors.isEmpty()) return new ImportResult(null, dryRun, rows, created, changed, unchanged, columns, items, errors);
        UUID importId = apply(fileName, rows, created, changed, inserts, updates, history);
        return new ImportResult(importId, false, rows, created, changed, unchanged, columns, items, errors);
    }

    private UUID apply(String fileName, int rows, int created, int changed, ArrayNode inserts, ArrayNode updates, List<Object[]> history) {
        UUID importId = UUID.randomUUID();
        try {
            imports.insert(importId, fileName, rows, created, changed);
            edits.waitForLocksAtMost(lockTimeoutMs);
            imports.insertClients(inserts);
            if (imports.updateClients(updates) != changed) {
                throw ProblemException.conflict("file", ErrorCode.CONCURRENT_EDIT, "Some clients were changed by someone else meanwhile; nothing was imported, try again");
            }
            ArrayNode entries = NODES.arrayNode();
            for (Object[] h : history) {
                ObjectNode e = entries.addObject().put("client_id", h[0].toString()).put("kind", (String) h[1]).put("field", (String) h[2]);
                e.set("old_value", h[3] == null ? NullNode.getInstance() : (JsonNode) h[3]);
                e.set("new_value", h[4] == null ? NullNode.getInstance() : (JsonNode) h[4]);
            }
            imports.history(importId, entries);
            // the diagnosis compares the declared receiving software with the access point's (software_mismatch)
            List<UUID> software = history.stream().filter(h -> "cf.peppol_software_receive".equals(h[2])).map(h -> (UUID) h[0]).distinct().toList();
            if (!software.isEmpty()) registrations.rediagnose(software);
            return importId;
        } catch (DatabaseException e) {
            if (e.isConcurrentChange()) {
                throw ProblemException.conflict("file", ErrorCode.CONCURRENT_EDIT, "Some clients are being changed by someone else; nothing was imported, try again");
            }
            if (e.isUniqueViolation() && e.violates("client_reference_uk")) {
                throw ProblemException.conflict("reference", ErrorCode.REFERENCE_TAKEN, "Another client took one of the references meanwhile; nothing was imported, try again");
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ columns

    private void checkSize(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (size > maxSize.asLongValue()) {
            throw new ProblemException(413, "Content too large", "The file is larger than " + maxSize.asLongValue() + " bytes",
                    List.of(FieldError.of("file", ErrorCode.FILE_TOO_LARGE, "At most " + maxSize.asLongValue() + " bytes", "max", maxSize.asLongValue())));
        }
        if (size == 0) throw ProblemException.validation("file", ErrorCode.FILE_EMPTY, "The file is empty");
    }

    private Map<String, String> mapping(String mappingJson) {
        if (mappingJson == null || mappingJson.isBlank()) return null;
        try {
            return json.readValue(mappingJson, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw ProblemException.badRequest("mapping", ErrorCode.JSON_MALFORMED, "mapping must be a JSON object {header: field or null}");
        }
    }

    /** The field named {@code name} (a standard field's JSON name, or cf.&lt;key&gt;), or null with an error. */
    private Target target(String name, String header, List<ImportError> errors) {
        StandardField standard = StandardField.byJson(name).orElse(null);
        if (standard != null) {
            if (standard.is(StandardField.Use.WRITE)) return new Target(name, standard, null);
        } else {
            String key = name.startsWith(Selectors.CF) ? name.substring(Selectors.CF.length()) : name;
            FieldCatalog.Field f = Selectors.KEY.matcher(key).matches() ? catalog.field(key).orElse(null) : null;
            if (f == null) {
                String shown = name.length() > 60 ? name.substring(0, 60) : name;
                errors.add(new ImportError(1, header, shown, ErrorCode.FIELD_UNKNOWN.code(), "Unknown field '" + shown + "'", Map.of("field", shown)));
                return null;
            }
            if (f.type() != FieldType.SYSTEM && f.type() != FieldType.DOCUMENT) return new Target(Selectors.CF + key, null, f);
        }
        errors.add(new ImportError(1, header, name, ErrorCode.IMPORT_FIELD_NOT_IMPORTABLE.code(), "'" + name + "' cannot be imported", Map.of("field", name)));
        return null;
    }

    /** Normalised header → field: JSON names, keys and labels in fr/nl/en; standard fields first. */
    private Map<String, String> guesses() {
        Map<String, String> out = new LinkedHashMap<>();
        for (StandardField f : StandardField.with(StandardField.Use.WRITE)) {
            out.putIfAbsent(normalise(f.json()), f.json());
            out.putIfAbsent(normalise(f.json().replace("address.", "")), f.json());
            f.labels().values().forEach(l -> out.putIfAbsent(normalise(l), f.json()));
        }
        for (FieldCatalog.Field f : catalog.fields()) {
            if (f.type() == FieldType.SYSTEM || f.type() == FieldType.DOCUMENT) continue;
            out.putIfAbsent(normalise(f.key()), Selectors.CF + f.key());
            out.putIfAbsent(normalise(Selectors.CF + f.key()), Selectors.CF + f.key());
            f.labels().values().forEach(l -> out.putIfAbsent(normalise(l), Selectors.CF + f.key()));
        }
        return out;
    }

    /** Lower case, without accents, spaces or punctuation: "Numéro d'entreprise" → "numerodentreprise". */
    static String normalise(String text) {
        if (text == null) return "";
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return NOT_ALNUM.matcher(plain).replaceAll("");
    }

    // ------------------------------------------------------------------ cells

    private record Users(Set<UUID> ids, Map<String, UUID> byEmail) {}

    private Users users() {
        Set<UUID> ids = new HashSet<>();
        Map<String, UUID> byEmail = new HashMap<>();
        for (String[] u : imports.activeUsers()) {
            UUID id = UUID.fromString(u[0]);
            ids.add(id);
            byEmail.put(u[1], id);
        }
        return new Users(ids, byEmail);
    }

    /** A standard field's cell as the JSON the client endpoints take; what cannot be read is passed on as text, for the field's rule to refuse. */
    private static JsonNode standardNode(StandardField f, String cell, Users users) {
        Class<?> type = f.type();
        if (type == Boolean.class) {
            Boolean b = bool(cell);
            return b == null ? NODES.textNode(cell) : NODES.booleanNode(b);
        }
        if (type == UUID.class) {
            UUID byEmail = users.byEmail().get(cell.toLowerCase(Locale.ROOT));
            return NODES.textNode(byEmail != null ? byEmail.toString() : cell);
        }
        if (type != null && type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                if (name.equalsIgnoreCase(cell)) return NODES.textNode(name);
            }
        }
        return NODES.textNode(cell);
    }

    /** A custom field's cell as JSON; what cannot be read is passed on as text, for {@link CustomFieldValues} to refuse. */
    private JsonNode customNode(FieldCatalog.Field f, String cell) {
        switch (f.type()) {
            case NUMBER -> {
                BigDecimal n = number(cell);
                if (n == null) return NODES.textNode(cell);
                // the node the API's own JSON reading gives for this number, so that it compares equal to the stored one
                try {
                    return json.readTree(n.toPlainString());
                } catch (IOException e) {
                    return NODES.textNode(cell);
                }
            }
            case DATE -> {
                Matcher m = DAY_FIRST.matcher(cell);
                if (m.matches()) {
                    return NODES.textNode(String.format("%s-%02d-%02d", m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))));
                }
                return NODES.textNode(cell);
            }
            case BOOLEAN -> {
                Boolean b = bool(cell);
                return b == null ? NODES.textNode(cell) : NODES.booleanNode(b);
            }
            case SELECT -> {
                return NODES.textNode(option(f, cell));
            }
            case MULTI_SELECT -> {
                ArrayNode out = NODES.arrayNode();
                for (String item : MULTI_SEPARATOR.split(cell)) if (!item.isBlank()) out.add(option(f, item.strip()));
                return out;
            }
            default -> {
                return NODES.textNode(cell);
            }
        }
    }

    /** The option key for a cell naming an option by key or by label in any language (else the cell). */
    private static String option(FieldCatalog.Field f, String cell) {
        if (f.option(cell).isPresent()) return cell;
        String wanted = normalise(cell);
        for (FieldCatalog.Option o : f.options()) {
            if (normalise(o.key()).equals(wanted)) return o.key();
        }
        for (FieldCatalog.Option o : f.options()) {
            for (String label : o.labels().values()) if (normalise(label).equals(wanted)) return o.key();
        }
        return cell;
    }

    static Boolean bool(String cell) {
        String c = cell.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(c)) return true;
        if (FALSE.contains(c)) return false;
        return null;
    }

    /** "1 234,56", "1.234,56", "1234.56", "-3" → the number; null when it is not one. */
    static BigDecimal number(String cell) {
        String s = cell.replaceAll("[\\s\\u00a0\\u202f']", "");
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        if (comma > dot) s = s.replace(".", "").replace(',', '.');
        else if (comma >= 0) s = s.replace(",", "");
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The values a new client gets for what the row leaves blank: the entity's defaults. */
    private static Map<String, Object> defaults() {
        Client fresh = new Client();
        Map<String, Object> out = new HashMap<>();
        for (StandardField f : StandardField.with(StandardField.Use.WRITE)) out.put(f.json(), fresh.get(f));
        return out;
    }

    private static String text(ObjectNode standard, StandardField f) {
        JsonNode v = standard.get(f.json());
        return v == null || v.isNull() ? null : v.asText();
    }

    private JsonNode toJson(Object value) {
        if (value == null) return NullNode.getInstance();
        return json.valueToTree(value instanceof UUID || value instanceof Enum<?> ? value.toString() : value);
    }

    private Object plain(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return null;
        return json.convertValue(value, Object.class);
    }

    private static ImportError error(int row, String column, String field, FieldError e) {
        return new ImportError(row, column, field, e.code(), e.message(), e.params());
    }
}
