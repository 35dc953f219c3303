package be.fiduciaire.tracker.common;

import static io.restassured.RestAssured.given;
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
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        String committed = Files.readString(Path.of("..", "openapi.yaml"));
        // Compared as trees: the build-time file and the served document may order keys differently.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertEquals(yaml.readTree(committed), yaml.readTree(served),
                "openapi.yaml differs from /q/openapi: run `make openapi` and commit the result");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
