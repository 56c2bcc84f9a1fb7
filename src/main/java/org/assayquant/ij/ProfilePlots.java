package org.assayquant.ij;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;

import org.assayquant.core.blot.LaneProfiles.Profile;
import org.assayquant.core.blot.LaneProfiles.Segment;

/**
 * Lane profiles as pictures: profiles.png (one panel per lane, the overlay's colours: band limits
 * green, saturated red, placeholders grey; the background under each band blue) and, in Fiji, a
 * stack of Plots with the same content.
 */
public final class ProfilePlots {
    private ProfilePlots() {}

    /** One lane's panel in profiles.png (px); 4 panels a row. */
    public static final int PANEL_W = 320, PANEL_H = 200;
    static final int COLUMNS = 4, MARGIN = 28;
    static final Color PROFILE = Color.BLACK, BG = new Color(40, 90, 230), BAND = new Color(0, 160, 0), SATURATED = Color.RED, MISSING = Color.GRAY;

    private static Color colour(Segment s) {
        return !s.detected() ? MISSING : s.saturated() ? SATURATED : BAND;
    }

    /** The common signal range of all panels, so lanes compare at a glance. */
    private static double[] range(List<Profile> ps) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Profile p : ps) {
            for (double v : p.values()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            for (Segment s : p.bands()) lo = Math.min(lo, s.background());
        }
        if (!(hi > lo)) hi = lo + 1;
        return new double[] {lo, hi};
    }

    public static void writePng(List<Profile> ps, OutputStream out) throws IOException {
        int cols = Math.max(1, Math.min(COLUMNS, ps.size())), rows = Math.max(1, (ps.size() + cols - 1) / cols);
        OverlayCanvas canvas = new OverlayCanvas(cols * PANEL_W, rows * PANEL_H);
        Arrays.fill(canvas.rgb, 0xFFFFFF);
        Graphics2D g = canvas.image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font("SansSerif", Font.PLAIN, 10));
        double[] yr = range(ps);
        for (int k = 0; k < ps.size(); k++) {
            Profile p = ps.get(k);
            int ox = (k % cols) * PANEL_W + MARGIN, oy = (k / cols) * PANEL_H + 16, w = PANEL_W - MARGIN - 8, h = PANEL_H - 16 - 22;
            int n = p.values().length;
            java.util.function.DoubleUnaryOperator px = y -> ox + (y - p.top()) * w / Math.max(1.0, n - 1);
            java.util.function.DoubleUnaryOperator py = v -> oy + h - (v - yr[0]) * h / (yr[1] - yr[0]);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(ox, oy, w, h);
            g.setColor(Color.BLACK);
            g.drawString(p.name(), ox + 2, oy - 3);
            g.drawString("y " + p.top(), ox, oy + h + 12);
            String end = "y " + (p.top() + n - 1);
            g.drawString(end, ox + w - g.getFontMetrics().stringWidth(end), oy + h + 12);
            for (Segment s : p.bands()) {
                g.setColor(colour(s));
                g.setStroke(s.detected() ? new BasicStroke(1) : new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0));
                int a = (int) px.applyAsDouble(s.from()), b = (int) px.applyAsDouble(s.to() - 1);
                g.drawLine(a, oy, a, oy + h);
                g.drawLine(b, oy, b, oy + h);
                g.drawString(s.label(), a + 1, oy + 10);
                g.setColor(BG);
                g.setStroke(new BasicStroke(1.5f));
                int yb = (int) py.applyAsDouble(s.background());
                g.drawLine(a, yb, b, yb);
            }
            g.setColor(PROFILE);
            g.setStroke(new BasicStroke(1));
            for (int i = 1; i < n; i++)
                g.drawLine((int) px.applyAsDouble(p.top() + i - 1), (int) py.applyAsDouble(p.values()[i - 1]),
                        (int) px.applyAsDouble(p.top() + i), (int) py.applyAsDouble(p.values()[i]));
        }
        g.dispose();
        canvas.writePng(out);
    }

    /** The same panels as Fiji Plots, one slice per lane, named as the lanes. */
    public static ImagePlus plots(String title, List<Profile> ps) {
        double[] yr = range(ps);
        ImageStack stack = null;
        for (Profile p : ps) {
            double[] x = new double[p.values().length];
            for (int i = 0; i < x.length; i++) x[i] = p.top() + i;
            Plot plot = new Plot(p.name(), "image y (px)", "signal (DN)");
            plot.setLimits(p.top(), p.top() + x.length - 1, yr[0], yr[1]);
            plot.setColor(PROFILE);
            plot.addPoints(x, p.values(), Plot.LINE);
            for (Segment s : p.bands()) {
                plot.setColor(colour(s));
                plot.drawLine(s.from(), yr[0], s.from(), yr[1]);
                plot.drawLine(s.to() - 1, yr[0], s.to() - 1, yr[1]);
                plot.addText(s.label(), s.from(), yr[1]);
                plot.setColor(BG);
                plot.drawLine(s.from(), s.background(), s.to() - 1, s.background());
            }
            var ip = plot.getProcessor();
            if (stack == null) stack = new ImageStack(ip.getWidth(), ip.getHeight());
            stack.addSlice(p.name(), ip);
        }
        return new ImagePlus(title, stack);
    }
}
