package be.fiduciaire.tracker.user;

import java.time.Duration;

import be.fiduciaire.tracker.common.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed sign-ins, the throttle's memory. Set-based SQL through {@link Db} rather than an entity: the rows are
 * never read one by one, only counted in a time window and cleared per address (on {@code lower(email)}, the index).
 */
@ApplicationScoped
public class LoginFailures {
    @Inject
    Db db;

    public long recent(String email, Duration window) {
        return db.number("select count(*) as n from login_failure where lower(email) = ? and failed_at > now() - make_interval(secs => ?)",
                email, (double) window.toSeconds());
    }

    public void record(String email) {
        db.update("insert into login_failure (email) values (?)", email);
    }

    public void clear(String email) {
        db.update("delete from login_failure where lower(email) = ?", email);
    }
}
