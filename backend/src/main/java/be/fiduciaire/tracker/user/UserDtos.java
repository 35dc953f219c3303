package be.fiduciaire.tracker.user;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** API records of the user feature, kept apart from the entities. */
public final class UserDtos {
    private UserDtos() {}

    public record LoginRequest(@NotBlank String email, @NotBlank String password) {}

    public record Me(UUID id, String email, String name, Role role, String language, List<String> permissions) {}

    public record UserView(UUID id, String email, String name, Role role, String language, boolean active, long version,
                           OffsetDateTime createdAt) {
        static UserView of(AppUser u) {
            return new UserView(u.id, u.email, u.name, u.role, u.language, u.active, u.version, u.createdAt);
        }
    }

    public record CreateUser(@NotBlank @Email @Size(max = 320) String email,
                             @NotBlank @Size(max = 200) String name,
                             @NotNull Role role,
                             @NotBlank @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password,
                             @Pattern(regexp = "fr|nl|en", message = "must be fr, nl or en") String language) {}

    public record UpdateUser(@Size(min = 1, max = 200) String name,
                             Role role,
                             @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password,
                             @Pattern(regexp = "fr|nl|en", message = "must be fr, nl or en") String language,
                             Boolean active,
                             Long version) {}

    /** What a user may change on their own profile; a new password needs the current one. */
    public record UpdateMe(@Size(min = 1, max = 200) String name,
                           @Pattern(regexp = "fr|nl|en", message = "must be fr, nl or en") String language,
                           String currentPassword,
                           @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String newPassword) {}

    public record CreateToken(@NotBlank @Size(max = 200) String name, @NotNull @Size(min = 1) List<@NotBlank String> scopes) {}

    /** Returned once, at creation: the only time the secret is shown. */
    public record CreatedToken(UUID id, String name, List<String> scopes, String token, OffsetDateTime createdAt) {}

    public record TokenView(UUID id, String name, List<String> scopes, String prefix, UUID userId,
                            OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {}
}
