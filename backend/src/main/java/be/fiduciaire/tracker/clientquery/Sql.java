package be.fiduciaire.tracker.clientquery;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with its {@code ?} parameters, in order. User input only ever travels in {@link #params}. */
public record Sql(String text, List<Object> params) {
    public static final Sql TRUE = new Sql("true", List.of());

    public static Sql of(String text, Object... params) {
        return new Sql(text, List.of(params));
    }

    /** Binds the parameters from index {@code first}; returns the next free index. */
    public int bind(PreparedStatement st, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            if (p instanceof JsonParam j) {
                st.setString(i++, j.json());
            } else {
                st.setObject(i++, p);
            }
        }
        return i;
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

    /** A JSON document bound as text; the SQL casts it with {@code ?::jsonb}. */
    public record JsonParam(String json) {}
}
