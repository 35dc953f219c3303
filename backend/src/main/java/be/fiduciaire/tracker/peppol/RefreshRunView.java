package be.fiduciaire.tracker.peppol;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.peppol.RefreshRun.Kind;
import be.fiduciaire.tracker.peppol.RefreshRun.Status;
import be.fiduciaire.tracker.peppol.lookup.LookupError;

/** A refresh run and its progress (the counters live on the run row: a poll reads one row). */
@Schema(name = "PeppolRefreshRun")
public record RefreshRunView(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = "NIGHTLY (scheduled) or MANUAL (on demand)") Kind kind,
        @Schema(nullable = true, description = "Europe/Brussels date of a nightly run") LocalDate runDate,
        @Schema(required = true, description = "HELD: the downgrade guard kept back heldDowngrades REGISTERED → NOT_REGISTERED "
                + "changes; an admin confirms or discards them") Status status,
        @Schema(required = true, description = "Clients in the run") int total,
        @Schema(required = true, description = "Clients looked up so far (held and failed ones included)") int done,
        @Schema(required = true) int registered,
        @Schema(required = true) int notRegistered,
        @Schema(required = true) int hermesOnly,
        @Schema(required = true) int noIdentifier,
        @Schema(required = true, description = "Look-ups that failed (the client keeps its last known state)") int failed,
        @Schema(required = true, description = "REGISTERED → NOT_REGISTERED changes kept back until the end of the run") int heldDowngrades,
        @Schema(nullable = true, description = "Why a FAILED run stopped, in English") String error,
        @Schema(nullable = true, ref = LookupError.SCHEMA, description = "The stable code of error (null for a run stopped "
                + "before codes existed)") String errorCode,
        @Schema(nullable = true, description = "The params of errorCode") Map<String, Object> errorParams,
        @Schema(nullable = true) String actorName,
        @Schema(nullable = true) OffsetDateTime createdAt,
        @Schema(nullable = true) OffsetDateTime startedAt,
        @Schema(nullable = true) OffsetDateTime finishedAt,
        @Schema(nullable = true, description = "The admin who confirmed or discarded the held downgrades") String decidedBy) {

    static RefreshRunView of(RefreshRun r) {
        return new RefreshRunView(r.id, r.kind, r.runDate, r.status, r.total, r.done, r.registered, r.notRegistered,
                r.hermesOnly, r.noIdentifier, r.failed, r.heldDowngrades, r.error, r.errorCode, r.errorParams, r.actorName, r.createdAt, r.startedAt,
                r.finishedAt, r.decidedBy);
    }
}
