package be.fiduciaire.tracker.email;

import static be.fiduciaire.tracker.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
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

/**
 * Campaigns: follow-ups created by the campaign job. A step becomes due by moving the campaign's sends back in time
 * in the database (no waiting), and the job is run by calling it.
 */
@QuarkusTest
@QuarkusTestResource(SmtpServer.class)
class EmailCampaignTest {
    @Inject
    Fixtures fx;
    @Inject
    EmailCampaigns campaigns;

    private String templateId(String key) {
        return asAdmin().get("/api/email-templates").then().statusCode(200).extract().path("find { it.key == '" + key + "' }.id");
    }

    private String reminderTemplate() {
        String key = Fixtures.unique("rappel_").toLowerCase();
        return asAdmin().body(Map.of("key", key, "category", "PEPPOL", "name", "Rappel " + key,
                        "variants", Map.of("fr", Map.of("subject", "Rappel Peppol : {client.name}", "body", "<p>Rappel</p>"),
                                "nl", Map.of("subject", "Herinnering Peppol: {client.name}", "body", "<p>Herinnering</p>"))))
                .post("/api/email-templates").then().statusCode(201).extract().path("id");
    }

    private String campaign(String filter, Map<String, Object> followUp) {
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", templateId("peppol_info"));
        body.put("selection", Map.of("filter", filter));
        body.put("followUp", followUp);
        return asAdmin().body(body).post("/api/email-sends").then().statusCode(202)
                .body("campaignId", notNullValue()).body("campaignStep", is(0)).body("followUp.afterDays", is(followUp.get("afterDays")))
                .extract().path("id");
    }

    private JsonPath view(String sendId) {
        return asAdmin().get("/api/email-sends/" + sendId + "/campaign").then().statusCode(200).extract().jsonPath();
    }

