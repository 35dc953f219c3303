package be.fiduciaire.tracker.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At first start, with no user at all, creates the admin from APP_ADMIN_EMAIL / APP_ADMIN_PASSWORD. Without a password,
 * one is generated and written to APP_ADMIN_PASSWORD_FILE (readable by its owner only), never to the log: logs are
 * collected and kept where a password must not be. (`make run` passes the password it keeps in .data/admin-password
 * and prints it on its own console.)
 * <p>
 * Its display name is APP_ADMIN_NAME, or else made from the email's local part ("marie.dupont@…" → "Marie Dupont"):
 * a person's name reads the same in every language, where a fixed "Administrator" is English in French screens
 * (and translating a stored name on display would also translate a person who really chose it). The admin can
 * rename themself afterwards like any user.
 */
public class FirstAdmin {

    @Inject
    UserService users;

    @ConfigProperty(name = "app.admin.email")
    String email;
    @ConfigProperty(name = "app.admin.name")
    Optional<String> name;
    @ConfigProperty(name = "app.admin.password")
    Optional<String> password;
    @ConfigProperty(name = "app.admin.password-file")
    String passwordFile;

    void onStart(@Observes StartupEvent event) {
        String pw = password.filter(p -> !p.isBlank()).orElse(null);
        if (pw != null) {
            if (users.createFirstAdminIfNone(email, displayName(email, name), pw)) {
                Log.infof("Created the first admin %s from APP_ADMIN_EMAIL / APP_ADMIN_PASSWORD", email);
            }
            return;
        }
        if (users.hasUsers()) return;
        Path file = Path.of(passwordFile).toAbsolutePath();
        String generated = Secrets.newSecret("").substring(0, 16);
        try {
            writeOwnerOnly(file, generated);
        } catch (IOException e) {
            Log.errorf("No user yet, and the generated admin password cannot be written to %s (%s): set APP_ADMIN_PASSWORD,"
                    + " or APP_ADMIN_PASSWORD_FILE to a writable place, and restart", file, e.toString());
            return;
        }
        if (users.createFirstAdminIfNone(email, displayName(email, name), generated)) {
            Log.warnf("Created the first admin %s; its generated password is in %s (set APP_ADMIN_PASSWORD to choose one)", email, file);
        }
    }

    /** The configured name, or one made from the email's local part: words split at . _ - +, each capitalised. */
    static String displayName(String email, Optional<String> configured) {
        String given = configured.map(String::trim).filter(n -> !n.isEmpty()).orElse(null);
        if (given != null) return given.length() > 200 ? given.substring(0, 200) : given;
        String local = email.trim();
        int at = local.indexOf('@');
        if (at >= 0) local = local.substring(0, at);
        StringBuilder out = new StringBuilder();
        for (String word : local.split("[._+\\-]+")) {
            if (word.isEmpty()) continue;
            if (!out.isEmpty()) out.append(' ');
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        String made = out.isEmpty() ? email.trim() : out.toString();
        return made.length() > 200 ? made.substring(0, 200) : made;
    }

    /** Writes the secret to a new file only its owner can read (an existing file is replaced). */
    static void writeOwnerOnly(Path file, String secret) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not a POSIX file system
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
