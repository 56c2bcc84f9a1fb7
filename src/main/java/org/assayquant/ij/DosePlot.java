package org.assayquant.ij;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;


import ij.gui.Plot;

import org.assayquant.core.dose.DoseResponseFit.Result;
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.io.CsvTable;
import org.assayquant.io.DoseInput.Drug;

/**
 * The dose-response curves as an ImageJ plot: every measured point and the fitted curve per drug,
 * log dose axis. Untreated controls (dose 0) cannot sit on a log axis: they are drawn one decade
 * below the lowest dose, which the axis label says.
 */
public final class DosePlot {
    private DosePlot() {}

    /** Distinct colours, readable on white (the ImageJ/Okabe-Ito style palette). */
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 60, 20), Color.BLACK};

    /** The colour of the i-th drug (0-based) in the plot. */
    public static Color color(int i) {
        return COLORS[i % COLORS.length];
    }

    public static Plot plot(String title, List<Drug> drugs, List<Result> results, ResponseScale scale) {
        double minDose = Double.POSITIVE_INFINITY, maxDose = 0, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        boolean controls = false;
        for (Drug d : drugs) {
            for (int j = 0; j < d.dose().length; j++) {
                double x = d.dose()[j], y = d.response()[j];
                if (x > 0) { minDose = Math.min(minDose, x); maxDose = Math.max(maxDose, x); } else controls = true;
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        double x0 = minDose / 10, xHi = maxDose * 3, xLo = controls ? x0 / 2 : minDose / 3;
        double[] grid = new double[200];
        for (int i = 0; i < grid.length; i++) grid[i] = Math.exp(Math.log(controls ? x0 : xLo) + i * (Math.log(xHi) - Math.log(controls ? x0 : xLo)) / (grid.length - 1));
        java.util.Set<String> units = new java.util.LinkedHashSet<>();
        for (Drug d : drugs) if (!d.unit().isEmpty()) units.add(d.unit());
        String unit = units.size() == 1 && drugs.stream().allMatch(d -> !d.unit().isEmpty()) ? " (" + units.iterator().next() + ")"
                : units.isEmpty() ? "" : " (" + drugs.stream().map(d -> d.name() + ": " + (d.unit().isEmpty() ? "?" : d.unit())).collect(java.util.stream.Collectors.joining(", ")) + ")";
        String xLabel = "dose" + unit + (controls ? " (untreated controls, dose 0, drawn at " + CsvTable.cell(x0) + ")" : "");
        Plot p = new Plot(title, xLabel, scale.key + " (" + scale.description + ")");
        p.setFrameSize(640, 400);
        p.setLogScaleX();
        StringBuilder legend = new StringBuilder();
        for (int i = 0; i < drugs.size(); i++) {
            Drug d = drugs.get(i);
            Result r = results.get(i);
            Color c = color(i);
            double[] xs = Arrays.stream(d.dose()).map(x -> x > 0 ? x : x0).toArray();
            p.setColor(c, c);
            p.setLineWidth(1);
            p.add("circle", xs, d.response());
            legend.append(d.name()).append(r.fitted() ? "" : " (no fit)").append('\n');
            if (r.fitted()) {
                double[] ys = Arrays.stream(grid).map(x -> r.curve().value(x)).toArray();
                for (double y : ys) { minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
                p.setLineWidth(2);
                p.add("line", grid, ys);
                legend.append('\n'); // the curve shares its drug's legend entry
            }
        }
        double pad = 0.05 * Math.max(maxY - minY, 1e-9);
        p.setLimits(xLo, xHi, minY - pad, maxY + pad);
        p.setColor(Color.BLACK);
        p.setLineWidth(1);
        p.addLegend(legend.toString(), "auto");
        return p;
    }

}
