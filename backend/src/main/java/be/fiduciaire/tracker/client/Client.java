package be.fiduciaire.tracker.client;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.hibernate.annotations.Formula;

import be.fiduciaire.tracker.client.ClientView.ClientLanguage;
import be.fiduciaire.tracker.client.ClientView.ClientStatus;
import be.fiduciaire.tracker.client.ClientView.ClientType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A client's own row, for the endpoints that read and write one client. Its custom fields live in client_fields
 * (V99): they are read here and written only in SQL, merged per key ({@link ClientRepository#mergeCustomFields}), so
 * a patch writes exactly the keys it names, as bulk edit does, and values of other keys are never re-encoded through
 * Java types (a decimal read into a Java double and written back would lose digits).
 */
@Entity
@Table(name = "client")
public class Client {
    @Id
    @GeneratedValue
    public UUID id;
    public String reference;
    public String name;
    @Enumerated(EnumType.STRING)
    public ClientType type = ClientType.COMPANY;
    @Column(name = "legal_form")
    public String legalForm;
    @Column(name = "enterprise_number")
    public String enterpriseNumber;
    @Column(name = "vat_number")
    public String vatNumber;
    @Column(name = "vat_liable")
    public boolean vatLiable;
    public String email;
    @Enumerated(EnumType.STRING)
    public ClientLanguage language = ClientLanguage.fr;
    public String street;
    @Column(name = "postal_code")
    public String postalCode;
    public String city;
    public String country;
    @Column(name = "responsible_user_id")
    public UUID responsibleUserId;
    @Enumerated(EnumType.STRING)
    public ClientStatus status = ClientStatus.ACTIVE;
    /** The jsonb document as text, parsed with the application's ObjectMapper; written with {@link ClientRepository#insertFields}. */
    @Formula("(select cast(f.custom_fields as text) from client_fields f where f.client_id = id)")
    public String customFieldsJson = "{}";
    /** Bumped once per change that writes something: Hibernate does it when the row is dirty, see {@link #touch()}. */
    @Version
    public long version;
    /** Bumped by the writers of the custom fields alone (bulk edit, option moves): the client shows {@link #shownVersion()}. */
    @Formula("(select f.version from client_fields f where f.client_id = id)")
    public long fieldsVersion;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", insertable = false)
    public OffsetDateTime updatedAt;

    /** The version the API shows and checks (If-Match, body version): both rows' versions, as client_with_fields has it. */
    public long shownVersion() {
        return version + fieldsVersion;
    }

    /** Marks the row changed, also when only custom fields (written in SQL) changed, so the version moves exactly once. */
    public void touch() {
        updatedAt = OffsetDateTime.now();
    }

    /** The stored value of a writable standard field. */
    public Object get(StandardField field) {
        return switch (field) {
            case REFERENCE -> reference;
            case NAME -> name;
            case TYPE -> type;
            case LEGAL_FORM -> legalForm;
            case ENTERPRISE_NUMBER -> enterpriseNumber == null ? null : enterpriseNumber.strip();
            case VAT_NUMBER -> vatNumber;
            case VAT_LIABLE -> vatLiable;
            case EMAIL -> email;
            case LANGUAGE -> language;
            case STREET -> street;
            case POSTAL_CODE -> postalCode;
            case CITY -> city;
            case COUNTRY -> country;
            case RESPONSIBLE_USER_ID -> responsibleUserId;
            case STATUS -> status;
            case ID, CREATED_AT, UPDATED_AT, PEPPOL_STATUS, PEPPOL_ACCESS_POINT_NAME, PEPPOL_REASON, PEPPOL_CHECKED_AT, LAST_INFO_EMAIL_AT ->
                    throw new IllegalArgumentException(field + " is not written through the client");
        };
    }

    /** Sets a writable standard field to a value checked by {@link StandardField#normalise}. */
    public void set(StandardField field, Object value) {
        switch (field) {
            case REFERENCE -> reference = (String) value;
            case NAME -> name = (String) value;
            case TYPE -> type = (ClientType) value;
            case LEGAL_FORM -> legalForm = (String) value;
            case ENTERPRISE_NUMBER -> enterpriseNumber = (String) value;
            case VAT_NUMBER -> vatNumber = (String) value;
            case VAT_LIABLE -> vatLiable = (Boolean) value;
            case EMAIL -> email = (String) value;
            case LANGUAGE -> language = (ClientLanguage) value;
            case STREET -> street = (String) value;
            case POSTAL_CODE -> postalCode = (String) value;
            case CITY -> city = (String) value;
            case COUNTRY -> country = (String) value;
            case RESPONSIBLE_USER_ID -> responsibleUserId = (UUID) value;
            case STATUS -> status = (ClientStatus) value;
            case ID, CREATED_AT, UPDATED_AT, PEPPOL_STATUS, PEPPOL_ACCESS_POINT_NAME, PEPPOL_REASON, PEPPOL_CHECKED_AT, LAST_INFO_EMAIL_AT ->
                    throw new IllegalArgumentException(field + " is not written through the client");
        }
    }
}
