package be.fiduciaire.tracker.client;

import static be.fiduciaire.tracker.client.ClientFixtures.*;
import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ClientTest {

    @Test
    void createdClientIsStoredNormalisedAndReadable() {
        String reference = reference();
        Map<String, Object> body = new HashMap<>();
        body.put("reference", reference);
        body.put("name", "  Boulangerie Dupont SRL ");
        body.put("type", "COMPANY");
        body.put("legalForm", "SRL");
        body.put("enterpriseNumber", "0202.239.951");
        body.put("vatNumber", "be 0202 239 951");
        body.put("vatLiable", true);
        body.put("email", "compta@dupont.be");
        body.put("language", "nl");
        body.put("address", Map.of("street", "Rue Haute 1", "postalCode", "1000", "city", "Bruxelles", "country", "be"));
        body.put("customFields", Map.of("peppol_ready", true, "peppol_software_receive", "billit"));
        var created = asAdmin().body(body).post("/api/clients").then().statusCode(201)
                .header("Location", containsString("/api/clients/"))
                .body("name", is("Boulangerie Dupont SRL"))
                .body("enterpriseNumber", is("0202239951"))
                .body("vatNumber", is("BE0202239951"))
                .body("address.country", is("BE"))
                .body("status", is("ACTIVE"))
                .body("version", is(0))
                .body("customFields.peppol_ready", is(true))
                .body("customFields.peppol_software_receive", is("billit"))
                .extract();
        String id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/clients/" + id));
        asAdmin().get("/api/clients/" + id).then().statusCode(200)
                .body("reference", is(reference)).body("language", is("nl")).body("vatLiable", is(true))
                .body("address.city", is("Bruxelles")).body("customFields.peppol_software_receive", is("billit"))
                .body("createdAt", notNullValue());
    }

    @Test
    void enterpriseNumberAcceptsTheUsualNotations() {
        for (String input : List.of("0123.456.749", "0123 456 749", "BE0123456749", "123456749")) {
            String id = createClient(Map.of("enterpriseNumber", input));
            asAdmin().get("/api/clients/" + id).then().body("enterpriseNumber", is("0123456749"));
        }
    }

    @Test
    void invalidEnterpriseNumbersAreRefusedAndNothingIsCreated() {
        String reference = reference();
        for (String bad : List.of("0123.456.789", "2123456749", "12345", "BE01234567490", "abc")) {
            asAdmin().body(Map.of("name", "X", "reference", reference, "enterpriseNumber", bad)).post("/api/clients").then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("errors.field", contains("enterpriseNumber"));
        }
        // the reference is still free: nothing was written
        createClient(Map.of("reference", reference));
    }

    @Test
    void vatNumberIsCheckedAndMustMatchTheEnterpriseNumber() {
        asAdmin().body(Map.of("name", "X", "vatNumber", "BE0202239952")).post("/api/clients").then()
                .statusCode(422).body("errors.field", contains("vatNumber"));
        asAdmin().body(Map.of("name", "X", "vatNumber", "XX123")).post("/api/clients").then()
                .statusCode(422).body("errors.field", contains("vatNumber"));
        asAdmin().body(Map.of("name", "X", "vatNumber", "DE12345")).post("/api/clients").then()
                .statusCode(422).body("errors.field", contains("vatNumber"));
        asAdmin().body(Map.of("name", "X", "enterpriseNumber", "0202239951", "vatNumber", "BE0417497106")).post("/api/clients").then()
                .statusCode(422).body("errors.field", contains("vatNumber")).body("detail", containsString("does not match"));
        String id = createClient(Map.of("enterpriseNumber", "0202239951", "vatNumber", "NL 123456789 B01"));
        asAdmin().get("/api/clients/" + id).then().body("vatNumber", is("NL123456789B01"));
        // a patch that would make them disagree is refused too
        String be = createClient(Map.of("enterpriseNumber", "0202239951", "vatNumber", "BE0202239951"));
        asAdmin().body(Map.of("enterpriseNumber", "0417497106")).patch("/api/clients/" + be).then()
                .statusCode(422).body("errors.field", contains("vatNumber"));
        asAdmin().get("/api/clients/" + be).then().body("enterpriseNumber", is("0202239951")).body("version", is(0));
    }

    @Test
    void everyInvalidStandardFieldIsListedInOneProblem() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "x".repeat(301));
        body.put("email", "not-an-email");
        body.put("language", "es");
        body.put("type", "ROBOT");
        body.put("vatLiable", "yes");
        body.put("responsibleUserId", "not-a-uuid");
        asAdmin().body(body).post("/api/clients").then().statusCode(422).contentType("application/problem+json")
                .body("status", is(422))
                .body("errors.field", hasItems("name", "email", "language", "type", "vatLiable", "responsibleUserId"));
        asAdmin().body(Map.of("reference", reference())).post("/api/clients").then().statusCode(422)
                .body("errors.field", contains("name"));
        asAdmin().body(Map.of("name", "X", "responsibleUserId", UUID.randomUUID().toString())).post("/api/clients").then()
                .statusCode(422).body("errors.field", contains("responsibleUserId"));
    }

    @Test
    void responsibleUserMustExist() {
        String me = asAdmin().get("/api/auth/me").then().extract().path("id");
        String id = createClient(Map.of("responsibleUserId", me));
        asAdmin().get("/api/clients/" + id).then().body("responsibleUserId", is(me));
    }

    @Test
    void duplicateReferenceIsAConflict() {
        String reference = reference();
        createClient(Map.of("reference", reference));
        asAdmin().body(Map.of("name", "Other", "reference", reference)).post("/api/clients").then()
                .statusCode(409).contentType("application/problem+json").body("errors[0].field", is("reference"));
        String other = createClient();
        asAdmin().body(Map.of("reference", reference)).patch("/api/clients/" + other).then()
                .statusCode(409).body("errors[0].field", is("reference"));
        asAdmin().get("/api/clients/" + other).then().body("reference", not(is(reference))).body("version", is(0));
    }

    @Test
    void patchChangesOnlyTheGivenPropertiesAndMergesAddressAndCustomFields() {
        String id = createClient(Map.of("email", "a@b.be",
                "address", Map.of("street", "Kerkstraat 5", "postalCode", "9000", "city", "Gent"),
                "customFields", Map.of("peppol_ready", false, "peppol_comments", "first call done")));
        asAdmin().body(Map.of("address", Map.of("city", "Gand"), "customFields", Map.of("peppol_software_send", "odoo")))
                .patch("/api/clients/" + id).then().statusCode(200)
                .body("version", is(1))
                .body("email", is("a@b.be"))
                .body("address.street", is("Kerkstraat 5")).body("address.city", is("Gand"))
                .body("customFields.peppol_ready", is(false))
                .body("customFields.peppol_comments", is("first call done"))
                .body("customFields.peppol_software_send", is("odoo"));
        asAdmin().body("{\"email\": null, \"customFields\": {\"peppol_comments\": null}}").patch("/api/clients/" + id).then()
                .statusCode(200).body("email", nullValue())
                .body("customFields", not(hasKey("peppol_comments")))
                .body("customFields.peppol_ready", is(false));
    }

    @Test
    void patchWithoutRealChangeKeepsTheVersion() {
        String id = createClient(Map.of("customFields", Map.of("peppol_ready", true)));
        asAdmin().body(Map.of("customFields", Map.of("peppol_ready", true))).patch("/api/clients/" + id).then()
                .statusCode(200).body("version", is(0));
    }

    @Test
    void staleVersionsAreRefusedAndChangeNothing() {
        String id = createClient(Map.of("name", "Original"));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "First")).patch("/api/clients/" + id).then()
                .statusCode(200).body("version", is(1));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "Second")).patch("/api/clients/" + id).then()
                .statusCode(412).contentType("application/problem+json").body("errors[0].field", is("version"));
        asAdmin().body(Map.of("name", "Third", "version", 0)).patch("/api/clients/" + id).then()
                .statusCode(409).contentType("application/problem+json").body("errors[0].field", is("version"));
        asAdmin().get("/api/clients/" + id).then().body("name", is("First")).body("version", is(1));
        asAdmin().body(Map.of("name", "Fourth", "version", 1)).patch("/api/clients/" + id).then().statusCode(200).body("version", is(2));
    }

    @Test
    void deleteArchivesAndTheClientStaysReadable() {
        String id = createClient();
        asAdmin().delete("/api/clients/" + id).then().statusCode(200).body("status", is("ARCHIVED"));
        asAdmin().get("/api/clients/" + id).then().statusCode(200).body("status", is("ARCHIVED"));
        asAdmin().get("/api/clients/" + id + "/history").then()
                .body("items[0].field", is("status")).body("items[0].oldValue", is("ACTIVE")).body("items[0].newValue", is("ARCHIVED"));
        asAdmin().contentType("application/merge-patch+json").body("{\"status\": \"ACTIVE\"}").patch("/api/clients/" + id).then()
                .statusCode(200).body("status", is("ACTIVE"));
    }

    @Test
    void historyRecordsCreationAndEachChangedFieldNewestFirst() {
        String id = createClient(Map.of("name", "Before", "customFields", Map.of("peppol_ready", false)));
        asAdmin().body(Map.of("name", "After", "address", Map.of("city", "Liège"), "customFields", Map.of("peppol_ready", true)))
                .patch("/api/clients/" + id).then().statusCode(200);
        asAdmin().get("/api/clients/" + id + "/history").then().statusCode(200)
                .body("total", is(4))
                .body("items[-1].kind", is("CREATED"))
                .body("items.field", hasItems("name", "address.city", "cf.peppol_ready"))
                .body("items.find { it.field == 'name' }.oldValue", is("Before"))
                .body("items.find { it.field == 'name' }.newValue", is("After"))
                .body("items.find { it.field == 'name' }.actorName", notNullValue())
                .body("items.find { it.field == 'cf.peppol_ready' }.oldValue", is(false))
                .body("items.find { it.field == 'cf.peppol_ready' }.newValue", is(true))
                .body("items.find { it.field == 'address.city' }.oldValue", nullValue());
        asAdmin().get("/api/clients/" + id + "/history?page=0&size=1").then().body("items", hasSize(1)).body("size", is(1));
        asAdmin().get("/api/clients/" + id + "/history?size=0").then().statusCode(400).body("errors[0].field", is("size"));
    }

    @Test
    void unknownPropertiesAndFieldKeysAreRefusedByName() {
        String id = createClient();
        asAdmin().body(Map.of("nmae", "typo")).patch("/api/clients/" + id).then()
                .statusCode(422).body("errors[0].field", is("nmae"));
        asAdmin().body(Map.of("customFields", Map.of("no_such_field", "x"))).patch("/api/clients/" + id).then()
                .statusCode(422).body("errors[0].field", is("customFields.no_such_field"));
        asAdmin().body(Map.of("address", Map.of("planet", "Mars"))).patch("/api/clients/" + id).then()
                .statusCode(422).body("errors[0].field", is("address.planet"));
        asAdmin().get("/api/clients/" + id).then().body("version", is(0));
    }

    @Test
    void systemFieldCannotBeWritten() {
        String id = createClient();
        asAdmin().body(Map.of("customFields", Map.of("peppol_registered", "Billit"))).patch("/api/clients/" + id).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("customFields.peppol_registered"))
                .body("errors[0].message", containsString("system"));
        asAdmin().get("/api/clients/" + id).then().body("customFields", not(hasKey("peppol_registered")));
    }

    @Test
    void malformedJsonIsABadRequest() {
        String id = createClient();
        asAdmin().body("{\"name\": ").post("/api/clients").then().statusCode(400).contentType("application/problem+json");
        asAdmin().body("{\"name\": ").patch("/api/clients/" + id).then().statusCode(400).contentType("application/problem+json");
        asAdmin().body("[1, 2]").patch("/api/clients/" + id).then().statusCode(400).body("errors[0].field", is("body"));
        asAdmin().header("If-Match", "abc").body(Map.of("name", "x")).patch("/api/clients/" + id).then()
                .statusCode(400).body("errors[0].field", is("If-Match"));
        asAdmin().get("/api/clients/" + id).then().body("version", is(0));
    }

    @Test
    void unknownClientIsNotFound() {
        asAdmin().get("/api/clients/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        asAdmin().body(Map.of("name", "x")).patch("/api/clients/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void clientsNeedAuthenticationAndWritesNeedTheWritePermission() {
        String id = createClient(Map.of("name", "Guarded"));
        given().get("/api/clients/" + id).then().statusCode(401).contentType("application/problem+json")
                .body("errors[0].field", is("authentication"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/clients").then().statusCode(401);
        String viewer = sessionFor("VIEWER");
        withSession(viewer).get("/api/clients/" + id).then().statusCode(200);
        withSession(viewer).body(Map.of("name", "x")).post("/api/clients").then().statusCode(403).contentType("application/problem+json");
        withSession(viewer).body(Map.of("name", "Hacked")).patch("/api/clients/" + id).then().statusCode(403);
        String readToken = tokenWithScopes("read");
        withToken(readToken).get("/api/clients/" + id + "/history").then().statusCode(200);
        withToken(readToken).body(Map.of("name", "Hacked")).patch("/api/clients/" + id).then().statusCode(403);
        withToken(readToken).delete("/api/clients/" + id).then().statusCode(403);
        String staff = sessionFor("STAFF");
        withSession(staff).body(Map.of("legalForm", "SA")).patch("/api/clients/" + id).then().statusCode(200);
        asAdmin().get("/api/clients/" + id).then().body("name", is("Guarded")).body("status", is("ACTIVE")).body("legalForm", is("SA"));
    }
}
