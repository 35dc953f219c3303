package be.fiduciaire.tracker.client;

import static be.fiduciaire.tracker.support.Api.asAdmin;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test data for client tests, created through the API with unique values. */
public final class ClientFixtures {
    private ClientFixtures() {}

    /** A random valid enterprise number (10 digits, mod-97). */
    public static String enterpriseNumber() {
        long base = ThreadLocalRandom.current().nextLong(1_000_000, 19_999_999);
        return BelgianIdentifiers.enterpriseNumber(base);
    }

    public static String reference() {
        return "T-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Creates a client with the given extra properties and returns its id. */
    public static String createClient(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Client " + UUID.randomUUID());
        body.put("reference", reference());
        body.putAll(extra);
        return asAdmin().body(body).post("/api/clients").then().statusCode(201).extract().path("id");
    }

    public static String createClient() {
        return createClient(Map.of());
    }
}
