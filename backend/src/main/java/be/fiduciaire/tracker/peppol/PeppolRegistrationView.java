package be.fiduciaire.tracker.peppol;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client's Peppol registration as the API shows it (api.md "Peppol registration"). */
@Schema(name = "PeppolRegistration")
public record PeppolRegistrationView(
        UUID clientId,
        @Schema(description = "Outcome of the latest check; null when the client was never checked")
        PeppolStatus status,
        @Schema(description = "Last status actually learnt from the network: a failed look-up keeps the previous one")
        PeppolStatus lastKnownStatus,
        @Schema(description = "The identifier that answered, e.g. 0208:0123456749 or 9925:BE0123456749")
        String participantId,
        AccessPointView accessPoint,
        String smpHost,
        String endpointUrl,
        @Schema(description = "Document type identifiers the participant's SMP lists")
        List<String> documentTypes,
        boolean canReceiveInvoices,
        @Schema(description = "Time of the latest check, successful or not")
        OffsetDateTime checkedAt,
        @Schema(description = "Time of the latest successful check (\"last confirmed on\")")
        OffsetDateTime confirmedAt,
        @Schema(description = "Time the status or access point last changed")
        OffsetDateTime lastChangeAt,
        @Schema(description = "Error of the latest check when it failed")
        String lastError,
        OffsetDateTime lastErrorAt,
        @Schema(description = "An active BIS Billing 3.0 credit-note endpoint with a valid access-point certificate; judged apart "
                + "from invoices (it never decides the status); null until the client is checked again after the upgrade")
        Boolean canReceiveCreditNotes) {

    @Schema(name = "PeppolAccessPoint")
    public record AccessPointView(
            @Schema(description = "Organisation (O) of the endpoint certificate") String name,
            @Schema(description = "Seat id (CN) of the endpoint certificate, e.g. PBE000123") String seatId,
            @Schema(description = "Country (C) of the endpoint certificate") String country) {}
}
