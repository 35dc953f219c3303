package be.fiduciaire.tracker.peppol.lookup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import com.helger.peppol.smp.ESMPTransportProfile;
import com.helger.peppolid.CIdentifier;
import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.IProcessIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;

import be.fiduciaire.tracker.peppol.PeppolConfig;
import be.fiduciaire.tracker.peppol.PeppolConfigValidator;
import be.fiduciaire.tracker.peppol.PeppolStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Looks a client up on the Peppol network: SML (U-NAPTR) → SMP ServiceGroup → invoice and credit-note
 * ServiceMetadata, then classifies (peppol.md). Thread-safe; SMP hosts are limited to
 * {@code peppol.refresh-per-host} concurrent look-ups; transient failures are retried with backoff.
 */
@ApplicationScoped
public class PeppolLookup {
    public static final String PRODUCTION_ZONE = "participant.sml.prod.tech.peppol.org";
    public static final String TEST_ZONE = "participant.sml.test.tech.peppol.org";
    public static final String INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final IDocumentTypeIdentifier INVOICE_ID = IDS.createDocumentTypeIdentifierWithDefaultScheme(INVOICE);
    private static final IDocumentTypeIdentifier CREDIT_NOTE_ID = IDS.createDocumentTypeIdentifierWithDefaultScheme(CREDIT_NOTE);
    private static final IProcessIdentifier PROCESS_ID = IDS.createProcessIdentifierWithDefaultScheme(BILLING_PROCESS);
    private static final ESMPTransportProfile AS4 = ESMPTransportProfile.TRANSPORT_PROFILE_PEPPOL_AS4_V2;

    @Inject
    PeppolConfig config;

    @Inject
    MeterRegistry metrics;

    private SmlResolver sml;
    private SmpHttp smp;
    private URI fixedSmp;
    private final ConcurrentHashMap<String, Semaphore> hostPermits = new ConcurrentHashMap<>();
    /** Endpoint certificates by their published (base64) text; more than this and the memory starts over. */
    private static final int MAX_ENDPOINT_CERTIFICATES = 4096;
    private final ConcurrentHashMap<String, EndpointCertificate> endpointCertificates = new ConcurrentHashMap<>();
    private PeppolTrust trust;
    private Timer timer;
    private final java.util.EnumMap<PeppolStatus, Counter> counters = new java.util.EnumMap<>(PeppolStatus.class);

    @PostConstruct
    void init() {
        if (!PeppolConfigValidator.problems(config).isEmpty()) return; // start-up fails with the validator's message
        String zone = config.smlZone().orElse("test".equals(config.sml()) ? TEST_ZONE : PRODUCTION_ZONE);
        InetSocketAddress dns = config.dnsServer().map(PeppolConfigValidator::parseHostPort)
                .map(hp -> new InetSocketAddress(hp[0], Integer.parseInt(hp[1]))).orElse(null);
        sml = new SmlResolver(zone, dns, config.dnsTimeout());
        try {
            trust = PeppolTrust.of("test".equals(config.sml()), config.apTruststore().map(Path::of).orElse(null),
                    config.smpTruststore().map(Path::of).orElse(null));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Peppol CA certificates could not be loaded: " + e.getMessage(), e);
        }
        smp = new SmpHttp(config.smpConnectTimeout(), config.smpResponseTimeout(), config.smpMaxResponseBytes(),
                Math.max(config.refreshConcurrency(), config.refreshPerHost()) * 2, config.smpVerifySignature(), trust);
        fixedSmp = config.smpUrl().map(url -> URI.create(url.endsWith("/") ? url : url + "/")).orElse(null);
        for (PeppolStatus status : PeppolStatus.values())
            counters.put(status, Counter.builder("peppol.lookups").description("Peppol look-ups by outcome")
                    .tag("outcome", status.name()).register(metrics));
        timer = Timer.builder("peppol.lookup.duration").description("Duration of a client's Peppol look-up").register(metrics);
        if (!config.smpVerifySignature())
            Log.warn("Peppol SMP signature verification is OFF (PEPPOL_SMP_VERIFY_SIGNATURE=false): only for tests and private networks");
        Log.infof("Peppol look-ups: %s", fixedSmp != null ? "every participant at SMP " + fixedSmp
                : "SML zone " + zone + (dns != null ? " via DNS " + dns : " via the system's DNS"));
        Log.infof("Peppol CAs: access points from %s, SMP signatures from %s",
                config.apTruststore().orElse("the " + config.sml() + " network's Peppol AP CAs"),
                config.smpTruststore().orElse("the " + config.sml() + " network's Peppol SMP CAs"));
    }

