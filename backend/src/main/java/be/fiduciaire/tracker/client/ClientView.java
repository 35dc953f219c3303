package be.fiduciaire.tracker.client;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client as the API shows it (api.md "Client JSON"). */
@Schema(name = "Client")
public record ClientView(UUID id, String reference, String name, ClientType type, String legalForm, String enterpriseNumber,
                         String vatNumber, boolean vatLiable, String email, String language, Address address,
                         UUID responsibleUserId, ClientStatus status,
                         @Schema(description = "Custom-field values by field key; see the field's type for the value's shape")
                         Map<String, Object> customFields,
                         PeppolSummary peppol, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public enum ClientType { COMPANY, PERSON }

    public enum ClientStatus { ACTIVE, ARCHIVED }

    public record Address(String street, String postalCode, String city, String country) {}

    /** The last known Peppol registration, in short; the full state is at /api/clients/{id}/peppol. */
    public record PeppolSummary(String status, String accessPointName, OffsetDateTime checkedAt) {}
}
