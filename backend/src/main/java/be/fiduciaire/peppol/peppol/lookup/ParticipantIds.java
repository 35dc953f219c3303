package be.fiduciaire.peppol.peppol.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Belgian participant identifiers (0208 enterprise number, 9925 VAT number) and their SML DNS names
 * (peppol.md "Identifiers" and "Finding the SMP").
 */
public final class ParticipantIds {
    public static final String SCHEME = "iso6523-actorid-upis";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    private static final Pattern BE_PREFIX = Pattern.compile("^BE");
    private static final Pattern TEN_DIGITS = Pattern.compile("[01]\\d{9}");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ParticipantIds() {}

    /** The 10 digits of a valid enterprise number (input may carry dots, spaces or a BE prefix), else null. */
    public static String enterpriseNumber(String raw) {
        if (raw == null) return null;
        String digits = SEPARATORS.matcher(BE_PREFIX.matcher(raw.trim().toUpperCase(Locale.ROOT)).replaceFirst("")).replaceAll("");
        if (digits.length() == 9) digits = "0" + digits;
        if (!TEN_DIGITS.matcher(digits).matches()) return null;
        long base = Long.parseLong(digits.substring(0, 8));
        int check = Integer.parseInt(digits.substring(8));
        return 97 - (base % 97) == check ? digits : null;
    }

    /**
     * The identifiers to look up for a client, in order: {@code 0208:<number>} then {@code 9925:BE<number>}.
     * The number is the enterprise number, or the digits of a Belgian VAT number. Empty when neither is valid.
     */
    public static List<String> candidates(String enterpriseNumber, String vatNumber) {
        String number = enterpriseNumber(enterpriseNumber);
        String vat = vatNumber == null ? null : SEPARATORS.matcher(vatNumber.trim().toUpperCase(Locale.ROOT)).replaceAll("");
        String vatDigits = vat != null && vat.startsWith("BE") ? enterpriseNumber(vat.substring(2)) : null;
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
