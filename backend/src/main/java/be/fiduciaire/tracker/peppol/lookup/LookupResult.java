package be.fiduciaire.tracker.peppol.lookup;

import java.time.Duration;
import java.util.List;

import be.fiduciaire.tracker.peppol.PeppolStatus;

/**
 * What one look-up of a client learnt. For LOOKUP_FAILED only {@code error} (and whatever identified the SMP)
 * is meaningful, and {@code transientFailure} says whether a retry may help. For a participant found but unable
 * to receive invoices (an expired or untrusted certificate, an inactive endpoint, a wrong answer) {@code error}
 * says why. The access point is the one of the active BIS Billing 3.0 invoice endpoint only; credit notes are
 * judged apart ({@code canReceiveCreditNotes}) and never decide the status.
 */
public record LookupResult(PeppolStatus status, String participantId, AccessPoint accessPoint, String smpHost,
                           String endpointUrl, List<String> documentTypes, boolean canReceiveInvoices, String error,
                           boolean transientFailure, int requests, Duration took, boolean canReceiveCreditNotes) {

    /** The result before credit notes were judged apart (no credit-note endpoint known). */
    public LookupResult(PeppolStatus status, String participantId, AccessPoint accessPoint, String smpHost,
                        String endpointUrl, List<String> documentTypes, boolean canReceiveInvoices, String error,
                        boolean transientFailure, int requests, Duration took) {
        this(status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices, error,
                transientFailure, requests, took, false);
    }

    public static LookupResult noIdentifier() {
        return new LookupResult(PeppolStatus.NO_IDENTIFIER, null, null, null, null, List.of(), false, null, false, 0, Duration.ZERO);
    }

    LookupResult withRequests(int total, Duration duration) {
        return new LookupResult(status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices,
                error, transientFailure, total, duration, canReceiveCreditNotes);
    }
}
