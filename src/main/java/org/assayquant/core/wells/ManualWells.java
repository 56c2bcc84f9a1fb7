package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wells drawn by hand (circle ROIs): sorted into the plate's rows when they form them, and the
 * labels the result then gets instead of the quantifier's W1, W2, ...
 */
public final class ManualWells {
    private ManualWells() {}

    /**
     * The circles to quantify (row-major when they form the plate's grid), the format to quantify
     * them with (DISH for one circle, null for circles of no plate), the labels to give the wells
     * (W1 -> A1, ...; empty: keep W1..) and a note when they were expected to form a plate and do not.
     */
    public record Placed(List<Circle> circles, PlateFormat format, Map<String, String> labels, String note) {}

    /**
     * A1 for a single circle; A1.. row-major when their number is the well count of {@code format}
     * (or, with {@code format} null, of one of the formats) and they sort into its rows (a plate
     * turned by 90 degrees is recognised from the circles' extent); otherwise W1.. in their order.
     */
    public static Placed place(List<Circle> circles, PlateFormat format) {
        int n = circles.size();
        Map<String, String> labels = new LinkedHashMap<>();
        String note = null;
        PlateFormat f = format;
        if (f == null) for (PlateFormat p : PlateFormat.values()) if (p.wells() == n) f = p;
        if (n == 1) {
            labels.put("W1", "A1");
            format = PlateFormat.DISH;
        } else if (f != null && f.wells() == n) {
            boolean portrait = spread(circles, true) < spread(circles, false);
            int cols = portrait ? f.rows : f.cols;
            List<Circle> grid = rowMajor(circles, cols);
            if (grid != null) {
                circles = grid;
                for (int k = 0; k < n; k++) labels.put("W" + (k + 1), f.label(k / cols, k % cols));
                format = f;
            } else {
                note = "the " + n + " ROI wells do not sort into the rows of a " + f.key + "-well plate: named W1-W" + n + " in ROI order";
            }
        }
        if (format == PlateFormat.DISH && n > 1) format = null;
        return new Placed(circles, format, labels, note);
    }

    /**
     * The plate format whose wells these ROI names are (every name a distinct well label such as
     * B4, as a run's well_rois.zip names them): {@code f} when the labels fit it, else the smallest
     * format that holds them all (a 24-well plate with a well removed); null when the names are not
     * well labels, or for a single A1 (a dish).
     */
    public static PlateFormat namedFormat(List<String> names, PlateFormat f) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        int rows = 0, cols = 0;
        for (String raw : names) {
            String name = raw == null ? "" : raw.trim();
            var m = WELL_NAME.matcher(name);
            if (!m.matches() || !seen.add(name)) return null;
            rows = Math.max(rows, m.group(1).charAt(0) - 'A' + 1);
            cols = Math.max(cols, Integer.parseInt(m.group(2)));
        }
        if (names.size() == 1 && rows == 1 && cols == 1) return null; // a single dish: A1 as before
        if (f != null && f != PlateFormat.DISH && fits(f, rows, cols)) return f;
        PlateFormat best = null;
        for (PlateFormat p : PlateFormat.values())
            if (p != PlateFormat.DISH && fits(p, rows, cols) && (best == null || p.wells() < best.wells())) best = p;
        return best;
    }

    private static final java.util.regex.Pattern WELL_NAME = java.util.regex.Pattern.compile("([A-P])([1-9][0-9]?)");

    private static boolean fits(PlateFormat p, int rows, int cols) {
        return p.rows >= rows && p.cols >= cols;
    }

    /** The circles row-major (rows top to bottom, left to right within a row), {@code cols} per row, or null when they do not form such rows. */
    static List<Circle> rowMajor(List<Circle> circles, int cols) {
        List<Circle> byY = new ArrayList<>(circles);
        byY.sort((a, b) -> Double.compare(a.y(), b.y()));
        List<Circle> out = new ArrayList<>();
        double prevMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < byY.size(); i += cols) {
            List<Circle> row = new ArrayList<>(byY.subList(i, i + cols));
            double min = row.stream().mapToDouble(Circle::y).min().orElseThrow(), max = row.stream().mapToDouble(Circle::y).max().orElseThrow();
            // rows are apart, and a row's centres lie within a well radius of each other in y
            if (min <= prevMax || max - min > Math.max(row.get(0).r(), 1)) return null;
            prevMax = max;
            row.sort((a, b) -> Double.compare(a.x(), b.x()));
            out.addAll(row);
        }
        return out;
    }

    private static double spread(List<Circle> cs, boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Circle c : cs) {
            double v = x ? c.x() : c.y();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }


    /** The result with the core's manual-well labels replaced (rows and columns from the new labels). */
    public static WellResult relabelled(WellResult r, Map<String, String> labels) {
        if (labels.isEmpty()) return r;
        List<WellResult.Well> ws = new ArrayList<>();
        for (WellResult.Well w : r.wells()) {
            String l = labels.getOrDefault(w.label(), w.label());
            int row = l.charAt(0) - 'A', col = Integer.parseInt(l.substring(1)) - 1;
            ws.add(new WellResult.Well(l, row, col, w.x(), w.y(), w.radius(), w.wallRadius(), w.colonies(), w.areaPercent(), w.intensityPercent(),
                    w.iod(), w.meanColonyArea(), w.pixels(), w.threshold(), w.found(), w.rejected(), w.reasons()));
        }
        List<WellResult.Colony> cs = new ArrayList<>();
        for (WellResult.Colony c : r.colonies()) cs.add(new WellResult.Colony(labels.getOrDefault(c.well(), c.well()), c.x(), c.y(), c.area()));
        List<WellResult.Rejected> rs = new ArrayList<>();
        for (WellResult.Rejected c : r.rejected()) rs.add(new WellResult.Rejected(labels.getOrDefault(c.well(), c.well()), c.x(), c.y(), c.area(), c.reason(), c.kind()));
        return new WellResult(r.format(), ws, cs, rs, r.channel(), r.polarity(), r.rotationDegrees(), r.wellsSeen(), r.warnings());
    }
}
