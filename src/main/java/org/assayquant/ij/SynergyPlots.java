package org.assayquant.ij;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import ij.gui.Plot;

import org.assayquant.core.synergy.ChouTalalay;
import org.assayquant.core.synergy.DoseMatrix;
import org.assayquant.core.synergy.SynergyAnalysis;

/** The synergy figures: Fa-CI plot, normalized isobologram (ImageJ plots) and score heat maps. */
public final class SynergyPlots {
    private SynergyPlots() {}

    /** Chou's Fa-CI plot: CI of every combination against its fa; the simulated curve for a constant-ratio ray. */
    public static BufferedImage faCi(SynergyAnalysis.Result r, String scaleText) {
        ChouTalalay.Result c = r.chou();
        Plot p = new Plot("Fa-CI plot", "fraction affected (fa), from " + scaleText, "combination index (CI)");
        List<double[]> pts = new ArrayList<>();
        for (ChouTalalay.Combination k : c.combinations()) if (Double.isFinite(k.ci())) pts.add(new double[] {k.fa(), k.ci()});
        double ymax = 2;
        for (double[] q : pts) ymax = Math.max(ymax, Math.min(q[1] * 1.1, 10));
        if (c.combo() != null && c.a() != null && c.b() != null) {
            List<double[]> curve = new ArrayList<>();
            for (int i = 2; i <= 98; i++) {
                double ci = ChouTalalay.level(i / 100.0, c.combo(), c.ratio(), c.a(), c.b()).ci();
                if (Double.isFinite(ci)) curve.add(new double[] {i / 100.0, Math.min(ci, 1e3)});
            }
            p.setColor(Color.BLUE);
            p.setLineWidth(2);
            p.add("line", xs(curve), ys(curve));
        }
        p.setLineWidth(1);
        p.setColor(Color.GRAY);
        p.add("line", new double[] {0, 1}, new double[] {1, 1});
        p.setColor(Color.RED);
        p.add("circle", xs(pts), ys(pts));
        p.setLimits(0, 1, 0, ymax);
        p.setColor(Color.BLACK);
        p.addLabel(0.02, 0.06, "CI < 1 synergism, = 1 additive, > 1 antagonism (mutually exclusive)");
        return image(p);
    }

    /**
     * The normalized isobologram: each combination at (a / Dx_a, b / Dx_b) for its own fa; points
     * below the diagonal are synergistic.
     */
    public static BufferedImage isobologram(SynergyAnalysis.Result r) {
        return isobologram(r, "A", "B");
    }

    /** The isobologram with the drugs named on its axes. */
    public static BufferedImage isobologram(SynergyAnalysis.Result r, String drugA, String drugB) {
        ChouTalalay.Result c = r.chou();
        Plot p = new Plot("Normalized isobologram", "dose " + drugA + " / Dx(" + drugA + ")", "dose " + drugB + " / Dx(" + drugB + ")");
        List<double[]> pts = new ArrayList<>();
        if (c.a() != null && c.b() != null) {
            for (ChouTalalay.Combination k : c.combinations()) {
                double x = k.doseA() / c.a().dose(k.fa()), y = k.doseB() / c.b().dose(k.fa());
                if (Double.isFinite(x) && Double.isFinite(y)) pts.add(new double[] {x, y});
            }
        }
        double lim = 1.5;
        for (double[] q : pts) lim = Math.max(lim, Math.min(Math.max(q[0], q[1]) * 1.1, 10));
        p.setColor(Color.GRAY);
        p.add("line", new double[] {0, 1}, new double[] {1, 0});
        p.setColor(Color.RED);
        p.add("circle", xs(pts), ys(pts));
        p.setLimits(0, lim, 0, lim);
        p.setColor(Color.BLACK);
        p.addLabel(0.5, 0.1, "below the line: synergism");
        return image(p);
    }

    /**
     * A heat map of one score over the dose matrix (rows dose B, columns dose A): red synergy,
     * green antagonism, white 0, saturating at +-max(10, largest |score|); each cell labelled.
     */
    public static BufferedImage heatmap(DoseMatrix m, double[][] scores, String title) {
        return heatmap(m, scores, title, "dose A", "dose B");
    }

    /** The heat map with its axes labelled (drug name and unit). */
    public static BufferedImage heatmap(DoseMatrix m, double[][] scores, String title, String labelA, String labelB) {
        List<Integer> cols = new ArrayList<>(), rows = new ArrayList<>();
        for (int j = 0; j < m.columns(); j++) if (m.doseA(j) > 0) cols.add(j);
        for (int i = m.rows() - 1; i >= 0; i--) if (m.doseB(i) > 0) rows.add(i); // highest dose B on top
        double range = 10;
        for (int i : rows) for (int j : cols) if (Double.isFinite(scores[i][j])) range = Math.max(range, Math.abs(scores[i][j]));
        int cell = 56, left = 90, top = 50, bottom = 70, right = 110;
        int w = left + cols.size() * cell + right, h = top + rows.size() * cell + bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < cols.size(); k++) {
                double v = scores[rows.get(r)][cols.get(k)];
                int x = left + k * cell, y = top + r * cell;
                g.setColor(Double.isFinite(v) ? color(v / range) : Color.LIGHT_GRAY);
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.BLACK);
                String s = Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
                g.drawString(s, x + (cell - fm.stringWidth(s)) / 2, y + cell / 2 + fm.getAscent() / 2 - 1);
            }
            String d = dose(m.doseB(rows.get(r)));
            g.drawString(d, left - 6 - fm.stringWidth(d), top + r * cell + cell / 2 + fm.getAscent() / 2);
        }
        for (int k = 0; k < cols.size(); k++) {
            String d = dose(m.doseA(cols.get(k)));
            g.drawString(d, left + k * cell + (cell - fm.stringWidth(d)) / 2, top + rows.size() * cell + 16);
        }
        g.drawString(labelA, left + cols.size() * cell / 2 - g.getFontMetrics().stringWidth(labelA) / 2, top + rows.size() * cell + 40);
        g.drawString(labelB, 8, top - 8);
        // colour bar
        int bx = left + cols.size() * cell + 30, bh = Math.max(rows.size() * cell, 100);
        for (int y = 0; y < bh; y++) {
            g.setColor(color(1 - 2.0 * y / (bh - 1)));
            g.drawLine(bx, top + y, bx + 16, top + y);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(bx, top, 16, bh);
        g.drawString(String.format(Locale.ROOT, "+%.0f", range), bx + 20, top + 10);
        g.drawString("0", bx + 20, top + bh / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "-%.0f", range), bx + 20, top + bh);
        g.drawString("synergy", bx - 6, top + bh + 16);
        g.dispose();
        return img;
    }


    /** -1 green .. 0 white .. +1 red. */
    private static Color color(double t) {
        t = Math.max(-1, Math.min(1, t));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, 255 - (int) Math.round(70 * -t), fade);
    }

    private static String dose(double d) {
        return String.format(Locale.ROOT, "%.3g", d);
    }

    private static BufferedImage image(Plot p) {
        p.setFrameSize(520, 380);
        return p.getImagePlus().getBufferedImage();
    }

    private static double[] xs(List<double[]> pts) {
        return pts.stream().mapToDouble(q -> q[0]).toArray();
    }

    private static double[] ys(List<double[]> pts) {
        return pts.stream().mapToDouble(q -> q[1]).toArray();
    }
}
