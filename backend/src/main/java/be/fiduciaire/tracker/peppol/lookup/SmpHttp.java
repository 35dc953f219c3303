package be.fiduciaire.tracker.peppol.lookup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;
import org.w3c.dom.Document;

import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;

/**
 * Reads SMP answers for the look-up: one pooled HTTP client shared by every look-up, with bounded timeouts and
 * response sizes, and the lean reader {@link SmpAnswers} in place of the Peppol SMP client's JAXB unmarshalling
 * with a schema validator built per answer (most of a look-up's CPU). A signed answer is parsed once, its
 * signature verified on that parse by {@link SmpSignatures} (when verification is on), and read from it. Requests
 * and answers are those of the Peppol SMP 1.0 REST interface as the library sends them: {@code GET {smp}/{participant}}
 * and {@code GET {smp}/{participant}/services/{document type}}, identifiers percent-encoded; a Redirect is followed
 * once and its target must be signed by the certificate its CertificateUID names.
 */
public final class SmpHttp implements AutoCloseable {
    private final CloseableHttpClient http;
    private final int maxResponseBytes;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    /** Verifies signed answers (null when verification is off). */
    private final SmpSignatures signatures;

    public SmpHttp(Duration connectTimeout, Duration responseTimeout, int maxResponseBytes, int maxConnections,
                   boolean verifySignature, PeppolTrust trust) {
        this.maxResponseBytes = maxResponseBytes;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.signatures = verifySignature ? new SmpSignatures(trust) : null;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(Math.max(maxConnections, 2))
                .setMaxConnPerRoute(Math.max(maxConnections, 2))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setRedirectsEnabled(true)
                        .setMaxRedirects(1)
                        .build())
                .setUserAgent("peppol-onboarding-tracker")
                .disableAutomaticRetries()
                .disableContentCompression()
                .build();
    }

    /** An SMP request that gave no usable answer: why, as a {@link LookupFailure} naming the request and host. */
    static final class SmpException extends Exception {
        enum Kind {
            /** HTTP 404: the SMP does not know it. */
            NOT_FOUND,
            /** A timeout, an unreachable host, 5xx or 429: a retry may help. */
            TRANSIENT,
            /** The SMP answered wrongly (other 4xx, not XML, foreign XML, bad signature, CertificateUID mismatch). */
            PERMANENT
        }

        final Kind kind;
        final transient LookupFailure failure;

        /** The kind follows from the code ({@link LookupError#transientFailure()}). */
        SmpException(LookupFailure failure, Throwable cause) {
            super(failure.message(), cause);
            this.failure = failure;
            this.kind = failure.code() == LookupError.SMP_NOT_FOUND ? Kind.NOT_FOUND
                    : failure.transientFailure() ? Kind.TRANSIENT : Kind.PERMANENT;
        }
    }

    static final String SERVICE_GROUP = "ServiceGroup";
    static final String SERVICE_METADATA = "ServiceMetadata";

    /** The ServiceGroup of a participant at the SMP at {@code smpBase} (ending with "/"). */
    SmpAnswers.ServiceGroup serviceGroup(URI smpBase, IParticipantIdentifier participant) throws SmpException {
        String uri = smpBase + participant.getURIPercentEncoded();
        Document document = parse(get(uri, SERVICE_GROUP), SERVICE_GROUP, uri);
        try {
            return SmpAnswers.serviceGroup(document);
        } catch (SmpAnswers.Malformed e) {
            throw malformed(e, SERVICE_GROUP, uri);
        }
    }

    /**
     * The ServiceMetadata of a participant's document type, its signature verified (when on), a Redirect followed
     * once: the answer is then the target's, which may not redirect again (its {@code information} is null).
     */
    SmpAnswers.ServiceMetadata serviceMetadata(URI smpBase, IParticipantIdentifier participant, IDocumentTypeIdentifier documentType)
            throws SmpException {
        Signed first = signed(smpBase + participant.getURIPercentEncoded() + "/services/" + documentType.getURIPercentEncoded());
        SmpAnswers.Redirect redirect = first.metadata.redirect();
        if (redirect == null) return first.metadata;
        URI target;
        try {
            target = URI.create(redirect.href());
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || target.getHost() == null || !("http".equalsIgnoreCase(target.getScheme()) || "https".equalsIgnoreCase(target.getScheme())))
            throw new SmpException(LookupError.REDIRECT_INVALID.of("request", SERVICE_METADATA, "host", hostOf(smpBase.toString()),
                    "href", redirect.href()), null);
        Signed second = signed(target.toString());
        String subject = second.signer != null ? second.signer.getSubjectX500Principal().getName() : SmpAnswers.keyInfoSubject(second.document);
        if (subject == null || !sameName(redirect.certificateUid(), subject))
            throw new SmpException(LookupError.REDIRECT_CERTIFICATE_MISMATCH.of("request", SERVICE_METADATA, "host", hostOf(target.toString()),
                    "certificateUid", String.valueOf(redirect.certificateUid()), "subject", String.valueOf(subject)), null);
        return second.metadata;
    }

    private record Signed(Document document, SmpAnswers.ServiceMetadata metadata, X509Certificate signer) {}

    private Signed signed(String uri) throws SmpException {
        Document document = parse(get(uri, SERVICE_METADATA), SERVICE_METADATA, uri);
        X509Certificate signer = null;
        if (signatures != null) {
            try {
                signer = signatures.verify(document, Instant.now());
            } catch (SmpSignatures.Invalid e) {
                throw new SmpException(e.problem.at(SERVICE_METADATA, hostOf(uri)), e);
            }
        }
        try {
            return new Signed(document, SmpAnswers.serviceMetadata(document), signer);
        } catch (SmpAnswers.Malformed e) {
            throw malformed(e, SERVICE_METADATA, uri);
        }
    }

    private static Document parse(byte[] body, String request, String uri) throws SmpException {
        try {
            return SmpAnswers.parse(body);
        } catch (SmpAnswers.Malformed e) {
            throw malformed(e, request, uri);
        }
    }

    private static SmpException malformed(SmpAnswers.Malformed e, String request, String uri) {
        return new SmpException(e.problem.at(request, hostOf(uri)), null);
    }

    /** The host of a URL, as the failures name it (the URL itself when it has none). */
    private static String hostOf(String uri) {
        try {
            String host = URI.create(uri).getHost();
            return host == null ? uri : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    /** Distinguished names equal as sets of RDNs (any order, any spacing), as the Peppol SMP client compares them. */
    static boolean sameName(String a, String b) {
        if (a == null || b == null) return false;
        try {
            return new HashSet<>(new LdapName(a.trim()).getRdns()).equals(new HashSet<>(new LdapName(b.trim()).getRdns()));
        } catch (InvalidNameException | IllegalArgumentException e) {
            return false;
        }
    }

    private record Answer(int status, byte[] body) {}

    /**
     * The body of a 2xx answer (at most the size limit) to this {@code what} (ServiceGroup or ServiceMetadata); any
     * other outcome as an {@link SmpException}.
     */
    byte[] get(String uri, String what) throws SmpException {
        String host = hostOf(uri);
        HttpGet request;
        try {
            request = new HttpGet(URI.create(uri));
        } catch (IllegalArgumentException e) {
            throw new SmpException(LookupError.SMP_URL_UNUSABLE.of("request", what, "host", host, "url", uri), e);
        }
        Answer answer;
        try {
            answer = http.execute(request, response -> {
                HttpEntity entity = response.getEntity();
                if (response.getCode() >= 300 || entity == null) {
                    EntityUtils.consume(entity);
                    return new Answer(response.getCode(), new byte[0]);
                }
                if (entity.getContentLength() > maxResponseBytes)
                    throw new TooLarge();
                try (InputStream in = new LimitedStream(entity.getContent(), maxResponseBytes)) {
                    return new Answer(response.getCode(), in.readAllBytes());
                }
            });
        } catch (TooLarge e) {
            throw new SmpException(LookupError.SMP_ANSWER_TOO_LARGE.of("request", what, "host", host, "limit", maxResponseBytes), e);
        } catch (ClientProtocolException e) {
            throw new SmpException(LookupError.SMP_PROTOCOL_ERROR.of("request", what, "host", host, "detail", causes(e)), e);
        } catch (InterruptedIOException e) {
            Duration timeout = e instanceof ConnectTimeoutException ? connectTimeout : responseTimeout;
            throw new SmpException(LookupError.SMP_TIMEOUT.of("request", what, "host", host, "seconds", LookupFailure.seconds(timeout)), e);
        } catch (IOException e) {
            throw new SmpException(LookupError.SMP_UNREACHABLE.of("request", what, "host", host, "detail", causes(e)), e);
        }
        int status = answer.status();
        if (status == 404) throw new SmpException(LookupError.SMP_NOT_FOUND.of("request", what, "host", host), null);
        if (status == 429) throw new SmpException(LookupError.SMP_RATE_LIMITED.of("request", what, "host", host), null);
        if (status >= 500) throw new SmpException(LookupError.SMP_SERVER_ERROR.of("request", what, "host", host, "status", status), null);
        if (status >= 300) throw new SmpException(LookupError.SMP_HTTP_STATUS.of("request", what, "host", host, "status", status), null);
        return answer.body();
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) text.append(": ").append(t.getMessage());
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** The answer is larger than the limit (its length announced, or counted while reading). */
    private static final class TooLarge extends IOException {
    }

    private static final class LimitedStream extends FilterInputStream {
        private final int limit;
        private long read;

        LimitedStream(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        private void count(long n) throws IOException {
            if (n > 0 && (read += n) > limit) throw new TooLarge();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }
    }
}