    @PreDestroy
    void close() throws Exception {
        if (smp != null) smp.close();
    }

    /**
     * One SOA query for the SML zone apex, for a run to make before looking anyone up: when the zone cannot be
     * seen, every NXDOMAIN would be a false "not registered". Reachable when look-ups go to a fixed SMP.
     */
    public SmlResolver.SmlHealth checkZone() {
        if (fixedSmp != null) return new SmlResolver.SmlHealth(true, null, null);
        return sml.checkZone();
    }

    /** Looks a client up, retrying transient failures with exponential backoff. */
    public LookupResult lookup(String enterpriseNumber, String vatNumber) {
        List<String> candidates = ParticipantIds.candidates(enterpriseNumber, vatNumber);
        LookupResult result;
        if (candidates.isEmpty()) {
            result = LookupResult.noIdentifier();
        } else {
            long start = System.nanoTime();
            int requests = 0;
            Duration backoff = config.refreshRetryBackoff();
            int attempt = 0;
            while (true) {
                int[] count = {0};
                result = lookupOnce(candidates, count);
                requests += count[0];
                if (result.status() != PeppolStatus.LOOKUP_FAILED || !result.transientFailure() || attempt >= config.refreshRetries()) break;
                attempt++;
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            timer.record(took);
            result = result.withRequests(requests, took);
        }
        counters.get(result.status()).increment();
        return result;
    }

    /**
     * Asks every identifier of the client (0208, then 9925), each judged on its own (the diagnosis compares them);
     * the client's outcome is the first that can receive invoices, else a failure, else Hermes, else what was found.
     */
    private LookupResult lookupOnce(List<String> candidates, int[] requests) {
        List<LookupResult> results = new ArrayList<>();
        List<LookupResult.IdentifierCheck> checks = new ArrayList<>();
        for (String candidate : candidates) {
            LookupResult r = lookupParticipant(candidate, requests);
            results.add(r);
            checks.add(LookupResult.IdentifierCheck.of(candidate, r));
        }
        return decide(results).withIdentifiers(List.copyOf(checks));
    }

    private static LookupResult decide(List<LookupResult> results) {
        for (LookupResult r : results) if (r.status() == PeppolStatus.REGISTERED) return r;
        LookupResult failed = null;
        LookupResult hermes = null;
        LookupResult found = null;
        for (LookupResult r : results) {
            if (r.status() == PeppolStatus.LOOKUP_FAILED && failed == null) failed = r;
            if (r.status() == PeppolStatus.HERMES_ONLY && hermes == null) hermes = r;
            if (r.status() == PeppolStatus.NOT_REGISTERED && r.participantId() != null && found == null) found = r;
        }
        if (failed != null) return failed;
        if (hermes != null) return hermes;
        if (found != null) return found;
        return results.get(0);
    }

    /** One participant identifier such as {@code 0208:0123456749}. */
    LookupResult lookupParticipant(String value, int[] requests) {
        URI base = fixedSmp;
        if (base == null) {
            SmlResolver.Result resolved = sml.resolve(value);
            if (resolved instanceof SmlResolver.NotFound) return notRegistered(null);
            if (resolved instanceof SmlResolver.Failed f) return failed(null, f.failure());
            String url = ((SmlResolver.Found) resolved).smpUrl();
            try {
                base = URI.create(url.endsWith("/") ? url : url + "/");
                if (base.getHost() == null) throw new IllegalArgumentException("no host");
            } catch (IllegalArgumentException e) {
                return failed(null, LookupError.SML_SMP_URL_UNUSABLE.of("url", url));
            }
        }
        String host = base.getHost().toLowerCase(Locale.ROOT);
        IParticipantIdentifier participant = IDS.createParticipantIdentifierWithDefaultScheme(value.toLowerCase(Locale.ROOT));
        if (participant == null) return failed(host, LookupError.PARTICIPANT_INVALID.of("participant", value));
        Semaphore permits = hostPermits.computeIfAbsent(host, h -> new Semaphore(config.refreshPerHost()));
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(host, LookupError.INTERRUPTED.of());
        }
        try {
            return readSmp(base, participant, value, host, requests);
        } finally {
            permits.release();
        }
    }

