package be.fiduciaire.tracker.peppol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.peppol.PeppolRegistrationView.AccessPointView;
import be.fiduciaire.tracker.peppol.PeppolRegistrationView.LastCheck;
import be.fiduciaire.tracker.peppol.lookup.LookupFailure;
import be.fiduciaire.tracker.peppol.lookup.LookupResult;
import be.fiduciaire.tracker.peppol.lookup.PeppolLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Reads and writes {@code peppol_registration}. {@code status} is what is known — the last conclusive outcome — and
 * every reader (client JSON, list, filters, export, stats, dashboard, {@code peppol_registered}) reads it; a
 * failed check only records itself beside it ({@code last_check_outcome}, {@code checked_at},
 * {@code last_check_error}). Every change of status or access point is a PEPPOL history entry of the client.
 */
@ApplicationScoped
public class PeppolRegistrations {
    public static final String CUSTOM_FIELD = "peppol_registered";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<PeppolDiagnosis.Reason>> REASONS = new TypeReference<>() {};
    private static final TypeReference<List<LookupResult.IdentifierCheck>> IDENTIFIERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    @Inject
    PeppolLookup lookup;

    @Inject
    AccessPointSoftware software;

    public record Actor(UUID id, String name) {
        public static final Actor SYSTEM = new Actor(null, "system");
    }

    public record ClientIds(UUID id, String enterpriseNumber, String vatNumber) {}

    /** One look-up result to record; {@code runId} names the refresh run, null for a single client's refresh. */
    public record Check(UUID clientId, LookupResult result, Actor actor, UUID runId) {
        public Check(UUID clientId, LookupResult result, Actor actor) {
            this(clientId, result, actor, null);
        }
    }

    @Transactional
    public ClientIds client(UUID clientId) {
        return db.one("select id, enterprise_number, vat_number from client where id = ?",
                        r -> new ClientIds(r.uuid("id"), r.string("enterprise_number"), r.string("vat_number")), clientId)
                .orElseThrow(() -> ProblemException.notFound("Client " + clientId));
    }

    /** Looks one client up now and records the result; no transaction is open during the look-up. */
    public PeppolRegistrationView refresh(UUID clientId, Actor actor) {
        ClientIds client = client(clientId);
        LookupResult result = lookup.lookup(client.enterpriseNumber(), client.vatNumber());
        recordOne(new Check(clientId, result, actor));
        return view(clientId);
    }

    @Transactional
    void recordOne(Check check) {
        record(List.of(check));
    }

    @Transactional
    public PeppolRegistrationView view(UUID clientId) {
        client(clientId);
        AccessPointSoftware.Mapping mapping = software.load();
        return db.one("""
                        select status, participant_id, access_point_name, access_point_seat_id, access_point_country, smp_host,
                               endpoint_url, document_types::text as document_types, can_receive_invoices, confirmed_at,
                               last_change_at, coalesce(last_check_outcome, status) as last_check_outcome, checked_at,
                               last_check_error, last_check_error_code, last_check_error_params::text as last_check_error_params,
                               can_receive_credit_notes, reasons::text as reasons, identifiers::text as identifiers
                        from peppol_registration where client_id = ?""",
                r -> {
                    String name = r.string("access_point_name");
                    String seat = r.string("access_point_seat_id");
                    return new PeppolRegistrationView(clientId, r.enumValue("status", PeppolStatus.class), r.string("participant_id"),
                            name == null && seat == null ? null : new AccessPointView(name, seat, r.string("access_point_country")),
                            r.string("smp_host"), r.string("endpoint_url"), strings(r.string("document_types")),
                            r.bool("can_receive_invoices"), r.timestamp("confirmed_at"), r.timestamp("last_change_at"),
                            r.timestamp("checked_at") == null ? null : new LastCheck(r.enumValue("last_check_outcome", PeppolStatus.class),
                                    r.timestamp("checked_at"), r.string("last_check_error"), r.string("last_check_error_code"),
                                    errorParams(json, r.string("last_check_error_params"))),
                            r.nullableBool("can_receive_credit_notes"), read(r.string("reasons"), REASONS),
                            read(r.string("identifiers"), IDENTIFIERS).stream().map(c -> new PeppolRegistrationView.IdentifierView(
                                    c.scheme(), c.participantId(), c.status(), c.accessPointName(), c.accessPointSeatId(),
                                    c.canReceiveInvoices(), c.canReceiveCreditNotes(), c.certificateNotAfter())).toList(),
                            "REGISTERED".equals(r.string("status")) ? mapping.softwareOf(name, seat) : null);
                }, clientId)
                .orElse(new PeppolRegistrationView(clientId, null, null, null, null, null, List.of(), false, null, null, null, null));
    }

