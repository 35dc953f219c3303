package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.client.StandardField;
import be.fiduciaire.tracker.client.StandardField.Use;
import be.fiduciaire.tracker.clientquery.FieldKind;
import io.quarkus.test.junit.QuarkusTest;

/** The registry drives the API: each standard field filters, sorts, exports and bulk-edits as its uses say. */
@QuarkusTest
class StandardFieldApiTest {

    @Test
    void exactlyTheFilterFieldsAreSelectorsOfFiltersAndSortsExceptSets() {
        for (StandardField f : StandardField.values()) {
            var filtered = asAdmin().queryParam("filter", f.json() + "=empty=true").queryParam("size", 1).get("/api/clients").then();
            var sorted = asAdmin().queryParam("sort", "-" + f.json()).queryParam("size", 1).get("/api/clients").then();
            if (f.is(Use.FILTER)) {
                filtered.statusCode(200);
                // a set of codes (peppol.reason) filters but has no order, as a custom multi-select
                if (f.kind() == FieldKind.MULTI) sorted.statusCode(400).body("errors[0].field", is("sort")).body("errors[0].code", is("sort.not_sortable"));
                else sorted.statusCode(200);
            } else {
                filtered.statusCode(400).body("errors[0].field", is("filter"));
                sorted.statusCode(400).body("errors[0].field", is("sort"));
            }
        }
    }

    @Test
    void theDefaultExportStartsWithTheExportFieldsLabelledInTheUsersLanguage() {
        String header = asAdmin().queryParam("filter", "reference==" + Fixtures.unique("none-")).get("/api/clients/export")
                .then().statusCode(200).extract().asString().split("\r\n")[0];
        StringBuilder expected = new StringBuilder();
        for (StandardField f : StandardField.with(Use.EXPORT)) {
            if (!expected.isEmpty()) expected.append(',');
            expected.append(f.labels().get("fr")); // the test admin's language
        }
        assertTrue(header.startsWith(expected + ","), header);
    }

    @Test
    void bulkEditSetsExactlyTheBulkEditableStandardFields() {
        for (StandardField f : StandardField.values()) {
            if (!f.is(Use.WRITE) && !f.is(Use.BULK_EDIT)) continue;
            Map<String, Object> changes = new HashMap<>();
            changes.put(f.json(), sample(f));
            Map<String, Object> body = Map.of("selection", Map.of("filter", "reference==" + Fixtures.unique("none-")),
                    "changes", changes, "dryRun", true);
            var answer = asAdmin().body(body).post("/api/clients/bulk-edit").then();
            if (f.is(Use.BULK_EDIT)) answer.statusCode(200).body("matched", is(0));
            else answer.statusCode(422).body("errors[0].field", is("changes." + f.json()));
        }
    }

    @Test
    void theStandardFieldsEndpointDescribesEveryFieldAsTheRegistryDoes() {
        var answer = asAdmin().get("/api/standard-fields").then().statusCode(200).extract().jsonPath();
        java.util.List<String> names = answer.getList("name");
        assertEquals(java.util.Arrays.stream(StandardField.values()).map(StandardField::json).toList(), names);
        for (StandardField f : StandardField.values()) {
            String at = "find { it.name == '" + f.json() + "' }.";
            assertEquals(f.kind().name(), answer.getString(at + "kind"), f.json());
            assertEquals(f.codes(), answer.getList(at + "values"), f.json());
            assertEquals(f.labels().get("nl"), answer.getString(at + "labels.nl"), f.json());
            assertEquals(f.is(Use.FILTER), answer.getBoolean(at + "filterable"), f.json());
            assertEquals(f.is(Use.BULK_EDIT), answer.getBoolean(at + "bulkEditable"), f.json());
        }
        assertEquals(java.util.List.of("ACTIVE", "ARCHIVED"), answer.getList("find { it.name == 'status' }.values"));
        assertEquals("BOOLEAN", answer.getString("find { it.name == 'vatLiable' }.kind"));
        io.restassured.RestAssured.given().get("/api/standard-fields").then().statusCode(401);
    }

    /** A valid JSON value of the field's type (null for a user id: no user is needed to clear one). */
    private static Object sample(StandardField f) {
        if (f.type() == Boolean.class) return true;
        if (f.type() == java.util.UUID.class) return null;
        if (f.type().isEnum()) return f.codes().get(0);
        return "x";
    }
}
