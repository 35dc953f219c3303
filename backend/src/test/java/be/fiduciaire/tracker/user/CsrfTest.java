package be.fiduciaire.tracker.user;

import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.client.ClientFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Changes made with the session cookie come from the SPA's own origin and send JSON (user.SameOriginGuard); bearer-token
 * calls are not concerned. Each refused change is a 403 problem+json naming the header, and changes nothing.
 */
@QuarkusTest
class CsrfTest {
    private static final String EVIL = "http://evil.example";

    private static Map<String, Object> newClient(String reference) {
        return Map.of("name", "CSRF " + reference, "reference", reference);
    }

    private static void noClientWithReference(String reference) {
        asAdmin().queryParam("filter", "reference==" + reference).get("/api/clients").then().statusCode(200).body("total", is(0));
    }

    @Test
    void crossSiteChangeWithTheSessionCookieIsRefusedAndChangesNothing() {
        String cookie = sessionFor("STAFF");
        String reference = ClientFixtures.reference();
        given().cookie("peppol_session", cookie).header("Origin", EVIL).contentType(ContentType.JSON).body(newClient(reference))
                .post("/api/clients").then().statusCode(403).contentType("application/problem+json")
                .body("status", is(403)).body("errors[0].field", is("Origin"));
        noClientWithReference(reference);
        // a sibling site (same site, other origin) is another origin too
        given().cookie("peppol_session", cookie).header("Sec-Fetch-Site", "same-site").contentType(ContentType.JSON).body(newClient(reference))
                .post("/api/clients").then().statusCode(403).body("errors[0].field", is("Sec-Fetch-Site"));
        given().cookie("peppol_session", cookie).header("Origin", "null").contentType(ContentType.JSON).body(newClient(reference))
                .post("/api/clients").then().statusCode(403).body("errors[0].field", is("Origin"));
        noClientWithReference(reference);
    }

    @Test
    void cookieChangeThatDoesNotSayWhereItComesFromIsRefused() {
        String cookie = sessionFor("STAFF");
        String reference = ClientFixtures.reference();
        given().cookie("peppol_session", cookie).contentType(ContentType.JSON).body(newClient(reference))
                .post("/api/clients").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", is("Origin"));
        noClientWithReference(reference);
    }

    @Test
    void sameOriginChangesAreAccepted() {
        String cookie = sessionFor("STAFF");
        withSession(cookie).body(newClient(ClientFixtures.reference())).post("/api/clients").then().statusCode(201);
        // a browser that sends Sec-Fetch-Site but no Origin
        given().cookie("peppol_session", cookie).header("Sec-Fetch-Site", "same-origin").contentType(ContentType.JSON)
                .body(newClient(ClientFixtures.reference())).post("/api/clients").then().statusCode(201);
        // the origin compared with default ports made explicit and case ignored
        given().cookie("peppol_session", cookie).header("Origin", origin().toUpperCase()).contentType(ContentType.JSON)
                .body(newClient(ClientFixtures.reference())).post("/api/clients").then().statusCode(201);
    }

