package be.fiduciaire.tracker.customfield;

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

/** One option of a select list, owned by the field that owns the list ({@link CustomField#optionOwnerId()}). */
@Entity
@Table(name = "cf_option")
public class CustomFieldOption {
    @Id
    @GeneratedValue
    public UUID id;
    @Column(name = "field_id")
    public UUID fieldId;
    public String key;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;
    public int position;
    public boolean active = true;
    @Version
    public long version;
}
