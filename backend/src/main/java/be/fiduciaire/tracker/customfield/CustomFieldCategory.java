package be.fiduciaire.tracker.customfield;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A group of custom fields (its fields point to it by {@code categoryId}). */
@Entity
@Table(name = "cf_category")
public class CustomFieldCategory {
    @Id
    @GeneratedValue
    public UUID id;
    public String key;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;
    public int position;
    @Column(name = "show_in_client_list")
    public boolean showInClientList;
    @Version
    public long version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
