package be.fiduciaire.tracker.client;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.client.ClientView.Address;
import be.fiduciaire.tracker.client.ClientView.ClientStatus;
import be.fiduciaire.tracker.client.ClientView.ClientType;

/** API records of the single-client endpoints (requests are read as JSON trees to honour merge-patch semantics). */
public final class ClientDtos {
    private ClientDtos() {}

    @Schema(name = "ClientInput", description = """
            Body of POST /api/clients (name required) and PATCH /api/clients/{id} (JSON merge patch: only the given \
            properties change, address is merged per property, customFields per key, null clears). enterpriseNumber \
            accepts 0123.456.789, 0123 456 789, BE0123456789 or 123456789 and is stored as 10 digits after its mod-97 \
            check; vatNumber is normalised (BE0123456789) and checked; version (PATCH) must be the current one (409).""")
    public record ClientInput(String reference, String name, ClientType type, String legalForm, String enterpriseNumber,
                              String vatNumber, Boolean vatLiable, String email,
                              @Schema(enumeration = {"fr", "nl", "en", "de"}) String language, Address address,
                              UUID responsibleUserId, ClientStatus status,
                              @Schema(description = "Custom-field values by field key (SYSTEM and DOCUMENT fields are not writable here)")
                              Map<String, Object> customFields,
                              Long version) {}

    @Schema(name = "ClientHistoryEntry")
    public record HistoryEntry(long id, OffsetDateTime at,
                               @Schema(enumeration = {"CREATED", "FIELD", "PEPPOL", "EMAIL"}) String kind,
                               @Schema(description = "name, address.city, ... or cf.<key>, peppol.status") String field,
                               Object oldValue, Object newValue, UUID actorId, String actorName, UUID bulkEditId) {}

    @Schema(name = "DocumentValue", description = "Value of a DOCUMENT custom field")
    public record DocumentValue(String name, long size, String contentType, String url) {}
}
