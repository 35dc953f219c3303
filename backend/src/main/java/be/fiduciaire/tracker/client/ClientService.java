package be.fiduciaire.tracker.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.ClientDtos.ClientInput;
import be.fiduciaire.tracker.client.ClientDtos.HistoryEntry;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.Patch;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Rules of the single-client endpoints: create, read, merge-patch, archive, history. Every check happens before the
 * first write; every change writes client_history rows (CREATED, then one FIELD row per changed field).
 */
@ApplicationScoped
public class ClientService {
    @Inject
    Db db;
    @Inject
    ClientRepository clients;
    @Inject
    ClientHistoryRepository history;
    @Inject
    ObjectMapper json;
    @Inject
    CustomFieldValues customFieldValues;
    @Inject
    be.fiduciaire.tracker.peppol.PeppolRegistrations registrations;

    /** What a request body asks for, checked: standard values to store, custom values by key (NullNode removes). */
    private record Changes(Map<StandardField, Object> standard, Map<String, JsonNode> custom, Long bodyVersion) {}

    // ------------------------------------------------------------------ reads

    @Transactional
    public ClientView get(UUID id) {
        return db.one("select " + ClientRows.COLUMNS + ClientRows.FROM + " where c.id = ?", r -> ClientRows.map(r, json), id)
                .orElseThrow(() -> ProblemException.notFound("Client"));
    }

    @Transactional
    public PageResult<HistoryEntry> history(UUID id, Paging paging) {
        clients.requireExists(id);
        return new PageResult<>(history.page(id, paging), paging.page(), paging.size(), history.count(id));
    }

    // ------------------------------------------------------------------ writes

    @Transactional
    public ClientView create(ClientInput body) {
        Changes changes = validate(body, null);
        checkAgainstDatabase(null, changes.standard());
        Client client = new Client();
        changes.standard().forEach(client::set);
        ObjectNode custom = json.createObjectNode();
        changes.custom().forEach((k, v) -> { if (!v.isNull()) custom.set(k, v); });
        client.customFieldsJson = custom.toString();
        clients.persist(client);
        clients.flushChanges();
        clients.insertFields(client.id, client.customFieldsJson);
        history.record(client.id, "CREATED", null, null, null);
        return get(client.id);
    }

    @Transactional
    public ClientView patch(UUID id, ClientInput body, Long ifMatch) {
        Client client = clients.lock(id);
        if (ifMatch != null && ifMatch != client.shownVersion()) {
            throw ProblemException.preconditionFailed("The client was changed by someone else (now version " + client.shownVersion() + ")", client.shownVersion());
        }
        Changes changes = validate(body, client);
        if (changes.bodyVersion() != null && changes.bodyVersion() != client.shownVersion()) {
            throw ProblemException.staleVersion("The client was changed by someone else (now version " + client.shownVersion() + ")", client.shownVersion());
        }
        // the resulting state must still be coherent (e.g. a Belgian VAT number matching the enterprise number)
        List<FieldError> errors = new ArrayList<>();
        crossCheck(merged(client, changes.standard()), errors);
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        checkAgainstDatabase(id, changes.standard());
        applyChanges(client, changes.standard(), changes.custom());
        // the diagnosis compares the declared receiving software with the access point's (software_mismatch)
        if (changes.custom().containsKey("peppol_software_receive")) registrations.rediagnose(List.of(id));
        return get(id);
    }

    /** DELETE archives: status ARCHIVED, the client stays readable. */
    @Transactional
    public ClientView archive(UUID id, Long ifMatch) {
        Client client = clients.lock(id);
        if (ifMatch != null && ifMatch != client.shownVersion()) {
            throw ProblemException.preconditionFailed("The client was changed by someone else (now version " + client.shownVersion() + ")", client.shownVersion());
        }
        applyChanges(client, Map.of(StandardField.STATUS, ClientView.ClientStatus.ARCHIVED), Map.of());
        return get(id);
    }

    /**
     * Writes the changes that differ from the stored state (one version step for all of them) and one history row
     * per changed field. Returns whether anything changed. {@code client} is locked ({@link ClientRepository#lock}).
     */
    boolean applyChanges(Client client, Map<StandardField, Object> standard, Map<String, JsonNode> custom) {
        Map<StandardField, Object> changed = new LinkedHashMap<>();
        standard.forEach((f, v) -> { if (!Objects.equals(client.get(f), v)) changed.put(f, v); });
        if (changed.isEmpty() && custom.isEmpty()) return false;
        Map<StandardField, Object> before = new LinkedHashMap<>();
        changed.forEach((f, v) -> {
            before.put(f, client.get(f));
            client.set(f, v);
        });
        Map<String, JsonNode> stored = customFields(client);
        client.touch();
        clients.flushChanges();
        if (!custom.isEmpty()) {
            ObjectNode set = json.createObjectNode();
            List<String> removed = new ArrayList<>();
            custom.forEach((k, v) -> { if (v.isNull()) removed.add(k); else set.set(k, v); });
            clients.mergeCustomFields(client.id, set.toString(), removed.toArray(String[]::new));
        }
        for (var e : changed.entrySet()) {
            history.record(client.id, "FIELD", e.getKey().json(), toJson(before.get(e.getKey())), toJson(e.getValue()));
        }
        for (var e : custom.entrySet()) {
            history.record(client.id, "FIELD", "cf." + e.getKey(), stored.get(e.getKey()), e.getValue().isNull() ? null : e.getValue());
        }
        return true;
    }

