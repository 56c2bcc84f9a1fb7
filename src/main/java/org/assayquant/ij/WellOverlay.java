package org.assayquant.ij;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;

import org.assayquant.core.wells.PlateImage;
import org.assayquant.core.wells.WellResult;
import org.assayquant.core.wells.WellResult.Colony;
import org.assayquant.core.wells.WellResult.Kind;
import org.assayquant.core.wells.WellResult.Well;

/**
 * The QC picture of a colony-well result: each analysed circle in green with the well's label and
 * colony count, the well wall in yellow (dashed where the wall was not seen and the well was
 * placed from the plate lattice), and each colony as a red circle of its own area around its
 * centre; objects that were not counted (colonies.csv's rejected objects) in the colour of their kind
 * ({@link Kind}, declared by each reason; with a legend of the kinds present), each named by its well and reason in Fiji
 * ("B2 rejected: tip_mark"); a well whose
 * status is "check" has its label and analysed circle in orange, the label ending in "check". The same shapes become an ImageJ Overlay in Fiji and a PNG when headless.
 */
public final class WellOverlay {
    private WellOverlay() {}

    static final Color WELL = new Color(0, 220, 0), WALL = Color.YELLOW, COLONY = new Color(255, 40, 40),
            CHECK = new Color(255, 150, 0);

    /**
     * The colour of a kind of rejected object (issue 19: objects that are not colonies drawn in their own colour):
     * apart from the wells' green, the walls' yellow, the colonies' red and check's orange, and visible on dark
     * and light plates.
     */
    static Color color(Kind k) {
        return switch (k) {
            case DUST -> new Color(255, 0, 255);
            case SCRATCH -> new Color(40, 110, 255);
            case RING -> new Color(255, 150, 200);
            case LIGHT -> new Color(0, 220, 255);
        };
    }

