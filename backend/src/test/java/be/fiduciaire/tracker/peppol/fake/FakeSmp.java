package be.fiduciaire.tracker.peppol.fake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Peppol SMP over plain HTTP serving real-format ServiceGroup and SignedServiceMetadata (XML-DSig signed with a
 * generated key), with faults per participant: 404, 500, slow answers, malformed XML, a Redirect, expired
 * endpoints. Counts requests per participant. Reachable as {@link #baseUrl()} (127.0.0.1) and {@link #altBaseUrl()}
 * (localhost), two SMP hosts for the look-up.
 */
public final class FakeSmp implements AutoCloseable {
    public static final String INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    public static final String AS4 = "peppol-transport-as4-v2_0";
    private static final String SCHEME = "iso6523-actorid-upis";
    private static final DateTimeFormatter XML_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public enum Fault { NONE, NOT_FOUND, SERVER_ERROR, SLOW, MALFORMED }

    /** An endpoint of one document type, by default of the BIS Billing 3.0 process over AS4. */
    public record Endpoint(String url, X509Certificate certificate, OffsetDateTime activation, OffsetDateTime expiration,
                           String process, String transport) {
        public Endpoint(String url, X509Certificate certificate, OffsetDateTime activation, OffsetDateTime expiration) {
            this(url, certificate, activation, expiration, PROCESS, AS4);
        }

        public static Endpoint active(String url, X509Certificate certificate) {
            return new Endpoint(url, certificate, OffsetDateTime.now(ZoneOffset.UTC).minusYears(1), OffsetDateTime.now(ZoneOffset.UTC).plusYears(5));
        }

        public static Endpoint expired(String url, X509Certificate certificate) {
            return new Endpoint(url, certificate, OffsetDateTime.now(ZoneOffset.UTC).minusYears(3), OffsetDateTime.now(ZoneOffset.UTC).minusYears(1));
        }

        /** Activated only next year. */
        public static Endpoint future(String url, X509Certificate certificate) {
            return new Endpoint(url, certificate, OffsetDateTime.now(ZoneOffset.UTC).plusYears(1), OffsetDateTime.now(ZoneOffset.UTC).plusYears(5));
        }

        public Endpoint withProcess(String p) {
            return new Endpoint(url, certificate, activation, expiration, p, transport);
        }

        public Endpoint withTransport(String t) {
            return new Endpoint(url, certificate, activation, expiration, process, t);
        }
    }

    /** What the SMP knows of one participant: endpoints per document type, faults and wrong answers to serve. */
    public static final class Participant {
        final Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
        final List<String> listedOnly = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<String, Boolean> redirected = new ConcurrentHashMap<>();
        final Map<String, Fault> documentFaults = new ConcurrentHashMap<>();
        volatile Fault fault = Fault.NONE;
        volatile String answerParticipant;
        volatile String groupParticipant;
        volatile String answerDocumentType;
        volatile TestCertificates.Issued signer;
        volatile boolean tampered;
        volatile String redirectCertificateUid;
        volatile String hrefBase;

        public Participant() {}

        /** The document type's only endpoint (replacing earlier ones). */
        public Participant endpoint(String documentType, Endpoint endpoint) {
            endpoints.put(documentType, new java.util.ArrayList<>(List.of(endpoint)));
            return this;
        }

        /** One more endpoint for the document type, after the others. */
        public Participant alsoEndpoint(String documentType, Endpoint endpoint) {
            endpoints.computeIfAbsent(documentType, k -> new java.util.ArrayList<>()).add(endpoint);
            return this;
        }

        /** A raw document type identifier (with its scheme) the ServiceGroup lists, without metadata behind it. */
        public Participant listed(String rawDocumentTypeId) {
            listedOnly.add(rawDocumentTypeId);
            return this;
        }

        /** The SMP answers this document type with a Redirect to the same metadata under another path. */
        public Participant redirect(String documentType) {
            redirected.put(documentType, true);
            return this;
        }

        /** A Redirect whose CertificateUID names another certificate than the one signing the target. */
        public Participant redirectCertificateUid(String uid) {
            redirectCertificateUid = uid;
            return this;
        }

        public Participant fault(Fault f) {
            fault = f;
            return this;
        }

        /** A fault for one document type's ServiceMetadata only (the ServiceGroup still lists it). */
        public Participant fault(String documentType, Fault f) {
            documentFaults.put(documentType, f);
            return this;
        }

        /** ServiceMetadata answers claim to be about this participant value (e.g. 0208:0000000097). */
        public Participant answerAbout(String participantValue) {
            answerParticipant = participantValue;
            return this;
        }

        /** The ServiceGroup claims to be about this participant value (e.g. 0208:0000000097). */
        public Participant serviceGroupAbout(String participantValue) {
            groupParticipant = participantValue;
            return this;
        }

        /** ServiceMetadata answers claim to be about this document type, whatever was asked. */
        public Participant answerDocumentType(String documentType) {
            answerDocumentType = documentType;
            return this;
        }

        /** ServiceMetadata answers are signed with this certificate instead of the SMP's. */
        public Participant signedBy(TestCertificates.Issued issued) {
            signer = issued;
            return this;
        }

        /** ServiceMetadata answers are altered after signing (the signature no longer matches). */
        public Participant tampered() {
            tampered = true;
            return this;
        }

        /** ServiceGroup references point at this base URL (e.g. https://smp.hermes-belgium.be/) instead of this SMP. */
        public Participant hrefBase(String baseUrl) {
            hrefBase = baseUrl;
            return this;
        }
    }

    private final HttpServer server;
    /** The same SMP on another loopback address, configured in tests as a Hermes SMP host. */
    private final HttpServer hermesServer;
    private final Map<String, Participant> participants = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicLong totalRequests = new AtomicLong();
    private final TestCertificates.Issued signer;
    private final long delayMillis;
    private final long slowMillis;
    /** When set, every unknown participant is registered like this one (benchmark). */
    private volatile Participant everyone;
    /**
     * How answers are signed: for each answer (tests), once per document type with only the participant id swapped
     * in (a benchmark without signature verification: the signatures no longer match), or once per participant and
     * document type, kept, with an RSA 2048 key as Peppol SMP certificates have (a benchmark verifying signatures;
     * {@link #presign} signs ahead of the timed run).
     */
    public enum Signing { EACH_ANSWER, TEMPLATE, PER_PARTICIPANT }

    private final Signing signing;
    private final Map<String, String> signedTemplates = new ConcurrentHashMap<>();

    public FakeSmp(long delayMillis, long slowMillis, int threads, boolean signOnce) throws IOException {
        this(delayMillis, slowMillis, threads, signOnce ? Signing.TEMPLATE : Signing.EACH_ANSWER);
    }

    public FakeSmp(long delayMillis, long slowMillis, int threads, Signing signing) throws IOException {
        this.delayMillis = delayMillis;
        this.slowMillis = slowMillis;
        this.signing = signing;
        // a benchmark signs like a Peppol SMP (RSA 2048, rsa-sha256); tests use a quicker EC key
        signer = signing == Signing.PER_PARTICIPANT
                ? TestCertificates.issueRsa("C=BE,O=Fake SMP,CN=fake-smp.test", TestCertificates.SMP_CA)
                : TestCertificates.issue("C=BE,O=Fake SMP,CN=fake-smp.test", TestCertificates.SMP_CA);
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms of stall per answer, which would measure the fake rather than the look-up.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fake-smp");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        hermesServer = HttpServer.create(new InetSocketAddress("127.0.0.2", server.getAddress().getPort()), 64);
        hermesServer.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-smp-hermes");
            t.setDaemon(true);
            return t;
        }));
        hermesServer.createContext("/", this::handle);
        hermesServer.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String altBaseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** This SMP under host 127.0.0.2, which the test configuration names as a Hermes SMP. */
    public String hermesBaseUrl() {
        return "http://127.0.0.2:" + server.getAddress().getPort() + "/";
    }

    /** The SMP's signing certificate (issued by the test SMP CA). */
    public X509Certificate signingCertificate() {
        return signer.certificate();
    }

    public Participant participant(String participantValue) {
        Participant p = new Participant();
        participants.put(participantValue.toLowerCase(Locale.ROOT), p);
        return p;
    }

    public void registerEveryone(Participant template) {
        everyone = template;
    }

    /** Requests received for a participant value such as {@code 0208:0123456749}. */
    public int requests(String participantValue) {
        AtomicInteger n = requests.get(participantValue.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    public long totalRequests() {
        return totalRequests.get();
    }

    /** An answer: its HTTP status and body, to be sent after {@code delayMillis}. */
    public record Reply(int status, String body, long delayMillis) {}

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = reply(exchange.getRequestURI().getRawPath(), () -> {
                try {
                    return exchange.getRequestBody().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sleep(reply.delayMillis());
            send(exchange, reply.status(), reply.body());
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    /**
     * The answer to a GET of {@code rawPath} (or the control requests {@code /__stats} and {@code POST /__presign},
     * whose body {@code requestBody} gives), counted, without waiting: the caller waits {@link Reply#delayMillis}.
     */
    public Reply reply(String rawPath, java.util.function.Supplier<byte[]> requestBody) {
        String path = rawPath.substring(1);
        if (path.equals("__stats")) return new Reply(200, Long.toString(totalRequests.get()), 0);
        if (path.equals("__presign")) {
            String body = new String(requestBody.get(), StandardCharsets.UTF_8);
            return new Reply(200, Integer.toString(presign(body.lines().map(String::trim).filter(l -> !l.isEmpty()).toList())), 0);
        }
        boolean redirectedPath = path.startsWith("redirected/");
        if (redirectedPath) path = path.substring("redirected/".length());
        int services = path.indexOf("/services/");
        String[] parts = services < 0 ? new String[] {path} : new String[] {path.substring(0, services), path.substring(services + "/services/".length())};
        String participantId = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String value = participantId.startsWith(SCHEME + "::") ? participantId.substring(SCHEME.length() + 2) : participantId;
        String key = value.toLowerCase(Locale.ROOT);
        totalRequests.incrementAndGet();
        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Participant participant = participants.get(key);
        if (participant == null) participant = everyone;
        long delay = participant != null && participant.fault == Fault.SLOW ? slowMillis : delayMillis;
        if (participant == null || participant.fault == Fault.NOT_FOUND) return new Reply(404, "<error>not found</error>", delay);
        if (participant.fault == Fault.SERVER_ERROR) return new Reply(500, "<error>internal error</error>", delay);
        if (participant.fault == Fault.MALFORMED)
            return new Reply(200, "<ServiceGroup xmlns=\"http://busdox.org/serviceMetadata/publishing/1.0/\"><ParticipantIdentifier", delay);
        if (parts.length == 1) return new Reply(200, serviceGroup(value, participant), delay);
        String documentId = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        String documentType = documentId.startsWith("busdox-docid-qns::") ? documentId.substring("busdox-docid-qns::".length()) : documentId;
        List<Endpoint> endpoints = participant.endpoints.get(documentType);
        Fault documentFault = participant.documentFaults.getOrDefault(documentType, Fault.NONE);
        if (endpoints == null || documentFault == Fault.NOT_FOUND) return new Reply(404, "<error>no such document type</error>", delay);
        if (documentFault == Fault.SERVER_ERROR) return new Reply(500, "<error>internal error</error>", delay);
        if (documentFault == Fault.MALFORMED)
            return new Reply(200, "<SignedServiceMetadata xmlns=\"http://busdox.org/serviceMetadata/publishing/1.0/\"><ServiceMetadata>", delay);
        if (!redirectedPath && participant.redirected.containsKey(documentType)) {
            String href = altBaseUrl() + "redirected/" + rawPath.substring(1);
            String uid = participant.redirectCertificateUid != null ? participant.redirectCertificateUid
                    : signer.certificate().getSubjectX500Principal().getName();
            return new Reply(200, sign(redirect(href, uid), signer), delay);
        }
        return new Reply(200, metadata(value, documentType, endpoints, participant), delay);
    }

    private static void sleep(long millis) {
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String serviceGroup(String value, Participant participant) {
        String participantPath = URLEncoder.encode(SCHEME + "::" + value, StandardCharsets.UTF_8);
        StringBuilder references = new StringBuilder();
        String base = participant.hrefBase != null ? participant.hrefBase : baseUrl();
        List<String> ids = new java.util.ArrayList<>();
        for (String documentType : participant.endpoints.keySet()) ids.add("busdox-docid-qns::" + documentType);
        ids.addAll(participant.listedOnly);
        for (String id : ids)
            references.append("<ServiceMetadataReference href=\"").append(escape(base)).append(participantPath).append("/services/")
                    .append(URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
                    .append("\"/>");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ServiceGroup xmlns="http://busdox.org/serviceMetadata/publishing/1.0/" xmlns:ids="http://busdox.org/transport/identifiers/1.0/">
                  <ids:ParticipantIdentifier scheme="iso6523-actorid-upis">%s</ids:ParticipantIdentifier>
                  <ServiceMetadataReferenceCollection>%s</ServiceMetadataReferenceCollection>
                </ServiceGroup>""".formatted(escape(participant.groupParticipant != null ? participant.groupParticipant : value), references).strip();
    }

    private String metadata(String value, String documentType, List<Endpoint> endpoints, Participant participant) {
        String aboutParticipant = participant.answerParticipant != null ? participant.answerParticipant : value;
        String aboutDocument = participant.answerDocumentType != null ? participant.answerDocumentType : documentType;
        if (signing == Signing.TEMPLATE) {
            String template = signedTemplates.computeIfAbsent(documentType + "|" + endpoints.get(0).url(),
                    k -> sign(unsignedMetadata("0208:template-participant", aboutDocument, endpoints), signer));
            return template.replace("0208:template-participant", escape(aboutParticipant));
        }
        if (signing == Signing.PER_PARTICIPANT)
            return signedTemplates.computeIfAbsent(aboutParticipant.toLowerCase(Locale.ROOT) + "|" + aboutDocument + "|" + endpoints.get(0).url(),
                    k -> sign(unsignedMetadata(aboutParticipant, aboutDocument, endpoints), signer));
        String signed = sign(unsignedMetadata(aboutParticipant, aboutDocument, endpoints),
                participant.signer != null ? participant.signer : signer);
        return participant.tampered ? signed.replace(escape(endpoints.get(0).url()), escape(endpoints.get(0).url() + "/tampered")) : signed;
    }

    private static String unsignedMetadata(String value, String documentType, List<Endpoint> endpoints) {
        StringBuilder processes = new StringBuilder();
        for (Endpoint endpoint : endpoints) {
            String certificate;
            try {
                certificate = Base64.getEncoder().encodeToString(endpoint.certificate().getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            processes.append("""
                        <Process>
                          <ids:ProcessIdentifier scheme="cenbii-procid-ubl">%s</ids:ProcessIdentifier>
                          <ServiceEndpointList>
                            <Endpoint transportProfile="%s">
                              <wsa:EndpointReference><wsa:Address>%s</wsa:Address></wsa:EndpointReference>
                              <RequireBusinessLevelSignature>false</RequireBusinessLevelSignature>
                              <ServiceActivationDate>%s</ServiceActivationDate>
                              <ServiceExpirationDate>%s</ServiceExpirationDate>
                              <Certificate>%s</Certificate>
                              <ServiceDescription>Test access point</ServiceDescription>
                              <TechnicalContactUrl>https://ap.example.com/contact</TechnicalContactUrl>
                            </Endpoint>
                          </ServiceEndpointList>
                        </Process>""".formatted(escape(endpoint.process()), escape(endpoint.transport()), escape(endpoint.url()),
                    endpoint.activation().format(XML_TIME), endpoint.expiration().format(XML_TIME), certificate));
        }
        return """
                <SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/" xmlns:ids="http://busdox.org/transport/identifiers/1.0/" xmlns:wsa="http://www.w3.org/2005/08/addressing">
                  <ServiceMetadata>
                    <ServiceInformation>
                      <ids:ParticipantIdentifier scheme="iso6523-actorid-upis">%s</ids:ParticipantIdentifier>
                      <ids:DocumentIdentifier scheme="busdox-docid-qns">%s</ids:DocumentIdentifier>
                      <ProcessList>%s
                      </ProcessList>
                    </ServiceInformation>
                  </ServiceMetadata>
                </SignedServiceMetadata>""".formatted(escape(value), escape(documentType), processes).strip();
    }

    private String redirect(String href, String certificateUid) {
        return """
                <SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/">
                  <ServiceMetadata>
                    <Redirect href="%s"><CertificateUID>%s</CertificateUID></Redirect>
                  </ServiceMetadata>
                </SignedServiceMetadata>""".formatted(escape(href), escape(certificateUid)).strip();
    }
    /**
     * Signs, ahead of a timed run, the answers of these participants (values such as {@code 0208:0123456749})
     * registered like everyone ({@link #registerEveryone}), on every core; answers are kept per participant
     * ({@link Signing#PER_PARTICIPANT}). Returns the number of answers signed.
     */
    public int presign(List<String> participantValues) {
        Participant template = everyone;
        if (signing != Signing.PER_PARTICIPANT || template == null) return 0;
        return participantValues.parallelStream().mapToInt(value -> {
            int n = 0;
            for (var entry : template.endpoints.entrySet()) {
                metadata(value, entry.getKey(), entry.getValue(), template);
                n++;
            }
            return n;
        }).sum();
    }

    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> PARSER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            return dbf.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<XMLSignatureFactory> SIGNATURES = ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));
    private static final ThreadLocal<TransformerFactory> TRANSFORMERS = ThreadLocal.withInitial(TransformerFactory::newInstance);

    /** Enveloped XML-DSig signature of the whole document, with the SMP certificate in KeyInfo. */
    private static String sign(String xml, TestCertificates.Issued signer) {
        try {
            javax.xml.parsers.DocumentBuilder parser = PARSER.get();
            parser.reset();
            Document document = parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            XMLSignatureFactory factory = SIGNATURES.get();
            Reference reference = factory.newReference("", factory.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod("RSA".equals(signer.keys().getPrivate().getAlgorithm()) ? SignatureMethod.RSA_SHA256
                            : SignatureMethod.ECDSA_SHA256, null), Collections.singletonList(reference));
            KeyInfoFactory keyInfoFactory = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keyInfoFactory.newKeyInfo(List.of(keyInfoFactory.newX509Data(
                    List.of(signer.certificate().getSubjectX500Principal().getName(), signer.certificate()))));
            factory.newXMLSignature(signedInfo, keyInfo).sign(new DOMSignContext(signer.keys().getPrivate(), document.getDocumentElement()));
            StringWriter out = new StringWriter();
            TRANSFORMERS.get().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("Could not sign the fake SMP answer", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
        hermesServer.stop(0);
    }
}