    /** The client's stored custom-field values by key. */
    Map<String, JsonNode> customFields(Client client) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        readTree(client.customFieldsJson).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    // ------------------------------------------------------------------ validation

    /** Checks the whole body and reports every bad property in one 422; {@code client} is null when creating. */
    private Changes validate(ClientInput body, Client client) {
        if (body == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON object is required");
        boolean creating = client == null;
        List<FieldError> errors = new ArrayList<>();
        body.unknownProperties().keySet().forEach(name -> errors.add(FieldError.of(name, ErrorCode.UNKNOWN_PROPERTY, "Unknown property")));
        if (body.address() != null && body.address().value() != null && body.address().value().unknown() != null) {
            body.address().value().unknown().keySet().forEach(name -> errors.add(FieldError.of("address." + name, ErrorCode.UNKNOWN_PROPERTY, "Unknown property")));
        }
        if (body.address() != null && body.address().isInvalid()) {
            errors.add(FieldError.of("address", ErrorCode.TYPE_OBJECT, "Must be an object {street, postalCode, city, country}"));
        }
        Map<StandardField, Object> standard = new LinkedHashMap<>();
        body.standard().forEach((f, patch) -> {
            if (patch.isInvalid()) {
                errors.add(FieldError.of(f.json(), f.typeError()));
                return;
            }
            try {
                standard.put(f, f.normalise(patch.value()));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(f.json(), e));
            }
        });
        Long bodyVersion = null;
        Patch<Long> version = body.version();
        if (version != null && version.isInvalid()) errors.add(FieldError.of("version", ErrorCode.TYPE_INTEGER, "Must be a whole number"));
        else if (version != null) bodyVersion = version.value();
        Map<String, JsonNode> customChanges = Map.of();
        Patch<Map<String, JsonNode>> cf = body.customFields();
        if (cf != null && cf.isInvalid()) errors.add(FieldError.of("customFields", ErrorCode.TYPE_OBJECT, "Must be an object {fieldKey: value}"));
        else if (cf != null && cf.value() != null) customChanges = cf.value();
        if (creating && !standard.containsKey(StandardField.NAME) && errors.stream().noneMatch(e -> e.field().equals("name"))) {
            errors.add(FieldError.of("name", ErrorCode.REQUIRED, "name is required"));
        }
        if (creating) crossCheck(standard, errors);
        Map<String, JsonNode> custom = Map.of();
        try {
            custom = customFieldValues.validate(customChanges, creating ? Map.of() : customFields(client), creating);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return new Changes(standard, custom, bodyVersion);
    }

    private static Map<StandardField, Object> merged(Client client, Map<StandardField, Object> changes) {
        Map<StandardField, Object> merged = new LinkedHashMap<>();
        merged.put(StandardField.ENTERPRISE_NUMBER, client.get(StandardField.ENTERPRISE_NUMBER));
        merged.put(StandardField.VAT_NUMBER, client.get(StandardField.VAT_NUMBER));
        merged.putAll(changes);
        return merged;
    }

    /**
     * The rule between fields of one client: a Belgian VAT number must contain the enterprise number. {@code values}
     * holds the resulting state (at least these two fields); a refusal is added to {@code errors} as {@code vatNumber}.
     * Also used by the spreadsheet import.
     */
    public static void crossCheck(Map<StandardField, Object> values, List<FieldError> errors) {
        if (errors.stream().anyMatch(e -> e.field().equals("vatNumber") || e.field().equals("enterpriseNumber"))) return;
        String enterprise = (String) values.get(StandardField.ENTERPRISE_NUMBER);
        String vat = (String) values.get(StandardField.VAT_NUMBER);
        if (enterprise != null && vat != null) {
            BelgianIdentifiers.enterpriseNumberOfVat(vat).filter(n -> !n.equals(enterprise)).ifPresent(n -> errors.add(
                    FieldError.of("vatNumber", ErrorCode.VAT_NUMBER_MISMATCH, "The Belgian VAT number " + vat + " does not match the enterprise number " + enterprise,
                            "vatNumber", vat, "enterpriseNumber", enterprise)));
        }
    }

    /** Checks that need the database: the responsible user exists (422), the reference is unique (409). */
    private void checkAgainstDatabase(UUID id, Map<StandardField, Object> changes) {
        UUID responsible = (UUID) changes.get(StandardField.RESPONSIBLE_USER_ID);
        if (responsible != null && !db.exists("select 1 from app_user where id = ?", responsible)) {
            throw ProblemException.validation("responsibleUserId", ErrorCode.REFERENCE_UNKNOWN, "No user with this id", "resource", "User");
        }
        String reference = (String) changes.get(StandardField.REFERENCE);
        if (reference != null && clients.referenceTaken(reference, id)) {
            throw ProblemException.conflict("reference", ErrorCode.REFERENCE_TAKEN, "Another client already has the reference '" + reference + "'", "reference", reference);
        }
    }

    // ------------------------------------------------------------------ JSON helpers

    private JsonNode toJson(Object value) {
        if (value == null) return NullNode.getInstance();
        return json.valueToTree(value instanceof UUID || value instanceof Enum<?> ? value.toString() : value);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
