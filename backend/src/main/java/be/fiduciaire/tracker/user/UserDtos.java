package be.fiduciaire.tracker.user;

import be.fiduciaire.tracker.common.Codes;
import be.fiduciaire.tracker.common.Patch;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** API records of the user feature, kept apart from the entities. */
public final class UserDtos {
    private UserDtos() {}

    public record LoginRequest(@Schema(required = true) @NotBlank @Size(max = 320) String email,
                               @Schema(required = true) @NotBlank @Size(max = 1000) String password) {}

    public record Me(@Schema(required = true) UUID id,
                     @Schema(required = true) String email,
                     @Schema(required = true) String name,
                     @Schema(required = true) Role role,
                     @Schema(required = true) String language,
                     @Schema(required = true, description = "Receives the morning digest email of the Peppol changes of the clients they are responsible for")
                     boolean peppolDigest,
                     @Schema(required = true) List<String> permissions) {
        static Me of(AppUser u, List<String> permissions) {
            return new Me(u.id, u.email, u.name, u.role, u.language, u.peppolDigest, permissions);
        }
    }

    public record UserView(@Schema(required = true) UUID id,
                           @Schema(required = true) String email,
                           @Schema(required = true) String name,
                           @Schema(required = true) Role role,
                           @Schema(required = true) String language,
                           @Schema(required = true) boolean active,
                           @Schema(required = true, description = "Opted in to the morning digest (set by the user, PATCH /api/auth/me)") boolean peppolDigest,
                           @Schema(required = true) long version,
                           @Schema(required = true) OffsetDateTime createdAt) {
        static UserView of(AppUser u) {
            return new UserView(u.id, u.email, u.name, u.role, u.language, u.active, u.peppolDigest, u.version, u.createdAt);
        }
    }

    /** What every user may know of the others: enough to name and choose a client's responsible user. */
    public record UserRef(@Schema(required = true) UUID id,
                          @Schema(required = true) String name,
                          @Schema(required = true) boolean active) {}

    public record CreateUser(@Schema(required = true) @NotBlank @Email @Size(max = 320) String email,
                             @Schema(required = true) @NotBlank @Size(max = 200) String name,
                             @Schema(required = true) @NotNull Role role,
                             @Schema(required = true) @NotBlank @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password,
                             @Schema(nullable = true, description = "fr when not given")
                             @Pattern(regexp = "fr|nl|en", message = "must be fr, nl or en", payload = Codes.Language.class) String language) {}

    public record UpdateUser(@Schema(nullable = true) @Size(min = 1, max = 200) String name,
                             @Schema(nullable = true) Role role,
                             @Schema(nullable = true) @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password,
                             @Schema(nullable = true) @Pattern(regexp = "fr|nl|en", message = "must be fr, nl or en", payload = Codes.Language.class) String language,
                             @Schema(nullable = true) Boolean active,
                             @Schema(nullable = true) Long version) {}

    /** What a user may change on their own profile; a new password needs the current one. */
    public record UpdateMe(@Schema(nullable = true) @Size(min = 1, max = 200) String name,
                           @Schema(nullable = true) @Pattern(regexp = "fr|nl|en", message = "must be fr, nl or en", payload = Codes.Language.class) String language,
                           @Schema(nullable = true) @Size(max = 1000) String currentPassword,
                           @Schema(nullable = true) @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String newPassword,
                           @Schema(implementation = Boolean.class, nullable = true,
                                   description = "true: receive the morning digest email of the Peppol changes of your clients")
                           Patch<Boolean> peppolDigest) {}

    public record CreateToken(@Schema(required = true) @NotBlank @Size(max = 200) String name,
                              @Schema(required = true) @NotNull @Size(min = 1, max = 3) List<@NotBlank @Size(max = 20) String> scopes) {}

    /** Returned once, at creation: the only time the secret is shown. */
    public record CreatedToken(@Schema(required = true) UUID id,
                               @Schema(required = true) String name,
                               @Schema(required = true) List<String> scopes,
                               @Schema(required = true) String token,
                               @Schema(required = true) OffsetDateTime createdAt) {}

    public record TokenView(@Schema(required = true) UUID id,
                            @Schema(required = true) String name,
                            @Schema(required = true) List<String> scopes,
                            @Schema(required = true) String prefix,
                            @Schema(required = true) UUID userId,
                            @Schema(required = true) OffsetDateTime createdAt,
                            @Schema(required = true, nullable = true) OffsetDateTime lastUsedAt,
                            @Schema(required = true, nullable = true) OffsetDateTime revokedAt) {}
}
