package be.fiduciaire.tracker.client;

import static be.fiduciaire.tracker.client.StandardField.Use.BULK_EDIT;
import static be.fiduciaire.tracker.client.StandardField.Use.EXPORT;
import static be.fiduciaire.tracker.client.StandardField.Use.FILTER;
import static be.fiduciaire.tracker.client.StandardField.Use.WRITE;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import be.fiduciaire.tracker.client.ClientView.ClientLanguage;
import be.fiduciaire.tracker.client.ClientView.ClientStatus;
import be.fiduciaire.tracker.client.ClientView.ClientType;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.InvalidValueException;
import be.fiduciaire.tracker.common.Patch;
import be.fiduciaire.tracker.peppol.PeppolReason;
import be.fiduciaire.tracker.peppol.PeppolStatus;

/**
 * The one declaration of the client's standard fields (and of the Peppol registration's summary, which the list
 * shows beside them): JSON name, SQL, kind, value type and its allowed values, labels, and what each may be used
 * for. The client endpoints, the filter and sort compilers, bulk edit, the list projection, the export columns and
 * the stats all read it, so adding a standard field is one constant here plus its migration (and its component in
 * the API records and the {@link Client} entity, which {@code StandardFieldTest} checks against this list).
 * The database CHECKs of the migrations stay the last line of defence for the same allowed values.
 */
public enum StandardField {
    ID("id", "c.id", FieldKind.UUID, UUID.class, true, 0, "Identifiant", "Id", "Id", FILTER),
    REFERENCE("reference", "c.reference", FieldKind.TEXT, String.class, true, 100, "Référence", "Referentie", "Reference",
            WRITE, FILTER, EXPORT),
    NAME("name", "c.name", FieldKind.TEXT, String.class, false, 300, "Nom", "Naam", "Name", WRITE, FILTER, EXPORT),
    TYPE("type", "c.type", FieldKind.CODE, ClientType.class, false, 0, "Type", "Type", "Type", WRITE, FILTER, EXPORT),
    LEGAL_FORM("legalForm", "c.legal_form", FieldKind.TEXT, String.class, true, 100, "Forme juridique", "Rechtsvorm", "Legal form",
            WRITE, FILTER),
    ENTERPRISE_NUMBER("enterpriseNumber", "c.enterprise_number", FieldKind.TEXT, String.class, true, 0,
            "Numéro d'entreprise", "Ondernemingsnummer", "Enterprise number", WRITE, FILTER, EXPORT),
    VAT_NUMBER("vatNumber", "c.vat_number", FieldKind.TEXT, String.class, true, 0, "Numéro de TVA", "Btw-nummer", "VAT number",
            WRITE, FILTER, EXPORT),
    VAT_LIABLE("vatLiable", "c.vat_liable", FieldKind.BOOLEAN, Boolean.class, false, 0, "Assujetti à la TVA", "Btw-plichtig",
            "VAT liable", WRITE, BULK_EDIT, FILTER, EXPORT),
    EMAIL("email", "c.email", FieldKind.TEXT, String.class, true, 320, "E-mail", "E-mail", "Email", WRITE, FILTER, EXPORT),
    LANGUAGE("language", "c.language", FieldKind.CODE, ClientLanguage.class, false, 0, "Langue", "Taal", "Language",
            WRITE, BULK_EDIT, FILTER, EXPORT),
    STREET("address.street", "c.street", FieldKind.TEXT, String.class, true, 300, "Rue", "Straat", "Street", WRITE, FILTER, EXPORT),
    POSTAL_CODE("address.postalCode", "c.postal_code", FieldKind.TEXT, String.class, true, 20, "Code postal", "Postcode",
            "Postal code", WRITE, FILTER, EXPORT),
    CITY("address.city", "c.city", FieldKind.TEXT, String.class, true, 200, "Localité", "Gemeente", "City", WRITE, FILTER, EXPORT),
    COUNTRY("address.country", "c.country", FieldKind.TEXT, String.class, true, 100, "Pays", "Land", "Country", WRITE, FILTER, EXPORT),
    RESPONSIBLE_USER_ID("responsibleUserId", "c.responsible_user_id", FieldKind.UUID, UUID.class, true, 0, "Responsable",
            "Verantwoordelijke", "Responsible", WRITE, BULK_EDIT, FILTER),
    STATUS("status", "c.status", FieldKind.CODE, ClientStatus.class, false, 0, "Statut", "Status", "Status",
            WRITE, BULK_EDIT, FILTER, EXPORT),
    CREATED_AT("createdAt", "c.created_at", FieldKind.TIMESTAMP, null, false, 0, "Créé le", "Aangemaakt op", "Created at", FILTER),
    UPDATED_AT("updatedAt", "c.updated_at", FieldKind.TIMESTAMP, null, false, 0, "Modifié le", "Gewijzigd op", "Updated at", FILTER),
    PEPPOL_STATUS("peppol.status", "p.status", FieldKind.CODE, PeppolStatus.class, true, 0, "Statut PEPPOL", "PEPPOL-status",
            "PEPPOL status", FILTER, EXPORT),
    PEPPOL_ACCESS_POINT_NAME("peppol.accessPointName", "p.access_point_name", FieldKind.TEXT, null, true, 0, "Point d'accès PEPPOL",
            "PEPPOL-toegangspunt", "PEPPOL access point", FILTER, EXPORT),
    /** The diagnosis codes of the registration (PeppolReason), a set: == / != / =in= / =out= test membership (GIN index). */
    PEPPOL_REASON("peppol.reason", "p.reason_codes", FieldKind.MULTI, PeppolReason.class, true, 0, "Diagnostic PEPPOL",
            "PEPPOL-diagnose", "PEPPOL diagnosis", FILTER),
    PEPPOL_CHECKED_AT("peppol.checkedAt", "p.checked_at", FieldKind.TIMESTAMP, null, true, 0, "Vérifié le", "Gecontroleerd op",
            "Checked at", FILTER),
    /** When the last informative Peppol email (template peppol_info, email package) was delivered: views and exports only. */
    LAST_INFO_EMAIL_AT("lastInfoEmailAt", "(select max(m.sent_at) from email_message m join email_send s on s.id = m.send_id "
            + "where m.client_id = c.id and s.template_key = 'peppol_info' and m.status = 'SENT')", FieldKind.TIMESTAMP, null, true, 0, "Dernier e-mail d'information",
            "Laatste informatiemail", "Last info email");

