package be.fiduciaire.tracker.user;

import static be.fiduciaire.tracker.support.Api.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.portfolio.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Settings › Utilisateurs through the API: create with a role, change the role, deactivate; never zero admins. */
@QuarkusTest
class UserAdminTest {

    @Inject
    Fixtures fx;
    @Inject
    UserService service;

    private record Created(String id, String email, String password) {}

    private static Created create(String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@test.local";
        String password = "password-" + UUID.randomUUID();
        String id = asAdmin().body(Map.of("email", email, "name", "Person " + role, "role", role, "password", password))
                .post("/api/users").then().statusCode(201).body("role", is(role)).body("active", is(true))
                .body("language", is("fr")).extract().path("id");
        return new Created(id, email, password);
    }

    @Test
    void anAdminCreatesAUserChangesItsRoleAndDeactivatesIt() {
        Created user = create("VIEWER");
        String session = sessionCookie(user.email(), user.password());
        withSession(session).get("/api/auth/me").then().statusCode(200).body("permissions", contains("read"));
        asAdmin().body(Map.of("role", "STAFF")).patch("/api/users/" + user.id()).then().statusCode(200).body("role", is("STAFF"));
        withSession(session).get("/api/auth/me").then().statusCode(200).body("permissions", hasItems("read", "write"));
        asAdmin().get("/api/users").then().statusCode(200).body("find { it.id == '" + user.id() + "' }.role", is("STAFF"));
        asAdmin().body(Map.of("active", false)).patch("/api/users/" + user.id()).then().statusCode(200).body("active", is(false));
        // a deactivated user is signed out and cannot sign in again
        withSession(session).get("/api/auth/me").then().statusCode(401);
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password())).post("/api/auth/login").then().statusCode(401);
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivatedEvenWhenTwoAdminsDemoteEachOtherAtOnce() throws Exception {
        Created a = create("ADMIN");
        Created b = create("ADMIN");
        String sessionA = sessionCookie(a.email(), a.password());
        String sessionB = sessionCookie(b.email(), b.password());
        // for this test only A and B are active admins (the others, the test admin among them, are STAFF meanwhile)
        String others = fx.text("select coalesce(string_agg(id::text, ','), '') as v from app_user where role = 'ADMIN' and active"
                + " and id <> ?::uuid and id <> ?::uuid", a.id(), b.id());
        List<String> demoted = others.isEmpty() ? List.of() : List.of(others.split(","));
        for (String id : demoted) fx.exec("update app_user set role = 'STAFF' where id = ?::uuid", id);
        try {
            // A and B demote each other at the same moment: one wins, and the other is refused (its turn comes
            // after the first committed: it is then the last admin, or no admin any more)
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (String[] pair : List.of(new String[] {sessionA, b.id()}, new String[] {sessionB, a.id()})) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try { start.await(); } catch (InterruptedException e) { throw new IllegalStateException(e); }
                    return withSession(pair[0]).body(Map.of("role", "STAFF")).patch("/api/users/" + pair[1]).then().extract().statusCode();
                }, pool));
            }
            start.countDown();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).sorted().toList();
            pool.shutdown();
            assertEquals(200, statuses.get(0), "one demotion goes through: " + statuses);
            assertTrue(statuses.get(1) == 409 || statuses.get(1) == 403, "the other is refused: " + statuses);
            assertEquals(1, fx.count("select count(*) from app_user where role = 'ADMIN' and active and (id = ?::uuid or id = ?::uuid)",
                    a.id(), b.id()));

            String last = fx.text("select id::text as v from app_user where role = 'ADMIN' and active and (id = ?::uuid or id = ?::uuid)",
                    a.id(), b.id());
            String other = last.equals(a.id()) ? b.id() : a.id();
            // a change still in flight from the other (demoted) admin: refused with the code the SPA translates
            for (UserDtos.UpdateUser change : List.of(new UserDtos.UpdateUser(null, Role.VIEWER, null, null, null, null),
                                                      new UserDtos.UpdateUser(null, null, null, null, false, null))) {
                ProblemException refused = assertThrows(ProblemException.class,
                        () -> service.update(UUID.fromString(last), change, null, UUID.fromString(other)));
                assertEquals(409, refused.status());
                assertEquals("user.last_admin", refused.errors().get(0).code());
                assertEquals(change.role() != null ? "role" : "active", refused.errors().get(0).field());
            }
            // and by themself: the self-demotion rule answers first
            String lastSession = last.equals(a.id()) ? sessionA : sessionB;
            withSession(lastSession).body(Map.of("active", false)).patch("/api/users/" + last).then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].code", is("user.self_demotion"));
            // another admin again: the former last one may now be demoted
            withSession(lastSession).body(Map.of("role", "ADMIN")).patch("/api/users/" + other).then().statusCode(200);
            assertEquals(Role.STAFF, service.update(UUID.fromString(last), new UserDtos.UpdateUser(null, Role.STAFF, null, null, null, null),
                    null, UUID.fromString(other)).role());
        } finally {
            for (String id : demoted) fx.exec("update app_user set role = 'ADMIN' where id = ?::uuid", id);
        }
    }

    @Test
    void everyReaderSeesTheUserDirectoryButOnlyAdminsTheUsers() {
        Created viewer = create("VIEWER");
        String session = sessionCookie(viewer.email(), viewer.password());
        withSession(session).get("/api/users").then().statusCode(403);
        withSession(session).get("/api/users/directory").then().statusCode(200)
                .body("find { it.id == '" + viewer.id() + "' }.name", is("Person VIEWER"))
                .body("find { it.id == '" + viewer.id() + "' }.active", is(true))
                .body("find { it.id == '" + viewer.id() + "' }.email", nullValue())
                .body("find { it.id == '" + viewer.id() + "' }.keySet()", containsInAnyOrder("id", "name", "active"));
        io.restassured.RestAssured.given().get("/api/users/directory").then().statusCode(401);
    }
}
