package be.fiduciaire.tracker.view;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A saved view of the client list: filter, columns and sort; personal (owner) or shared in the firm. */
@Entity
@Table(name = "control_view")
public class ControlView {
    @Id
    @GeneratedValue
    public UUID id;
    public String name;
    public String filter = "";
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> columns = List.of();
    public String sort = "";
    public boolean shared;
    /** Null for the views the application ships. */
    @Column(name = "owner_id")
    public UUID ownerId;
    /** Set on the views the application ships (they cannot be deleted); written by migrations only. */
    @Column(name = "standard_key", insertable = false, updatable = false)
    public String standardKey;
    @Version
    public long version;
    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean standard() {
        return standardKey != null;
    }
}
