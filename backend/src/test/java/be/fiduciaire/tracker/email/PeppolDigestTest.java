package be.fiduciaire.tracker.email;

import static be.fiduciaire.tracker.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/**
 * The morning digest: queued by calling the job (its cron is off in tests), delivered by the real workers to the
 * GreenMail SMTP server. Each test gives its users an email domain of its own and reads what arrived there.
 */
@QuarkusTest
@QuarkusTestResource(SmtpServer.class)
class PeppolDigestTest {
    @Inject
    Fixtures fx;
    @Inject
    PeppolDigests digests;

    private record User(UUID id, String email, String session) {}

    /** A staff member signed in with a session; {@code digest}: opted in through their own profile. */
    private User user(String name, String language, String domain, boolean digest) {
        String email = Fixtures.unique("u").toLowerCase() + "@" + domain;
        String password = "password-" + UUID.randomUUID();
        String id = asAdmin().body(Map.of("email", email, "name", name, "role", "STAFF", "password", password, "language", language))
                .post("/api/users").then().statusCode(201).body("peppolDigest", is(false)).extract().path("id");
        String session = sessionCookie(email, password);
        if (digest) {
            withSession(session).body(Map.of("peppolDigest", true)).patch("/api/auth/me").then().statusCode(200).body("peppolDigest", is(true));
        }
        return new User(UUID.fromString(id), email, session);
    }

    private UUID client(String name, User responsible) {
        return fx.client(Fixtures.unique("DG"), name, responsible == null ? Map.of() : Map.of("responsible_user_id", responsible.id()), Map.of());
    }

    private void change(UUID client, String kind, String from, String to, String at) {
        fx.exec("insert into peppol_change (client_id, kind, from_value, to_value, at) values (?, ?, ?, ?, ?::timestamptz)", client, kind, from, to, at);
    }

    private void change(UUID client, String kind, String from, String to) {
        change(client, kind, from, to, OffsetDateTime.now().minusHours(2).toString());
    }

    /**
     * Five minutes later, or the day's last second when that is sooner: run 5 minutes before midnight in Brussels, the
     * "same day" run fell on the next day and claimed the digest the next morning's run expects to make.
     */
    private static OffsetDateTime laterTheSameDay(OffsetDateTime now) {
        OffsetDateTime dayEnd = now.atZoneSameInstant(Brussels.ZONE).toLocalDate().plusDays(1).atStartOfDay(Brussels.ZONE).toOffsetDateTime().minusSeconds(1);
        OffsetDateTime later = now.plusMinutes(5);
        return later.isAfter(dayEnd) ? dayEnd : later;
    }

