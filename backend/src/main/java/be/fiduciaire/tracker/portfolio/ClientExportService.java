package be.fiduciaire.tracker.portfolio;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * CSV export of the matching clients, written by PostgreSQL ({@code COPY ... TO STDOUT}, {@link Db#copyOut}): it
 * renders each cell as the CSV shows it (option labels and yes/no in the caller's language, numbers without trailing
 * zeros, times in Brussels), quotes it and streams the rows, which Java passes on as bytes (lines end in CRLF, as
 * RFC 4180 has them). Memory stays flat whatever the number of clients. Text cells that a spreadsheet would run as a
 * formula are prefixed with '.
 */
@ApplicationScoped
public class ClientExportService {
    /** A download is as slow as the client reading it: the export's read transaction may outlive a request's default. */
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3_600;
    /**
     * The one rule against formulas, applied in Java ({@link #defused}) and in SQL ({@link #guarded}): a text starting
     * with one of these characters runs as a formula in a spreadsheet, unless it is a plain number.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** FORMULA_STARTS as the character codes SQL's ascii() gives. */
    private static final String FORMULA_STARTS_SQL = FORMULA_STARTS.chars().mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final String PLAIN_NUMBER = "^-?[0-9]+([.][0-9]+)?$";
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
        List<Sql> cells = new ArrayList<>();
        for (Selector s : cols) cells.add(cellSql(s, language));
        Sql sql = Sql.join(" where ", List.of(Sql.join(", ", cells).wrap("select ", ClientRows.FROM), where)).wrap("", orderBy);
        List<String> header = new ArrayList<>();
        for (Selector s : cols) header.add(s.label(language));
        char separator = excel ? ';' : ',';
        return out -> write(out, sql, header, separator, excel);
    }

    /** The SQL that renders a column's cell as the CSV shows it; null (an empty cell) when it has no value. */
    private Sql cellSql(Selector s, String language) {
        String v = s.sql();
        return switch (s.kind()) {
            case TEXT, DATE -> Sql.of(guarded("(" + v + ")::text"));
            case UUID -> Sql.of("(" + v + ")::text");
            case BOOLEAN -> {
                String[] yesNo = YES_NO.getOrDefault(language, YES_NO.get("fr"));
                // a simple CASE reads the value once; a boolean holds true, false or nothing
                yield Sql.of("case (" + v + ")::text when 'true' then ? when 'false' then ? end", yesNo[0], yesNo[1]);
            }
            case NUMBER -> Sql.of("trim_scale(" + v + ")::text");
            // the transaction's time zone is Brussels (see write): the offset is Brussels' on that day
            case TIMESTAMP -> Sql.of("to_char(" + v + ", 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')");
            // the labels are defused in Java; a removed option keeps its key, an identifier (customfield.FieldKeys)
            case CODE -> s.custom() ? Sql.of("coalesce(?::jsonb ->> (" + v + "), " + v + ")", optionLabels(s, language)) : Sql.of(v);
            case MULTI -> multiSelectSql(v, s, language);
            case PRESENCE -> Sql.of(guarded("(" + v + " ->> 'name')"));
        };
    }

    /**
     * A multi-select's labels, "A; B", in the order the client holds them. Without a sub-select per row, which would
     * keep PostgreSQL from rendering the rows in its parallel workers: the keys (identifiers, customfield.FieldKeys) are
     * listed as ",a,b," and each option's ",key," replaced by its label (whose own commas travel as U+001F, which no
     * stored text holds, and come back at the end).
     */
    private Sql multiSelectSql(String v, Selector s, String language) {
        String listed = "(',' || translate((" + v + ")::text, '[]\" ', '') || ',')";
        List<Object> params = new ArrayList<>();
        for (FieldCatalog.Option o : s.field().options()) {
            listed = "replace(" + listed + ", ?, ?)";
            params.add("," + o.key() + ",");
            params.add("," + defused(o.label(language)).replace(',', '\u001f') + ",");
        }
        return new Sql("case when jsonb_typeof(" + v + ") = 'array' and jsonb_array_length(" + v + ") > 0 then"
                + " translate(replace(btrim(" + listed + ", ','), ',', '; '), chr(31), ',') end", params);
    }

    /**
     * A text cell: empty as null (no value), and prefixed with ' when a spreadsheet would run it as a formula (it starts
     * with one of FORMULA_STARTS and is not a plain number), as {@link #defused} does. {@code text} is a
     * cheap expression (a column, a key of the document): it is written out where each test reads it, which is twice
     * for most texts (the code of the first character, then the text itself; ascii('') is 0, no formula start).
     */
    private static String guarded(String text) {
        return "case when ascii(" + text + ") in (" + FORMULA_STARTS_SQL + ") and " + text + " !~ '" + PLAIN_NUMBER
                + "' then '''' || " + text + " else nullif(" + text + ", '') end";
    }

    /** {option key: label in the caller's language} of a custom select field, bound as one JSON parameter. */
    private Sql.JsonParam optionLabels(Selector s, String language) {
        ObjectNode labels = json.createObjectNode();
        for (FieldCatalog.Option o : s.field().options()) labels.put(o.key(), defused(o.label(language)));
        return new Sql.JsonParam(labels.toString());
    }

    private void write(OutputStream out, Sql sql, List<String> header, char separator, boolean byteOrderMark) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        Writer w = new OutputStreamWriter(buffered, StandardCharsets.UTF_8);
        if (byteOrderMark) w.write('\uFEFF');
        line(w, header, separator);
        w.flush();
        try {
            // the body is written after the resource method returned: the read runs in a transaction of its own
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS).run(() -> {
                // A whole portfolio is read, joined and sorted once: with the default work_mem the join with the
                // registrations spills to disk in batches, and JIT compiles the plan for seconds before its first row.
                // Times are shown in Brussels, the firm's time zone, with its offset of the day.
                // The workers render and sort the rows; the leader only merges them and writes the CSV, which on a
                // small machine is a full core's work of its own (1M clients in psql: 4.8 s -> 4.4 s).
                db.one("select set_config('work_mem', '64MB', true) as w, set_config('jit', 'off', true) as j, "
                        + "set_config('parallel_leader_participation', 'off', true) as l, "
                        + "set_config('TimeZone', ?, true) as z", r -> r.string("w"), Brussels.ZONE_ID);
                db.copyOut(sql, "format csv, delimiter '" + separator + "'", new CrlfLines(buffered));
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DatabaseException e) {
            throw new IOException("Export query failed", e);
        }
        buffered.flush();
    }

    /** COPY ends lines with LF: each one outside a quoted cell becomes CRLF (a quoted cell keeps its own line breaks). */
    private static final class CrlfLines extends FilterOutputStream {
        private static final byte[] CRLF = {'\r', '\n'};
        private boolean quoted;

        CrlfLines(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            // UTF-8 never uses the bytes of '"' or '\n' inside a multi-byte character
            int from = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '"') {
                    quoted = !quoted;
                } else if (bytes[i] == '\n' && !quoted) {
                    out.write(bytes, from, i - from);
                    out.write(CRLF);
                    from = i + 1;
                }
            }
            out.write(bytes, from, offset + length - from);
        }
    }

    private static void line(Writer w, List<String> cells, char separator) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) w.write(separator);
            w.write(quote(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** A text a spreadsheet would run as a formula, prefixed with '; any other as it is. */
    static String defused(String value) {
        boolean formula = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 && !value.matches(PLAIN_NUMBER);
        return formula ? "'" + value : value;
    }

    /** A CSV cell: quoted when needed, and a text a spreadsheet would run as a formula prefixed with '. */
    public static String quote(String value) {
        String v = defused(value);
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf(';') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
