package be.fiduciaire.tracker.user;

import java.time.Duration;
import java.util.Locale;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import be.fiduciaire.tracker.common.db.Db;
import io.netty.util.NetUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed sign-ins and the growing delay they impose, counted three ways within {@code app.login.window}:
 * <ul>
 * <li>per account from one client address: guessing one account's password (few free failures);</li>
 * <li>per client address over every account: spraying one password over many accounts;</li>
 * <li>per account over every address: a guess spread over many addresses (many free failures, so an attacker at one
 * address never delays the owner signing in from another; beyond them the owner too waits, never longer than the delay).</li>
 * </ul>
 * Past a counter's free failures, the next attempt waits {@code app.login.first-delay} after the last failure, doubled for
 * each further failure, at most {@code app.login.max-delay}: a delay, never a lock-out. Attempts made while waiting are
 * refused without checking the password and are not counted. Failures older than the window are purged.
 * <p>
 * Set-based SQL through {@link Db}: the rows are only counted per key and deleted, never read one by one. An account is
 * named by the SHA-256 of its normalised email (what was typed is never stored), an address by its IP, or the /64 network
 * of an IPv6 address (one host usually holds a whole /64).
 */
@ApplicationScoped
public class LoginThrottle {
    /** advisory-lock class of sign-ins to one account ({@code pg_try_advisory_xact_lock(int, int)}) */
    private static final int ACCOUNT_LOCK = 711;
    private static final int MAX_ADDRESS_LENGTH = 64;

    @Inject
    Db db;

    @ConfigProperty(name = "app.login.window")
    Duration window;
    @ConfigProperty(name = "app.login.first-delay")
    Duration firstDelay;
    @ConfigProperty(name = "app.login.max-delay")
    Duration maxDelay;
    @ConfigProperty(name = "app.login.free-failures.account-address")
    int freePerAccountAndAddress;
    @ConfigProperty(name = "app.login.free-failures.address")
    int freePerAddress;
    @ConfigProperty(name = "app.login.free-failures.account")
    int freePerAccount;

    /** Who tries to sign in, as the throttle names them. */
    public record Attempt(String accountKey, String address) {
        public static Attempt of(String normalisedEmail, String clientAddress) {
            return new Attempt(Secrets.hash(normalisedEmail), addressKey(clientAddress));
        }
    }

    /** Why an attempt has to wait, and how long (whole seconds, at least 1). */
    public record Wait(String reason, long seconds) {}

    /**
     * Within the sign-in transaction, before the password is checked: purges forgotten failures, takes the account's
     * sign-in lock (one attempt at a time per account, so parallel guesses cannot all pass the count) and answers how
     * long this attempt must wait, or null when it may go on.
     */
    public Wait check(Attempt attempt) {
        // SKIP LOCKED: concurrent sign-ins never wait on each other's purge (nor deadlock over it)
        db.update("""
                delete from login_failure where id in (
                    select id from login_failure where failed_at < now() - make_interval(secs => ?) for update skip locked)""",
                (double) window.toSeconds());
        boolean locked = db.one("select pg_try_advisory_xact_lock(?, hashtext(?)) as locked",
                r -> r.bool("locked"), ACCOUNT_LOCK, attempt.accountKey()).orElse(false);
        if (!locked) return new Wait("Another sign-in to this account is in progress", 1);
        return db.one("""
                select count(*) filter (where account_key = ? and address = ?) as pair_failures,
                       extract(epoch from now() - max(failed_at) filter (where account_key = ? and address = ?)) as pair_since,
                       count(*) filter (where address = ?) as address_failures,
                       extract(epoch from now() - max(failed_at) filter (where address = ?)) as address_since,
                       count(*) filter (where account_key = ?) as account_failures,
                       extract(epoch from now() - max(failed_at) filter (where account_key = ?)) as account_since
                  from login_failure
                 where (account_key = ? or address = ?) and failed_at >= now() - make_interval(secs => ?)""",
                r -> longest(
                        wait("Too many failed sign-ins to this account from your address",
                                r.longValue("pair_failures"), r.object("pair_since"), freePerAccountAndAddress),
                        wait("Too many failed sign-ins from your address",
                                r.longValue("address_failures"), r.object("address_since"), freePerAddress),
                        wait("Too many failed sign-ins to this account",
                                r.longValue("account_failures"), r.object("account_since"), freePerAccount)),
                attempt.accountKey(), attempt.address(), attempt.accountKey(), attempt.address(),
                attempt.address(), attempt.address(), attempt.accountKey(), attempt.accountKey(),
                attempt.accountKey(), attempt.address(), (double) window.toSeconds()).orElse(null);
    }

    public void recordFailure(Attempt attempt) {
        db.update("insert into login_failure (account_key, address) values (?, ?)", attempt.accountKey(), attempt.address());
    }

    /** After a successful sign-in: the account's failures from this address are forgotten (not those from elsewhere). */
    public void clear(Attempt attempt) {
        db.update("delete from login_failure where account_key = ? and address = ?", attempt.accountKey(), attempt.address());
    }

    /** The delay after {@code failures} failures of a counter that allows {@code free}: 0 up to free, then doubling. */
    Duration delayAfter(long failures, int free) {
        if (failures < free) return Duration.ZERO;
        long doublings = Math.min(failures - free, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Wait wait(String reason, long failures, Object secondsSinceLast, int free) {
        if (secondsSinceLast == null) return null;
        double since = ((Number) secondsSinceLast).doubleValue();
        double left = delayAfter(failures, free).toMillis() / 1000.0 - since;
        return left > 0 ? new Wait(reason, (long) Math.ceil(left)) : null;
    }

    private static Wait longest(Wait... waits) {
        Wait longest = null;
        for (Wait w : waits) {
            if (w != null && (longest == null || w.seconds() > longest.seconds())) longest = w;
        }
        return longest;
    }

    /** The IP (never resolved: a literal is only parsed), an IPv6 address as its /64 network; anything else bounded. */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) return "unknown";
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(a);
        if (bytes != null && bytes.length == 16 && isV4Mapped(bytes)) {
            return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        if (bytes != null && bytes.length == 16) {
            StringBuilder net = new StringBuilder();
            for (int i = 0; i < 8; i += 2) net.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            return net.append(":/64").toString();
        }
        if (bytes != null) return NetUtil.bytesToIpAddress(bytes);
        String bounded = a.toLowerCase(Locale.ROOT);
        return bounded.length() > MAX_ADDRESS_LENGTH ? bounded.substring(0, MAX_ADDRESS_LENGTH) : bounded;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
