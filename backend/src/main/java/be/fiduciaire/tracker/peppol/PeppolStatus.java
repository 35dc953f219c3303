package be.fiduciaire.tracker.peppol;

/** Outcome of a registration look-up (api.md "Peppol registration"). */
public enum PeppolStatus {
    /** An active endpoint for BIS Billing 3.0 invoices over AS4 at a real access point. */
    REGISTERED,
    /** Not found on the network, or found without an active invoice endpoint. */
    NOT_REGISTERED,
    /** The only invoice endpoint is the Belgian government's Hermes portal. */
    HERMES_ONLY,
    /** Neither a valid enterprise number nor a Belgian VAT number to look up. */
    NO_IDENTIFIER,
    /** DNS or SMP failed (timeout, SERVFAIL, 5xx, malformed answer): nothing learnt. */
    LOOKUP_FAILED
}
