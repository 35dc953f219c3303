package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.Selectors;
import be.fiduciaire.tracker.common.db.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The counts behind the dashboard and the unfiltered stats are kept by the database's statement triggers in the
 * writers' transactions: after every kind of write they equal a full recount, and the stats read from them answer
 * what the GROUP BY over every client answers.
 */
@QuarkusTest
class ClientCountsTest {
    @Inject
    Fixtures fx;
    @Inject
    CountsRecount recount;
    @Inject
    ClientStatsService stats;
    @Inject
    ClientCountRepository counts;
    @Inject
    Selectors selectors;

    private UUID category;
    private String select;
    private String multi;
    private String flag;

    private void fields() {
        category = fx.category(true);
        select = fx.field(category, "SELECT", "alpha", "beta", "gamma");
        multi = fx.field(category, "MULTI_SELECT", "red", "green", "blue");
        flag = fx.field(category, "BOOLEAN");
    }

    private List<UUID> clients(String ref, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> cf = new LinkedHashMap<>();
            if (i % 3 != 0) cf.put(select, i % 2 == 0 ? "alpha" : "beta");
            if (i % 4 != 0) cf.put(multi, i % 2 == 0 ? List.of("red", "green") : List.of("blue"));
            if (i % 5 != 0) cf.put(flag, i % 2 == 0);
            cf.put("peppol_ready", i % 2 == 0);
            ids.add(fx.client(ref + "-" + i, "Count " + i, Map.of("language", i % 2 == 0 ? "fr" : "nl"), cf));
        }
        return ids;
    }

    private Map<String, Object> bulk(List<UUID> ids, Map<String, Object> changes) {
        return Map.of("selection", Map.of("ids", ids), "changes", changes);
    }

    private void assertStatsAnswerLikeTheGroupBy() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Selector s : selectors.all()) {
                if (!counts.covers(s)) continue;
                assertEquals(stats.aggregate(s, Sql.TRUE, "fr"), stats.group(s, Sql.TRUE, "fr"), "stats by " + s.name());
            }
        });
    }

    @Test
    void everyTriggerPlansItsJoinsWithTheNormalSettingsWhateverTheBulkEditTurnedOff() {
        // the bulk edit turns hash and merge joins off for its transaction; a trigger joining a statement's old and new
        // rows under that setting is quadratic (a bulk edit of 100,000 clients did not end in 600 s)
        assertEquals(0, fx.count("""
                select count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                 where not t.tgisinternal
                   and not (coalesce(p.proconfig, '{}') @> array['enable_hashjoin=on', 'enable_mergejoin=on'])"""));
        assertTrue(fx.count("select count(*) from pg_trigger where not tgisinternal") >= 5);
    }

    @Test
    void countsEqualARecountAfterCreationsBulkEditsArchivingAndDeletion() {
        fields();
        recount.assertCountsMatchRecount();
        String ref = Fixtures.unique("CNT");
        List<UUID> ids = clients(ref, 12);
        // a client created through the API, with values
        String created = asAdmin().body(Map.of("name", "Via API", "reference", ref + "-api", "language", "en",
                        "customFields", Map.of(select, "gamma", multi, List.of("red"), flag, true)))
                .post("/api/clients").then().statusCode(201).extract().path("id");
        recount.assertCountsMatchRecount();

        fx.registration(ids.get(0), "REGISTERED", "Count AP " + ref);
        fx.registration(ids.get(1), "NOT_REGISTERED", null);
        fx.registration(ids.get(2), "REGISTERED", "Count AP " + ref);
        recount.assertCountsMatchRecount();
        fx.registration(ids.get(1), "REGISTERED", "Other AP " + ref);
        recount.assertCountsMatchRecount();

        // bulk edits of custom fields (single, boolean, cleared) and of standard fields; multi selects are edited one
        // client at a time
        asAdmin().body(bulk(ids, Map.of(select, "gamma", flag, false)))
                .post("/api/clients/bulk-edit").then().statusCode(200).body("matched", is(12));
        asAdmin().body(Map.of("customFields", Map.of(multi, List.of("green", "blue", "red")))).patch("/api/clients/" + ids.get(4)).then().statusCode(200);
        asAdmin().body(Map.of("customFields", Map.of(multi, List.of()))).patch("/api/clients/" + ids.get(5)).then().statusCode(200);
        recount.assertCountsMatchRecount();
        asAdmin().body(bulk(ids.subList(0, 6), Map.of("language", "de", "vatLiable", true, "peppol_ready", true)))
                .post("/api/clients/bulk-edit").then().statusCode(200);
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put(select, null);
        clear.put(flag, null);
        asAdmin().body(bulk(ids.subList(6, 12), clear)).post("/api/clients/bulk-edit").then().statusCode(200);
        recount.assertCountsMatchRecount();

        // archiving moves a registered client's Peppol values to the archived counts; un-archiving moves them back
        asAdmin().delete("/api/clients/" + ids.get(0)).then().statusCode(200).body("status", is("ARCHIVED"));
        asAdmin().delete("/api/clients/" + created).then().statusCode(200);
        recount.assertCountsMatchRecount();
        asAdmin().body(bulk(ids.subList(0, 4), Map.of("status", "ARCHIVED"))).post("/api/clients/bulk-edit").then().statusCode(200);
        recount.assertCountsMatchRecount();
        asAdmin().body(Map.of("status", "ACTIVE")).patch("/api/clients/" + ids.get(1)).then().statusCode(200).body("status", is("ACTIVE"));
        asAdmin().body(bulk(ids.subList(0, 4), Map.of("status", "ACTIVE"))).post("/api/clients/bulk-edit").then().statusCode(200);
        recount.assertCountsMatchRecount();
        assertStatsAnswerLikeTheGroupBy();

        // deleting clients (their registration and history go with them by cascade), one archived, one registered
        fx.peppolHistory(ids.get(2), "2026-01-10T12:00:00+01:00", "NOT_REGISTERED", "REGISTERED");
        fx.exec("update client set status = 'ARCHIVED' where id = ?", ids.get(2));
        fx.exec("delete from client where id = any (?::uuid[])", (Object) new String[] {ids.get(1).toString(), ids.get(2).toString(), ids.get(3).toString()});
        recount.assertCountsMatchRecount();
        fx.exec("delete from peppol_registration where client_id = ?", ids.get(0));
        recount.assertCountsMatchRecount();
        assertStatsAnswerLikeTheGroupBy();
    }

    @Test
    void aBulkEditCountsItsOwnChangesInItsStatementUnderEachClientsStatus() {
        // a bulk edit adds its deltas itself and the count trigger skips that statement (V98): over active and archived
        // clients, values already held, cleared values, standard fields and a field that is not counted
        fields();
        String ref = Fixtures.unique("OWN");
        List<UUID> ids = clients(ref, 10);
        fx.exec("update client set status = 'ARCHIVED' where id = any (?::uuid[])",
                (Object) new String[] {ids.get(1).toString(), ids.get(2).toString(), ids.get(7).toString()});
        recount.assertCountsMatchRecount();
        Map<String, Object> selection = Map.of("filter", "reference=like=" + ref + "*");
        asAdmin().body(Map.of("selection", selection, "changes", Map.of(select, "beta", flag, true, "language", "nl", "vatLiable", true)))
                .post("/api/clients/bulk-edit").then().statusCode(200).body("matched", is(10));
        recount.assertCountsMatchRecount();
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put(select, null);
        clear.put("peppol_ready", false);
        clear.put("peppol_comments", "counted nowhere");
        asAdmin().body(Map.of("selection", selection, "changes", clear)).post("/api/clients/bulk-edit").then().statusCode(200);
        recount.assertCountsMatchRecount();
        // any other write is counted by the triggers, as before: a standard field by the client's, a custom field by the
        // fields row's (one table per statement, V99)
        String[] written = {ids.get(0).toString(), ids.get(1).toString()};
        fx.exec("update client set language = 'en' where id = any (?::uuid[])", (Object) written);
        fx.exec("update client_fields set custom_fields = custom_fields || jsonb_build_object(?::text, 'gamma') where client_id = any (?::uuid[])",
                select, written);
        recount.assertCountsMatchRecount();
        assertStatsAnswerLikeTheGroupBy();
    }

    @Test
    void aBulkEditOfTheStatusAndOfCustomFieldsCountsEachValueOnceUnderTheNewStatus() {
        // both rows of each client change in one statement: the statement counts the custom fields under the status
        // the client had, the client trigger moves the client's values (as they end) from that status to the new one
        fields();
        String ref = Fixtures.unique("STA");
        List<UUID> ids = clients(ref, 8);
        fx.exec("update client set status = 'ARCHIVED' where id = any (?::uuid[])", (Object) new String[] {ids.get(1).toString(), ids.get(4).toString()});
        Map<String, Object> selection = Map.of("filter", "reference=like=" + ref + "*");
        asAdmin().body(Map.of("selection", selection, "changes", Map.of("status", "ARCHIVED", select, "gamma", flag, true)))
                .post("/api/clients/bulk-edit").then().statusCode(200).body("matched", is(8)).body("changed", is(8));
        recount.assertCountsMatchRecount();
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("status", "ACTIVE");
        back.put(select, null);
        back.put("language", "en");
        asAdmin().body(Map.of("selection", selection, "changes", back)).post("/api/clients/bulk-edit").then().statusCode(200);
        recount.assertCountsMatchRecount();
        assertStatsAnswerLikeTheGroupBy();
    }

    @Test
    void countsEqualARecountAfterOptionChangesAndFieldChanges() {
        fields();
        String ref = Fixtures.unique("OPT");
        List<UUID> ids = clients(ref, 9);
        UUID fieldId = UUID.fromString(fx.text("select id::text as v from cf_field where key = ?", select));
        UUID multiId = UUID.fromString(fx.text("select id::text as v from cf_field where key = ?", multi));
        String option = "select o.id::text as v from cf_option o join cf_field f on f.id = o.field_id where f.key = ? and o.key = ?";

        // rename and deactivate change no client: the counts stay, the stats show the new label
        asAdmin().body(Map.of("labels", Map.of("fr", "Alpha renommée"))).patch("/api/custom-fields/" + fieldId + "/options/" + fx.text(option, select, "alpha"))
                .then().statusCode(200);
        asAdmin().body(Map.of("active", false)).patch("/api/custom-fields/" + fieldId + "/options/" + fx.text(option, select, "beta"))
                .then().statusCode(200);
        recount.assertCountsMatchRecount();
        asAdmin().queryParam("groupBy", "cf." + select).header("Accept-Language", "fr").get("/api/clients/stats").then().statusCode(200)
                .body("find { it.value == 'alpha' }.label", is("Alpha renommée"));

        // deleting an option moves its clients to another one
        asAdmin().delete("/api/custom-fields/" + fieldId + "/options/" + fx.text(option, select, "beta") + "?replaceWith=gamma").then().statusCode(204);
        asAdmin().delete("/api/custom-fields/" + multiId + "/options/" + fx.text(option, multi, "blue") + "?replaceWith=red").then().statusCode(204);
        recount.assertCountsMatchRecount();
        assertStatsAnswerLikeTheGroupBy();

        // a new countable field counts every client under no value; a deleted one leaves no rows
        String later = fx.field(category, "SELECT", "x");
        recount.assertCountsMatchRecount();
        asAdmin().body(bulk(ids, Map.of(later, "x"))).post("/api/clients/bulk-edit").then().statusCode(200);
        recount.assertCountsMatchRecount();
        String unused = fx.field(category, "BOOLEAN");
        fx.exec("delete from cf_field where key = ?", unused);
        fx.exec("update cf_field set type = 'TEXT' where key = ?", fx.field(category, "SELECT"));
        recount.assertCountsMatchRecount();
        assertEquals(0, fx.count("select count(*) from client_count where dim = ?", "cf." + unused));
    }

    @Test
    void concurrentBulkEditsLoseNoIncrementAndDoNotDeadlock() throws Exception {
        fields();
        String ref = Fixtures.unique("CON");
        List<UUID> ids = clients(ref, 40);
        List<UUID> first = ids.subList(0, 20);
        List<UUID> second = ids.subList(20, 40);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                boolean even = round % 2 == 0;
                // both edits move clients between the same two count rows, in opposite directions
                runs.add(pool.submit(() -> asAdmin().body(bulk(first, Map.of("language", even ? "nl" : "fr", select, even ? "gamma" : "alpha")))
                        .post("/api/clients/bulk-edit").then().statusCode(200)));
                runs.add(pool.submit(() -> asAdmin().body(bulk(second, Map.of("language", even ? "fr" : "nl", select, even ? "alpha" : "gamma")))
                        .post("/api/clients/bulk-edit").then().statusCode(200)));
                for (Future<?> f : runs) f.get();
                runs.clear();
            }
        } finally {
            pool.shutdownNow();
        }
        recount.assertCountsMatchRecount();
        assertTrue(fx.count("select count(*) from client where reference like ? and language = 'fr'", ref + "%") > 0);
    }
}
