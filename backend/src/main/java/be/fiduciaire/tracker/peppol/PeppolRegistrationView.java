package be.fiduciaire.tracker.peppol;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.peppol.lookup.LookupError;

/** A client's Peppol registration as the API shows it (api.md "Peppol registration"). */
@Schema(name = "PeppolRegistration")
public record PeppolRegistrationView(
        @Schema(required = true) UUID clientId,
        @Schema(nullable = true, description = "What is known: the last conclusive outcome. LOOKUP_FAILED only while no check "
                + "ever concluded; a failed check keeps the previous status. The same value as the client's peppol.status, "
                + "its filters, exports and the dashboard. Null when the client was never checked")
        PeppolStatus status,
        @Schema(nullable = true, description = "The identifier that answered, e.g. 0208:0123456749 or 9925:BE0123456749")
        String participantId,
        @Schema(nullable = true) AccessPointView accessPoint,
        @Schema(nullable = true) String smpHost,
        @Schema(nullable = true) String endpointUrl,
        @Schema(required = true, description = "Document type identifiers the participant's SMP lists")
        List<String> documentTypes,
        @Schema(required = true) boolean canReceiveInvoices,
        @Schema(nullable = true, description = "When a conclusive check last confirmed the status (\"last confirmed on\")")
        OffsetDateTime confirmedAt,
        @Schema(nullable = true, description = "When the status or access point last changed")
        OffsetDateTime lastChangeAt,
        @Schema(nullable = true, description = "The latest check, conclusive or not; null when the client was never checked")
        LastCheck lastCheck,
        @Schema(nullable = true, description = "An active BIS Billing 3.0 credit-note endpoint with a valid access-point certificate; judged apart "
                + "from invoices (it never decides the status); null until the client is checked again after the upgrade")
        Boolean canReceiveCreditNotes,
        @Schema(required = true, description = "The diagnosis: why senders may fail to reach the client, each with a stable code "
                + "(filter peppol.reason==<code>); empty until the client is checked again after the upgrade")
        List<PeppolDiagnosis.Reason> reasons,
        @Schema(required = true, description = "What each identifier (0208, 9925) answered on its own at the last conclusive check")
        List<IdentifierView> identifiers,
        @Schema(nullable = true, description = "The receiving software (an option key of cf.peppol_software_receive) the maintained "
                + "mapping knows for the access point; null when it knows none")
        String accessPointSoftware) {

    /** Before the diagnosis (no reasons, identifiers or mapped software). */
    public PeppolRegistrationView(UUID clientId, PeppolStatus status, String participantId, AccessPointView accessPoint, String smpHost,
                                  String endpointUrl, List<String> documentTypes, boolean canReceiveInvoices, OffsetDateTime confirmedAt,
                                  OffsetDateTime lastChangeAt, LastCheck lastCheck, Boolean canReceiveCreditNotes) {
        this(clientId, status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices, confirmedAt,
                lastChangeAt, lastCheck, canReceiveCreditNotes, List.of(), List.of(), null);
    }

    @Schema(name = "PeppolIdentifierCheck")
    public record IdentifierView(
            @Schema(required = true, description = "0208 or 9925") String scheme,
            @Schema(required = true) String participantId,
            @Schema(required = true) PeppolStatus status,
            @Schema(nullable = true) String accessPointName,
            @Schema(nullable = true) String accessPointSeatId,
            @Schema(required = true) boolean canReceiveInvoices,
            @Schema(required = true) boolean canReceiveCreditNotes,
            @Schema(nullable = true) java.time.Instant certificateNotAfter) {}

    @Schema(name = "PeppolAccessPoint")
    public record AccessPointView(
            @Schema(nullable = true, description = "Organisation (O) of the endpoint certificate") String name,
            @Schema(nullable = true, description = "Seat id (CN) of the endpoint certificate, e.g. PBE000123") String seatId,
            @Schema(nullable = true, description = "Country (C) of the endpoint certificate") String country) {}

    @Schema(name = "PeppolLastCheck")
    public record LastCheck(
            @Schema(required = true, description = "Outcome of the latest check, LOOKUP_FAILED included") PeppolStatus outcome,
            @Schema(required = true) OffsetDateTime at,
            @Schema(nullable = true, description = "Why the latest check failed, or why a participant it found cannot receive "
                    + "invoices (e.g. an expired certificate), in English") String error,
            @Schema(nullable = true, ref = LookupError.SCHEMA, description = "The stable code of error (null when the check found "
                    + "nothing wrong, or for a check recorded before codes existed: then only error says why)") String errorCode,
            @Schema(nullable = true, description = "The params of errorCode, as its description in PeppolLookupErrorCode names them")
            Map<String, Object> errorParams) {}
}
