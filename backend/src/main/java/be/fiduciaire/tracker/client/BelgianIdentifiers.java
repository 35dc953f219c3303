package be.fiduciaire.tracker.client;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pure rules for Belgian enterprise numbers (BCE/KBO) and EU VAT numbers, shared by the client registry and the
 * Peppol look-ups. No I/O, no framework: unit-testable as is.
 */
public final class BelgianIdentifiers {
    private BelgianIdentifiers() {}

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-/]");

    /** EU VAT number bodies after the two-letter prefix (a sane shape check, not each country's checksum). */
    private static final Map<String, Pattern> EU_VAT = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-IW]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("\\d{2,10}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")),
            Map.entry("XI", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")));

    /** True when the 10 digits start with 0 or 1 and digits 9–10 equal 97 − (first 8 digits mod 97). */
    public static boolean isValidEnterpriseNumber(String tenDigits) {
        if (tenDigits == null || !tenDigits.matches("[01]\\d{9}")) return false;
        long base = Long.parseLong(tenDigits.substring(0, 8));
        int check = Integer.parseInt(tenDigits.substring(8));
        return check == checkDigits(base);
    }

    /** The two check digits of a Belgian enterprise number whose first 8 digits are {@code base}. */
    public static int checkDigits(long base) {
        return (int) (97 - (base % 97));
    }

    /** The valid enterprise number whose first 8 digits are {@code base} (e.g. 1234567 → 0123456749). */
    public static String enterpriseNumber(long base) {
        return String.format("%08d%02d", base, checkDigits(base));
    }

    /**
     * Normalises an enterprise number written as {@code 0123.456.789}, {@code 0123 456 789}, {@code BE0123456789}
     * or {@code 123456789} (9 digits: a leading 0 is added) to its 10 digits; empty when it is not a valid one.
     */
    public static Optional<String> normaliseEnterpriseNumber(String input) {
        if (input == null) return Optional.empty();
        String s = SEPARATORS.matcher(input.trim()).replaceAll("").toUpperCase();
        if (s.startsWith("BE")) s = s.substring(2);
        if (s.matches("\\d{9}")) s = "0" + s;
        return isValidEnterpriseNumber(s) ? Optional.of(s) : Optional.empty();
    }

    /** Strips spaces, dots and dashes and upper-cases; {@code GR} becomes {@code EL}; bare digits are taken as Belgian. */
    public static String cleanVatNumber(String input) {
        if (input == null) return null;
        String s = SEPARATORS.matcher(input.trim()).replaceAll("").toUpperCase();
        if (s.matches("\\d{9,10}")) s = "BE" + (s.length() == 9 ? "0" + s : s);
        if (s.startsWith("GR")) s = "EL" + s.substring(2);
        return s;
    }

    /**
     * Normalises and checks a VAT number: Belgian {@code BE} + 10 digits passing the mod-97 check (9 digits get a
     * leading 0), or another EU prefix with that country's shape; empty when invalid.
     */
    public static Optional<String> normaliseVatNumber(String input) {
        String s = cleanVatNumber(input);
        if (s == null || s.length() < 4) return Optional.empty();
        String prefix = s.substring(0, 2);
        String body = s.substring(2);
        if (prefix.equals("BE")) {
            if (body.matches("\\d{9}")) body = "0" + body;
            return isValidEnterpriseNumber(body) ? Optional.of("BE" + body) : Optional.empty();
        }
        Pattern shape = EU_VAT.get(prefix);
        return shape != null && shape.matcher(body).matches() ? Optional.of(s) : Optional.empty();
    }

    /** The enterprise number inside a Belgian VAT number, if it is one. */
    public static Optional<String> enterpriseNumberOfVat(String normalisedVat) {
        return normalisedVat != null && normalisedVat.startsWith("BE") ? Optional.of(normalisedVat.substring(2)) : Optional.empty();
    }

    /** {@code 0123.456.749} from {@code 0123456749}. */
    public static String formatEnterpriseNumber(String tenDigits) {
        return tenDigits.substring(0, 4) + "." + tenDigits.substring(4, 7) + "." + tenDigits.substring(7);
    }
}
