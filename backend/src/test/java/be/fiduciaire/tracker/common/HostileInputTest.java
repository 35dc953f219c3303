package be.fiduciaire.tracker.common;

import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.client.ClientFixtures;
import be.fiduciaire.tracker.customfield.CustomFieldFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 11, "Hostile input still reaches a 500" and "Strictness and the error shape": each hostile request of the
 * report, through the HTTP API, answered 4xx problem+json naming the field, and changing nothing.
 */
@QuarkusTest
class HostileInputTest {

    private static String deep(int levels) {
        return "(".repeat(levels) + "name==x" + ")".repeat(levels);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.log().ifValidationFails().statusCode(status).contentType("application/problem+json").body("status", is(status));
    }

    private static String peppolInfoTemplate() {
        return asAdmin().get("/api/email-templates").then().statusCode(200).extract().path("find { it.key == 'peppol_info' }.id");
    }

    // --- RSQL nesting depth

    @Test
    void deeplyNestedFilterIs400NamingTheFilterOnEveryEndpointTakingOne() {
        String filter = deep(1900); // 3,807 characters: under the length limit
        String viewer = sessionFor("VIEWER");
        problem(withSession(viewer).urlEncodingEnabled(false).get("/api/clients?filter=" + filter).then(), 400)
                .body("errors[0].field", is("filter"));
        problem(withSession(viewer).urlEncodingEnabled(false).get("/api/clients/stats?groupBy=type&filter=" + filter).then(), 400)
                .body("errors[0].field", is("filter"));
        problem(withSession(viewer).urlEncodingEnabled(false).get("/api/clients/export?filter=" + filter).then(), 400)
                .body("errors[0].field", is("filter"));
        String name = "deep-" + UUID.randomUUID();
        // a filter in a body is an invalid property of it: 422, as for any other
        problem(withSession(sessionFor("STAFF")).body(Map.of("name", name, "filter", filter)).post("/api/views").then(), 422)
                .body("errors[0].field", is("filter"));
        problem(asAdmin().body(Map.of("selection", Map.of("filter", filter), "changes", Map.of("language", "fr"), "dryRun", true))
                .post("/api/clients/bulk-edit").then(), 422).body("errors[0].field", is("selection.filter"));
        problem(asAdmin().body(Map.of("templateId", peppolInfoTemplate(), "selection", Map.of("filter", filter), "dryRun", true))
                .post("/api/email-sends").then(), 422).body("errors[0].field", is("selection.filter"));
        asAdmin().body(Map.of("selection", Map.of("filter", filter))).post("/api/peppol/refresh-runs").then()
                .statusCode(anyOf(is(400), is(422))).contentType("application/problem+json").body("errors[0].field", is("selection.filter"));
        asAdmin().get("/api/views").then().statusCode(200).body("name", not(hasItem(name)));
        // the bound (50 levels) leaves room for any real filter
        asAdmin().urlEncodingEnabled(false).get("/api/clients?filter=" + deep(50)).then().statusCode(200);
        problem(asAdmin().urlEncodingEnabled(false).get("/api/clients?filter=" + deep(51)).then(), 400)
                .body("errors[0].field", is("filter"));
        // parentheses inside quoted values are text, not groups
        asAdmin().queryParam("filter", "name=='" + "(".repeat(200) + "'").get("/api/clients").then().statusCode(200);
    }

    // --- NUL and other control characters

