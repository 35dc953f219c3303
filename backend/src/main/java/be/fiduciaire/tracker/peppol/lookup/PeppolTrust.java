package be.fiduciaire.tracker.peppol.lookup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.helger.peppol.security.PeppolTrustStores;

/**
 * The certificate authorities a look-up trusts: the Peppol access-point CAs for endpoint certificates and the
 * Peppol SMP CAs for SMP signatures, of the configured network, or the CAs of a PEM file replacing them
 * (private networks, tests). The library's own SMP truststore is broader (web CAs, AP CAs): a leaf issued by
 * an AP CA or a web CA is not an SMP, so only the SMP intermediates are kept.
 */
public final class PeppolTrust {
    private static final String AP_CA = "ACCESS POINT";
    private static final String SMP_CA = "SERVICE METADATA PUBLISHER";

    private final KeyStore smpTrustStore;
    /** PKIX outcomes per endpoint certificate: a portfolio shares a few access points. */
    private final ChainValidations accessPointChains;
    /** PKIX outcomes per SMP signing certificate: a portfolio is spread over a few SMPs. */
    private final ChainValidations smpChains;

    private PeppolTrust(List<X509Certificate> accessPointCas, List<X509Certificate> smpCas) throws GeneralSecurityException, IOException {
        if (accessPointCas.isEmpty()) throw new GeneralSecurityException("no access-point CA certificate");
        if (smpCas.isEmpty()) throw new GeneralSecurityException("no SMP CA certificate");
        this.smpTrustStore = keyStore(smpCas);
        this.accessPointChains = new ChainValidations(accessPointCas);
        this.smpChains = new ChainValidations(smpCas);
    }

    /**
     * The CAs of the network ({@code test} or {@code production}), each replaced by the certificates of a PEM
     * file when one is given. Built-in CAs that expired are left out (a G2 CA counts while it is valid).
     */
    public static PeppolTrust of(boolean testNetwork, Path accessPointPem, Path smpPem) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        List<X509Certificate> ap = accessPointPem != null ? readPem(accessPointPem)
                : builtIn(testNetwork ? PeppolTrustStores.Config2025.TRUSTSTORE_AP_TEST : PeppolTrustStores.Config2025.TRUSTSTORE_AP_PRODUCTION, AP_CA, now);
        List<X509Certificate> smp = smpPem != null ? readPem(smpPem)
                : builtIn(testNetwork ? PeppolTrustStores.Config2025.TRUSTSTORE_SMP_TEST : PeppolTrustStores.Config2025.TRUSTSTORE_SMP_PRODUCTION, SMP_CA, now);
        return new PeppolTrust(ap, smp);
    }

    /** Every certificate of a PEM (or DER) file; at least one. */
    public static List<X509Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in))
                if (c instanceof X509Certificate x) certificates.add(x);
            if (certificates.isEmpty()) throw new GeneralSecurityException("no certificate in " + file);
            return certificates;
        }
    }

    /** The intermediate CAs named like {@code PEPPOL <kind> (TEST) CA - Gn} of a library truststore, valid now. */
    private static List<X509Certificate> builtIn(KeyStore store, String kind, Instant now) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases()))
            if (store.getCertificate(alias) instanceof X509Certificate x
                    && x.getSubjectX500Principal().getName().toUpperCase(Locale.ROOT).contains("CN=PEPPOL " + kind)
                    && !x.getNotAfter().toInstant().isBefore(now) && !x.getNotBefore().toInstant().isAfter(now))
                certificates.add(x);
        return certificates;
    }

    private static KeyStore keyStore(List<X509Certificate> certificates) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates) store.setCertificateEntry("ca-" + i++, c);
        return store;
    }

    /** For the SMP client's signature check. */
    public KeyStore smpTrustStore() {
        return smpTrustStore;
    }

    /**
     * Why an SMP would not be trusted to sign with this certificate at {@code at}, or null when it would: valid
     * then and issued by one of the SMP CAs (the library's rule, with the chain's outcome remembered per
     * certificate).
     */
    public SmpProblem smpSignerProblem(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            return SmpProblem.of(LookupError.SMP_CERTIFICATE_EXPIRED, "notAfter", certificate.getNotAfter().toInstant().toString());
        } catch (CertificateNotYetValidException e) {
            return SmpProblem.of(LookupError.SMP_CERTIFICATE_NOT_YET_VALID, "notBefore", certificate.getNotBefore().toInstant().toString());
        }
        String problem;
        try {
            problem = smpChains.problem(certificate, at);
        } catch (GeneralSecurityException e) {
            problem = "it could not be checked: " + e.getMessage();
        }
        return problem == null ? null : SmpProblem.of(LookupError.SMP_CERTIFICATE_UNTRUSTED,
                "subject", certificate.getSubjectX500Principal().getName(), "detail", problem);
    }

    /**
     * Why a sending access point would refuse this endpoint certificate at {@code at}, or null when it would not:
     * it must be valid then and be issued by one of the access-point CAs (revocation is not checked: no network
     * call per look-up).
     */
    public LookupFailure accessPointProblem(X509Certificate certificate, Instant at) {
        if (certificate == null) return LookupError.CERTIFICATE_MISSING.of();
        Date date = Date.from(at);
        try {
            certificate.checkValidity(date);
        } catch (CertificateExpiredException e) {
            return LookupError.CERTIFICATE_EXPIRED.of("notAfter", certificate.getNotAfter().toInstant().toString());
        } catch (CertificateNotYetValidException e) {
            return LookupError.CERTIFICATE_NOT_YET_VALID.of("notBefore", certificate.getNotBefore().toInstant().toString());
        }
        try {
            String problem = accessPointChains.problem(certificate, at);
            return problem == null ? null : LookupError.CERTIFICATE_UNTRUSTED.of("issuer", certificate.getIssuerX500Principal().getName(),
                    "detail", problem);
        } catch (GeneralSecurityException e) {
            return LookupError.CERTIFICATE_UNCHECKED.of("detail", String.valueOf(e.getMessage()));
        }
    }
}