    /** What a field may be used for. Every field is a column of views and exports. */
    public enum Use {
        /** Set by POST / PATCH /api/clients (and then part of ClientInput). */
        WRITE,
        /** Set by a bulk edit. */
        BULK_EDIT,
        /** A selector of filters, sorts and stats. */
        FILTER,
        /** In the default export columns. */
        EXPORT
    }

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final String json;
    private final String sql;
    private final FieldKind kind;
    private final Class<?> type;
    private final boolean nullable;
    private final int maxLength;
    private final Map<String, String> labels;
    private final Set<Use> uses;

    StandardField(String json, String sql, FieldKind kind, Class<?> type, boolean nullable, int maxLength,
                  String fr, String nl, String en, Use... uses) {
        this.json = json;
        this.sql = sql;
        this.kind = kind;
        this.type = type;
        this.nullable = nullable;
        this.maxLength = maxLength;
        this.labels = Map.of("fr", fr, "nl", nl, "en", en);
        this.uses = uses.length == 0 ? EnumSet.noneOf(Use.class) : EnumSet.copyOf(Arrays.asList(uses));
    }

    /** The name in JSON, filters, sorts, history and export columns ({@code name}, {@code address.city}, {@code peppol.status}). */
    public String json() { return json; }

    /** The SQL that reads it over the client {@code c} and its registration {@code p}: a fixed expression, never input. */
    public String sql() { return sql; }

    /** The client table's column, or empty for what is not stored in it. */
    public Optional<String> column() {
        return sql.startsWith("c.") ? Optional.of(sql.substring(2)) : Optional.empty();
    }

    public FieldKind kind() { return kind; }

    /** The Java type of a written value: String, Boolean, UUID or an enum; null for read-only fields. */
    public Class<?> type() { return type; }

