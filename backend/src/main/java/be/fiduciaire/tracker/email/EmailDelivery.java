package be.fiduciaire.tracker.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import be.fiduciaire.tracker.common.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The background delivery. Any number of workers (threads, instances) share the queue: each claims due messages with
 * {@code FOR UPDATE SKIP LOCKED} and marks them SENDING with its claim in a transaction committed BEFORE talking SMTP,
 * then SENT (or PENDING again with a backoff, or FAILED) in another one after. A SENDING row whose claim expired was
 * in flight when its worker died: it may or may not have left, so it becomes UNCERTAIN for an admin, never re-sent.
 * Every message carries a Message-ID derived from its row id, so a receiving system can recognise a copy.
 */
@ApplicationScoped
public class EmailDelivery {
    private static final TypeReference<Map<String, EmailTemplate.Variant>> VARIANTS = new TypeReference<>() {};
    private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$");

    @Inject
    Db db;
    @Inject
    ReactiveMailer mailer;
    @Inject
    EmailData data;
    @Inject
    EmailRenderer renderer;
    @Inject
    EmailTemplateService templates;
    @Inject
    EmailSettings settings;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.mailer.from")
    String from;

    /** Names this worker's claims (several instances, or threads in tests, each have their own). */
    private final String workerId = "w-" + UUID.randomUUID();

    /** A claimed message: of a send to a client (sendId, clientId), or to a user with its text rendered when queued (the digest). */
    private record Claimed(long id, UUID sendId, UUID clientId, String email, int attempts, String subject, String bodyText) {}

    private record Send(String key, Map<String, EmailTemplate.Variant> variants, String actorName, String actorEmail) {}

    private record Outcome(Claimed message, String status, String subject, String error) {}

    void onStart(@Observes StartupEvent event) {
        int uncertain = takeOver();
        if (uncertain > 0) Log.warnf("%d email(s) were in flight when a worker stopped: marked UNCERTAIN", uncertain);
    }

    @Scheduled(identity = "email-delivery", every = "${app.email.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        takeOver();
        while (deliverBatch() > 0) {
            // keep going while there is due work; idle ticks cost one indexed query
        }
    }

