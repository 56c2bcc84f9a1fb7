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

    /** A table's title by the house convention "<input's short name>-<Measure>" (blot_chemi_16bit-Bands): folder and extension dropped. */
    public static String title(String input, String measure) {
        String name = input.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z0-9]+$", "");
        return name + "-" + measure;
    }

    public static void show(CsvTable t, String title) {
        toResultsTable(t).show(title);
    }
}
