package be.fiduciaire.tracker.peppol.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import be.fiduciaire.tracker.client.BelgianIdentifiers;

/**
 * Belgian participant identifiers (0208 enterprise number, 9925 VAT number) and their SML DNS names
 * (peppol.md "Identifiers" and "Finding the SMP").
 */
public final class ParticipantIds {
    public static final String SCHEME = "iso6523-actorid-upis";

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ParticipantIds() {}

    /**
     * The identifiers to look up for a client, in order: {@code 0208:<number>} then {@code 9925:BE<number>}.
     * The number is the enterprise number, or the digits of a Belgian VAT number. Empty when neither is valid.
     */
    public static List<String> candidates(String enterpriseNumber, String vatNumber) {
        String number = BelgianIdentifiers.normaliseEnterpriseNumber(enterpriseNumber).orElse(null);
        String vat = BelgianIdentifiers.cleanVatNumber(vatNumber);
        String vatDigits = vat != null && vat.startsWith("BE") ? BelgianIdentifiers.normaliseEnterpriseNumber(vat.substring(2)).orElse(null) : null;
        List<String> ids = new ArrayList<>(2);
        if (number != null) ids.add("0208:" + number);
        String forVat = vatDigits != null ? vatDigits : number;
        if (forVat != null) ids.add("9925:BE" + forVat);
        if (number == null && vatDigits != null) ids.add(0, "0208:" + vatDigits);
        return ids;
    }

    /** base32(SHA-256(lower-case value)) without padding, lower-cased, + ".iso6523-actorid-upis." + zone. */
    public static String smlDnsName(String value, String zone) {
        String z = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
        return hash(value) + "." + SCHEME + "." + z;
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return base32(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32 without padding. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) out.append(BASE32[(buffer << (5 - bits)) & 31]);
        return out.toString();
    }
}
