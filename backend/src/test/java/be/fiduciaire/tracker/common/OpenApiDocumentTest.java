package be.fiduciaire.tracker.common;

import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/** The committed openapi.yaml is the API as the backend serves it: run `make openapi` after an API change. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void committedOpenApiEqualsTheServedDocument() throws Exception {
        String served = asAdmin().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        String committed = Files.readString(Path.of("..", "openapi.yaml"));
        // Compared as trees: the build-time file and the served document may order keys differently.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertEquals(yaml.readTree(committed), yaml.readTree(served),
                "openapi.yaml differs from /q/openapi: run `make openapi` and commit the result");
    }

    @Test
    void swaggerUiIsServedToSignedInUsers() {
        withSession(sessionCookie(ADMIN_EMAIL, ADMIN_PASSWORD)).get("/q/swagger-ui/").then().statusCode(200);
        asAdmin().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void swaggerUiAndTheDocumentAreNotPublic() {
        for (String path : new String[] {"/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html", "/q/openapi",
                "/q/openapi?format=json", "/q/openapi.json", "/q/openapi.yaml"}) {
            given().redirects().follow(false).get(path).then().statusCode(401).contentType("application/problem+json")
                    .body("errors[0].field", is("authentication"));
        }
        given().header("Authorization", "Bearer not-a-token").get("/q/openapi").then().statusCode(401);
    }
}
