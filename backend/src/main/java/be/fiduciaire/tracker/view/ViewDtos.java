package be.fiduciaire.tracker.view;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ViewDtos {
    private ViewDtos() {}

    @Schema(name = "ControlView", description = "A saved view of the client list")
    public record View(UUID id, String name,
                       @Schema(description = "RSQL filter, empty for all clients") String filter,
                       @Schema(description = "Column selectors in order (standard fields, cf.<key>, peppol.status, lastInfoEmailAt)") List<String> columns,
                       @Schema(description = "Sort, as the list's sort parameter") String sort,
                       @Schema(description = "Shared in the firm; otherwise personal") boolean shared,
                       @Schema(description = "Shipped with the application (cannot be deleted)") boolean standard,
                       UUID ownerId, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    @Schema(name = "ControlViewRequest", description = "Create: name required. Update: only the properties sent change.")
    public record ViewRequest(String name, String filter, List<String> columns, String sort, Boolean shared,
                              @Schema(description = "The version being edited (or send If-Match)") Long version) {}
}
