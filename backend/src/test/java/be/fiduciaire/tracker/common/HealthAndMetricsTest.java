package be.fiduciaire.tracker.common;

import static be.fiduciaire.tracker.support.Api.adminToken;
import static be.fiduciaire.tracker.support.Api.asAdmin;
import static be.fiduciaire.tracker.support.Api.sessionFor;
import static be.fiduciaire.tracker.support.Api.tokenWithScopes;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.client.BelgianIdentifiers;
import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Operations: readiness includes the database; /q/metrics answers only an admin (problem+json otherwise) and
 * carries HTTP, email-queue and refresh-run metrics.
 */
@QuarkusTest
class HealthAndMetricsTest {
    @Inject
    Fixtures fixtures;

    @Test
    void readinessIsOpenAndIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void metricsAnswerOnlyAnAdmin() {
        given().get("/q/metrics").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("status", is(401)).body("errors[0].field", is("authentication"));
        given().header("Authorization", "Bearer not-a-token").get("/q/metrics").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("authentication"));
        given().cookie("peppol_session", sessionFor("STAFF")).get("/q/metrics").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("status", is(403)).body("errors[0].field", is("role"));
        given().header("Authorization", "Bearer " + tokenWithScopes("read", "write")).get("/q/metrics").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", "Bearer " + tokenWithScopes("read")).get("/q/metrics/prometheus").then().statusCode(403);

        given().cookie("peppol_session", sessionFor("ADMIN")).get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
        given().header("Authorization", "Bearer " + adminToken()).get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"));
    }

    @Test
    void emailQueueGaugesFollowTheDatabase() {
        UUID client = insertClient(null);
        String send = fixtures.text("""
                insert into email_send (template_key, template_name, variants, status, selection, total)
                values ('metrics_test', 'Metrics test', '{}'::jsonb, 'SENDING', '{}'::jsonb, 2) returning id as v""");
        // parked: due only in a year, so no worker takes it during the test
        fixtures.exec("insert into email_message (send_id, client_id, email, status, next_attempt_at) values (?::uuid, ?, 'a@metrics.test', 'PENDING', now() + interval '1 year')",
                send, client);
        UUID other = insertClient(null);
        fixtures.exec("insert into email_message (send_id, client_id, email, status, error) values (?::uuid, ?, 'b@metrics.test', 'FAILED', 'test')", send, other);
        try {
            for (String state : new String[] {"PENDING", "FAILED"}) {
                String gauge = state.equals("PENDING") ? "queued" : "failed";
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    long inDatabase = fixtures.count("select count(*) from email_message where status = ?", state);
                    assertTrue(inDatabase >= 1);
                    assertEquals(inDatabase, (long) metric("email_queue_messages", "state=\"" + gauge + "\""), gauge);
                });
            }
            assertTrue(metric("email_queue_messages", "state=\"sending\"") >= 0);
        } finally {
            fixtures.exec("delete from email_send where id = ?::uuid", send);
        }
    }

    @Test
    void refreshRunGaugesAndLookupsByOutcome() {
        // a QUEUED run whose owner (another, live instance) holds its lease: nobody here takes it
        String run = fixtures.text("""
                insert into peppol_refresh_run (kind, status, actor_name, total, owner, heartbeat_at, lease_until)
                values ('MANUAL', 'QUEUED', 'metrics test', 3, 'another-live-instance', now(), now() + interval '10 minutes') returning id as v""");
        for (int i = 0; i < 3; i++) fixtures.exec("insert into peppol_refresh_item (run_id, client_id) values (?::uuid, ?)", run, insertClient(null));
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                long open = fixtures.count("""
                        select count(*) from peppol_refresh_item i join peppol_refresh_run r on r.id = i.run_id
                         where r.status in ('QUEUED', 'RUNNING') and i.state in ('PENDING', 'CLAIMED')""");
                assertTrue(open >= 3);
                assertEquals(open, (long) metric("peppol_refresh_items_open", ""));
                assertTrue(metric("peppol_refresh_runs", "status=\"QUEUED\"") >= 1);
            });
        } finally {
            fixtures.exec("update peppol_refresh_run set status = 'FAILED', finished_at = now() where id = ?::uuid", run);
        }

        double before = metricOrZero("peppol_lookups_total", "outcome=\"NO_IDENTIFIER\"");
        UUID noIdentifier = insertClient(null);
        asAdmin().post("/api/clients/" + noIdentifier + "/peppol/refresh").then().statusCode(200).body("status", is("NO_IDENTIFIER"));
        assertEquals(before + 1, metric("peppol_lookups_total", "outcome=\"NO_IDENTIFIER\""), 0.0001);

        // a real look-up (the fake SML answers NXDOMAIN for this number): counted by outcome and timed
        double notRegistered = metricOrZero("peppol_lookups_total", "outcome=\"NOT_REGISTERED\"");
        double timed = metric("peppol_lookup_duration_seconds_count", "");
        UUID unknown = insertClient(BelgianIdentifiers.enterpriseNumber(ThreadLocalRandom.current().nextLong(1_000_000, 20_000_000)));
        asAdmin().post("/api/clients/" + unknown + "/peppol/refresh").then().statusCode(200).body("status", is("NOT_REGISTERED"));
        assertEquals(notRegistered + 1, metric("peppol_lookups_total", "outcome=\"NOT_REGISTERED\""), 0.0001);
        assertEquals(timed + 1, metric("peppol_lookup_duration_seconds_count", ""), 0.0001);
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s+(\\S+)");

    /** The value of a sample of the Prometheus text read through the protected endpoint, as an admin. */
    static double metric(String name, String label) {
        Double value = find(name, label);
        if (value == null) throw new AssertionError("no sample " + name + "{" + label + "} in /q/metrics");
        return value;
    }

    static double metricOrZero(String name, String label) {
        Double value = find(name, label);
        return value == null ? 0 : value;
    }

    private static Double find(String name, String label) {
        String text = given().header("Authorization", "Bearer " + adminToken()).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.find() || !m.group(1).equals(name)) continue;
            String labels = m.group(2) == null ? "" : m.group(2);
            if (label.isEmpty() || labels.contains(label)) return Double.parseDouble(m.group(3));
        }
        return null;
    }

    private UUID insertClient(String enterpriseNumber) {
        String ref = "metrics-" + UUID.randomUUID();
        Map<String, Object> columns = new HashMap<>(Map.of("status", "ARCHIVED"));
        columns.put("enterprise_number", enterpriseNumber);
        return fixtures.client(ref, "Client " + ref, columns, Map.of());
    }
}
