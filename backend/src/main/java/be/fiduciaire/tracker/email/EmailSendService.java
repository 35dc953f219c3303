package be.fiduciaire.tracker.email;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Row;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.email.EmailDtos.MessageView;
import be.fiduciaire.tracker.email.EmailDtos.SendRequest;
import be.fiduciaire.tracker.email.EmailDtos.SendView;
import be.fiduciaire.tracker.portfolio.BulkEditDtos;
import be.fiduciaire.tracker.portfolio.ClientSelections;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Queues sends: one statement writes a message row per selected client (PENDING, or SKIPPED with the reason), so a
 * send to 10,000 clients answers at once; {@link EmailDelivery} delivers in the background. unique (send, client)
 * keeps a client to one message per send.
 */
@ApplicationScoped
public class EmailSendService {
    /** Why a selected client gets no message (null: it gets one). The one definition of a usable address. */
    static final String SKIP_REASON = """
            case when c.status = 'ARCHIVED' then 'client.archived'
                 when c.email is null or btrim(c.email) = '' then 'email.missing'
                 when btrim(c.email) !~ '^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$'
                      then 'email.invalid'
            end""";
    private static final String COUNTS = """
            count(*) as total,
            count(*) filter (where m.status in ('PENDING', 'SENDING')) as pending,
            count(*) filter (where m.status = 'SENT') as sent,
            count(*) filter (where m.status = 'FAILED') as failed,
            count(*) filter (where m.status = 'SKIPPED') as skipped,
            count(*) filter (where m.status = 'UNCERTAIN') as uncertain,
            count(*) filter (where m.status = 'CANCELLED') as cancelled""";
    private static final String SEND_COLUMNS = "s.id, s.status, s.template_id, s.template_key, s.template_name, s.actor_name, s.created_at, s.finished_at, "
            + "s.campaign_id, s.campaign_step, s.follow_up_after_days, s.follow_up_max_times, s.follow_up_template_id";
    private static final String MESSAGE_COLUMNS = """
            m.id, m.send_id, m.client_id, c.name as client_name, m.email, m.status, m.error, m.attempts, m.subject, m.sent_at,
            s.template_key, s.template_name, m.updated_at""";

    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    ClientSelections selections;
    @Inject
    EmailTemplateRepository templateRepository;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public SendView create(SendRequest request, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.badRequest("Idempotency-Key", ErrorCode.IDEMPOTENCY_KEY_INVALID, "Idempotency-Key must be 1 to 200 characters");
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        String key = dryRun ? null : idempotencyKey;
        String hash = hash(request);
        if (key != null) {
            Optional<SendView> previous = previous(key, hash);
            if (previous.isPresent()) return previous.get();
        }
        EmailTemplate template = templateRepository.findByIdOptional(request.templateId())
                .orElseThrow(() -> ProblemException.validation("templateId", ErrorCode.REFERENCE_UNKNOWN, "Unknown email template", "resource", "Email template"));
        EmailDtos.FollowUpRule followUp = request.followUp();
        if (followUp != null && followUp.templateId() != null && templateRepository.findByIdOptional(followUp.templateId()).isEmpty()) {
            throw ProblemException.validation("followUp.templateId", ErrorCode.REFERENCE_UNKNOWN, "Unknown email template", "resource", "Email template");
        }
        Sql condition = selections.condition(request.selection());
        if (dryRun) return dryRun(template, condition, request);

        UUID id = UUID.randomUUID();
        int inserted = db.update("""
                insert into email_send (id, template_id, template_key, template_name, variants, status, actor_id, actor_name, actor_email,
                                        idempotency_key, request_hash, selection, campaign_id, campaign_step, follow_up_after_days,
                                        follow_up_max_times, follow_up_template_id)
                values (?, ?, ?, ?, ?::jsonb, 'QUEUED', ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                on conflict (actor_id, idempotency_key) where idempotency_key is not null do nothing""",
                id, template.id, template.key, template.name, new Sql.JsonParam(write(template.variants)), currentUser.id(),
                currentUser.name(), currentUser.email(), key, hash, new Sql.JsonParam(write(request.selection())),
                followUp == null ? null : id, followUp == null ? null : 0, followUp == null ? null : followUp.afterDays(),
                followUp == null ? null : followUp.maxTimes(), followUp == null ? null : followUp.templateId());
        if (inserted == 0) return previous(key, hash).orElseThrow(); // the same key, queued meanwhile by a concurrent request
        Sql enqueue = condition.wrap("""
                with sel as (select c.id, nullif(btrim(c.email), '') as email, (""" + SKIP_REASON + ") as reason from client_with_fields c where ", """
                ), ins as (insert into email_message (send_id, client_id, email, status, error)
                           select ?::uuid, id, email, case when reason is null then 'PENDING' else 'SKIPPED' end, reason from sel
                           returning status)
                select count(*) as total, count(*) filter (where status = 'SKIPPED') as skipped from ins""", id.toString());
        long[] counts = db.one(enqueue, r -> new long[] {r.longValue("total"), r.longValue("skipped")}).orElseThrow();
        checkAllIdsFound(request.selection(), counts[0]);
        db.update("update email_send set total = ?, skipped = ?, status = case when ? then 'DONE' else status end, "
                + "finished_at = case when ? then now() end where id = ?", (int) counts[0], (int) counts[1], counts[0] == counts[1],
                counts[0] == counts[1], id);
        return get(id);
    }

