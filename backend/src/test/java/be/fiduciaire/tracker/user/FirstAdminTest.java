package be.fiduciaire.tracker.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated first-admin password goes to a file only its owner reads, never to the log (FirstAdmin). */
class FirstAdminTest {

    @Test
    void theGeneratedPasswordIsWrittenToAFileOnlyItsOwnerReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/admin-password");
        FirstAdmin.writeOwnerOnly(file, "first-secret");
        assertEquals("first-secret\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // a file left by an earlier start, readable by others, is replaced by an owner-only one
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        FirstAdmin.writeOwnerOnly(file, "second-secret");
        assertEquals("second-secret\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theFirstAdminIsNamedByConfigurationOrAfterTheEmailNeverInEnglish() {
        assertEquals("Marie Dupont", FirstAdmin.displayName("marie.dupont@fiduciaire.be", Optional.empty()));
        assertEquals("Jan Van Damme", FirstAdmin.displayName("JAN_van-damme@x.be", Optional.of("  ")));
        assertEquals("Admin", FirstAdmin.displayName("admin@example.com", Optional.empty()));
        assertEquals("Sophie Lambert", FirstAdmin.displayName("admin@example.com", Optional.of(" Sophie Lambert ")));
    }
}
