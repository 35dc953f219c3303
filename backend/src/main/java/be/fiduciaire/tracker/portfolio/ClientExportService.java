package be.fiduciaire.tracker.portfolio;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.SortCompiler;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Row;
import be.fiduciaire.tracker.common.db.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * CSV export of the matching clients. The query runs with a server-side cursor (fetch size) and each row is
 * written as it arrives, so memory stays flat whatever the number of clients. Headers and option values are
 * labelled in the caller's language; text cells that a spreadsheet would run as a formula are prefixed with '.
 */
@ApplicationScoped
public class ClientExportService {
    private static final int FETCH_SIZE = 1_000;
    /** A download is as slow as the client reading it: the export's read transaction may outlive a request's default. */
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3_600;
    private static final Map<String, String[]> YES_NO = Map.of("fr", new String[] {"Oui", "Non"}, "nl", new String[] {"Ja", "Nee"},
            "en", new String[] {"Yes", "No"});

    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    RsqlCompiler filters;
    @Inject
    SortCompiler sorts;
    @Inject
    Columns columns;

    /**
     * The CSV of the matching clients. {@code excel}: semicolons and a UTF-8 byte-order mark, which Excel with a
     * Belgian (or French, Dutch) locale needs to split columns and show accents; otherwise plain RFC 4180 with commas.
     */
    public StreamingOutput export(String filter, String columnList, String sort, String language, boolean excel) {
        Sql where = filters.compile(filter, "filter");
        String orderBy = sorts.orderBy(sort);
        List<Selector> cols = columns.parse(columnList, "columns");
        List<String> exprs = new ArrayList<>();
        // cells are read back by these names: the same selector may be asked for twice
        for (int i = 0; i < cols.size(); i++) exprs.add(cols.get(i).sql() + " as " + alias(i));
        Sql sql = where.wrap("select " + String.join(", ", exprs) + ClientRows.FROM + " where ", orderBy);
        // option labels looked up once per column, not once per cell
        List<Map<String, String>> optionLabels = new ArrayList<>();
        for (Selector s : cols) {
            Map<String, String> labels = new java.util.HashMap<>();
            if (s.custom() && s.field().type().hasOptions()) {
                for (FieldCatalog.Option o : s.field().options()) labels.put(o.key(), o.label(language));
            }
            optionLabels.add(labels);
        }
        return out -> write(out, sql, cols, optionLabels, language, excel ? ';' : ',', excel);
    }

    private static String alias(int index) {
        return "cell_" + index;
    }

    private void write(OutputStream out, Sql sql, List<Selector> cols, List<Map<String, String>> optionLabels,
                       String language, char separator, boolean byteOrderMark) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (byteOrderMark) w.write('\uFEFF');
        List<String> header = new ArrayList<>();
        for (Selector s : cols) header.add(s.label(language));
        line(w, header, separator);
        try {
            // the body is written after the resource method returned: the read runs in a transaction of its own,
            // with a cursor (fetch size) so that memory stays flat
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS).run(() -> {
                // A whole portfolio is read, joined and sorted once: with the default work_mem the join with the
                // registrations spills to disk in batches, and JIT compiles the plan for seconds before its first row
                db.one("select set_config('work_mem', '64MB', true) as w, set_config('jit', 'off', true) as j", r -> r.string("w"));
                List<String> cells = new ArrayList<>(cols.size());
                db.stream(sql, FETCH_SIZE, row -> {
                    cells.clear();
                    for (int i = 0; i < cols.size(); i++) cells.add(cell(cols.get(i), optionLabels.get(i), row, alias(i), language));
                    try {
                        line(w, cells, separator);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DatabaseException e) {
            throw new IOException("Export query failed", e);
        }
        w.flush();
    }

    private String cell(Selector s, Map<String, String> labels, Row row, String column, String language) throws SQLException {
        if (s.kind() == FieldKind.TEXT || s.kind() == FieldKind.DATE || (s.kind() == FieldKind.CODE && !s.custom())) {
            String text = row.string(column);
            return text == null ? "" : text;
        }
        Object value = row.object(column);
        if (value == null) return "";
        return switch (s.kind()) {
            case BOOLEAN -> YES_NO.getOrDefault(language, YES_NO.get("fr"))[Boolean.parseBoolean(value.toString()) ? 0 : 1];
            case NUMBER -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
            case TIMESTAMP -> row.timestamp(column).atZoneSameInstant(Brussels.ZONE).toOffsetDateTime().toString();
            case CODE -> labels.getOrDefault(value.toString(), value.toString());
            case MULTI -> {
                JsonNode array = read(value.toString());
                List<String> names = new ArrayList<>();
                if (array.isArray()) array.forEach(k -> names.add(labels.getOrDefault(k.asText(), k.asText())));
                yield String.join("; ", names);
            }
            case PRESENCE -> {
                JsonNode doc = read(value.toString());
                yield doc.hasNonNull("name") ? doc.get("name").asText() : "";
            }
            default -> value.toString();
        };
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return json.nullNode();
        }
    }

    private static void line(Writer w, List<String> cells, char separator) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) w.write(separator);
            w.write(quote(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** A CSV cell: quoted when needed, and a text a spreadsheet would run as a formula prefixed with '. */
    public static String quote(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) v = "'" + v;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf(';') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