    private LookupResult readSmp(URI base, IParticipantIdentifier participant, String value, String host, int[] requests) {
        SmpAnswers.ServiceGroup group;
        try {
            requests[0]++;
            group = smp.serviceGroup(base, participant);
        } catch (SmpHttp.SmpException e) {
            // 404: the SML knows the participant, its SMP does not
            return e.kind == SmpHttp.SmpException.Kind.NOT_FOUND ? notRegistered(host) : failed(host, e.failure);
        }
        if (!sameParticipant(group.participant(), value))
            return failed(host, LookupError.WRONG_PARTICIPANT.of("request", SmpHttp.SERVICE_GROUP, "host", host,
                    "answered", group.participant().describe(), "asked", ParticipantIds.SCHEME + "::" + value));
        List<String> hrefs = group.hrefs();
        List<String> documentTypes = hrefs.stream().map(PeppolLookup::documentTypeOf).filter(t -> t != null).distinct().toList();
        String participantId = value.startsWith("9925:") ? "9925:" + value.substring(5).toUpperCase(Locale.ROOT) : value;
        boolean hermesSmp = isHermesSmp(host) || hrefs.stream().anyMatch(href -> mayNameAHermesSmp(href) && isHermesSmp(hostOf(href)));

        Judged invoice = null;
        if (documentTypes.contains(INVOICE_ID.getURIEncoded())) {
            requests[0]++;
            try {
                invoice = judge(base, participant, value, INVOICE_ID, host, true);
            } catch (Refused e) {
                if (!hermesSmp) return e.result;
            }
        }
        Judged creditNote = null;
        if (documentTypes.contains(CREDIT_NOTE_ID.getURIEncoded())) {
            requests[0]++;
            try {
                creditNote = judge(base, participant, value, CREDIT_NOTE_ID, host, false);
            } catch (Refused e) {
                // judged apart: a credit note that cannot be read never undoes an active invoice endpoint
                Log.debugf("Credit note of %s not receivable: %s", value, e.result.error());
            }
        }
        AccessPoint accessPoint = invoice == null ? null : invoice.accessPoint;
        String endpointUrl = invoice == null ? null : invoice.endpointUrl;
        if (hermesSmp || (endpointUrl != null && isHermesEndpoint(endpointUrl)))
            // Hermes was switched off on 31 December 2025: known there, nothing is delivered
            return new LookupResult(PeppolStatus.HERMES_ONLY, participantId, accessPoint, host, endpointUrl, documentTypes,
                    false, null, 0, Duration.ZERO, false, null, List.of());
        boolean canReceiveInvoices = invoice != null && invoice.problem == null;
        LookupFailure problem = invoice == null ? null : invoice.problem;
        return new LookupResult(canReceiveInvoices ? PeppolStatus.REGISTERED : PeppolStatus.NOT_REGISTERED, participantId,
                accessPoint, host, endpointUrl, documentTypes, canReceiveInvoices, problem, 0, Duration.ZERO,
                creditNote != null && creditNote.problem == null, invoice == null ? null : invoice.certificateNotAfter, List.of());
    }

