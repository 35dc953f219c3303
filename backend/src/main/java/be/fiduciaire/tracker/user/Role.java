package be.fiduciaire.tracker.user;

import java.util.Set;

/** A user's role, and the permissions ("read", "write", "admin") it grants. */
public enum Role {
    ADMIN(Set.of(Permissions.READ, Permissions.WRITE, Permissions.ADMIN)),
    STAFF(Set.of(Permissions.READ, Permissions.WRITE)),
    VIEWER(Set.of(Permissions.READ));

    private final Set<String> permissions;

    Role(Set<String> permissions) { this.permissions = permissions; }

    public Set<String> permissions() { return permissions; }
}
