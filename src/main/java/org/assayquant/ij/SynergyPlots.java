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
import org.assayquant.core.synergy.MedianEffect;
import org.assayquant.core.synergy.SynergisticArea;
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

    /** Colours of ED50, ED75, ED90 in the classic isobologram. */
    private static final Color[] LEVEL_COLORS = {new Color(0, 90, 200), new Color(0, 150, 60), new Color(200, 60, 0)};

    /**
     * CompuSyn's Fa-DRI plot: the dose-reduction index of each drug at every combination against
     * its fa (log scale; DRI > 1: the combination needs less of that drug than the drug alone),
     * and for a constant-ratio ray the simulated curves from the combination's own fit.
     */
    public static BufferedImage faDri(SynergyAnalysis.Result r, String drugA, String drugB) {
        ChouTalalay.Result c = r.chou();
        Plot p = new Plot("Fa-DRI plot", "fraction affected (fa)", "dose-reduction index (DRI, log scale)");
        List<double[]> pa = new ArrayList<>(), pb = new ArrayList<>();
        for (ChouTalalay.Combination k : c.combinations()) {
            if (k.driA() > 0 && Double.isFinite(k.driA())) pa.add(new double[] {k.fa(), k.driA()});
            if (k.driB() > 0 && Double.isFinite(k.driB())) pb.add(new double[] {k.fa(), k.driB()});
        }
        double lo = 0.5, hi = 2;
        for (double[] q : pa) { lo = Math.min(lo, q[1]); hi = Math.max(hi, q[1]); }
        for (double[] q : pb) { lo = Math.min(lo, q[1]); hi = Math.max(hi, q[1]); }
        if (c.combo() != null && c.a() != null && c.b() != null) {
            List<double[]> ca = new ArrayList<>(), cb = new ArrayList<>();
            for (int i = 2; i <= 98; i++) {
                ChouTalalay.Level l = ChouTalalay.level(i / 100.0, c.combo(), c.ratio(), c.a(), c.b());
                if (l.driA() > 0 && Double.isFinite(l.driA())) ca.add(new double[] {i / 100.0, l.driA()});
                if (l.driB() > 0 && Double.isFinite(l.driB())) cb.add(new double[] {i / 100.0, l.driB()});
            }
            p.setLineWidth(2);
            p.setColor(Color.RED);
            p.add("line", xs(ca), ys(ca));
            p.setColor(Color.BLUE);
            p.add("line", xs(cb), ys(cb));
            p.setLineWidth(1);
        }
        lo = Math.max(lo / 1.5, 1e-3);
        hi = Math.min(hi * 1.5, 1e4);
        p.setColor(Color.GRAY);
        p.add("line", new double[] {0, 1}, new double[] {1, 1});
        p.setColor(Color.RED);
        p.add("circle", xs(pa), ys(pa));
        p.setLabel(-1, "DRI " + drugA);
        p.setColor(Color.BLUE);
        p.add("box", xs(pb), ys(pb));
        p.setLabel(-1, "DRI " + drugB);
        p.setLimits(0, 1, lo, hi);
        p.setAxisYLog(true);
        p.setColor(Color.BLACK);
        p.addLegend(null);
        return image(p);
    }

    /**
     * Chou's median-effect plot: log10(fa / (1 - fa)) against log10(dose) for each drug alone (and
     * the mixture's total dose for a constant-ratio ray) with its fitted line; slope m, x-intercept
     * log10(Dm).
     */
    public static BufferedImage medianEffectPlot(SynergyAnalysis.Result r, String drugA, String drugB) {
        ChouTalalay.Result c = r.chou();
        DoseMatrix m = r.matrix();
        Plot p = new Plot("Median-effect plot", "log10(dose)", "log10(fa / (1 - fa))");
        List<double[]> pa = new ArrayList<>(), pb = new ArrayList<>(), pc = new ArrayList<>();
        int ib0 = m.indexB(0), ia0 = m.indexA(0);
        if (ib0 >= 0) for (int ia = 0; ia < m.columns(); ia++) if (m.doseA(ia) > 0 && m.has(ib0, ia)) logit(pa, m.doseA(ia), m.mean(ib0, ia));
        if (ia0 >= 0) for (int ib = 0; ib < m.rows(); ib++) if (m.doseB(ib) > 0 && m.has(ib, ia0)) logit(pb, m.doseB(ib), m.mean(ib, ia0));
        if (c.combo() != null) for (DoseMatrix.Cell k : m.combinations()) logit(pc, m.doseA(k.ia()) + m.doseB(k.ib()), m.mean(k.ib(), k.ia()));
        Object[][] series = {{pa, c.a(), Color.RED, "circle", drugA}, {pb, c.b(), Color.BLUE, "box", drugB}, {pc, c.combo(), new Color(0, 130, 0), "triangle", drugA + " + " + drugB}};
        for (Object[] s : series) {
            @SuppressWarnings("unchecked") List<double[]> pts = (List<double[]>) s[0];
            MedianEffect f = (MedianEffect) s[1];
            if (pts.isEmpty()) continue;
            p.setColor((Color) s[2]);
            p.add((String) s[3], xs(pts), ys(pts));
            p.setLabel(-1, f == null ? (String) s[4] : String.format(Locale.ROOT, "%s: m %.3g, Dm %.3g, r %.3f", s[4], f.m(), f.dm(), f.r()));
            if (f != null) {
                double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
                for (double[] q : pts) { x0 = Math.min(x0, q[0]); x1 = Math.max(x1, q[0]); }
                double l = Math.log10(f.dm());
                p.add("line", new double[] {x0 - 0.2, x1 + 0.2}, new double[] {f.m() * (x0 - 0.2 - l), f.m() * (x1 + 0.2 - l)});
            }
        }
        p.setColor(Color.BLACK);
        p.addLegend(null);
        p.setLimitsToFit(false);
        return image(p);
    }

    private static void logit(List<double[]> pts, double dose, double fa) {
        if (dose > 0 && fa > 0 && fa < 1) pts.add(new double[] {Math.log10(dose), Math.log10(fa / (1 - fa))});
    }

    /**
     * The classic isobologram at ED50, ED75 and ED90: for each effect, the line of additive dose
     * pairs from (Dx of A alone, 0) to (0, Dx of B alone); the combination that gives that effect
     * below its line is synergism. For a constant-ratio ray, the combination's doses at each
     * effect from its own median-effect fit (as CompuSyn draws it); for other designs, the
     * measured combinations whose mean fa is within 0.05 of the effect.
     */
    public static BufferedImage classicIsobologram(SynergyAnalysis.Result r, String drugA, String drugB, String labelA, String labelB) {
        ChouTalalay.Result c = r.chou();
        Plot p = new Plot("Isobologram ED50, ED75, ED90", labelA, labelB);
        // axes to 3 times the highest tested dose at most: a Dx extrapolated far beyond the doses
        // (ED90 of a drug that reaches 60 % alone) would squeeze the measured combinations into a corner
        double capA = 3 * r.matrix().doseA(r.matrix().columns() - 1), capB = 3 * r.matrix().doseB(r.matrix().rows() - 1);
        double xmax = 0, ymax = 0;
        double[] levels = {0.5, 0.75, 0.9};
        for (int k = 0; k < levels.length; k++) {
            double x = levels[k];
            double dxa = c.a() == null ? Double.NaN : c.a().dose(x), dxb = c.b() == null ? Double.NaN : c.b().dose(x);
            List<double[]> pts = new ArrayList<>();
            if (c.combo() != null && c.a() != null && c.b() != null) {
                ChouTalalay.Level l = ChouTalalay.level(x, c.combo(), c.ratio(), c.a(), c.b());
                pts.add(new double[] {l.doseA(), l.doseB()});
            } else {
                for (ChouTalalay.Combination q : c.combinations())
                    if (Math.abs(q.fa() - x) < 0.05) pts.add(new double[] {q.doseA(), q.doseB()});
            }
            p.setColor(LEVEL_COLORS[k]);
            if (Double.isFinite(dxa) && Double.isFinite(dxb)) {
                p.setLineWidth(2);
                p.add("line", new double[] {dxa, 0}, new double[] {0, dxb});
                p.setLineWidth(1);
                xmax = Math.max(xmax, Math.min(dxa, capA));
                ymax = Math.max(ymax, Math.min(dxb, capB));
            }
            p.setColor(LEVEL_COLORS[k], LEVEL_COLORS[k]); // filled circles ("filled" would fill the polygon through them)
            p.add("circle", xs(pts), ys(pts));
            p.setLabel(-1, String.format(Locale.ROOT, "ED%d: %s alone %s, %s alone %s; %d combination(s)", Math.round(100 * x),
                    drugA, dose(dxa), drugB, dose(dxb), pts.size()));
            for (double[] q : pts) { xmax = Math.max(xmax, q[0]); ymax = Math.max(ymax, q[1]); }
        }
        p.setLimits(0, xmax > 0 ? xmax * 1.1 : 1, 0, ymax > 0 ? ymax * 1.1 : 1);
        p.setColor(Color.BLACK);
        p.addLegend(null);
        return image(p);
    }

    /**
     * A heat map of one score over the dose matrix (rows dose B, columns dose A): red synergy,
     * green antagonism, white 0, saturating at +-max(10, largest |score|); each cell labelled.
     */
    public static BufferedImage heatmap(DoseMatrix m, double[][] scores, String title) {
        return heatmap(m, scores, title, "dose A", "dose B");
    }

    /** The heat map with its axes labelled (drug name and unit) and its most synergistic area outlined. */
    public static BufferedImage heatmap(DoseMatrix m, double[][] scores, String title, String labelA, String labelB) {
        SynergisticArea.Area msa = SynergisticArea.of(m, scores);
        List<Integer> cols = new ArrayList<>(), rows = new ArrayList<>();
        for (int j = 0; j < m.columns(); j++) if (m.doseA(j) > 0) cols.add(j);
        for (int i = m.rows() - 1; i >= 0; i--) if (m.doseB(i) > 0) rows.add(i); // highest dose B on top
        double range = 10;
        for (int i : rows) for (int j : cols) if (Double.isFinite(scores[i][j])) range = Math.max(range, Math.abs(scores[i][j]));
        int cell = 56, left = 90, top = 56, bottom = 70, right = 110;
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
        if (msa != null) {
            int c0 = cols.indexOf(msa.fromA()), c1 = cols.indexOf(msa.toA()), r0 = rows.indexOf(msa.toB()), r1 = rows.indexOf(msa.fromB());
            g.setStroke(new BasicStroke(3, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 4}, 0));
            g.drawRect(left + c0 * cell + 1, top + r0 * cell + 1, (c1 - c0 + 1) * cell - 2, (r1 - r0 + 1) * cell - 2);
            g.setStroke(new BasicStroke(1));
            g.drawString(String.format(Locale.ROOT, "most synergistic area (dashed, 3 x 3): mean %.2f", msa.mean()), left, 42);
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
