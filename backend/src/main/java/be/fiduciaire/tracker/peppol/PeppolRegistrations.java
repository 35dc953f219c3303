package be.fiduciaire.tracker.peppol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.peppol.PeppolRegistrationView.AccessPointView;
import be.fiduciaire.tracker.peppol.lookup.LookupResult;
import be.fiduciaire.tracker.peppol.lookup.PeppolLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads and writes {@code peppol_registration}. {@code status} is the last known real status: a LOOKUP_FAILED
 * check only sets {@code last_outcome}, {@code checked_at} and the error, so the list, its filters and the
 * {@code peppol_registered} custom field keep what was known. Every change of status or access point is a
 * PEPPOL history entry of the client.
 */
@ApplicationScoped
public class PeppolRegistrations {
    public static final String CUSTOM_FIELD = "peppol_registered";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    PeppolLookup lookup;

    public record Actor(UUID id, String name) {
        public static final Actor SYSTEM = new Actor(null, "system");
    }

    public record ClientIds(UUID id, String enterpriseNumber, String vatNumber) {}

    public ClientIds client(UUID clientId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, enterprise_number, vat_number from client where id = ?")) {
            ps.setObject(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("Client " + clientId);
                return new ClientIds(clientId, rs.getString(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Looks one client up now and records the result. */
    public PeppolRegistrationView refresh(UUID clientId, Actor actor) {
        ClientIds client = client(clientId);
        LookupResult result = lookup.lookup(client.enterpriseNumber(), client.vatNumber());
        try (Connection c = dataSource.getConnection()) {
            apply(c, clientId, result, actor, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return view(clientId);
    }

    public PeppolRegistrationView view(UUID clientId) {
        client(clientId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select last_outcome, status, participant_id, access_point_name, access_point_seat_id, access_point_country,
                            smp_host, endpoint_url, document_types::text, can_receive_invoices, checked_at, confirmed_at,
                            last_change_at, last_error, last_error_at, can_receive_credit_notes
                     from peppol_registration where client_id = ?""")) {
            ps.setObject(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next())
                    return new PeppolRegistrationView(clientId, null, null, null, null, null, null, List.of(), false, null, null, null, null, null, null);
                String outcome = rs.getString(1);
                String name = rs.getString(4);
                String seat = rs.getString(5);
                return new PeppolRegistrationView(clientId,
                        PeppolStatus.valueOf(outcome != null ? outcome : rs.getString(2)), PeppolStatus.valueOf(rs.getString(2)),
                        rs.getString(3), name == null && seat == null ? null : new AccessPointView(name, seat, rs.getString(6)),
                        rs.getString(7), rs.getString(8), json.readValue(rs.getString(9), STRINGS), rs.getBoolean(10),
                        rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class),
                        rs.getObject(13, OffsetDateTime.class), rs.getString(14), rs.getObject(15, OffsetDateTime.class),
                        rs.getObject(16, Boolean.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a look-up result, and marks the run's item done when {@code runId} is given, in one SQL statement
     * (its own transaction): old values come from the statement's snapshot, so history rows see the state before.
     * The commit does not wait for the WAL flush: a write lost in a crash leaves the item pending, and it is
     * looked up again when the run resumes.
     */
    public void apply(Connection c, UUID clientId, LookupResult result, Actor actor, UUID runId) throws SQLException {
        boolean failed = result.status() == PeppolStatus.LOOKUP_FAILED;
        String sql = runId == null ? (failed ? FAILED_SQL : SUCCESS_SQL) : (failed ? FAILED_RUN_SQL : SUCCESS_RUN_SQL);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, clientId, result, actor, runId);
            ps.execute();
        }
    }

    private void bind(PreparedStatement ps, UUID clientId, LookupResult result, Actor actor, UUID runId) throws SQLException {
        boolean failed = result.status() == PeppolStatus.LOOKUP_FAILED;
        String accessPoint = result.accessPoint() == null ? null : result.accessPoint().name();
        String registered = null;
        if (result.status() == PeppolStatus.REGISTERED) {
            registered = accessPoint != null ? accessPoint
                    : result.accessPoint() != null && result.accessPoint().seatId() != null ? result.accessPoint().seatId()
                    : result.smpHost();
        }
        String documentTypes;
        try {
            documentTypes = json.writeValueAsString(result.documentTypes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int i = 1;
        ps.setObject(i++, clientId);
        ps.setString(i++, result.status().name());
        ps.setString(i++, result.participantId());
        ps.setString(i++, accessPoint);
        ps.setString(i++, result.accessPoint() == null ? null : result.accessPoint().seatId());
        ps.setString(i++, result.accessPoint() == null ? null : result.accessPoint().country());
        ps.setString(i++, result.smpHost());
        ps.setString(i++, result.endpointUrl());
        ps.setString(i++, documentTypes);
        ps.setBoolean(i++, result.canReceiveInvoices());
        ps.setString(i++, failed ? truncate(result.error()) : null);
        if (actor.id() == null) ps.setNull(i++, Types.OTHER);
        else ps.setObject(i++, actor.id());
        ps.setString(i++, actor.name());
        ps.setString(i++, registered);
        if (runId == null) ps.setNull(i++, Types.OTHER);
        else ps.setObject(i++, runId);
        ps.setBoolean(i, result.canReceiveCreditNotes());
    }

    /** Single look-up: the data-modifying CTEs run whatever the main query reads. */
    private static String single(String ctes) {
        return ctes.strip().replaceAll(",$", "") + "\nselect set_config('synchronous_commit', 'off', true)";
    }

    /** Within a run: the main statement marks the run's item done (no result set, so it can be batched). */
    private static String inRun(String ctes) {
        return ctes.strip().replaceAll(",$", "") + """

                update peppol_refresh_item t set state = 'DONE', outcome = i.status, attempts = t.attempts + 1, done_at = now()
                from i, (select set_config('synchronous_commit', 'off', true)) cfg
                where t.run_id = i.run_id and t.client_id = i.client_id""";
    }

    private static final String INPUT = """
            with i as (select ?::uuid as client_id, ?::text as status, ?::text as participant_id, ?::text as ap_name,
                              ?::text as ap_seat, ?::text as ap_country, ?::text as smp_host, ?::text as endpoint_url,
                              ?::jsonb as document_types, ?::boolean as can_receive, ?::text as error, ?::uuid as actor_id,
                              ?::text as actor_name, ?::text as registered, ?::uuid as run_id,
                              ?::boolean as can_receive_credit_notes),
            -- the state before this statement (no FOR UPDATE: the row is updated below in the same statement)
            old as (select p.status, p.access_point_name from peppol_registration p
                    where p.client_id = (select client_id from i)),
            """;

    /** A failed check never touches the known status, access point or peppol_registered. */
    private static final String FAILED_CTES = INPUT + """
            up as (insert into peppol_registration (client_id, status, last_outcome, smp_host, checked_at, last_change_at,
                          last_error, last_error_at)
                   select client_id, 'LOOKUP_FAILED', 'LOOKUP_FAILED', smp_host, now(), now(), error, now() from i
                   on conflict (client_id) do update set last_outcome = 'LOOKUP_FAILED', checked_at = now(),
                          last_error = excluded.last_error, last_error_at = now()
                   returning 1),
            h as (insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                  select client_id, actor_id, actor_name, 'PEPPOL', 'peppol.status', null, to_jsonb('LOOKUP_FAILED'::text)
                  from i where not exists (select 1 from old)
                  returning 1),
            """;

    private static final String SUCCESS_CTES = INPUT + """
            up as (insert into peppol_registration (client_id, status, last_outcome, participant_id, access_point_name,
                          access_point_seat_id, access_point_country, smp_host, endpoint_url, document_types,
                          can_receive_invoices, checked_at, confirmed_at, last_change_at, last_error, last_error_at,
                          can_receive_credit_notes)
                   select client_id, status, status, participant_id, ap_name, ap_seat, ap_country, smp_host, endpoint_url,
                          document_types, can_receive, now(), now(), now(), null, null, can_receive_credit_notes from i
                   on conflict (client_id) do update set status = excluded.status, last_outcome = excluded.last_outcome,
                          participant_id = excluded.participant_id, access_point_name = excluded.access_point_name,
                          access_point_seat_id = excluded.access_point_seat_id, access_point_country = excluded.access_point_country,
                          smp_host = excluded.smp_host, endpoint_url = excluded.endpoint_url,
                          document_types = excluded.document_types, can_receive_invoices = excluded.can_receive_invoices,
                          can_receive_credit_notes = excluded.can_receive_credit_notes,
                          checked_at = excluded.checked_at, confirmed_at = excluded.confirmed_at,
                          last_change_at = case when peppol_registration.status is distinct from excluded.status
                                                  or peppol_registration.access_point_name is distinct from excluded.access_point_name
                                                then excluded.last_change_at else peppol_registration.last_change_at end,
                          last_error = null, last_error_at = null
                   returning 1),
            h as (insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                  select i.client_id, i.actor_id, i.actor_name, 'PEPPOL', v.field, to_jsonb(v.old_value), to_jsonb(v.new_value)
                  from i cross join lateral (values
                          (1, 'peppol.status', (select status from old), i.status),
                          (2, 'peppol.accessPoint', (select access_point_name from old), i.ap_name)) v(ord, field, old_value, new_value)
                  where v.old_value is distinct from v.new_value
                  order by v.ord
                  returning 1),
            cf as (update client c set custom_fields = case when i.registered is null then c.custom_fields - 'peppol_registered'
                                                          else jsonb_set(c.custom_fields, '{peppol_registered}', to_jsonb(i.registered)) end
                   from i where c.id = i.client_id and (c.custom_fields -> 'peppol_registered') is distinct from to_jsonb(i.registered)
                   returning 1),
            """;

    private static final String FAILED_SQL = single(FAILED_CTES);
    private static final String SUCCESS_SQL = single(SUCCESS_CTES);
    private static final String FAILED_RUN_SQL = inRun(FAILED_CTES);
    private static final String SUCCESS_RUN_SQL = inRun(SUCCESS_CTES);

    /** One look-up of a run to record. */
    public record Recorded(UUID runId, UUID clientId, LookupResult result, Actor actor) {}

    /**
     * Records look-ups of runs in two JDBC batches (failed / other), each statement its own transaction: one
     * network round trip for many clients.
     */
    public void applyAll(Connection c, List<Recorded> recorded) throws SQLException {
        try (PreparedStatement failed = c.prepareStatement(FAILED_RUN_SQL); PreparedStatement other = c.prepareStatement(SUCCESS_RUN_SQL)) {
            int failedCount = 0;
            int otherCount = 0;
            for (Recorded r : recorded) {
                boolean isFailed = r.result().status() == PeppolStatus.LOOKUP_FAILED;
                bind(isFailed ? failed : other, r.clientId(), r.result(), r.actor(), r.runId());
                (isFailed ? failed : other).addBatch();
                if (isFailed) failedCount++;
                else otherCount++;
            }
            if (otherCount > 0) other.executeBatch();
            if (failedCount > 0) failed.executeBatch();
        }
    }

    private static String truncate(String error) {
        if (error == null) return "look-up failed";
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
