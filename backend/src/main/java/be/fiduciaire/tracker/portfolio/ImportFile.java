package be.fiduciaire.tracker.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;

/**
 * A spreadsheet as Belgian Excel writes it, read into its header and rows of text cells: CSV separated by ';' (or
 * ',' or tab, whichever the header line uses most), UTF-8 with or without a byte-order mark, else Windows-1252
 * (Commons CSV); or the first sheet of an XLSX workbook (Apache POI's streaming SAX reader, with its zip-bomb limits
 * and its XML parser that resolves no external entities). Fully blank rows are skipped. Dates of XLSX cells come as
 * YYYY-MM-DD and numbers in their plain form; other cells as Excel shows them.
 */
final class ImportFile {
    /** A data row: its number in the spreadsheet (the header is row 1) and its cells, one per header column. */
    record Line(int number, List<String> cells) {}

    record Sheet(List<String> headers, List<Line> lines) {}

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    static {
        // XLSX hardening: a part may inflate at most 100x (POI's default) and to 100 MB at most, at most 1000 parts
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
        ZipSecureFile.setMaxFileCount(1000);
    }

    private ImportFile() {}

    /** Reads {@code file}; more than {@code maxRows} data rows is a 422 (reading stops there). */
    static Sheet read(Path file, int maxRows) {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(4);
            }
            if (java.util.Arrays.equals(head, ZIP)) return xlsx(file, maxRows);
            return csv(Files.readAllBytes(file), maxRows);
        } catch (IOException | SAXException | ParserConfigurationException | org.apache.poi.openxml4j.exceptions.OpenXML4JException
                 | org.apache.poi.ooxml.POIXMLException | IllegalStateException | UnsupportedOperationException e) {
            throw unreadable(e.getMessage());
        }
    }

    static ProblemException unreadable(String detail) {
        String shown = detail == null ? "" : detail.length() > 200 ? detail.substring(0, 200) : detail;
        return ProblemException.validation("file", ErrorCode.IMPORT_FILE_UNREADABLE, "The file is not a readable CSV or XLSX: " + shown, "detail", shown);
    }

    private static ProblemException tooManyRows(int maxRows) {
        return ProblemException.validation("file", ErrorCode.IMPORT_TOO_MANY_ROWS, "At most " + maxRows + " rows per import", "max", maxRows);
    }

    // ------------------------------------------------------------------ CSV

    static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            // what Excel writes for "CSV (separator: semicolon)" on a Belgian Windows
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** The separator the header line uses most, outside quotes: ';', ',' or tab (';' when none). */
    static char delimiter(String text) {
        int semicolons = 0, commas = 0, tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (tabs > semicolons && tabs > commas) return '\t';
        return commas > semicolons ? ',' : ';';
    }

    private static Sheet csv(byte[] bytes, int maxRows) throws IOException {
        String text = decode(bytes);
        if (text.indexOf('\0') >= 0) throw unreadable("binary content");
        CSVFormat format = CSVFormat.EXCEL.builder().setDelimiter(delimiter(text)).get();
        List<String> headers = null;
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            int number = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                number++;
                List<String> cells = record.toList();
                if (headers == null) {
                    headers = cells.stream().map(String::strip).toList();
                    continue;
                }
                if (cells.stream().allMatch(String::isBlank)) continue;
                if (lines.size() == maxRows) throw tooManyRows(maxRows);
                lines.add(new Line(number, cells));
            }
        } catch (java.io.UncheckedIOException e) {
            throw unreadable(e.getMessage());
        }
        return new Sheet(headers == null ? List.of() : headers, lines);
    }

    // ------------------------------------------------------------------ XLSX

    private static Sheet xlsx(Path file, int maxRows) throws IOException, SAXException, ParserConfigurationException,
            org.apache.poi.openxml4j.exceptions.OpenXML4JException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) return new Sheet(List.of(), List.of());
            Collector collector = new Collector(maxRows);
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector, new PlainFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
            if (collector.tooMany) throw tooManyRows(maxRows);
            return new Sheet(collector.headers == null ? List.of() : collector.headers, collector.lines);
        }
    }

    /** Dates as YYYY-MM-DD, numbers in "General" format in their plain decimal form (no 1.2E+11), the rest as Excel shows them. */
    private static final class PlainFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            if (formatString == null || "General".equalsIgnoreCase(formatString) || formatIndex == 0) {
                return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final int maxRows;
        List<String> headers;
        final List<Line> lines = new ArrayList<>();
        boolean tooMany;
        private List<String> current;
        private int rowNumber;

        Collector(int maxRows) { this.maxRows = maxRows; }

        @Override
        public void startRow(int rowNum) {
            current = new ArrayList<>();
            rowNumber = rowNum + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (headers == null) {
                headers = current.stream().map(String::strip).toList();
                return;
            }
            if (current.stream().allMatch(String::isBlank) || tooMany) return;
            if (lines.size() == maxRows) {
                tooMany = true;
                return;
            }
            lines.add(new Line(rowNumber, current));
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (tooMany) return;
            int column = cellReference == null ? current.size() : new CellReference(cellReference).getCol();
            if (column > 1000) return;
            while (current.size() < column) current.add("");
            current.add(formattedValue == null ? "" : formattedValue);
        }
    }
}
