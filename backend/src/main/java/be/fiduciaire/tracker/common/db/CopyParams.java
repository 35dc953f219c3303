package be.fiduciaire.tracker.common.db;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parameters of a {@link Db#copyOut} statement: each one's text in PostgreSQL's input format and the type it is cast
 * to, bound in the same way {@link Db} binds them to a prepared statement; and the placeholders of the SQL replaced.
 */
final class CopyParams {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CopyParams() {}

    static String type(Object p) {
        if (p instanceof Sql.JsonParam) return "jsonb";
        if (p instanceof String[]) return "text[]";
        if (p instanceof String || p instanceof Enum<?>) return "text";
        if (p instanceof Boolean) return "boolean";
        if (p instanceof Integer || p instanceof Short) return "integer";
        if (p instanceof Long) return "bigint";
        if (p instanceof BigDecimal) return "numeric";
        if (p instanceof Double || p instanceof Float) return "double precision";
        if (p instanceof UUID) return "uuid";
        if (p instanceof OffsetDateTime) return "timestamptz";
        if (p instanceof LocalDate) return "date";
        throw new IllegalArgumentException("No COPY parameter type for " + p.getClass().getName());
    }

    static String text(Object p) {
        if (p instanceof Sql.JsonParam j) return j.json();
        if (p instanceof Enum<?> e) return e.name();
        if (p instanceof BigDecimal d) return d.toPlainString();
        if (p instanceof String[] array) {
            // an array literal: every element quoted, quotes and backslashes escaped
            StringBuilder literal = new StringBuilder("{");
            for (int i = 0; i < array.length; i++) {
                if (i > 0) literal.append(',');
                if (array[i] == null) {
                    literal.append("NULL");
                } else {
                    literal.append('"').append(array[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            return literal.append('}').toString();
        }
        return p.toString();
    }

    static String json(List<String> texts) {
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code sql} with its {@code ?} placeholders replaced in order; a {@code ?} inside a quoted literal or identifier
     * is text, as the JDBC driver reads it.
     */
    static String substitute(String sql, List<String> placeholders) {
        StringBuilder out = new StringBuilder(sql.length() + placeholders.size() * 80);
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) quote = 0;
                out.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                out.append(ch);
            } else if (ch == '?') {
                if (next == placeholders.size()) throw new IllegalArgumentException("More placeholders than parameters");
                out.append(placeholders.get(next++));
            } else {
                out.append(ch);
            }
        }
        if (next != placeholders.size()) throw new IllegalArgumentException("Fewer placeholders than parameters");
        return out.toString();
    }
}
