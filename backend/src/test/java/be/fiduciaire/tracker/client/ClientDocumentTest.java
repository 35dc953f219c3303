package be.fiduciaire.tracker.client;

import static be.fiduciaire.tracker.client.ClientFixtures.createClient;
import static be.fiduciaire.tracker.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.apache.http.entity.mime.HttpMultipartMode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ClientDocumentTest {
    private static final String PDF_TYPE = "application/pdf";

    private static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static RequestSpecification admin() {
        // browsers send the file name as raw UTF-8 in the part header
        return given().header("Authorization", "Bearer " + adminToken()).config(RestAssuredConfig.config()
                .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8))
                .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE)));
    }

    @Test
    void uploadedDocumentIsDescribedInTheClientAndDownloadsAsAnAttachment() {
        String id = createClient();
        admin().multiPart("file", "mandat signé.pdf", pdf(), PDF_TYPE)
                .put("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200)
                .body("customFields.mandate_document.name", is("mandat signé.pdf"))
                .body("customFields.mandate_document.size", is(pdf().length))
                .body("customFields.mandate_document.contentType", is(PDF_TYPE))
                .body("customFields.mandate_document.url", is("/api/clients/" + id + "/documents/mandate_document"))
                .body("version", is(1));
        byte[] body = admin().get("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200)
                .contentType(PDF_TYPE)
                .header("Content-Disposition", startsWith("attachment;"))
                .header("Content-Disposition", containsString("filename*=UTF-8''mandat%20sign%C3%A9.pdf"))
                .extract().asByteArray();
        assertArrayEquals(pdf(), body);
        asAdmin().get("/api/clients/" + id + "/history").then()
                .body("items[0].field", is("cf.mandate_document")).body("items[0].newValue.name", is("mandat signé.pdf"));

        // a new upload replaces the file
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        admin().multiPart("file", "scan.png", png, "image/png").put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(200).body("customFields.mandate_document.contentType", is("image/png"));
        assertArrayEquals(png, admin().get("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
    }

    @Test
    void deletingTheDocumentClearsTheValue() {
        String id = createClient();
        admin().multiPart("file", "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain")
                .put("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200);
        admin().delete("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200)
                .body("customFields", not(hasKey("mandate_document")));
        admin().get("/api/clients/" + id + "/documents/mandate_document").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyDocumentFieldsTakeUploads() {
        String id = createClient();
        admin().multiPart("file", "a.pdf", pdf(), PDF_TYPE).put("/api/clients/" + id + "/documents/peppol_comments").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", is("fieldKey"))
                .body("detail", containsString("peppol_comments"));
        admin().multiPart("file", "a.pdf", pdf(), PDF_TYPE).put("/api/clients/" + id + "/documents/no_such_field").then()
                .statusCode(422).body("errors[0].field", is("fieldKey"));
        asAdmin().get("/api/clients/" + id).then().body("version", is(0));
    }

    @Test
    void contentTypeAndMagicBytesAreChecked() {
        String id = createClient();
        admin().multiPart("file", "a.zip", new byte[] {'P', 'K', 3, 4, 0}, "application/zip")
                .put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(422).body("errors[0].field", is("file")).body("detail", containsString("application/zip"));
        admin().multiPart("file", "fake.pdf", "MZ this is an executable".getBytes(StandardCharsets.US_ASCII), PDF_TYPE)
                .put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(422).body("errors[0].field", is("file"));
        admin().multiPart("file", "fake.txt", pdf(), "text/plain")
                .put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(422).body("errors[0].field", is("file"));
        admin().multiPart("file", "empty.pdf", new byte[0], PDF_TYPE)
                .put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(422).body("errors[0].field", is("file"));
        admin().multiPart("other", "a.pdf", pdf(), PDF_TYPE)
                .put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(422).body("errors[0].field", is("file"));
        asAdmin().get("/api/clients/" + id).then().body("version", is(0)).body("customFields", not(hasKey("mandate_document")));
    }

    @Test
    void tooLargeFileIsRefusedNamingTheFile() {
        String id = createClient();
        byte[] big = Arrays.copyOf(pdf(), 100 * 1024 + 1); // %test limit: 100K
        admin().multiPart("file", "big.pdf", big, PDF_TYPE).put("/api/clients/" + id + "/documents/mandate_document").then()
                .statusCode(413).contentType("application/problem+json").body("errors[0].field", is("file"));
        asAdmin().get("/api/clients/" + id).then().body("version", is(0));
    }

    @Test
    void readersDownloadButCannotUpload() {
        String id = createClient();
        admin().multiPart("file", "a.pdf", pdf(), PDF_TYPE).put("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200);
        String viewer = sessionFor("VIEWER");
        given().cookie("peppol_session", viewer).get("/api/clients/" + id + "/documents/mandate_document").then().statusCode(200);
        fromTheSpa().cookie("peppol_session", viewer).multiPart("file", "b.pdf", pdf(), PDF_TYPE)
                .put("/api/clients/" + id + "/documents/mandate_document").then().statusCode(403);
        given().multiPart("file", "b.pdf", pdf(), PDF_TYPE)
                .put("/api/clients/" + id + "/documents/mandate_document").then().statusCode(401);
        given().get("/api/clients/" + id + "/documents/mandate_document").then().statusCode(401);
        admin().get("/api/clients/" + UUID.randomUUID() + "/documents/mandate_document").then().statusCode(404);
        asAdmin().get("/api/clients/" + id).then().body("customFields.mandate_document.name", is("a.pdf"));
    }
}
