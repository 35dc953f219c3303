package be.fiduciaire.tracker.email;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.email.EmailDtos.CampaignDay;
import be.fiduciaire.tracker.email.EmailDtos.CampaignRecipient;
import be.fiduciaire.tracker.email.EmailDtos.CampaignStep;
import be.fiduciaire.tracker.email.EmailDtos.CampaignView;
import be.fiduciaire.tracker.email.EmailDtos.FollowUpRule;
import be.fiduciaire.tracker.portfolio.ClientExportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A campaign seen whole: its steps, its funnel per Belgian day and its recipients, each computed in SQL over the
 * campaign's messages, the clients' current Peppol state and their history (when they became ready or registered).
 * Any send is a campaign of at least one step: a send without a follow-up rule shows its own funnel.
 */
@ApplicationScoped
public class EmailCampaignService {
    /** The recipients: the clients the first send was addressed to (skipped ones were never in the campaign). */
    private static final String RECIPIENTS = "select m.client_id from email_message m where m.send_id = ? and m.status <> 'SKIPPED'";
    private static final String STATE = """
            case when p.status = 'REGISTERED' then 'REGISTERED'
                 when c.custom_fields -> 'peppol_ready' = 'true'::jsonb then 'READY' else 'PENDING' end""";
    private static final Map<String, List<String>> RECORD_HEADER = Map.of(
            "fr", List.of("Étape", "Envoyé le", "Statut", "Référence", "Client", "Numéro d'entreprise", "Adresse e-mail", "Modèle", "Objet", "Erreur", "Envoyé par"),
            "nl", List.of("Stap", "Verzonden op", "Status", "Referentie", "Klant", "Ondernemingsnummer", "E-mailadres", "Sjabloon", "Onderwerp", "Fout", "Verzonden door"),
            "en", List.of("Step", "Sent at", "Status", "Reference", "Client", "Enterprise number", "Email address", "Template", "Subject", "Error", "Sent by"));

    /** The CSV record of a campaign, named after the campaign (its first send). */
    public record RecordCsv(UUID campaignId, String body) {}

    private record Root(UUID id, String status, String templateName, String actorName, OffsetDateTime createdAt, FollowUpRule followUp) {}

    @Inject
    Db db;

    /** The campaign of a send: the first send of its campaign, or the send itself. */
    private Root root(UUID sendId) {
        return db.one("""
                select r.id, r.status, r.template_name, r.actor_name, r.created_at, r.follow_up_after_days, r.follow_up_max_times, r.follow_up_template_id
                  from email_send s join email_send r on r.id = coalesce(s.campaign_id, s.id) where s.id = ?""",
                r -> new Root(r.uuid("id"), r.string("status"), r.string("template_name"), r.string("actor_name"), r.timestamp("created_at"),
                        EmailSendService.followUp(r)), sendId).orElseThrow(() -> ProblemException.notFound("Email send"));
    }

