package be.fiduciaire.tracker.portfolio;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import be.fiduciaire.tracker.client.StandardField;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditRequest;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditResult;
import be.fiduciaire.tracker.portfolio.BulkEditRepository.Change;
import be.fiduciaire.tracker.portfolio.BulkEditRepository.Counts;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldType;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;

/**
 * Bulk edit (api.md "Bulk edit"): validates every change first, then applies them in one set-based statement
 * (snapshot the selection, update the clients whose values differ, write one history row per changed field) inside
 * one transaction, so either every selected client is edited or none is. Concurrency is optimistic: a client whose
 * version moved between the snapshot and its update is not updated, which the counts reveal, and the whole edit
 * is rolled back with 409; a client locked by another transaction for longer than the lock timeout gives 409 too.
 */
@ApplicationScoped
public class BulkEditService {
    public static final int MAX_IDS = 100_000;

    private static final Set<FieldType> NOT_BULK_EDITABLE = Set.of(FieldType.MULTI_SELECT, FieldType.DOCUMENT, FieldType.SYSTEM);

    @Inject
    BulkEditRepository edits;
    @Inject
    be.fiduciaire.tracker.peppol.PeppolRegistrations registrations;
    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    ClientSelections selections;
    @Inject
    FieldCatalog catalog;
    @Inject
    CustomFieldValues values;
    /** How long the edit waits for clients someone else is changing before giving up with 409. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "app.bulk-edit.lock-timeout-ms", defaultValue = "10000")
    long lockTimeoutMs;

    /**
     * {@code request} is validated by its annotations (a selection, at least one change, at most MAX_IDS ids). A whole
     * portfolio of a million clients is one statement of tens of seconds on a busy machine: beyond the default
     * transaction timeout of 60 s, which would roll it back.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public BulkEditResult apply(BulkEditRequest request, String idempotencyKey) {
        if (request == null) throw ProblemException.validation("body", ErrorCode.REQUIRED, "A bulk edit is required");
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.badRequest("Idempotency-Key", ErrorCode.IDEMPOTENCY_KEY_INVALID, "Idempotency-Key must be 1 to 200 characters");
        }
        String key = dryRun ? null : idempotencyKey;
        String hash = hash(request);
        try {
            if (key != null) {
                BulkEditResult previous = previous(key, hash);
                if (previous != null) return previous;
            }
            Sql selection = selection(request.selection());
            List<Change> changes = changes(request.changes());
            if (dryRun) {
                Counts counts = edits.dryRun(selection, changes);
                List<BulkEditDtos.FieldPreview> fields = edits.fieldCounts(selection, changes).stream()
                        .map(f -> new BulkEditDtos.FieldPreview(f.field(), f.alreadySet(), f.overwritten())).toList();
                BulkEditResult result = new BulkEditResult(null, counts.matched(), counts.toChange(), true, fields);
                checkAllIdsFound(request.selection(), result.matched());
                return result;
            }

            UUID id = UUID.randomUUID();
            // The same key was applied meanwhile by a concurrent request: answer with its result.
            if (!edits.insert(id, key, hash, json.writeValueAsString(request.selection()), json.writeValueAsString(request.changes()))) {
                return previous(key, hash);
            }
            edits.waitForLocksAtMost(lockTimeoutMs);
            Counts counts = edits.update(id, selection, changes);
            checkAllIdsFound(request.selection(), counts.matched());
            if (counts.toChange() != counts.changed()) {
                throw ProblemException.conflict("selection", ErrorCode.CONCURRENT_EDIT, "Some clients were changed by someone else meanwhile; nothing was changed, try again");
            }
            edits.finish(id, counts);
            // the diagnosis compares the declared receiving software with the access point's (software_mismatch)
            changes.stream().filter(ch -> "peppol_software_receive".equals(ch.cfKey())).findFirst()
                    .ifPresent(ch -> registrations.rediagnose(edits.changedBy(ch)));
            return new BulkEditResult(id, counts.matched(), counts.changed(), false);
        } catch (DatabaseException e) {
            // lock_timeout (55P03), serialization failure or deadlock: someone else holds some of the rows
            if (e.isConcurrentChange()) {
                throw ProblemException.conflict("selection", ErrorCode.CONCURRENT_EDIT, "Some clients are being changed by someone else; nothing was changed, try again");
            }
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BulkEditResult previous(String key, String hash) {
        return edits.previous(key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw ProblemException.validation("Idempotency-Key", ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different bulk edit");
            }
            return new BulkEditResult(stored.id(), stored.matched(), stored.changed(), false);
        }).orElse(null);
    }

    private Sql selection(BulkEditDtos.Selection selection) {
        return selections.condition(selection);
    }

    /** After the statement: when fewer clients matched than ids were given, name the unknown ones (422, rolled back). */
    private void checkAllIdsFound(BulkEditDtos.Selection selection, long matched) {
        if (selection.ids() == null || matched == selection.ids().stream().distinct().count()) return;
        String[] array = selection.ids().stream().map(UUID::toString).toArray(String[]::new);
        List<String> unknown = edits.unknownIds(array);
        throw ProblemException.validation("selection.ids", ErrorCode.IDS_UNKNOWN, "Unknown client ids: " + String.join(", ", unknown), "ids", unknown);
    }

