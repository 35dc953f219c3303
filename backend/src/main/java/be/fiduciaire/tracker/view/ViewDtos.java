package be.fiduciaire.tracker.view;

import be.fiduciaire.tracker.common.Codes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class ViewDtos {
    private ViewDtos() {}

    @Schema(name = "ControlView", description = "A saved view of the client list")
    public record View(@Schema(required = true) UUID id,
                       @Schema(required = true) String name,
                       @Schema(required = true, description = "RSQL filter, empty for all clients") String filter,
                       @Schema(required = true, description = "Column selectors in order (standard fields, cf.<key>, peppol.status, lastInfoEmailAt)")
                       List<String> columns,
                       @Schema(required = true, description = "Sort, as the list's sort parameter") String sort,
                       @Schema(required = true, description = "Shared in the firm; otherwise personal") boolean shared,
                       @Schema(required = true, description = "Shipped with the application (cannot be deleted)") boolean standard,
                       @Schema(required = true, nullable = true, description = "Null for the views shipped with the application")
                       UUID ownerId,
                       @Schema(required = true) long version,
                       @Schema(required = true) OffsetDateTime createdAt,
                       @Schema(required = true) OffsetDateTime updatedAt) {
        static View of(ControlView v) {
            return new View(v.id, v.name, v.filter, List.copyOf(v.columns), v.sort, v.shared, v.standard(), v.ownerId, v.version,
                    v.createdAt, v.updatedAt);
        }
    }

    /** Filter, columns and sort are checked against the selectors by the service (they depend on the custom fields). */
    @Schema(name = "ControlViewRequest", description = "Create: name required. Update: only the properties sent change.")
    public record ViewRequest(@Schema(nullable = true, maxLength = 200)
                              @Pattern(regexp = "(?s).*\\S.*", message = "A name is required", payload = Codes.Required.class) @Size(max = 200, message = "At most 200 characters")
                              String name,
                              @Schema(nullable = true) @Size(max = 4000, message = "At most 4000 characters") String filter,
                              @Schema(nullable = true) @Size(max = 200, message = "At most 200 columns")
                              List<@Size(max = 200, message = "At most 200 characters") String> columns,
                              @Schema(nullable = true) @Size(max = 2000, message = "At most 2000 characters") String sort,
                              @Schema(nullable = true) Boolean shared,
                              @Schema(nullable = true, description = "The version being edited (or send If-Match)") Long version) {}
}
