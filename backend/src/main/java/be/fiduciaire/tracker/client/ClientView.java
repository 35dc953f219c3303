package be.fiduciaire.tracker.client;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.peppol.PeppolStatus;

/** A client as the API shows it (api.md "Client JSON"); every property is always sent, empty ones as null. */
@Schema(name = "Client")
public record ClientView(@Schema(required = true) UUID id,
                         @Schema(required = true, nullable = true) String reference,
                         @Schema(required = true) String name,
                         @Schema(required = true) ClientType type,
                         @Schema(required = true, nullable = true) String legalForm,
                         @Schema(required = true, nullable = true) String enterpriseNumber,
                         @Schema(required = true, nullable = true) String vatNumber,
                         @Schema(required = true) boolean vatLiable,
                         @Schema(required = true, nullable = true) String email,
                         @Schema(required = true) ClientLanguage language,
                         @Schema(required = true) Address address,
                         @Schema(required = true, nullable = true) UUID responsibleUserId,
                         @Schema(required = true) ClientStatus status,
                         @Schema(required = true, description = "Custom-field values by field key; see the field's type for the value's shape")
                         Map<String, Object> customFields,
                         @Schema(required = true, nullable = true, description = "null until the first look-up") PeppolSummary peppol,
                         @Schema(required = true, nullable = true, description = "The latest informative Peppol email (template peppol_info) "
                                 + "to this client, null when none was ever queued") LastInfoEmail lastInfoEmail,
                         @Schema(required = true) long version,
                         @Schema(required = true) OffsetDateTime createdAt,
                         @Schema(required = true) OffsetDateTime updatedAt) {

    public enum ClientType { COMPANY, PERSON }

    public enum ClientStatus { ACTIVE, ARCHIVED }

    /** Named as the API and the database write them (ISO 639-1). */
    public enum ClientLanguage { fr, nl, en, de }

    public record Address(@Schema(required = true, nullable = true) String street,
                          @Schema(required = true, nullable = true) String postalCode,
                          @Schema(required = true, nullable = true) String city,
                          @Schema(required = true, nullable = true) String country) {}

    /** The latest peppol_info message: its status (email_message status) and when it was sent, or last changed. */
    public record LastInfoEmail(@Schema(required = true) String status, @Schema(required = true) OffsetDateTime at) {}

    /** The last known Peppol registration, in short; the full state is at /api/clients/{id}/peppol. */
    public record PeppolSummary(@Schema(required = true) PeppolStatus status,
                                @Schema(required = true, nullable = true) String accessPointName,
                                @Schema(required = true, nullable = true) OffsetDateTime checkedAt,
                                @Schema(required = true, description = "The diagnosis codes (filter peppol.reason), e.g. only_9925; "
                                        + "the reasons with their params are at /api/clients/{id}/peppol") java.util.List<String> reason) {}
}
