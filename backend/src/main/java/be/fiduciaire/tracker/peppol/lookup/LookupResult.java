package be.fiduciaire.tracker.peppol.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import be.fiduciaire.tracker.peppol.PeppolStatus;

/**
 * What one look-up of a client learnt. For LOOKUP_FAILED only {@code failure} (and whatever identified the SMP)
 * is meaningful, and its code says whether a retry may help ({@link #transientFailure()}). For a participant found
 * but unable to receive invoices (an expired or untrusted certificate, an inactive endpoint, a wrong answer)
 * {@code failure} says why; {@link #error()} is its English text. The access point is the one of the active BIS Billing 3.0 invoice endpoint only; credit notes are
 * judged apart ({@code canReceiveCreditNotes}) and never decide the status. {@code identifiers} holds what each
 * of the client's identifiers (0208, then 9925) answered on its own, the diagnosis' input;
 * {@code certificateNotAfter} is the end of validity of the invoice endpoint's certificate.
 */
// held results written before V96 carried the English text and the retry flag themselves: both follow from failure now
@JsonIgnoreProperties({"error", "transientFailure"})
public record LookupResult(PeppolStatus status, String participantId, AccessPoint accessPoint, String smpHost,
                           String endpointUrl, List<String> documentTypes, boolean canReceiveInvoices, LookupFailure failure,
                           int requests, Duration took, boolean canReceiveCreditNotes,
                           Instant certificateNotAfter, List<IdentifierCheck> identifiers) {

    /** What one identifier (e.g. 0208:0123456749 or 9925:BE0123456749) answered, judged on its own. */
    public record IdentifierCheck(String scheme, String participantId, PeppolStatus status, String accessPointName,
                                  String accessPointSeatId, String smpHost, List<String> documentTypes,
                                  boolean canReceiveInvoices, boolean canReceiveCreditNotes, Instant certificateNotAfter) {

        static IdentifierCheck of(String candidate, LookupResult r) {
            String scheme = candidate.substring(0, candidate.indexOf(':'));
            return new IdentifierCheck(scheme, r.participantId() != null ? r.participantId() : candidate, r.status(),
                    r.accessPoint() == null ? null : r.accessPoint().name(), r.accessPoint() == null ? null : r.accessPoint().seatId(),
                    r.smpHost(), r.documentTypes(), r.canReceiveInvoices(), r.canReceiveCreditNotes(), r.certificateNotAfter());
        }
    }

    public LookupResult {
        documentTypes = documentTypes == null ? List.of() : documentTypes;
        identifiers = identifiers == null ? List.of() : identifiers;
    }

    /** The result before credit notes were judged apart (no credit-note endpoint known). */
    public LookupResult(PeppolStatus status, String participantId, AccessPoint accessPoint, String smpHost,
                        String endpointUrl, List<String> documentTypes, boolean canReceiveInvoices, LookupFailure failure,
                        int requests, Duration took) {
        this(status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices, failure,
                requests, took, false, null, List.of());
    }

    public static LookupResult noIdentifier() {
        return new LookupResult(PeppolStatus.NO_IDENTIFIER, null, null, null, null, List.of(), false, null, 0, Duration.ZERO);
    }

    /** Why it failed, or why the participant cannot receive invoices, in English; null when nothing is wrong. */
    public String error() {
        return failure == null ? null : failure.message();
    }

    /** A failed look-up that a retry may help (a timeout, 5xx, 429, an unreachable host, a resolver that cannot see the SML). */
    public boolean transientFailure() {
        return status == PeppolStatus.LOOKUP_FAILED && failure != null && failure.transientFailure();
    }

    LookupResult withRequests(int total, Duration duration) {
        return new LookupResult(status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices,
                failure, total, duration, canReceiveCreditNotes, certificateNotAfter, identifiers);
    }

    LookupResult withIdentifiers(List<IdentifierCheck> checks) {
        return new LookupResult(status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices,
                failure, requests, took, canReceiveCreditNotes, certificateNotAfter, checks);
    }

    /** What the identifier of this scheme (0208 or 9925) answered; null when the client has none or it was not asked. */
    public IdentifierCheck identifier(String scheme) {
        for (IdentifierCheck c : identifiers) if (c.scheme().equals(scheme)) return c;
        return null;
    }
}
