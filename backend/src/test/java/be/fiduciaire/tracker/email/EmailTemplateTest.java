package be.fiduciaire.tracker.email;

import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(SmtpServer.class)
class EmailTemplateTest {
    @Inject
    Fixtures fx;

    private String peppolInfoId() {
        return asAdmin().get("/api/email-templates").then().statusCode(200).extract().path("find { it.key == 'peppol_info' }.id");
    }

    private UUID client(String name, String language) {
        return fx.client(Fixtures.unique("T"), name, Map.of("language", language, "enterprise_number", "0123456749",
                "email", "info@" + Fixtures.unique("d") + ".test"), Map.of());
    }

    private static Map<String, Object> template(String key, Map<String, Object> variants) {
        return Map.of("key", key, "category", "GENERAL", "name", "Test " + key, "variants", variants);
    }

    private static Map<String, Object> variant(String subject, String body) {
        return Map.of("subject", subject, "body", body);
    }

    private static String key() {
        return Fixtures.unique("t_").toLowerCase();
    }

    @Test
    void seededPeppolInfoRendersInEachClientLanguageWithWhatTheFirmSees() {
        String id = peppolInfoId();
        UUID fr = client("Boulangerie Dupont", "fr");
        fx.registration(fr, "REGISTERED", "Banqup AP");
        UUID nl = client("Bakkerij Peeters", "nl");
        fx.registration(nl, "NOT_REGISTERED", null);
        UUID en = client("Brussels Tech", "en");

        asAdmin().body(Map.of("clientId", fr)).post("/api/email-templates/" + id + "/preview").then().statusCode(200)
                .body("language", is("fr"))
                .body("subject", is("Facturation électronique via Peppol : Boulangerie Dupont"))
                .body("body", containsString("1er janvier 2026"))
                .body("body", containsString("point d'accès <strong>Banqup AP</strong>"))
                .body("body", containsString("BCE 0123.456.749"))
                .body("body", containsString("<strong>recevoir</strong>"))
                .body("body", containsString("Rue de la Loi 16, 1000 Bruxelles"))
                .body("text", containsString("point d'accès Banqup AP"))
                .body("text", containsString("- quel logiciel vous utilisez pour envoyer"))
                .body("text", not(containsString("<")));
        asAdmin().body(Map.of("clientId", nl)).post("/api/email-templates/" + id + "/preview").then().statusCode(200)
                .body("language", is("nl"))
                .body("subject", is("Elektronisch factureren via Peppol: Bakkerij Peeters"))
                .body("body", containsString("1 januari 2026"))
                .body("body", containsString("niet gevonden op het Peppol-netwerk (niet geregistreerd)"));
        asAdmin().body(Map.of("clientId", en)).post("/api/email-templates/" + id + "/preview").then().statusCode(200)
                .body("language", is("en"))
                .body("body", containsString("We did not find your company on the Peppol network (not checked yet)"));
    }

