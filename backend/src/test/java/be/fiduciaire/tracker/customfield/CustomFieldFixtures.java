package be.fiduciaire.tracker.customfield;

import static be.fiduciaire.tracker.support.Api.asAdmin;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Custom-field definitions created through the API with unique keys (the database is shared by all tests of a run). */
public final class CustomFieldFixtures {
    private CustomFieldFixtures() {}

    public static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static String createCategory(String key) {
        return asAdmin().body(Map.of("key", key, "labels", Map.of("fr", "Cat " + key, "nl", "Cat " + key, "en", "Cat " + key),
                        "position", 100, "showInClientList", true))
                .post("/api/custom-field-categories").then().statusCode(201).extract().path("id");
    }

    public static String createField(String categoryId, String key, String type, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("categoryId", categoryId, "key", key, "labels", Map.of("fr", "Champ " + key), "type", type));
        body.putAll(extra);
        return asAdmin().body(body).post("/api/custom-fields").then().statusCode(201).extract().path("id");
    }

    public static String createField(String categoryId, String key, String type) {
        return createField(categoryId, key, type, Map.of());
    }

    public static String createOption(String fieldId, String key, int position) {
        return asAdmin().body(Map.of("key", key, "labels", Map.of("fr", "Option " + key), "position", position))
                .post("/api/custom-fields/" + fieldId + "/options").then().statusCode(201).extract().path("id");
    }
}
