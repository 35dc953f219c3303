package be.fiduciaire.tracker.email;

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

@Entity
@Table(name = "email_template")
public class EmailTemplate {
    public static final String PEPPOL_INFO = "peppol_info";

    public enum Category { PEPPOL, GENERAL }

    /** One language's Qute source. */
    public record Variant(String subject, String body) {}

    @Id
    @GeneratedValue
    public UUID id;
    public String key;
    @Enumerated(EnumType.STRING)
    public Category category;
    public String name;
    /** By language (fr, nl, en, de). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Variant> variants;
    @Version
    public long version;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
