package be.fiduciaire.tracker.peppol.lookup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a Peppol look-up failed, or why a participant it found cannot receive invoices: the one registry of the stable
 * codes stored beside the English message ({@code peppol_registration.last_check_error_code}, the run items'
 * {@code error_code}), served as {@code errorCode} / {@code errorParams} and translated by the SPA in fr, nl and en.
 * Each code names its params in its English template, so the English text is always built from the code and its
 * params ({@link LookupFailure#message()}) and the two cannot disagree. Whether a retry may help is said here too,
 * once per code. Codes are only ever added (the SPA and integrators know them).
 */
public enum LookupError {
    // --- the SML (DNS)
    DNS_TIMEOUT("lookup.dns_timeout", true, "DNS query for {name} failed: no answer within {seconds} s"),
    DNS_UNREACHABLE("lookup.dns_unreachable", true, "DNS query for {name} failed: {detail}"),
    DNS_FAILED("lookup.dns_failed", false, "DNS query for {name} failed: {detail}"),
    NXDOMAIN_WITHOUT_SOA("lookup.nxdomain_without_soa", true,
            "DNS resolver answered NXDOMAIN for {name} without the SML zone's SOA ({zone}): it cannot see the Peppol SML"),
    DNS_SERVFAIL("lookup.dns_servfail", true, "DNS answered SERVFAIL for {name}"),
    DNS_RCODE("lookup.dns_rcode", false, "DNS answered {rcode} for {name}"),
    NAPTR_UNUSABLE("lookup.naptr_unusable", false, "unusable NAPTR regexp '{regexp}' for {name}"),
    SML_SMP_URL_UNUSABLE("lookup.sml_smp_url_unusable", false, "SML gave an unusable SMP URL '{url}'"),
    // --- the SML zone, checked before a run looks anybody up (the run's error)
    SML_ZONE_QUERY_FAILED("lookup.sml_zone_query_failed", true,
            "The SML cannot be seen, nothing was changed: the DNS query for the SML zone {zone} failed: {detail}"),
    SML_ZONE_RCODE("lookup.sml_zone_rcode", true,
            "The SML cannot be seen, nothing was changed: DNS answered {rcode} for the SML zone {zone}: the resolver cannot see the Peppol SML"),
    SML_ZONE_NO_SOA("lookup.sml_zone_no_soa", true,
            "The SML cannot be seen, nothing was changed: DNS gave no SOA for the SML zone {zone}: the resolver cannot see the Peppol SML"),
    // --- asking the SMP ({request}: ServiceGroup or ServiceMetadata)
    PARTICIPANT_INVALID("lookup.participant_invalid", false, "invalid participant identifier {participant}"),
    INTERRUPTED("lookup.interrupted", true, "the look-up was interrupted"),
    SMP_URL_UNUSABLE("lookup.smp_url_unusable", false, "{request} from {host} failed: unusable SMP URL {url}"),
    SMP_TIMEOUT("lookup.smp_timeout", true, "{request} from {host} failed: the SMP did not answer within {seconds} s"),
    SMP_UNREACHABLE("lookup.smp_unreachable", true, "{request} from {host} failed: unreachable: {detail}"),
    SMP_SERVER_ERROR("lookup.smp_server_error", true, "{request} from {host} failed: HTTP {status}"),
    SMP_RATE_LIMITED("lookup.smp_rate_limited", true, "{request} from {host} failed: HTTP 429, too many requests"),
    SMP_HTTP_STATUS("lookup.smp_http_status", false, "{request} from {host} failed: HTTP {status}"),
    /** HTTP 404: the SMP does not know the participant (not registered), or a listed document type is missing. */
    SMP_NOT_FOUND("lookup.smp_not_found", false, "{request} from {host} failed: HTTP 404"),
    SMP_PROTOCOL_ERROR("lookup.smp_protocol_error", false, "{request} from {host} failed: HTTP protocol error: {detail}"),
    SMP_ANSWER_TOO_LARGE("lookup.smp_answer_too_large", false, "{request} from {host} failed: the answer exceeds the limit of {limit} bytes"),
    // --- what the SMP answered
    SMP_MALFORMED("lookup.smp_malformed", false, "{request} from {host} failed: unreadable answer: {detail}"),
    SMP_FOREIGN_ANSWER("lookup.smp_foreign_answer", false,
            "{request} from {host} failed: the answer is no {expected} of the Peppol SMP namespace but {root}"),
    SMP_UNSIGNED("lookup.smp_unsigned", false, "{request} from {host} failed: the SMP signature does not hold: the answer carries no signature of its own"),
    SMP_SIGNATURE_INVALID("lookup.smp_signature_invalid", false, "{request} from {host} failed: the SMP signature does not hold: {detail}"),
    SMP_CERTIFICATE_EXPIRED("lookup.smp_certificate_expired", false,
            "{request} from {host} failed: the SMP signature does not hold: the SMP signing certificate expired on {notAfter}"),
    SMP_CERTIFICATE_NOT_YET_VALID("lookup.smp_certificate_not_yet_valid", false,
            "{request} from {host} failed: the SMP signature does not hold: the SMP signing certificate is only valid from {notBefore}"),
    SMP_CERTIFICATE_UNTRUSTED("lookup.smp_certificate_untrusted", false,
            "{request} from {host} failed: the SMP signature does not hold: the SMP signing certificate ({subject}) does not chain to a Peppol SMP CA: {detail}"),
    REDIRECT_INVALID("lookup.redirect_invalid", false, "{request} from {host} failed: the Redirect's href '{href}' is no HTTP URL"),
    REDIRECT_CERTIFICATE_MISMATCH("lookup.redirect_certificate_mismatch", false,
            "{request} from {host} failed: the certificate UID of the Redirect ('{certificateUid}') does not name the certificate signing its target ('{subject}')"),
    WRONG_PARTICIPANT("lookup.wrong_participant", false, "{request} from {host} is about participant {answered}, not {asked}"),
    WRONG_DOCUMENT_TYPE("lookup.wrong_document_type", false, "ServiceMetadata from {host} is about document type {answered}, not {asked}"),
    METADATA_NO_INFORMATION("lookup.metadata_no_information", false,
            "ServiceMetadata from {host} has no ServiceInformation (or redirects more than once)"),
    METADATA_MISSING("lookup.metadata_missing", false, "ServiceMetadata listed in the ServiceGroup of {host} answered 404"),
    // --- found, but a sender would refuse the invoice endpoint
    NO_ACTIVE_INVOICE_ENDPOINT("lookup.no_active_invoice_endpoint", false, "no active BIS Billing 3.0 endpoint ({transport}) for the invoice"),
    NO_ACTIVE_CREDIT_NOTE_ENDPOINT("lookup.no_active_credit_note_endpoint", false,
            "no active BIS Billing 3.0 endpoint ({transport}) for the credit note"),
    CERTIFICATE_MISSING("lookup.certificate_missing", false, "the endpoint certificate is missing or unreadable"),
    CERTIFICATE_EXPIRED("lookup.certificate_expired", false, "the endpoint certificate expired on {notAfter}"),
    CERTIFICATE_NOT_YET_VALID("lookup.certificate_not_yet_valid", false, "the endpoint certificate is only valid from {notBefore}"),
    CERTIFICATE_UNTRUSTED("lookup.certificate_untrusted", false,
            "the endpoint certificate (issuer {issuer}) does not chain to a Peppol access-point CA: {detail}"),
    CERTIFICATE_UNCHECKED("lookup.certificate_unchecked", false, "the endpoint certificate could not be checked: {detail}"),
    // --- a refresh run's item that failed on every attempt
    RUN_LOOKUP_CRASHED("run.lookup_crashed", true, "look-up failed: {detail}"),
    RUN_WRITE_FAILED("run.write_failed", true, "write failed: {detail}");

    /** The name of the codes' enum in openapi.yaml. */
    public static final String SCHEMA = "PeppolLookupErrorCode";

    /** A param in a template: {@code {name}} (a holder: enum constructors cannot read the enum's own statics). */
    private static final class Templates {
        static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
    }

    private final String code;
    private final boolean transientFailure;
    private final String template;
    private final List<String> params;

    LookupError(String code, boolean transientFailure, String template) {
        this.code = code;
        this.transientFailure = transientFailure;
        this.template = template;
        List<String> names = new ArrayList<>();
        Matcher m = Templates.PARAM.matcher(template);
        while (m.find()) names.add(m.group(1));
        this.params = List.copyOf(names);
    }

    /** As stored and served ({@code errorCode}). */
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static LookupError ofCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a look-up error code: " + code));
    }

    /** A timeout, an unreachable host, 5xx, 429, a resolver that cannot see the SML: a retry may help. */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** The names of its params, in the order the English text uses them. */
    public List<String> params() {
        return params;
    }

    /** The English template, for openapi.yaml. */
    public String template() {
        return template;
    }

    /**
     * This error with its params given as name, value pairs; exactly the names of the template.
     * @throws IllegalArgumentException when a param is missing or unknown
     */
    public LookupFailure of(Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) map.put((String) nameValues[i], nameValues[i + 1]);
        return new LookupFailure(this, map);
    }

    /** The English text with the params in place. */
    String message(Map<String, Object> values) {
        Matcher m = Templates.PARAM.matcher(template);
        StringBuilder text = new StringBuilder();
        while (m.find()) m.appendReplacement(text, Matcher.quoteReplacement(String.valueOf(values.get(m.group(1)))));
        m.appendTail(text);
        return text.toString();
    }
}
