package be.fiduciaire.tracker.customfield;

import static be.fiduciaire.tracker.client.ClientFixtures.createClient;
import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.*;
import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Values of every field type, valid and invalid, through the client endpoints. */
@QuarkusTest
class CustomFieldValuesTest {

    private static String s;

    /** One category with a field of each type, created once per run with unique keys. */
    private static synchronized String keys() {
        if (s == null) {
            String suffix = suffix();
            String categoryId = createCategory("types_" + suffix);
            createField(categoryId, "txt_" + suffix, "TEXT");
            createField(categoryId, "long_" + suffix, "LONG_TEXT");
            createField(categoryId, "num_" + suffix, "NUMBER");
            createField(categoryId, "date_" + suffix, "DATE");
            createField(categoryId, "bool_" + suffix, "BOOLEAN");
            String sel = createField(categoryId, "sel_" + suffix, "SELECT");
            createOption(sel, "small", 10);
            createOption(sel, "large", 20);
            String closed = createOption(sel, "closed", 30);
            asAdmin().body(Map.of("active", false)).patch("/api/custom-fields/" + sel + "/options/" + closed).then().statusCode(200);
            String multi = createField(categoryId, "multi_" + suffix, "MULTI_SELECT");
            createOption(multi, "mail", 10);
            createOption(multi, "phone", 20);
            createOption(multi, "visit", 30);
            createField(categoryId, "doc_" + suffix, "DOCUMENT");
            createField(categoryId, "sys_" + suffix, "SYSTEM");
            s = suffix;
        }
        return s;
    }

    @Test
    void validValuesOfEveryTypeAreStoredNormalised() {
        String k = keys();
        Map<String, Object> values = new HashMap<>();
        values.put("txt_" + k, "  Jean Dupont ");
        values.put("long_" + k, "Line 1\nLine 2");
        values.put("num_" + k, 12.50);
        values.put("date_" + k, "2024-02-29");
        values.put("bool_" + k, false);
        values.put("sel_" + k, "large");
        values.put("multi_" + k, List.of("visit", "mail"));
        String id = createClient(Map.of("customFields", values));
        asAdmin().get("/api/clients/" + id).then().statusCode(200)
                .body("customFields.txt_" + k, is("Jean Dupont"))
                .body("customFields.long_" + k, is("Line 1\nLine 2"))
                .body("customFields.num_" + k, is(12.5f))
                .body("customFields.date_" + k, is("2024-02-29"))
                .body("customFields.bool_" + k, is(false))
                .body("customFields.sel_" + k, is("large"))
                .body("customFields.multi_" + k, contains("visit", "mail"));
        asAdmin().body(Map.of("customFields", Map.of("num_" + k, 7, "multi_" + k, List.of()))).patch("/api/clients/" + id).then()
                .statusCode(200).body("customFields.num_" + k, is(7)).body("customFields", not(hasKey("multi_" + k)));
    }

    @Test
    void everyInvalidValueIsListedInOneProblemAndNothingChanges() {
        String k = keys();
        String id = createClient(Map.of("customFields", Map.of("txt_" + k, "unchanged")));
        Map<String, Object> bad = new HashMap<>();
        bad.put("txt_" + k, 42);
        bad.put("long_" + k, "x".repeat(10_001));
        bad.put("num_" + k, "12");
        bad.put("date_" + k, "2023-02-29");
        bad.put("bool_" + k, "yes");
        bad.put("sel_" + k, "huge");
        bad.put("multi_" + k, List.of("mail", "mail"));
        bad.put("doc_" + k, Map.of("name", "x.pdf"));
        bad.put("sys_" + k, "written");
        asAdmin().body(Map.of("name", "Changed?", "customFields", bad)).patch("/api/clients/" + id).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors", hasSize(9))
                .body("errors.field", hasItems(bad.keySet().stream().map(key -> "customFields." + key).toArray(String[]::new)))
                .body("errors.find { it.field == 'customFields.date_" + k + "' }.message", containsString("real date"))
                .body("errors.find { it.field == 'customFields.doc_" + k + "' }.message", containsString("upload"));
        asAdmin().get("/api/clients/" + id).then().body("name", not(is("Changed?"))).body("version", is(0))
                .body("customFields.txt_" + k, is("unchanged"));
    }

    @Test
    void eachTypeRefusesTheWrongShape() {
        String k = keys();
        String id = createClient();
        List<Map<String, Object>> cases = List.of(
                Map.of("txt_" + k, "x".repeat(1_001)),
                Map.of("txt_" + k, List.of("a")),
                Map.of("long_" + k, true),
                Map.of("num_" + k, true),
                Map.of("date_" + k, "30/01/2024"),
                Map.of("date_" + k, 20240130),
                Map.of("bool_" + k, 1),
                Map.of("sel_" + k, "closed"),
                Map.of("sel_" + k, List.of("small")),
                Map.of("multi_" + k, "mail"),
                Map.of("multi_" + k, List.of("mail", "fax")),
                Map.of("multi_" + k, List.of(1)));
        for (Map<String, Object> change : cases) {
            String key = change.keySet().iterator().next();
            asAdmin().body(Map.of("customFields", change)).patch("/api/clients/" + id).then()
                    .statusCode(422).body("errors.field", contains("customFields." + key));
        }
        asAdmin().get("/api/clients/" + id).then().body("version", is(0));
    }

    @Test
    void requiredFieldMustBeGivenOnCreateAndCannotBeCleared() {
        String suffix = suffix();
        String categoryId = createCategory("req_" + suffix);
        String key = "req_" + suffix;
        String fieldId = createField(categoryId, key, "TEXT", Map.of("required", true));
        try {
            asAdmin().body(Map.of("name", "No value")).post("/api/clients").then().statusCode(422)
                    .body("errors.field", contains("customFields." + key));
            String id = createClient(Map.of("customFields", Map.of(key, "present")));
            asAdmin().body("{\"customFields\": {\"" + key + "\": null}}").patch("/api/clients/" + id).then()
                    .statusCode(422).body("errors[0].field", is("customFields." + key)).body("errors[0].message", containsString("required"));
            asAdmin().get("/api/clients/" + id).then().body("customFields." + key, is("present"));
        } finally {
            // other tests of the run create clients without this field
            asAdmin().body(Map.of("required", false)).patch("/api/custom-fields/" + fieldId).then().statusCode(200);
        }
    }
}
