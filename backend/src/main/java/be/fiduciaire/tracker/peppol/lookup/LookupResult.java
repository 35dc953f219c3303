package be.fiduciaire.tracker.peppol.lookup;

import java.time.Duration;
import java.util.List;

import be.fiduciaire.tracker.peppol.PeppolStatus;

/**
 * What one look-up of a client learnt. For LOOKUP_FAILED only {@code error} (and whatever identified the SMP)
 * is meaningful; {@code transientFailure} says whether a retry may help.
 */
public record LookupResult(PeppolStatus status, String participantId, AccessPoint accessPoint, String smpHost,
                           String endpointUrl, List<String> documentTypes, boolean canReceiveInvoices, String error,
                           boolean transientFailure, int requests, Duration took) {

    public static LookupResult noIdentifier() {
        return new LookupResult(PeppolStatus.NO_IDENTIFIER, null, null, null, null, List.of(), false, null, false, 0, Duration.ZERO);
    }

    LookupResult withRequests(int total, Duration duration) {
        return new LookupResult(status, participantId, accessPoint, smpHost, endpointUrl, documentTypes, canReceiveInvoices,
                error, transientFailure, total, duration);
    }
}
