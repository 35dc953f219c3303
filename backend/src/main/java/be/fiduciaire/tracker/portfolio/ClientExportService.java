package be.fiduciaire.tracker.portfolio;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.SortCompiler;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.db.DatabaseException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * CSV export of the matching clients. PostgreSQL renders each cell as the text the CSV shows (yes/no in the caller's
 * language, numbers without trailing zeros, times in Brussels), so each row reaches Java as strings to label (option
 * keys), quote and write. The query runs with a server-side cursor (fetch size) and each row is written as it
 * arrives, so memory stays flat whatever the number of clients. Text cells that a spreadsheet would run as a formula
 * are prefixed with '.
 */
@ApplicationScoped
public class ClientExportService {
    private static final int FETCH_SIZE = 2_000;
    /** A download is as slow as the client reading it: the export's read transaction may outlive a request's default. */
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3_600;
    private static final Map<String, String[]> YES_NO = Map.of("fr", new String[] {"Oui", "Non"}, "nl", new String[] {"Ja", "Nee"},
            "en", new String[] {"Yes", "No"});

    @Inject
    Db db;
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
        List<Sql> cells = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) cells.add(cellSql(cols.get(i), language).wrap("", " as " + alias(i)));
        Sql sql = Sql.join(" where ", List.of(Sql.join(", ", cells).wrap("select ", ClientRows.FROM), where)).wrap("", orderBy);
        List<String> header = new ArrayList<>();
        for (Selector s : cols) header.add(s.label(language));
        List<Map<String, String>> labels = optionLabels(cols, language);
        return out -> write(out, sql, header, labels, excel ? ';' : ',', excel);
    }

    private static String alias(int index) {
        return "cell_" + index;
    }

    /** The SQL that renders a column's cell as the CSV shows it; null (an empty cell) when it has no value. */
    private Sql cellSql(Selector s, String language) {
        String v = s.sql();
        return switch (s.kind()) {
            case TEXT, DATE -> Sql.of("nullif((" + v + ")::text, '')");
            case UUID -> Sql.of("(" + v + ")::text");
            case BOOLEAN -> {
                String[] yesNo = YES_NO.getOrDefault(language, YES_NO.get("fr"));
                yield Sql.of("case when (" + v + ") is null then null when (" + v + ")::text = 'true' then ? else ? end", yesNo[0], yesNo[1]);
            }
            case NUMBER -> Sql.of("trim_scale(" + v + ")::text");
            // the transaction's time zone is Brussels (see write): the offset is Brussels' on that day
            case TIMESTAMP -> Sql.of("to_char(" + v + ", 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')");
            // option keys are identifiers (customfield.FieldKeys): Java labels them (see labelled), PostgreSQL only
            // lists a multi-select's keys, as "a,b": an aggregate over the array per row was a third of the query
            case CODE -> Sql.of(v);
            case MULTI -> Sql.of("case when jsonb_typeof(" + v + ") = 'array' then nullif(translate((" + v + ")::text, '[]\" ', ''), '') end");
            case PRESENCE -> Sql.of("nullif(case when jsonb_typeof(" + v + ") = 'object' then (" + v + ") ->> 'name' end, '')");
        };
    }

    /** Per column, {option key: label in the caller's language} of a custom select field; null for other columns. */
    private static List<Map<String, String>> optionLabels(List<Selector> cols, String language) {
        List<Map<String, String>> labels = new ArrayList<>();
        for (Selector s : cols) {
            Map<String, String> byKey = null;
            if (s.custom() && s.field().type().hasOptions()) {
                byKey = new HashMap<>();
                for (FieldCatalog.Option o : s.field().options()) byKey.put(o.key(), o.label(language));
            }
            labels.add(byKey);
        }
        return labels;
    }

    /** A cell as the CSV shows it: option keys replaced by their labels (a removed option keeps its key). */
    private static String labelled(String cell, Map<String, String> labels) {
        if (cell == null) return "";
        if (labels == null) return cell;
        if (cell.indexOf(',') < 0) return labels.getOrDefault(cell, cell);
        StringBuilder names = new StringBuilder();
        for (String key : cell.split(",")) {
            if (!names.isEmpty()) names.append("; ");
            names.append(labels.getOrDefault(key, key));
        }
        return names.toString();
    }

    private void write(OutputStream out, Sql sql, List<String> header, List<Map<String, String>> labels, char separator,
                       boolean byteOrderMark) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (byteOrderMark) w.write('\uFEFF');
        line(w, header, separator);
        try {
            // the body is written after the resource method returned: the read runs in a transaction of its own,
            // with a cursor (fetch size) so that memory stays flat
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS).run(() -> {
                // A whole portfolio is read, joined and sorted once: with the default work_mem the join with the
                // registrations spills to disk in batches, and JIT compiles the plan for seconds before its first row.
                // Times are shown in Brussels, the firm's time zone, with its offset of the day.
                db.one("select set_config('work_mem', '64MB', true) as w, set_config('jit', 'off', true) as j, "
                        + "set_config('TimeZone', ?, true) as z", r -> r.string("w"), Brussels.ZONE_ID);
                List<String> cells = new ArrayList<>(header.size());
                db.stream(sql, FETCH_SIZE, row -> {
                    cells.clear();
                    for (int i = 0; i < header.size(); i++) cells.add(labelled(row.string(alias(i)), labels.get(i)));
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
