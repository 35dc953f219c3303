package be.fiduciaire.tracker.email;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.support.PackagedApp;

/**
 * Email delivery across real processes: the packaged backend is started as its own JVM, killed with SIGKILL in the
 * middle of a send and started again; or run twice on one database. The SMTP server lives in this JVM and holds its
 * answer to the end of a message's DATA, so the kill lands while messages are in flight (they have reached the server,
 * their sender does not know it). Every wait is on observable state (the send's rows through the API, what the SMTP
 * server received) with generous deadlines: the machine may be loaded.
 * <p>
 * Runs after `package` (Failsafe), on a database of its own created on the test run's PostgreSQL.
 */
class EmailCrashRestartIT {
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration STATE = Duration.ofMinutes(3);
    private static final String ADMIN = "crash-admin@example.test";
    private static final String PASSWORD = "crash-admin-password-1";

    private static String serverUrl;
    private static String user;
    private static String password;
    private static String database;

    @BeforeAll
    static void createDatabase() throws Exception {
        String url = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        serverUrl = url.substring(0, url.lastIndexOf('/') + 1);
        user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        database = "email_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, password)) {
            c.createStatement().execute("create database " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, password)) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        }
    }

    /** The environment of every instance: this test's database and SMTP server, small batches, a short claim timeout. */
    private static Map<String, String> env(HoldingSmtpServer smtp, String hostName, Duration claimTimeout) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", serverUrl + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("APP_ADMIN_EMAIL", ADMIN);
        env.put("APP_ADMIN_PASSWORD", PASSWORD);
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.port()));
        env.put("QUARKUS_MAILER_FROM", "cabinet@fiduciaire.test");
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", hostName);
        // held answers must not turn into a timeout (and a retry) however long the machine takes to reach the kill
        env.put("QUARKUS_MAILER_TIMEOUT", "10m");
        // a claim older than this belongs to a dead worker
        env.put("APP_EMAIL_CLAIM_TIMEOUT", claimTimeout.toString());
        env.put("APP_EMAIL_POLL_INTERVAL", "1s");
        return env;
    }

    private static final List<String> BATCHES_OF_FOUR = List.of("-Dapp.email.batch-size=4");

    private record Clients(String prefix, String domain, List<String> ids) {
        String address(int i) { return "client" + i + "@" + domain; }
        String filter() { return "reference=like=" + prefix + "*"; }
    }

    private static Clients createClients(PackagedApp app, int n) {
        String prefix = "CR" + UUID.randomUUID().toString().substring(0, 8);
        String domain = prefix.toLowerCase() + ".test";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(app.as(ADMIN, PASSWORD).body(Map.of("reference", prefix + "-" + i, "name", "Client " + prefix + " " + i, "type", "COMPANY",
                    "language", "fr", "email", "client" + i + "@" + domain)).post("/api/clients").then().statusCode(201).extract().path("id"));
        }
        return new Clients(prefix, domain, ids);
    }

    private static String startSend(PackagedApp app, Clients clients) {
        String template = app.as(ADMIN, PASSWORD).get("/api/email-templates").then().statusCode(200).extract()
                .path("find { it.key == 'peppol_info' }.id");
        return app.as(ADMIN, PASSWORD).body(Map.of("templateId", template, "selection", Map.of("filter", clients.filter())))
                .post("/api/email-sends").then().statusCode(202).extract().path("id");
    }

    /** Status of each message of the send, by address. */
    private static Map<String, String> statuses(PackagedApp app, String sendId) {
        List<Map<String, Object>> items = app.as(ADMIN, PASSWORD).queryParam("size", 500).get("/api/email-sends/" + sendId + "/messages")
                .then().statusCode(200).extract().path("items");
        Map<String, String> byAddress = new HashMap<>();
        for (Map<String, Object> m : items) byAddress.put((String) m.get("email"), (String) m.get("status"));
        return byAddress;
    }

    private static Set<String> withStatus(Map<String, String> statuses, String status) {
        return statuses.entrySet().stream().filter(e -> e.getValue().equals(status)).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static void awaitDone(PackagedApp app, String sendId) {
        awaitOn(app, "the send to be DONE", Duration.ofMillis(500), () -> "DONE".equals(
                app.as(ADMIN, PASSWORD).get("/api/email-sends/" + sendId).then().statusCode(200).extract().path("status")));
    }

    /** Waits for a state of the system; on time-out the failure carries the end of the instance's log. */
    private static void awaitOn(PackagedApp app, String what, Duration poll, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(STATE).pollInterval(poll).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n--- log of " + app + " ---\n" + app.logTail(80), e);
        }
    }

    @Test
    void aBackendKilledMidSendAndRestartedSendsEachClientAtMostOnceAndDeliversEverythingNotInFlight() throws Exception {
        int n = 12;
        try (HoldingSmtpServer smtp = new HoldingSmtpServer(4)) {
            // short: the restarted instance marks the dead instance's claims UNCERTAIN soon after it starts
            Map<String, String> env = env(smtp, "instance-crash", Duration.ofSeconds(10));
            Clients clients;
            String sendId;
            Map<String, String> atKill;
            Map<String, Long> receivedAtKill = new HashMap<>();
            int exit;
            try (PackagedApp first = PackagedApp.start("first", env, BATCHES_OF_FOUR, START)) {
                clients = createClients(first, n);
                sendId = startSend(first, clients);
                // mid-send: some messages delivered and recorded, some in flight (reached the server, their answer held),
                // some not yet claimed
                AtomicReference<Map<String, String>> seen = new AtomicReference<>();
                awaitOn(first, "messages sent, in flight and not yet claimed", Duration.ofMillis(200), () -> {
                    Map<String, String> s = statuses(first, sendId);
                    seen.set(s);
                    int sending = withStatus(s, "SENDING").size();
                    return !withStatus(s, "SENT").isEmpty() && sending > 0 && !withStatus(s, "PENDING").isEmpty()
                            && smtp.held().size() == sending;
                });
                atKill = seen.get();
                for (int i = 0; i < n; i++) receivedAtKill.put(clients.address(i), smtp.receivedFor(clients.address(i)));
                exit = first.kill();
            }
            assertEquals(128 + 9, exit, "the backend died of SIGKILL");
            Set<String> inFlight = withStatus(atKill, "SENDING");
            Set<String> sentBefore = withStatus(atKill, "SENT");
            Set<String> notClaimed = withStatus(atKill, "PENDING");
            assertEquals(n, inFlight.size() + sentBefore.size() + notClaimed.size(), atKill.toString());
            for (String a : inFlight) assertEquals(1, receivedAtKill.get(a), a + " was in flight: it had reached the server");
            for (String a : notClaimed) assertEquals(0, receivedAtKill.get(a), a + " had not been sent");

            smtp.release(); // the server answers at once from now on
            try (PackagedApp second = PackagedApp.start("second", env, BATCHES_OF_FOUR, START)) {
                awaitDone(second, sendId);
                Map<String, String> after = statuses(second, sendId);
                for (int i = 0; i < n; i++) {
                    String a = clients.address(i);
                    assertTrue(smtp.receivedFor(a) <= 1, a + " received " + smtp.receivedFor(a) + " messages");
                }
                // in flight at the kill: UNCERTAIN for an admin, never sent again
                for (String a : inFlight) {
                    assertEquals("UNCERTAIN", after.get(a), a + ": " + after);
                    assertEquals(1, smtp.receivedFor(a), a + " was sent again after the restart");
                }
                // everything else is delivered, exactly once
                for (String a : sentBefore) {
                    assertEquals("SENT", after.get(a), a);
                    assertEquals(1, smtp.receivedFor(a), a);
                }
                for (String a : notClaimed) {
                    assertEquals("SENT", after.get(a), a + ": " + after);
                    assertEquals(1, smtp.receivedFor(a), a);
                }
                Map<String, Object> progress = second.as(ADMIN, PASSWORD).get("/api/email-sends/" + sendId).then().statusCode(200).extract().jsonPath().getMap("$");
                assertEquals(n - inFlight.size(), ((Number) progress.get("sent")).intValue(), progress.toString());
                assertEquals(inFlight.size(), ((Number) progress.get("uncertain")).intValue(), progress.toString());
                assertEquals(0, ((Number) progress.get("pending")).intValue(), progress.toString());
                String uncertain = inFlight.iterator().next();
                String error = second.as(ADMIN, PASSWORD).queryParam("status", "UNCERTAIN").get("/api/email-sends/" + sendId + "/messages")
                        .then().statusCode(200).extract().path("items.find { it.email == '" + uncertain + "' }.error");
                assertTrue(error.contains("may have been delivered"), error);
                Set<String> messageIds = new HashSet<>();
                for (HoldingSmtpServer.Received m : smtp.received()) {
                    if (m.recipients().get(0).endsWith("@" + clients.domain())) assertTrue(messageIds.add(m.messageId()), "Message-ID twice: " + m);
                }
                assertEquals(n, messageIds.size());
            }
        }
    }

    @Test
    void twoInstancesOnOneDatabaseShareASendWithoutDuplicates() throws Exception {
        int n = 20;
        // every answer is held until both instances have messages in flight: each must have claimed a part of the send
        // (a long claim timeout: nobody died here, no claim may be taken over while answers are held)
        try (HoldingSmtpServer smtp = new HoldingSmtpServer(0);
             PackagedApp a = PackagedApp.start("instance-a", env(smtp, "instance-a", Duration.ofMinutes(10)), List.of("-Dapp.email.batch-size=5"), START);
             PackagedApp b = PackagedApp.start("instance-b", env(smtp, "instance-b", Duration.ofMinutes(10)), List.of("-Dapp.email.batch-size=5"), START)) {
            Clients clients = createClients(a, n);
            String sendId = startSend(a, clients);
            awaitOn(b, "both instances to have messages in flight", Duration.ofMillis(200), () ->
                    smtp.held().stream().map(HoldingSmtpServer.Received::helo).collect(Collectors.toSet()).containsAll(Set.of("instance-a", "instance-b")));
            smtp.release();
            awaitDone(b, sendId);

            List<HoldingSmtpServer.Received> ours = smtp.received().stream()
                    .filter(m -> m.recipients().get(0).endsWith("@" + clients.domain())).toList();
            Set<String> recipients = new HashSet<>();
            for (HoldingSmtpServer.Received m : ours) assertTrue(recipients.add(m.recipients().get(0)), m.recipients().get(0) + " twice");
            assertEquals(n, ours.size(), "one message per client");
            Map<String, Long> byInstance = ours.stream().collect(Collectors.groupingBy(HoldingSmtpServer.Received::helo, Collectors.counting()));
            assertEquals(Set.of("instance-a", "instance-b"), byInstance.keySet(), byInstance.toString());
            assertEquals(n, ((Number) a.as(ADMIN, PASSWORD).get("/api/email-sends/" + sendId).then().extract().path("sent")).intValue());
            assertFalse(statuses(a, sendId).containsValue("UNCERTAIN"), "no claim of a live instance was taken over");
        }
    }
}
