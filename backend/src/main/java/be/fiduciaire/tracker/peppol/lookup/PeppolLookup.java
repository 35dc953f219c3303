package be.fiduciaire.tracker.peppol.lookup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.HttpResponseException;

import com.helger.peppol.security.PeppolTrustStores;
import com.helger.peppol.smp.ESMPTransportProfile;
import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.IProcessIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.smpclient.exception.SMPClientBadResponseException;
import com.helger.smpclient.exception.SMPClientException;
import com.helger.smpclient.exception.SMPClientNotFoundException;
import com.helger.smpclient.exception.SMPClientParticipantNotFoundException;
import com.helger.smpclient.peppol.SMPClientReadOnly;
import com.helger.xsds.peppol.smp1.EndpointType;
import com.helger.xsds.peppol.smp1.ProcessType;
import com.helger.xsds.peppol.smp1.ServiceGroupType;
import com.helger.xsds.peppol.smp1.SignedServiceMetadataType;

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
    private Pattern hermesOrganisation;
    private Timer timer;
    private final java.util.EnumMap<PeppolStatus, Counter> counters = new java.util.EnumMap<>(PeppolStatus.class);

    @PostConstruct
    void init() {
        if (!PeppolConfigValidator.problems(config).isEmpty()) return; // start-up fails with the validator's message
        if (!CachingJaxbContextFactory.install())
            Log.debug("JAXB context cache for W3CEndpointReference not installed (separate class loaders)");
        String zone = config.smlZone().orElse("test".equals(config.sml()) ? TEST_ZONE : PRODUCTION_ZONE);
        InetSocketAddress dns = config.dnsServer().map(PeppolConfigValidator::parseHostPort)
                .map(hp -> new InetSocketAddress(hp[0], Integer.parseInt(hp[1]))).orElse(null);
        sml = new SmlResolver(zone, dns, config.dnsTimeout());
        KeyStore trustStore = "test".equals(config.sml()) ? PeppolTrustStores.Config2025.TRUSTSTORE_SMP_TEST
                : PeppolTrustStores.Config2025.TRUSTSTORE_SMP_PRODUCTION;
        smp = new SmpHttp(config.smpConnectTimeout(), config.smpResponseTimeout(), config.smpMaxResponseBytes(),
                Math.max(config.refreshConcurrency(), config.refreshPerHost()) * 2, config.smpVerifySignature(), trustStore);
        fixedSmp = config.smpUrl().map(url -> URI.create(url.endsWith("/") ? url : url + "/")).orElse(null);
        hermesOrganisation = Pattern.compile(config.hermes().organisationPattern());
        for (PeppolStatus status : PeppolStatus.values())
            counters.put(status, Counter.builder("peppol.lookups").description("Peppol look-ups by outcome")
                    .tag("outcome", status.name()).register(metrics));
        timer = Timer.builder("peppol.lookup.duration").description("Duration of a client's Peppol look-up").register(metrics);
        if (!config.smpVerifySignature())
            Log.warn("Peppol SMP signature verification is OFF (PEPPOL_SMP_VERIFY_SIGNATURE=false): only for tests and private networks");
        Log.infof("Peppol look-ups: %s", fixedSmp != null ? "every participant at SMP " + fixedSmp
                : "SML zone " + zone + (dns != null ? " via DNS " + dns : " via the system's DNS"));
    }

    @PreDestroy
    void close() throws Exception {
        if (smp != null) smp.close();
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

    private LookupResult lookupOnce(List<String> candidates, int[] requests) {
        List<LookupResult> results = new ArrayList<>();
        for (String candidate : candidates) {
            LookupResult r = lookupParticipant(candidate, requests);
            if (r.status() == PeppolStatus.REGISTERED) return r;
            results.add(r);
        }
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
            if (resolved instanceof SmlResolver.Failed f) return failed(null, f.error(), f.transientFailure());
            String url = ((SmlResolver.Found) resolved).smpUrl();
            try {
                base = URI.create(url.endsWith("/") ? url : url + "/");
                if (base.getHost() == null) throw new IllegalArgumentException("no host");
            } catch (IllegalArgumentException e) {
                return failed(null, "SML gave an unusable SMP URL '" + url + "'", false);
            }
        }
        String host = base.getHost().toLowerCase(Locale.ROOT);
        IParticipantIdentifier participant = IDS.createParticipantIdentifierWithDefaultScheme(value.toLowerCase(Locale.ROOT));
        if (participant == null) return failed(host, "invalid participant identifier " + value, false);
        Semaphore permits = hostPermits.computeIfAbsent(host, h -> new Semaphore(config.refreshPerHost()));
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(host, "interrupted", true);
        }
        try {
            return readSmp(smp.client(base), participant, value, host, requests);
        } finally {
            permits.release();
        }
    }

    private LookupResult readSmp(SMPClientReadOnly client, IParticipantIdentifier participant, String value, String host, int[] requests) {
        ServiceGroupType group;
        try {
            requests[0]++;
            group = client.getServiceGroup(participant);
        } catch (SMPClientNotFoundException e) {
            return notRegistered(host); // the SML knows the participant, its SMP does not (404)
        } catch (SMPClientException e) {
            return failure(host, "ServiceGroup", e);
        }
        List<String> documentTypes = new ArrayList<>();
        boolean invoice = false;
        boolean creditNote = false;
        for (IDocumentTypeIdentifier documentType : SMPClientReadOnly.getAllDocumentTypes(group)) {
            documentTypes.add(documentType.getURIEncoded());
            invoice |= documentType.hasSameContent(INVOICE_ID);
            creditNote |= documentType.hasSameContent(CREDIT_NOTE_ID);
        }
        String participantId = value.startsWith("9925:") ? "9925:" + value.substring(5).toUpperCase(Locale.ROOT) : value;
        EndpointType invoiceEndpoint = null;
        EndpointType anyEndpoint = null;
        try {
            if (invoice) {
                requests[0]++;
                SignedServiceMetadata metadata = read(client, participant, INVOICE_ID);
                invoiceEndpoint = metadata.active;
                anyEndpoint = metadata.any;
            }
            if (creditNote) {
                requests[0]++;
                SignedServiceMetadata metadata = read(client, participant, CREDIT_NOTE_ID);
                if (anyEndpoint == null) anyEndpoint = metadata.active != null ? metadata.active : metadata.any;
            }
        } catch (SMPClientNotFoundException e) {
            return failed(host, "ServiceMetadata listed in the ServiceGroup answered 404", false);
        } catch (SMPClientException e) {
            return failure(host, "ServiceMetadata", e);
        }
        EndpointType endpoint = invoiceEndpoint != null ? invoiceEndpoint : anyEndpoint;
        AccessPoint accessPoint = null;
        String endpointUrl = null;
        if (endpoint != null) {
            endpointUrl = SMPClientReadOnly.getEndpointAddress(endpoint);
            try {
                X509Certificate certificate = SMPClientReadOnly.getEndpointCertificate(endpoint);
                accessPoint = AccessPoint.of(certificate);
            } catch (Exception e) {
                Log.debugf("Unreadable endpoint certificate for %s: %s", value, e.getMessage());
            }
        }
        PeppolStatus status = invoiceEndpoint == null ? PeppolStatus.NOT_REGISTERED
                : isHermes(endpointUrl, accessPoint) ? PeppolStatus.HERMES_ONLY : PeppolStatus.REGISTERED;
        return new LookupResult(status, participantId, accessPoint, host, endpointUrl, List.copyOf(documentTypes),
                invoiceEndpoint != null, null, false, 0, Duration.ZERO);
    }

    private record SignedServiceMetadata(EndpointType active, EndpointType any) {}

    private static SignedServiceMetadata read(SMPClientReadOnly client, IParticipantIdentifier participant,
                                              IDocumentTypeIdentifier documentType) throws SMPClientException {
        SignedServiceMetadataType metadata = client.getServiceMetadata(participant, documentType, (followed, href) -> { });
        if (metadata == null || metadata.getServiceMetadata() == null)
            throw new SMPClientBadResponseException("empty ServiceMetadata");
        if (metadata.getServiceMetadata().getServiceInformation() == null)
            throw new SMPClientBadResponseException("ServiceMetadata redirects more than once");
        EndpointType active = SMPClientReadOnly.getEndpoint(metadata, PROCESS_ID, AS4);
        EndpointType any = null;
        var processes = metadata.getServiceMetadata().getServiceInformation().getProcessList();
        if (processes != null)
            for (ProcessType process : processes.getProcess())
                if (process.getServiceEndpointList() != null)
                    for (EndpointType endpoint : process.getServiceEndpointList().getEndpoint())
                        if (any == null && AS4.getID().equals(endpoint.getTransportProfile())) any = endpoint;
        return new SignedServiceMetadata(active, any);
    }

    boolean isHermes(String endpointUrl, AccessPoint accessPoint) {
        if (endpointUrl != null) {
            try {
                String host = URI.create(endpointUrl).getHost();
                if (host != null) {
                    host = host.toLowerCase(Locale.ROOT);
                    for (String h : config.hermes().endpointHosts()) {
                        String hermes = h.trim().toLowerCase(Locale.ROOT);
                        if (!hermes.isEmpty() && (host.equals(hermes) || host.endsWith("." + hermes))) return true;
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // an unparsable URL is not Hermes's
            }
        }
        if (accessPoint != null) {
            if (accessPoint.seatId() != null && config.hermes().seatIds().orElse(List.of()).stream()
                    .anyMatch(id -> id.trim().equalsIgnoreCase(accessPoint.seatId())))
                return true;
            return accessPoint.name() != null && hermesOrganisation.matcher(accessPoint.name()).matches();
        }
        return false;
    }

    private static LookupResult notRegistered(String host) {
        return new LookupResult(PeppolStatus.NOT_REGISTERED, null, null, host, null, List.of(), false, null, false, 0, Duration.ZERO);
    }

    private static LookupResult failed(String host, String error, boolean transientFailure) {
        return new LookupResult(PeppolStatus.LOOKUP_FAILED, null, null, host, null, List.of(), false, error, transientFailure, 0, Duration.ZERO);
    }

    /** Maps the SMP client's exceptions: 5xx, timeouts and refused connections are transient; bad answers are not. */
    private static LookupResult failure(String host, String what, SMPClientException e) {
        boolean transientFailure;
        Throwable cause = e.getCause();
        if (e instanceof SMPClientBadResponseException) {
            transientFailure = false;
        } else if (e instanceof SMPClientParticipantNotFoundException) {
            // the library folds "unknown host" and "connection refused" into this one: the SMP was unreachable
            transientFailure = true;
        } else if (cause instanceof HttpResponseException http) {
            transientFailure = http.getStatusCode() >= 500 || http.getStatusCode() == 429;
        } else {
            transientFailure = !(e.getMessage() != null && e.getMessage().contains("Unmarshalling"));
        }
        String message = e.getMessage();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage())))
            message = (message == null ? "" : message + ": ") + cause.getMessage();
        return failed(host, what + " from " + host + " failed: " + message, transientFailure);
    }
}
