package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.Versions;
import be.fiduciaire.tracker.common.db.Db;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class UserService {

    @Inject
    UserRepository users;
    @Inject
    UserSessionRepository sessions;
    @Inject
    Db db;

    /** pg advisory lock key of the first admin's creation ("1stadmin"). */
    private static final long FIRST_ADMIN_LOCK = 0x3173_7461_646d_696eL;
    /** pg advisory lock key of changes to who is an active admin ("admins!!"): such changes take turns. */
    private static final long ADMINS_LOCK = 0x6164_6d69_6e73_2121L;

    @Transactional
    public List<UserDtos.UserView> list() {
        return users.list("order by lower(name)").stream().map(UserDtos.UserView::of).toList();
    }

    @Transactional
    public List<UserDtos.UserRef> directory() {
        return users.list("order by lower(name)").stream().map(u -> new UserDtos.UserRef(u.id, u.name, u.active)).toList();
    }

    @Transactional
    public UserDtos.UserView get(UUID id) {
        return UserDtos.UserView.of(users.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("User")));
    }

    @Transactional
    public UserDtos.UserView create(UserDtos.CreateUser request) {
        String email = request.email().trim().toLowerCase();
        if (users.findByEmail(email).isPresent()) {
            throw ProblemException.conflict("email", ErrorCode.EMAIL_TAKEN, "A user with this email already exists");
        }
        AppUser user = new AppUser();
        user.email = email;
        user.name = request.name().trim();
        user.role = request.role();
        user.language = request.language() == null ? "fr" : request.language();
        user.passwordHash = BcryptUtil.bcryptHash(request.password());
        user.updatedAt = OffsetDateTime.now();
        users.persistAndFlush(user);
        return UserDtos.UserView.of(user);
    }

    @Transactional
    public UserDtos.UserView update(UUID id, UserDtos.UpdateUser request, Long ifMatchVersion, UUID actingUserId) {
        boolean demotes = (request.role() != null && request.role() != Role.ADMIN) || Boolean.FALSE.equals(request.active());
        // Two admins demoting each other at once would each still see the other as admin: such changes take turns,
        // and the later one counts the admins the earlier one left.
        if (demotes) db.one("select 1 as locked from pg_advisory_xact_lock(?)", r -> r.intValue("locked"), ADMINS_LOCK);
        AppUser user = users.lock(id).orElseThrow(() -> ProblemException.notFound("User"));
        Versions.check("user", user.version, ifMatchVersion, request.version());
        if (demotes && id.equals(actingUserId)) {
            throw ProblemException.validation("role", ErrorCode.USER_SELF_DEMOTION, "You cannot demote or deactivate yourself");
        }
        if (demotes && user.role == Role.ADMIN && user.active && !users.anotherActiveAdmin(id)) {
            throw ProblemException.conflict(request.role() != null && request.role() != Role.ADMIN ? "role" : "active",
                    ErrorCode.USER_LAST_ADMIN, "The last active admin cannot be demoted or deactivated");
        }
        if (request.name() != null) user.name = request.name().trim();
        if (request.role() != null) user.role = request.role();
        if (request.language() != null) user.language = request.language();
        if (request.active() != null) user.active = request.active();
        if (request.password() != null) user.passwordHash = BcryptUtil.bcryptHash(request.password());
        user.updatedAt = OffsetDateTime.now();
        if (Boolean.FALSE.equals(request.active()) || request.password() != null) sessions.deleteOfUser(id);
        users.flush();
        return UserDtos.UserView.of(user);
    }

    /** A user's own profile change: name, language, digest opt-in, or password (checked against the current one). */
    @Transactional
    public AppUser updateSelf(UUID id, UserDtos.UpdateMe request) {
        // a typed property (not a plain Boolean) so that "yes" is a 422 naming it, not a 400 about the body
        if (request.peppolDigest() != null && request.peppolDigest().isInvalid()) {
            throw ProblemException.validation("peppolDigest", ErrorCode.TYPE_BOOLEAN, "Must be true or false");
        }
        AppUser user = users.lock(id).orElseThrow(() -> ProblemException.notFound("User"));
        if (request.newPassword() != null) {
            if (request.currentPassword() == null || !BcryptUtil.matches(request.currentPassword(), user.passwordHash)) {
                throw ProblemException.validation("currentPassword", ErrorCode.PASSWORD_WRONG, "The current password is wrong");
            }
            user.passwordHash = BcryptUtil.bcryptHash(request.newPassword());
        }
        if (request.name() != null) user.name = request.name().trim();
        if (request.language() != null) user.language = request.language();
        if (request.peppolDigest() != null && request.peppolDigest().value() != null) user.peppolDigest = request.peppolDigest().value();
        user.updatedAt = OffsetDateTime.now();
        users.flush();
        return user;
    }

    @Transactional
    public boolean hasUsers() {
        return users.count() > 0;
    }

    /**
     * The first admin, created at start-up when there is no user at all. Several instances starting together on an
     * empty database take turns under a transaction-scoped advisory lock: one creates the admin, the others see it.
     */
    @Transactional
    public boolean createFirstAdminIfNone(String email, String name, String password) {
        db.one("select 1 as locked from pg_advisory_xact_lock(?)", r -> r.intValue("locked"), FIRST_ADMIN_LOCK);
        if (users.count() > 0) return false;
        AppUser admin = new AppUser();
        admin.email = email.trim().toLowerCase();
        admin.name = name;
        admin.role = Role.ADMIN;
        admin.language = "fr";
        admin.passwordHash = BcryptUtil.bcryptHash(password);
        admin.updatedAt = OffsetDateTime.now();
        users.persist(admin);
        return true;
    }
}
