package be.fiduciaire.tracker.email;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import be.fiduciaire.tracker.common.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The campaign job: creates the follow-ups that are due. A campaign is a send with a follow-up rule (step 0); its
 * follow-up n is a send of its own (step n) addressed to the clients who had a message in step n-1 and are still
 * neither registered on Peppol nor "PEPPOL ready", so a client found registered or ready drops out for good (a
 * CAMPAIGN entry "campaign.left" in its history, with the reason, the campaign and the step). Each step
 * is created in a transaction of its own with one statement for the send and one for its messages; the unique
 * (campaign_id, campaign_step) makes a second instance, a concurrent run or a restart create nothing twice.
 */
@ApplicationScoped
public class EmailCampaigns {
    /**
     * The campaigns whose rule is still running, with their last step: that step is DONE, the rule allows another one
     * and the step still had recipients. The due time is the last step's creation plus the rule's days.
     */
    static final String RUNNING = """
            select r.id, l.id as last_id, l.campaign_step as last_step, l.created_at + make_interval(days => r.follow_up_after_days) as due_at
              from email_send r
             cross join lateral (select f.id, f.campaign_step, f.status, f.created_at from email_send f
                                  where f.campaign_id = r.id order by f.campaign_step desc limit 1) l
             where r.campaign_id = r.id and r.follow_up_max_times is not null and r.status <> 'CANCELLED'
               and l.campaign_step < r.follow_up_max_times and l.status = 'DONE'
               and exists (select 1 from email_message m where m.send_id = l.id and m.status not in ('SKIPPED', 'CANCELLED'))""";

    /** Still followed up: neither registered on Peppol nor marked PEPPOL ready (c: client, p: its peppol_registration). */
    static final String STILL_PENDING = "(p.status is distinct from 'REGISTERED' and c.custom_fields -> 'peppol_ready' is distinct from 'true'::jsonb)";

    private record Due(UUID campaignId, int step) {}

    @Inject
    Db db;

    @Scheduled(identity = "email-campaigns", cron = "${app.email.campaign-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        int created = runDueSteps(OffsetDateTime.now());
        if (created > 0) Log.infof("Campaigns: %d follow-up(s) queued", created);
    }

    /** Creates every follow-up due at {@code now}; returns how many this call created (0 for one another run created). */
    public int runDueSteps(OffsetDateTime now) {
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> db.list(RUNNING + " and l.created_at + make_interval(days => r.follow_up_after_days) <= ? "
                + "order by due_at", r -> new Due(r.uuid("id"), r.intValue("last_step") + 1), now));
        int created = 0;
        for (Due d : due) {
            if (QuarkusTransaction.requiringNew().call(() -> createStep(d.campaignId(), d.step()))) created++;
        }
        return created;
    }

    /**
     * Step {@code step} of a campaign: the follow-up template as it is now (the campaign's own snapshot when the rule
     * names none, or its template was deleted), by the campaign's sender. false: another run created it first.
     */
    private boolean createStep(UUID campaignId, int step) {
        UUID id = UUID.randomUUID();
        // a concurrent run inserting the same step waits here for the other's commit, then inserts nothing
        int inserted = db.update("""
                insert into email_send (id, template_id, template_key, template_name, variants, status, actor_id, actor_name, actor_email,
                                        selection, campaign_id, campaign_step)
                select ?, coalesce(t.id, r.template_id), coalesce(t.key, r.template_key), coalesce(t.name, r.template_name),
                       coalesce(t.variants, r.variants), 'QUEUED', r.actor_id, r.actor_name, r.actor_email,
                       jsonb_build_object('campaignId', r.id, 'step', ?::int), r.id, ?
                  from email_send r left join email_template t on t.id = r.follow_up_template_id
                 where r.id = ?
                on conflict (campaign_id, campaign_step) where campaign_id is not null do nothing""", id, step, step, campaignId);
        if (inserted == 0) return false;
        long[] counts = db.one("""
                with prev as (select m.client_id from email_message m join email_send s on s.id = m.send_id
                               where s.campaign_id = ? and s.campaign_step = ? and m.status not in ('SKIPPED', 'CANCELLED')),
                     sel as (select c.id, nullif(btrim(c.email), '') as email, (""" + EmailSendService.SKIP_REASON + """
                                    ) as reason
                               from client_with_fields c join prev on prev.client_id = c.id left join peppol_registration p on p.client_id = c.id
                              where """ + STILL_PENDING + """
                            ),
                     ins as (insert into email_message (send_id, client_id, email, status, error)
                             select ?::uuid, id, email, case when reason is null then 'PENDING' else 'SKIPPED' end, reason from sel
                             returning status),
                     -- the others of the previous step drop out here: one history entry each, once per client and campaign
                     left_out as (insert into client_history (client_id, kind, field, new_value)
                                  select c.id, 'CAMPAIGN', 'campaign.left',
                                         jsonb_build_object('reason', case when p.status = 'REGISTERED' then 'REGISTERED' else 'READY' end,
                                                            'campaignId', ?::uuid, 'campaignStep', ?::int, 'sendId', ?::uuid)
                                    from client_with_fields c join prev on prev.client_id = c.id left join peppol_registration p on p.client_id = c.id
                                   where not """ + STILL_PENDING + """
                                     and not exists (select 1 from client_history h where h.client_id = c.id and h.kind = 'CAMPAIGN'
                                                       and h.field = 'campaign.left' and h.new_value ->> 'campaignId' = ?::text))
                select count(*) as total, count(*) filter (where status = 'SKIPPED') as skipped from ins""",
                r -> new long[] {r.longValue("total"), r.longValue("skipped")}, campaignId, step - 1, id.toString(), campaignId, step, id,
                campaignId.toString()).orElseThrow();
        db.update("update email_send set total = ?, skipped = ?, status = case when ? then 'DONE' else status end, "
                + "finished_at = case when ? then now() end where id = ?", (int) counts[0], (int) counts[1], counts[0] == counts[1],
                counts[0] == counts[1], id);
        Log.infof("Campaign %s: follow-up %d queued for %d client(s)", campaignId, step, counts[0] - counts[1]);
        return true;
    }
}
