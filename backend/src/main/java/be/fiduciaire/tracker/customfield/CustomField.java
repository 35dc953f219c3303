package be.fiduciaire.tracker.customfield;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A custom-field definition; clients hold its values in {@code client_fields.custom_fields ->> key}. */
@Entity
@Table(name = "cf_field")
public class CustomField {
    @Id
    @GeneratedValue
    public UUID id;
    @Column(name = "category_id")
    public UUID categoryId;
    public String key;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;
    @Enumerated(EnumType.STRING)
    public FieldType type;
    public boolean required;
    public int position;
    /** Set when this select field offers the options of that field (a shared list). */
    @Column(name = "option_source_field_id")
    public UUID optionSourceFieldId;
    @Version
    public long version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The field whose cf_option rows this field offers: itself, or the field it shares a list with. */
    public UUID optionOwnerId() {
        return optionSourceFieldId != null ? optionSourceFieldId : id;
    }
}
