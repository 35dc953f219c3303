package be.fiduciaire.tracker.peppol;

import java.util.Locale;

/** The diagnosis codes of a client's registration (api.md "Peppol registration"), filterable as {@code peppol.reason}. */
public enum PeppolReason {
    /** Registered under 9925 (VAT) only: most senders try 0208 first. */
    ONLY_9925,
    /** 0208 and 9925 registered at two different access points. */
    SPLIT_ACCESS_POINTS,
    /** An identifier is still registered at Hermes, switched off since 31 December 2025. */
    HERMES_LEFTOVER,
    /** Receives invoices but not credit notes. */
    NO_CREDIT_NOTES,
    /** The invoice endpoint's certificate expires within 30 days. */
    CERTIFICATE_EXPIRING,
    /** The access point's software (maintained mapping) is not the declared receiving software. */
    SOFTWARE_MISMATCH;

    /** The stable code of the API and filters: {@code only_9925}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
