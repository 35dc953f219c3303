package be.fiduciaire.tracker.user;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Sign-in with throttling of failed attempts, and the sessions behind the SPA's cookie. */
@ApplicationScoped
public class AuthService {

    @Inject
    UserRepository users;
    @Inject
    UserSessionRepository sessions;
    @Inject
    LoginFailures failures;

    @ConfigProperty(name = "app.session.ttl")
    Duration sessionTtl;
    @ConfigProperty(name = "app.login.max-failures")
    int maxFailures;
    @ConfigProperty(name = "app.login.failure-window")
    Duration failureWindow;

    public record Session(String secret, AppUser user, Duration ttl) {}

    /**
     * Checks the credentials and opens a session. A refused sign-in still commits (dontRollbackOn): the failure row
     * it records is what throttles the next attempts.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Session login(String email, String password) {
        String normalised = email.trim().toLowerCase();
        if (failures.recent(normalised, failureWindow) >= maxFailures) {
            throw new ProblemException(429, "Too many attempts",
                    "Too many failed sign-ins for this address; try again in a few minutes",
                    List.of(ProblemException.FieldError.of("email", ErrorCode.AUTH_TOO_MANY_ATTEMPTS, "Too many failed sign-ins")));
        }
        Optional<AppUser> user = users.findByEmail(normalised);
        // Verify a hash even for unknown users, so response time does not reveal which emails exist.
        String hash = user.map(u -> u.passwordHash).orElse(DUMMY_HASH);
        boolean ok = BcryptUtil.matches(password, hash) && user.isPresent() && user.get().active;
        if (!ok) {
            failures.record(normalised);
            Log.infof("Failed sign-in for %s", normalised);
            throw new ProblemException(401, "Unauthorized", "Wrong email or password",
                    List.of(ProblemException.FieldError.of("password", ErrorCode.AUTH_WRONG_CREDENTIALS, "Wrong email or password")));
        }
        failures.clear(normalised);
        sessions.deleteExpired();
        String secret = Secrets.newSecret("s_");
        UserSession session = new UserSession();
        session.tokenHash = Secrets.hash(secret);
        session.userId = user.get().id;
        session.expiresAt = OffsetDateTime.now().plus(sessionTtl);
        sessions.persist(session);
        return new Session(secret, user.get(), sessionTtl);
    }

    @Transactional
    public void logout(String sessionSecret) {
        if (sessionSecret == null) return;
        sessions.deleteById(Secrets.hash(sessionSecret));
    }

    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-" + System.nanoTime());
}
