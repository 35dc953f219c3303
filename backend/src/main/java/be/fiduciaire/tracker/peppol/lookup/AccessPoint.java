package be.fiduciaire.tracker.peppol.lookup;

import java.security.cert.X509Certificate;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The provider named by an endpoint certificate's subject: {@code O} organisation, {@code CN} seat id, {@code C} country. */
public record AccessPoint(String name, String seatId, String country) {

    /** Parses the subject defensively; null when there is no usable subject. */
    public static AccessPoint of(X509Certificate certificate) {
        if (certificate == null) return null;
        String o = null, cn = null, c = null;
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                String value = String.valueOf(rdn.getValue()).trim();
                switch (rdn.getType().toUpperCase()) {
                    case "O" -> o = value;
                    case "CN" -> cn = value;
                    case "C" -> c = value;
                    default -> { }
                }
            }
        } catch (Exception e) {
            return null;
        }
        if (o == null && cn == null) return null;
        return new AccessPoint(o != null ? o : cn, cn, c);
    }
}