    /**
     * The known status of each of these clients that has a registration row, locking the rows (in client order, so
     * writers of overlapping sets never deadlock) until the transaction ends: what a writer compares against is
     * what is really there, whoever wrote last.
     */
    public Map<UUID, PeppolStatus> lockKnown(List<UUID> clientIds) {
        Map<UUID, PeppolStatus> known = new HashMap<>();
        db.list("select client_id, status from peppol_registration where client_id = any(?::uuid[]) order by client_id for update",
                r -> known.put(r.uuid("client_id"), r.enumValue("status", PeppolStatus.class)), (Object) texts(clientIds));
        return known;
    }

    /**
     * Records look-up results in the current transaction, set-based (a handful of statements for a whole batch).
     * The registration rows are created if missing and locked first; the change is computed against the locked
     * row, so a second writer of the same result (two workers racing on one client) changes nothing and writes no
     * history. A failed check never touches the known status, access point or {@code peppol_registered}.
     *
     * @return each client's known status before this write (absent: the client had no registration)
     */
    public Map<UUID, PeppolStatus> record(List<Check> checks) {
        if (checks.isEmpty()) return Map.of();
        List<UUID> ids = checks.stream().map(Check::clientId).distinct().sorted().toList();
        // Rows created here are new (no "before"); one created by a concurrent writer is waited for and then locked.
        Set<UUID> created = new HashSet<>(db.list("""
                insert into peppol_registration (client_id, status, last_check_outcome, checked_at, last_change_at)
                select id, 'LOOKUP_FAILED', 'LOOKUP_FAILED', now(), now() from unnest(?::uuid[]) as id order by id
                on conflict (client_id) do nothing returning client_id""", r -> r.uuid("client_id"), (Object) texts(ids)));
        Map<UUID, Before> before = new HashMap<>();
        db.list("""
                select p.client_id, p.status, p.access_point_name, p.can_receive_credit_notes,
                       c.custom_fields ->> 'peppol_software_receive' as declared_software
                from peppol_registration p join client_with_fields c on c.id = p.client_id
                where p.client_id = any(?::uuid[]) order by p.client_id for update of p""",
                r -> before.put(r.uuid("client_id"), new Before(r.string("status"), r.string("access_point_name"),
                        r.nullableBool("can_receive_credit_notes"), r.string("declared_software"))),
                (Object) texts(ids));
        AccessPointSoftware.Mapping mapping = software.load();
        Instant now = Instant.now();

        List<Object[]> failed = new ArrayList<>();
        List<Object[]> conclusive = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        List<Object[]> customField = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
        List<Object[]> expiring = new ArrayList<>();
        Map<UUID, PeppolStatus> result = new HashMap<>();
        for (Check check : checks) {
            UUID id = check.clientId();
            LookupResult r = check.result();
            boolean isNew = created.contains(id);
            Before was = before.get(id);
            String oldStatus = isNew ? null : was.status();
            String oldAccessPoint = isNew ? null : was.accessPoint();
            if (!isNew) result.put(id, PeppolStatus.valueOf(oldStatus));
            Actor actor = check.actor();
            if (r.status() == PeppolStatus.LOOKUP_FAILED) {
                failed.add(new Object[] {truncate(r.error()), code(r.failure()), params(r.failure()), r.smpHost(), id});
                if (isNew) history.add(new Object[] {id, actor.id(), actor.name(), "peppol.status", null, PeppolStatus.LOOKUP_FAILED.name()});
                continue;
            }
            String accessPoint = r.accessPoint() == null ? null : r.accessPoint().name();
            List<PeppolDiagnosis.Reason> reasons = PeppolDiagnosis.reasons(new PeppolDiagnosis.Facts(r.status(), accessPoint,
                    r.accessPoint() == null ? null : r.accessPoint().seatId(), r.canReceiveCreditNotes(), r.certificateNotAfter(),
                    r.identifiers(), was == null ? null : was.declaredSoftware()), mapping, now);
            boolean statusChanged = !r.status().name().equals(oldStatus);
            boolean accessPointChanged = !java.util.Objects.equals(accessPoint, oldAccessPoint);
            conclusive.add(new Object[] {r.status().name(), r.participantId(), accessPoint,
                    r.accessPoint() == null ? null : r.accessPoint().seatId(), r.accessPoint() == null ? null : r.accessPoint().country(),
                    r.smpHost(), r.endpointUrl(), documentTypes(r), r.canReceiveInvoices(), r.canReceiveCreditNotes(),
                    r.error() == null ? null : truncate(r.error()), code(r.failure()), params(r.failure()), statusChanged || accessPointChanged,
                    toJson(r.identifiers()), toJson(reasons), toJson(reasons.stream().map(PeppolDiagnosis.Reason::code).toList()),
                    r.certificateNotAfter() == null ? null : OffsetDateTime.ofInstant(r.certificateNotAfter(), ZoneOffset.UTC), id});
            changes(check, oldStatus, oldAccessPoint, isNew ? null : was.canReceiveCreditNotes(), accessPoint, now, changes, expiring);
            if (statusChanged) history.add(new Object[] {id, actor.id(), actor.name(), "peppol.status", oldStatus, r.status().name()});
            if (accessPointChanged) history.add(new Object[] {id, actor.id(), actor.name(), "peppol.accessPoint", oldAccessPoint, accessPoint});
            String registered = registeredValue(r);
            customField.add(new Object[] {registered, id});
        }
        // one statement per kind of write for the whole batch (statement-level count triggers fire once)
        db.updateRows("""
                update peppol_registration p set last_check_outcome = 'LOOKUP_FAILED', checked_at = now(), last_check_error = x.error,
                       last_check_error_code = x.code, last_check_error_params = x.params::jsonb, smp_host = coalesce(p.smp_host, x.host)
                from %s as x(error, code, params, host, client_id)
                where p.client_id = x.client_id::uuid""".formatted(Db.unnest(5)), failed);
        db.updateRows("""
                update peppol_registration p set status = x.status, last_check_outcome = x.status, participant_id = x.participant_id,
                       access_point_name = x.ap_name, access_point_seat_id = x.ap_seat, access_point_country = x.ap_country,
                       smp_host = x.smp_host, endpoint_url = x.endpoint_url, document_types = x.document_types::jsonb,
                       can_receive_invoices = x.invoices::boolean, can_receive_credit_notes = x.credit_notes::boolean,
                       checked_at = now(), confirmed_at = now(), last_check_error = x.error, last_check_error_code = x.code,
                       last_check_error_params = x.params::jsonb,
                       last_change_at = case when x.changed::boolean then now() else p.last_change_at end,
                       identifiers = x.identifiers::jsonb, reasons = x.reasons::jsonb, reason_codes = x.reason_codes::jsonb,
                       certificate_not_after = x.not_after::timestamptz
                from %s as x(status, participant_id, ap_name, ap_seat, ap_country, smp_host, endpoint_url, document_types,
                             invoices, credit_notes, error, code, params, changed, identifiers, reasons, reason_codes, not_after, client_id)
                where p.client_id = x.client_id::uuid""".formatted(Db.unnest(19)), conclusive);
        db.updateRows("""
                insert into peppol_change (client_id, kind, from_value, to_value, run_id)
                select x.client_id::uuid, x.kind, x.from_value, x.to_value, x.run_id::uuid
                from %s as x(client_id, kind, from_value, to_value, run_id)""".formatted(Db.unnest(5)), changes);
        db.updateRows("""
                insert into peppol_change (client_id, kind, from_value, to_value, run_id)
                select x.client_id::uuid, 'CERTIFICATE_EXPIRING', x.from_value, x.to_value, x.run_id::uuid
                from %s as x(client_id, from_value, to_value, run_id)
                on conflict (client_id, to_value) where kind = 'CERTIFICATE_EXPIRING' do nothing""".formatted(Db.unnest(4)), expiring);
        db.updateRows("""
                insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                select x.client_id::uuid, x.actor_id::uuid, x.actor_name, 'PEPPOL', x.field, to_jsonb(x.old_value), to_jsonb(x.new_value)
                from %s as x(client_id, actor_id, actor_name, field, old_value, new_value)""".formatted(Db.unnest(6)), history);
        // in client order, like the registration rows locked above: a batch's plan walks the unnested rows in their order
        customField.sort(java.util.Comparator.comparing(row -> (UUID) row[1]));
        db.updateRows("""
                update client_fields f set custom_fields = case when x.registered is null then f.custom_fields - 'peppol_registered'
                                                         else jsonb_set(f.custom_fields, '{peppol_registered}', to_jsonb(x.registered)) end
                from %s as x(registered, client_id)
                where f.client_id = x.client_id::uuid
                  and (f.custom_fields -> 'peppol_registered') is distinct from to_jsonb(x.registered)""".formatted(Db.unnest(2)), customField);
        return result;
    }

