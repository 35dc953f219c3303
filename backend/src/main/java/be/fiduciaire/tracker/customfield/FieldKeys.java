package be.fiduciaire.tracker.customfield;

import java.util.regex.Pattern;

/**
 * The one rule for the keys of custom-field categories, fields and options. Field keys are written into SQL as
 * literals ({@code clientquery.Selectors}) and name expression indexes, so only plain identifiers that fit
 * PostgreSQL's 63-byte names qualify. The database checks field keys with the same expression (V50).
 */
public final class FieldKeys {
    public static final String RULE = "^[a-z][a-z0-9_]{1,62}$";
    public static final Pattern PATTERN = Pattern.compile(RULE);
    public static final String MESSAGE = "key must match " + RULE + " (lower-case letters, digits, _)";

    private FieldKeys() {}

    public static boolean valid(String key) {
        return key != null && PATTERN.matcher(key).matches();
    }
}