    /** The kinds of the result's rejected objects, in their order. */
    static Set<Kind> kinds(WellResult r) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (WellResult.Rejected c : r.rejected()) kinds.add(c.kind());
        return kinds;
    }
    private static final float[] DASH = {6, 6};

    /** Radius of the circle with the colony's area (at least 1.5 px so that small colonies show). */
    private static double radius(int area) {
        return Math.max(1.5, Math.sqrt(area / Math.PI));
    }

    /** "B4 control: 23": the well, its sample name from the plate layout (when given), the colony count. */
    private static String label(Well w, Map<String, String> names) {
        String name = names.getOrDefault(w.label(), "");
        return w.label() + (name.isEmpty() ? "" : " " + name) + ": " + w.colonies() + (w.reasons().isEmpty() ? "" : " check");
    }

    private static Color wellColor(Well w) {
        return w.reasons().isEmpty() ? WELL : CHECK;
    }

    /** {@code names}: each well's sample name (the layout's condition), shown beside its label; empty without a layout. */
    public static Overlay overlay(WellResult r, int width, int height, Map<String, String> names) {
        Overlay o = new Overlay();
        int font = fontSize(width, height);
        for (Well w : r.wells()) {
            Roi wall = new OvalRoi(w.x() - w.wallRadius(), w.y() - w.wallRadius(), 2 * w.wallRadius(), 2 * w.wallRadius());
            wall.setStrokeColor(WALL);
            if (!w.found()) wall.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, DASH, 0));
            o.add(wall);
            Roi analysed = new OvalRoi(w.x() - w.radius(), w.y() - w.radius(), 2 * w.radius(), 2 * w.radius());
            analysed.setStrokeColor(wellColor(w));
            o.add(analysed);
            TextRoi t = new TextRoi(w.x() - w.wallRadius(), Math.max(0, w.y() - w.wallRadius() - font - 2), label(w, names), new Font("SansSerif", Font.BOLD, font));
            t.setStrokeColor(wellColor(w));
            o.add(t);
        }
        for (Colony c : r.colonies()) {
            double rad = radius(c.area());
            Roi roi = new OvalRoi(c.x() - rad, c.y() - rad, 2 * rad, 2 * rad);
            roi.setStrokeColor(COLONY);
            roi.setName(c.well() + " colony");
            o.add(roi);
        }
        for (WellResult.Rejected c : r.rejected()) {
            double rad = radius(c.area());
            Roi roi = new OvalRoi(c.x() - rad, c.y() - rad, 2 * rad, 2 * rad);
            roi.setStrokeColor(color(c.kind()));
            // why it was not counted, where a person clicks it (Overlay > To ROI Manager, or the overlay's list)
            roi.setName(c.well() + " rejected: " + c.reason());
            o.add(roi);
        }
        legend(o, kinds(r), height, font);
        return o;
    }

    private static int fontSize(int w, int h) {
        return Math.max(12, Math.min(w, h) / 45);
    }

    /**
     * Writes the image with the shapes as PNG: an RGB image as it is, one grayscale channel
     * contrast-stretched (0.1-99.9 percentiles, display only).
     */
    public static void writePng(PlateImage plate, WellResult r, OutputStream out) throws IOException {
        writePng(plate, r, Map.of(), out);
    }

    /** {@link #writePng}'s bytes. */
    public static byte[] png(PlateImage plate, WellResult r, Map<String, String> names) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(3 * plate.width * plate.height / 4);
        try {
            writePng(plate, r, names, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    public static void writePng(PlateImage plate, WellResult r, Map<String, String> names, OutputStream out) throws IOException {
        int w = plate.width, h = plate.height;
        OverlayCanvas canvas = new OverlayCanvas(w, h);
        if (plate.channels() == 3) {
            plate.copyRgb(canvas.rgb);
        } else {
            canvas.fillStretched(plate.grayPlane());
        }
        Graphics2D g = canvas.image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int font = fontSize(w, h);
        float line = Math.max(1f, Math.min(w, h) / 600f);
        g.setFont(new Font("SansSerif", Font.BOLD, font));
        for (Well well : r.wells()) {
            g.setColor(WALL);
            g.setStroke(well.found() ? new BasicStroke(line)
                    : new BasicStroke(line, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6 * line, 6 * line}, 0));
            g.draw(circle(well.x(), well.y(), well.wallRadius()));
            g.setColor(wellColor(well));
            g.setStroke(new BasicStroke(line));
            g.draw(circle(well.x(), well.y(), well.radius()));
            g.drawString(label(well, names), (float) (well.x() - well.wallRadius()), (float) Math.max(font, well.y() - well.wallRadius() - 3));
        }
        g.setColor(COLONY);
        g.setStroke(new BasicStroke(Math.max(1f, line * 0.75f)));
        for (Colony c : r.colonies()) g.draw(circle(c.x(), c.y(), radius(c.area())));
        for (WellResult.Rejected c : r.rejected()) {
            g.setColor(color(c.kind()));
            g.draw(circle(c.x(), c.y(), radius(c.area())));
        }
        legend(g, kinds(r), h, font);
        g.dispose();
        canvas.writePng(out);
    }

    private static final String LEGEND_TITLE = "not counted:";

    /** The legend's font size: smaller than the wells' labels, it should not hide the plate. */
    private static int legendSize(int labelFont) {
        return Math.max(10, 2 * labelFont / 3);
    }

    /** The kinds of rejected objects drawn, one line each in its colour, at the image's lower left on a dark band. */
    private static void legend(Graphics2D g, Set<Kind> kinds, int height, int labelFont) {
        if (kinds.isEmpty()) return;
        int font = legendSize(labelFont), step = font + 4, top = height - (kinds.size() + 1) * step - step / 2;
        g.setFont(g.getFont().deriveFont((float) font));
        int width = g.getFontMetrics().stringWidth(LEGEND_TITLE);
        for (Kind k : kinds) width = Math.max(width, g.getFontMetrics().stringWidth(k.label));
        g.setColor(new Color(0, 0, 0, 160));
        g.fillRect(0, Math.max(0, top), width + 12, height - top);
        g.setColor(Color.WHITE);
        int y = top + step;
        g.drawString(LEGEND_TITLE, 6, y);
        for (Kind k : kinds) {
            y += step;
            g.setColor(color(k));
            g.drawString(k.label, 6, y);
        }
    }

    /** The same legend in Fiji's overlay (a text's y is its top there, a baseline in the PNG). */
    private static void legend(Overlay o, Set<Kind> kinds, int height, int labelFont) {
        if (kinds.isEmpty()) return;
        int font = legendSize(labelFont), step = font + 4, y = height - (kinds.size() + 1) * step - step / 2;
        Font f = new Font("SansSerif", Font.BOLD, font);
        TextRoi title = new TextRoi(6, y, LEGEND_TITLE, f);
        title.setStrokeColor(Color.WHITE);
        o.add(title);
        for (Kind k : kinds) {
            y += step;
            TextRoi t = new TextRoi(6, y, k.label, f);
            t.setStrokeColor(color(k));
            t.setName("legend: " + k.label);
            o.add(t);
        }
    }

    private static Ellipse2D circle(double x, double y, double r) {
        return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    }
}
