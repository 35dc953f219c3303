package be.fiduciaire.tracker.user;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resources check permissions, not roles: {@code @RolesAllowed(Permissions.WRITE)}.
 * A user's role grants permissions; an API token's scopes grant the same names, capped by its owner's role.
 */
public final class Permissions {
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String ADMIN = "admin";
    public static final List<String> SCOPES = List.of(READ, WRITE, ADMIN);

    private Permissions() {}

    /** A scope includes the weaker ones: admin ⊃ write ⊃ read. */
    public static Set<String> ofScopes(Iterable<String> scopes, Role ownerRole) {
        Set<String> granted = new HashSet<>();
        for (String scope : scopes) {
            switch (scope) {
                case ADMIN -> granted.addAll(List.of(READ, WRITE, ADMIN));
                case WRITE -> granted.addAll(List.of(READ, WRITE));
                case READ -> granted.add(READ);
                default -> { }
            }
        }
        granted.retainAll(ownerRole.permissions());
        return granted;
    }
}
