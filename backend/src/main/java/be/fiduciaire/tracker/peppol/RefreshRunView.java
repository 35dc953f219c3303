package be.fiduciaire.tracker.peppol;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A refresh run and its progress. */
@Schema(name = "PeppolRefreshRun")
public record RefreshRunView(
        UUID id,
        @Schema(description = "NIGHTLY (scheduled) or MANUAL (on demand)") String kind,
        @Schema(description = "Europe/Brussels date of a nightly run") LocalDate runDate,
        @Schema(description = "QUEUED, RUNNING, DONE or FAILED") String status,
        @Schema(description = "Clients in the run") int total,
        @Schema(description = "Clients looked up so far") int done,
        int registered,
        int notRegistered,
        int hermesOnly,
        int noIdentifier,
        @Schema(description = "Look-ups that failed (the client keeps its last known state)") int failed,
        String actorName,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {}