    private List<Change> changes(Map<String, JsonNode> changes) {
        List<FieldError> errors = new ArrayList<>();
        List<Change> result = new ArrayList<>();
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : changes.entrySet()) {
            String name = e.getKey();
            String field = "changes." + name;
            JsonNode v = e.getValue() == null ? json.nullNode() : e.getValue();
            StandardField standard = StandardField.byJson(name).filter(f -> f.is(StandardField.Use.BULK_EDIT)).orElse(null);
            if (standard != null) {
                // the client endpoints' own rules for the value; only the user check needs the database here
                Object value;
                try {
                    value = standard.read(v);
                } catch (IllegalArgumentException bad) {
                    errors.add(FieldError.of(field, bad));
                    continue;
                }
                if (value instanceof UUID user && !db.exists("select 1 from app_user where id = ? and active", user)) {
                    errors.add(FieldError.of(field, ErrorCode.REFERENCE_UNKNOWN, "Must be the id of an active user, or null", "resource", "User"));
                    continue;
                }
                result.add(new Change(name, standard.column().orElseThrow(), standard.sqlType(), null, value, v.isNull() ? null : v.toString()));
                continue;
            }
            String key = name.startsWith(Selectors.CF) ? name.substring(Selectors.CF.length()) : name;
            FieldCatalog.Field f = Selectors.KEY.matcher(key).matches() ? catalog.field(key).orElse(null) : null;
            if (f == null) {
                String shown = name.length() > 60 ? name.substring(0, 60) : name;
                errors.add(FieldError.of(field, ErrorCode.FIELD_UNKNOWN, "Unknown field '" + shown + "'", "field", shown));
                continue;
            }
            if (!f.showInClientList()) {
                errors.add(FieldError.of(field, ErrorCode.FIELD_NOT_IN_LIST, "Only fields of categories shown in the client list can be bulk-edited"));
                continue;
            }
            if (NOT_BULK_EDITABLE.contains(f.type())) {
                errors.add(FieldError.of(field, ErrorCode.FIELD_TYPE_NOT_BULK_EDITABLE, f.type() + " fields cannot be bulk-edited", "type", f.type().name()));
                continue;
            }
            custom.put(key, v);
            names.put(key, name);
        }
        if (!custom.isEmpty()) {
            // The one value validator of the client endpoints; it names fields customFields.<key>.
            Map<String, JsonNode> normalised = Map.of();
            try {
                normalised = values.validateChanges(custom);
            } catch (ProblemException e) {
                for (FieldError error : e.errors()) {
                    String key = error.field().startsWith("customFields.") ? error.field().substring("customFields.".length()) : error.field();
                    errors.add(error.on("changes." + names.getOrDefault(key, key)));
                }
            }
            if (errors.isEmpty()) {
                for (String key : custom.keySet()) {
                    JsonNode value = normalised.get(key);
                    if (value == null || value.isNull()) {
                        // null (or blank text) clears the value
                        if (catalog.field(key).orElseThrow().required()) {
                            errors.add(FieldError.of("changes." + names.get(key), ErrorCode.REQUIRED, "'" + key + "' is required and cannot be cleared"));
                        }
                        result.add(new Change(Selectors.CF + key, null, null, key, null, null));
                    } else {
                        result.add(new Change(Selectors.CF + key, null, null, key, null, value.toString()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return result;
    }

    private String hash(BulkEditRequest request) {
        try {
            Map<String, Object> canonical = new LinkedHashMap<>();
            canonical.put("selection", request.selection());
            canonical.put("changes", request.changes() == null ? null : new java.util.TreeMap<>(request.changes()));
            byte[] bytes = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
