package be.fiduciaire.tracker.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Test helpers that go through the HTTP API like a real caller: sign in, create users and tokens.
 * Every test class shares one database per run, so helpers create uniquely named data.
 */
public final class Api {
    public static final String ADMIN_EMAIL = "admin@test.local";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private static String adminToken;

    private Api() {}

    /** A bearer token with the admin scope, created once through the API. */
    public static synchronized String adminToken() {
        if (adminToken == null) adminToken = createToken(sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD), "tests-admin", List.of("admin"));
        return adminToken;
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + adminToken()).contentType(ContentType.JSON);
    }

    public static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Calls made with the session cookie, like the SPA: from a page of the app's own origin (the CSRF check). */
    public static RequestSpecification withSession(String cookie) {
        return fromTheSpa().cookie("peppol_session", cookie).contentType(ContentType.JSON);
    }

    /** A request as the browser sends it from a page of the SPA: with the app's own {@code Origin}. */
    public static RequestSpecification fromTheSpa() {
        return given().header("Origin", origin());
    }

    /** The origin the test app is served at, as a browser showing it would name it. */
    public static String origin() {
        return RestAssured.baseURI.replaceAll("/+$", "") + ":" + RestAssured.port;
    }

    public static String sessionCookie(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().cookie("peppol_session");
    }

    public static String createToken(String sessionCookie, String name, List<String> scopes) {
        return withSession(sessionCookie).body(Map.of("name", name, "scopes", scopes))
                .post("/api/api-tokens").then().statusCode(201).extract().path("token");
    }

    /** Creates a user with the given role and returns a session cookie for it. */
    public static String sessionFor(String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@test.local";
        String password = "password-" + UUID.randomUUID();
        asAdmin().body(Map.of("email", email, "name", role + " user", "role", role, "password", password, "language", "en"))
                .post("/api/users").then().statusCode(201);
        return sessionCookie(email, password);
    }

    /** A bearer token with the given scopes, owned by the admin. */
    public static String tokenWithScopes(String... scopes) {
        return asAdmin().body(Map.of("name", "token-" + UUID.randomUUID(), "scopes", List.of(scopes)))
                .post("/api/api-tokens").then().statusCode(201).extract().path("token");
    }
}