    /**
     * Derives the reasons of these clients again from what is known (no look-up): after an edit of the declared
     * receiving software, so that software_mismatch and the peppol.reason filter follow it at once.
     */
    public void rediagnose(List<UUID> clientIds) {
        if (clientIds.isEmpty()) return;
        AccessPointSoftware.Mapping mapping = software.load();
        Instant now = Instant.now();
        List<Object[]> updates = new ArrayList<>();
        db.list("""
                select p.client_id, p.status, p.access_point_name, p.access_point_seat_id, p.can_receive_credit_notes,
                       p.certificate_not_after, p.identifiers::text as identifiers, p.reasons::text as reasons,
                       c.custom_fields ->> 'peppol_software_receive' as declared_software
                from peppol_registration p join client_with_fields c on c.id = p.client_id
                where p.client_id = any(?::uuid[]) and p.status <> 'LOOKUP_FAILED' order by p.client_id for update of p""", r -> {
            OffsetDateTime notAfter = r.timestamp("certificate_not_after");
            List<PeppolDiagnosis.Reason> reasons = PeppolDiagnosis.reasons(new PeppolDiagnosis.Facts(r.enumValue("status", PeppolStatus.class),
                    r.string("access_point_name"), r.string("access_point_seat_id"), r.nullableBool("can_receive_credit_notes"),
                    notAfter == null ? null : notAfter.toInstant(), read(r.string("identifiers"), IDENTIFIERS), r.string("declared_software")),
                    mapping, now);
            if (!reasons.equals(read(r.string("reasons"), REASONS)))
                updates.add(new Object[] {toJson(reasons), toJson(reasons.stream().map(PeppolDiagnosis.Reason::code).toList()), r.uuid("client_id")});
            return null;
        }, (Object) texts(clientIds));
        db.updateRows("""
                update peppol_registration p set reasons = x.reasons::jsonb, reason_codes = x.reason_codes::jsonb
                from %s as x(reasons, reason_codes, client_id) where p.client_id = x.client_id::uuid""".formatted(Db.unnest(3)), updates);
    }

