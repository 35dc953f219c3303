package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.client.BelgianIdentifiers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

@QuarkusTest
class ClientImportTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    Fixtures fx;

    String ref, software, ready, since, amount;
    String enA, enB, enNew;
    UUID a, b;

    static String enterpriseNumber() {
        return BelgianIdentifiers.enterpriseNumber(ThreadLocalRandom.current().nextLong(1_000_000, 19_999_999));
    }

    @BeforeEach
    void data() {
        ref = Fixtures.unique("IMP");
        UUID shown = fx.category(true);
        software = fx.field(shown, "SELECT", "odoo", "exact");
        ready = fx.field(shown, "BOOLEAN");
        since = fx.field(shown, "DATE");
        amount = fx.field(shown, "NUMBER");
        enA = enterpriseNumber();
        enB = enterpriseNumber();
        enNew = enterpriseNumber();
        a = fx.client(ref + "-A", "Alpha", Map.of("enterprise_number", enA), Map.of(software, "odoo"));
        b = fx.client(ref + "-B", "Beta", Map.of("enterprise_number", enB, "language", "fr"), Map.of());
    }

    private static RequestSpecification upload(String name, byte[] content, String type) {
        return given().header("Authorization", "Bearer " + adminToken()).multiPart("file", name, content, type);
    }

    private static ValidatableResponse post(RequestSpecification request, boolean dryRun) {
        return request.queryParam("dryRun", dryRun).post("/api/clients/import").then();
    }

    private static byte[] utf8WithBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    /** The Belgian Excel header: labels in French, enterprise numbers with dots, options by label, yes/no in French. */
    private String frenchCsv() {
        return "Numéro d'entreprise;Référence;Nom;Langue;Champ " + software + ";Champ " + ready + ";Champ " + since + ";Champ " + amount + "\r\n"
                + BelgianIdentifiers.formatEnterpriseNumber(enA) + ";;Alpha SA;;exact EN;oui;31/12/2025;1.234,5\r\n"
                + ";" + ref + "-B;;NL;;;;\r\n"
                + BelgianIdentifiers.formatEnterpriseNumber(enNew) + ";" + ref + "-N;Nouvelle SRL;;;non;;\r\n";
    }

    @Test
    void csvWithSemicolonsAndBomPreviewsThenAppliesWithHistory() {
        byte[] file = utf8WithBom(frenchCsv());
        post(upload("clients.csv", file, "text/csv"), true).statusCode(200)
                .body("dryRun", is(true)).body("rows", is(3)).body("created", is(1)).body("changed", is(2)).body("unchanged", is(0))
                .body("errors", empty())
                .body("columns.field", contains("enterpriseNumber", "reference", "name", "language", "cf." + software, "cf." + ready,
                        "cf." + since, "cf." + amount))
                // matched by enterprise number: the row's changes, old → new
                .body("items.find { it.row == 2 }.action", is("CHANGE"))
                .body("items.find { it.row == 2 }.clientId", is(a.toString()))
                .body("items.find { it.row == 2 }.changes.find { it.field == 'name' }.oldValue", is("Alpha"))
                .body("items.find { it.row == 2 }.changes.find { it.field == 'name' }.newValue", is("Alpha SA"))
                .body("items.find { it.row == 2 }.changes.find { it.field == 'cf." + software + "' }.oldValue", is("odoo"))
                .body("items.find { it.row == 2 }.changes.find { it.field == 'cf." + software + "' }.newValue", is("exact"))
                // matched by reference
                .body("items.find { it.row == 3 }.clientId", is(b.toString()))
                .body("items.find { it.row == 3 }.changes.field", contains("language"))
                .body("items.find { it.row == 4 }.action", is("CREATE"));
        // a dry run writes nothing
        assertEquals("Alpha", fx.text("select name as v from client where id = ?", a));
        assertEquals(0, fx.count("select count(*) from client where reference = ?", ref + "-N"));

        String importId = post(upload("clients.csv", file, "text/csv"), false).statusCode(200)
                .body("created", is(1)).body("changed", is(2)).body("importId", notNullValue()).extract().path("importId");
        assertEquals("Alpha SA", fx.text("select name as v from client where id = ?", a));
        assertEquals("exact", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", software, a));
        assertEquals("true", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", ready, a));
        assertEquals("2025-12-31", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", since, a));
        assertEquals("1234.5", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", amount, a));
        assertEquals("1", fx.text("select version::text as v from client_with_fields where id = ?", a));
        assertEquals("nl", fx.text("select language as v from client where id = ?", b));
        assertEquals("Nouvelle SRL", fx.text("select name as v from client where reference = ?", ref + "-N"));
        assertEquals(enNew, fx.text("select enterprise_number as v from client where reference = ?", ref + "-N"));
        assertEquals("fr", fx.text("select language as v from client where reference = ?", ref + "-N"));
        // history like a bulk edit's: one FIELD row per changed field, tied to the import; CREATED for the new client
        assertEquals(5, fx.count("select count(*) from client_history where import_id = ?::uuid and kind = 'FIELD' and client_id = ?", importId, a));
        assertEquals(1, fx.count("select count(*) from client_history where import_id = ?::uuid and kind = 'FIELD' and client_id = ?", importId, b));
        assertEquals(1, fx.count("select count(*) from client_history h join client c on c.id = h.client_id"
                + " where h.import_id = ?::uuid and h.kind = 'CREATED' and c.reference = ?", importId, ref + "-N"));
        asAdmin().get("/api/clients/" + a + "/history").then().statusCode(200)
                .body("items.find { it.field == 'name' }.oldValue", is("Alpha"))
                .body("items.find { it.field == 'name' }.newValue", is("Alpha SA"))
                .body("items.find { it.field == 'name' }.importId", is(importId));
        assertEquals(1, fx.count("select count(*) from client_import where id = ?::uuid and rows = 3 and created = 1 and changed = 2", importId));

        // the same file again changes nothing
        post(upload("clients.csv", file, "text/csv"), true).statusCode(200)
                .body("created", is(0)).body("changed", is(0)).body("unchanged", is(3)).body("items", empty());
    }

    @Test
    void windows1252WithCommasIsDetected() {
        String csv = "enterpriseNumber,reference,name,address.city\r\n" + enA + "," + ref + "-A,Société Générale,Liège\r\n";
        byte[] file = csv.getBytes(Charset.forName("windows-1252"));
        post(upload("clients.csv", file, "text/csv"), false).statusCode(200).body("changed", is(1)).body("errors", empty());
        assertEquals("Société Générale", fx.text("select name as v from client where id = ?", a));
        assertEquals("Liège", fx.text("select city as v from client where id = ?", a));
    }

    @Test
    void xlsxWithNumbersDatesAndTexts() throws Exception {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("Clients");
            Row header = sheet.createRow(0);
            String[] headers = {"Ondernemingsnummer", "Naam", "Veld " + since, "Veld " + amount, "Veld " + ready};
            for (int i = 0; i < headers.length; i++) header.createCell(i).setCellValue(headers[i]);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Row row = sheet.createRow(1);
            // Excel drops the leading 0 of an enterprise number typed as a number
            row.createCell(0).setCellValue(Double.parseDouble(enB));
            row.createCell(1).setCellValue("Beta BV");
            row.createCell(2).setCellValue(LocalDate.of(2026, 3, 1));
            row.getCell(2).setCellStyle(date);
            row.createCell(3).setCellValue(42);
            row.createCell(4).setCellValue(true);
            Row created = sheet.createRow(2);
            created.createCell(0).setCellValue(enNew);
            created.createCell(1).setCellValue("Nieuw NV");
            workbook.write(out);
            file = out.toByteArray();
        }
        post(upload("clients.xlsx", file, XLSX), false).statusCode(200)
                .body("errors", empty()).body("changed", is(1)).body("created", is(1));
        assertEquals("Beta BV", fx.text("select name as v from client where id = ?", b));
        assertEquals("2026-03-01", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", since, b));
        assertEquals("42", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", amount, b));
        assertEquals("true", fx.text("select custom_fields->>? as v from client_with_fields where id = ?", ready, b));
        assertEquals("Nieuw NV", fx.text("select name as v from client where enterprise_number = ?", enNew));
    }

    @Test
    void oneBadRowWritesNothing() {
        String csv = "Numéro d'entreprise;Nom;Champ " + software + "\r\n"
                + enA + ";Alpha changed;exact\r\n"
                + "0123.456.789;Broken;odoo\r\n"
                + enB + ";Beta changed;nonsense\r\n"
                + enNew + ";New one;\r\n";
        byte[] file = utf8WithBom(csv);
        long clients = fx.count("select count(*) from client");
        long history = fx.count("select count(*) from client_history");
        post(upload("bad.csv", file, "text/csv"), false).statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("status", is(422)).body("rows", is(4))
                .body("errors", hasSize(2))
                .body("errors[0].row", is(3)).body("errors[0].column", is("Numéro d'entreprise"))
                .body("errors[0].field", is("enterpriseNumber")).body("errors[0].code", is("enterprise_number.invalid"))
                .body("errors[1].row", is(4)).body("errors[1].column", is("Champ " + software))
                .body("errors[1].code", is("option.unknown"));
        assertEquals("Alpha", fx.text("select name as v from client where id = ?", a));
        assertEquals("Beta", fx.text("select name as v from client where id = ?", b));
        assertEquals("0", fx.text("select version::text as v from client_with_fields where id = ?", a));
        assertEquals(clients, fx.count("select count(*) from client"));
        assertEquals(history, fx.count("select count(*) from client_history"));
    }

    @Test
    void theMappingCanBeAdjustedAndIsChecked() {
        String csv = "BCE;Nom;Remarque\r\n" + enA + ";Alpha renamed;ignored\r\n";
        byte[] file = utf8WithBom(csv);
        // "BCE" is no known header: nothing matches rows to clients
        post(upload("m.csv", file, "text/csv"), true).statusCode(200)
                .body("columns.field", contains(nullValue(), is("name"), nullValue()))
                .body("errors[0].code", is("import.match_column_missing")).body("errors[0].row", is(1));
        post(upload("m.csv", file, "text/csv").multiPart("mapping", "{\"BCE\":\"enterpriseNumber\",\"Remarque\":\"cf.nope\"}"), true).statusCode(200)
                .body("errors[0].code", is("field.unknown")).body("errors[0].column", is("Remarque"));
        post(upload("m.csv", file, "text/csv").multiPart("mapping", "{\"BCE\":\"enterpriseNumber\",\"Nom\":\"name\",\"Remarque\":null}"), true)
                .statusCode(200).body("errors", empty()).body("changed", is(1)).body("columns.field", contains(is("enterpriseNumber"), is("name"), nullValue()));
        post(upload("m.csv", file, "text/csv").multiPart("mapping", "{\"BCE\":\"enterpriseNumber\",\"Nom\":\"name\",\"Remarque\":\"name\"}"), true)
                .statusCode(200).body("errors[0].code", is("import.field_twice"));
    }

    @Test
    void duplicateRowsAndTooLargeFilesAndViewersAreRefused() {
        String csv = "enterpriseNumber;name\r\n" + enA + ";One\r\n" + enA + ";Two\r\n";
        post(upload("d.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv"), true).statusCode(200)
                .body("errors[0].row", is(3)).body("errors[0].code", is("import.duplicate_row")).body("errors[0].params.firstRow", is(2));
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        post(upload("big.csv", big, "text/csv"), true).statusCode(413).body("errors[0].code", is("file.too_large"));
        fromTheSpa().cookie("peppol_session", sessionFor("VIEWER")).multiPart("file", "d.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/clients/import").then().statusCode(403);
    }
}