    @Test
    void cookieChangeWithABodyThatIsNotJsonIsRefused() throws Exception {
        String cookie = sessionFor("STAFF");
        String name = "CSRF view " + ClientFixtures.reference();
        String json = "{\"name\": \"" + name + "\"}";
        HttpClient http = HttpClient.newHttpClient();
        // a JSON body without Content-Type (java.net.http sends none unless told), to an endpoint that declares none
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(origin() + "/api/views"))
                .header("Cookie", "peppol_session=" + cookie).header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, none.statusCode(), none.body());
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse(""));
        org.hamcrest.MatcherAssert.assertThat(none.body(), containsString("\"field\":\"Content-Type\""));
        // what an HTML form can send
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            fromTheSpa().cookie("peppol_session", cookie).contentType(type).body(json).post("/api/views").then()
                    .statusCode(403).contentType("application/problem+json").body("errors[0].field", is("Content-Type"));
        }
        // multipart only where an upload is taken
        fromTheSpa().cookie("peppol_session", cookie).multiPart("name", name).post("/api/views").then()
                .statusCode(403).body("errors[0].field", is("Content-Type"));
        withSession(cookie).get("/api/views").then().statusCode(200).body("name", not(hasItem(name)));
        // an endpoint that declares JSON refuses the rest itself (415), naming the header too
        String reference = ClientFixtures.reference();
        HttpResponse<String> client = http.send(HttpRequest.newBuilder(URI.create(origin() + "/api/clients"))
                .header("Cookie", "peppol_session=" + cookie).header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"CSRF\", \"reference\": \"" + reference + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, client.statusCode(), client.body());
        fromTheSpa().cookie("peppol_session", cookie).contentType("text/plain").body(newClient(reference).toString())
                .post("/api/clients").then().statusCode(anyOf(is(403), is(415))).contentType("application/problem+json")
                .body("errors[0].field", is("Content-Type"));
        noClientWithReference(reference);
    }

    @Test
    void crossSiteFormPostToLogoutDoesNotEndTheSession() {
        String cookie = sessionFor("VIEWER");
        given().cookie("peppol_session", cookie).header("Origin", EVIL).header("Sec-Fetch-Site", "cross-site")
                .contentType("application/x-www-form-urlencoded").formParam("x", "1")
                .post("/api/auth/logout").then().statusCode(403).contentType("application/problem+json");
        given().cookie("peppol_session", cookie).header("Origin", EVIL).post("/api/auth/logout").then().statusCode(403);
        withSession(cookie).get("/api/auth/me").then().statusCode(200);
        // the SPA's own logout still works
        withSession(cookie).post("/api/auth/logout").then().statusCode(204);
        withSession(cookie).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void signInFromAnotherSiteIsRefusedButScriptsWithoutOriginSignIn() {
        given().header("Origin", EVIL).contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", is("Origin")).header("Set-Cookie", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200);
        fromTheSpa().contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void bearerTokenCallsAreNotConcerned() {
        String token = tokenWithScopes("write", "read");
        String reference = ClientFixtures.reference();
        withToken(token).header("Origin", EVIL).body(newClient(reference)).post("/api/clients").then().statusCode(201);
        // a token wins over a cookie sent beside it, as in authentication
        withToken(token).cookie("peppol_session", sessionFor("STAFF")).header("Origin", EVIL)
                .body(newClient(ClientFixtures.reference())).post("/api/clients").then().statusCode(201);
        // safe methods with the cookie are not concerned either
        given().cookie("peppol_session", sessionFor("VIEWER")).header("Origin", EVIL).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void anOriginListedInAppAllowedOriginsIsAccepted() {
        String cookie = sessionFor("STAFF");
        // %test.app.allowed-origins=https://tracker.example.test (e.g. the public URL, when a proxy rewrites Host)
        given().cookie("peppol_session", cookie).header("Origin", "https://tracker.example.test").contentType(ContentType.JSON)
                .body(newClient(ClientFixtures.reference())).post("/api/clients").then().statusCode(201);
        String reference = ClientFixtures.reference();
        given().cookie("peppol_session", cookie).header("Origin", "https://other.example.test").contentType(ContentType.JSON)
                .body(newClient(reference)).post("/api/clients").then().statusCode(403).body("errors[0].field", is("Origin"));
        noClientWithReference(reference);
    }

    @Test
    void behindAProxyTheForwardedOriginIsTheOwnOne() {
        String cookie = sessionFor("STAFF");
        // the test client at 127.0.0.1 is a trusted proxy in the test profile (application.properties)
        given().cookie("peppol_session", cookie).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "tracker.example.be")
                .header("Origin", "https://tracker.example.be").contentType(ContentType.JSON)
                .body(newClient(ClientFixtures.reference())).post("/api/clients").then().statusCode(201);
        String reference = ClientFixtures.reference();
        given().cookie("peppol_session", cookie).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "tracker.example.be")
                .header("Origin", "http://tracker.example.be").contentType(ContentType.JSON)
                .body(newClient(reference)).post("/api/clients").then().statusCode(403).body("errors[0].field", is("Origin"));
        // the address the client reached directly is not the forwarded one
        given().cookie("peppol_session", cookie).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "tracker.example.be")
                .header("Origin", origin()).contentType(ContentType.JSON)
                .body(newClient(reference)).post("/api/clients").then().statusCode(403);
        noClientWithReference(reference);
    }
}
