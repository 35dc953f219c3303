package be.fiduciaire.tracker.email;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.peppol.ChangeKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The morning digest: each active user who opted in ({@code app_user.peppol_digest}) receives the Peppol changes of the
 * clients they are responsible for since their previous digest (the last 24 hours for the first), in their language,
 * as a plain-text email through the durable outbox ({@code email_message}, delivered by {@link EmailDelivery}).
 * <p>
 * One transaction claims today's {@code peppol_digest} row of every such user, selects their changes (one statement
 * for all users), and queues the messages (one statement); the primary key (user_id, digest_date) makes a second
 * instance, a concurrent run or a second run the same day queue nothing. A user without changes gets no email but
 * keeps the day's row: the job does not compute it again that day, and the next digest starts where it ended.
 */
@ApplicationScoped
public class PeppolDigests {
    /**
     * Claims the day's digest of every opted-in active user without one (blocking on a concurrent run's rows until it
     * ends, then skipping them), and returns the changes of the claimed users' clients within each one's window.
     */
    static final String CLAIM_AND_SELECT = """
            with claimed as (
                insert into peppol_digest (user_id, digest_date, since, until)
                select u.id, ?::date, coalesce((select max(d.until) from peppol_digest d where d.user_id = u.id), ?::timestamptz - interval '24 hours'), ?::timestamptz
                  from app_user u where u.peppol_digest and u.active
                 order by u.id   -- concurrent runs take the rows' locks in one order: they wait, never deadlock
                on conflict (user_id, digest_date) do nothing
                returning user_id, since, until)
            select u.id as user_id, u.email, u.name as user_name, u.language, cl.since,
                   c.id as client_id, c.name as client_name, c.reference, ch.kind, ch.from_value, ch.to_value
              from claimed cl join app_user u on u.id = cl.user_id
              join client c on c.responsible_user_id = cl.user_id
              join peppol_change ch on ch.client_id = c.id and ch.at > cl.since and ch.at <= cl.until
             order by u.id, lower(c.name), c.id, ch.at, ch.id""";

    /** Queues the rendered digests and ties each to its day's row, in the claiming transaction. */
    static final String QUEUE = """
            with x as (select * from jsonb_to_recordset(?::jsonb) as x(user_id uuid, email text, subject text, body text, changes int)),
                 m as (insert into email_message (user_id, email, status, subject, body_text)
                       select user_id, email, 'PENDING', subject, body from x returning id, user_id)
            update peppol_digest d set message_id = m.id, changes = x.changes
              from m join x on x.user_id = m.user_id
             where d.user_id = m.user_id and d.digest_date = ?::date""";

    private record Texts(Locale locale, String subjectOne, String subjectMany, String greeting, String intro, String unknownAccessPoint,
                         Map<ChangeKind, String> kinds, String footer) {}

    private static final Map<String, Texts> TEXTS = Map.of(
            "fr", new Texts(Locale.forLanguageTag("fr-BE"), "Peppol\u202F: 1 changement chez vos clients (%s)", "Peppol\u202F: %d changements chez vos clients (%s)",
                    "Bonjour %s,", "Voici ce qui a changé sur Peppol depuis le %s pour les clients dont vous êtes responsable\u202F:",
                    "point d'accès inconnu", Map.of(
                            ChangeKind.REGISTERED, "inscrit sur Peppol chez {to}",
                            ChangeKind.SWITCHED_ACCESS_POINT, "a changé de point d'accès\u202F: {from} → {to}",
                            ChangeKind.DEREGISTERED, "n'est plus sur le réseau Peppol (était chez {from})",
                            ChangeKind.LOST_CREDIT_NOTES, "ne reçoit plus de notes de crédit via Peppol (chez {from})",
                            ChangeKind.CERTIFICATE_EXPIRING, "le certificat du point d'accès {from} expire le {date}"),
                    "Vous recevez ce résumé parce que vous l'avez demandé dans l'application\u202F; vous pouvez l'y désactiver."),
            "nl", new Texts(Locale.forLanguageTag("nl-BE"), "Peppol: 1 wijziging bij uw klanten (%s)", "Peppol: %d wijzigingen bij uw klanten (%s)",
                    "Hallo %s,", "Dit is er sinds %s op Peppol veranderd bij de klanten waarvoor u verantwoordelijk bent:",
                    "onbekend toegangspunt", Map.of(
                            ChangeKind.REGISTERED, "geregistreerd op Peppol bij {to}",
                            ChangeKind.SWITCHED_ACCESS_POINT, "van toegangspunt veranderd: {from} → {to}",
                            ChangeKind.DEREGISTERED, "niet langer op het Peppol-netwerk (was bij {from})",
                            ChangeKind.LOST_CREDIT_NOTES, "ontvangt geen creditnota's meer via Peppol (bij {from})",
                            ChangeKind.CERTIFICATE_EXPIRING, "het certificaat van toegangspunt {from} verloopt op {date}"),
                    "U ontvangt dit overzicht omdat u het in de toepassing hebt aangevraagd; u kunt het daar uitschakelen."),
            "en", new Texts(Locale.UK, "Peppol: 1 change at your clients (%s)", "Peppol: %d changes at your clients (%s)",
                    "Hello %s,", "This is what changed on Peppol since %s for the clients you are responsible for:",
                    "unknown access point", Map.of(
                            ChangeKind.REGISTERED, "registered on Peppol with {to}",
                            ChangeKind.SWITCHED_ACCESS_POINT, "switched access point: {from} → {to}",
                            ChangeKind.DEREGISTERED, "dropped off the Peppol network (was with {from})",
                            ChangeKind.LOST_CREDIT_NOTES, "no longer receives credit notes over Peppol (with {from})",
                            ChangeKind.CERTIFICATE_EXPIRING, "the certificate of access point {from} expires on {date}"),
                    "You receive this summary because you asked for it in the application; you can turn it off there."));

