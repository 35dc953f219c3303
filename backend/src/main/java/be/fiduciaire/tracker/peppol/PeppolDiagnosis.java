package be.fiduciaire.tracker.peppol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.peppol.lookup.LookupResult.IdentifierCheck;

/**
 * Derives a client's reasons from what is known of its registration: each identifier judged on its own, the
 * invoice endpoint's access point and certificate, credit notes, and the declared receiving software against the
 * maintained mapping. Pure: the same facts give the same reasons, at record time and after an edit of the software.
 */
public final class PeppolDiagnosis {
    public static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);

    private PeppolDiagnosis() {}

    /** What the reasons are derived from. */
    public record Facts(PeppolStatus status, String accessPointName, String accessPointSeatId, Boolean canReceiveCreditNotes,
                        Instant certificateNotAfter, List<IdentifierCheck> identifiers, String declaredSoftware) {}

    @Schema(name = "PeppolRegistrationReason")
    public record Reason(
            @Schema(required = true, description = "only_9925, split_access_points, hermes_leftover, no_credit_notes, "
                    + "certificate_expiring or software_mismatch") String code,
            @Schema(required = true, description = "What the reason names: participantId; accessPoint0208, accessPoint9925; "
                    + "accessPoint, expiresAt; accessPoint, software (the mapped option key), declared") Map<String, String> params) {}

    public static List<Reason> reasons(Facts f, AccessPointSoftware.Mapping mapping, Instant now) {
        List<Reason> reasons = new ArrayList<>();
        IdentifierCheck enterprise = find(f.identifiers(), "0208");
        IdentifierCheck vat = find(f.identifiers(), "9925");
        boolean vatRegistered = vat != null && vat.status() == PeppolStatus.REGISTERED;
        boolean enterpriseRegistered = enterprise != null && enterprise.status() == PeppolStatus.REGISTERED;
        // only on a conclusive 0208 answer (or none to ask): a failed 0208 look-up says nothing
        if (vatRegistered && (enterprise == null || enterprise.status() == PeppolStatus.NOT_REGISTERED
                || enterprise.status() == PeppolStatus.HERMES_ONLY || enterprise.status() == PeppolStatus.NO_IDENTIFIER))
            reasons.add(reason(PeppolReason.ONLY_9925, "participantId", vat.participantId()));
        if (enterpriseRegistered && vatRegistered && !sameAccessPoint(enterprise, vat))
            reasons.add(reason(PeppolReason.SPLIT_ACCESS_POINTS, "accessPoint0208", label(enterprise), "accessPoint9925", label(vat)));
        for (IdentifierCheck c : f.identifiers())
            if (c.status() == PeppolStatus.HERMES_ONLY) {
                reasons.add(reason(PeppolReason.HERMES_LEFTOVER, "participantId", c.participantId()));
                break;
            }
        if (f.status() == PeppolStatus.REGISTERED) {
            if (Boolean.FALSE.equals(f.canReceiveCreditNotes()))
                reasons.add(reason(PeppolReason.NO_CREDIT_NOTES, "accessPoint", f.accessPointName()));
            if (f.certificateNotAfter() != null && f.certificateNotAfter().isBefore(now.plus(CERTIFICATE_WARNING)))
                reasons.add(reason(PeppolReason.CERTIFICATE_EXPIRING, "accessPoint", f.accessPointName(),
                        "expiresAt", f.certificateNotAfter().toString()));
            String software = mapping.softwareOf(f.accessPointName(), f.accessPointSeatId());
            if (software != null && f.declaredSoftware() != null && !software.equals(f.declaredSoftware()))
                reasons.add(reason(PeppolReason.SOFTWARE_MISMATCH, "accessPoint", f.accessPointName(),
                        "software", software, "declared", f.declaredSoftware()));
        }
        return reasons;
    }

    private static IdentifierCheck find(List<IdentifierCheck> checks, String scheme) {
        for (IdentifierCheck c : checks) if (scheme.equals(c.scheme())) return c;
        return null;
    }

    private static boolean sameAccessPoint(IdentifierCheck a, IdentifierCheck b) {
        if (a.accessPointSeatId() != null && b.accessPointSeatId() != null) return a.accessPointSeatId().equalsIgnoreCase(b.accessPointSeatId());
        return Objects.equals(a.accessPointName(), b.accessPointName());
    }

    private static String label(IdentifierCheck c) {
        return c.accessPointName() != null ? c.accessPointName() : c.accessPointSeatId() != null ? c.accessPointSeatId() : c.smpHost();
    }

    private static Reason reason(PeppolReason code, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) if (params[i + 1] != null) map.put(params[i], params[i + 1]);
        return new Reason(code.code(), map);
    }
}
