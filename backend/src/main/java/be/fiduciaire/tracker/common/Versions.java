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

    /**
     * The one stale-version answer: If-Match stale → 412; stale {@code version} in the body → 409. Callers check
     * against a row they hold locked, so two changes of the same version cannot both pass.
     */
    public static void check(String what, long current, Long ifMatch, Long bodyVersion) {
        if (ifMatch != null && ifMatch != current) {
            throw ProblemException.preconditionFailed("The " + what + " was changed by someone else (now version " + current + ")", current);
        }
        if (bodyVersion != null && bodyVersion != current) {
            throw ProblemException.staleVersion("The " + what + " was changed by someone else (now version " + current + ")", current);
        }
    }
}
