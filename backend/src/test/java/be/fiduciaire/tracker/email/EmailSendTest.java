package be.fiduciaire.tracker.email;

import static be.fiduciaire.tracker.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

@QuarkusTest
@QuarkusTestResource(SmtpServer.class)
class EmailSendTest {
    @Inject
    Fixtures fx;
    @Inject
    EmailDelivery delivery;

    /** Clients of one test: a reference prefix and a mail domain of their own. */
    record Batch(String ref, String domain, List<UUID> ids) {
        String filter() { return "reference=like=" + ref + "*"; }
        String address(int i) { return "client" + i + "@" + domain; }
    }

    private Batch clients(int n) {
        String ref = Fixtures.unique("S");
        String domain = Fixtures.unique("m").toLowerCase() + ".test";
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(fx.client(ref + "-" + i, "Client " + i, Map.of("language", i % 2 == 0 ? "fr" : "nl", "email", "client" + i + "@" + domain), Map.of()));
        }
        return new Batch(ref, domain, ids);
    }

    private String peppolInfoId() {
        return asAdmin().get("/api/email-templates").then().statusCode(200).extract().path("find { it.key == 'peppol_info' }.id");
    }

    private Map<String, Object> send(Object selection) {
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", peppolInfoId());
        body.put("selection", selection);
        return body;
    }

    private JsonPath progress(String sendId) {
        return asAdmin().get("/api/email-sends/" + sendId).then().statusCode(200).extract().jsonPath();
    }

    private void awaitStatus(String sendId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(progress(sendId).getString("status")));
    }

    private List<Map<String, Object>> messages(String sendId) {
        return asAdmin().queryParam("size", 500).get("/api/email-sends/" + sendId + "/messages").then().statusCode(200).extract().path("items");
    }

    @Test
    void aSendQueuesOneMessagePerClientSkipsUnusableAddressesAndDeliversTheRest() throws Exception {
        Batch b = clients(2);
        UUID missing = fx.client(b.ref() + "-x", "Sans adresse", Map.of(), Map.of());
        UUID invalid = fx.client(b.ref() + "-y", "Adresse fausse", Map.of("email", "pas une adresse"), Map.of());
        UUID archived = fx.client(b.ref() + "-z", "Archivé", Map.of("email", "archive@" + b.domain(), "status", "ARCHIVED"), Map.of());

        asAdmin().body(Map.of("templateId", peppolInfoId(), "selection", Map.of("filter", b.filter()), "dryRun", true))
                .post("/api/email-sends").then().statusCode(200)
                .body("id", nullValue()).body("total", is(5)).body("skipped", is(3)).body("pending", is(2))
                .body("skippedReasons.'email.missing'", is(1)).body("skippedReasons.'email.invalid'", is(1))
                .body("skippedReasons.'client.archived'", is(1));
        assertEquals(0, fx.count("select count(*) from email_message where client_id = ?", b.ids().get(0)), "a dry run queues nothing");

        String id = asAdmin().body(send(Map.of("filter", b.filter()))).post("/api/email-sends").then().statusCode(202)
                .header("Location", containsString("/api/email-sends/"))
                .body("total", is(5)).body("skipped", is(3)).body("status", anyOf(is("QUEUED"), is("SENDING"), is("DONE")))
                .extract().path("id");
        awaitStatus(id, "DONE");
        JsonPath done = progress(id);
        assertEquals(2, done.getInt("sent"));
        assertEquals(3, done.getInt("skipped"));
        assertEquals(0, done.getInt("pending"));

        Map<UUID, Map<String, Object>> byClient = new HashMap<>();
        for (Map<String, Object> m : messages(id)) byClient.put(UUID.fromString((String) m.get("clientId")), m);
        assertEquals("SKIPPED", byClient.get(missing).get("status"));
        assertEquals("email.missing", byClient.get(missing).get("error"));
        assertEquals("email.invalid", byClient.get(invalid).get("error"));
        assertEquals("client.archived", byClient.get(archived).get("error"));
        assertEquals("SENT", byClient.get(b.ids().get(0)).get("status"));

        List<MimeMessage> received = SmtpServer.receivedAt(b.domain());
        assertEquals(2, received.size());
        for (MimeMessage m : received) {
            String to = m.getAllRecipients()[0].toString();
            long rowId = ((Number) byClient.get(b.ids().get(to.equals(b.address(0)) ? 0 : 1)).get("id")).longValue();
            assertEquals("<email-" + rowId + "." + id + "@fiduciaire.test>", m.getMessageID(), "a stable Message-ID from the row");
            MimeMultipart alternative = (MimeMultipart) m.getContent();
            assertTrue(alternative.getContentType().startsWith("multipart/alternative"), alternative.getContentType());
            String parts = alternative.getBodyPart(0).getContentType() + " " + alternative.getBodyPart(1).getContentType();
            assertTrue(parts.contains("text/plain") && parts.contains("text/html"), parts);
        }
        assertTrue(received.stream().anyMatch(m -> subject(m).equals("Elektronisch factureren via Peppol: Client 1")));

        // the client's emails and history show it
        asAdmin().get("/api/clients/" + b.ids().get(0) + "/emails").then().statusCode(200)
                .body("items[0].status", is("SENT")).body("items[0].templateKey", is("peppol_info")).body("items[0].sentAt", notNullValue());
        asAdmin().get("/api/clients/" + b.ids().get(0) + "/history").then().statusCode(200)
                .body("items.find { it.kind == 'EMAIL' }.field", is("peppol_info"))
                .body("items.find { it.kind == 'EMAIL' }.newValue.status", is("SENT"))
                .body("items.find { it.kind == 'EMAIL' }.actorName", notNullValue());
        asAdmin().get("/api/email-sends").then().statusCode(200).body("items.id", hasItem(id));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstSend() {
        Batch b = clients(1);
        String key = UUID.randomUUID().toString();
        String first = asAdmin().header("Idempotency-Key", key).body(send(Map.of("ids", b.ids()))).post("/api/email-sends").then()
                .statusCode(202).extract().path("id");
        asAdmin().header("Idempotency-Key", key).body(send(Map.of("ids", b.ids()))).post("/api/email-sends").then()
                .statusCode(202).body("id", is(first));
        asAdmin().header("Idempotency-Key", key).body(send(Map.of("filter", b.filter()))).post("/api/email-sends").then()
                .statusCode(422).body("errors[0].field", is("Idempotency-Key"));
        awaitStatus(first, "DONE");
        assertEquals(1, SmtpServer.receivedAt(b.domain()).size());
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        asAdmin().body(send(Map.of("ids", List.of(UUID.randomUUID())))).post("/api/email-sends").then().statusCode(422)
                .body("errors[0].field", is("selection.ids")).body("errors[0].message", startsWith("Unknown client ids"));
        asAdmin().body(send(Map.of("filter", "nosuchfield==1"))).post("/api/email-sends").then().statusCode(422)
                .body("errors[0].field", is("selection.filter"));
        asAdmin().body(Map.of("templateId", UUID.randomUUID(), "selection", Map.of("ids", List.of(UUID.randomUUID()))))
                .post("/api/email-sends").then().statusCode(422).body("errors[0].field", is("templateId"));
        asAdmin().body(Map.of("selection", Map.of("filter", ""))).post("/api/email-sends").then().statusCode(422)
                .body("errors[0].field", is("templateId"));
        withSession(sessionFor("VIEWER")).body(send(Map.of("filter", "name==x"))).post("/api/email-sends").then().statusCode(403);
    }

    @Test
    void aTransientSmtpFailureIsRetriedThenDelivered() {
        Batch b = clients(1);
        SmtpServer.stopServer();
        String id;
        try {
            id = asAdmin().body(send(Map.of("ids", b.ids()))).post("/api/email-sends").then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, Object> m = messages(id).get(0);
                return "PENDING".equals(m.get("status")) && ((Number) m.get("attempts")).intValue() >= 1 && m.get("error") != null;
            });
        } finally {
            SmtpServer.startServer();
        }
        awaitStatus(id, "DONE");
        Map<String, Object> m = messages(id).get(0);
        assertEquals("SENT", m.get("status"));
        assertTrue(((Number) m.get("attempts")).intValue() >= 2);
        assertEquals(1, SmtpServer.receivedAt(b.domain()).size());
    }

    @Test
    void afterTheLastTryAMessageIsFailedWithTheError() {
        Batch b = clients(1);
        SmtpServer.stopServer();
        String id;
        try {
            id = asAdmin().body(send(Map.of("ids", b.ids()))).post("/api/email-sends").then().statusCode(202).extract().path("id");
            awaitStatus(id, "DONE");
        } finally {
            SmtpServer.startServer();
        }
        Map<String, Object> m = messages(id).get(0);
        assertEquals("FAILED", m.get("status"));
        assertEquals(3, ((Number) m.get("attempts")).intValue(), "app.email.max-attempts in tests");
        assertTrue(((String) m.get("error")).length() > 0);
        assertEquals(1, progress(id).getInt("failed"));
        asAdmin().get("/api/clients/" + b.ids().get(0) + "/history").then()
                .body("items.find { it.kind == 'EMAIL' }.newValue.status", is("FAILED"));
        assertEquals(0, SmtpServer.receivedAt(b.domain()).size());
    }

    @Test
    void twoWorkersShareOneSendWithoutDuplicates() throws Exception {
        Batch b = clients(60);
        String id = asAdmin().body(send(Map.of("filter", b.filter()))).post("/api/email-sends").then().statusCode(202).extract().path("id");
        // two more workers besides the scheduled one, each claiming batches until nothing is due
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(pool.submit(() -> {
                int handled = 0;
                for (int n; (n = delivery.deliverBatch()) > 0; ) handled += n;
                return handled;
            }));
        }
        for (Future<Integer> f : workers) f.get();
        pool.shutdown();
        awaitStatus(id, "DONE");
        assertEquals(60, progress(id).getInt("sent"));
        List<MimeMessage> received = SmtpServer.receivedAt(b.domain());
        Set<String> recipients = new HashSet<>();
        for (MimeMessage m : received) recipients.add(m.getAllRecipients()[0].toString());
        assertEquals(60, received.size(), "one message per client");
        assertEquals(60, recipients.size());
    }

    @Test
    void aRestartMidSendMarksInFlightMessagesUncertainNeverResendsThemAndDeliversTheRest() {
        Batch b = clients(5);
        String sendId = UUID.randomUUID().toString();
        // the state a killed backend leaves: two messages claimed (SENDING) long ago by a dead worker, three still queued
        fx.exec("insert into email_send (id, template_id, template_key, template_name, variants, status, actor_name, selection, total) "
                + "select ?::uuid, id, key, name, variants, 'SENDING', 'Admin', '{}'::jsonb, 5 from email_template where key = 'peppol_info'", sendId);
        for (int i = 0; i < 5; i++) {
            boolean inFlight = i < 2;
            fx.exec("insert into email_message (send_id, client_id, email, status, attempts, claimed_at, claimed_by) values (?::uuid, ?, ?, ?, ?, "
                    + (inFlight ? "now() - interval '1 hour'" : "null") + ", ?)",
                    sendId, b.ids().get(i), b.address(i), inFlight ? "SENDING" : "PENDING", inFlight ? 1 : 0, inFlight ? "dead-worker" : null);
        }
        // a message another live worker is sending right now is not taken over; its claim is dated ahead so that it
        // cannot expire (test claim timeout: 1 min) while the rest is delivered, however slow the SMTP server is (in
        // one make test, two sends of the queued ones waited for GreenMail's 30 s socket timeout)
        Batch live = clients(1);
        String liveSend = UUID.randomUUID().toString();
        fx.exec("insert into email_send (id, template_id, template_key, template_name, variants, status, actor_name, selection, total) "
                + "select ?::uuid, id, key, name, variants, 'SENDING', 'Admin', '{}'::jsonb, 1 from email_template where key = 'peppol_info'", liveSend);
        fx.exec("insert into email_message (send_id, client_id, email, status, attempts, claimed_at, claimed_by) "
                + "values (?::uuid, ?, ?, 'SENDING', 1, now() + interval '10 minutes', 'live-worker')", liveSend, live.ids().get(0), live.address(0));

        delivery.takeOver(); // what start-up (and every tick) does
        awaitStatus(sendId, "DONE");
        JsonPath p = progress(sendId);
        assertEquals(2, p.getInt("uncertain"));
        assertEquals(3, p.getInt("sent"));
        Set<String> received = new HashSet<>();
        for (MimeMessage m : SmtpServer.receivedAt(b.domain())) received.add(address(m));
        assertEquals(Set.of(b.address(2), b.address(3), b.address(4)), received, "the in-flight ones are not sent again");
        for (Map<String, Object> m : messages(sendId)) {
            if (m.get("email").equals(b.address(0)) || m.get("email").equals(b.address(1))) {
                assertEquals("UNCERTAIN", m.get("status"));
                assertTrue(((String) m.get("error")).contains("may have been delivered"));
            }
        }
        assertEquals("SENDING", messages(liveSend).get(0).get("status"));
        assertEquals("SENDING", progress(liveSend).getString("status"));
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cancellingASendStopsItsQueuedMessages() {
        Batch b = clients(3);
        SmtpServer.stopServer();
        String id;
        try {
            id = asAdmin().body(send(Map.of("filter", b.filter()))).post("/api/email-sends").then().statusCode(202).extract().path("id");
            // once each has been tried, its next try is put off as the production backoff (30 s and more) would,
            // not the tests' 0.2 s: on a busy machine the last try must not fail a message before the cancel arrives
            await().atMost(Duration.ofSeconds(30)).until(() -> "3".equals(fx.text("""
                    with put_off as (update email_message set next_attempt_at = now() + interval '1 hour'
                                      where send_id = ?::uuid and status = 'PENDING' and attempts >= 1 returning 1)
                    select count(*)::text as v from put_off""", id)));
            asAdmin().post("/api/email-sends/" + id + "/cancel").then().statusCode(200)
                    .body("status", is("CANCELLED")).body("cancelled", is(3)).body("pending", is(0));
        } finally {
            SmtpServer.startServer();
        }
        asAdmin().post("/api/email-sends/" + id + "/cancel").then().statusCode(409);
        assertEquals(0, SmtpServer.receivedAt(b.domain()).size());
    }

    @Test
    void thePeppolReadyActionSendsTheInfoEmailToOneClientAndTheListShowsWhen() {
        Batch b = clients(1);
        UUID client = b.ids().get(0);
        String id = asAdmin().post("/api/clients/" + client + "/peppol-info-email").then().statusCode(202)
                .body("templateKey", is("peppol_info")).body("total", is(1)).extract().path("id");
        awaitStatus(id, "DONE");
        asAdmin().get("/api/clients/" + client + "/emails").then().statusCode(200)
                .body("total", is(1)).body("items[0].status", is("SENT")).body("items[0].sendId", is(id));
        // the list's "last info email" column (Suivi PEPPOL view) is that send's time
        String csv = asAdmin().queryParam("filter", b.filter()).queryParam("columns", "reference,lastInfoEmailAt")
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        String line = csv.split("\r\n")[1];
        assertTrue(line.matches(b.ref() + "-0,20\\d\\d-.*"), line);
        // the client JSON (card and list rows) carries the latest info email and its status
        asAdmin().get("/api/clients/" + client).then().statusCode(200)
                .body("lastInfoEmail.status", is("SENT")).body("lastInfoEmail.at", notNullValue());
        asAdmin().queryParam("filter", b.filter()).get("/api/clients").then().statusCode(200)
                .body("items[0].lastInfoEmail.status", is("SENT"));
        // re-sending from the card is a new send: a second message
        String again = asAdmin().post("/api/clients/" + client + "/peppol-info-email").then().statusCode(202).extract().path("id");
        awaitStatus(again, "DONE");
        assertEquals(2, SmtpServer.receivedAt(b.domain()).size());
        asAdmin().post("/api/clients/" + UUID.randomUUID() + "/peppol-info-email").then().statusCode(404);
        withSession(sessionFor("VIEWER")).post("/api/clients/" + client + "/peppol-info-email").then().statusCode(403);
    }
}
