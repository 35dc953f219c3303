package be.fiduciaire.tracker.portfolio;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

public final class BulkEditDtos {
    private BulkEditDtos() {}

    @Schema(name = "BulkEditSelection", description = "Either ids or an RSQL filter (empty filter = every client)")
    public record Selection(List<UUID> ids, String filter) {}

    /** {@code changes} values are JSON values whose shape depends on the field they set (read by StandardField / CustomFieldValues). */
    @Schema(name = "BulkEditRequest")
    public record BulkEditRequest(@Schema(required = true) Selection selection,
                                  @Schema(required = true, description = "New values by field: standard language, responsibleUserId, vatLiable, status; "
                                          + "custom fields by key (or cf.<key>); null clears a custom field")
                                  Map<String, JsonNode> changes,
                                  @Schema(description = "Only count what would change") Boolean dryRun) {}

    @Schema(name = "BulkEditResult", description = "matched: clients selected; changed: clients whose values differ (and were changed unless dryRun)")
    public record BulkEditResult(@Schema(required = true, nullable = true,
                                         description = "The bulk edit, as linked from each client's history; null for a dry run") UUID id,
                                 @Schema(required = true) long matched, @Schema(required = true) long changed,
                                 @Schema(required = true) boolean dryRun) {}
}