    /** The active endpoint's provider and URL, and why a sender would refuse it (null when it would not). */
    private record Judged(AccessPoint accessPoint, String endpointUrl, LookupFailure problem, Instant certificateNotAfter) {}

    /** A ServiceMetadata that is no answer: the look-up failed. */
    private static final class Refused extends Exception {
        final transient LookupResult result;

        Refused(LookupResult result) {
            super(result.error(), null, false, false);
            this.result = result;
        }
    }

    /**
     * Reads one document type's ServiceMetadata and judges its endpoint: the answer must be about the participant
     * and document type asked, and only the BIS Billing 3.0 process over AS4, active now, counts. The endpoint's
     * address is read only {@code withAddress}.
     */
    private Judged judge(URI base, IParticipantIdentifier participant, String value,
                         IDocumentTypeIdentifier documentType, String host, boolean withAddress) throws Refused {
        SmpAnswers.ServiceMetadata metadata;
        try {
            metadata = smp.serviceMetadata(base, participant, documentType);
        } catch (SmpHttp.SmpException e) {
            if (e.kind == SmpHttp.SmpException.Kind.NOT_FOUND) throw new Refused(failed(host, LookupError.METADATA_MISSING.of("host", host)));
            throw new Refused(failed(host, e.failure));
        }
        SmpAnswers.ServiceInformation information = metadata.information();
        if (information == null) throw new Refused(failed(host, LookupError.METADATA_NO_INFORMATION.of("host", host)));
        if (!sameParticipant(information.participant(), value))
            throw new Refused(failed(host, LookupError.WRONG_PARTICIPANT.of("request", SmpHttp.SERVICE_METADATA, "host", host,
                    "answered", information.participant().describe(), "asked", ParticipantIds.SCHEME + "::" + value)));
        SmpAnswers.Identifier answeredDocument = information.documentType();
        if (!documentType.getScheme().equals(answeredDocument.scheme())
                || !documentType.getValue().equalsIgnoreCase(answeredDocument.value() == null ? "" : answeredDocument.value().trim()))
            throw new Refused(failed(host, LookupError.WRONG_DOCUMENT_TYPE.of("host", host, "answered", answeredDocument.describe(),
                    "asked", documentType.getURIEncoded())));
        Instant now = Instant.now();
        SmpAnswers.Endpoint endpoint = activeBillingEndpoint(information, now);
        if (endpoint == null)
            return new Judged(null, null, (documentType.hasSameContent(INVOICE_ID) ? LookupError.NO_ACTIVE_INVOICE_ENDPOINT
                    : LookupError.NO_ACTIVE_CREDIT_NOTE_ENDPOINT).of("transport", AS4.getID()), null);
        EndpointCertificate certificate = endpointCertificate(endpoint);
        LookupFailure problem = certificate.certificate() == null ? LookupError.CERTIFICATE_MISSING.of()
                : trust.accessPointProblem(certificate.certificate(), now);
        return new Judged(certificate.accessPoint(), withAddress ? endpoint.address() : null, problem,
                certificate.certificate() == null ? null : certificate.certificate().getNotAfter().toInstant());
    }

    /** An endpoint's certificate as parsed from its published text, and the provider its subject names. */
    private record EndpointCertificate(X509Certificate certificate, AccessPoint accessPoint) {}

    private static final EndpointCertificate NO_CERTIFICATE = new EndpointCertificate(null, null);

    /**
     * The endpoint's certificate, parsed once per published text: a portfolio shares a few access points (their
     * validity and chain are still judged at every look-up, {@link PeppolTrust#accessPointProblem}).
     */
    private EndpointCertificate endpointCertificate(SmpAnswers.Endpoint endpoint) {
        String published = endpoint.certificate();
        if (published == null || published.isBlank()) return NO_CERTIFICATE;
        EndpointCertificate parsed = endpointCertificates.get(published);
        if (parsed != null) return parsed;
        X509Certificate certificate;
        try {
            certificate = SmpAnswers.certificate(published);
        } catch (Exception e) {
            certificate = null;
        }
        parsed = certificate == null ? NO_CERTIFICATE : new EndpointCertificate(certificate, AccessPoint.of(certificate));
        if (endpointCertificates.size() >= MAX_ENDPOINT_CERTIFICATES) endpointCertificates.clear();
        endpointCertificates.put(published, parsed);
        return parsed;
    }

