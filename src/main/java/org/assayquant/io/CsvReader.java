package org.assayquant.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.assayquant.core.AssayException;

/**
 * A CSV input table (UTF-8, optional BOM, ',' separator, quotes as in RFC 4180, '.' decimals).
 * A reader may instead take the separator from the header line ({@link #read(String, String,
 * boolean)}): the one of ',', ';' and tab it holds most often outside quotes, as spreadsheets in
 * many locales save ';' and SynergyFinder's tables are often tab separated.
 * Every error names the key the file came from, the row (1-based data row, as a spreadsheet shows
 * it: header = line 1, first record = line 2) and the column, and says what was expected.
 * Column names are matched case-insensitively, ignoring surrounding spaces.
 */
public final class CsvReader {
    private final String source;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows;
    private final List<Integer> lines;

    private CsvReader(String source, List<String> header, List<String[]> rows, List<Integer> lines) {
        this.source = source;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
        for (int i = 0; i < header.size(); i++) {
            String k = norm(header.get(i));
            if (k.isEmpty()) continue;
            if (index.putIfAbsent(k, i) != null) throw AssayException.invalid(source + ": column '" + header.get(i) + "' appears twice in the header");
        }
    }

    /**
     * Tables open in the program this runs in (Fiji's results tables), as CSV text by title: set by
     * the ImageJ layer, so that every CSV input also takes an open table and one command's table
     * feeds the next without a file.
     */
    public interface OpenTables {
        /** The table titled {@code title} as CSV text, or null when there is none. */
        String csv(String title);

        /** Whether tables can be open at all (false on the command line). */
        boolean available();
    }

    public static volatile OpenTables openTables;

    /** Reads a file, or in Fiji an open table of that title; {@code key} is the parameter that named it (e.g. "input"), used in errors. */
    public static CsvReader read(String key, String path) {
        return read(key, path, false);
    }

    /** {@link #read(String, String)}; with {@code anySeparator} the separator is the header line's ({@link #separator}). */
    public static CsvReader read(String key, String path, boolean anySeparator) {
        Path p = Path.of(path);
        String source = key + "=" + path;
        OpenTables tables = openTables;
        if (!Files.exists(p) && tables != null && tables.available()) {
            String text = tables.csv(path);
            if (text == null) throw AssayException.invalid(source + ": no such file or open table");
            return parse(key + "=[" + path + "]", text);
        }
        if (!Files.exists(p)) throw AssayException.invalid(source + ": no such file");
        if (!Files.isRegularFile(p)) throw AssayException.invalid(source + ": " + (Files.isDirectory(p) ? "is a folder, expected a CSV file" : "not a regular file (a named pipe, device or socket?); expected a CSV file"));
        if (!Files.isReadable(p)) throw AssayException.invalid(source + ": permission denied (the file is not readable)");
        String text;
        try {
            byte[] bytes = Files.readAllBytes(p);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw AssayException.invalid(source + ": not a UTF-8 text (CSV) file");
        } catch (IOException e) {
            throw AssayException.invalid(source + ": cannot be read (" + OutputFolder.describe(e) + ")");
        }
        return parse(source, text, anySeparator ? separator(text) : ',');
    }

    /** Parses CSV text; {@code source} prefixes every error message. */
    public static CsvReader parse(String source, String text) {
        return parse(source, text, ',');
    }

