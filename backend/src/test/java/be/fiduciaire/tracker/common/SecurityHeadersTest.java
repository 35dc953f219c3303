package be.fiduciaire.tracker.common;

import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Security headers on the SPA, the API and /q (common.SecurityHeaders). */
@QuarkusTest
class SecurityHeadersTest {

    private static ValidatableResponse everywhere(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void apiAnswersArePersonalAndLoadNothing() {
        everywhere(asAdmin().get("/api/auth/me").then().statusCode(200))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
        // errors and the sign-in too
        everywhere(given().get("/api/clients").then().statusCode(401)).header("Cache-Control", "no-store");
        everywhere(given().contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200)).header("Cache-Control", "no-store");
    }

    @Test
    void spaPathsForbidInlineScriptAndFraming() {
        // The SPA is not built into the test app (Quinoa off): the headers are the router's, whatever answers the path.
        for (String path : new String[] {"/", "/clients/123", "/index.html"}) {
            everywhere(given().get(path).then())
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", not(matchesPattern(".*script-src[^;]*'unsafe-inline'.*")))
                    .header("Content-Security-Policy", containsString("object-src 'none'"))
                    .header("Cache-Control", nullValue());
        }
    }

    @Test
    void swaggerUiMayRunItsInlineScriptsButIsNotFramed() {
        everywhere(withSession(sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD)).get("/q/swagger-ui/").then().statusCode(200))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
    }
}
