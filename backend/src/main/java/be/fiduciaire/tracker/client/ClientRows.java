package be.fiduciaire.tracker.client;

import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientView.Address;
import be.fiduciaire.tracker.client.ClientView.ClientLanguage;
import be.fiduciaire.tracker.client.ClientView.ClientStatus;
import be.fiduciaire.tracker.client.ClientView.ClientType;
import be.fiduciaire.tracker.client.ClientView.LastInfoEmail;
import be.fiduciaire.tracker.client.ClientView.PeppolSummary;
import be.fiduciaire.tracker.common.db.Row;
import be.fiduciaire.tracker.peppol.PeppolStatus;

/**
 * The one SQL projection of a client and its mapping to {@link ClientView}, shared by the single-client
 * endpoints and the list / export queries. Table alias {@code c} is the client with its custom fields (the view
 * client_with_fields, V99), {@code p} its Peppol registration.
 * The standard columns come from {@link StandardField}; each is read back by its column name.
 */
public final class ClientRows {
    /** The client's latest queued peppol_info message (one index probe on email_message_client_idx per shown row). */
    private static final String LATEST_INFO_EMAIL = """
            select %s from email_message m join email_send s on s.id = m.send_id
             where m.client_id = c.id and s.template_key = 'peppol_info' and m.status <> 'SKIPPED' order by m.id desc limit 1""";
    public static final String COLUMNS = Stream.concat(
            Stream.of(StandardField.values()).filter(f -> f.column().isPresent()).map(StandardField::sql),
            Stream.of("c.custom_fields::text as custom_fields", "p.status as peppol_status",
                    "p.access_point_name as peppol_access_point_name", "p.checked_at as peppol_checked_at",
                    "p.reason_codes::text as peppol_reason", "c.version",
                    "(" + LATEST_INFO_EMAIL.formatted("m.status") + ") as last_info_email_status",
                    "(" + LATEST_INFO_EMAIL.formatted("coalesce(m.sent_at, m.updated_at)") + ") as last_info_email_at"))
            .collect(Collectors.joining(", "));
    public static final String FROM = " from client_with_fields c left join peppol_registration p on p.client_id = c.id ";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<java.util.List<String>> CODES = new TypeReference<>() {};

    private ClientRows() {}

    public static ClientView map(Row r, ObjectMapper json) throws SQLException {
        Map<String, Object> customFields;
        try {
            customFields = json.readValue(r.string("custom_fields"), MAP);
        } catch (Exception e) {
            throw new SQLException("Bad custom_fields JSON for client " + r.string("id"), e);
        }
        PeppolStatus peppolStatus = r.enumValue("peppol_status", PeppolStatus.class);
        java.util.List<String> reasons;
        try {
            reasons = r.string("peppol_reason") == null ? java.util.List.of() : json.readValue(r.string("peppol_reason"), CODES);
        } catch (Exception e) {
            throw new SQLException("Bad reason_codes JSON for client " + r.string("id"), e);
        }
        String lastInfoEmailStatus = r.string("last_info_email_status");
        return new ClientView(
                r.uuid("id"), r.string("reference"), r.string("name"), r.enumValue("type", ClientType.class),
                r.string("legal_form"), r.string("enterprise_number"), r.string("vat_number"), r.bool("vat_liable"),
                r.string("email"), r.enumValue("language", ClientLanguage.class),
                new Address(r.string("street"), r.string("postal_code"), r.string("city"), r.string("country")),
                r.uuid("responsible_user_id"), r.enumValue("status", ClientStatus.class), customFields,
                peppolStatus == null ? null
                        : new PeppolSummary(peppolStatus, r.string("peppol_access_point_name"), r.timestamp("peppol_checked_at"), reasons),
                lastInfoEmailStatus == null ? null : new LastInfoEmail(lastInfoEmailStatus, r.timestamp("last_info_email_at")),
                r.longValue("version"), r.timestamp("created_at"), r.timestamp("updated_at"));
    }
}
