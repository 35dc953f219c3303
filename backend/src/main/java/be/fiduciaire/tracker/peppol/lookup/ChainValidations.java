package be.fiduciaire.tracker.peppol.lookup;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PKIX validation of one certificate against a fixed set of CA certificates (revocation not checked), remembered
 * per certificate (SHA-256 fingerprint): a portfolio shares a handful of access points and SMPs, so validating the
 * same certificate's signature again for every look-up is wasted CPU. A remembered outcome is used only for a
 * check time inside the window it holds for — the certificate's validity, and the validity of the CA it chained
 * to — and is validated afresh otherwise, so an expired certificate is still refused at check time. Callers check
 * the certificate's own validity at check time first (with their own message). Thread-safe.
 */
final class ChainValidations {
    /** More distinct certificates than this (never seen in a portfolio) and the memory starts over. */
    static final int MAX_REMEMBERED = 4096;

    private final Set<TrustAnchor> anchors;
    private final ConcurrentHashMap<String, Outcome> remembered = new ConcurrentHashMap<>();

    /** Null problem: the certificate chains to a CA; valid for check times in [from, until). */
    private record Outcome(String problem, Instant from, Instant until) {
        boolean holdsAt(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }
    }

    ChainValidations(List<X509Certificate> cas) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate ca : cas) set.add(new TrustAnchor(ca, null));
        this.anchors = Set.copyOf(set);
    }

    /**
     * Why {@code certificate} does not chain to one of the CAs at {@code at} (the validator's message), or null
     * when it does.
     */
    String problem(X509Certificate certificate, Instant at) throws GeneralSecurityException {
        String key = fingerprint(certificate);
        Outcome outcome = remembered.get(key);
        if (outcome != null && outcome.holdsAt(at)) return outcome.problem();
        outcome = validate(certificate, at);
        if (remembered.size() >= MAX_REMEMBERED) remembered.clear();
        remembered.put(key, outcome);
        return outcome.problem();
    }

    /** How many certificates are remembered (tests). */
    int remembered() {
        return remembered.size();
    }

    private Outcome validate(X509Certificate certificate, Instant at) throws GeneralSecurityException {
        Instant from = certificate.getNotBefore().toInstant();
        Instant until = certificate.getNotAfter().toInstant();
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        try {
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
            X509Certificate ca = result.getTrustAnchor().getTrustedCert();
            if (ca != null) {
                if (ca.getNotBefore().toInstant().isAfter(from)) from = ca.getNotBefore().toInstant();
                if (ca.getNotAfter().toInstant().isBefore(until)) until = ca.getNotAfter().toInstant();
            }
            return new Outcome(null, from, until);
        } catch (CertPathValidatorException e) {
            // when the certificate itself is outside its validity, the caller refused it before asking
            return new Outcome(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), from, until);
        }
    }

    private static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
