package org.assayquant.io;

import java.util.ArrayList;
import java.util.List;

import org.assayquant.core.AssayException;

/**
 * A table of input cells read by column name: a CSV file ({@link #of(CsvReader)}) or, in Fiji, an
 * ImageJ results table (org.assayquant.ij.TableCells). Every error names the source, the row and
 * the column.
 */
public interface Cells {
    /** "input=/data/doses.csv" or "input=[Results]", the prefix of every message. */
    String source();

    List<String> header();

    boolean has(String column);

    int size();

    /** The trimmed cell text; empty when the column is absent. */
    String text(int row, String column);

    /** A number; NaN for an empty cell; an error naming row and column for anything else. */
    double number(int row, String column);

    /** "input=f.csv: line 7, column dose" for messages about one cell. */
    String where(int row, String column);

    /** How a cell that {@link #number} read as NaN looks: "empty", or the NA/NaN it holds. */
    default String missing(int row, String column) {
        String s = text(row, column);
        return s.isEmpty() ? "empty" : "'" + s + "' (a missing value)";
    }

    /** Refuses the table unless it has every named column. */
    default void require(String... columns) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) if (!has(c)) missing.add(c);
        if (!missing.isEmpty())
            throw AssayException.invalid(source() + ": missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (the header has: " + String.join(", ", header()) + ")");
    }

    static Cells of(CsvReader csv) {
        return new Cells() {
            @Override public String source() { return csv.source(); }
            @Override public List<String> header() { return csv.header(); }
            @Override public boolean has(String column) { return csv.has(column); }
            @Override public int size() { return csv.size(); }
            @Override public String text(int row, String column) { return csv.text(row, column); }
            @Override public double number(int row, String column) { return csv.number(row, column); }
            @Override public String where(int row, String column) { return csv.where(row, column); }
            @Override public void require(String... columns) { csv.require(columns); }
        };
    }
}
