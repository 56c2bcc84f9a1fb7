package org.assayquant.ij;

import java.awt.Color;
import java.util.List;


import ij.gui.Plot;

import org.assayquant.core.normalize.FoldChange;
import org.assayquant.core.normalize.FoldChange.ConditionStats;
import org.assayquant.core.normalize.FoldChange.Unit;

/**
 * The bar chart of a fold-change result (ij.gui.Plot, works headless): one bar per condition at
 * the mean fold change, error bars +/- SD, every biological replicate as an open circle, a
 * dotted line at fold change 1, and above each treated bar its Holm-adjusted Welch test against
 * the control (* p < 0.05, ** p < 0.01, *** p < 0.001, ns; statistics.csv). Conditions on the x
 * axis in the order of fold_change.csv, long names wrapped onto several lines.
 */
public final class FoldChangePlot {
    private FoldChangePlot() {}

    public static Plot plot(FoldChange.Result r, String title) {
        List<ConditionStats> cs = r.conditions();
        int k = cs.size();
        double[] x = new double[k], mean = new double[k], sd = new double[k];
        double top = 1;
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < k; i++) {
            ConditionStats c = cs.get(i);
            x[i] = i;
            mean[i] = Double.isFinite(c.fc().mean()) ? c.fc().mean() : 0;
            sd[i] = Double.isFinite(c.fc().sd()) ? c.fc().sd() : 0;
            top = Math.max(top, mean[i] + sd[i]);
            for (Unit u : r.units(c.condition())) if (Double.isFinite(u.foldChange())) top = Math.max(top, u.foldChange());
            // Plot reads "{a,b,c}" as category labels at x = 0, 1, 2
            labels.append(i > 0 ? "," : "").append(wrap(c.condition().replace(',', ';').replace('{', '(').replace('}', ')'), 18));
        }
        labels.append('}');
        Plot p = new Plot(title, labels.toString(), "fold change vs " + r.options().controlCondition() + " (mean \u00b1 SD)");
        int lines = 1;
        for (ConditionStats c : cs) lines = Math.max(lines, wrap(c.condition(), 18).split("\n").length);
        p.setSize(140 + 135 * k, 420 + 14 * (lines - 1));
        double bottom = 0;
        for (Unit u : r.units()) if (Double.isFinite(u.foldChange())) bottom = Math.min(bottom, u.foldChange());
        p.setLimits(-0.6, k - 0.4, bottom, top * 1.2);
        p.setColor(Color.DARK_GRAY, new Color(0xB0C4DE));
        p.add("separated bar", x, mean);
        p.setColor(Color.BLACK);
        p.setLineWidth(1.5f);
        p.add("error bars", sd);
        p.setLineWidth(1);
        p.setColor(Color.GRAY);
        p.drawDottedLine(-0.6, 1, k - 0.4, 1, 3);
        p.setColor(new Color(0x8B0000));
        for (int i = 0; i < k; i++) {
            List<Unit> us = r.units(cs.get(i).condition()).stream().filter(u -> Double.isFinite(u.foldChange())).toList();
            double[] px = new double[us.size()], py = new double[us.size()];
            for (int j = 0; j < us.size(); j++) {
                // spread the points across the bar so that equal values stay visible
                px[j] = i + (us.size() == 1 ? 0 : 0.3 * (j / (us.size() - 1.0) - 0.5));
                py[j] = us.get(j).foldChange();
            }
            if (px.length > 0) p.add("circle", px, py);
        }
        p.setColor(Color.BLACK);
        p.setJustification(Plot.CENTER);
        for (int i = 0; i < k; i++) {
            ConditionStats c = cs.get(i);
            if (c.control() || Double.isNaN(c.pHolm())) continue;
            double y = mean[i] + sd[i];
            for (Unit u : r.units(c.condition())) if (Double.isFinite(u.foldChange())) y = Math.max(y, u.foldChange());
            p.addText(stars(c.pHolm()), i, y + 0.06 * top);
        }
        if (cs.stream().anyMatch(c -> !c.control() && !Double.isNaN(c.pHolm()))) {
            p.setJustification(Plot.LEFT);
            p.addText("vs " + r.options().controlCondition() + ": Welch t on log2, Holm-adjusted; * p<0.05 ** p<0.01 *** p<0.001", -0.55, top * 1.17);
        }
        return p;
    }

    /** The significance mark of a p-value (GraphPad's convention, without its 4-star level). */
    static String stars(double p) {
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "ns";
    }

    /** Words on lines of at most {@code width} characters (a longer word stays whole). */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String w : text.trim().split("\\s+")) {
            if (line > 0 && line + 1 + w.length() > width) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(w);
            line += w.length();
        }
        return out.toString();
    }

}
