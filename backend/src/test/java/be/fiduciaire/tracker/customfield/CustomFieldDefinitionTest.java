package be.fiduciaire.tracker.customfield;

import static be.fiduciaire.tracker.client.ClientFixtures.createClient;
import static be.fiduciaire.tracker.customfield.CustomFieldFixtures.*;
import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CustomFieldDefinitionTest {

    private static final String PEPPOL = "find { it.key == 'peppol' }";

    @Test
    void standardPeppolCategoryHasItsFiveFieldsWithFrenchLabels() {
        asAdmin().get("/api/custom-field-categories").then().statusCode(200)
                .body(PEPPOL + ".labels.fr", is("PEPPOL"))
                .body(PEPPOL + ".showInClientList", is(true))
                .body(PEPPOL + ".fields.key", contains("peppol_registered", "peppol_software_receive", "peppol_software_send",
                        "peppol_ready", "peppol_comments"))
                .body(PEPPOL + ".fields.type", contains("SYSTEM", "SELECT", "SELECT", "BOOLEAN", "LONG_TEXT"))
                .body(PEPPOL + ".fields.labels.fr", contains("Enregistré sur PEPPOL", "Logiciel pour la réception PEPPOL",
                        "Logiciel pour l'envoi via PEPPOL", "« PEPPOL ready » ?", "Commentaire(s)"))
                .body(PEPPOL + ".fields.labels.nl", everyItem(notNullValue()))
                .body(PEPPOL + ".fields.labels.en", everyItem(notNullValue()));
    }

    @Test
    void bothSoftwareFieldsOfferOneSharedListOfRealProducts() {
        JsonPath categories = asAdmin().get("/api/custom-field-categories").then().statusCode(200).extract().jsonPath();
        String receiveId = categories.getString(PEPPOL + ".fields.find { it.key == 'peppol_software_receive' }.id");
        List<String> receive = categories.getList(PEPPOL + ".fields.find { it.key == 'peppol_software_receive' }.options.key");
        List<String> send = categories.getList(PEPPOL + ".fields.find { it.key == 'peppol_software_send' }.options.key");
        org.hamcrest.MatcherAssert.assertThat(categories.getString(PEPPOL + ".fields.find { it.key == 'peppol_software_send' }.optionSourceFieldId"), is(receiveId));
        org.hamcrest.MatcherAssert.assertThat(send, is(receive));
        org.hamcrest.MatcherAssert.assertThat(receive.size(), greaterThanOrEqualTo(20));
        org.hamcrest.MatcherAssert.assertThat(receive, hasItems("billit", "exact_online", "octopus", "yuki", "odoo", "winbooks", "other"));
        org.hamcrest.MatcherAssert.assertThat(categories.getString(PEPPOL + ".fields.find { it.key == 'peppol_software_receive' }"
                + ".options.find { it.key == 'other' }.labels.fr"), is("Autre"));
    }

    @Test
    void categoriesAndFieldsAreCreatedWithUniqueValidKeys() {
        String key = "cat_" + suffix();
        String categoryId = createCategory(key);
        asAdmin().body(Map.of("key", key, "labels", Map.of("fr", "Doublon"))).post("/api/custom-field-categories").then()
                .statusCode(409).contentType("application/problem+json").body("errors[0].field", is("key"));
        asAdmin().body(Map.of("key", "Bad-Key", "labels", Map.of("nl", "Geen frans"))).post("/api/custom-field-categories").then()
                .statusCode(422).body("errors.field", hasItems("key", "labels.fr"));
        String fieldKey = "fld_" + suffix();
        createField(categoryId, fieldKey, "TEXT");
        asAdmin().body(Map.of("categoryId", categoryId, "key", fieldKey, "labels", Map.of("fr", "x"), "type", "TEXT"))
                .post("/api/custom-fields").then().statusCode(409).body("errors[0].field", is("key"));
        asAdmin().body(Map.of("categoryId", categoryId, "key", "x", "labels", Map.of("fr", "x"), "type", "TEXT"))
                .post("/api/custom-fields").then().statusCode(422).body("errors[0].field", is("key"));
        asAdmin().body(Map.of("categoryId", categoryId, "key", "ok_key_" + suffix(), "labels", Map.of("fr", "x"), "type", "COLOR"))
                .post("/api/custom-fields").then().statusCode(400).body("errors[0].field", is("type"));
        asAdmin().get("/api/custom-field-categories/" + categoryId).then().statusCode(200)
                .body("fields.key", contains(fieldKey)).body("labels.fr", is("Cat " + key));
    }

    @Test
    void keysCannotChangeAndVersionsAreChecked() {
        String categoryId = createCategory("cat_" + suffix());
        asAdmin().body(Map.of("key", "renamed_" + suffix())).patch("/api/custom-field-categories/" + categoryId).then()
                .statusCode(422).body("errors[0].field", is("key"));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("labels", Map.of("fr", "Nouveau", "nl", "Nieuw"), "showInClientList", false))
                .patch("/api/custom-field-categories/" + categoryId).then().statusCode(200)
                .body("version", is(1)).body("labels.fr", is("Nouveau")).body("showInClientList", is(false));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("labels", Map.of("fr", "Perdu"))).patch("/api/custom-field-categories/" + categoryId)
                .then().statusCode(412).body("errors[0].field", is("version"));
        asAdmin().body(Map.of("labels", Map.of("fr", "Perdu"), "version", 0)).patch("/api/custom-field-categories/" + categoryId)
                .then().statusCode(409).body("errors[0].field", is("version"));
        asAdmin().get("/api/custom-field-categories/" + categoryId).then().body("labels.fr", is("Nouveau")).body("version", is(1));

        String fieldKey = "fld_" + suffix();
        String fieldId = createField(categoryId, fieldKey, "TEXT");
        asAdmin().body(Map.of("key", "other_" + suffix())).patch("/api/custom-fields/" + fieldId).then()
                .statusCode(422).body("errors[0].field", is("key"));
        asAdmin().header("If-Match", "\"5\"").body(Map.of("position", 3)).patch("/api/custom-fields/" + fieldId).then().statusCode(412);
        asAdmin().body(Map.of("position", 3, "labels", Map.of("fr", "Renommé"))).patch("/api/custom-fields/" + fieldId).then()
                .statusCode(200).body("position", is(3)).body("labels.fr", is("Renommé")).body("key", is(fieldKey));
    }

    @Test
    void typeCannotChangeOnceClientsHaveValues() {
        String categoryId = createCategory("cat_" + suffix());
        String key = "fld_" + suffix();
        String fieldId = createField(categoryId, key, "TEXT");
        asAdmin().body(Map.of("type", "NUMBER")).patch("/api/custom-fields/" + fieldId).then().statusCode(200).body("type", is("NUMBER"));
        createClient(Map.of("customFields", Map.of(key, 42)));
        asAdmin().body(Map.of("type", "TEXT")).patch("/api/custom-fields/" + fieldId).then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", is("type"));
        asAdmin().get("/api/custom-fields/" + fieldId).then().body("type", is("NUMBER"));
    }

    @Test
    void fieldOrCategoryWithValuesCannotBeDeleted() {
        String categoryId = createCategory("cat_" + suffix());
        String key = "fld_" + suffix();
        String fieldId = createField(categoryId, key, "TEXT");
        String clientId = createClient(Map.of("customFields", Map.of(key, "kept")));
        asAdmin().delete("/api/custom-fields/" + fieldId).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(key));
        asAdmin().delete("/api/custom-field-categories/" + categoryId).then().statusCode(409).body("detail", containsString(key));
        asAdmin().get("/api/clients/" + clientId).then().body("customFields." + key, is("kept"));
        asAdmin().body(Map.of("customFields", Map.of(key, (Object) "") )).patch("/api/clients/" + clientId).then().statusCode(200)
                .body("customFields", not(hasKey(key)));
        asAdmin().delete("/api/custom-field-categories/" + categoryId).then().statusCode(204);
        asAdmin().get("/api/custom-fields/" + fieldId).then().statusCode(404);
    }

    @Test
    void optionsAreRenamedReorderedAndDeactivated() {
        String categoryId = createCategory("cat_" + suffix());
        String key = "sel_" + suffix();
        String fieldId = createField(categoryId, key, "SELECT");
        createOption(fieldId, "alpha", 10);
        String beta = createOption(fieldId, "beta", 20);
        String gamma = createOption(fieldId, "gamma", 30);
        asAdmin().body(Map.of("key", "beta", "labels", Map.of("fr", "x"))).post("/api/custom-fields/" + fieldId + "/options").then()
                .statusCode(409).body("errors[0].field", is("key"));
        String clientId = createClient(Map.of("customFields", Map.of(key, "gamma")));

        asAdmin().body(Map.of("labels", Map.of("fr", "Bêta renommée"), "position", 5)).patch("/api/custom-fields/" + fieldId + "/options/" + beta)
                .then().statusCode(200).body("labels.fr", is("Bêta renommée")).body("key", is("beta")).body("version", is(1));
        asAdmin().body(Map.of("active", false)).patch("/api/custom-fields/" + fieldId + "/options/" + gamma).then()
                .statusCode(200).body("active", is(false));
        asAdmin().body(Map.of("key", "delta")).patch("/api/custom-fields/" + fieldId + "/options/" + gamma).then()
                .statusCode(422).body("errors[0].field", is("key"));
        asAdmin().get("/api/custom-fields/" + fieldId).then()
                .body("options.key", contains("beta", "alpha", "gamma"))
                .body("options.find { it.key == 'gamma' }.active", is(false));

        // an inactive option is refused for new values, while the clients that have it keep it
        asAdmin().body(Map.of("customFields", Map.of(key, "gamma"))).post("/api/clients").then().statusCode(422);
        String other = createClient();
        asAdmin().body(Map.of("customFields", Map.of(key, "gamma"))).patch("/api/clients/" + other).then()
                .statusCode(422).body("errors[0].field", is("customFields." + key)).body("errors[0].message", containsString("no longer active"));
        asAdmin().get("/api/clients/" + other).then().body("customFields", not(hasKey(key)));
        asAdmin().get("/api/clients/" + clientId).then().body("customFields." + key, is("gamma"));
        asAdmin().body(Map.of("customFields", Map.of(key, "gamma", "peppol_ready", true))).patch("/api/clients/" + clientId).then()
                .statusCode(200).body("customFields." + key, is("gamma"));
    }

    @Test
    void deletingAnOptionInUseIsRefusedUnlessItsValuesMoveToAnotherOption() {
        String categoryId = createCategory("cat_" + suffix());
        String single = "sel_" + suffix();
        String singleId = createField(categoryId, single, "SELECT");
        String multi = "mul_" + suffix();
        String multiId = createField(categoryId, multi, "MULTI_SELECT", Map.of("optionSourceFieldId", singleId));
        createOption(singleId, "keep", 10);
        String old = createOption(singleId, "old", 20);
        // an option added through the sharing field lands in the shared list
        String retired = createOption(multiId, "retired", 30);
        asAdmin().body(Map.of("active", false)).patch("/api/custom-fields/" + singleId + "/options/" + retired).then().statusCode(200);

        String a = createClient(Map.of("customFields", Map.of(single, "old")));
        String b = createClient(Map.of("customFields", Map.of(multi, List.of("old", "keep"))));
        String c = createClient(Map.of("customFields", Map.of(single, "keep", multi, List.of("keep"))));

        asAdmin().delete("/api/custom-fields/" + singleId + "/options/" + old).then()
                .statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", is("optionId")).body("detail", containsString("'old'")).body("detail", containsString("2 client"));
        asAdmin().delete("/api/custom-fields/" + singleId + "/options/" + old + "?replaceWith=retired").then()
                .statusCode(422).body("errors[0].field", is("replaceWith"));
        asAdmin().delete("/api/custom-fields/" + singleId + "/options/" + old + "?replaceWith=nope").then().statusCode(422);
        asAdmin().get("/api/clients/" + a).then().body("customFields." + single, is("old"));

        asAdmin().delete("/api/custom-fields/" + multiId + "/options/" + old + "?replaceWith=keep").then().statusCode(204);
        asAdmin().get("/api/clients/" + a).then().body("customFields." + single, is("keep")).body("version", is(1));
        asAdmin().get("/api/clients/" + b).then().body("customFields." + multi, contains("keep")).body("version", is(1));
        asAdmin().get("/api/clients/" + c).then().body("version", is(0));
        asAdmin().get("/api/clients/" + a + "/history").then()
                .body("items[0].kind", is("FIELD")).body("items[0].field", is("cf." + single))
                .body("items[0].oldValue", is("old")).body("items[0].newValue", is("keep")).body("items[0].actorName", notNullValue());
        asAdmin().get("/api/clients/" + b + "/history").then()
                .body("items[0].field", is("cf." + multi)).body("items[0].oldValue", contains("old", "keep"))
                .body("items[0].newValue", contains("keep"));
        asAdmin().get("/api/custom-fields/" + singleId).then().body("options.key", contains("keep", "retired"));
        asAdmin().get("/api/custom-fields/" + multiId).then().body("options.key", contains("keep", "retired"));

        // an option nobody uses is simply deleted
        asAdmin().delete("/api/custom-fields/" + singleId + "/options/" + retired).then().statusCode(204);
    }

    @Test
    void onlyAdminsChangeDefinitionsEveryoneSignedInReadsThem() {
        String categoryId = createCategory("cat_" + suffix());
        String staff = sessionFor("STAFF");
        withSession(staff).get("/api/custom-field-categories").then().statusCode(200);
        withSession(staff).body(Map.of("key", "staff_" + suffix(), "labels", Map.of("fr", "x"))).post("/api/custom-field-categories")
                .then().statusCode(403).contentType("application/problem+json");
        withSession(staff).body(Map.of("labels", Map.of("fr", "x"))).patch("/api/custom-field-categories/" + categoryId).then().statusCode(403);
        withSession(staff).delete("/api/custom-field-categories/" + categoryId).then().statusCode(403);
        String writeToken = tokenWithScopes("write");
        withToken(writeToken).body(Map.of("categoryId", categoryId, "key", "tok_" + suffix(), "labels", Map.of("fr", "x"), "type", "TEXT"))
                .post("/api/custom-fields").then().statusCode(403);
        withSession(sessionFor("VIEWER")).get("/api/custom-field-categories").then().statusCode(200).body(PEPPOL, notNullValue());
        given().get("/api/custom-field-categories").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("key", "anon_" + suffix())).post("/api/custom-field-categories").then().statusCode(401);
        asAdmin().get("/api/custom-field-categories/" + categoryId).then().body("labels.fr", startsWith("Cat ")).body("version", is(0));
    }

    @Test
    void sharedListsAreCheckedAndOptionVersionsToo() {
        String categoryId = createCategory("cat_" + suffix());
        String text = createField(categoryId, "txt_" + suffix(), "TEXT");
        asAdmin().body(Map.of("categoryId", categoryId, "key", "share_" + suffix(), "labels", Map.of("fr", "x"), "type", "SELECT",
                "optionSourceFieldId", text)).post("/api/custom-fields").then()
                .statusCode(422).body("errors[0].field", is("optionSourceFieldId"));
        asAdmin().body(Map.of("key", "a", "labels", Map.of("fr", "x"))).post("/api/custom-fields/" + text + "/options").then()
                .statusCode(422);
        String owner = createField(categoryId, "own_" + suffix(), "SELECT");
        String sharing = createField(categoryId, "shr_" + suffix(), "SELECT", Map.of("optionSourceFieldId", owner));
        String option = createOption(owner, "first", 10);
        asAdmin().body(Map.of("key", "first", "labels", Map.of("fr", "x"))).post("/api/custom-fields/" + sharing + "/options").then()
                .statusCode(409).body("errors[0].field", is("key"));
        asAdmin().body(Map.of("type", "TEXT")).patch("/api/custom-fields/" + owner).then().statusCode(422).body("errors[0].field", is("type"));
        asAdmin().delete("/api/custom-fields/" + owner).then().statusCode(409).body("detail", containsString("offers the options"));
        asAdmin().header("If-Match", "\"3\"").body(Map.of("active", false)).patch("/api/custom-fields/" + sharing + "/options/" + option)
                .then().statusCode(412);
        asAdmin().body(Map.of("active", false, "version", 3)).patch("/api/custom-fields/" + sharing + "/options/" + option)
                .then().statusCode(409).body("errors[0].field", is("version"));
        asAdmin().get("/api/custom-fields/" + sharing).then().body("options[0].active", is(true)).body("options[0].version", is(0));
    }

    @Test
    void malformedDefinitionJsonIsABadRequest() {
        asAdmin().body("{\"key\": ").post("/api/custom-field-categories").then().statusCode(400).contentType("application/problem+json");
    }
}
