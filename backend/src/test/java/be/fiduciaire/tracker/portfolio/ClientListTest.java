package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ClientListTest {
    @Inject
    Fixtures fx;

    @Test
    void pagesAreStableAndCoverEveryMatchOnceEvenWithTiedSortValues() {
        String ref = Fixtures.unique("R");
        for (int i = 0; i < 7; i++) {
            fx.client(ref + "-" + i, "Same Name", Map.of("city", i % 2 == 0 ? "Namur" : "Liège"), Map.of());
        }
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> ids = asAdmin().queryParam("filter", "reference=like=" + ref + "*").queryParam("sort", "name")
                    .queryParam("page", page).queryParam("size", 3)
                    .get("/api/clients").then().statusCode(200)
                    .body("total", is(7)).body("page", is(page)).body("size", is(3))
                    .extract().path("items.id");
            seen.addAll(ids);
        }
        org.junit.jupiter.api.Assertions.assertEquals(7, seen.size());
        org.junit.jupiter.api.Assertions.assertEquals(7, seen.stream().distinct().count());
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(String::compareTo);
        org.junit.jupiter.api.Assertions.assertEquals(sorted, seen, "ties are broken by id");
    }

    @Test
    void sortsDescendingWithEmptyValuesLast() {
        String ref = Fixtures.unique("R");
        fx.client(ref + "-a", "Alpha", Map.of("city", "Arlon"), Map.of());
        fx.client(ref + "-b", "Bravo", Map.of(), Map.of());
        fx.client(ref + "-c", "charlie", Map.of("city", "Charleroi"), Map.of());
        asAdmin().queryParam("filter", "reference=like=" + ref + "*").queryParam("sort", "-address.city")
                .get("/api/clients").then().statusCode(200)
                .body("items.name", contains("charlie", "Alpha", "Bravo"));
        asAdmin().queryParam("filter", "reference=like=" + ref + "*").queryParam("sort", "address.city")
                .get("/api/clients").then().statusCode(200)
                .body("items.name", contains("Alpha", "charlie", "Bravo"));
        asAdmin().queryParam("filter", "reference=like=" + ref + "*").queryParam("sort", "-name")
                .get("/api/clients").then().statusCode(200)
                .body("items.name", contains("charlie", "Bravo", "Alpha"));
    }

    @Test
    void filtersOnStandardFieldsAndShowsTheClientJson() {
        String ref = Fixtures.unique("R");
        fx.client(ref + "-1", "Has KBO", Map.of("enterprise_number", "0123456749", "vat_liable", true, "language", "nl"), Map.of());
        fx.client(ref + "-2", "No KBO", Map.of("vat_liable", false), Map.of());
        asAdmin().queryParam("filter", "reference=like=" + ref + "*;enterpriseNumber=empty=false;vatLiable==true")
                .get("/api/clients").then().statusCode(200)
                .body("total", is(1)).body("items[0].name", is("Has KBO"))
                .body("items[0].enterpriseNumber", is("0123456749")).body("items[0].language", is("nl"))
                .body("items[0].reference", is(ref + "-1")).body("items[0].version", is(0));
        asAdmin().queryParam("filter", "reference=like=" + ref + "*;enterpriseNumber=empty=true")
                .get("/api/clients").then().statusCode(200).body("items.name", contains("No KBO"));
    }

    @Test
    void theTotalIsExactUpToAThousandThenAnEstimateMarkedAsSuchAndExactOnDemand() {
        String ref = Fixtures.unique("R");
        fx.clients(ref, "Many ", 1200);
        String many = "reference=like=" + ref + "-*";
        asAdmin().queryParam("filter", many).queryParam("size", 10).get("/api/clients").then().statusCode(200)
                .body("totalExact", is(false)).body("total", greaterThan(ClientListService.EXACT_UP_TO)).body("items", hasSize(10));
        asAdmin().queryParam("filter", many).queryParam("size", 10).queryParam("count", "exact").get("/api/clients").then().statusCode(200)
                .body("totalExact", is(true)).body("total", is(1200));
        // the last page ends the list: its total is known without counting
        asAdmin().queryParam("filter", many).queryParam("size", 500).queryParam("page", 2).get("/api/clients").then().statusCode(200)
                .body("totalExact", is(true)).body("total", is(1200)).body("items", hasSize(200));
        // a thousand or fewer: counted exactly
        asAdmin().queryParam("filter", "reference=like=" + ref + "-1*").queryParam("size", 10).get("/api/clients").then().statusCode(200)
                .body("totalExact", is(true)).body("total", is(1 + 10 + 100 + 201));
        asAdmin().queryParam("count", "roughly").get("/api/clients").then().statusCode(400)
                .body("errors[0].field", is("count")).body("errors[0].code", is("type.enum"));
    }

    @Test
    void aFilterOfCustomFieldsAloneIsCountedLikeAnyOther() {
        // such a filter is counted on client_fields alone (every client has its row there): the same totals as the list
        String ref = Fixtures.unique("CF");
        String tag = fx.field(fx.category(true), "TEXT");
        for (int i = 0; i < 12; i++) {
            fx.client(ref + "-" + i, "Tagged " + i, i % 3 == 0 ? Map.of("status", "ARCHIVED") : Map.of(), i < 9 ? Map.of(tag, "t" + (i % 2)) : Map.of());
        }
        asAdmin().queryParam("filter", "cf." + tag + "==t0").get("/api/clients").then().statusCode(200)
                .body("totalExact", is(true)).body("total", is(5)).body("items", hasSize(5));
        asAdmin().queryParam("filter", "cf." + tag + "=in=(t0,t1);cf." + tag + "!=t1").queryParam("size", 2).queryParam("count", "exact")
                .get("/api/clients").then().statusCode(200).body("totalExact", is(true)).body("total", is(5)).body("items", hasSize(2));
        asAdmin().queryParam("filter", "cf." + tag + "==t0,cf." + tag + "==t1").queryParam("size", 2).get("/api/clients").then().statusCode(200)
                .body("totalExact", is(true)).body("total", is(9));
        // with a standard field too, both tables: the archived among them
        asAdmin().queryParam("filter", "cf." + tag + "=in=(t0,t1);status==ARCHIVED").queryParam("size", 2).get("/api/clients").then().statusCode(200)
                .body("totalExact", is(true)).body("total", is(3));
    }

    @Test
    void badPagingAndSortAreProblems() {
        asAdmin().queryParam("size", 501).get("/api/clients").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("size"));
        asAdmin().queryParam("sort", "nope").get("/api/clients").then().statusCode(400)
                .body("errors[0].field", is("sort")).body("errors[0].message", containsString("nope"));
    }

    @Test
    void readingTheListNeedsAuthentication() {
        io.restassured.RestAssured.given().get("/api/clients").then().statusCode(401);
    }
}