    private static List<MimeMessage> arrived(String domain, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> SmtpServer.receivedAt(domain).size() >= expected);
        return SmtpServer.receivedAt(domain);
    }

    private static String to(MimeMessage m) throws Exception {
        return m.getAllRecipients()[0].toString();
    }

    private static String text(MimeMessage m) throws Exception {
        return m.getContent().toString().replace("\r\n", "\n");
    }

    private long messagesTo(User u) {
        return fx.count("select count(*) from email_message where user_id = ?", u.id());
    }

    /** Waits for the outbox to have delivered everything queued to these users (nothing left to arrive later). */
    private void deliveredAll(User... users) {
        for (User u : users) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fx.count("select count(*) from email_message where user_id = ? and status <> 'SENT'", u.id()) == 0);
        }
    }

    @Test
    void oneDigestPerUserPerDayEvenWhenTheJobRunsTwiceAtOnceAndAgain() throws Exception {
        String domain = Fixtures.unique("dg").toLowerCase() + ".test";
        User marie = user("Marie Dupont", "fr", domain, true);
        User other = user("Jan Peeters", "fr", domain, true);
        UUID alpha = client("Alpha SRL", marie);
        UUID beta = client("Beta SA", marie);
        UUID gamma = client("Gamma BV", other);
        UUID nobody = client("Delta SC", null);
        change(alpha, "REGISTERED", "NOT_REGISTERED", "Billit");
        change(beta, "SWITCHED_ACCESS_POINT", "Billit", "Odoo");
        change(gamma, "DEREGISTERED", "Odoo", "NOT_REGISTERED");
        change(nobody, "REGISTERED", "NOT_REGISTERED", "Billit");
        change(alpha, "REGISTERED", "NOT_REGISTERED", "Too old", OffsetDateTime.now().minusHours(30).toString());

        // two instances fire the trigger at the same moment, then the job runs once more the same day
        OffsetDateTime now = OffsetDateTime.now();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) runs.add(pool.submit(() -> {
                start.await();
                return digests.run(now);
            }));
            for (Future<Integer> f : runs) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, digests.run(laterTheSameDay(now)), "the day's digests are queued: a second run the same day queues none");
        deliveredAll(marie, other);
        assertEquals(1, messagesTo(marie));
        assertEquals(1, messagesTo(other));
        List<MimeMessage> received = arrived(domain, 2);
        assertEquals(2, received.size(), "one email per user");
        assertEquals(1, fx.count("select count(*) from peppol_digest where user_id = ? and message_id is not null and changes = 2", marie.id()));

        MimeMessage mine = received.stream().filter(m -> {
            try {
                return to(m).equals(marie.email());
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        String date = now.atZoneSameInstant(Brussels.ZONE).toLocalDate().format(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(java.util.Locale.forLanguageTag("fr-BE")));
        assertEquals("Peppol\u202F: 2 changements chez vos clients (" + date + ")", mine.getSubject());
        String body = text(mine);
        assertTrue(body.startsWith("Bonjour Marie Dupont,\n"), body);
        assertTrue(body.contains("\nAlpha SRL (") && body.contains("  - inscrit sur Peppol chez Billit\n"), body);
        assertTrue(body.contains("  - a changé de point d'accès\u202F: Billit → Odoo\n"), body);
        assertTrue(body.contains("  https://tracker.fiduciaire.test/clients/" + alpha + "\n"), "a link to each client's card: " + body);
        assertTrue(body.indexOf("Alpha SRL") < body.indexOf("Beta SA"), "clients by name");
        assertFalse(body.contains("Gamma BV"), "another user's client is not in the digest");
        assertFalse(body.contains("Delta SC"), "a client without responsible is in nobody's digest");
        assertFalse(body.contains("Too old"), "the first digest covers the last 24 hours");

        // the next morning: only what changed since this digest
        change(alpha, "LOST_CREDIT_NOTES", "Billit", null, now.plusHours(3).toString());
        assertTrue(digests.run(now.plusDays(1)) >= 1);
        deliveredAll(marie, other);
        assertEquals(2, messagesTo(marie));
        assertEquals(1, messagesTo(other), "nothing changed for Jan since his digest: no email");
        String second = null;
        for (MimeMessage m : arrived(domain, 3)) if (to(m).equals(marie.email()) && m != mine) second = text(m);
        assertTrue(second.contains("  - ne reçoit plus de notes de crédit via Peppol (chez Billit)\n"), second);
        assertFalse(second.contains("inscrit sur Peppol"), "yesterday's changes are not told again: " + second);
    }

    @Test
    void aDutchUserGetsDutchAndAnEnglishUserEnglish() throws Exception {
        String domain = Fixtures.unique("nl").toLowerCase() + ".test";
        User jan = user("Jan Peeters", "nl", domain, true);
        User ann = user("Ann Smith", "en", domain, true);
        UUID client = client("Kaasmakerij Brugge", jan);
        change(client, "REGISTERED", "NOT_REGISTERED", "Billit");
        String expires = OffsetDateTime.now().plusDays(20).toInstant().toString();
        change(client, "CERTIFICATE_EXPIRING", "Billit", expires);
        change(client("Cheese Ltd", ann), "REGISTERED", "NOT_REGISTERED", "Odoo");
        digests.run(OffsetDateTime.now());
        deliveredAll(jan, ann);
        List<MimeMessage> received = arrived(domain, 2);
        MimeMessage dutch = null, english = null;
        for (MimeMessage m : received) {
            if (to(m).equals(jan.email())) dutch = m;
            if (to(m).equals(ann.email())) english = m;
        }
        assertTrue(dutch.getSubject().startsWith("Peppol: 2 wijzigingen bij uw klanten ("), dutch.getSubject());
        String body = text(dutch);
        assertTrue(body.startsWith("Hallo Jan Peeters,\n"), body);
        assertTrue(body.contains("  - geregistreerd op Peppol bij Billit\n"), body);
        String date = java.time.Instant.parse(expires).atZone(Brussels.ZONE).toLocalDate()
                .format(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(java.util.Locale.forLanguageTag("nl-BE")));
        assertTrue(body.contains("  - het certificaat van toegangspunt Billit verloopt op " + date + "\n"), body);
        assertTrue(english.getSubject().startsWith("Peppol: 1 change at your clients ("), english.getSubject());
        assertTrue(text(english).contains("  - registered on Peppol with Odoo\n"), text(english));
    }

    @Test
    void anOptedOutUserAndAUserWithoutChangesGetNone() {
        String domain = Fixtures.unique("no").toLowerCase() + ".test";
        User out = user("Opted Out", "fr", domain, false);
        User quiet = user("Quiet Days", "fr", domain, true);
        User inactive = user("Gone Away", "fr", domain, true);
        change(client("Out Client", out), "REGISTERED", "NOT_REGISTERED", "Billit");
        client("Quiet Client", quiet);
        change(client("Inactive Client", inactive), "REGISTERED", "NOT_REGISTERED", "Billit");
        asAdmin().body(Map.of("active", false)).patch("/api/users/" + inactive.id()).then().statusCode(200);

        OffsetDateTime now = OffsetDateTime.now();
        digests.run(now);
        assertEquals(0, messagesTo(out), "not opted in");
        assertEquals(0, fx.count("select count(*) from peppol_digest where user_id = ?", out.id()));
        assertEquals(0, messagesTo(inactive), "a deactivated user gets none");
        assertEquals(0, messagesTo(quiet), "no changes, no email");
        assertEquals(1, fx.count("select count(*) from peppol_digest where user_id = ? and message_id is null and changes = 0", quiet.id()),
                "the quiet day is recorded: not computed again, and the next digest starts from it");
        assertEquals(0, digests.run(now.plusMinutes(1)));

        // turning it off again stops it
        withSession(quiet.session()).body(Map.of("peppolDigest", false)).patch("/api/auth/me").then().statusCode(200).body("peppolDigest", is(false));
        change(client("Quiet Client 2", quiet), "REGISTERED", "NOT_REGISTERED", "Billit", now.plusHours(1).toString());
        digests.run(now.plusDays(1));
        assertEquals(0, messagesTo(quiet));
        assertEquals(0, SmtpServer.receivedAt(domain).size());
    }

    @Test
    void theOptInIsTheUsersOwnAndValidated() {
        User u = user("Self Service", "en", "self.test", false);
        withSession(u.session()).get("/api/auth/me").then().statusCode(200).body("peppolDigest", is(false));
        withSession(u.session()).body("{\"peppolDigest\": \"yes\"}").patch("/api/auth/me").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", is("peppolDigest")).body("errors[0].code", is("type.boolean"));
        withSession(u.session()).body("{\"peppolDigest\": 1}").patch("/api/auth/me").then().statusCode(422)
                .body("errors[0].field", is("peppolDigest")).body("errors[0].code", is("type.boolean"));
        withSession(u.session()).get("/api/auth/me").then().body("peppolDigest", is(false));
        withSession(u.session()).body(Map.of("peppolDigest", true)).patch("/api/auth/me").then().statusCode(200)
                .body("peppolDigest", is(true)).body("language", is("en"));
        withSession(u.session()).get("/api/auth/me").then().body("peppolDigest", is(true));
        // admins see it in the users list
        asAdmin().get("/api/users/" + u.id()).then().statusCode(200).body("peppolDigest", is(true));
        withSession(u.session()).body("{\"peppolDigest\": null, \"name\": \"Self Service 2\"}").patch("/api/auth/me").then().statusCode(200)
                .body("peppolDigest", is(true)).body("name", is("Self Service 2"));
    }
}
