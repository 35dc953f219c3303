package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
class PeppolSummaryTest {
    @Inject
    Fixtures fx;

    @Test
    void summaryCountsByStatusAndAccessPointAndRebuildsTheDailySeriesFromHistory() {
        JsonPath before = asAdmin().get("/api/peppol/summary").then().statusCode(200).extract().jsonPath();
        String ref = Fixtures.unique("P");
        UUID a = fx.client(ref + "-a", "A", Map.of(), Map.of("peppol_software_receive", "odoo", "peppol_ready", true));
        UUID b = fx.client(ref + "-b", "B", Map.of(), Map.of("peppol_software_send", "odoo", "peppol_ready", false));
        fx.client(ref + "-c", "C", Map.of("status", "ARCHIVED"), Map.of());
        fx.registration(a, "REGISTERED", "Summary AP " + ref);
        fx.registration(b, "NOT_REGISTERED", null);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
        String threeDaysAgo = today.minusDays(3) + "T12:00:00+01:00";
        String yesterday = today.minusDays(1) + "T12:00:00+01:00";
        fx.peppolHistory(a, threeDaysAgo, null, "NOT_REGISTERED");
        fx.peppolHistory(b, threeDaysAgo, null, "NOT_REGISTERED");
        fx.peppolHistory(a, yesterday, "NOT_REGISTERED", "REGISTERED");

        JsonPath after = asAdmin().queryParam("days", 7).get("/api/peppol/summary").then().statusCode(200)
                .body("byAccessPoint.find { it.value == 'Summary AP " + ref + "' }.count", is(1))
                .body("daily", hasSize(7))
                .body("daily[6].date", is(today.toString()))
                .extract().jsonPath();
        assertEquals(before.getLong("total") + 2, after.getLong("total"), "archived clients are left out");
        assertEquals(count(before, "byStatus", "REGISTERED") + 1, count(after, "byStatus", "REGISTERED"));
        assertEquals(count(before, "byStatus", "NOT_REGISTERED") + 1, count(after, "byStatus", "NOT_REGISTERED"));
        assertEquals(count(before, "bySoftwareReceive", "odoo") + 1, count(after, "bySoftwareReceive", "odoo"));
        assertEquals(count(before, "bySoftwareSend", "odoo") + 1, count(after, "bySoftwareSend", "odoo"));
        assertEquals("Odoo", after.getString("bySoftwareReceive.find { it.value == 'odoo' }.label"));
        assertEquals(readiness(before, true) + 1, readiness(after, true));
        assertEquals(readiness(before, false) + 1, readiness(after, false));
        List<Map<String, Object>> daily = after.getList("daily");
        assertEquals(at(daily, 2, "NOT_REGISTERED") + 2, at(daily, 3, "NOT_REGISTERED"), "both became not registered three days ago");
        assertEquals(at(daily, 4, "REGISTERED") + 1, at(daily, 5, "REGISTERED"), "A became registered yesterday");
        assertEquals(at(daily, 4, "NOT_REGISTERED") - 1, at(daily, 5, "NOT_REGISTERED"), "and left not registered");
        asAdmin().queryParam("days", 0).get("/api/peppol/summary").then().statusCode(400).body("errors[0].field", is("days"));
    }

    private static long at(List<Map<String, Object>> daily, int day, String status) {
        return ((Number) ((Map<?, ?>) daily.get(day).get("counts")).get(status)).longValue();
    }

    private static long readiness(JsonPath json, boolean value) {
        Object found = json.get("byReadiness.find { it.value == " + value + " }.count");
        return found == null ? 0 : ((Number) found).longValue();
    }

    private static long count(JsonPath json, String list, String value) {
        Object found = json.get(list + ".find { it.value == '" + value + "' }.count");
        return found == null ? 0 : ((Number) found).longValue();
    }
}
