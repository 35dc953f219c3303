package be.fiduciaire.tracker.user;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** At first start, with no user at all, creates the admin from APP_ADMIN_EMAIL / APP_ADMIN_PASSWORD. */
public class FirstAdmin {

    @Inject
    UserService users;

    @ConfigProperty(name = "app.admin.email")
    String email;
    @ConfigProperty(name = "app.admin.password")
    java.util.Optional<String> password;

    void onStart(@Observes StartupEvent event) {
        String pw = password.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = pw == null;
        if (generated) pw = Secrets.newSecret("").substring(0, 16);
        if (users.createFirstAdminIfNone(email, pw)) {
            if (generated) {
                Log.warnf("Created the first admin %s with the generated password %s (set APP_ADMIN_PASSWORD to choose one)", email, pw);
            } else {
                Log.infof("Created the first admin %s from APP_ADMIN_EMAIL / APP_ADMIN_PASSWORD", email);
            }
        }
    }
}