    /** The first AS4 endpoint of the BIS Billing 3.0 process whose activation ≤ now < expiration. */
    private static SmpAnswers.Endpoint activeBillingEndpoint(SmpAnswers.ServiceInformation information, Instant now) {
        for (SmpAnswers.Process process : information.processes()) {
            if (!PROCESS_ID.getScheme().equals(process.id().scheme())
                    || !BILLING_PROCESS.equals(process.id().value() == null ? null : process.id().value().trim()))
                continue;
            for (SmpAnswers.Endpoint endpoint : process.endpoints()) {
                if (!AS4.getID().equals(endpoint.transportProfile())) continue;
                if (endpoint.activation() != null && endpoint.activation().isAfter(now)) continue;
                if (endpoint.expiration() != null && !endpoint.expiration().isAfter(now)) continue;
                return endpoint;
            }
        }
        return null;
    }

    /** Peppol policy: the scheme is case-sensitive, iso6523-actorid-upis values are not. */
    private static boolean sameParticipant(SmpAnswers.Identifier answered, String asked) {
        return ParticipantIds.SCHEME.equals(answered.scheme()) && answered.value() != null && answered.value().trim().equalsIgnoreCase(asked);
    }

    /**
     * The raw document type identifier of a ServiceMetadataReference ({@code .../services/{id}}, percent-decoded),
     * kept even when the library's identifier parser rejects it (PINT wildcards, sloppy registrations).
     */
    static String documentTypeOf(String href) {
        String decoded = CIdentifier.createPercentDecoded(href);
        int at = decoded.toLowerCase(Locale.ROOT).lastIndexOf("/services/");
        if (at < 0) return null;
        String id = decoded.substring(at + "/services/".length()).trim();
        return id.isEmpty() ? null : id;
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null; // an unparsable URL is nobody's
        }
    }

    private static boolean hostIn(String host, List<String> hosts) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        for (String candidate : hosts) {
            String c = candidate.trim().toLowerCase(Locale.ROOT);
            if (!c.isEmpty() && (h.equals(c) || h.endsWith("." + c))) return true;
        }
        return false;
    }

    /** False when the text names none of the Hermes SMP hosts at all (then its host cannot be one; no URI parsed). */
    private boolean mayNameAHermesSmp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String candidate : config.hermes().smpHosts()) {
            String c = candidate.trim().toLowerCase(Locale.ROOT);
            if (!c.isEmpty() && lower.contains(c)) return true;
        }
        return false;
    }

    boolean isHermesSmp(String host) {
        return hostIn(host, config.hermes().smpHosts());
    }

    boolean isHermesEndpoint(String endpointUrl) {
        return hostIn(hostOf(endpointUrl), config.hermes().endpointHosts());
    }

    private static LookupResult notRegistered(String host) {
        return new LookupResult(PeppolStatus.NOT_REGISTERED, null, null, host, null, List.of(), false, null, 0, Duration.ZERO);
    }

    /**
     * A failed look-up. Whether a retry may help is the code's: 5xx, 429, timeouts and unreachable hosts are
     * transient; everything the SMP actually answered wrongly (bad signature, CertificateUID mismatch, malformed or
     * foreign XML, other 4xx) is permanent ({@link LookupError#transientFailure()}).
     */
    private static LookupResult failed(String host, LookupFailure failure) {
        return new LookupResult(PeppolStatus.LOOKUP_FAILED, null, null, host, null, List.of(), false, failure, 0, Duration.ZERO);
    }
}
