package be.fiduciaire.tracker.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientView.Address;
import be.fiduciaire.tracker.client.ClientView.ClientStatus;
import be.fiduciaire.tracker.client.ClientView.ClientType;
import be.fiduciaire.tracker.client.ClientView.PeppolSummary;

/**
 * The one SQL projection of a client and its mapping to {@link ClientView}, shared by the single-client
 * endpoints and the list / export queries. Table alias {@code c} is the client, {@code p} its Peppol registration.
 */
public final class ClientRows {
    public static final String COLUMNS = """
            c.id, c.reference, c.name, c.type, c.legal_form, c.enterprise_number, c.vat_number, c.vat_liable, c.email,
            c.language, c.street, c.postal_code, c.city, c.country, c.responsible_user_id, c.status, c.custom_fields::text,
            p.status as peppol_status, p.access_point_name, p.checked_at, c.version, c.created_at, c.updated_at""";
    public static final String FROM = " from client c left join peppol_registration p on p.client_id = c.id ";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private ClientRows() {}

    public static ClientView map(ResultSet rs, ObjectMapper json) throws SQLException {
        Map<String, Object> customFields;
        try {
            customFields = json.readValue(rs.getString(17), MAP);
        } catch (Exception e) {
            throw new SQLException("Bad custom_fields JSON for client " + rs.getString(1), e);
        }
        String peppolStatus = rs.getString(18);
        return new ClientView(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), ClientType.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                new Address(rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)),
                rs.getObject(15, UUID.class), ClientStatus.valueOf(rs.getString(16)), customFields,
                peppolStatus == null ? null : new PeppolSummary(peppolStatus, rs.getString(19), rs.getObject(20, OffsetDateTime.class)),
                rs.getLong(21), rs.getObject(22, OffsetDateTime.class), rs.getObject(23, OffsetDateTime.class));
    }
}