    /** SENDING rows whose claim expired become UNCERTAIN; returns how many. */
    public int takeOver() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> sends = db.list("""
                    update email_message set status = 'UNCERTAIN', updated_at = now(),
                           error = 'In flight when its worker stopped (claimed ' || to_char(claimed_at, 'YYYY-MM-DD HH24:MI:SS TZH') || '); it may have been delivered, check before sending again'
                     where status = 'SENDING' and claimed_at < now() - ?::interval returning send_id""",
                    r -> r.uuid("send_id"), settings.claimTimeout().toMillis() + " milliseconds");
            if (!sends.isEmpty()) finishSends(new LinkedHashSet<>(sends));
            return sends.size();
        });
    }

    /** Claims, sends and records one batch; returns how many messages it handled (0: nothing was due). */
    public int deliverBatch() {
        Map<UUID, Send> sends = new HashMap<>();
        Map<UUID, EmailData.Recipient> recipients = new HashMap<>();
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> {
            List<Claimed> rows = db.list("""
                    with due as (select id from email_message where status = 'PENDING' and next_attempt_at <= now()
                                  order by next_attempt_at, id limit ? for update skip locked)
                    update email_message m set status = 'SENDING', claimed_at = now(), claimed_by = ?, attempts = m.attempts + 1, updated_at = now()
                      from due where m.id = due.id
                    returning m.id, m.send_id, m.client_id, m.email, m.attempts, m.subject, m.body_text""",
                    r -> new Claimed(r.longValue("id"), r.uuid("send_id"), r.uuid("client_id"), r.string("email"), r.intValue("attempts"),
                            r.string("subject"), r.string("body_text")),
                    settings.batchSize(), workerId);
            if (rows.isEmpty()) return rows;
            String[] sendIds = rows.stream().filter(c -> c.sendId() != null).map(c -> c.sendId().toString()).distinct().toArray(String[]::new);
            db.update("update email_send set status = 'SENDING' where id = any(?::uuid[]) and status = 'QUEUED'", (Object) sendIds);
            db.list("select id, template_key, variants::text as variants, actor_name, actor_email from email_send where id = any(?::uuid[])", r -> {
                sends.put(r.uuid("id"), new Send(r.string("template_key"), readVariants(r.string("variants")), r.string("actor_name"),
                        r.string("actor_email")));
                return null;
            }, (Object) sendIds);
            recipients.putAll(data.load(rows.stream().map(Claimed::clientId).filter(java.util.Objects::nonNull).toList()));
            return rows;
        });
        if (claimed.isEmpty()) return 0;

        Map<String, Object> firm = data.firm();
        List<CompletableFuture<Outcome>> inFlight = new ArrayList<>();
        for (Claimed m : claimed) inFlight.add(deliver(m, sends.get(m.sendId()), recipients.get(m.clientId()), firm));
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> f : inFlight) {
            try {
                outcomes.add(f.get(2, TimeUnit.MINUTES));
            } catch (Exception e) {
                // not known whether it left: the claim expires and the takeover marks it UNCERTAIN
                Log.warnf("An email send did not finish: %s", e.toString());
            }
        }
        record(outcomes);
        return claimed.size();
    }

    private CompletableFuture<Outcome> deliver(Claimed m, Send send, EmailData.Recipient recipient, Map<String, Object> firm) {
        if (m.sendId() == null) return send(m, Mail.withText(m.email(), m.subject(), m.bodyText()), m.subject());
        EmailRenderer.Rendered rendered;
        try {
            String language = templates.language(send.variants(), recipient.language());
            EmailTemplate.Variant v = send.variants().get(language);
            rendered = renderer.render(v.subject(), v.body(),
                    EmailRenderer.data(recipient.client(), recipient.peppol(), firm, EmailData.sender(send.actorName(), send.actorEmail())));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Outcome(m, "FAILED", null, "Could not render the template: " + e.getMessage()));
        }
        Mail mail = Mail.withHtml(m.email(), rendered.subject(), rendered.html()).setText(rendered.text());
        if (send.actorEmail() != null && ADDRESS.matcher(send.actorEmail()).matches()) mail.setReplyTo(send.actorEmail());
        return send(m, mail, rendered.subject());
    }

    private CompletableFuture<Outcome> send(Claimed m, Mail mail, String subject) {
        mail.addHeader("Message-ID", messageId(m));
        return mailer.send(mail).subscribeAsCompletionStage().toCompletableFuture()
                .handle((ok, failure) -> failure == null ? new Outcome(m, "SENT", subject, null) : failed(m, subject, failure));
    }

    /** 5xx: the server refuses this message for good. 4xx or no answer (connection refused or lost): try again later. */
    private Outcome failed(Claimed m, String subject, Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof SMTPException)) t = t.getCause();
        String error = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        error = error.length() > 500 ? error.substring(0, 500) : error;
        boolean permanent = t instanceof SMTPException smtp && smtp.isPermanent();
        Log.infof("Email %d, try %d: %s", m.id(), m.attempts(), error);
        if (permanent || m.attempts() >= settings.maxAttempts()) return new Outcome(m, "FAILED", subject, error);
        return new Outcome(m, "PENDING", subject, error);
    }

    private void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) return;
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> sent = new ArrayList<>();
            List<Object[]> failed = new ArrayList<>();
            List<Object[]> retry = new ArrayList<>();
            Set<UUID> sendIds = new LinkedHashSet<>();
            for (Outcome o : outcomes) {
                if (o.message().sendId() != null) sendIds.add(o.message().sendId());
                switch (o.status()) {
                    case "SENT" -> sent.add(new Object[] {o.subject(), o.message().id(), workerId});
                    case "FAILED" -> failed.add(new Object[] {o.subject() == null ? "" : o.subject(), o.error(), o.message().id(), workerId});
                    default -> {
                        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(o.message().attempts() - 1, 16));
                        retry.add(new Object[] {o.error(), wait.toMillis() + " milliseconds", o.message().id(), workerId});
                    }
                }
            }
            // an UNCERTAIN row (its claim expired meanwhile) that we now know was delivered is SENT after all
            db.batch("update email_message set status = 'SENT', subject = ?, error = null, sent_at = now(), updated_at = now() "
                    + "where id = ? and claimed_by = ? and status in ('SENDING', 'UNCERTAIN')", sent);
            db.batch("update email_message set status = 'FAILED', subject = ?, error = ?, updated_at = now() "
                    + "where id = ? and claimed_by = ? and status in ('SENDING', 'UNCERTAIN')", failed);
            db.batch("update email_message set status = 'PENDING', error = ?, next_attempt_at = now() + ?::interval, claimed_at = null, "
                    + "updated_at = now() where id = ? and claimed_by = ? and status = 'SENDING'", retry);
            long[] done = outcomes.stream().filter(o -> !o.status().equals("PENDING")).mapToLong(o -> o.message().id()).toArray();
            if (done.length > 0) {
                // each delivered or failed email is an entry of the client's history, by the person who sent it
                db.update("""
                        insert into client_history (client_id, actor_id, actor_name, kind, field, new_value)
                        select m.client_id, s.actor_id, s.actor_name, 'EMAIL', s.template_key,
                               jsonb_strip_nulls(jsonb_build_object('sendId', s.id, 'messageId', m.id, 'status', m.status, 'subject', m.subject,
                                                                    'email', m.email, 'error', m.error, 'campaignId', s.campaign_id,
                                                                    'campaignStep', s.campaign_step))
                          from email_message m join email_send s on s.id = m.send_id
                         where m.id = any(?::bigint[]) and m.status in ('SENT', 'FAILED')""",
                        (Object) java.util.Arrays.stream(done).mapToObj(Long::toString).toArray(String[]::new));
            }
            finishSends(sendIds);
        });
    }

    /**
     * A send with nothing left to deliver is DONE. Workers finishing the last batches of one send at the same time
     * would each still see the other's uncommitted rows as SENDING and none would close it; locking the send rows
     * first (in id order, so two workers never deadlock) makes the later one look again once the earlier committed.
     */
    private void finishSends(Set<UUID> sendIds) {
        // messages to users (the digest) belong to no send
        String[] ids = sendIds.stream().filter(java.util.Objects::nonNull).map(UUID::toString).sorted().toArray(String[]::new);
        if (ids.length == 0) return;
        db.list("select id from email_send where id = any(?::uuid[]) order by id for update", r -> r.uuid("id"), (Object) ids);
        db.update("""
                update email_send s set status = 'DONE', finished_at = now()
                 where s.id = any(?::uuid[]) and s.status in ('QUEUED', 'SENDING')
                   and not exists (select 1 from email_message m where m.send_id = s.id and m.status in ('PENDING', 'SENDING'))""",
                (Object) ids);
    }

    /** Stable across retries and restarts: the same row always gives the same Message-ID. */
    String messageId(Claimed m) {
        String domain = settings.messageIdDomain().orElseGet(() -> {
            int at = from.lastIndexOf('@');
            String d = at < 0 ? "" : from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
            return d.isEmpty() ? "peppol-tracker.local" : d;
        });
        return "<email-" + m.id() + "." + (m.sendId() == null ? "user" : m.sendId()) + "@" + domain + ">";
    }

    private Map<String, EmailTemplate.Variant> readVariants(String text) {
        try {
            return json.readValue(text, VARIANTS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
