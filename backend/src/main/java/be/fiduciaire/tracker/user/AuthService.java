package be.fiduciaire.tracker.user;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import be.fiduciaire.tracker.common.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Sign-in with throttling of failed attempts, and the sessions behind the SPA's cookie. */
@ApplicationScoped
public class AuthService {

    @Inject
    UserRepository users;
    @Inject
    EntityManager em;

    @ConfigProperty(name = "app.session.ttl")
    Duration sessionTtl;
    @ConfigProperty(name = "app.login.max-failures")
    int maxFailures;
    @ConfigProperty(name = "app.login.failure-window")
    Duration failureWindow;

    public record Session(String secret, AppUser user, Duration ttl) {}

    /** Checks the credentials; a failure is recorded in its own transaction so it counts even though we refuse. */
    public Session login(String email, String password) {
        String normalised = email.trim().toLowerCase();
        if (recentFailures(normalised) >= maxFailures) {
            throw new ProblemException(429, "Too many attempts",
                    "Too many failed sign-ins for this address; try again in a few minutes",
                    List.of(new ProblemException.FieldError("email", "Too many failed sign-ins")));
        }
        Optional<AppUser> user = QuarkusTransaction.requiringNew().call(() -> users.findByEmail(normalised));
        // Verify a hash even for unknown users, so response time does not reveal which emails exist.
        String hash = user.map(u -> u.passwordHash).orElse(DUMMY_HASH);
        boolean ok = BcryptUtil.matches(password, hash) && user.isPresent() && user.get().active;
        if (!ok) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_failure (email) values (?1)")
                    .setParameter(1, normalised).executeUpdate());
            Log.infof("Failed sign-in for %s", normalised);
            throw new ProblemException(401, "Unauthorized", "Wrong email or password",
                    List.of(new ProblemException.FieldError("password", "Wrong email or password")));
        }
        String secret = Secrets.newSecret("s_");
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from login_failure where lower(email) = ?1").setParameter(1, normalised).executeUpdate();
            em.createNativeQuery("delete from user_session where expires_at < now()").executeUpdate();
            em.createNativeQuery("insert into user_session (token_hash, user_id, expires_at) values (?1, ?2, now() + make_interval(secs => ?3))")
                    .setParameter(1, Secrets.hash(secret))
                    .setParameter(2, user.get().id)
                    .setParameter(3, (double) sessionTtl.toSeconds())
                    .executeUpdate();
        });
        return new Session(secret, user.get(), sessionTtl);
    }

    private long recentFailures(String email) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from login_failure where lower(email) = ?1 and failed_at > now() - make_interval(secs => ?2)")
                .setParameter(1, email)
                .setParameter(2, (double) failureWindow.toSeconds())
                .getSingleResult()).longValue());
    }

    public void logout(String sessionSecret) {
        if (sessionSecret == null) return;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from user_session where token_hash = ?1")
                .setParameter(1, Secrets.hash(sessionSecret)).executeUpdate());
    }

    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-" + System.nanoTime());
}
