package be.fiduciaire.tracker.peppol.lookup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

import com.helger.smpclient.exception.SMPClientBadResponseException;
import com.helger.smpclient.httpclient.SMPHttpResponseHandlerSigned;
import com.helger.smpclient.peppol.SMPClientReadOnly;

/**
 * One pooled HTTP client shared by every SMP look-up, with bounded timeouts and response sizes.
 * {@link #client(URI)} gives the maintained Peppol {@link SMPClientReadOnly} (one per look-up, as it is bound
 * to one SMP and holds mutable settings) that sends its requests through this pool instead of building a new
 * HTTP client per request.
 */
public final class SmpHttp implements AutoCloseable {
    private final CloseableHttpClient http;
    private final int maxResponseBytes;
    private final boolean verifySignature;
    private final KeyStore trustStore;
    /** Verifies signed answers in place of the library (null when verification is off). */
    private final SmpSignatures signatures;

    public SmpHttp(Duration connectTimeout, Duration responseTimeout, int maxResponseBytes, int maxConnections,
                   boolean verifySignature, PeppolTrust trust) {
        this.maxResponseBytes = maxResponseBytes;
        this.verifySignature = verifySignature;
        this.trustStore = trust.smpTrustStore();
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
                .build();
    }

    /** An SMP client for one look-up against the SMP at {@code smpBase}. */
    public SMPClientReadOnly client(URI smpBase) {
        SMPClientReadOnly client = new PooledSmpClient(smpBase, this);
        client.setVerifySignature(verifySignature);
        if (trustStore != null) client.setTrustStore(trustStore);
        client.setFollowSMPRedirects(true);
        client.setXMLSchemaValidation(true);
        // Reuse one JAXBContext per package: building it for every answer costs milliseconds of CPU.
        client.setMarshallerCustomizer(marshaller -> marshaller.setUseContextCache(true));
        return client;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    <T> T execute(HttpUriRequestBase request, HttpClientResponseHandler<T> handler) throws IOException {
        return http.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                if (entity.getContentLength() > maxResponseBytes)
                    throw new IOException("SMP answer of " + entity.getContentLength() + " bytes exceeds the limit of " + maxResponseBytes);
                response.setEntity(new Bounded(entity, maxResponseBytes));
            }
            return handler.handleResponse(response);
        });
    }

    private static final class PooledSmpClient extends SMPClientReadOnly {
        private final SmpHttp http;

        PooledSmpClient(URI smpBase, SmpHttp http) {
            super(smpBase);
            this.http = http;
        }

        /**
         * A signed answer (ServiceMetadata, Redirect) is verified here by {@link SmpSignatures}, to the library's rule
         * but without rebuilding parsers, factories and the signing certificate's chain for every answer; the
         * library's handler then only unmarshals it. Any other answer goes to the library's handler unchanged.
         */
        @Override
        public <T> T executeRequest(HttpUriRequestBase request, HttpClientResponseHandler<T> handler) throws IOException {
            if (http.signatures == null || !(handler instanceof SMPHttpResponseHandlerSigned<?> signed) || !signed.isVerifySignature())
                return http.execute(request, handler);
            boolean secure = signed.isSecureValidation();
            signed.setVerifySignature(false);
            return http.execute(request, response -> {
                HttpEntity entity = response.getEntity();
                if (response.getCode() < 300 && entity != null) {
                    byte[] body = EntityUtils.toByteArray(entity);
                    try {
                        http.signatures.verify(body, Instant.now(), secure);
                    } catch (SMPClientBadResponseException e) {
                        throw new ClientProtocolException(e); // as the library's handler wraps it
                    }
                    response.setEntity(new ByteArrayEntity(body, null));
                }
                return handler.handleResponse(response);
            });
        }
    }

    /** Refuses to read more than the limit. */
    private static final class Bounded extends HttpEntityWrapper {
        private final int limit;

        Bounded(HttpEntity wrapped, int limit) {
            super(wrapped);
            this.limit = limit;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new LimitedStream(super.getContent(), limit);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }
    }

    private static final class LimitedStream extends FilterInputStream {
        private final int limit;
        private long read;

        LimitedStream(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        private void count(long n) throws IOException {
            if (n > 0 && (read += n) > limit) throw new IOException("SMP answer exceeds the limit of " + limit + " bytes");
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
