package be.fiduciaire.tracker.portfolio;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public final class BulkEditDtos {
    private BulkEditDtos() {}

    @Schema(name = "BulkEditSelection", description = "Either ids or an RSQL filter (empty filter = every client)")
    public record Selection(@Size(min = 1, message = "Select at least one client")
                            @Size(max = BulkEditService.MAX_IDS, message = "At most " + BulkEditService.MAX_IDS + " ids; use a filter")
                            List<UUID> ids,
                            String filter) {}

    /** {@code changes} values are JSON values whose shape depends on the field they set (read by StandardField / CustomFieldValues). */
    @Schema(name = "BulkEditRequest")
    public record BulkEditRequest(@Schema(required = true) @NotNull(message = "A selection (ids or filter) is required") @Valid
                                  Selection selection,
                                  @Schema(required = true, description = "New values by field: standard language, responsibleUserId, vatLiable, status; "
                                          + "custom fields by key (or cf.<key>); null clears a custom field")
                                  @NotEmpty(message = "Give at least one change") Map<String, JsonNode> changes,
                                  @Schema(description = "Only count what would change") Boolean dryRun) {}

    @Schema(name = "BulkEditResult", description = "matched: clients selected; changed: clients whose values differ (and were changed unless dryRun)")
    public record BulkEditResult(@Schema(required = true, nullable = true,
                                         description = "The bulk edit, as linked from each client's history; null for a dry run") UUID id,
                                 @Schema(required = true) long matched, @Schema(required = true) long changed,
                                 @Schema(required = true) boolean dryRun,
                                 @Schema(nullable = true, description = "A dry run's detail, one entry per change; null for a real run")
                                 List<FieldPreview> fields) {
        public BulkEditResult(UUID id, long matched, long changed, boolean dryRun) {
            this(id, matched, changed, dryRun, null);
        }
    }

    @Schema(name = "BulkEditFieldPreview", description = "What a dry run found for one change among the selected clients")
    public record FieldPreview(@Schema(required = true, description = "The field as history names it: a standard field, or cf.<key>") String field,
                               @Schema(required = true, description = "Clients that already hold the new value") long alreadySet,
                               @Schema(required = true, description = "Clients holding another, non-empty value that the edit replaces") long overwritten) {}
}
