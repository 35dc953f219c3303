package be.fiduciaire.tracker.peppol;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The change feed of the registration refresh ({@code peppol_change}, written by {@link PeppolRegistrations#record}). */
@ApplicationScoped
public class PeppolChanges {
    @Inject
    Db db;

    @Inject
    AccessPointSoftware software;

    @Schema(name = "PeppolChange")
    public record Change(
            @Schema(required = true) long id,
            @Schema(required = true) UUID clientId,
            @Schema(required = true) String clientName,
            @Schema(nullable = true) UUID responsibleUserId,
            @Schema(required = true) ChangeKind kind,
            @Schema(required = true) OffsetDateTime at,
            @Schema(nullable = true, description = "REGISTERED: the status before; SWITCHED_ACCESS_POINT, DEREGISTERED, LOST_CREDIT_NOTES, "
                    + "CERTIFICATE_EXPIRING: the access point (before)") String from,
            @Schema(nullable = true, description = "REGISTERED, SWITCHED_ACCESS_POINT: the access point now; DEREGISTERED: the new status; "
                    + "CERTIFICATE_EXPIRING: the certificate's end of validity") String to,
            @Schema(nullable = true, description = "The refresh run that found it; null for a single client's refresh") UUID runId,
            @Schema(nullable = true, description = "REGISTERED, SWITCHED_ACCESS_POINT: the receiving software (option key of "
                    + "cf.peppol_software_receive) the maintained mapping knows for the new access point, when it differs from the "
                    + "client's declared one") String suggestedSoftware) {}

    /**
     * Changes, newest first. {@code since}: an instant (ISO 8601) or a date (from its start in Brussels);
     * {@code kinds}: comma lists or repeated values; {@code responsibleUserId}: the clients of this user.
     */
    @Transactional
    public PageResult<Change> list(String since, List<String> kinds, String responsibleUserId, Paging paging) {
        List<Sql> where = new ArrayList<>();
        if (since != null && !since.isBlank()) where.add(Sql.of("ch.at >= ?", parseSince(since.trim())));
        List<String> kindNames = new ArrayList<>();
        if (kinds != null)
            for (String k : kinds)
                for (String one : k.split(",")) {
                    String name = one.trim();
                    if (name.isEmpty()) continue;
                    if (Arrays.stream(ChangeKind.values()).noneMatch(c -> c.name().equals(name)))
                        throw ProblemException.badRequest("kind", ErrorCode.TYPE_ENUM, "kind must be one of " + Arrays.toString(ChangeKind.values()),
                                "allowed", Arrays.stream(ChangeKind.values()).map(Enum::name).toList());
                    kindNames.add(name);
                }
        if (!kindNames.isEmpty()) where.add(Sql.of("ch.kind = any(?::text[])", (Object) kindNames.toArray(String[]::new)));
        if (responsibleUserId != null && !responsibleUserId.isBlank()) {
            UUID user;
            try {
                user = UUID.fromString(responsibleUserId.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("responsibleUserId", ErrorCode.TYPE_ID, "responsibleUserId must be a user id");
            }
            where.add(Sql.of("c.responsible_user_id = ?", user));
        }
        Sql condition = where.isEmpty() ? Sql.TRUE : Sql.join(" and ", where);
        String from = """
                 from peppol_change ch join client_with_fields c on c.id = ch.client_id
                 left join peppol_registration p on p.client_id = ch.client_id""" + " where ";
        long total = db.number(condition.wrap("select count(*) as n " + from, ""));
        AccessPointSoftware.Mapping mapping = software.load();
        List<Change> items = db.list(condition.wrap("""
                select ch.id, ch.client_id, c.name, c.responsible_user_id, ch.kind, ch.at, ch.from_value, ch.to_value, ch.run_id,
                       c.custom_fields ->> 'peppol_software_receive' as declared, p.status, p.access_point_name, p.access_point_seat_id
                """ + from, " order by ch.at desc, ch.id desc limit ? offset ?", paging.size(), paging.offset()), r -> {
            ChangeKind kind = r.enumValue("kind", ChangeKind.class);
            String suggested = null;
            // only while the change's access point is still the client's (a later switch makes it history)
            if ((kind == ChangeKind.REGISTERED || kind == ChangeKind.SWITCHED_ACCESS_POINT) && "REGISTERED".equals(r.string("status"))
                    && java.util.Objects.equals(r.string("to_value"), r.string("access_point_name"))) {
                String mapped = mapping.softwareOf(r.string("access_point_name"), r.string("access_point_seat_id"));
                if (mapped != null && !mapped.equals(r.string("declared"))) suggested = mapped;
            }
            return new Change(r.longValue("id"), r.uuid("client_id"), r.string("name"), r.uuid("responsible_user_id"), kind,
                    r.timestamp("at"), r.string("from_value"), r.string("to_value"), r.uuid("run_id"), suggested);
        });
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private static OffsetDateTime parseSince(String since) {
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(since).atStartOfDay(Brussels.ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw ProblemException.badRequest("since", ErrorCode.FORMAT, "since must be a date (2026-12-01) or an instant (2026-12-01T06:00:00Z)",
                        "pattern", "YYYY-MM-DD or ISO 8601 date-time");
            }
        }
    }
}
