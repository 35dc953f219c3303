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

/** Sign-in with throttling of failed attempts ({@link LoginThrottle}), and the sessions behind the SPA's cookie. */
@ApplicationScoped
public class AuthService {

    @Inject
    UserRepository users;
    @Inject
    UserSessionRepository sessions;
    @Inject
    LoginThrottle throttle;

    @ConfigProperty(name = "app.session.ttl")
    Duration sessionTtl;

    public record Session(String secret, AppUser user, Duration ttl) {}

    /** A sign-in refused because it must wait; {@code retryAfterSeconds} becomes the Retry-After header of the 429. */
    public static class TooManyAttempts extends ProblemException {
        private final long retryAfterSeconds;

        TooManyAttempts(String reason, long retryAfterSeconds) {
            super(429, "Too many attempts", reason + "; try again in " + retryAfterSeconds + " s",
                    List.of(ProblemException.FieldError.of("email", ErrorCode.AUTH_TOO_MANY_ATTEMPTS, reason, "retryAfter", retryAfterSeconds)));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() { return retryAfterSeconds; }
    }

    /**
     * Checks the credentials, from {@code clientAddress}, and opens a session. A refused sign-in still commits
     * (dontRollbackOn): the failure row it records is what throttles the next attempts. The log names the address,
     * never the email typed (it may be a password typed into the wrong box).
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Session login(String email, String password, String clientAddress) {
        String normalised = email.trim().toLowerCase();
        LoginThrottle.Attempt attempt = LoginThrottle.Attempt.of(normalised, clientAddress);
        LoginThrottle.Wait wait = throttle.check(attempt);
        if (wait != null) {
            Log.infof("Sign-in from %s refused for %d s: %s", attempt.address(), wait.seconds(), wait.reason());
            throw new TooManyAttempts(wait.reason(), wait.seconds());
        }
        Optional<AppUser> user = users.findByEmail(normalised);
        // Verify a hash even for unknown users, so response time does not reveal which emails exist.
        String hash = user.map(u -> u.passwordHash).orElse(DUMMY_HASH);
        boolean ok = BcryptUtil.matches(password, hash) && user.isPresent() && user.get().active;
        if (!ok) {
            throttle.recordFailure(attempt);
            Log.infof("Failed sign-in from %s", attempt.address());
            throw new ProblemException(401, "Unauthorized", "Wrong email or password",
                    List.of(ProblemException.FieldError.of("password", ErrorCode.AUTH_WRONG_CREDENTIALS, "Wrong email or password")));
        }
        throttle.clear(attempt);
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
