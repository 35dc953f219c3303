package be.fiduciaire.tracker.client;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import be.fiduciaire.tracker.client.ClientView.ClientLanguage;
import be.fiduciaire.tracker.client.ClientView.ClientStatus;
import be.fiduciaire.tracker.client.ClientView.ClientType;
import be.fiduciaire.tracker.common.Patch;

/** API records of the single-client endpoints. */
public final class ClientDtos {
    private ClientDtos() {}

    /**
     * POST and PATCH body. Each property is a {@link Patch}: absent leaves it, null clears it (merge patch). Properties
     * a client read back sends along ({@code id}, {@code peppol}, {@code createdAt}, {@code updatedAt}) are ignored;
     * any other unknown one is refused by name.
     */
    @Schema(name = "ClientInput", description = """
            Body of POST /api/clients (name required) and PATCH /api/clients/{id} (JSON merge patch: only the given \
            properties change, address is merged per property, customFields per key, null clears). enterpriseNumber \
            accepts 0123.456.789, 0123 456 789, BE0123456789 or 123456789 and is stored as 10 digits after its mod-97 \
            check; vatNumber is normalised (BE0123456789) and checked; version (PATCH) must be the current one (409).""")
    public record ClientInput(@Schema(implementation = String.class, nullable = true, maxLength = 100) Patch<String> reference,
                              @Schema(implementation = String.class, maxLength = 300, description = "Required on POST") Patch<String> name,
                              @Schema(implementation = ClientType.class) Patch<ClientType> type,
                              @Schema(implementation = String.class, nullable = true, maxLength = 100) Patch<String> legalForm,
                              @Schema(implementation = String.class, nullable = true) Patch<String> enterpriseNumber,
                              @Schema(implementation = String.class, nullable = true) Patch<String> vatNumber,
                              @Schema(implementation = Boolean.class) Patch<Boolean> vatLiable,
                              @Schema(implementation = String.class, nullable = true, maxLength = 320) Patch<String> email,
                              @Schema(implementation = ClientLanguage.class) Patch<ClientLanguage> language,
                              @Schema(implementation = AddressInput.class, nullable = true, description = "Merged per property; null clears all four")
                              Patch<AddressInput> address,
                              @Schema(implementation = UUID.class, nullable = true) Patch<UUID> responsibleUserId,
                              @Schema(implementation = ClientStatus.class) Patch<ClientStatus> status,
                              @Schema(implementation = Map.class, nullable = true,
                                      description = "Custom-field values by field key, merged per key; null clears a value "
                                              + "(SYSTEM and DOCUMENT fields are not writable here)")
                              Patch<Map<String, JsonNode>> customFields,
                              @Schema(implementation = Long.class, nullable = true, description = "PATCH: the version being edited (or send If-Match)")
                              Patch<Long> version,
                              @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown) {

        /** The standard fields it sets (address parts under their own names), absent ones left out. */
        public Map<StandardField, Patch<?>> standard() {
            Map<StandardField, Patch<?>> out = new EnumMap<>(StandardField.class);
            out.put(StandardField.REFERENCE, reference);
            out.put(StandardField.NAME, name);
            out.put(StandardField.TYPE, type);
            out.put(StandardField.LEGAL_FORM, legalForm);
            out.put(StandardField.ENTERPRISE_NUMBER, enterpriseNumber);
            out.put(StandardField.VAT_NUMBER, vatNumber);
            out.put(StandardField.VAT_LIABLE, vatLiable);
            out.put(StandardField.EMAIL, email);
            out.put(StandardField.LANGUAGE, language);
            out.put(StandardField.RESPONSIBLE_USER_ID, responsibleUserId);
            out.put(StandardField.STATUS, status);
            if (address != null && address.isNull()) {
                for (StandardField part : AddressInput.PARTS) out.put(part, Patch.ofNull());
            } else if (address != null && address.value() != null) {
                out.putAll(address.value().standard());
            }
            out.values().removeIf(p -> p == null || !p.isPresent());
            return out;
        }

        /** Unknown property names, with the read-only ones of the Client JSON left out. */
        public Map<String, JsonNode> unknownProperties() {
            Map<String, JsonNode> out = new LinkedHashMap<>(unknown == null ? Map.of() : unknown);
            out.keySet().removeAll(java.util.Set.of("id", "peppol", "createdAt", "updatedAt"));
            return out;
        }
    }

    @Schema(name = "AddressInput", description = "Address parts of a ClientInput; null clears a part")
    public record AddressInput(@Schema(implementation = String.class, nullable = true, maxLength = 300) Patch<String> street,
                               @Schema(implementation = String.class, nullable = true, maxLength = 20) Patch<String> postalCode,
                               @Schema(implementation = String.class, nullable = true, maxLength = 200) Patch<String> city,
                               @Schema(implementation = String.class, nullable = true, maxLength = 100) Patch<String> country,
                               @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown) {
        static final java.util.List<StandardField> PARTS =
                java.util.List.of(StandardField.STREET, StandardField.POSTAL_CODE, StandardField.CITY, StandardField.COUNTRY);

        Map<StandardField, Patch<?>> standard() {
            Map<StandardField, Patch<?>> out = new EnumMap<>(StandardField.class);
            out.put(StandardField.STREET, street);
            out.put(StandardField.POSTAL_CODE, postalCode);
            out.put(StandardField.CITY, city);
            out.put(StandardField.COUNTRY, country);
            return out;
        }
    }

    @Schema(name = "ClientHistoryEntry")
    public record HistoryEntry(@Schema(required = true) long id,
                               @Schema(required = true) OffsetDateTime at,
                               @Schema(required = true, enumeration = {"CREATED", "FIELD", "PEPPOL", "EMAIL", "CAMPAIGN"}) String kind,
                               @Schema(required = true, nullable = true, description = "name, address.city, ... or cf.<key>, peppol.status; "
                                       + "EMAIL: the template key; CAMPAIGN: campaign.left (newValue: {reason: REGISTERED or READY, "
                                       + "campaignId, campaignStep, sendId}), the follow-up that left the client out")
                               String field,
                               @Schema(required = true, nullable = true) Object oldValue,
                               @Schema(required = true, nullable = true) Object newValue,
                               @Schema(required = true, nullable = true) UUID actorId,
                               @Schema(required = true, nullable = true) String actorName,
                               @Schema(required = true, nullable = true) UUID bulkEditId,
                               @Schema(required = true, nullable = true, description = "The spreadsheet import that made the change") UUID importId) {}

    @Schema(name = "DocumentValue", description = "Value of a DOCUMENT custom field")
    public record DocumentValue(@Schema(required = true) String name, @Schema(required = true) long size,
                                @Schema(required = true) String contentType, @Schema(required = true) String url) {}
}
