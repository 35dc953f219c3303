package be.fiduciaire.tracker.common;

/** Optimistic concurrency: the version a client says it edits, from {@code If-Match: "3"}. */
public final class Versions {
    private Versions() {}

    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) return null;
        String v = ifMatch.trim();
        if (v.startsWith("W/")) v = v.substring(2);
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match", ErrorCode.IF_MATCH_INVALID, "If-Match must be a version number such as \"3\"");
        }
    }
}
