package be.fiduciaire.tracker.user;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;


import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Sign-in throttling per client address and per account with a growing delay (user.LoginThrottle). The test client is a
 * trusted proxy in the test profile, so X-Forwarded-For names the address each attempt comes from. Test profile:
 * 5 free failures per account from one address, 20 per address, 12 per account; first delay 10 min, window 1 h.
 */
@QuarkusTest
class LoginThrottleTest {
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 20));
    private static final long FIRST_DELAY_S = 600;

    @Inject
    Fixtures fixtures;

    /** An address no other test uses (10.0.0.0/8, counted up from a random start). */
    static String newAddress() {
        int n = NEXT.getAndIncrement();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static ValidatableResponse signIn(String address, String email, String password) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login").then();
    }

    private static String newUser(String password) {
        String email = "throttled-" + UUID.randomUUID() + "@test.local";
        asAdmin().body(Map.of("email", email, "name", "Owner", "role", "STAFF", "password", password)).post("/api/users")
                .then().statusCode(201);
        return email;
    }

    private static long retryAfter(ValidatableResponse response) {
        return Long.parseLong(response.statusCode(429).contentType("application/problem+json")
                .body("errors[0].field", is("email")).extract().header("Retry-After"));
    }

    @Test
    void sprayingOnePasswordOverManyAccountsIsThrottledByAddress() {
        String sprayer = newAddress();
        for (int i = 0; i < 20; i++) {
            signIn(sprayer, "sprayed-" + UUID.randomUUID() + "@test.local", "Winter2026!").statusCode(401);
        }
        long wait = retryAfter(signIn(sprayer, "sprayed-" + UUID.randomUUID() + "@test.local", "Winter2026!"));
        assertTrue(wait > 0 && wait <= FIRST_DELAY_S, "Retry-After " + wait);
        // from that address even a right password waits (no oracle for the sprayer), from another it signs in
        String email = newUser("right-password-1");
        retryAfter(signIn(sprayer, email, "right-password-1"));
        signIn(newAddress(), email, "right-password-1").statusCode(200);
    }

    @Test
    void anAttackersFailuresDelayTheOwnerNoMoreThanTheGrowingDelay() throws Exception {
        String email = newUser("owner-password-1");
        String attacker = newAddress();
        List<String> attackers = new ArrayList<>(List.of(attacker));
        for (int i = 0; i < 5; i++) signIn(attacker, email, "guess-" + i).statusCode(401);
        long wait = retryAfter(signIn(attacker, email, "guess-5"));
        assertTrue(wait > 0 && wait <= FIRST_DELAY_S, "Retry-After " + wait);
        // not a lock-out: the owner, from her own address, signs in at once
        String owner = newAddress();
        signIn(owner, email, "owner-password-1").statusCode(200);

        // a guess spread over many addresses: past the account's free failures the owner waits too, but only the delay
        for (int i = 0; i < 7; i++) {
            String address = newAddress();
            attackers.add(address);
            signIn(address, email, "spread-guess-" + i).statusCode(401);
        }
        long ownerWait = retryAfter(signIn(owner, email, "owner-password-1"));
        assertTrue(ownerWait > 0 && ownerWait <= FIRST_DELAY_S, "Retry-After " + ownerWait);
        // once that delay has passed (the failures made 11 minutes older; they still count, within the hour)
        age(attackers, "11 minutes");
        signIn(owner, email, "owner-password-1").statusCode(200);
        // the delay grows with each further failure: the attacker's next one doubles it
        signIn(attacker, email, "guess-6").statusCode(401);
        long doubled = retryAfter(signIn(attacker, email, "guess-7"));
        assertTrue(doubled > FIRST_DELAY_S && doubled <= 2 * FIRST_DELAY_S, "Retry-After " + doubled);
    }

    @Test
    void parallelGuessesCannotAllPassTheCount() throws Exception {
        String email = newUser("parallel-password-1");
        String address = newAddress();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String guess = "parallel-guess-" + i;
                answers.add(pool.submit(() -> signIn(address, email, guess).extract().statusCode()));
            }
            int wrong = 0;
            for (var answer : answers) {
                int status = answer.get();
                assertTrue(status == 401 || status == 429, "status " + status);
                if (status == 401) wrong++;
            }
            // one attempt at a time per account: no more password checks than the free failures
            assertTrue(wrong >= 1 && wrong <= 5, wrong + " wrong passwords checked");
            assertEquals(wrong, failuresFrom(address));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresOlderThanTheWindowArePurgedAndForgotten() throws Exception {
        String email = newUser("purged-password-1");
        String address = newAddress();
        for (int i = 0; i < 5; i++) signIn(address, email, "wrong-" + i).statusCode(401);
        retryAfter(signIn(address, email, "wrong-5"));
        assertEquals(5, failuresFrom(address));
        age(List.of(address), "61 minutes");
        // any sign-in purges what is older than the window (here another user's, elsewhere)
        String other = newUser("other-password-1");
        signIn(newAddress(), other, "other-password-1").statusCode(200);
        assertEquals(0, failuresFrom(address));
        // forgotten: the next wrong password is a plain 401 again
        signIn(address, email, "wrong-6").statusCode(401);
        assertEquals(1, failuresFrom(address));
    }

    @Test
    void aFailedSignInLogsTheAddressButNeitherTheEmailNorThePassword() {
        String email = "logged-" + UUID.randomUUID() + "@test.local";
        String password = "typed-" + UUID.randomUUID();
        String address = newAddress();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            signIn(address, email, password).statusCode(401);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.stream().anyMatch(l -> l != null && l.contains("Failed sign-in from " + address)), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l != null && (l.contains(email) || l.contains(password))), lines.toString());
    }

    @Test
    void theAddressKeyOfIpv6IsItsNetworkAndNothingIsResolved() {
        assertEquals("2001:db8:1:2::/64", LoginThrottle.addressKey("2001:db8:1:2:aaaa::1"));
        assertEquals("2001:db8:1:2::/64", LoginThrottle.addressKey("[2001:db8:1:2:bbbb::2]"));
        assertEquals("192.0.2.7", LoginThrottle.addressKey("::ffff:192.0.2.7"));
        assertEquals("192.0.2.7", LoginThrottle.addressKey("192.0.2.7"));
        assertEquals("unknown", LoginThrottle.addressKey(null));
        assertEquals(64, LoginThrottle.addressKey("x".repeat(1000)).length());
    }

    private void age(List<String> addresses, String interval) {
        fixtures.exec("update login_failure set failed_at = failed_at - ?::interval where address = any(?)", interval, addresses.toArray(new String[0]));
    }

    private long failuresFrom(String address) {
        return fixtures.count("select count(*) from login_failure where address = ?", address);
    }
}
