package be.fiduciaire.tracker.peppol.lookup;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link LookupError} with its params (strings and numbers; instants as ISO-8601 text): what is stored beside the
 * English message and served as {@code errorCode} / {@code errorParams}. The params are exactly the names of the
 * code's English template, checked here, so {@link #message()} is always complete.
 */
public record LookupFailure(LookupError code, Map<String, Object> params) {

    public LookupFailure {
        if (code == null) throw new IllegalArgumentException("no code");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (!params.keySet().equals(new java.util.HashSet<>(code.params())))
            throw new IllegalArgumentException(code.code() + " takes " + code.params() + ", not " + params.keySet());
        for (Map.Entry<String, Object> e : params.entrySet())
            if (!(e.getValue() instanceof String || e.getValue() instanceof Number))
                throw new IllegalArgumentException(code.code() + ": param " + e.getKey() + " is no text or number: " + e.getValue());
    }

    /** The English text (integrators, logs, and the SPA's fallback for a code it does not know). */
    public String message() {
        return code.message(params);
    }

    public boolean transientFailure() {
        return code.transientFailure();
    }

    /** The same params with these added (name, value pairs), under another code. */
    public LookupFailure as(LookupError other, Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>(params);
        for (int i = 0; i + 1 < nameValues.length; i += 2) map.put((String) nameValues[i], nameValues[i + 1]);
        return new LookupFailure(other, map);
    }

    /** The same code with these params added (name, value pairs): the request and host an SMP failure is about. */
    public LookupFailure with(Object... nameValues) {
        return as(code, nameValues);
    }

    /** A duration as a number of seconds: whole when it is (10), else with its fraction (0.5). */
    public static Number seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
    }

    @Override
    public String toString() {
        return code.code() + " " + params;
    }
}
