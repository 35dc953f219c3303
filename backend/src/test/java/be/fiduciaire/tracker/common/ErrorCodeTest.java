package be.fiduciaire.tracker.common;

import static be.fiduciaire.tracker.client.ClientFixtures.reference;
import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.createCategory;
import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.createField;
import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.createOption;
import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.suffix;
import static be.fiduciaire.tracker.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every problem+json field error carries a stable {@code code} and its {@code params} beside the English message, so
 * the SPA can say it in the user's language: from the services, the value rules, Bean Validation and Jackson alike.
 */
@QuarkusTest
class ErrorCodeTest {

    private static String newClient() {
        return asAdmin().body(Map.of("reference", reference(), "name", "Codes " + suffix(), "type", "COMPANY"))
                .post("/api/clients").then().statusCode(201).extract().path("id");
    }

    @Test
    void codesAreUniqueAndLowerCase() {
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(seen.add(code.code()), "twice: " + code.code());
            assertTrue(code.code().matches("[a-z][a-z_]*(\\.[a-z_]+)*"), "not a code: " + code.code());
            assertTrue(!code.description().isBlank(), code + " has no description");
        }
        assertEquals(ErrorCode.values().length, seen.size());
    }

    @Test
    void anInvalidEnterpriseNumberIsCodedWithTheValueSent() {
        asAdmin().body(Map.of("reference", reference(), "name", "Bad number", "enterpriseNumber", "0123.456.788"))
                .post("/api/clients").then().statusCode(422)
                .body("errors[0].field", is("enterpriseNumber"))
                .body("errors[0].code", is("enterprise_number.invalid"))
                .body("errors[0].params.value", is("0123.456.788"))
                .body("errors[0].message", containsString("Not a valid Belgian enterprise number"));
    }

    @Test
    void everyErrorOfABodyHasItsOwnCode() {
        String id = newClient();
        asAdmin().body(Map.of("name", "", "nmae", "x", "email", "not-an-address", "vatLiable", "yes", "language", "xx"))
                .patch("/api/clients/" + id).then().statusCode(422)
                .body("errors.find { it.field == 'nmae' }.code", is("unknown_property"))
                .body("errors.find { it.field == 'name' }.code", is("required"))
                .body("errors.find { it.field == 'email' }.code", is("email.invalid"))
                .body("errors.find { it.field == 'vatLiable' }.code", is("type.boolean"))
                .body("errors.find { it.field == 'language' }.code", is("type.enum"))
                .body("errors.find { it.field == 'language' }.params.allowed", hasItems("fr", "nl", "en", "de"))
                .body("errors.code", everyItem(notNullValue()))
                .body("errors.params", everyItem(notNullValue()));
        asAdmin().get("/api/clients/" + id).then().body("version", is(0));
    }

    @Test
    void aStaleVersionIsCodedWithTheCurrentOne() {
        String id = newClient();
        asAdmin().body(Map.of("name", "Once")).patch("/api/clients/" + id).then().statusCode(200).body("version", is(1));
        asAdmin().body(Map.of("name", "Stale", "version", 0)).patch("/api/clients/" + id).then().statusCode(409)
                .body("errors[0].field", is("version")).body("errors[0].code", is("version.stale")).body("errors[0].params.current", is(1));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "Stale")).patch("/api/clients/" + id).then().statusCode(412)
                .body("errors[0].code", is("version.stale")).body("errors[0].params.current", is(1));
    }

    @Test
    void anInactiveOptionIsCodedWithTheOption() {
        String key = "codes_" + suffix();
        String field = createField(createCategory("cat_" + key), key, "SELECT");
        String option = createOption(field, "old_one", 0);
        createOption(field, "new_one", 1);
        asAdmin().body(Map.of("active", false)).patch("/api/custom-fields/" + field + "/options/" + option).then().statusCode(200);
        asAdmin().body(Map.of("customFields", Map.of(key, "old_one"))).patch("/api/clients/" + newClient()).then().statusCode(422)
                .body("errors[0].field", is("customFields." + key))
                .body("errors[0].code", is("option.inactive"))
                .body("errors[0].params.option", is("old_one"));
        asAdmin().body(Map.of("customFields", Map.of(key, "nope"))).patch("/api/clients/" + newClient()).then().statusCode(422)
                .body("errors[0].code", is("option.unknown")).body("errors[0].params.option", is("nope")).body("errors[0].params.field", is(key));
    }

    @Test
    void anOptionInUseIsCodedWithItsCount() {
        String key = "codes_" + suffix();
        String field = createField(createCategory("cat_" + key), key, "SELECT");
        String option = createOption(field, "used", 0);
        asAdmin().body(Map.of("customFields", Map.of(key, "used"))).patch("/api/clients/" + newClient()).then().statusCode(200);
        asAdmin().delete("/api/custom-fields/" + field + "/options/" + option).then().statusCode(409)
                .body("errors[0].code", is("option.in_use")).body("errors[0].params.option", is("used")).body("errors[0].params.count", is(1));
    }

    @Test
    void beanValidationViolationsAreCodedByTheirConstraint() {
        String key = "codes_" + suffix();
        asAdmin().body(Map.of("key", key, "labels", Map.of("nl", "Alleen Nederlands", "de", "Deutsch"), "position", 1))
                .post("/api/custom-field-categories").then().statusCode(422)
                .body("errors.find { it.field == 'labels.fr' }.code", is("label.fr_required"))
                .body("errors.find { it.field == 'labels.de' }.code", is("label.language"));
        asAdmin().body(Map.of("key", key, "labels", Map.of("fr", "x".repeat(201)), "position", 1))
                .post("/api/custom-field-categories").then().statusCode(422)
                .body("errors.find { it.field == 'labels.fr' }.code", is("too_long"))
                .body("errors.find { it.field == 'labels.fr' }.params.max", is(200));
        asAdmin().body(Map.of("labels", Map.of("fr", "Sans clé"), "position", 1))
                .post("/api/custom-field-categories").then().statusCode(422)
                .body("errors.find { it.field == 'key' }.code", is("required"));
        asAdmin().body(Map.of("name", "Short password", "email", "short-" + suffix() + "@test.local", "role", "STAFF", "password", "short", "language", "fr"))
                .post("/api/users").then().statusCode(422)
                .body("errors.find { it.field == 'password' }.code", is("length"))
                .body("errors.find { it.field == 'password' }.params.min", is(10))
                .body("errors.find { it.field == 'password' }.params.max", is(200));
    }

    @Test
    void jsonErrorsAreCoded() {
        asAdmin().body("{\"name\": ").post("/api/clients").then().statusCode(400)
                .body("errors[0].code", is("json.malformed"));
        asAdmin().body(Map.of("name", "View " + suffix(), "shared", "maybe"))
                .post("/api/views").then().statusCode(400)
                .body("errors[0].field", is("shared")).body("errors[0].code", is("type.boolean"));
        asAdmin().body(Map.of("name", "   ")).post("/api/views").then().statusCode(422)
                .body("errors[0].field", is("name")).body("errors[0].code", is("required"));
    }

    @Test
    void filterErrorsAreCodedWithTheSelector() {
        asAdmin().get("/api/clients?filter=planet==mars").then().statusCode(400)
                .body("errors[0].field", is("filter")).body("errors[0].code", is("filter.unknown_selector")).body("errors[0].params.selector", is("planet"));
        asAdmin().get("/api/clients?filter=vatLiable==perhaps").then().statusCode(400)
                .body("errors[0].code", is("filter.value")).body("errors[0].params.selector", is("vatLiable")).body("errors[0].params.value", is("perhaps"));
        asAdmin().get("/api/clients?filter=name=gt=b").then().statusCode(400)
                .body("errors[0].code", is("filter.operator")).body("errors[0].params.operator", is("=gt="));
        asAdmin().get("/api/clients?filter=name==").then().statusCode(400).body("errors[0].code", is("filter.malformed"));
        asAdmin().get("/api/clients?size=0").then().statusCode(400)
                .body("errors[0].code", is("range")).body("errors[0].params.min", is(1)).body("errors[0].params.max", is(500));
    }

    @Test
    void signInAndAccessErrorsAreCoded() {
        given().contentType(ContentType.JSON).body(Map.of("email", "nobody-" + suffix() + "@test.local", "password", "wrong password"))
                .post("/api/auth/login").then().statusCode(401)
                .body("errors[0].field", is("password")).body("errors[0].code", is("auth.wrong_credentials"));
        given().get("/api/clients").then().statusCode(401).body("errors[0].code", is("auth.required"));
        asAdmin().get("/api/clients/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("errors[0].code", is("not_found")).body("errors[0].params.resource", is("Client"));
    }

    @Test
    void theServedDocumentListsEveryCode() {
        List<String> codes = asAdmin().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().path("components.schemas.FieldError.properties.code.enum");
        assertEquals(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList(), codes);
    }
}
