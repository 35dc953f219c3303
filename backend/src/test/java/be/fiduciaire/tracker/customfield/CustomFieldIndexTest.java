package be.fiduciaire.tracker.customfield;

import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.*;
import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.common.db.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The background job behind custom-field indexes (clientquery.CustomFieldIndexes), watched through pg_indexes: they are
 * built on client_fields (V99), on the copy of the indexed fields' values (indexed_fields, V101).
 */
@QuarkusTest
class CustomFieldIndexTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Db db;

    @Test
    void aFilterOnAFieldGetsItsIndexFromTheJobAndDeletingTheFieldDropsIt() {
        String key = "num_" + suffix();
        String fieldId = createField(hiddenCategory(), key, "NUMBER");
        String index = "client_cf_" + key + "_num_idx";

        asAdmin().queryParam("filter", "cf." + key + "=gt=3").get("/api/clients").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> indexDefinition(index).isPresent());
        assertThat(indexDefinition(index).orElseThrow(), allOf(containsString("indexed_fields ->> '" + key + "'"), containsString("numeric")));

        asAdmin().delete("/api/custom-fields/" + fieldId).then().statusCode(204);
        await().atMost(PATIENCE).until(() -> indexDefinition(index).isEmpty());
    }

    @Test
    void aFilterOnAMultiSelectGetsAGinIndexOnItsArrayThatTheFilterUses() {
        String key = "mul_" + suffix();
        String fieldId = createField(hiddenCategory(), key, "MULTI_SELECT");
        createOption(fieldId, "tax", 0);
        String index = "client_cf_" + key + "_gin_idx";

        asAdmin().queryParam("filter", "cf." + key + "==tax").get("/api/clients").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> validIndexDefinition(index).isPresent());
        assertThat(validIndexDefinition(index).orElseThrow(), allOf(containsString("USING gin"), containsString("indexed_fields -> '" + key + "'"),
                containsString("jsonb_path_ops")));
        // the filter's condition is the indexed expression's containment test
        String plan = QuarkusTransaction.requiringNew().call(() -> {
            // on a few rows the planner would rather walk the fields table's primary key: only the GIN index can answer
            db.one("select set_config('enable_seqscan', 'off', true) as s, set_config('enable_indexscan', 'off', true) as i", r -> r.string("s"));
            return String.join("\n", db.list("explain select 1 from client_with_fields c where (c.indexed_fields->'" + key + "') @> '[\"tax\"]'::jsonb",
                    r -> r.string("QUERY PLAN")));
        });
        assertThat(plan, containsString(index));
    }

    @Test
    void aFilteredFieldIsCopiedForEveryClientAndAnEditOfAFieldNoIndexReadsUpdatesTheRowInPlace() {
        String indexed = "ixd_" + suffix();
        createField(hiddenCategory(), indexed, "TEXT");
        String other = "oth_" + suffix();
        createField(hiddenCategory(), other, "TEXT");
        // written before its field is indexed: the job copies the value
        UUID client = inTransaction(() -> db.one("with c as (insert into client (name) values ('Projected') returning id) "
                + "insert into client_fields (client_id, custom_fields) select id, jsonb_build_object(?::text, 'before', ?::text, 'x') from c "
                + "returning client_id", r -> r.uuid("client_id"), indexed, other).orElseThrow());
        try {
            asAdmin().queryParam("filter", "cf." + indexed + "==before").get("/api/clients").then().statusCode(200);
            String index = "client_cf_" + indexed + "_idx";
            await().atMost(PATIENCE).until(() -> validIndexDefinition(index).isPresent());
            assertThat(validIndexDefinition(index).orElseThrow(), containsString("indexed_fields ->> '" + indexed + "'"));
            assertThat(inTransaction(() -> db.number("select count(*) as n from client_fields where (indexed_fields -> ?) is distinct from (custom_fields -> ?)",
                    indexed, indexed)), is(0L));
            assertThat(inTransaction(() -> db.one("select indexed_fields ->> ? as v from client_fields where client_id = ?", r -> r.string("v"),
                    indexed, client)).orElseThrow(), is("before"));
            // the other field is not copied: a change of it leaves every index as it is, the row is updated in place (HOT)
            long[] inPlace = inTransaction(() -> {
                db.update("update client_fields set custom_fields = custom_fields || jsonb_build_object(?::text, 'y') where client_id = ?", other, client);
                long afterOther = db.number("select pg_stat_get_xact_tuples_hot_updated('client_fields'::regclass) as n");
                db.update("update client_fields set custom_fields = custom_fields || jsonb_build_object(?::text, 'after') where client_id = ?", indexed, client);
                long afterIndexed = db.number("select pg_stat_get_xact_tuples_hot_updated('client_fields'::regclass) as n");
                return new long[] {afterOther, afterIndexed};
            });
            assertThat("the other field's edit", inPlace[0], is(1L));
            assertThat("the indexed field's edit writes its index entry", inPlace[1], is(1L));
            // the copy follows every write: the filter, reading it, finds the new value and not the old one
            asAdmin().queryParam("filter", "cf." + indexed + "==after").get("/api/clients").then().statusCode(200)
                    .body("items.id", contains(client.toString()));
            asAdmin().queryParam("filter", "cf." + indexed + "==before").get("/api/clients").then().statusCode(200)
                    .body("items.id", not(hasItem(client.toString())));
        } finally {
            inTransaction(() -> db.update("delete from client where id = ?", client));
        }
    }

    @Test
    void aFieldIsNeitherReadFromTheCopyNorIndexedWhileATransactionOlderThanItsProjectionRuns() throws Exception {
        String key = "drn_" + suffix();
        createField(hiddenCategory(), key, "TEXT");
        String index = "client_cf_" + key + "_idx";
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        Duration drain = config.getValue("app.custom-field-indexes.drain", Duration.class);
        // a transaction that started before the job writes the new function: it could still write rows without the copy
        try (java.sql.Connection older = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            older.setAutoCommit(false);
            older.createStatement().execute("select 1");
            asAdmin().queryParam("filter", "cf." + key + "==x").get("/api/clients").then().statusCode(200);
            await().atMost(PATIENCE).until(() -> inTransaction(() -> db.exists("select 1 from cf_index_wanted where field_key = ?", key)));
            // passes of the job (every second in tests) that each waited the whole drain
            Thread.sleep(drain.multipliedBy(2).plusSeconds(2).toMillis());
            assertThat(inTransaction(() -> db.exists("select 1 from cf_index_wanted where field_key = ? and projected", key)), is(false));
            assertThat(indexDefinition(index), is(Optional.empty()));
            older.rollback();
        }
        await().atMost(PATIENCE).until(() -> validIndexDefinition(index).isPresent());
        assertThat(inTransaction(() -> db.exists("select 1 from cf_index_wanted where field_key = ? and projected", key)), is(true));
    }

    @Test
    void fieldsAViewFiltersOrSortsByAreIndexedWithoutAnyRequestAndFieldsOnlyShownAreNot() {
        String shown = "yes_" + suffix();
        createField(createCategory("cat_" + suffix()), shown, "BOOLEAN");
        String sorted = "dat_" + suffix();
        createField(hiddenCategory(), sorted, "DATE");
        String filtered = "txt_" + suffix();
        createField(hiddenCategory(), filtered, "TEXT");
        asAdmin().body(Map.of("name", "Dates " + sorted, "columns", List.of("name", "cf." + shown), "sort", "cf." + sorted,
                "filter", "cf." + filtered + "==x")).post("/api/views").then().statusCode(201);

        await().atMost(PATIENCE).until(() -> indexDefinition("client_cf_" + sorted + "_idx").isPresent()
                && indexDefinition("client_cf_" + filtered + "_idx").isPresent());
        // the job's pass that built those saw the shown field too: shown (in its category and in the view) is not used
        assertThat(indexDefinition("client_cf_" + shown + "_idx"), is(Optional.empty()));
    }

    @Test
    void aFailedBuildLeavesNoIndexAndWaitsBeforeTheNextAttempt() {
        String key = "bad_" + suffix();
        createField(hiddenCategory(), key, "NUMBER");
        // a value the API would refuse: the index on ((custom_fields ->> key)::numeric) cannot be built
        UUID client = inTransaction(() -> db.one("with c as (insert into client (name) values ('Bad number') returning id) "
                + "insert into client_fields (client_id, custom_fields) select id, jsonb_build_object(?::text, 'abc') from c returning client_id",
                r -> r.uuid("client_id"), key).orElseThrow());
        // wanted through a saved view's sort: a filter request would itself stumble on the value
        String view = asAdmin().body(Map.of("name", "Bad " + key, "sort", "cf." + key)).post("/api/views")
                .then().statusCode(201).extract().path("id");
        try {
            await().atMost(PATIENCE).until(() -> inTransaction(() -> db.number("select failures as n from cf_index_wanted where field_key = ?", key)) >= 1);
            assertThat(inTransaction(() -> db.exists("select 1 from cf_index_wanted where field_key = ? and next_attempt_at > now() "
                    + "and last_error like '%numeric%'", key)), is(true));
            assertThat(indexDefinition("client_cf_" + key + "_num_idx"), is(Optional.empty()));
        } finally {
            inTransaction(() -> db.update("delete from client where id = ?", client));
            asAdmin().delete("/api/views/" + view).then().statusCode(204);
        }
    }

    @Test
    void aBadFieldKeyIsRefusedByTheApiAndByTheDatabase() {
        String categoryId = hiddenCategory();
        asAdmin().body(Map.of("categoryId", categoryId, "key", "Bad-Key", "labels", Map.of("fr", "x"), "type", "TEXT"))
                .post("/api/custom-fields").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("key")).body("errors[0].message", is(FieldKeys.MESSAGE));
        DatabaseException refused = assertThrows(DatabaseException.class, () -> inTransaction(() -> db.update(
                "insert into cf_field (category_id, key, labels, type) values (?, 'Bad-Key', '{\"fr\": \"x\"}', 'TEXT')", UUID.fromString(categoryId))));
        assertThat(refused.violates("cf_field_key_check"), is(true));
        // the database and the API apply the same expression
        assertThat(inTransaction(() -> db.one("select pg_get_constraintdef(oid) as d from pg_constraint where conname = 'cf_field_key_check'",
                r -> r.string("d")).orElseThrow()), containsString(FieldKeys.RULE));
    }

    private static String hiddenCategory() {
        String key = "hid_" + suffix();
        return asAdmin().body(Map.of("key", key, "labels", Map.of("fr", "Cachée " + key), "showInClientList", false))
                .post("/api/custom-field-categories").then().statusCode(201).extract().path("id");
    }

    private Optional<String> indexDefinition(String name) {
        return inTransaction(() -> db.one("select indexdef from pg_indexes where tablename = 'client_fields' and indexname = ?", r -> r.string("indexdef"), name));
    }

    /** The index once the planner may use it: CREATE INDEX CONCURRENTLY shows it in pg_indexes, still invalid, while it builds. */
    private Optional<String> validIndexDefinition(String name) {
        return inTransaction(() -> db.one("select pg_get_indexdef(i.indexrelid) as d from pg_index i join pg_class c on c.oid = i.indexrelid "
                + "where c.relname = ? and i.indisvalid and i.indisready", r -> r.string("d"), name));
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