    @Test
    void nulAndControlCharactersAreRefusedNamingTheFieldAndNothingIsWritten() {
        String marker = "nul" + UUID.randomUUID().toString().substring(0, 8);
        problem(asAdmin().body(Map.of("name", marker + "\u0000x")).post("/api/clients").then(), 400)
                .body("errors[0].field", is("name"));
        problem(asAdmin().body(Map.of("name", marker + "\u0007x")).post("/api/clients").then(), 400)
                .body("errors[0].field", is("name"));
        asAdmin().queryParam("filter", "name=like=*" + marker + "*").get("/api/clients").then().statusCode(200).body("total", is(0));

        String category = CustomFieldFixtures.createCategory("nulcat" + CustomFieldFixtures.suffix());
        String key = "nultext" + CustomFieldFixtures.suffix();
        String fieldId = CustomFieldFixtures.createField(category, key, "TEXT");
        String client = ClientFixtures.createClient();
        problem(asAdmin().body(Map.of("customFields", Map.of(key, "a\u0000b"))).patch("/api/clients/" + client).then(), 400)
                .body("errors[0].field", startsWith("customFields"));
        problem(asAdmin().body(Map.of("selection", Map.of("ids", List.of(client)), "changes", Map.of(key, "a\u0000b")))
                .post("/api/clients/bulk-edit").then(), 400).body("errors[0].field", startsWith("changes"));
        asAdmin().get("/api/clients/" + client).then().statusCode(200).body("version", is(0)).body("customFields." + key, nullValue());

        problem(asAdmin().body(Map.of("name", "view\u0000")).post("/api/views").then(), 400).body("errors[0].field", is("name"));
        problem(given().contentType(ContentType.JSON).body(Map.of("email", "a\u0000@test.local", "password", "x"))
                .post("/api/auth/login").then(), 400).body("errors[0].field", is("email"));
        problem(asAdmin().body(Map.of("key", "k\u0000", "labels", Map.of("fr", "Option")))
                .post("/api/custom-fields/" + fieldId + "/options").then(), 400).body("errors[0].field", is("key"));
        problem(asAdmin().body(Map.of("key", "nulcat2", "labels", Map.of("fr", "Cat\u0000")))
                .post("/api/custom-field-categories").then(), 400).body("errors[0].field", is("labels.fr"));
        problem(asAdmin().queryParam("filter", "name==a\u0000b").get("/api/clients").then(), 400).body("errors[0].field", is("filter"));
        problem(asAdmin().queryParam("groupBy", "type\u0000").get("/api/clients/stats").then(), 400).body("errors[0].field", is("groupBy"));

        // tab, line feed and carriage return are text
        asAdmin().body(Map.of("customFields", Map.of(key, "line 1\nline\t2"))).patch("/api/clients/" + client).then().statusCode(200)
                .body("customFields." + key, is("line 1\nline\t2"));
    }

    // --- filter values out of range

    @Test
    void filterValuesOutOfRangeAreRefusedNotMatchedWrongly() {
        String category = CustomFieldFixtures.createCategory("rangecat" + CustomFieldFixtures.suffix());
        String number = "rnum" + CustomFieldFixtures.suffix();
        String date = "rdate" + CustomFieldFixtures.suffix();
        CustomFieldFixtures.createField(category, number, "NUMBER");
        CustomFieldFixtures.createField(category, date, "DATE");
        String client = ClientFixtures.createClient(Map.of("customFields", Map.of(number, 5, date, "2024-01-31")));

        for (String filter : List.of("peppol.checkedAt=gt=+999999999-12-31T23:59:59Z", "cf." + number + "=gt=1e-999999",
                "cf." + number + "=gt=1e200000", "cf." + date + "=gt=+999999999-12-31", "cf." + date + "=lt=-0001-01-01",
                "createdAt=lt=-999999999-01-01T00:00:00Z")) {
            problem(asAdmin().queryParam("filter", filter).get("/api/clients").then(), 400).body("errors[0].field", is("filter"));
            problem(asAdmin().body(Map.of("selection", Map.of("filter", filter), "changes", Map.of("language", "nl")))
                    .post("/api/clients/bulk-edit").then(), 422).body("errors[0].field", is("selection.filter"));
        }
        asAdmin().get("/api/clients/" + client).then().body("language", is("fr")).body("version", is(0));

        // values in range compare as what they are
        asAdmin().queryParam("filter", "cf." + number + "=gt=1e-5").get("/api/clients").then().statusCode(200)
                .body("items.id", hasItem(client));
        asAdmin().queryParam("filter", "cf." + number + "=gt=1e100").get("/api/clients").then().statusCode(200).body("total", is(0));
        asAdmin().queryParam("filter", "cf." + date + "=gt=2024-01-30").get("/api/clients").then().statusCode(200)
                .body("items.id", hasItem(client));
        asAdmin().queryParam("filter", "cf." + date + "=gt=9999-12-31").get("/api/clients").then().statusCode(200).body("total", is(0));
        asAdmin().queryParam("filter", "peppol.checkedAt=gt=9999-12-31T23:59:59Z").get("/api/clients").then().statusCode(200)
                .body("total", is(0));
    }