    /**
     * Parses CSV text with separator {@code sep}: RFC 4180 records from Apache Commons CSV (quoted
     * cells may hold separators, quotes and line breaks); a quote may follow spaces; lines that are
     * blank are skipped. Errors name the line a record starts on, as a spreadsheet numbers it.
     */
    public static CsvReader parse(String source, String text, char sep) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.indexOf('\0') >= 0) throw AssayException.invalid(source + ": binary data, not a CSV text file");
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(sep).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setTrim(false).get();
        int[] lineStarts = lineStarts(text);
        List<String[]> records = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord r;
                long before = parser.getCurrentLineNumber(); // lines ended before this record
                try {
                    if (!it.hasNext()) break;
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    String m = String.valueOf(e.getMessage());
                    // a text that is no table (a README, notes) fails here first: say so rather than only the quote rule
                    String notATable = !m.contains("EOF") && !records.isEmpty() && records.get(0).length == 1
                            ? "; its first line has no '" + (sep == '\t' ? "tab" : String.valueOf(sep)) + "': is it a CSV table (a header row of column names, then data rows)?" : "";
                    throw AssayException.invalid(source + ": line " + lineOf(text, lineStarts, before < lineStarts.length ? lineStarts[(int) before] : text.length()) + ": "
                            + (m.contains("EOF") ? "a quoted cell is never closed" : "text after a quoted cell's closing quote (a quote inside a cell is written as two quotes)") + notATable);
                }
                String[] cells = r.values();
                if (cells.length == 1 && cells[0].isBlank()) continue; // a line of spaces
                records.add(cells);
                starts.add(lineOf(text, lineStarts, (int) r.getCharacterPosition()));
            }
        } catch (IOException e) {
            throw AssayException.invalid(source + ": cannot be read (" + e.getMessage() + ")");
        }
        if (records.isEmpty()) throw AssayException.invalid(source + ": empty file (expected a header row and data rows)");
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) header.add(h.trim());
        List<String[]> rows = new ArrayList<>(records.subList(1, records.size()));
        List<Integer> lines = new ArrayList<>(starts.subList(1, starts.size()));
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length > header.size() && !allBlank(rows.get(r), header.size()))
                throw AssayException.invalid(source + ": line " + lines.get(r) + ": " + rows.get(r).length + " cells but the header has " + header.size() + " columns");
        }
        return new CsvReader(source, header, rows, lines);
    }

    /** Character offsets at which each line of {@code text} starts (\n, \r\n or \r ends a line). */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
            if (c == '\n' || c == '\r') starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of the first non-blank character at or after {@code pos} (a record's position may include skipped blank lines). */
    private static int lineOf(String text, int[] lineStarts, int pos) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != '\t') pos++;
        int i = java.util.Arrays.binarySearch(lineStarts, pos);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** The separator of the header line: the most frequent of ',', ';' and tab outside quotes, ',' on a tie or none. */
    public static char separator(String text) {
        int comma = 0, semicolon = 0, tab = 0;
        boolean quoted = false, started = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) {
                if (started) break; // the header line ends (blank lines before it are skipped)
            } else if (!quoted) {
                if (!Character.isWhitespace(c) || c == '\t') started = true;
                if (c == ',') comma++;
                else if (c == ';') semicolon++;
                else if (c == '\t') tab++;
            }
        }
        if (semicolon > comma && semicolon >= tab) return ';';
        if (tab > comma && tab > semicolon) return '\t';
        return ',';
    }

    private static boolean allBlank(String[] row, int from) {
        for (int i = from; i < row.length; i++) if (!row[i].isBlank()) return false;
        return true;
    }

    private static String norm(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return index.containsKey(norm(column));
    }

    /** Refuses the table unless it has every named column. */
    public void require(String... columns) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) if (!has(c)) missing.add(c);
        if (!missing.isEmpty())
            throw AssayException.invalid(source + ": missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (the header has: " + String.join(", ", header) + ")");
    }

    /** The file line of data row {@code row} (0-based), for messages. */
    public int line(int row) {
        return lines.get(row);
    }

    /** "input=f.csv: line 7, column dose" for messages about one cell. */
    public String where(int row, String column) {
        return source + ": line " + line(row) + ", column " + column;
    }

    /** The trimmed cell text; empty when the column is absent or the row is short. */
    public String text(int row, String column) {
        Integer i = index.get(norm(column));
        String[] r = rows.get(row);
        if (i == null || i >= r.length) return "";
        return unguard(r[i].trim());
    }

    /** Undoes CsvTable's spreadsheet guard: "'=x" reads "=x" (the apostrophe only hides a formula from a spreadsheet). */
    static String unguard(String s) {
        if (s.length() < 2 || s.charAt(0) != '\'') return s;
        char c = s.charAt(1);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? s.substring(1) : s;
    }

    /** A number; NaN for an empty cell; an error naming line and column for anything else. */
    public double number(int row, String column) {
        return parseNumber(text(row, column), where(row, column));
    }

    /**
     * A cell's text as a number: NaN for empty, NA or NaN; an error prefixed with {@code where}
     * for anything else that is not a finite number. Shared by every table input (CSV, ResultsTable).
     */
    public static double parseNumber(String s, String where) {
        if (s.isEmpty() || s.equalsIgnoreCase("na") || s.equalsIgnoreCase("nan")) return Double.NaN;
        try {
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw AssayException.invalid(where + ": '" + s + "' is not a number"
                    + (s.contains(",") ? " (use '.' as the decimal separator)" : ""));
        }
    }

    /** A number that must be present and finite. */
    public double requiredNumber(int row, String column) {
        double d = number(row, column);
        if (Double.isNaN(d)) throw AssayException.invalid(where(row, column) + ": " + missing(row, column) + " (a number is required)");
        return d;
    }

    /** How a cell that {@link #number} read as NaN looks: "empty", or the NA/NaN it holds. */
    public String missing(int row, String column) {
        String s = text(row, column);
        return s.isEmpty() ? "empty" : "'" + s + "' (a missing value)";
    }

    /** A present, finite number >= 0. */
    public double nonNegative(int row, String column) {
        double d = requiredNumber(row, column);
        if (d < 0) throw AssayException.invalid(where(row, column) + ": " + text(row, column) + " is negative (expected >= 0)");
        return d;
    }

    /** true/false (also yes/no, 1/0); {@code dflt} for an empty cell. */
    public boolean bool(int row, String column, boolean dflt) {
        String s = text(row, column).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "" -> dflt;
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw AssayException.invalid(where(row, column) + ": '" + text(row, column) + "' is not true or false");
        };
    }
}
