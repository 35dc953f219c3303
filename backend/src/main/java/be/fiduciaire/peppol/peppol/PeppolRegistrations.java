package be.fiduciaire.peppol.peppol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.peppol.common.ProblemException;
import be.fiduciaire.peppol.peppol.PeppolRegistrationView.AccessPointView;
import be.fiduciaire.peppol.peppol.lookup.LookupResult;
import be.fiduciaire.peppol.peppol.lookup.PeppolLookup;
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
        Jdbc.inTransaction(dataSource, c -> {
            apply(c, clientId, result, actor);
            return null;
        });
        return view(clientId);
    }

    public PeppolRegistrationView view(UUID clientId) {
        client(clientId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select last_outcome, status, participant_id, access_point_name, access_point_seat_id, access_point_country,
                            smp_host, endpoint_url, document_types::text, can_receive_invoices, checked_at, confirmed_at,
                            last_change_at, last_error, last_error_at
                     from peppol_registration where client_id = ?""")) {
            ps.setObject(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next())
                    return new PeppolRegistrationView(clientId, null, null, null, null, null, null, List.of(), false, null, null, null, null, null);
                String outcome = rs.getString(1);
                String name = rs.getString(4);
                String seat = rs.getString(5);
                return new PeppolRegistrationView(clientId,
                        PeppolStatus.valueOf(outcome != null ? outcome : rs.getString(2)), PeppolStatus.valueOf(rs.getString(2)),
                        rs.getString(3), name == null && seat == null ? null : new AccessPointView(name, seat, rs.getString(6)),
                        rs.getString(7), rs.getString(8), json.readValue(rs.getString(9), STRINGS), rs.getBoolean(10),
                        rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class),
                        rs.getObject(13, OffsetDateTime.class), rs.getString(14), rs.getObject(15, OffsetDateTime.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a look-up result in the caller's transaction. */
    public void apply(Connection c, UUID clientId, LookupResult result, Actor actor) throws SQLException {
        String oldStatus = null;
        String oldAccessPoint = null;
        boolean exists = false;
        try (PreparedStatement ps = c.prepareStatement(
                "select status, access_point_name from peppol_registration where client_id = ? for update")) {
            ps.setObject(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    exists = true;
                    oldStatus = rs.getString(1);
                    oldAccessPoint = rs.getString(2);
                }
            }
        }
        if (result.status() == PeppolStatus.LOOKUP_FAILED) {
            if (exists) {
                try (PreparedStatement ps = c.prepareStatement("""
                        update peppol_registration set last_outcome = 'LOOKUP_FAILED', checked_at = now(),
                               last_error = ?, last_error_at = now() where client_id = ?""")) {
                    ps.setString(1, truncate(result.error()));
                    ps.setObject(2, clientId);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into peppol_registration (client_id, status, last_outcome, smp_host, checked_at, last_change_at,
                               last_error, last_error_at)
                        values (?, 'LOOKUP_FAILED', 'LOOKUP_FAILED', ?, now(), now(), ?, now())""")) {
                    ps.setObject(1, clientId);
                    ps.setString(2, result.smpHost());
                    ps.setString(3, truncate(result.error()));
                    ps.executeUpdate();
                }
                history(c, clientId, actor, "peppol.status", null, PeppolStatus.LOOKUP_FAILED.name());
            }
            return; // never touches the known status, access point or peppol_registered
        }
        String status = result.status().name();
        String accessPoint = result.accessPoint() == null ? null : result.accessPoint().name();
        boolean statusChanged = !status.equals(oldStatus);
        boolean accessPointChanged = !Objects.equals(accessPoint, oldAccessPoint);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into peppol_registration (client_id, status, last_outcome, participant_id, access_point_name,
                       access_point_seat_id, access_point_country, smp_host, endpoint_url, document_types, can_receive_invoices,
                       checked_at, confirmed_at, last_change_at, last_error, last_error_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, now(), now(), now(), null, null)
                on conflict (client_id) do update set status = excluded.status, last_outcome = excluded.last_outcome,
                       participant_id = excluded.participant_id, access_point_name = excluded.access_point_name,
                       access_point_seat_id = excluded.access_point_seat_id, access_point_country = excluded.access_point_country,
                       smp_host = excluded.smp_host, endpoint_url = excluded.endpoint_url, document_types = excluded.document_types,
                       can_receive_invoices = excluded.can_receive_invoices, checked_at = excluded.checked_at,
                       confirmed_at = excluded.confirmed_at,
                       last_change_at = case when ? then excluded.last_change_at else peppol_registration.last_change_at end,
                       last_error = null, last_error_at = null""")) {
            ps.setObject(1, clientId);
            ps.setString(2, status);
            ps.setString(3, status);
            ps.setString(4, result.participantId());
            ps.setString(5, accessPoint);
            ps.setString(6, result.accessPoint() == null ? null : result.accessPoint().seatId());
            ps.setString(7, result.accessPoint() == null ? null : result.accessPoint().country());
            ps.setString(8, result.smpHost());
            ps.setString(9, result.endpointUrl());
            try {
                ps.setString(10, json.writeValueAsString(result.documentTypes()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            ps.setBoolean(11, result.canReceiveInvoices());
            ps.setBoolean(12, statusChanged || accessPointChanged);
            ps.executeUpdate();
        }
        if (statusChanged) history(c, clientId, actor, "peppol.status", oldStatus, status);
        if (accessPointChanged) history(c, clientId, actor, "peppol.accessPoint", oldAccessPoint, accessPoint);

        String registered = null;
        if (result.status() == PeppolStatus.REGISTERED) {
            registered = accessPoint != null ? accessPoint
                    : result.accessPoint() != null && result.accessPoint().seatId() != null ? result.accessPoint().seatId()
                    : result.smpHost();
        }
        // The system field: the access point's name when registered, absent otherwise; written only when it changes.
        try (PreparedStatement ps = c.prepareStatement("""
                update client set custom_fields = case when ?::text is null then custom_fields - ?
                                                       else jsonb_set(custom_fields, array[?], to_jsonb(?::text)) end
                where id = ? and (custom_fields -> ?) is distinct from to_jsonb(?::text)""")) {
            ps.setString(1, registered);
            ps.setString(2, CUSTOM_FIELD);
            ps.setString(3, CUSTOM_FIELD);
            ps.setString(4, registered);
            ps.setObject(5, clientId);
            ps.setString(6, CUSTOM_FIELD);
            ps.setString(7, registered);
            ps.executeUpdate();
        }
    }

    private void history(Connection c, UUID clientId, Actor actor, String field, String oldValue, String newValue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                values (?, ?, ?, 'PEPPOL', ?, to_jsonb(?::text), to_jsonb(?::text))""")) {
            ps.setObject(1, clientId);
            if (actor.id() == null) ps.setNull(2, Types.OTHER);
            else ps.setObject(2, actor.id());
            ps.setString(3, actor.name());
            ps.setString(4, field);
            ps.setString(5, oldValue);
            ps.setString(6, newValue);
            ps.executeUpdate();
        }
    }

    private static String truncate(String error) {
        if (error == null) return "look-up failed";
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