    // --- string lengths

    @Test
    void aMegabyteStringIsRefusedNamingTheField() {
        String huge = "a".repeat(1_000_000) + "@test.local";
        ValidatableResponse login = given().contentType(ContentType.JSON).body(Map.of("email", huge, "password", "x"))
                .post("/api/auth/login").then();
        login.statusCode(anyOf(is(400), is(422))).contentType("application/problem+json").body("errors[0].field", is("email"));
        asAdmin().body(Map.of("name", huge)).post("/api/views").then().statusCode(anyOf(is(400), is(422)))
                .contentType("application/problem+json").body("errors[0].field", is("name"));
        asAdmin().body(Map.of("name", huge)).post("/api/clients").then().statusCode(anyOf(is(400), is(422)))
                .contentType("application/problem+json").body("errors[0].field", is("name"));
        String longEmail = "b".repeat(400) + "@test.local";
        problem(given().contentType(ContentType.JSON).body(Map.of("email", longEmail, "password", "x")).post("/api/auth/login").then(), 422)
                .body("errors[0].field", is("email"));
    }

    // --- concurrent user changes

    private static List<Integer> twoAtOnce(Callable<Integer> first, Callable<Integer> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> call : List.of(first, second)) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) statuses.add(answer.get());
            Collections.sort(statuses);
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoConcurrentUserChangesOfOneVersionOneWinsTheOtherIsStale() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = asAdmin().body(Map.of("email", "race-" + UUID.randomUUID() + "@test.local", "name", "Race", "role", "VIEWER",
                    "password", "long-enough-pw")).post("/api/users").then().statusCode(201).extract().path("id");
            List<Integer> body = twoAtOnce(
                    () -> asAdmin().body(Map.of("name", "A", "version", 0)).patch("/api/users/" + id).statusCode(),
                    () -> asAdmin().body(Map.of("name", "B", "version", 0)).patch("/api/users/" + id).statusCode());
            assertEquals(List.of(200, 409), body, "body version, round " + round);
            List<Integer> ifMatch = twoAtOnce(
                    () -> asAdmin().header("If-Match", "\"1\"").body(Map.of("name", "C")).patch("/api/users/" + id).statusCode(),
                    () -> asAdmin().header("If-Match", "\"1\"").body(Map.of("name", "D")).patch("/api/users/" + id).statusCode());
            assertEquals(List.of(200, 412), ifMatch, "If-Match, round " + round);
            asAdmin().get("/api/users/" + id).then().body("version", is(2));
        }
    }

    @Test
    void aStaleBodyVersionOfAUserIs409LikeEveryOtherResource() {
        String id = asAdmin().body(Map.of("email", "stale-" + UUID.randomUUID() + "@test.local", "name", "S", "role", "VIEWER",
                "password", "long-enough-pw")).post("/api/users").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("name", "S1", "version", 0)).patch("/api/users/" + id).then().statusCode(200);
        problem(asAdmin().body(Map.of("name", "S2", "version", 0)).patch("/api/users/" + id).then(), 409)
                .body("errors[0].field", is("version"));
        asAdmin().get("/api/users/" + id).then().body("name", is("S1"));
    }

    // --- strict record bodies

    @Test
    void recordBodiesRefuseUnknownPropertiesTrailingDataAndWrongTypesNamingTheProperty() {
        String name = "strict-" + UUID.randomUUID();
        problem(asAdmin().body(Map.of("name", name, "bogus", 1)).post("/api/views").then(), 400).body("errors[0].field", is("bogus"));
        problem(asAdmin().body("{\"name\": \"" + name + "\"} {\"name\": \"x\"}").post("/api/views").then(), 400)
                .body("errors[0].field", is("body"));
        problem(asAdmin().body(Map.of("name", name, "shared", 7)).post("/api/views").then(), 400).body("errors[0].field", is("shared"));
        problem(asAdmin().body(Map.of("name", 12345)).post("/api/views").then(), 400).body("errors[0].field", is("name"));
        asAdmin().get("/api/views").then().statusCode(200).body("name", not(hasItem(name))).body("name", not(hasItem("12345")));

        String email = "strict-" + UUID.randomUUID() + "@test.local";
        problem(asAdmin().body(Map.of("email", email, "name", "X", "role", 0, "password", "long-enough-pw")).post("/api/users").then(), 400)
                .body("errors[0].field", is("role"));
        problem(asAdmin().body(Map.of("email", email, "name", "X", "role", "STAFF", "password", "long-enough-pw", "admin", true))
                .post("/api/users").then(), 400).body("errors[0].field", is("admin"));
        asAdmin().get("/api/users").then().body("email", not(hasItem(email)));

        problem(asAdmin().body(Map.of("name", "t", "scopes", List.of("read"), "expires", "never")).post("/api/api-tokens").then(), 400)
                .body("errors[0].field", is("expires"));
        problem(asAdmin().body(Map.of("name", 7, "scopes", List.of("read"))).post("/api/api-tokens").then(), 400)
                .body("errors[0].field", is("name"));
        String me = sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD);
        problem(withSession(me).body(Map.of("language", "en", "role", "ADMIN")).patch("/api/auth/me").then(), 400)
                .body("errors[0].field", is("role"));
        problem(asAdmin().body(Map.of("key", "strict" + CustomFieldFixtures.suffix(), "labels", Map.of("fr", "C"), "position", "3"))
                .post("/api/custom-field-categories").then(), 400).body("errors[0].field", is("position"));
        problem(asAdmin().body(Map.of("key", "strict" + CustomFieldFixtures.suffix(), "labels", Map.of("fr", "C"), "showInClientList", 1))
                .post("/api/custom-field-categories").then(), 400).body("errors[0].field", is("showInClientList"));
        String client = ClientFixtures.createClient();
        problem(asAdmin().body(Map.of("selection", Map.of("ids", List.of(client)), "changes", Map.of("language", "nl"), "dryRun", 0))
                .post("/api/clients/bulk-edit").then(), 400).body("errors[0].field", is("dryRun"));
        problem(asAdmin().body(Map.of("selection", Map.of("ids", List.of(client), "everyone", true), "changes", Map.of("language", "nl")))
                .post("/api/clients/bulk-edit").then(), 400).body("errors[0].field", is("selection.everyone"));
        asAdmin().get("/api/clients/" + client).then().body("language", is("fr"));
        Map<String, Object> template = new HashMap<>(Map.of("key", "strict_" + CustomFieldFixtures.suffix(), "category", "GENERAL", "name", 1,
                "variants", Map.of("fr", Map.of("subject", "S", "body", "<p>B</p>"))));
        problem(asAdmin().body(template).post("/api/email-templates").then(), 400).body("errors[0].field", is("name"));
        problem(asAdmin().body(Map.of("templateId", peppolInfoTemplate(), "selection", Map.of("ids", List.of(client)), "dryRun", "yes"))
                .post("/api/email-sends").then(), 400).body("errors[0].field", is("dryRun"));
    }

    // --- parameters

    @Test
    void nonIntegerPagingParametersAre400NamingTheParameter() {
        problem(asAdmin().queryParam("page", "abc").get("/api/clients").then(), 400).body("errors[0].field", is("page"));
        problem(asAdmin().queryParam("size", "1.5").get("/api/clients").then(), 400).body("errors[0].field", is("size"));
        problem(asAdmin().queryParam("page", "x").get("/api/email-sends").then(), 400).body("errors[0].field", is("page"));
        problem(asAdmin().queryParam("limit", "ten").get("/api/peppol/refresh-runs").then(), 400).body("errors[0].field", is("limit"));
        problem(asAdmin().queryParam("days", "7d").get("/api/peppol/summary").then(), 400).body("errors[0].field", is("days"));
        asAdmin().queryParam("page", "0").queryParam("size", "5").get("/api/clients").then().statusCode(200).body("size", is(5));
    }

    // --- permissions of auth/me

    @Test
    void aReadTokenCannotChangeItsOwnersProfileAWriteTokenCan() {
        String read = tokenWithScopes("read");
        problem(withToken(read).body(Map.of("name", "Renamed by a read token")).patch("/api/auth/me").then(), 403);
        asAdmin().get("/api/auth/me").then().body("name", not(is("Renamed by a read token")));
        String write = tokenWithScopes("write");
        withToken(write).body(Map.of("language", "fr")).patch("/api/auth/me").then().statusCode(200);
        // a signed-in viewer still edits their own profile
        withSession(sessionFor("VIEWER")).body(Map.of("language", "nl")).patch("/api/auth/me").then().statusCode(200)
                .body("language", is("nl"));
    }

    // --- document names

    private static io.restassured.specification.RequestSpecification uploader() {
        // browsers send the file name as raw UTF-8 in the part header
        return given().header("Authorization", "Bearer " + adminToken()).config(io.restassured.config.RestAssuredConfig.config()
                .multiPartConfig(io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset(java.nio.charset.StandardCharsets.UTF_8))
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE)));
    }

    @Test
    void documentNamesLoseBidiOverridesAndNamesOfDotsAreRefused() {
        byte[] text = "mandate\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String client = ClientFixtures.createClient();
        uploader().multiPart("file", "invoice\u202Etxt.exe", text, "text/plain")
                .put("/api/clients/" + client + "/documents/mandate_document").then().statusCode(200)
                .body("customFields.mandate_document.name", is("invoicetxt.exe"));
        uploader().multiPart("file", "a\u200Bb\u2066c\u2069.txt", text, "text/plain")
                .put("/api/clients/" + client + "/documents/mandate_document").then().statusCode(200)
                .body("customFields.mandate_document.name", is("abc.txt"));
        for (String dots : List.of("..", "...", "\u202E..")) {
            problem(uploader().multiPart("file", dots, text, "text/plain")
                    .put("/api/clients/" + client + "/documents/mandate_document").then(), 422).body("errors[0].field", is("file"));
        }
        asAdmin().get("/api/clients/" + client).then().body("customFields.mandate_document.name", is("abc.txt"));
    }

    // --- limits of the HTTP layer

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL server;

    /** One request written as is on its own connection; the whole answer, read until the server closes it. */
    private String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(120_000); // a safety net against a hang, not a measured time
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTooLongRequestLineAndATooLargeBodyAreProblemJson() throws Exception {
        String tooLong = raw("GET /api/clients?filter=name==" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + adminToken() + "\r\nConnection: close\r\n\r\n");
        org.junit.jupiter.api.Assertions.assertTrue(tooLong.startsWith("HTTP/1.1 414"), tooLong);
        org.junit.jupiter.api.Assertions.assertTrue(tooLong.toLowerCase().contains("content-type: application/problem+json"), tooLong);
        org.junit.jupiter.api.Assertions.assertTrue(tooLong.contains("\"field\":\"url\""), tooLong);

        String tooLarge = raw("POST /api/clients HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + adminToken()
                + "\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n{\"name\":");
        org.junit.jupiter.api.Assertions.assertTrue(tooLarge.startsWith("HTTP/1.1 413"), tooLarge);
        org.junit.jupiter.api.Assertions.assertTrue(tooLarge.toLowerCase().contains("content-type: application/problem+json"), tooLarge);
        org.junit.jupiter.api.Assertions.assertTrue(tooLarge.contains("\"field\":\"body\""), tooLarge);
    }
}
