package org.assayquant.ij;

import java.awt.Frame;
import java.awt.Window;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.IJ;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.text.TextWindow;

import org.assayquant.io.Cells;
import org.assayquant.io.CsvReader;
import org.assayquant.io.CsvTable;

/**
 * An ImageJ results table as command input (in Fiji: an empty {@code input} is the front table,
 * otherwise a table's title). Columns are matched case-insensitively as in CSV input; rows are
 * named 1-based, as the table window numbers them. Numbers are read at full precision, not as the
 * table displays them.
 */
public final class TableCells implements Cells {
    private final ResultsTable rt;
    private final String title;
    private final Map<String, String> columns = new LinkedHashMap<>();

    public TableCells(ResultsTable rt, String title) {
        this.rt = rt;
        this.title = title;
        for (String h : rt.getHeadings()) columns.putIfAbsent(h.trim().toLowerCase(Locale.ROOT), h);
    }

    /**
     * The open table for {@code input}: the front table when it is empty (else the non-empty
     * "Results" table), or the table with that title. Null outside ImageJ (the command line) or when
     * there is no such table.
     */
    public static TableCells find(String input) {
        if (!inImageJ()) return null;
        String name = input == null ? "" : input.trim();
        if (name.isEmpty()) {
            Window w = WindowManager.getActiveTable();
            ResultsTable rt = ResultsTable.getActiveTable();
            if (w instanceof TextWindow && rt != null) return new TableCells(rt, ((Frame) w).getTitle());
            name = "Results";
        }
        ResultsTable rt = ResultsTable.getResultsTable(name);
        if (rt == null && name.equals("Results")) rt = ResultsTable.getResultsTable(); // batch macros: no window
        return rt == null || rt.size() == 0 && rt.getHeadings().length == 0 ? null : new TableCells(rt, name);
    }

    /**
     * The results table titled {@code title} as CSV text (the CSV reader's {@link
     * org.assayquant.io.CsvReader.OpenTables}): numbers at full precision, not as the window shows
     * them; null when ImageJ has no such table.
     */
    public static String csvText(String title) {
        ResultsTable rt = inImageJ() ? ResultsTable.getResultsTable(title) : null;
        if (rt == null) return null;
        String[] headings = Arrays.stream(rt.getHeadings()).filter(h -> !h.isBlank()).toArray(String[]::new);
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < headings.length; c++) sb.append(c > 0 ? "," : "").append(CsvTable.cell(headings[c]));
        sb.append('\n');
        for (int r = 0; r < rt.size(); r++) {
            for (int c = 0; c < headings.length; c++) {
                double v = rt.getValue(headings[c], r);
                String s = Double.isNaN(v) ? rt.getStringValue(headings[c], r) : Double.toString(v);
                if (s == null || s.equals("NaN")) s = "";
                sb.append(c > 0 ? "," : "").append(CsvTable.cell(s));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Whether ImageJ is running (its window, or a macro), i.e. whether tables can be open at all. */
    public static boolean inImageJ() {
        return IJ.getInstance() != null || Interpreter.getInstance() != null;
    }

    @Override
    public String source() {
        return "input=[" + title + "]";
    }

    @Override
    public List<String> header() {
        return Arrays.asList(rt.getHeadings());
    }

    @Override
    public boolean has(String column) {
        return columns.containsKey(column.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return rt.size();
    }

    @Override
    public String text(int row, String column) {
        String c = columns.get(column.trim().toLowerCase(Locale.ROOT));
        if (c == null) return "";
        String s = rt.getStringValue(c, row);
        s = s == null ? "" : s.trim();
        return s.equalsIgnoreCase("nan") ? "" : s;
    }

    @Override
    public double number(int row, String column) {
        String c = columns.get(column.trim().toLowerCase(Locale.ROOT));
        if (c == null) return Double.NaN;
        double v = rt.getValue(c, row);
        if (!Double.isNaN(v)) return v;
        return CsvReader.parseNumber(text(row, column), where(row, column));
    }

    @Override
    public String where(int row, String column) {
        return source() + ": row " + (row + 1) + ", column " + column;
    }
}
