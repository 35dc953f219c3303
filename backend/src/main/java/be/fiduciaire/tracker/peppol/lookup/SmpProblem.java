package be.fiduciaire.tracker.peppol.lookup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was wrong with one SMP answer (its reading, its signature, its signing certificate) before it is known which
 * request and host it answered: {@link #at} makes it the {@link LookupFailure} with those params added.
 */
public record SmpProblem(LookupError code, Map<String, Object> params) {

    /** The code with its params as name, value pairs (all but request and host). */
    public static SmpProblem of(LookupError code, Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) map.put((String) nameValues[i], nameValues[i + 1]);
        return new SmpProblem(code, map);
    }

    /** The failure of this request (ServiceGroup or ServiceMetadata) to this host. */
    public LookupFailure at(String request, String host) {
        Map<String, Object> map = new LinkedHashMap<>(params);
        map.put("request", request);
        map.put("host", host);
        return new LookupFailure(code, map);
    }

    /** The English text of the problem itself, without the request and host. */
    public String describe() {
        return at("answer", "the SMP").message();
    }
}
