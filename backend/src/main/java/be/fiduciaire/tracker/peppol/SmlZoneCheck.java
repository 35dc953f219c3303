package be.fiduciaire.tracker.peppol;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the SML zone can be seen from here, asked once before a run looks anybody up: behind a broken or closed
 * resolver every name is NXDOMAIN, which must not read as "nobody is registered" (peppol.md).
 *
 * <p>HOOK: the zone SOA check belongs to the look-up ({@code peppol/lookup}, another branch). Until it lands this
 * says "visible"; at merge, delegate to its public method, e.g. {@code return lookup.smlZoneProblem();}.
 */
@ApplicationScoped
public class SmlZoneCheck {
    /** Why the SML zone cannot be seen, or empty when it can. */
    public Optional<String> problem() {
        return Optional.empty();
    }
}