    /** The standard peppol_info template to one client (the PEPPOL ready field's action). */
    @Transactional
    public SendView sendPeppolInfo(UUID clientId, String idempotencyKey) {
        if (!db.exists("select 1 from client where id = ?", clientId)) throw ProblemException.notFound("Client");
        EmailTemplate template = templateRepository.findByKey(EmailTemplate.PEPPOL_INFO)
                .orElseThrow(() -> ProblemException.conflict("templateId", ErrorCode.TEMPLATE_MISSING, "The standard peppol_info template is missing"));
        return create(new SendRequest(template.id, new BulkEditDtos.Selection(java.util.Collections.singletonList(clientId), null), false), idempotencyKey);
    }

    private SendView dryRun(EmailTemplate template, Sql condition, SendRequest request) {
        BulkEditDtos.Selection selection = request.selection();
        Map<String, Long> reasons = new LinkedHashMap<>();
        long[] total = {0};
        db.list(condition.wrap("select (" + SKIP_REASON + ") as reason, count(*) as n from client_with_fields c where ", " group by 1 order by 1"), r -> {
            long n = r.longValue("n");
            total[0] += n;
            if (r.string("reason") != null) reasons.put(r.string("reason"), n);
            return null;
        });
        checkAllIdsFound(selection, total[0]);
        long skipped = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new SendView(null, "DRY_RUN", template.id, template.key, template.name, total[0], total[0] - skipped, 0, 0, skipped, 0, 0,
                reasons, currentUser.name(), null, null, null, null, request.followUp());
    }

    /** Unknown ids are a 422 that names some of them (the transaction rolls back what was queued). */
    private void checkAllIdsFound(BulkEditDtos.Selection selection, long matched) {
        if (selection.ids() == null || matched == selection.ids().stream().distinct().count()) return;
        String[] ids = selection.ids().stream().map(UUID::toString).toArray(String[]::new);
        List<String> unknown = db.list("select i::text as id from unnest(?::uuid[]) i where not exists (select 1 from client x where x.id = i) limit 10",
                r -> r.string("id"), (Object) ids);
        throw ProblemException.validation("selection.ids", ErrorCode.IDS_UNKNOWN, "Unknown client ids: " + String.join(", ", unknown), "ids", unknown);
    }

