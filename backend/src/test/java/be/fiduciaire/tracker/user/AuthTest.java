package be.fiduciaire.tracker.user;

import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AuthTest {

    @Test
    void firstAdminSignsInAndSeesWhoSheIs() {
        String cookie = sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD);
        withSession(cookie).get("/api/auth/me").then().statusCode(200)
                .body("email", is(ADMIN_EMAIL)).body("role", is("ADMIN"))
                .body("permissions", hasItems("read", "write", "admin"));
    }

    @Test
    void sessionCookieIsHttpOnly() {
        given().contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200)
                .header("Set-Cookie", containsString("HttpOnly"));
    }

    @Test
    void sessionCookieIsSecureWhenTheRequestCameOverHttps() {
        // over plain HTTP (make run on localhost) it cannot be Secure, or the browser would never send it back
        given().contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200)
                .header("Set-Cookie", allOf(containsString("HttpOnly"), containsString("SameSite=Lax"), not(containsString("Secure"))));
        // behind a TLS proxy (trusted in the test profile) that says so
        String cookie = given().header("X-Forwarded-Proto", "https").contentType(ContentType.JSON)
                .body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200)
                .header("Set-Cookie", allOf(containsString("Secure"), containsString("HttpOnly"), containsString("SameSite=Lax")))
                .extract().cookie("peppol_session");
        given().cookie("peppol_session", cookie).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "tracker.example.be")
                .header("Origin", "https://tracker.example.be")
                .post("/api/auth/logout").then().statusCode(204)
                .header("Set-Cookie", allOf(containsString("peppol_session="), containsString("Secure")));
    }

    @Test
    void wrongPasswordIsProblem401NamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("email", "nobody-" + UUID.randomUUID() + "@x.be", "password", "nope"))
                .post("/api/auth/login").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", is(401)).body("errors[0].field", is("password"));
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        String email = "throttle-" + UUID.randomUUID() + "@test.local";
        String password = "good-password-123";
        asAdmin().body(Map.of("email", email, "name", "T", "role", "STAFF", "password", password)).post("/api/users").then().statusCode(201);
        String address = LoginThrottleTest.newAddress();
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong"))
                    .post("/api/auth/login").then().statusCode(401);
        }
        // Even the right password is refused while throttled, with the time to wait.
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("errors[0].field", is("email"));
    }

    @Test
    void everyApiCallButLoginNeedsAuthentication() {
        for (String path : List.of("/api/auth/me", "/api/users", "/api/api-tokens")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .body("errors[0].field", is("authentication"));
        }
        given().header("Authorization", "Bearer not-a-token").get("/api/auth/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void logoutEndsTheSession() {
        String cookie = sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD);
        withSession(cookie).post("/api/auth/logout").then().statusCode(204);
        withSession(cookie).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void apiTokenIsShownOnceStoredHashedAndRevocable() {
        String cookie = sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD);
        var created = withSession(cookie).body(Map.of("name", "erp sync", "scopes", List.of("read")))
                .post("/api/api-tokens").then().statusCode(201)
                .header("Location", containsString("/api/api-tokens/"))
                .body("token", startsWith("ppt_")).extract();
        String token = created.path("token");
        String id = created.path("id");
        withToken(token).get("/api/auth/me").then().statusCode(200).body("permissions", contains("read"));
        withSession(cookie).get("/api/api-tokens").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.token", nullValue())
                .body("find { it.id == '" + id + "' }.lastUsedAt", notNullValue());
        withSession(cookie).delete("/api/api-tokens/" + id).then().statusCode(204);
        withToken(token).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void unknownScopeIsRefusedNamingIt() {
        asAdmin().body(Map.of("name", "x", "scopes", List.of("read", "root"))).post("/api/api-tokens").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", is("scopes[1]"));
    }

    @Test
    void onlyAdminsManageUsersAndTokens() {
        String staff = sessionFor("STAFF");
        withSession(staff).get("/api/users").then().statusCode(403).contentType("application/problem+json");
        withSession(staff).body(Map.of("name", "x", "scopes", List.of("read"))).post("/api/api-tokens").then().statusCode(403);
        String writeToken = tokenWithScopes("write");
        withToken(writeToken).get("/api/users").then().statusCode(403);
    }

    @Test
    void duplicateUserEmailIsConflictAndInvalidUserIsValidationError() {
        asAdmin().body(Map.of("email", ADMIN_EMAIL.toUpperCase(), "name", "Dup", "role", "STAFF", "password", "long-enough-pw"))
                .post("/api/users").then().statusCode(409).body("errors[0].field", is("email"));
        asAdmin().body(Map.of("email", "not-an-email", "name", "X", "role", "STAFF", "password", "short"))
                .post("/api/users").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("email", "password"));
        asAdmin().body("{\"email\": ").post("/api/users").then().statusCode(400).contentType("application/problem+json");
        asAdmin().body(Map.of("email", "r@test.local", "name", "X", "role", "GOD", "password", "long-enough-pw"))
                .post("/api/users").then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("role"));
    }

    @Test
    void staleUserVersionIsRefused() {
        String id = asAdmin().body(Map.of("email", "v-" + UUID.randomUUID() + "@test.local", "name", "V", "role", "VIEWER", "password", "long-enough-pw"))
                .post("/api/users").then().statusCode(201).extract().path("id");
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "V2")).patch("/api/users/" + id).then().statusCode(200).body("version", is(1));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "V3")).patch("/api/users/" + id).then().statusCode(412)
                .contentType("application/problem+json").body("errors[0].field", is("version"));
        asAdmin().get("/api/users/" + id).then().body("name", is("V2"));
    }

    @Test
    void unknownResourceIsProblem404NamingTheId() {
        asAdmin().get("/api/users/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", is("id"));
        asAdmin().get("/api/no-such-endpoint").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", is("path"));
    }

    @Test
    void usersChangeTheirOwnLanguageAndPasswordWithTheCurrentOne() {
        String email = "self-" + UUID.randomUUID() + "@test.local";
        asAdmin().body(Map.of("email", email, "name", "Self", "role", "VIEWER", "password", "first-password-1", "language", "fr"))
                .post("/api/users").then().statusCode(201);
        String cookie = sessionCookie(email, "first-password-1");
        withSession(cookie).body(Map.of("language", "nl")).patch("/api/auth/me").then().statusCode(200).body("language", is("nl"));
        withSession(cookie).get("/api/auth/me").then().body("language", is("nl"));
        withSession(cookie).body(Map.of("currentPassword", "wrong-password", "newPassword", "second-password-2"))
                .patch("/api/auth/me").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("currentPassword"));
        withSession(cookie).body(Map.of("language", "de")).patch("/api/auth/me").then().statusCode(422)
                .body("errors[0].field", is("language"));
        withSession(cookie).body(Map.of("currentPassword", "first-password-1", "newPassword", "second-password-2"))
                .patch("/api/auth/me").then().statusCode(200);
        sessionCookie(email, "second-password-2");
    }
}
