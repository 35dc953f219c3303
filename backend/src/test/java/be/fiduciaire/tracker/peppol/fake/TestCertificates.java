package be.fiduciaire.tracker.peppol.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates generated for the fake peers: a test Peppol access-point CA and SMP CA (their PEM files are the
 * look-up's truststores in tests, {@link #pemFile}), endpoint certificates issued by the AP CA, the fake SMP's
 * signing certificate issued by the SMP CA, and a rogue CA of the same name whose certificates nobody trusts.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public record Issued(X509Certificate certificate, KeyPair keys) {}

    public static final Issued AP_CA = ca("C=BE,O=OpenPEPPOL AISBL,OU=FOR TEST ONLY,CN=PEPPOL ACCESS POINT TEST CA - G3");
    public static final Issued SMP_CA = ca("C=BE,O=OpenPEPPOL AISBL,OU=FOR TEST ONLY,CN=PEPPOL SERVICE METADATA PUBLISHER TEST CA - G3");
    /** Same name as the AP CA, another key: what it issues chains to nothing trusted. */
    public static final Issued ROGUE_CA = ca("C=BE,O=OpenPEPPOL AISBL,OU=FOR TEST ONLY,CN=PEPPOL ACCESS POINT TEST CA - G3");

    private TestCertificates() {}

    /** A certificate with subject e.g. {@code C=BE, O=Acme AP, CN=PBE000123}, issued by the test AP CA, valid now. */
    public static X509Certificate accessPoint(String organisation, String seatId, String country) {
        return accessPoint(organisation, seatId, country, AP_CA, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public static X509Certificate accessPoint(String organisation, String seatId, String country, Issued ca, Instant notBefore, Instant notAfter) {
        return issue(apSubject(organisation, seatId, country), ca, notBefore, notAfter, false).certificate();
    }

    /** Issued by the AP CA, expired yesterday. */
    public static X509Certificate expiredAccessPoint(String organisation, String seatId, String country) {
        return accessPoint(organisation, seatId, country, AP_CA, Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
    }

    /** Issued by the rogue CA. */
    public static X509Certificate untrustedAccessPoint(String organisation, String seatId, String country) {
        return accessPoint(organisation, seatId, country, ROGUE_CA, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    /** A leaf certificate issued by {@code ca}, valid now for a year. */
    public static Issued issue(String subject, Issued ca) {
        return issue(subject, ca, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), false);
    }

    /** A leaf certificate issued by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued issue(String subject, Issued ca, Instant notBefore, Instant notAfter) {
        return issue(subject, ca, notBefore, notAfter, false);
    }

    private static String apSubject(String organisation, String seatId, String country) {
        return "C=" + country + ",O=" + organisation.replace(",", "\\,") + ",OU=PEPPOL TEST AP,CN=" + seatId;
    }

    private static Issued ca(String subject) {
        return issue(subject, null, Instant.now().minus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(3650)), true);
    }

    /**
     * A leaf certificate with an RSA 2048 key (as Peppol SMP and AP certificates have), issued by {@code ca}, valid
     * now for a year.
     */
    public static Issued issueRsa(String subject, Issued ca) {
        return issue(subject, ca, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), false, "RSA");
    }

    private static Issued issue(String subject, Issued ca, Instant notBefore, Instant notAfter, boolean isCa) {
        return issue(subject, ca, notBefore, notAfter, isCa, "EC");
    }

    private static Issued issue(String subject, Issued ca, Instant notBefore, Instant notAfter, boolean isCa, String keyAlgorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            generator.initialize("RSA".equals(keyAlgorithm) ? 2048 : 256);
            KeyPair keys = generator.generateKeyPair();
            X500Name issuer = ca == null ? new X500Name(subject) : X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
            if (isCa) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            KeyPair signer = ca == null ? keys : ca.keys();
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
            return new Issued(certificate, keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificates as a PEM file in a temporary directory (deleted when the JVM ends). */
    public static Path pemFile(String name, X509Certificate... certificates) {
        try {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : certificates)
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            Path file = Files.createTempFile(name, ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
