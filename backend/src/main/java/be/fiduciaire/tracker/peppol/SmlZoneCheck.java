package be.fiduciaire.tracker.peppol;

import java.util.Optional;

import be.fiduciaire.tracker.peppol.lookup.LookupFailure;
import be.fiduciaire.tracker.peppol.lookup.PeppolLookup;
import be.fiduciaire.tracker.peppol.lookup.SmlResolver.SmlHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether the SML zone can be seen from here, asked once before a run looks anybody up: behind a broken or closed
 * resolver every name is NXDOMAIN, which must not read as "nobody is registered" (peppol.md). A seam of its own
 * so that a test can stand in for an unreachable zone.
 */
@ApplicationScoped
public class SmlZoneCheck {
    @Inject
    PeppolLookup lookup;

    /** Why the SML zone cannot be seen (its code names the zone), or empty when it can. */
    public Optional<LookupFailure> problem() {
        SmlHealth health = lookup.checkZone();
        return health.reachable() ? Optional.empty() : Optional.of(health.failure());
    }
}
