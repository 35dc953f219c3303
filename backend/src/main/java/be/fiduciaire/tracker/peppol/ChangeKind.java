package be.fiduciaire.tracker.peppol;

/** What a refresh changed about a client (api.md "GET /api/peppol/changes"). */
public enum ChangeKind {
    /** Became able to receive invoices (from: the status before; to: the access point). */
    REGISTERED,
    /** Registered at another access point (from → to). */
    SWITCHED_ACCESS_POINT,
    /** Dropped off the network on a conclusive answer (from: the access point; to: the new status). */
    DEREGISTERED,
    /** Still receives invoices, no longer credit notes (from: the access point). */
    LOST_CREDIT_NOTES,
    /** The invoice endpoint's certificate expires within 30 days (from: the access point; to: its end of validity). */
    CERTIFICATE_EXPIRING
}
