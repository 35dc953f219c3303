package be.fiduciaire.tracker.peppol.fake;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates generated for the fake peers: an access point's endpoint certificate, the fake SMP's signing certificate. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public record Issued(X509Certificate certificate, KeyPair keys) {}

    private TestCertificates() {}

    /** A certificate with subject e.g. {@code C=BE, O=Acme AP, CN=PBE000123}, issued like a Peppol AP CA would. */
    public static X509Certificate accessPoint(String organisation, String seatId, String country) {
        return issue("C=" + country + ",O=" + organisation.replace(",", "\\,") + ",OU=PEPPOL TEST AP,CN=" + seatId).certificate();
    }

    public static Issued issue(String subject) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name issuer = new X500Name("C=BE,O=OpenPEPPOL AISBL,CN=PEPPOL ACCESS POINT TEST CA - G3");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), new X500Name(subject),
                    keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Issued(certificate, keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
