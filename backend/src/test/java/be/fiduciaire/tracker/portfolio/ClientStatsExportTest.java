package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ClientStatsExportTest {
    @Inject
    Fixtures fx;
    @Inject
    be.fiduciaire.tracker.customfield.FieldCatalog catalog;

    @Test
    void statsCountMatchingClientsByAccessPointSelectAndMultiSelect() {
        String ref = Fixtures.unique("S");
        UUID cat = fx.category(true);
        String soft = fx.field(cat, "SELECT", "odoo", "exact");
        String tags = fx.field(cat, "MULTI_SELECT", "x", "y");
        UUID a = fx.client(ref + "-a", "A", Map.of(), Map.of(soft, "odoo", tags, List.of("x", "y")));
        UUID b = fx.client(ref + "-b", "B", Map.of(), Map.of(soft, "odoo", tags, List.of("x")));
        UUID c = fx.client(ref + "-c", "C", Map.of(), Map.of(soft, "exact"));
        fx.client(ref + "-d", "D", Map.of(), Map.of());
        fx.registration(a, "REGISTERED", "Banqup");
        fx.registration(b, "REGISTERED", "Banqup");
        fx.registration(c, "REGISTERED", "Billit");
        String filter = "reference=like=" + ref + "*";
        asAdmin().queryParam("groupBy", "peppol.accessPointName").queryParam("filter", filter).get("/api/clients/stats")
                .then().statusCode(200)
                .body("value", contains("Banqup", "Billit", null)).body("count", contains(2, 1, 1));
        asAdmin().queryParam("groupBy", "cf." + soft).queryParam("filter", filter).get("/api/clients/stats")
                .then().statusCode(200)
                .body("value", contains("odoo", "exact", null)).body("count", contains(2, 1, 1))
                .body("[0].label", is("odoo FR"));
        asAdmin().queryParam("groupBy", "cf." + tags).queryParam("filter", filter).get("/api/clients/stats")
                .then().statusCode(200)
                .body("find { it.value == 'x' }.count", is(2)).body("find { it.value == 'y' }.count", is(1))
                .body("find { it.value == null }.count", is(2));
        asAdmin().queryParam("groupBy", "peppol.status").queryParam("filter", filter + ";cf." + soft + "==odoo").get("/api/clients/stats")
                .then().statusCode(200).body("value", contains("REGISTERED")).body("count", contains(2));
    }

    @Test
    void statsNeedAKnownGroupByAndAValidFilter() {
        asAdmin().queryParam("groupBy", "nope").get("/api/clients/stats").then().statusCode(400).body("errors[0].field", is("groupBy"));
        asAdmin().get("/api/clients/stats").then().statusCode(400).body("errors[0].field", is("groupBy"));
        asAdmin().queryParam("groupBy", "language").queryParam("filter", "x==").get("/api/clients/stats").then().statusCode(400)
                .body("errors[0].field", is("filter"));
    }

    @Test
    void exportStreamsCsvWithLabelledHeadersAndLabelledOptions() {
        String ref = Fixtures.unique("E");
        UUID cat = fx.category(true);
        String soft = fx.field(cat, "SELECT", "odoo", "exact");
        String ready = fx.field(cat, "BOOLEAN");
        String note = fx.field(cat, "LONG_TEXT");
        fx.client(ref + "-1", "Société Générale, \"SA\"", Map.of("enterprise_number", "0123456749"), Map.of(soft, "odoo", ready, true, note, "ligne 1\nligne 2"));
        fx.client(ref + "-2", "=HYPERLINK(\"x\")", Map.of(), Map.of(ready, false));
        String csv = asAdmin().queryParam("filter", "reference=like=" + ref + "*")
                .queryParam("columns", "name,enterpriseNumber,cf." + soft + ",cf." + ready + ",cf." + note + ",lastInfoEmailAt")
                .get("/api/clients/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("clients.csv"))
                .extract().asString();
        // the test admin's language is French
        String expected = "Nom,Numéro d'entreprise,Champ " + soft + ",Champ " + ready + ",Champ " + note + ",Dernier e-mail d'information\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",,,Non,,\r\n"
                + "\"Société Générale, \"\"SA\"\"\",0123456749,odoo FR,Oui,\"ligne 1\nligne 2\",\r\n";
        assertEquals(expected, csv);
    }

    @Test
    void exportRendersNumbersDatesMultiSelectsAndTimesAsASpreadsheetReadsThem() {
        String ref = Fixtures.unique("E");
        UUID cat = fx.category(true);
        String services = fx.field(cat, "MULTI_SELECT", "tva", "paie", "compta", "conseil");
        // a label with a comma of its own, and one a spreadsheet would run as a formula
        fx.exec("update cf_option set labels = jsonb_set(labels, '{fr}', '\"Paie, salaires\"') where key = 'paie'"
                + " and field_id = (select id from cf_field where key = ?)", services);
        fx.exec("update cf_option set labels = jsonb_set(labels, '{fr}', '\"=Conseil\"') where key = 'conseil'"
                + " and field_id = (select id from cf_field where key = ?)", services);
        catalog.invalidate();
        String fee = fx.field(cat, "NUMBER");
        String start = fx.field(cat, "DATE");
        UUID id = fx.client(ref + "-1", "Multi", Map.of(), Map.of(services, List.of("paie", "conseil", "tva"), fee, new java.math.BigDecimal("1250.50"), start, "2026-03-01"));
        fx.client(ref + "-2", "Vide", Map.of(), Map.of(services, List.of()));
        fx.registration(id, "REGISTERED", "Banqup");
        fx.exec("update peppol_registration set checked_at = '2026-07-01T00:30:05Z' where client_id = ?", id);
        String csv = asAdmin().queryParam("filter", "reference=like=" + ref + "*")
                .queryParam("columns", "name,cf." + services + ",cf." + fee + ",cf." + start + ",peppol.checkedAt")
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        // the options in the order the client holds them, labelled; the time in Brussels (summer time) with its offset
        assertEquals("Multi,\"Paie, salaires; '=Conseil; tva FR\",1250.5,2026-03-01,2026-07-01T02:30:05+02:00", lines[1]);
        assertEquals("Vide,,,,", lines[2]);
        // COPY binds no parameters: the filter's values of each type reach it through the transaction's setting
        String filtered = asAdmin().queryParam("filter", "reference=like=" + ref + "*;cf." + fee + "=gt=1000.5;cf." + start
                        + "=ge=2026-01-01;peppol.status=in=(REGISTERED,NOT_REGISTERED);cf." + services + "==conseil;id==" + id)
                .queryParam("columns", "name").get("/api/clients/export").then().statusCode(200).extract().asString();
        assertEquals("Nom\r\nMulti\r\n", filtered);
    }

    @Test
    void exportKeepsBackslashesTabsLineBreaksAndQuotesOfTextsAsTheyAre() {
        // PostgreSQL sends each row as one text of its values, separated by U+001F: the CSV holds the texts as stored
        // (backslashes, tabs, line breaks, quotes), and a value holding that separator does not split in two
        String ref = Fixtures.unique("E");
        UUID cat = fx.category(true);
        String note = fx.field(cat, "LONG_TEXT");
        String tags = fx.field(cat, "MULTI_SELECT", "x", "y");
        UUID id = fx.client(ref + "-1", "C:\\dossiers\\new\tn°1", Map.of("city", "Liège"),
                Map.of(note, "ligne \"1\"\r\n\\t ligne 2", tags, List.of("y", "x")));
        fx.exec("update client set street = 'Rue' || chr(31) || 'Haute' where id = ?", id);
        String csv = asAdmin().queryParam("filter", "reference=like=" + ref + "*")
                .queryParam("columns", "name,address.street,address.city,cf." + note + ",cf." + tags)
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        assertEquals("C:\\dossiers\\new\tn°1,Rue Haute,Liège,\"ligne \"\"1\"\"\r\n\\t ligne 2\",y FR; x FR\r\n",
                csv.substring(csv.indexOf("\r\n") + 2));
        // no client matching: the header alone
        assertEquals("Nom\r\n", asAdmin().queryParam("filter", "reference==" + ref + "-none").queryParam("columns", "name")
                .get("/api/clients/export").then().statusCode(200).extract().asString());
    }

    @Test
    void exportsMoreColumnsThanAFunctionTakesArguments() {
        // each row's values are joined in SQL, and a PostgreSQL function takes at most 100 arguments
        String ref = Fixtures.unique("E");
        fx.client(ref + "-1", "Cent", Map.of(), Map.of());
        String csv = asAdmin().queryParam("filter", "reference=like=" + ref + "*")
                .queryParam("columns", String.join(",", java.util.Collections.nCopies(150, "name")))
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        assertEquals(String.join(",", java.util.Collections.nCopies(150, "Cent")), csv.split("\r\n")[1]);
    }

    @Test
    void exportLabelsFollowTheUsersLanguage() {
        String ref = Fixtures.unique("E");
        fx.client(ref + "-1", "Een", Map.of("vat_liable", true), Map.of());
        String nl = nlSession();
        String csv = withSession(nl).queryParam("filter", "reference=like=" + ref + "*").queryParam("columns", "name,vatLiable")
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        assertEquals("Naam,Btw-plichtig\r\nEen,Ja\r\n", csv);
    }

    @Test
    void excelExportUsesSemicolonsAndAByteOrderMark() {
        String ref = Fixtures.unique("E");
        fx.client(ref + "-1", "Dupont; fils", Map.of("vat_liable", true), Map.of());
        byte[] csv = asAdmin().queryParam("filter", "reference=like=" + ref + "*").queryParam("columns", "name,vatLiable")
                .queryParam("excel", true).get("/api/clients/export").then().statusCode(200).extract().asByteArray();
        assertEquals("\uFEFFNom;Assujetti à la TVA\r\n\"Dupont; fils\";Oui\r\n", new String(csv, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void exportWithTheSuiviPeppolViewColumnsLeavesTheLastInfoEmailEmpty() {
        String ref = Fixtures.unique("E");
        UUID id = fx.client(ref + "-1", "Suivi", Map.of("enterprise_number", "0123456749"),
                Map.of("peppol_software_receive", "odoo", "peppol_ready", false, "peppol_registered", "Banqup"));
        fx.registration(id, "REGISTERED", "Banqup");
        List<String> columns = asAdmin().get("/api/views").then().statusCode(200)
                .extract().path("find { it.name == 'Suivi PEPPOL' }.columns");
        String csv = asAdmin().queryParam("filter", "reference=like=" + ref + "*;cf.peppol_ready==false;peppol.status==REGISTERED")
                .queryParam("columns", String.join(",", columns))
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length);
        assertEquals("Nom,Numéro d'entreprise,Numéro de TVA,Enregistré sur PEPPOL,Logiciel pour la réception PEPPOL,"
                + "Logiciel pour l'envoi via PEPPOL,« PEPPOL ready » ?,Commentaire(s),Dernier e-mail d'information", lines[0]);
        assertEquals("Suivi,0123456749,,Banqup,Odoo,,Non,,", lines[1]);
    }

    @Test
    void exportRefusesUnknownColumnsAsProblems() {
        asAdmin().queryParam("columns", "name,password_hash").get("/api/clients/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("columns"))
                .body("errors[0].message", containsString("password_hash"));
    }

    private static String nlSession() {
        String email = "nl-" + UUID.randomUUID() + "@test.local";
        asAdmin().body(Map.of("email", email, "name", "NL", "role", "STAFF", "password", "password-nl-123", "language", "nl"))
                .post("/api/users").then().statusCode(201);
        return sessionCookie(email, "password-nl-123");
    }
}