    @Transactional
    public CampaignView get(UUID sendId) {
        Root root = root(sendId);
        UUID id = root.id();
        List<CampaignStep> steps = db.list("""
                select s.id, coalesce(s.campaign_step, 0) as step, s.status, s.template_name, s.created_at, k.*
                  from email_send s cross join lateral (select count(*) as total, count(*) filter (where m.status = 'SENT') as sent,
                                                               count(*) filter (where m.status = 'SKIPPED') as skipped
                                                          from email_message m where m.send_id = s.id) k
                 where s.id = ? or s.campaign_id = ? order by step""",
                r -> new CampaignStep(r.intValue("step"), r.uuid("id"), r.string("status"), r.string("template_name"), r.timestamp("created_at"),
                        r.longValue("total"), r.longValue("sent"), r.longValue("skipped")), id, id);
        long[] totals = db.one("with rcp as (" + RECIPIENTS + """
                ), sent as (select m.client_id, s.campaign_step from email_message m join email_send s on s.id = m.send_id
                             where (s.id = ? or s.campaign_id = ?) and m.status = 'SENT')
                select count(*) as recipients,
                       count(*) filter (where p.status = 'REGISTERED') as registered,
                       count(*) filter (where c.custom_fields -> 'peppol_ready' = 'true'::jsonb) as ready,
                       count(*) filter (where """ + EmailCampaigns.STILL_PENDING + """
                       ) as pending,
                       (select count(distinct client_id) from sent) as informed,
                       (select count(*) from sent where campaign_step > 0) as follow_ups
                  from rcp join client_with_fields c on c.id = rcp.client_id left join peppol_registration p on p.client_id = c.id""",
                r -> new long[] {r.longValue("recipients"), r.longValue("informed"), r.longValue("follow_ups"), r.longValue("ready"),
                        r.longValue("registered"), r.longValue("pending")}, id, id, id).orElseThrow();
        OffsetDateTime next = db.one(EmailCampaigns.RUNNING + " and r.id = ?", r -> r.timestamp("due_at"), id).orElse(null);
        boolean cancelled = "CANCELLED".equals(root.status()) || steps.get(steps.size() - 1).status().equals("CANCELLED");
        String status = cancelled ? "CANCELLED" : next != null || steps.get(steps.size() - 1).status().matches("QUEUED|SENDING") ? "RUNNING" : "FINISHED";
        return new CampaignView(id, status, root.templateName(), root.actorName(), root.createdAt(), root.followUp(), next,
                totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], steps, days(root));
    }

    /** Each Belgian day from the first send to today (or the last event): that day's events and the running totals. */
    private List<CampaignDay> days(Root root) {
        UUID id = root.id();
        LocalDate start = root.createdAt().atZoneSameInstant(Brussels.ZONE).toLocalDate();
        List<CampaignDay> days = new ArrayList<>();
        long[] run = new long[4];
        db.list("with rcp as (" + RECIPIENTS + """
                ), sent as (select m.client_id, m.sent_at, s.campaign_step from email_message m join email_send s on s.id = m.send_id
                             where (s.id = ? or s.campaign_id = ?) and m.status = 'SENT'),
                   changes as (select h.client_id, h.at, h.kind from client_history h join rcp on rcp.client_id = h.client_id
                                where h.at >= ? and ((h.kind = 'FIELD' and h.field = 'cf.peppol_ready' and h.new_value = 'true'::jsonb)
                                                  or (h.kind = 'PEPPOL' and h.field = 'peppol.status' and h.new_value = '"REGISTERED"'::jsonb))),
                   events as (select min(sent_at) as at, 'informed' as k from sent group by client_id
                              union all select sent_at, 'follow_up' from sent where campaign_step > 0
                              union all select min(at), 'ready' from changes where kind = 'FIELD' group by client_id
                              union all select min(at), 'registered' from changes where kind = 'PEPPOL' group by client_id),
                   dated as (select (at at time zone 'Europe/Brussels')::date as d, k from events),
                   days as (select g::date as d from generate_series(?::date, greatest(?::date, (select max(d) from dated)), interval '1 day') g)
                select days.d, count(*) filter (where k = 'informed') as informed, count(*) filter (where k = 'follow_up') as follow_ups,
                       count(*) filter (where k = 'ready') as ready, count(*) filter (where k = 'registered') as registered
                  from days left join dated on dated.d = days.d group by days.d order by days.d""", r -> {
            long[] day = {r.longValue("informed"), r.longValue("follow_ups"), r.longValue("ready"), r.longValue("registered")};
            for (int i = 0; i < 4; i++) run[i] += day[i];
            days.add(new CampaignDay(r.date("d"), day[0], day[1], day[2], day[3], run[0], run[1], run[2], run[3]));
            return null;
        }, id, id, id, root.createdAt(), start, Brussels.today());
        return days;
    }

    @Transactional
    public PageResult<CampaignRecipient> recipients(UUID sendId, String state, Paging paging) {
        UUID id = root(sendId).id();
        if (state != null && !state.matches("REGISTERED|READY|PENDING")) {
            throw ProblemException.badRequest("state", ErrorCode.TYPE_ENUM, "state is REGISTERED, READY or PENDING", "allowed",
                    List.of("REGISTERED", "READY", "PENDING"));
        }
        String from = "from (" + RECIPIENTS + ") rcp join client_with_fields c on c.id = rcp.client_id left join peppol_registration p on p.client_id = c.id "
                + "where (?::text is null or (" + STATE + ") = ?::text)";
        long total = db.number("select count(*) as n " + from, id, state, state);
        List<CampaignRecipient> items = db.list("select c.id, c.name, c.reference, (" + STATE + ") as state, k.sent, k.last_sent_at " + from.replace(
                "where (", "cross join lateral (select count(*) as sent, max(m.sent_at) as last_sent_at from email_message m join email_send s on s.id = m.send_id "
                        + "where m.client_id = c.id and m.status = 'SENT' and (s.id = ? or s.campaign_id = ?)) k where (")
                + " order by c.name, c.id limit ? offset ?",
                r -> new CampaignRecipient(r.uuid("id"), r.string("name"), r.string("reference"), r.string("state"), r.longValue("sent"),
                        r.timestamp("last_sent_at")), id, id, id, state, state, paging.size(), paging.offset());
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /**
     * The record of who was informed when: one line per message of every step (skipped ones with their reason),
     * times in Brussels. {@code excel}: semicolons and a byte-order mark, as the client export.
     */
    @Transactional
    public RecordCsv record(UUID sendId, String language, boolean excel) {
        UUID id = root(sendId).id();
        char separator = excel ? ';' : ',';
        StringBuilder out = new StringBuilder();
        if (excel) out.append('\uFEFF');
        line(out, RECORD_HEADER.getOrDefault(language, RECORD_HEADER.get("en")), separator);
        db.list("""
                select coalesce(s.campaign_step, 0) as step, m.sent_at, m.status, c.reference, c.name, c.enterprise_number, m.email,
                       s.template_name, m.subject, m.error, s.actor_name
                  from email_send s join email_message m on m.send_id = s.id join client_with_fields c on c.id = m.client_id
                 where s.id = ? or s.campaign_id = ? order by step, c.name, c.id""", r -> {
            OffsetDateTime sent = r.timestamp("sent_at");
            line(out, java.util.Arrays.asList(String.valueOf(r.intValue("step")),
                    sent == null ? "" : sent.atZoneSameInstant(Brussels.ZONE).toOffsetDateTime().toString(), r.string("status"),
                    r.string("reference"), r.string("name"), r.string("enterprise_number"), r.string("email"), r.string("template_name"),
                    r.string("subject"), r.string("error"), r.string("actor_name")), separator);
            return null;
        }, id, id);
        return new RecordCsv(id, out.toString());
    }

    private static void line(StringBuilder out, List<String> cells, char separator) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(separator);
            out.append(ClientExportService.quote(cells.get(i) == null ? "" : cells.get(i)));
        }
        out.append("\r\n");
    }
}