    /** What a registration row held before this write. */
    private record Before(String status, String accessPoint, Boolean canReceiveCreditNotes, String declaredSoftware) {}

    /**
     * The changes a conclusive check makes to what is known (api.md "changes"): became registered, switched access
     * point, dropped off the network, lost credit notes; and a certificate expiring within 30 days, told once per
     * certificate end of validity (the unique index keeps later nights from telling it again).
     */
    private static void changes(Check check, String oldStatus, String oldAccessPoint, Boolean hadCreditNotes, String accessPoint,
                                Instant now, List<Object[]> changes, List<Object[]> expiring) {
        LookupResult r = check.result();
        UUID id = check.clientId();
        boolean wasRegistered = PeppolStatus.REGISTERED.name().equals(oldStatus);
        boolean registered = r.status() == PeppolStatus.REGISTERED;
        if (!wasRegistered && registered)
            changes.add(new Object[] {id, ChangeKind.REGISTERED.name(), oldStatus, accessPoint, check.runId()});
        if (wasRegistered && registered && !java.util.Objects.equals(oldAccessPoint, accessPoint))
            changes.add(new Object[] {id, ChangeKind.SWITCHED_ACCESS_POINT.name(), oldAccessPoint, accessPoint, check.runId()});
        if (wasRegistered && !registered)
            changes.add(new Object[] {id, ChangeKind.DEREGISTERED.name(), oldAccessPoint, r.status().name(), check.runId()});
        if (wasRegistered && registered && Boolean.TRUE.equals(hadCreditNotes) && !r.canReceiveCreditNotes())
            changes.add(new Object[] {id, ChangeKind.LOST_CREDIT_NOTES.name(), accessPoint, null, check.runId()});
        if (registered && r.certificateNotAfter() != null && r.certificateNotAfter().isBefore(now.plus(PeppolDiagnosis.CERTIFICATE_WARNING)))
            expiring.add(new Object[] {id, accessPoint, r.certificateNotAfter().toString(), check.runId()});
    }

    /** The value of the {@code peppol_registered} custom field: who receives the client's invoices, when registered. */
    private static String registeredValue(LookupResult r) {
        if (r.status() != PeppolStatus.REGISTERED) return null;
        if (r.accessPoint() != null && r.accessPoint().name() != null) return r.accessPoint().name();
        if (r.accessPoint() != null && r.accessPoint().seatId() != null) return r.accessPoint().seatId();
        return r.smpHost();
    }

    /** The stored code of a failure (null: none). */
    static String code(LookupFailure failure) {
        return failure == null ? null : failure.code().code();
    }

    /** The stored params of a failure, as jsonb text (null: none). */
    String params(LookupFailure failure) {
        return failure == null ? null : toJson(failure.params());
    }

    /** Stored params as served (null when there are none: a row written before V96). */
    static Map<String, Object> errorParams(ObjectMapper json, String text) {
        try {
            return text == null ? null : json.readValue(text, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String documentTypes(LookupResult r) {
        try {
            return json.writeValueAsString(r.documentTypes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        try {
            return text == null ? List.of() : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] texts(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static String truncate(String error) {
        if (error == null) return "look-up failed";
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
