package be.fiduciaire.tracker.common;

/**
 * The one rule for text coming in over HTTP (JSON strings, query parameters): no control characters. NUL cannot be
 * stored by PostgreSQL at all, and the other C0 / C1 controls make no sense in this product's text; tab, line feed
 * and carriage return stay allowed (multi-line notes, email bodies).
 */
public final class Text {
    public static final String CONTROL_CHARACTERS = "Control characters (such as U+0000) are not allowed";

    private Text() {}

    /** Whether {@code text} holds a character the rule refuses. */
    public static boolean hasControlCharacter(CharSequence text) {
        if (text == null) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') return true;
        }
        return false;
    }
}