    public Map<String, String> labels() { return labels; }

    public boolean is(Use use) { return uses.contains(use); }

    public boolean nullable() { return nullable; }

    /** The allowed values of a CODE or MULTI field: its enum's constants (a reason by its lower-case code). */
    public List<String> codes() {
        if (kind != FieldKind.CODE && kind != FieldKind.MULTI) return List.of();
        return Arrays.stream(type.getEnumConstants()).map(c -> c instanceof PeppolReason r ? r.code() : ((Enum<?>) c).name()).toList();
    }

    /** The SQL type a bulk edit casts its parameter to. */
    public String sqlType() {
        if (type == Boolean.class) return "boolean";
        if (type == UUID.class) return "uuid";
        return "text";
    }

    public static Optional<StandardField> byJson(String json) {
        for (StandardField f : values()) if (f.json.equals(json)) return Optional.of(f);
        return Optional.empty();
    }

    public static List<StandardField> with(Use use) {
        return Arrays.stream(values()).filter(f -> f.is(use)).toList();
    }

    /** What a value of the wrong JSON type is told. */
    public String typeMessage() {
        if (type == UUID.class) return "Must be a user id";
        if (type.isEnum()) return "Must be " + Patch.oneOf(type);
        return type == Boolean.class ? "Must be true or false" : "Must be a string";
    }

    /** The refusal of a value of the wrong JSON type, with its code. */
    public InvalidValueException typeError() {
        if (type == UUID.class) return new InvalidValueException(ErrorCode.TYPE_ID, typeMessage());
        if (type.isEnum()) return new InvalidValueException(ErrorCode.TYPE_ENUM, typeMessage(), "allowed", Patch.names(type));
        return new InvalidValueException(type == Boolean.class ? ErrorCode.TYPE_BOOLEAN : ErrorCode.TYPE_STRING, typeMessage());
    }

    /** A raw JSON value (bulk edit changes) read and checked like a client endpoint's: the value to store, null clears. */
    public Object read(JsonNode value) {
        if (value == null || value.isNull()) return normalise(null);
        Object typed;
        try {
            typed = Patch.read(value, type);
        } catch (IllegalArgumentException e) {
            throw typeError();
        }
        return normalise(typed);
    }

    /**
     * The value to store for {@code value} (already of {@link #type()}; null clears): text trimmed, blank as null,
     * lengths, identifiers normalised and checked. An {@link IllegalArgumentException} says what is wrong. The
     * database checks (user exists, reference unique) are the caller's.
     */
    public Object normalise(Object value) {
        String raw = value instanceof String s ? s : null;
        if (raw != null) value = raw.strip().isEmpty() ? null : raw.strip();
        if (value == null) {
            if (nullable) return null;
            throw this == NAME ? new InvalidValueException(ErrorCode.REQUIRED, "name is required") : typeError();
        }
        if (!(value instanceof String text)) return value;
        if (maxLength > 0 && text.length() > maxLength) {
            throw new InvalidValueException(ErrorCode.TOO_LONG, "At most " + maxLength + " characters", "max", maxLength);
        }
        return switch (this) {
            case ENTERPRISE_NUMBER -> BelgianIdentifiers.normaliseEnterpriseNumber(text).orElseThrow(() -> new InvalidValueException(
                    ErrorCode.ENTERPRISE_NUMBER_INVALID, "Not a valid Belgian enterprise number (10 digits starting with 0 or 1, mod-97 check): " + raw,
                    "value", raw));
            case VAT_NUMBER -> BelgianIdentifiers.normaliseVatNumber(text).orElseThrow(() -> new InvalidValueException(
                    ErrorCode.VAT_NUMBER_INVALID, "Not a valid EU VAT number (Belgian: BE + 10 digits passing the mod-97 check): " + raw,
                    "value", raw));
            case EMAIL -> {
                if (!EMAIL_ADDRESS.matcher(text).matches()) throw new InvalidValueException(ErrorCode.EMAIL_INVALID, "Not a valid email address");
                yield text;
            }
            case COUNTRY -> text.length() == 2 ? text.toUpperCase() : text;
            default -> text;
        };
    }
}
