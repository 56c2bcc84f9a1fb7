package org.assayquant.ij;

import ij.measure.ResultsTable;

import org.assayquant.io.CsvTable;

/** CsvTable to a new, named ImageJ ResultsTable (never the shared "Results" table). */
public final class Tables {
    private Tables() {}

    public static ResultsTable toResultsTable(CsvTable t) {
        ResultsTable rt = new ResultsTable();
        for (Object[] row : t.rows()) {
            rt.incrementCounter();
            for (int i = 0; i < row.length; i++) {
                String col = t.columns().get(i);
                Object v = row[i];
                if (v instanceof Number n) rt.addValue(col, n.doubleValue());
                else rt.addValue(col, v == null ? "" : v.toString());
            }
        }
        return rt;
    }

    public static void show(CsvTable t, String title) {
        toResultsTable(t).show(title);
    }
}
