package be.fiduciaire.tracker.view;

import static be.fiduciaire.tracker.support.Api.*;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ControlViewTest {

    @Test
    void theStandardSuiviPeppolViewIsSharedAndListsThePeppolColumns() {
        asAdmin().get("/api/views").then().statusCode(200)
                .body("find { it.name == 'Suivi PEPPOL' }.standard", is(true))
                .body("find { it.name == 'Suivi PEPPOL' }.shared", is(true))
                .body("find { it.name == 'Suivi PEPPOL' }.columns", contains("name", "enterpriseNumber", "vatNumber",
                        "cf.peppol_registered", "cf.peppol_software_receive", "cf.peppol_software_send", "cf.peppol_ready",
                        "cf.peppol_comments", "lastInfoEmailAt"));
        String staff = sessionFor("STAFF");
        withSession(staff).get("/api/views").then().statusCode(200).body("[0].name", is("Suivi PEPPOL"));
    }

    @Test
    void theStandardViewCannotBeDeleted() {
        String id = asAdmin().get("/api/views").then().extract().path("find { it.name == 'Suivi PEPPOL' }.id");
        asAdmin().delete("/api/views/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", is("id"));
        asAdmin().get("/api/views/" + id).then().statusCode(200);
    }

    @Test
    void createReadUpdateDeleteAView() {
        var created = asAdmin().body(Map.of("name", "Non assujettis", "filter", "vatLiable==false", "columns", List.of("name", "vatNumber", "lastInfoEmailAt"),
                        "sort", "-name", "shared", true))
                .post("/api/views").then().statusCode(201).header("Location", containsString("/api/views/"))
                .body("name", is("Non assujettis")).body("filter", is("vatLiable==false")).body("columns", contains("name", "vatNumber", "lastInfoEmailAt"))
                .body("sort", is("-name")).body("shared", is(true)).body("standard", is(false)).body("version", is(0)).extract();
        String id = created.path("id");
        asAdmin().get("/api/views/" + id).then().statusCode(200).body("name", is("Non assujettis"));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "Non assujettis (NL)", "filter", "vatLiable==false;language==nl"))
                .patch("/api/views/" + id).then().statusCode(200)
                .body("name", is("Non assujettis (NL)")).body("filter", is("vatLiable==false;language==nl")).body("sort", is("-name"))
                .body("version", is(1));
        asAdmin().header("If-Match", "\"0\"").body(Map.of("name", "stale")).patch("/api/views/" + id).then().statusCode(412);
        asAdmin().body(Map.of("name", "stale", "version", 0)).patch("/api/views/" + id).then().statusCode(409);
        asAdmin().delete("/api/views/" + id).then().statusCode(204);
        asAdmin().get("/api/views/" + id).then().statusCode(404);
    }

    @Test
    void aViewWithABadFilterColumnOrSortIsRefusedNamingTheField() {
        asAdmin().body(Map.of("name", "x", "filter", "nope==1")).post("/api/views").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", is("filter"))
                .body("errors[0].message", containsString("nope"));
        asAdmin().body(Map.of("name", "x", "columns", List.of("name", "cf.nope"))).post("/api/views").then().statusCode(422)
                .body("errors[0].field", is("columns[1]"));
        asAdmin().body(Map.of("name", "x", "sort", "bogus")).post("/api/views").then().statusCode(422).body("errors[0].field", is("sort"));
        asAdmin().body(Map.of("filter", "")).post("/api/views").then().statusCode(422).body("errors[0].field", is("name"));
    }

    @Test
    void personalViewsAreSeenAndChangedByTheirOwnerOnly() {
        String alice = sessionFor("STAFF");
        String bob = sessionFor("STAFF");
        String id = withSession(alice).body(Map.of("name", "Mine", "filter", "language==nl")).post("/api/views").then().statusCode(201)
                .body("shared", is(false)).extract().path("id");
        withSession(alice).get("/api/views").then().body("id", hasItem(id));
        withSession(bob).get("/api/views").then().body("id", not(hasItem(id)));
        withSession(bob).get("/api/views/" + id).then().statusCode(404);
        withSession(bob).body(Map.of("name", "Hijacked")).patch("/api/views/" + id).then().statusCode(404);
        String shared = withSession(alice).body(Map.of("name", "Ours", "shared", true)).post("/api/views").then().statusCode(201).extract().path("id");
        withSession(bob).get("/api/views/" + shared).then().statusCode(200);
        withSession(bob).body(Map.of("name", "Renamed")).patch("/api/views/" + shared).then().statusCode(403);
        asAdmin().body(Map.of("name", "Renamed by admin")).patch("/api/views/" + shared).then().statusCode(200);
        String viewer = sessionFor("VIEWER");
        withSession(viewer).body(Map.of("name", "No")).post("/api/views").then().statusCode(403);
        withSession(viewer).get("/api/views/" + shared).then().statusCode(200);
    }
}