    @Test
    void aLanguageTheTemplateLacksFallsBackToTheFirmLanguage() {
        String id = asAdmin().body(template(key(), Map.of("fr", variant("Bonjour {client.name}", "<p>FR</p>"), "en", variant("Hello {client.name}", "<p>EN</p>"))))
                .post("/api/email-templates").then().statusCode(201).extract().path("id");
        // German client, no German variant: the firm's language (fr in tests)
        asAdmin().body(Map.of("clientId", client("Müller GmbH", "de"))).post("/api/email-templates/" + id + "/preview").then().statusCode(200)
                .body("language", is("fr")).body("subject", is("Bonjour Müller GmbH")).body("body", is("<p>FR</p>"));
        String onlyEnglish = asAdmin().body(template(key(), Map.of("en", variant("Hello", "<p>EN</p>"))))
                .post("/api/email-templates").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("clientId", client("Janssens", "nl"))).post("/api/email-templates/" + onlyEnglish + "/preview").then()
                .statusCode(200).body("language", is("en"));
    }

    @Test
    void insertedValuesAreHtmlEscapedAndLineBreaksCannotReachHeaders() {
        String id = asAdmin().body(template(key(), Map.of("fr", variant("Objet {client.name}", "<p>Cher {client.name}</p>"))))
                .post("/api/email-templates").then().statusCode(201).extract().path("id");
        UUID evil = client("<script>alert(1)</script> & \"Co\"\r\nBcc: victim@evil.test", "fr");
        asAdmin().body(Map.of("clientId", evil)).post("/api/email-templates/" + id + "/preview").then().statusCode(200)
                .body("body", is("<p>Cher &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; Bcc: victim@evil.test</p>"))
                .body("subject", is("Objet <script>alert(1)</script> & \"Co\" Bcc: victim@evil.test"))
                .body("text", is("Cher <script>alert(1)</script> & \"Co\" Bcc: victim@evil.test\n"));
        // a subject template of two lines is refused when saved
        asAdmin().body(template(key(), Map.of("fr", variant("Objet\r\nBcc: victim@evil.test", "<p>x</p>"))))
                .post("/api/email-templates").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("variants.fr.subject")).body("errors[0].message", containsString("one line"));
    }

    @Test
    void anUnknownPlaceholderIsRefusedAtSaveNamingTheVariantAndTheLine() {
        asAdmin().body(template(key(), Map.of("nl", variant("Dag {client.name}", "<p>Beste klant,</p>\n<p>{client.name}</p>\n<p>{client.nmae}</p>"))))
                .post("/api/email-templates").then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", is("variants.nl.body"))
                .body("errors[0].message", is("Line 3: unknown placeholder {client.nmae}"));
        asAdmin().body(template(key(), Map.of("fr", variant("{client.custom.no_such_field}", "<p>x</p>"))))
                .post("/api/email-templates").then().statusCode(422)
                .body("errors[0].field", is("variants.fr.subject")).body("errors[0].message", containsString("unknown placeholder"));
    }

    @Test
    void aSyntaxErrorIsRefusedAtSaveNamingTheLine() {
        asAdmin().body(template(key(), Map.of("en", variant("Hello", "<p>Dear client,</p>\n{#if peppol.registered}\n<p>registered</p>\n"))))
                .post("/api/email-templates").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("variants.en.body"))
                .body("errors[0].message", startsWith("Line "))
                .body("errors[0].message", containsString("syntax error"));
        // a section other than #if (include, eval, let...) is not available to templates
        asAdmin().body(template(key(), Map.of("en", variant("Hello", "<p>a</p>\n{#eval client.name /}"))))
                .post("/api/email-templates").then().statusCode(422)
                .body("errors[0].field", is("variants.en.body")).body("errors[0].message", startsWith("Line 2: syntax error"));
    }

    @Test
    void templatesCannotCallMethodsOrReachServerNamespaces() {
        for (String body : List.of("{client.name.toUpperCase()}", "{config:quarkus.datasource.password}", "{inject:db}", "{client.custom.size}")) {
            asAdmin().body(template(key(), Map.of("fr", variant("Objet", body))))
                    .post("/api/email-templates").then().statusCode(422)
                    .body("errors[0].field", is("variants.fr.body")).body("errors[0].message", startsWith("Line 1: "));
        }
    }

    @Test
    void customFieldPlaceholdersShowOptionLabelsInTheClientsLanguage() {
        UUID cat = fx.category(true);
        String soft = fx.field(cat, "SELECT", "odoo", "exact");
        String ready = fx.field(cat, "BOOLEAN");
        String id = asAdmin().body(template(key(), Map.of("fr", variant("S", "<p>{client.custom." + soft + "} / {client.custom." + ready + "}</p>"))))
                .post("/api/email-templates").then().statusCode(201).extract().path("id");
        UUID nl = fx.client(Fixtures.unique("T"), "Peeters", Map.of("language", "nl"), Map.of(soft, "exact", ready, true));
        asAdmin().body(Map.of("clientId", nl)).post("/api/email-templates/" + id + "/preview").then().statusCode(200)
                .body("body", is("<p>exact NL / ja</p>"));
        asAdmin().get("/api/email-templates/placeholders").then().statusCode(200)
                .body("standard", hasItems("client.name", "peppol.accessPoint", "firm.name", "sender.email"))
                .body("custom", hasItem("client.custom." + soft));
    }

    @Test
    void adminsEditTemplatesStaffPreviewThem() {
        String staff = sessionFor("STAFF");
        withSession(staff).body(template(key(), Map.of("fr", variant("S", "<p>b</p>")))).post("/api/email-templates").then().statusCode(403);
        withSession(staff).body(Map.of("clientId", client("Staff view", "fr"))).post("/api/email-templates/" + peppolInfoId() + "/preview")
                .then().statusCode(200).body("language", is("fr"));
        given().get("/api/email-templates").then().statusCode(401);
    }

    @Test
    void createReadPatchAndDeleteWithOptimisticConcurrency() {
        String k = key();
        String id = asAdmin().body(template(k, Map.of("fr", variant("S", "<p>b</p>")))).post("/api/email-templates").then().statusCode(201)
                .header("Location", endsWith("/api/email-templates/" + asAdmin().get("/api/email-templates").then().extract()
                        .path("find { it.key == '" + k + "' }.id")))
                .body("version", is(0)).extract().path("id");
        asAdmin().body(template(k, Map.of("fr", variant("S", "<p>b</p>")))).post("/api/email-templates").then().statusCode(409)
                .body("errors[0].field", is("key"));
        asAdmin().body(Map.of("name", "Renamed", "version", 0, "variants", Map.of("nl", variant("N", "<p>n</p>"))))
                .patch("/api/email-templates/" + id).then().statusCode(200)
                .body("name", is("Renamed")).body("version", is(1)).body("variants.nl.subject", is("N")).body("variants.fr", nullValue());
        asAdmin().body(Map.of("name", "Stale", "version", 0)).patch("/api/email-templates/" + id).then().statusCode(409)
                .body("errors[0].field", is("version"));
        asAdmin().body(Map.of("name", "x", "variants", Map.of("xx", variant("a", "b")))).patch("/api/email-templates/" + id).then()
                .statusCode(422).body("errors[0].field", is("variants.xx"));
        asAdmin().delete("/api/email-templates/" + id).then().statusCode(204);
        asAdmin().get("/api/email-templates/" + id).then().statusCode(404);
        asAdmin().delete("/api/email-templates/" + peppolInfoId()).then().statusCode(409);
    }
}
