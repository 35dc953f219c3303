package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class BulkEditTest {
    @Inject
    Fixtures fx;

    String ref, ready, software, note, when, amount, tags, doc, system, hidden;
    List<UUID> ids;

    @BeforeEach
    void data() {
        ref = Fixtures.unique("B");
        UUID shown = fx.category(true);
        ready = fx.field(shown, "BOOLEAN");
        software = fx.field(shown, "SELECT", "odoo", "exact");
        note = fx.field(shown, "LONG_TEXT");
        when = fx.field(shown, "DATE");
        amount = fx.field(shown, "NUMBER");
        tags = fx.field(shown, "MULTI_SELECT", "a", "b");
        doc = fx.field(shown, "DOCUMENT");
        system = fx.field(shown, "SYSTEM");
        hidden = fx.field(fx.category(false), "TEXT");
        ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fx.client(ref + "-" + i, "Client " + i, Map.of("language", "fr"), i == 0 ? Map.of(ready, true, software, "odoo") : Map.of(ready, false)));
        }
    }

    private String inRef() {
        return "reference=like=" + ref + "*";
    }

    private Map<String, Object> byFilter(String filter, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>();
        body.put("selection", Map.of("filter", filter));
        body.put("changes", changes);
        return body;
    }

    private Map<String, Object> byIds(List<?> selected, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>();
        body.put("selection", Map.of("ids", selected));
        body.put("changes", changes);
        return body;
    }

    private long count(String filter) {
        return ((Number) asAdmin().queryParam("filter", inRef() + ";(" + filter + ")").queryParam("size", 1).get("/api/clients")
                .then().statusCode(200).extract().path("total")).longValue();
    }

    @Test
    void setsSeveralFieldsOnAFilterSelectionAndRecordsHistoryPerChangedField() {
        String id = asAdmin().body(byFilter(inRef(), Map.of(ready, true, software, "exact", "language", "nl", "vatLiable", true)))
                .post("/api/clients/bulk-edit").then().statusCode(200)
                .body("matched", is(5)).body("changed", is(5)).body("dryRun", is(false)).body("id", notNullValue())
                .extract().path("id");
        assertEquals(5, count("cf." + ready + "==true;cf." + software + "==exact;language==nl;vatLiable==true"));
        asAdmin().queryParam("filter", "reference==" + ref + "-1").get("/api/clients").then()
                .body("items[0].version", is(1)).body("items[0].customFields." + software, is("exact"));
        // client 0 was already ready: 3 changed fields; the other four: 4 changed fields
        assertEquals(3 + 4 * 4, fx.count("select count(*) from client_history where bulk_edit_id = ?::uuid and kind = 'FIELD'", id));
        // GET /api/clients/{id}/history shows who changed what, old → new, and which bulk edit
        asAdmin().get("/api/clients/" + ids.get(1) + "/history").then().statusCode(200)
                .body("items.findAll { it.bulkEditId == '" + id + "' }.field",
                        containsInAnyOrder("cf." + ready, "cf." + software, "language", "vatLiable"))
                .body("items.find { it.field == 'language' }.kind", is("FIELD"))
                .body("items.find { it.field == 'language' }.oldValue", is("fr"))
                .body("items.find { it.field == 'language' }.newValue", is("nl"))
                .body("items.find { it.field == 'cf." + ready + "' }.oldValue", is(false))
                .body("items.find { it.field == 'cf." + ready + "' }.newValue", is(true))
                .body("items.find { it.field == 'cf." + software + "' }.oldValue", nullValue())
                .body("items.find { it.field == 'cf." + software + "' }.newValue", is("exact"))
                .body("items.find { it.field == 'language' }.actorName", notNullValue())
                .body("items.find { it.field == 'language' }.actorId", notNullValue());
        asAdmin().get("/api/clients/" + ids.get(0) + "/history").then().statusCode(200)
                .body("items.findAll { it.bulkEditId == '" + id + "' }.field", containsInAnyOrder("cf." + software, "language", "vatLiable"));
    }

    @Test
    void anEditOfCustomFieldsAloneMovesTheVersionACardEditChecks() {
        // the custom fields live in their own row (V99): a bulk edit of them alone writes only that row, and the client
        // still shows one version step, so a card opened before the edit cannot overwrite it
        String client = "/api/clients/" + ids.get(2);
        long before = ((Number) asAdmin().get(client).then().statusCode(200).extract().path("version")).longValue();
        asAdmin().body(byIds(List.of(ids.get(2)), Map.of(software, "exact"))).post("/api/clients/bulk-edit").then().statusCode(200).body("changed", is(1));
        asAdmin().get(client).then().statusCode(200).body("version", is((int) before + 1)).body("customFields." + software, is("exact"));
        asAdmin().header("If-Match", "\"" + before + "\"").body(Map.of("customFields", Map.of(software, "odoo"))).patch(client).then().statusCode(412);
        asAdmin().header("If-Match", "\"" + (before + 1) + "\"").body(Map.of("customFields", Map.of(software, "odoo"))).patch(client).then().statusCode(200)
                .body("version", is((int) before + 2)).body("customFields." + software, is("odoo"));
    }

    @Test
    void deletingClientsDeletesTheirHistoryAndOnlyTheirs() {
        asAdmin().body(byFilter(inRef(), Map.of("language", "nl"))).post("/api/clients/bulk-edit").then().statusCode(200).body("changed", is(5));
        assertEquals(5, fx.count("select count(*) from client_history where client_id = any (?::uuid[])", (Object) uuids(ids)));
        // history has no foreign key any more (no trigger per history row): one statement-level trigger deletes it with its clients
        fx.exec("delete from client where id = any (?::uuid[])", (Object) uuids(ids.subList(0, 2)));
        assertEquals(0, fx.count("select count(*) from client_history where client_id = any (?::uuid[])", (Object) uuids(ids.subList(0, 2))));
        assertEquals(3, fx.count("select count(*) from client_history where client_id = any (?::uuid[])", (Object) uuids(ids.subList(2, 5))));
    }

    private static String[] uuids(List<UUID> list) {
        return list.stream().map(UUID::toString).toArray(String[]::new);
    }

    @Test
    void selectsByIdsAndLeavesOthersAlone() {
        asAdmin().body(byIds(List.of(ids.get(1), ids.get(2)), Map.of("cf." + note, "appelé", when, "2026-03-01", amount, 12.5)))
                .post("/api/clients/bulk-edit").then().statusCode(200).body("matched", is(2)).body("changed", is(2));
        assertEquals(2, count("cf." + note + "==appelé;cf." + when + "==2026-03-01;cf." + amount + "==12.5"));
        assertEquals(3, count("cf." + note + "=empty=true"));
    }

    @Test
    void nullClearsACustomFieldAndUnchangedClientsAreNotCounted() {
        Map<String, Object> clear = new HashMap<>();
        clear.put(software, null);
        asAdmin().body(byFilter(inRef(), clear)).post("/api/clients/bulk-edit").then().statusCode(200)
                .body("matched", is(5)).body("changed", is(1));
        assertEquals(5, count("cf." + software + "=empty=true"));
        asAdmin().body(byFilter(inRef(), clear)).post("/api/clients/bulk-edit").then().statusCode(200).body("changed", is(0));
    }

    @Test
    void dryRunCountsWithoutWriting() {
        Map<String, Object> body = byFilter(inRef(), Map.of(ready, true));
        body.put("dryRun", true);
        asAdmin().body(body).post("/api/clients/bulk-edit").then().statusCode(200)
                .body("matched", is(5)).body("changed", is(4)).body("dryRun", is(true)).body("id", nullValue());
        assertEquals(4, count("cf." + ready + "==false"));
    }

    @Test
    void dryRunTellsPerFieldHowManyAlreadyHoldTheValueAndHowManyValuesItOverwrites() {
        // client 0: ready, software odoo; clients 1-4: not ready, no software, language fr
        Map<String, Object> changes = new java.util.LinkedHashMap<>();
        changes.put(ready, true);
        changes.put("cf." + software, "exact");
        changes.put("language", "fr");
        Map<String, Object> body = byFilter(inRef(), changes);
        body.put("dryRun", true);
        asAdmin().body(body).post("/api/clients/bulk-edit").then().statusCode(200)
                .body("matched", is(5)).body("changed", is(5))
                .body("fields.field", containsInAnyOrder("cf." + ready, "cf." + software, "language"))
                .body("fields.find { it.field == 'cf." + ready + "' }.alreadySet", is(1))
                .body("fields.find { it.field == 'cf." + ready + "' }.overwritten", is(4))
                .body("fields.find { it.field == 'cf." + software + "' }.alreadySet", is(0))
                .body("fields.find { it.field == 'cf." + software + "' }.overwritten", is(1))
                .body("fields.find { it.field == 'language' }.alreadySet", is(5))
                .body("fields.find { it.field == 'language' }.overwritten", is(0));
        Map<String, Object> clear = new HashMap<>();
        clear.put(software, null);
        Map<String, Object> clearing = byFilter(inRef(), clear);
        clearing.put("dryRun", true);
        asAdmin().body(clearing).post("/api/clients/bulk-edit").then().statusCode(200)
                .body("changed", is(1)).body("fields[0].alreadySet", is(4)).body("fields[0].overwritten", is(1));
        // nothing was written, and a real run has no per-field detail
        assertEquals(1, count("cf." + software + "==odoo"));
        asAdmin().body(byFilter(inRef(), Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(200)
                .body("changed", is(4)).body("fields", nullValue());
    }

    @Test
    void refusesFieldsThatAreNotBulkEditableNamingEachOne() {
        for (String field : List.of(tags, doc, system, hidden, "name", "enterpriseNumber", "nope")) {
            asAdmin().body(byFilter(inRef(), Map.of(field, "x"))).post("/api/clients/bulk-edit").then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", is("changes." + field));
        }
        asAdmin().body(byFilter(inRef(), Map.of(tags, List.of("a"), doc, "x", ready, true))).post("/api/clients/bulk-edit").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("changes." + tags, "changes." + doc));
        assertEquals(4, count("cf." + ready + "==false"));
    }

    @Test
    void oneInvalidValueAmongManyWritesNothing() {
        Map<String, Object> changes = new HashMap<>();
        changes.put(ready, true);
        changes.put(note, "ok");
        changes.put(software, "sage");
        changes.put(when, "2026-02-30");
        changes.put(amount, "12");
        changes.put("language", "es");
        changes.put("status", "GONE");
        changes.put("responsibleUserId", UUID.randomUUID().toString());
        asAdmin().body(byFilter(inRef(), changes)).post("/api/clients/bulk-edit").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("changes." + software, "changes." + when, "changes." + amount,
                        "changes.language", "changes.status", "changes.responsibleUserId"));
        assertEquals(4, count("cf." + ready + "==false"));
        assertEquals(5, count("cf." + note + "=empty=true;language==fr"));
    }

    @Test
    void oneUnknownIdWritesNothing() {
        List<Object> selected = new ArrayList<>(ids);
        String unknown = UUID.randomUUID().toString();
        selected.add(unknown);
        asAdmin().body(byIds(selected, Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(422)
                .body("errors[0].field", is("selection.ids")).body("errors[0].message", containsString(unknown));
        assertEquals(4, count("cf." + ready + "==false"));
        Map<String, Object> dry = byIds(selected, Map.of(ready, true));
        dry.put("dryRun", true);
        asAdmin().body(dry).post("/api/clients/bulk-edit").then().statusCode(422).body("errors[0].field", is("selection.ids"));
        asAdmin().body(byIds(List.of("not-an-id"), Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(400);
    }

    @Test
    void aBadSelectionIsRefused() {
        asAdmin().body(Map.of("changes", Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(422)
                .body("errors[0].field", is("selection"));
        asAdmin().body(Map.of("selection", Map.of("ids", List.of(ids.get(0)), "filter", inRef()), "changes", Map.of(ready, true)))
                .post("/api/clients/bulk-edit").then().statusCode(422).body("errors[0].field", is("selection"));
        asAdmin().body(byFilter("nope==1", Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(422)
                .body("errors[0].field", is("selection.filter"));
        asAdmin().body(byFilter(inRef(), Map.of())).post("/api/clients/bulk-edit").then().statusCode(422)
                .body("errors[0].field", is("changes"));
    }

    @Test
    void anEmptyIdListIsRefusedNamingIt() {
        asAdmin().body(byIds(List.of(), Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", is("selection.ids")).body("errors[0].message", is("Select at least one client"));
        assertEquals(4, count("cf." + ready + "==false"));
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstResultWithoutApplyingTwice() {
        String key = UUID.randomUUID().toString();
        var first = asAdmin().header("Idempotency-Key", key).body(byFilter(inRef() + ";cf." + ready + "==false", Map.of(ready, true)))
                .post("/api/clients/bulk-edit").then().statusCode(200).body("matched", is(4)).body("changed", is(4)).extract();
        // the filter now matches nobody, but the retry answers with the first result and writes nothing
        asAdmin().header("Idempotency-Key", key).body(byFilter(inRef() + ";cf." + ready + "==false", Map.of(ready, true)))
                .post("/api/clients/bulk-edit").then().statusCode(200)
                .body("id", is((String) first.path("id"))).body("matched", is(4)).body("changed", is(4));
        assertEquals(4, fx.count("select count(*) from client_history where bulk_edit_id = ?::uuid", (String) first.path("id")));
        asAdmin().get("/api/clients/" + ids.get(1) + "/history").then().statusCode(200)
                .body("items.findAll { it.bulkEditId != null }.size()", is(1));
        asAdmin().header("Idempotency-Key", key).body(byFilter(inRef(), Map.of(ready, false)))
                .post("/api/clients/bulk-edit").then().statusCode(422).body("errors[0].field", is("Idempotency-Key"));
        assertEquals(5, count("cf." + ready + "==true"));
    }

    @Test
    void viewersCannotBulkEdit() {
        withSession(sessionFor("VIEWER")).body(byFilter(inRef(), Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(403);
        withToken(tokenWithScopes("read")).body(byFilter(inRef(), Map.of(ready, true))).post("/api/clients/bulk-edit").then().statusCode(403);
    }

    @Test
    void aConcurrentlyLockedClientMakesTheWholeEditFailWithoutWriting() throws Exception {
        // Another transaction holds the row locks on one selected client longer than the edit waits (as a client edit
        // locks them: the client row and its fields row, which this edit of custom fields writes)
        try (var c = fx.connection()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("select 1 from client c join client_fields f on f.client_id = c.id where c.id = ? for update of c, f")) {
                st.setObject(1, ids.get(3));
                st.executeQuery();
            }
            try {
                asAdmin().body(byFilter(inRef(), Map.of(ready, true))).post("/api/clients/bulk-edit")
                        .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", is("selection"));
            } finally {
                c.rollback();
            }
        }
        assertEquals(4, count("cf." + ready + "==false"));
    }
}
