package be.fiduciaire.tracker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import be.fiduciaire.tracker.client.BelgianIdentifiers;
import be.fiduciaire.tracker.client.DemoSeed;
import be.fiduciaire.tracker.peppol.PeppolTestPeers;
import be.fiduciaire.tracker.peppol.fake.FakeDns;
import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.TestCertificates;
import be.fiduciaire.tracker.peppol.lookup.ParticipantIds;
import be.fiduciaire.tracker.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * Two real instances: two JVMs of the packaged jar on two ports, sharing one fresh PostgreSQL database, with a fake
 * SML (DNS), a fake SMP and a real SMTP server (GreenMail behind a relay that slows every exchange a little, so both
 * instances get a share of a send) in this JVM. Checks that both start on the empty database (one first admin, one
 * demo seed), that the nightly run is created once though both fire it, that a session made on one works on the
 * other, that a refresh run and an email send started on one are finished by both without duplicates, that the
 * morning digest is queued once per user though both run its job, and that
 * killing one (SIGKILL) mid-run lets the other finish the run once the dead one's lease expired.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
    private static final String ZONE = PeppolTestPeers.ZONE;
    private static final String ADMIN_EMAIL = "admin@two-instances.test";
    private static final String ADMIN_PASSWORD = "two-instances-" + UUID.randomUUID();
    private static final String MAIL_DOMAIN = "mail.two-instances.test";

    private static String database;
    private static String serverUrl;
    private static String user;
    private static String password;
    private static FakeDns dns;
    private static FakeSmp smp;
    private static GreenMail smtp;
    private static SlowRelay relay;
    private static Instance a;
    private static Instance b;
    private static String adminToken;

    /** One backend process (the packaged jar, started by {@link PackagedApp}) and its admin API. */
    record Instance(PackagedApp app) {
        String baseUri() {
            return app.baseUrl();
        }

        RequestSpecification api() {
            return given().baseUri(baseUri()).header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON);
        }

        String output() {
            return app.log();
        }
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String url = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        serverUrl = url.substring(0, url.lastIndexOf('/') + 1);
        user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        database = "peppol_two_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, password)) {
            c.createStatement().execute("create database " + database);
        }

        dns = new FakeDns(ZONE);
        // every SMP answer takes 30 ms: a run of a few hundred clients lasts long enough for both instances to share it
        smp = new FakeSmp(30, 5_000, 32, false);
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        relay = new SlowRelay(smtp.getSmtp().getPort(), 15);

        CompletableFuture<Instance> first = CompletableFuture.supplyAsync(() -> start("a"));
        CompletableFuture<Instance> second = CompletableFuture.supplyAsync(() -> start("b"));
        a = first.join();
        b = second.join();

        String session = login(a);
        // a same-origin request, as the SPA makes it (cookie-authenticated writes may require one)
        adminToken = given().baseUri(a.baseUri()).cookie("peppol_session", session).header("Origin", a.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("name", "two-instances", "scopes", List.of("admin")))
                .post("/api/api-tokens").then().statusCode(201).extract().path("token");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance i : new Instance[] {a, b}) {
            if (i != null) i.app().close();
        }
        if (relay != null) relay.close();
        if (smtp != null) smtp.stop();
        if (smp != null) smp.close();
        if (dns != null) dns.close();
        if (database != null) {
            try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, password)) {
                c.createStatement().execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static Instance start(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", serverUrl + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "12");
        env.put("APP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("APP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("APP_DEMO_SEED", "true");
        env.put("PEPPOL_DNS_SERVER", "127.0.0.1:" + dns.port());
        env.put("PEPPOL_SML_ZONE", ZONE);
        env.put("PEPPOL_SMP_TRUSTSTORE", TestCertificates.pemFile("two-smp-ca", TestCertificates.SMP_CA.certificate()).toString());
        env.put("PEPPOL_AP_TRUSTSTORE", TestCertificates.pemFile("two-ap-ca", TestCertificates.AP_CA.certificate()).toString());
        // the nightly trigger every 2 s: both instances fire it many times during the test
        env.put("PEPPOL_REFRESH_CRON", "0/2 * * * * ?");
        // both fire the digest job at the same second, every 2 s
        env.put("APP_DIGEST_CRON", "1/2 * * * * ?");
        env.put("PEPPOL_REFRESH_CONCURRENCY", "4");
        env.put("PEPPOL_REFRESH_PER_HOST", "4");
        // a short lease and frequent look-ups for runs to take over or help with
        env.put("PEPPOL_REFRESH_LEASE", "PT5S");
        env.put("PEPPOL_REFRESH_RESUME_EVERY", "1s");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(relay.port()));
        env.put("QUARKUS_MAILER_MAX_POOL_SIZE", "2");
        env.put("QUARKUS_MAILER_FROM", "cabinet@two-instances.test");
        try {
            // small email batches, so that both instances take part in one send
            return new Instance(PackagedApp.start(name, env, List.of("-XX:TieredStopAtLevel=1", "-Dapp.email.batch-size=5"), Duration.ofSeconds(240)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String login(Instance i) {
        return given().baseUri(i.baseUri()).contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().cookie("peppol_session");
    }

    @Test
    @Order(1)
    void bothStartOnOneEmptyDatabaseWithOneFirstAdminAndOneDemoSeed() {
        assertEquals(1L, number("select count(*) from app_user"));
        assertEquals((long) DemoSeed.COUNT, number("select count(*) from client"));
        for (Instance i : List.of(a, b)) given().baseUri(i.baseUri()).get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    private static final Pattern NIGHTLY = Pattern.compile("Nightly Peppol refresh (?:\\S+ )?of (\\d{4}-\\d{2}-\\d{2}) \\(trigger (\\S+)\\)");

    /** The trigger times an instance's log shows it acted on (created the run or found it created). */
    private static Set<String> nightlyTriggers(Instance i) {
        Set<String> slots = new HashSet<>();
        Matcher m = NIGHTLY.matcher(i.output());
        while (m.find()) slots.add(m.group(2));
        return slots;
    }

    @Test
    @Order(2)
    void nightlyRunIsCreatedOnceThoughBothInstancesFireIt() {
        // both fire every 2 s: wait for one trigger time that both instances handled
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Set<String> common = nightlyTriggers(a);
            common.retainAll(nightlyTriggers(b));
            return common.size() >= 2;
        });
        List<String> perDate = strings("select run_date || ':' || count(*) from peppol_refresh_run where kind = 'NIGHTLY' group by run_date");
        assertFalse(perDate.isEmpty(), "a nightly run was created");
        for (String d : perDate) assertTrue(d.endsWith(":1"), "one nightly run per Brussels date: " + perDate);
        long created = count(a.output(), "Nightly Peppol refresh [0-9a-f-]{36} of ") + count(b.output(), "Nightly Peppol refresh [0-9a-f-]{36} of ");
        assertEquals((long) perDate.size(), created, "each nightly run was started by exactly one instance");
        assertTrue(a.output().contains("already started") && b.output().contains("already started"), "both fired the trigger again");
    }

    @Test
    @Order(3)
    void sessionMadeOnOneWorksOnTheOther() {
        String session = login(a);
        given().baseUri(b.baseUri()).cookie("peppol_session", session).get("/api/auth/me").then().statusCode(200)
                .body("email", is(ADMIN_EMAIL));
        given().baseUri(b.baseUri()).cookie("peppol_session", session).header("Origin", b.baseUri()).contentType(ContentType.JSON)
                .post("/api/auth/logout").then().statusCode(204);
        given().baseUri(a.baseUri()).cookie("peppol_session", session).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    @Order(4)
    void refreshRunStartedOnOneIsFinishedByBothWithoutDuplicates() {
        List<UUID> clients = registeredClients(240, "ARCHIVED");
        String id = a.api().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");
        JsonPath run = awaitRun(b, id, "DONE", 150);
        assertEquals(clients.size(), run.getInt("total"));
        assertEquals(clients.size(), run.getInt("done"));
        assertEquals(clients.size(), run.getInt("registered"));
        assertEquals(0L, number("select count(*) from peppol_refresh_item where run_id = ?::uuid and state <> 'DONE'", id));
        assertEquals(2L, number("select count(distinct claimed_by) from peppol_refresh_item where run_id = ?::uuid", id),
                "both instances looked clients up");
        assertOneStatusEntryEach(clients);
    }

    @Test
    @Order(5)
    void emailSendStartedOnOneIsDeliveredByBothOnce() throws Exception {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 80; i++) clients.add(insertClient(null, "ACTIVE", "client" + i + "-" + UUID.randomUUID() + "@" + MAIL_DOMAIN));
        String template = a.api().get("/api/email-templates").then().statusCode(200).extract().jsonPath()
                .getString("find { it.key == 'peppol_info' }.id");
        String send = a.api().body(Map.of("templateId", template, "selection", Map.of("ids", clients))).post("/api/email-sends")
                .then().statusCode(202).extract().path("id");
        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "DONE".equals(b.api().get("/api/email-sends/" + send).then().statusCode(200).extract().path("status")));
        } catch (RuntimeException e) {
            throw new AssertionError("send not DONE: " + strings("""
                    select status || ' ' || attempts || ' ' || coalesce(left(error, 200), '') || ': ' || count(*)
                      from email_message where send_id = ?::uuid group by 1""", send), e);
        }
        b.api().get("/api/email-sends/" + send).then().body("sent", is(clients.size())).body("failed", is(0)).body("uncertain", is(0));

        MimeMessage[] received = smtp.getReceivedMessagesForDomain(MAIL_DOMAIN);
        Map<String, Integer> perRecipient = new HashMap<>();
        for (MimeMessage m : received)
            for (Address to : m.getAllRecipients()) perRecipient.merge(to.toString(), 1, Integer::sum);
        assertEquals(clients.size(), received.length, "one message per client");
        assertEquals(clients.size(), perRecipient.size());
        assertTrue(perRecipient.values().stream().allMatch(n -> n == 1), "nobody got two: " + perRecipient);
        assertEquals(2L, number("select count(distinct claimed_by) from email_message where send_id = ?::uuid", send),
                "both instances delivered part of the send");
    }

    @Test
    @Order(6)
    void theMorningDigestIsQueuedOncePerUserThoughBothInstancesRunTheJob() {
        String domain = "digest.two-instances.test";
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = strings("insert into app_user (email, name, role, password_hash, language, peppol_digest) "
                    + "values (?, ?, 'STAFF', 'no-sign-in', 'fr', false) returning id", "staff" + i + "-" + UUID.randomUUID() + "@" + domain, "Staff " + i).get(0);
            users.add(id);
            UUID client = insertClient(null, "ACTIVE", null);
            strings("update client set responsible_user_id = ?::uuid where id = ?::uuid returning id", id, client.toString());
            strings("insert into peppol_change (client_id, kind, from_value, to_value, at) values (?::uuid, 'REGISTERED', 'NOT_REGISTERED', 'Billit', "
                    + "now() - interval '1 hour') returning id", client.toString());
        }
        // all opt in at once, their changes already there (a job firing in between would find a quiet day)
        strings("update app_user set peppol_digest = true where id = any(?::uuid[]) returning id", (Object) users.toArray(String[]::new));
        long firedA = count(a.output(), "Peppol digest of "), firedB = count(b.output(), "Peppol digest of ");
        // the users' digests are sent, and each instance fired the job a few more times after that
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                smtp.getReceivedMessagesForDomain(domain).length >= users.size()
                        && count(a.output(), "Peppol digest of ") >= firedA + 3 && count(b.output(), "Peppol digest of ") >= firedB + 3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                number("select count(*) from email_message where user_id = any(?::uuid[]) and status <> 'SENT'", (Object) users.toArray(String[]::new)) == 0);
        assertEquals((long) users.size(), number("select count(*) from email_message where user_id = any(?::uuid[])", (Object) users.toArray(String[]::new)),
                "one digest message per user");
        assertEquals((long) users.size(), number("select count(*) from peppol_digest where user_id = any(?::uuid[]) and message_id is not null",
                (Object) users.toArray(String[]::new)));
        assertEquals(users.size(), smtp.getReceivedMessagesForDomain(domain).length, "one email per user");
    }

    @Test
    @Order(7)
    void killingOneMidRunLetsTheOtherFinishIt() throws Exception {
        List<UUID> clients = registeredClients(300, "ARCHIVED");
        String id = a.api().body(Map.of("selection", Map.of("ids", clients))).post("/api/peppol/refresh-runs").then().statusCode(202)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                number("select done from peppol_refresh_run where id = ?::uuid", id) >= 20);
        String owner = strings("select owner from peppol_refresh_run where id = ?::uuid", id).get(0);
        // SIGKILL: no shutdown hook, its claims and lease are left as they were
        assertEquals(137, a.app().kill(), "a SIGKILL ends the instance");
        long killedAt = number("select (extract(epoch from now()) * 1000)::bigint");
        assertTrue(number("select done from peppol_refresh_run where id = ?::uuid", id) < clients.size(), "the run was still going");

        JsonPath run = awaitRun(b, id, "DONE", 150);
        assertEquals(clients.size(), run.getInt("done"));
        assertEquals(clients.size(), run.getInt("registered"));
        assertEquals(0L, number("select count(*) from peppol_refresh_item where run_id = ?::uuid and state <> 'DONE'", id));
        assertTrue(number("select count(*) from peppol_refresh_item where run_id = ?::uuid and done_at > to_timestamp(? / 1000.0)", id, killedAt) > 0,
                "the surviving instance finished clients after the kill");
        assertNotEquals(owner, strings("select owner from peppol_refresh_run where id = ?::uuid", id).get(0), "the run changed hands");
        assertOneStatusEntryEach(clients);
    }

    // --- helpers

    private static JsonPath awaitRun(Instance i, String id, String status, int seconds) {
        try {
            await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(500)).until(() ->
                    status.equals(i.api().get("/api/peppol/refresh-runs/" + id).then().statusCode(200).extract().path("status")));
        } catch (RuntimeException e) {
            throw new AssertionError("run " + id + " not " + status + ": " + runDiagnosis(id), e);
        }
        JsonPath run = i.api().get("/api/peppol/refresh-runs/" + id).then().statusCode(200).extract().jsonPath();
        if (run.getInt("registered") != run.getInt("total")) throw new AssertionError("run " + id + ": " + run.prettify() + runDiagnosis(id));
        return run;
    }

    /** What the items of a run say: states, outcomes and errors, with counts. */
    private static String runDiagnosis(String id) {
        return strings("""
                select state || ' ' || coalesce(outcome, '-') || ' ' || coalesce(left(error, 200), '') || ': ' || count(*)
                  from peppol_refresh_item where run_id = ?::uuid group by state, outcome, left(error, 200)""", id)
                + " registrations: " + strings("""
                select x || ': ' || count(*) from (
                    select coalesce(p.last_check_outcome, '-') || ' ' || coalesce(left(p.last_check_error, 200), '') as x
                      from peppol_refresh_item i left join peppol_registration p on p.client_id = i.client_id
                     where i.run_id = ?::uuid) s group by x""", id);
    }

    /** Every client's status was written once: one history entry each, none twice. */
    private static void assertOneStatusEntryEach(List<UUID> clients) {
        String[] ids = clients.stream().map(UUID::toString).toArray(String[]::new);
        assertEquals((long) clients.size(), number(
                "select count(*) from client_history where field = 'peppol.status' and client_id = any(?::uuid[])", (Object) ids));
        assertEquals(0L, number("""
                select count(*) from (select client_id from client_history where field = 'peppol.status' and client_id = any(?::uuid[])
                                       group by client_id having count(*) > 1) x""", (Object) ids));
    }

    private static final X509Certificate ACCESS_POINT = TestCertificates.accessPoint("Shared Access Point", "PBE000777", "BE");

    /** Clients the fake SML and SMP know as registered for invoices. */
    private static List<UUID> registeredClients(int n, String status) {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a Belgian enterprise number starts with 0 or 1 (the look-up refuses others as NO_IDENTIFIER)
            String number = BelgianIdentifiers.enterpriseNumber(ThreadLocalRandom.current().nextLong(1_000_000, 20_000_000));
            dns.answer(ParticipantIds.smlDnsName(("0208:" + number).toLowerCase(), ZONE), smp.baseUrl());
            smp.participant("0208:" + number).endpoint(FakeSmp.INVOICE,
                    FakeSmp.Endpoint.active("https://ap.shared.example/as4", ACCESS_POINT));
            clients.add(insertClient(number, status, null));
        }
        return clients;
    }

    private static UUID insertClient(String enterpriseNumber, String status, String email) {
        String ref = "two-" + UUID.randomUUID();
        // with its fields row in the same statement: the client's foreign key to client_fields is checked at commit
        return UUID.fromString(strings("with c as (insert into client (reference, name, enterprise_number, status, email, language)"
                + " values (?, ?, ?, ?, ?, 'fr') returning id) insert into client_fields (client_id) select id from c returning client_id",
                ref, "Client " + ref, enterpriseNumber, status, email).get(0));
    }

    private static long count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long n = 0;
        while (m.find()) n++;
        return n;
    }

    private static long number(String sql, Object... args) {
        return Long.parseLong(strings(sql, args).get(0));
    }

    private static List<String> strings(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(serverUrl + database, user, password); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TCP relay in front of the SMTP server that waits a few milliseconds before passing on each chunk the client
     * sends: a message takes a handful of round trips, so one instance alone cannot drain a send before the other's
     * next poll.
     */
    static final class SlowRelay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final long delayMillis;

        SlowRelay(int target, long delayMillis) throws IOException {
            this.target = target;
            this.delayMillis = delayMillis;
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "slow-smtp-relay");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client, upstream, delayMillis);
                    pump(upstream, client, 0);
                } catch (IOException e) {
                    if (server.isClosed()) return;
                }
            }
        }

        private static void pump(Socket from, Socket to, long delay) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (delay > 0) Thread.sleep(delay);
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // a side closed: close both
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }, "slow-smtp-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
