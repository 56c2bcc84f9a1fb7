package org.assayquant.ij;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;


import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;
import org.assayquant.core.blot.Ladders;
import org.assayquant.core.blot.SizeCalibration;

/**
 * The QC picture of a blot result: lanes in yellow (labelled "empty" or "check" by status), bands
 * in green, saturated bands in red, other bands to check in orange (labelled with the first reason),
 * placeholders (no band detected) dashed in grey, each band labelled lane:row (and its apparent size). The same shapes
 * become an ImageJ Overlay in Fiji and a PNG when headless.
 */
public final class BlotOverlay {
    private BlotOverlay() {}

    static final Color LANE = Color.YELLOW, BAND = new Color(0, 220, 0), SATURATED = Color.RED, CHECK = Color.ORANGE, MISSING = Color.LIGHT_GRAY;

    private record Shape(int x, int y, int w, int h, Color color, String label, boolean dashed) {}

    private static List<Shape> shapes(BlotResult r, double[] sizes, String unit) {
        List<Shape> s = new ArrayList<>();
        boolean strips = r.lanes().stream().anyMatch(l -> l.strip() > 1);
        for (Lane l : r.lanes()) {
            String status = l.status().equals("ok") ? "" : " " + l.status();
            s.add(new Shape(l.x(), l.y(), l.width(), l.height(), LANE, (strips ? "S" + l.strip() + " " : "") + "L" + l.index() + status, false));
        }
        for (int i = 0; i < r.bands().size(); i++) {
            Band b = r.bands().get(i);
            boolean check = b.status().equals("check");
            Color c = !b.detected() ? MISSING : b.saturated() ? SATURATED : check ? CHECK : BAND;
            String why = b.saturated() ? " SAT" : check ? " " + b.reasons().stream().filter(BlotResult.CHECK::contains).findFirst().orElse("") : "";
            String size = sizes == null || Double.isNaN(sizes[i]) ? ""
                    : " " + Ladders.fmt(SizeCalibration.round(sizes[i])) + (b.reasons().stream().anyMatch(reason -> reason.startsWith("size_")) ? "?" : "") + " " + unit;
            s.add(new Shape(b.x(), b.y(), b.width(), b.height(), c, b.lane() + ":" + b.row() + why + size, !b.detected()));
        }
        return s;
    }

    public static Overlay overlay(BlotResult r) {
        return overlay(r, null, "");
    }

    /** With apparent sizes (aligned with r.bands(); null = none) in the band labels ("?" = extrapolated). */
    public static Overlay overlay(BlotResult r, double[] sizes, String unit) {
        Overlay o = new Overlay();
        for (Shape s : shapes(r, sizes, unit)) {
            Roi roi = new Roi(s.x, s.y, s.w, s.h);
            roi.setStrokeColor(s.color);
            if (s.dashed) roi.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0));
            o.add(roi);
            if (s.color != LANE) {
                TextRoi t = new TextRoi(s.x, Math.max(0, s.y - 12), s.label, new Font("SansSerif", Font.PLAIN, 9));
                t.setStrokeColor(s.color);
                o.add(t);
            } else {
                TextRoi t = new TextRoi(s.x + 2, s.y + 1, s.label, new Font("SansSerif", Font.BOLD, 10));
                t.setStrokeColor(s.color);
                o.add(t);
            }
        }
        return o;
    }

    /** Writes the analysed signal (contrast-stretched for display only) with the shapes as PNG. */
    public static void writePng(Raster signal, BlotResult r, OutputStream out) throws IOException {
        writePng(signal, r, null, "", out);
    }

    public static void writePng(Raster signal, BlotResult r, double[] sizes, String unit, OutputStream out) throws IOException {
        int w = signal.width, h = signal.height;
        OverlayCanvas canvas = new OverlayCanvas(w, h);
        canvas.fillStretched(signal);
        Graphics2D g = canvas.image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int font = Math.max(9, Math.min(w, h) / 40);
        g.setFont(new Font("SansSerif", Font.PLAIN, font));
        for (Shape s : shapes(r, sizes, unit)) {
            g.setColor(s.color);
            g.setStroke(s.dashed ? new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0) : new BasicStroke(1));
            g.drawRect(s.x, s.y, s.w - 1, s.h - 1);
            if (s.color == LANE) g.drawString(s.label, s.x + 2, s.y + font);
            else g.drawString(s.label, s.x, Math.max(font, s.y - 2));
        }
        g.dispose();
        canvas.writePng(out);
    }
}
