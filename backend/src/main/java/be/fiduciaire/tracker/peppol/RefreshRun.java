package be.fiduciaire.tracker.peppol;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A refresh run: one row read and written on its own (creation, progress view, confirm / discard). The set work
 * on it (claims, progress counters, leases) is SQL in {@link RefreshRuns}; its items are rows of
 * {@code peppol_refresh_item}, never entities.
 */
@Entity
@Table(name = "peppol_refresh_run")
public class RefreshRun {
    @Schema(name = "PeppolRefreshRunKind")
    public enum Kind { NIGHTLY, MANUAL }

    @Schema(name = "PeppolRefreshRunStatus")
    public enum Status {
        QUEUED, RUNNING,
        /** The downgrade guard kept back the run's REGISTERED → NOT_REGISTERED changes for an admin to confirm or discard. */
        HELD,
        DONE, FAILED
    }

    @Id
    @GeneratedValue
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "run_date")
    public LocalDate runDate;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "actor_id")
    public UUID actorId;
    @Column(name = "actor_name")
    public String actorName;
    public int total;
    public int done;
    public int registered;
    @Column(name = "not_registered")
    public int notRegistered;
    @Column(name = "hermes_only")
    public int hermesOnly;
    @Column(name = "no_identifier")
    public int noIdentifier;
    public int failed;
    @Column(name = "registered_before")
    public int registeredBefore;
    @Column(name = "held_downgrades")
    public int heldDowngrades;
    public String owner;
    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    public String error;
    /** The {@link be.fiduciaire.tracker.peppol.lookup.LookupError} code of error, and its params (null before V96). */
    @Column(name = "error_code")
    public String errorCode;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "error_params")
    public Map<String, Object> errorParams;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