    private void awaitAllDone(String campaignId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                fx.count("select count(*) from email_send where campaign_id = ?::uuid and status <> 'DONE'", campaignId) == 0);
    }

    /** The days have passed: every send of the campaign is moved back by them. */
    private void daysPass(String campaignId, int days) {
        fx.exec("update email_send set created_at = created_at - make_interval(days => ?) where campaign_id = ?::uuid", days, campaignId);
    }

    private static List<String> recipients(List<MimeMessage> messages) {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : messages) {
            try {
                to.add(m.getAllRecipients()[0].toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return to;
    }

    @Test
    void followUpsStopForAClientWhoRegistersOrIsMarkedReadyAndStopAfterMaxTimes() {
        String ref = Fixtures.unique("C");
        String domain = Fixtures.unique("c").toLowerCase() + ".test";
        UUID stays = fx.client(ref + "-a", "Client A", Map.of("language", "fr", "email", "a@" + domain), Map.of());
        UUID registers = fx.client(ref + "-b", "Client B", Map.of("language", "nl", "email", "b@" + domain), Map.of());
        UUID ready = fx.client(ref + "-c", "Client C", Map.of("language", "fr", "email", "c@" + domain), Map.of());
        UUID noAddress = fx.client(ref + "-d", "Client D", Map.of(), Map.of());
        String reminder = reminderTemplate();
        String id = campaign("reference=like=" + ref + "*", Map.of("afterDays", 7, "maxTimes", 2, "templateId", reminder));
        awaitAllDone(id);
        assertEquals(3, SmtpServer.receivedAt(domain).size());
        assertEquals(0, campaigns.runDueSteps(OffsetDateTime.now()), "nothing is due before the days have passed");

        // B is found registered on Peppol between the first send and the first follow-up
        fx.registration(registers, "REGISTERED", "Some AP");
        fx.peppolHistory(registers, OffsetDateTime.now().toString(), "NOT_REGISTERED", "REGISTERED");
        daysPass(id, 8);
        assertEquals(1, campaigns.runDueSteps(OffsetDateTime.now()));
        awaitAllDone(id);
        JsonPath v = view(id);
        assertEquals(2, v.getList("steps").size());
        assertEquals(reminder, asAdmin().get("/api/email-sends/" + v.getString("steps[1].sendId")).then().statusCode(200).extract().path("templateId"));
        assertEquals(2, v.getInt("steps[1].total"), "A and C are followed up, B dropped out");

        // C is marked PEPPOL ready before the second follow-up
        asAdmin().body(Map.of("customFields", Map.of("peppol_ready", true))).patch("/api/clients/" + ready).then().statusCode(200);
        daysPass(id, 8);
        assertEquals(1, campaigns.runDueSteps(OffsetDateTime.now()));
        awaitAllDone(id);
        // maxTimes is 2: no third follow-up however long one waits
        daysPass(id, 30);
        assertEquals(0, campaigns.runDueSteps(OffsetDateTime.now()));

        List<String> to = recipients(SmtpServer.receivedAt(domain));
        assertEquals(3, to.stream().filter(("a@" + domain)::equals).count(), "A: the send and two follow-ups");
        assertEquals(1, to.stream().filter(("b@" + domain)::equals).count(), "B registered: no follow-up");
        assertEquals(2, to.stream().filter(("c@" + domain)::equals).count(), "C ready: one follow-up, not the second");
        assertTrue(SmtpServer.receivedAt(domain).stream().anyMatch(m -> {
            try {
                return m.getSubject().equals("Rappel Peppol : Client A");
            } catch (Exception e) {
                return false;
            }
        }), "the follow-ups use the rule's template");

        v = view(id);
        assertEquals("FINISHED", v.getString("status"));
        assertEquals(3, v.getList("steps").size());
        assertEquals(3, v.getLong("recipients"), "D had no address: never in the campaign");
        assertEquals(3, v.getLong("informed"));
        assertEquals(3, v.getLong("followUpsSent"));
        assertEquals(1, v.getLong("ready"));
        assertEquals(1, v.getLong("registered"));
        assertEquals(1, v.getLong("pending"));
        List<Map<String, Object>> days = v.getList("days");
        assertEquals(3L, days.stream().mapToLong(d -> ((Number) d.get("informed")).longValue()).sum());
        assertEquals(3L, days.stream().mapToLong(d -> ((Number) d.get("followUpsSent")).longValue()).sum());
        assertEquals(1L, days.stream().mapToLong(d -> ((Number) d.get("ready")).longValue()).sum());
        assertEquals(1L, days.stream().mapToLong(d -> ((Number) d.get("registered")).longValue()).sum());
        Map<String, Object> last = days.get(days.size() - 1);
        assertEquals(3, last.get("cumulativeFollowUpsSent"));
        assertEquals(1, last.get("cumulativeRegistered"));
        // any step's id shows the same campaign
        assertEquals(id, view(v.getString("steps[2].sendId")).getString("id"));

        asAdmin().get("/api/email-sends/" + id + "/campaign/recipients").then().statusCode(200)
                .body("total", is(3)).body("items.clientName", contains("Client A", "Client B", "Client C"))
                .body("items.state", contains("PENDING", "REGISTERED", "READY")).body("items.sent", contains(3, 1, 2));
        asAdmin().queryParam("state", "PENDING").get("/api/email-sends/" + id + "/campaign/recipients").then().statusCode(200)
                .body("items.clientId", contains(stays.toString()));
        asAdmin().queryParam("state", "LOST").get("/api/email-sends/" + id + "/campaign/recipients").then().statusCode(400)
                .body("errors[0].field", is("state")).body("errors[0].code", is("type.enum"));

        // every step is in the client's history
        List<Integer> steps = asAdmin().get("/api/clients/" + stays + "/history").then().statusCode(200).extract()
                .path("items.findAll { it.kind == 'EMAIL' }.newValue.campaignStep");
        assertEquals(List.of(2, 1, 0), steps);
        // who dropped out, why and at which step: one entry each, at the follow-up that left them out
        String left = "items.findAll { it.kind == 'CAMPAIGN' && it.field == 'campaign.left' }";
        asAdmin().get("/api/clients/" + registers + "/history").then().statusCode(200)
                .body(left + ".newValue.reason", contains("REGISTERED")).body(left + ".newValue.campaignStep", contains(1))
                .body(left + ".newValue.campaignId", contains(id)).body(left + ".newValue.sendId", contains(v.getString("steps[1].sendId")))
                .body(left + ".actorName", contains(nullValue()));
        asAdmin().get("/api/clients/" + ready + "/history").then().statusCode(200)
                .body(left + ".newValue.reason", contains("READY")).body(left + ".newValue.campaignStep", contains(2));
        asAdmin().get("/api/clients/" + stays + "/history").then().statusCode(200).body(left, empty());
        assertEquals(2, fx.count("select count(*) from client_history where kind = 'CAMPAIGN' and new_value ->> 'campaignId' = ?", id),
                "once per client and campaign");

        // the record of who was informed when
        String csv = asAdmin().get("/api/email-sends/" + v.getString("steps[1].sendId") + "/campaign/record").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("campaign-" + id)).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("Étape,Envoyé le,Statut,Référence,Client,Numéro d'entreprise,Adresse e-mail,Modèle,Objet,Erreur,Envoyé par", lines[0], "in the user's language");
        assertEquals(1 + 4 + 2 + 1, lines.length, "step 0: A, B, C and D (skipped); step 1: A and C; step 2: A");
        assertTrue(lines[1].startsWith("0,") && lines[1].contains(",SENT," + ref + "-a,Client A,,a@" + domain + ",Information Peppol,"), lines[1]);
        assertTrue(lines[4].startsWith("0,,SKIPPED," + ref + "-d,Client D,"), lines[4]);
        assertTrue(lines[4].contains("email.missing"), lines[4]);
        assertTrue(lines[7].startsWith("2,") && lines[7].contains("a@" + domain) && lines[7].contains("Rappel Peppol : Client A"), lines[7]);
        String excel = asAdmin().queryParam("excel", true).get("/api/email-sends/" + id + "/campaign/record").then().statusCode(200).extract().asString();
        assertTrue(excel.startsWith("\uFEFFÉtape;Envoyé le;Statut;"), excel.substring(0, 30));
        assertEquals(1, fx.count("select count(*) from email_message where client_id = ?", noAddress), "D: the one skipped row, no follow-up");
    }

    @Test
    void twoRunsAtOnceCreateAFollowUpOnce() throws Exception {
        String ref = Fixtures.unique("D");
        String domain = Fixtures.unique("d").toLowerCase() + ".test";
        for (int i = 0; i < 3; i++) fx.client(ref + "-" + i, "Client " + i, Map.of("language", "fr", "email", "c" + i + "@" + domain), Map.of());
        String id = campaign("reference=like=" + ref + "*", Map.of("afterDays", 3, "maxTimes", 5));
        awaitAllDone(id);
        daysPass(id, 4);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return campaigns.runDueSteps(OffsetDateTime.now());
                }));
            }
            int created = 0;
            for (Future<Integer> f : runs) created += f.get();
            assertEquals(1, created, "one run creates the follow-up; the other finds it created (or no longer due) and creates nothing");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, campaigns.runDueSteps(OffsetDateTime.now()), "the follow-up is not due again before its own days have passed");
        assertEquals(1, fx.count("select count(*) from email_send where campaign_id = ?::uuid and campaign_step = 1", id));
        assertEquals(3, fx.count("select count(*) from email_message m join email_send s on s.id = m.send_id where s.campaign_id = ?::uuid and s.campaign_step = 1", id));
        awaitAllDone(id);
        assertEquals(6, SmtpServer.receivedAt(domain).size(), "three clients, two emails each");
        // the unique key per campaign step holds whatever writes it
        String copy = "insert into email_send (template_key, template_name, variants, status, selection, campaign_id, campaign_step) "
                + "select template_key, template_name, variants, 'DONE', selection, campaign_id, 1 from email_send where id = ?::uuid";
        boolean refused = false;
        try {
            fx.exec(copy, id);
        } catch (RuntimeException expected) {
            refused = true;
        }
        assertTrue(refused, "a second step 1 is refused");
        assertEquals(1, fx.count("select count(*) from email_send where campaign_id = ?::uuid and campaign_step = 1", id));
    }

    @Test
    void aFollowUpRuleIsValidated() {
        String ref = Fixtures.unique("V");
        fx.client(ref, "Client V", Map.of("email", "v@v.test"), Map.of());
        String template = templateId("peppol_info");
        Map<String, Object> selection = Map.of("filter", "reference==" + ref);
        asAdmin().body(Map.of("templateId", template, "selection", selection, "followUp", Map.of("afterDays", 0, "maxTimes", 2)))
                .post("/api/email-sends").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("followUp.afterDays")).body("errors[0].code", is("range"));
        asAdmin().body(Map.of("templateId", template, "selection", selection, "followUp", Map.of("afterDays", 7, "maxTimes", 11)))
                .post("/api/email-sends").then().statusCode(422)
                .body("errors[0].field", is("followUp.maxTimes")).body("errors[0].code", is("range"));
        asAdmin().body(Map.of("templateId", template, "selection", selection, "followUp", Map.of("afterDays", 7)))
                .post("/api/email-sends").then().statusCode(422)
                .body("errors[0].field", is("followUp.maxTimes")).body("errors[0].code", is("required"));
        asAdmin().body(Map.of("templateId", template, "selection", selection, "followUp", Map.of("afterDays", 7, "maxTimes", 2, "templateId", UUID.randomUUID())))
                .post("/api/email-sends").then().statusCode(422)
                .body("errors[0].field", is("followUp.templateId")).body("errors[0].code", is("reference.unknown"));
        assertEquals(0, fx.count("select count(*) from email_message m join client c on c.id = m.client_id where c.reference = ?", ref));
        asAdmin().get("/api/email-sends/" + UUID.randomUUID() + "/campaign").then().statusCode(404);
        // a send without a rule is a campaign of one step
        String plain = asAdmin().body(Map.of("templateId", template, "selection", selection)).post("/api/email-sends").then().statusCode(202)
                .body("campaignId", nullValue()).body("followUp", nullValue()).extract().path("id");
        asAdmin().get("/api/email-sends/" + plain + "/campaign").then().statusCode(200)
                .body("id", is(plain)).body("followUp", nullValue()).body("nextFollowUpAt", nullValue()).body("steps", hasSize(1));
    }
}
