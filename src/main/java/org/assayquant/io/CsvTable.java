package org.assayquant.io;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table to be written as CSV by the project's conventions: header row, ',' separator, '.' as
 * decimal point in every locale, true/false, empty cell for a missing value, UTF-8.
 */
public final class CsvTable {
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    public CsvTable(String... columns) {
        this.columns = List.of(columns);
    }

    public List<String> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows;
    }

    public CsvTable add(Object... values) {
        if (values.length != columns.size())
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
        rows.add(values);
        return this;
    }

    public void write(Writer w) throws IOException {
        w.write(String.join(",", columns));
        w.write('\n');
        for (Object[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) w.write(',');
                w.write(cell(r[i]));
            }
            w.write('\n');
        }
    }

    /**
     * Numbers keep 6 decimals (6 significant digits below 0.1, so that molar doses such as 2.5e-9
     * survive), never an exponent, trailing zeros dropped; NaN is empty.
     */
    public static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) return "";
            BigDecimal b = BigDecimal.valueOf(d);
            b = Math.abs(d) < 0.1 ? b.round(new MathContext(6, RoundingMode.HALF_EVEN)) : b.setScale(6, RoundingMode.HALF_EVEN);
            return d == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        String s = spreadsheetSafe(v.toString());
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    /**
     * Text a spreadsheet shows as text: a cell starting with = + - @ tab or CR that is not a number
     * gets a leading apostrophe (Excel, LibreOffice and Sheets would run it as a formula; OWASP's
     * CSV-injection advice), and the invisible bidirectional controls that can make a name read
     * backwards (U+202A-202E, U+2066-2069, U+200E/200F, U+061C) are written as {@code <U+202E>}.
     * {@link CsvReader} undoes the apostrophe.
     */
    static String spreadsheetSafe(String s) {
        if (s.isEmpty()) return s;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isBidiControl(c)) {
                if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
                b.append(String.format(java.util.Locale.ROOT, "<U+%04X>", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        String t = b == null ? s : b.toString();
        char first = t.charAt(0);
        if ((first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') && !isNumber(t)) return "'" + t;
        return t;
    }

    static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity");

    private static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    @Override
    public String toString() {
        return columns + " x " + rows.size() + " rows: " + (rows.isEmpty() ? "" : Arrays.toString(rows.get(0)));
    }
}
