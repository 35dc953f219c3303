package be.fiduciaire.tracker.common.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A piece of SQL with its {@code ?} parameters, in order. User input only ever travels in {@link #params};
 * {@link Db} binds them. Compilers (filters, sorts, bulk edit) build SQL by joining these pieces.
 */
public record Sql(String text, List<Object> params) {
    public static final Sql TRUE = new Sql("true", List.of());

    /** Parameters may be null (SQL NULL), hence no {@code List.of}. */
    public static Sql of(String text, Object... params) {
        return new Sql(text, Arrays.asList(params));
    }

    public static Sql join(String separator, List<Sql> parts) {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Sql part : parts) {
            if (!text.isEmpty()) text.append(separator);
            text.append(part.text());
            params.addAll(part.params());
        }
        return new Sql(text.toString(), params);
    }

    /** This SQL with {@code prefix} before and {@code suffix} after it, then more parameters appended. */
    public Sql wrap(String prefix, String suffix, Object... moreParams) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(Arrays.asList(moreParams));
        return new Sql(prefix + text + suffix, all);
    }

    /** A JSON document bound as text; the SQL casts it with {@code ?::jsonb}. */
    public record JsonParam(String json) {}
}