    private record Change(ChangeKind kind, String from, String to) {}

    private record ClientChanges(UUID id, String name, String reference, List<Change> changes) {}

    private record Digest(UUID userId, String email, String name, String language, OffsetDateTime since, Map<UUID, ClientChanges> clients) {
        int changes() {
            return clients.values().stream().mapToInt(c -> c.changes().size()).sum();
        }
    }

    @Inject
    Db db;
    @Inject
    EmailSettings settings;

    @Scheduled(identity = "peppol-digest", cron = "${app.email.digest-cron}", timeZone = Brussels.ZONE_ID,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        OffsetDateTime now = OffsetDateTime.now();
        int queued = run(now);
        // once a day in production: says which instance queued the day's digests and that the others found them queued
        Log.infof("Peppol digest of %s: %d email(s) queued", now.atZoneSameInstant(Brussels.ZONE).toLocalDate(), queued);
    }

    /** Queues the digests of the Brussels day of {@code now}; returns how many emails this call queued. */
    public int run(OffsetDateTime now) {
        LocalDate day = now.atZoneSameInstant(Brussels.ZONE).toLocalDate();
        return QuarkusTransaction.requiringNew().call(() -> queue(day, now));
    }

    private int queue(LocalDate day, OffsetDateTime now) {
        Map<UUID, Digest> digests = new LinkedHashMap<>();
        db.list(CLAIM_AND_SELECT, r -> {
            UUID userId = r.uuid("user_id");
            Digest d = digests.get(userId);
            if (d == null) {
                d = new Digest(userId, r.string("email"), r.string("user_name"), r.string("language"), r.timestamp("since"), new LinkedHashMap<>());
                digests.put(userId, d);
            }
            UUID clientId = r.uuid("client_id");
            ClientChanges client = d.clients().get(clientId);
            if (client == null) {
                client = new ClientChanges(clientId, r.string("client_name"), r.string("reference"), new ArrayList<>());
                d.clients().put(clientId, client);
            }
            client.changes().add(new Change(r.enumValue("kind", ChangeKind.class), r.string("from_value"), r.string("to_value")));
            return null;
        }, day, now, now);
        if (digests.isEmpty()) return 0;
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (Digest d : digests.values()) {
            Texts t = TEXTS.getOrDefault(d.language(), TEXTS.get("fr"));
            int changes = d.changes();
            String date = day.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(t.locale()));
            rows.addObject().put("user_id", d.userId().toString()).put("email", d.email())
                    .put("subject", changes == 1 ? String.format(t.subjectOne(), date) : String.format(t.subjectMany(), changes, date))
                    .put("body", body(d, t)).put("changes", changes);
        }
        db.update(QUEUE, new Sql.JsonParam(rows.toString()), day);
        return digests.size();
    }

    /** The plain text: a greeting, then each client (name, reference, link to its card) with its changes in words. */
    private String body(Digest d, Texts t) {
        StringBuilder out = new StringBuilder();
        String since = d.since().atZoneSameInstant(Brussels.ZONE).format(DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", t.locale()));
        out.append(String.format(t.greeting(), d.name())).append("\n\n").append(String.format(t.intro(), since)).append("\n");
        String base = settings.publicUrl().map(u -> u.replaceAll("/+$", "")).orElse(null);
        for (ClientChanges c : d.clients().values()) {
            out.append("\n").append(c.name());
            if (c.reference() != null) out.append(" (").append(c.reference()).append(")");
            out.append("\n");
            for (Change ch : c.changes()) out.append("  - ").append(words(ch, t)).append("\n");
            if (base != null) out.append("  ").append(base).append("/clients/").append(c.id()).append("\n");
        }
        return out.append("\n-- \n").append(t.footer()).append("\n").toString();
    }

    private static String words(Change ch, Texts t) {
        String date = "";
        if (ch.kind() == ChangeKind.CERTIFICATE_EXPIRING && ch.to() != null) {
            try {
                date = Instant.parse(ch.to()).atZone(Brussels.ZONE).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(t.locale()));
            } catch (DateTimeParseException e) {
                date = ch.to();
            }
        }
        return t.kinds().get(ch.kind())
                .replace("{from}", ch.from() == null ? t.unknownAccessPoint() : ch.from())
                .replace("{to}", ch.to() == null ? t.unknownAccessPoint() : ch.to())
                .replace("{date}", date);
    }
}
