package be.fiduciaire.tracker.portfolio;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

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
 * CSV export of the matching clients. PostgreSQL reads, joins and sorts them ({@code COPY ... TO STDOUT},
 * {@link Db#copyOut}, with parallel workers) and sends each client as one text of its raw values, separated by U+001F
 * (in COPY's binary format);
 * Java renders each value as the CSV shows it (option labels and yes/no in the caller's language, formulas defused,
 * quoting) and streams the lines (ending in CRLF, as RFC 4180 has them). Memory stays flat whatever the number of
 * clients. Rendering in Java rather than in SQL: with a sort, PostgreSQL hands every row to one process after its
 * workers have sorted them, and that process writing thirty formatted columns per row was the slowest part of an
 * export (1,000,000 clients: 6.4 s in psql, 4.2 s as one text per row).
 */
@ApplicationScoped
public class ClientExportService {
    /** A download is as slow as the client reading it: the export's read transaction may outlive a request's default. */
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3_600;
    /** A text starting with one of these characters runs as a formula in a spreadsheet, unless it is a plain number. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** FORMULA_STARTS by byte: a look-up of the first byte of every text cell. */
    private static final boolean[] FORMULA_START = new boolean[256];

    static {
        for (char c : FORMULA_STARTS.toCharArray()) FORMULA_START[c] = true;
    }

    /**
     * Separates the values of a row as PostgreSQL sends them. Requests refuse control characters (common.Text), but a
     * text may come from elsewhere (an imported file, a name read off a certificate): it is sent with any U+001F it
     * holds as a space, so that no value splits in two; other values cannot hold one (see valueSql).
     */
    private static final char VALUE_SEPARATOR = '\u001f';
    private static final Map<String, String[]> YES_NO = Map.of("fr", new String[] {"Oui", "Non"}, "nl", new String[] {"Ja", "Nee"},
            "en", new String[] {"Yes", "No"});
    /** Lines are written out once this many bytes are waiting. */
    private static final int FLUSH_AT = 64 * 1024;

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
        char separator = excel ? ';' : ',';
        List<String> values = new ArrayList<>();
        List<Column> cells = new ArrayList<>();
        for (Selector s : cols) {
            values.add("coalesce(" + valueSql(s) + ", '')");
            cells.add(column(s, language, (byte) separator));
        }
        // Every client has its fields (client_has_fields): saying so turns the view's left join into an inner one, and
        // PostgreSQL 15 then hashes the clients rather than their larger fields (1,000,000 clients: -0.15 s)
        Sql matching = Sql.join(" and ", List.of(where.wrap("(", ")"), Sql.of("c.fields_version is not null")));
        Sql sql = Sql.join(" where ", List.of(Sql.of("select " + joinedValues(values) + ClientRows.FROM), matching)).wrap("", orderBy);
        List<String> header = new ArrayList<>();
        for (Selector s : cols) header.add(s.label(language));
        return out -> write(out, sql, header, cells, separator, excel);
    }

    /** At most this many values per concat_ws (a function takes at most 100 arguments, an export up to 200 columns). */
    private static final int VALUES_PER_CONCAT = 90;

    /** The values joined by VALUE_SEPARATOR, in groups of VALUES_PER_CONCAT joined alike (none of them is null). */
    private static String joinedValues(List<String> values) {
        if (values.size() <= VALUES_PER_CONCAT) return "concat_ws(chr(31), " + String.join(", ", values) + ")";
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < values.size(); i += VALUES_PER_CONCAT) {
            groups.add(joinedValues(values.subList(i, Math.min(values.size(), i + VALUES_PER_CONCAT))));
        }
        return joinedValues(groups);
    }

    /** The SQL of a column's raw value as text (null when it has none), which {@link #column} renders. */
    private static String valueSql(Selector s) {
        String v = s.sql();
        return switch (s.kind()) {
            // free text: the only values that may hold the separator (see VALUE_SEPARATOR)
            case TEXT -> "replace((" + v + ")::text, chr(31), ' ')";
            case PRESENCE -> "replace((" + v + " ->> 'name'), chr(31), ' ')";
            case DATE, UUID, BOOLEAN, CODE -> "(" + v + ")::text";
            case NUMBER -> "trim_scale(" + v + ")::text";
            // the transaction's time zone is Brussels (see write): the offset is Brussels' on that day
            case TIMESTAMP -> "to_char(" + v + ", 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')";
            // a JSON array of option keys, which JSON writes with any control character escaped
            case MULTI -> "(case when jsonb_typeof(" + v + ") = 'array' then (" + v + ")::text end)";
        };
    }

    /**
     * Renders a raw value, bytes {@code [from, to)} of a row in UTF-8 (never empty: an empty value is an empty cell), as a
     * CSV cell; {@code quote}: the value holds the separator, a quote or a line break. Bytes rather than text: every
     * character the rules look at is ASCII, which UTF-8 never uses inside a character of several bytes, and an export
     * of a million rows then allocates nothing per row but the row itself.
     */
    @FunctionalInterface
    private interface Cell {
        void append(Bytes line, byte[] row, int from, int to, boolean quote);
    }

    /** When a column's value is its cell, byte for byte (then it is copied with its neighbours in one go). */
    private enum Verbatim { ALWAYS, UNLESS_QUOTED_OR_FORMULA, NEVER }

    /** How a column's values become cells: {@code cell} renders those that {@code verbatim} does not copy as they are. */
    private record Column(Verbatim verbatim, Cell cell) {
        static Column asIs() {
            return new Column(Verbatim.ALWAYS, (line, row, from, to, quote) -> line.put(row, from, to));
        }

        static Column rendered(Cell cell) {
            return new Column(Verbatim.NEVER, cell);
        }
    }

    private Column column(Selector s, String language, byte separator) {
        return switch (s.kind()) {
            case TEXT, DATE, PRESENCE -> new Column(Verbatim.UNLESS_QUOTED_OR_FORMULA,
                    (line, row, from, to, quote) -> appendText(line, row, from, to, quote, true));
            case UUID, NUMBER, TIMESTAMP -> Column.asIs();
            case BOOLEAN -> {
                String[] yesNo = YES_NO.getOrDefault(language, YES_NO.get("fr"));
                byte[] yes = cellBytes(yesNo[0], separator), no = cellBytes(yesNo[1], separator);
                yield Column.rendered((line, row, from, to, quote) -> {
                    if (Arrays.equals(row, from, to, TRUE, 0, TRUE.length)) line.put(yes);
                    else if (Arrays.equals(row, from, to, FALSE, 0, FALSE.length)) line.put(no);
                });
            }
            case CODE -> {
                if (!s.custom()) yield Column.asIs();
                // a removed option keeps its key, an identifier (customfield.FieldKeys)
                Options options = new Options(s.field(), language, separator);
                yield Column.rendered((line, row, from, to, quote) -> {
                    int o = options.find(row, from, to);
                    if (o >= 0) line.put(options.cells[o]);
                    else line.put(row, from, to);
                });
            }
            case MULTI -> {
                Options options = new Options(s.field(), language, separator);
                Bytes labels = new Bytes(256);
                yield Column.rendered((line, row, from, to, quote) -> {
                    labels.clear();
                    if (indexOf(row, '\\', from, to) < 0) {
                        // keys are identifiers (customfield.FieldKeys): ["a", "b"] holds no escape to undo
                        for (int open = indexOf(row, '"', from, to), close; open >= 0; open = indexOf(row, '"', close + 1, to)) {
                            close = indexOf(row, '"', open + 1, to);
                            options.appendLabel(labels, row, open + 1, close);
                        }
                    } else {
                        for (String key : keys(row, from, to)) {
                            byte[] k = key.getBytes(StandardCharsets.UTF_8);
                            options.appendLabel(labels, k, 0, k.length);
                        }
                    }
                    appendText(line, labels.bytes(), 0, labels.length(), needsQuotes(labels.bytes(), 0, labels.length(), separator), false);
                });
            }
        };
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII), FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MULTI_SEPARATOR = "; ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * A custom select field's options: their keys, and their labels in the caller's language (defused) bare and as
     * cells, found by key in a small open-addressing table (a select may offer dozens of software packages).
     */
    private static final class Options {
        final byte[][] keys, labels, cells;
        /** Option index + 1 by the key's hash; 0: free. */
        final int[] slots;

        Options(FieldCatalog.Field field, String language, byte separator) {
            List<FieldCatalog.Option> options = field.options();
            keys = new byte[options.size()][];
            labels = new byte[options.size()][];
            cells = new byte[options.size()][];
            slots = new int[Integer.highestOneBit(Math.max(1, options.size()) * 4)];
            for (int i = 0; i < options.size(); i++) {
                String label = defused(options.get(i).label(language));
                keys[i] = options.get(i).key().getBytes(StandardCharsets.UTF_8);
                labels[i] = label.getBytes(StandardCharsets.UTF_8);
                cells[i] = cellBytes(label, separator);
                int slot = hash(keys[i], 0, keys[i].length) & (slots.length - 1);
                while (slots[slot] != 0) slot = (slot + 1) & (slots.length - 1);
                slots[slot] = i + 1;
            }
        }

        /** The option whose key is bytes [from, to) of {@code b}, or -1 (a removed option). */
        int find(byte[] b, int from, int to) {
            for (int slot = hash(b, from, to) & (slots.length - 1); slots[slot] != 0; slot = (slot + 1) & (slots.length - 1)) {
                byte[] key = keys[slots[slot] - 1];
                if (Arrays.equals(key, 0, key.length, b, from, to)) return slots[slot] - 1;
            }
            return -1;
        }

        /** Appends "; " unless first, and the label of the option with key [from, to) of {@code b} (its key when removed). */
        void appendLabel(Bytes labelled, byte[] b, int from, int to) {
            if (labelled.length() > 0) labelled.put(MULTI_SEPARATOR);
            int o = find(b, from, to);
            if (o >= 0) labelled.put(labels[o]);
            else labelled.put(b, from, to);
        }

        private static int hash(byte[] b, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) h = 31 * h + b[i];
            return h ^ (h >>> 16);
        }
    }

    /** The keys of a multi-select's JSON array with escapes (bytes [from, to) of {@code row}), read as JSON. */
    private List<String> keys(byte[] row, int from, int to) {
        try {
            List<String> keys = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode key : json.readTree(new String(row, from, to - from, StandardCharsets.UTF_8))) {
                keys.add(key.asText());
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    private void write(OutputStream out, Sql sql, List<String> header, List<Column> cells, char separator, boolean byteOrderMark)
            throws IOException {
        StringBuilder head = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
        line(head, header, separator);
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        Bytes lines = new Bytes(FLUSH_AT + 8 * 1024);
        Column[] render = cells.toArray(Column[]::new);
        Values values = new Values(render.length, (byte) separator);
        try {
            // the body is written after the resource method returned: the read runs in a transaction of its own
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS).run(() -> {
                // A whole portfolio is read, joined and sorted once: with the default work_mem the join with the
                // registrations spills to disk in batches, and JIT compiles the plan for seconds before its first row.
                // Times are shown in Brussels, the firm's time zone, with its offset of the day.
                // The workers join and sort the rows; the leader only merges them and sends them on.
                db.one("select set_config('work_mem', '64MB', true) as w, set_config('jit', 'off', true) as j, "
                        + "set_config('parallel_leader_participation', 'off', true) as l, "
                        + "set_config('TimeZone', ?, true) as z", r -> r.string("w"), Brussels.ZONE_ID);
                db.copyOut(sql, "format binary", message -> {
                    appendLines(lines, message, render, values, (byte) separator);
                    if (lines.length() >= FLUSH_AT) {
                        out.write(lines.bytes(), 0, lines.length());
                        lines.clear();
                    }
                });
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DatabaseException e) {
            throw new IOException("Export query failed", e);
        }
        out.write(lines.bytes(), 0, lines.length());
        out.flush();
    }

    /**
     * Appends the CSV lines of one message of COPY's binary format: its header first (in the first message), then rows
     * of one field each (a length and the bytes of the row's values, separated by VALUE_SEPARATOR), then -1 (the end).
     * Binary, as it is sent unescaped: PostgreSQL writes it without looking at each byte, and Java reads it likewise.
     */
    private static void appendLines(Bytes line, byte[] message, Column[] columns, Values values, byte separator) {
        ByteBuffer in = ByteBuffer.wrap(message);
        if (in.remaining() >= BINARY_SIGNATURE.length && Arrays.equals(message, 0, BINARY_SIGNATURE.length, BINARY_SIGNATURE, 0, BINARY_SIGNATURE.length)) {
            in.position(BINARY_SIGNATURE.length + 4);
            in.position(in.position() + 4 + in.getInt());
        }
        while (in.remaining() >= 2) {
            if (in.getShort() < 0) return;
            int length = in.getInt();
            appendLine(line, message, in.position(), in.position() + length, columns, values, separator);
            in.position(in.position() + length);
        }
    }

    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** Appends the CSV line of one row, bytes [start, end) of {@code row}; runs of values that are their own cells are copied at once. */
    private static void appendLine(Bytes line, byte[] row, int start, int end, Column[] columns, Values values, byte separator) {
        values.read(row, start, end);
        int from = start, pending = start;
        for (int i = 0; i < columns.length; i++) {
            int to = values.ends[i];
            Column c = columns[i];
            boolean verbatim = to == from || switch (c.verbatim()) {
                case ALWAYS -> true;
                case UNLESS_QUOTED_OR_FORMULA -> !values.quote[i] && !FORMULA_START[row[from] & 0xff];
                case NEVER -> false;
            };
            if (!verbatim) {
                line.put(row, pending, from);
                c.cell().append(line, row, from, to, values.quote[i]);
                pending = to;
            }
            // the separator of values becomes the CSV's, in place
            if (to < end) row[to] = separator;
            from = to + 1;
        }
        line.put(row, pending, end);
        line.put(CRLF);
    }

    /** Where each value of a row ends and whether its cell needs quotes, read in one pass over the row. */
    private static final class Values {
        private static final byte PLAIN = 0, END = 1, QUOTE = 2;
        final int[] ends;
        final boolean[] quote;
        private final byte[] classes = new byte[256];

        Values(int count, byte separator) {
            ends = new int[count];
            quote = new boolean[count];
            classes[VALUE_SEPARATOR] = END;
            classes[separator] = QUOTE;
            classes['"'] = QUOTE;
            classes['\n'] = QUOTE;
            classes['\r'] = QUOTE;
        }

        /** Notes where each value of bytes [from, to) ends (its separator, or {@code to}) and whether it holds a character to quote. */
        void read(byte[] row, int from, int to) {
            int count = 0;
            boolean toQuote = false;
            for (int i = from; i < to; i++) {
                byte kind = classes[row[i] & 0xff];
                if (kind == PLAIN) continue;
                if (kind == QUOTE) {
                    toQuote = true;
                    continue;
                }
                if (count == ends.length - 1) throw new IllegalStateException("An export row holds more than " + ends.length + " values");
                quote[count] = toQuote;
                ends[count++] = i;
                toQuote = false;
            }
            if (count != ends.length - 1) throw new IllegalStateException("An export row holds fewer than " + ends.length + " values");
            quote[count] = toQuote;
            ends[count] = to;
        }
    }

    /**
     * A text cell: quoted ({@code quote}, see {@link #needsQuotes}) with its quotes doubled, and prefixed with ' when a
     * spreadsheet would run it as a formula ({@code defuse}, the rule of {@link #defused}).
     */
    private static void appendText(Bytes line, byte[] v, int from, int to, boolean quote, boolean defuse) {
        if (quote) line.put((byte) '"');
        if (defuse && FORMULA_START[v[from] & 0xff] && !plainNumber(v, from, to)) line.put((byte) '\'');
        if (!quote) {
            line.put(v, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            if (v[i] == '"') line.put((byte) '"');
            line.put(v[i]);
        }
        line.put((byte) '"');
    }

    /** Whether a cell must be quoted: it holds the separator, a quote or a line break (as COPY's CSV had it). */
    private static boolean needsQuotes(byte[] v, int from, int to, byte separator) {
        for (int i = from; i < to; i++) if (v[i] == separator || v[i] == '"' || v[i] == '\n' || v[i] == '\r') return true;
        return false;
    }

    /** Whether bytes [from, to) are a plain number (-?[0-9]+([.][0-9]+)?), which a spreadsheet reads as a number, not a formula. */
    private static boolean plainNumber(byte[] v, int from, int to) {
        int i = from < to && v[from] == '-' ? from + 1 : from;
        int digits = i;
        while (i < to && v[i] >= '0' && v[i] <= '9') i++;
        if (i == digits) return false;
        if (i == to) return true;
        if (v[i] != '.') return false;
        int decimals = ++i;
        while (i < to && v[i] >= '0' && v[i] <= '9') i++;
        return i == to && i > decimals;
    }

    /** A text as the CSV cell {@link #appendText} makes of it, without defusing (labels are defused beforehand). */
    private static byte[] cellBytes(String text, byte separator) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Bytes cell = new Bytes(b.length + 8);
        appendText(cell, b, 0, b.length, needsQuotes(b, 0, b.length, separator), false);
        return Arrays.copyOf(cell.bytes(), cell.length());
    }

    /** A growing buffer of bytes, reused line after line. */
    private static final class Bytes {
        private byte[] b;
        private int n;

        Bytes(int capacity) {
            b = new byte[capacity];
        }

        void put(byte x) {
            if (n == b.length) b = Arrays.copyOf(b, b.length * 2);
            b[n++] = x;
        }

        void put(byte[] src) {
            put(src, 0, src.length);
        }

        void put(byte[] src, int from, int to) {
            int length = to - from;
            if (n + length > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, n + length));
            System.arraycopy(src, from, b, n, length);
            n += length;
        }

        byte[] bytes() {
            return b;
        }

        int length() {
            return n;
        }

        void clear() {
            n = 0;
        }
    }

    private static void line(StringBuilder w, List<String> cells, char separator) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) w.append(separator);
            w.append(quote(cells.get(i)));
        }
        w.append("\r\n");
    }

    /** A text a spreadsheet would run as a formula, prefixed with '; any other as it is. */
    static String defused(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        boolean formula = b.length > 0 && FORMULA_START[b[0] & 0xff] && !plainNumber(b, 0, b.length);
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