    private Optional<SendView> previous(String key, String hash) {
        return db.one("select id, request_hash from email_send where actor_id = ? and idempotency_key = ?",
                r -> new Object[] {r.uuid("id"), r.string("request_hash")}, currentUser.id(), key).map(row -> {
            if (!hash.equals(row[1])) throw ProblemException.validation("Idempotency-Key", ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different send");
            return get((UUID) row[0]);
        });
    }

    @Transactional
    public SendView get(UUID id) {
        return db.one("select " + SEND_COLUMNS + ", (select coalesce(jsonb_object_agg(reason, n), '{}'::jsonb)::text from (select m.error as reason, count(*) as n "
                + "from email_message m where m.send_id = s.id and m.status = 'SKIPPED' group by m.error) x) as reasons, k.* "
                + "from email_send s cross join lateral (select " + COUNTS + " from email_message m where m.send_id = s.id) k where s.id = ?",
                this::sendView, id).orElseThrow(() -> ProblemException.notFound("Email send"));
    }

    @Transactional
    public PageResult<SendView> list(Paging paging) {
        long total = db.number("select count(*) as n from email_send");
        List<SendView> items = db.list("select " + SEND_COLUMNS + ", null as reasons, k.* from email_send s cross join lateral (select " + COUNTS
                + " from email_message m where m.send_id = s.id) k order by s.created_at desc, s.id limit ? offset ?", this::sendView,
                paging.size(), paging.offset());
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    @Transactional
    public PageResult<MessageView> messages(UUID sendId, String status, Paging paging) {
        get(sendId);
        Sql where = Sql.of("m.send_id = ?", sendId);
        if (status != null && !status.isBlank()) where = where.wrap("", " and m.status = ?", status);
        return messagePage(where, paging);
    }

    @Transactional
    public PageResult<MessageView> clientEmails(UUID clientId, Paging paging) {
        if (!db.exists("select 1 from client where id = ?", clientId)) throw ProblemException.notFound("Client");
        return messagePage(Sql.of("m.client_id = ?", clientId), paging);
    }

    private PageResult<MessageView> messagePage(Sql where, Paging paging) {
        long total = db.number(where.wrap("select count(*) as n from email_message m where ", ""));
        List<MessageView> items = db.list(where.wrap("select " + MESSAGE_COLUMNS + " from email_message m join email_send s on s.id = m.send_id "
                + "join client_with_fields c on c.id = m.client_id where ", " order by m.id desc limit ? offset ?", paging.size(), paging.offset()),
                EmailSendService::messageView);
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /** Stops a send: its messages not yet claimed are CANCELLED; one in flight finishes. */
    @Transactional
    public SendView cancel(UUID id) {
        String status = db.one("select status from email_send where id = ? for update", r -> r.string("status"), id)
                .orElseThrow(() -> ProblemException.notFound("Email send"));
        if (!status.equals("QUEUED") && !status.equals("SENDING")) throw ProblemException.conflict("status", ErrorCode.STATUS_CONFLICT, "The send is already " + status, "status", status);
        db.update("update email_message set status = 'CANCELLED', updated_at = now() where send_id = ? and status = 'PENDING'", id);
        db.update("update email_send set status = 'CANCELLED', finished_at = now() where id = ?", id);
        return get(id);
    }

    private SendView sendView(Row r) throws java.sql.SQLException {
        Map<String, Long> reasons = new LinkedHashMap<>();
        String text = r.string("reasons");
        if (text != null) {
            try {
                json.readTree(text).fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
            } catch (Exception e) {
                throw new java.sql.SQLException(e);
            }
        }
        return new SendView(r.uuid("id"), r.string("status"), r.uuid("template_id"), r.string("template_key"), r.string("template_name"),
                r.longValue("total"), r.longValue("pending"), r.longValue("sent"), r.longValue("failed"), r.longValue("skipped"),
                r.longValue("uncertain"), r.longValue("cancelled"), reasons, r.string("actor_name"), r.timestamp("created_at"),
                r.timestamp("finished_at"), r.uuid("campaign_id"), r.nullableInt("campaign_step"), followUp(r));
    }

    /** The follow-up rule of a campaign's first send (columns follow_up_*), or null. */
    static EmailDtos.FollowUpRule followUp(Row r) throws java.sql.SQLException {
        Integer maxTimes = r.nullableInt("follow_up_max_times");
        return maxTimes == null ? null : new EmailDtos.FollowUpRule(r.nullableInt("follow_up_after_days"), maxTimes, r.uuid("follow_up_template_id"));
    }

    private static MessageView messageView(Row r) throws java.sql.SQLException {
        return new MessageView(r.longValue("id"), r.uuid("send_id"), r.uuid("client_id"), r.string("client_name"), r.string("email"),
                r.string("status"), r.string("error"), r.intValue("attempts"), r.string("subject"), r.timestamp("sent_at"),
                r.string("template_key"), r.string("template_name"), r.timestamp("updated_at"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(SendRequest request) {
        try {
            // a follow-up rule is part of the request (a request without one hashes as before)
            List<Object> parts = new java.util.ArrayList<>(List.of(String.valueOf(request.templateId()), request.selection()));
            if (request.followUp() != null) parts.add(request.followUp());
            byte[] bytes = json.writeValueAsBytes(parts);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
