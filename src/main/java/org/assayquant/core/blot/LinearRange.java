package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;

/**
 * The linear range of a band row from lanes of known relative load (a dilution series): signal
 * against load on log-log scales, and the loads over which the signal is proportional to the load.
 *
 * <p>The rule: points of saturated bands and of bands whose noise (from the image's pixel noise)
 * exceeds {@link #TOLERANCE} of their volume (the usual lower limit of quantification: CV <= 20%)
 * are left out. Placeholders count when they pass: a series' faint lanes fall below
 * min_band_percent of the strongest band but are measured where the row is. Of the remaining points, ordered by load, the linear range is the run of consecutive loads
 * (at least {@link #MIN_POINTS}) spanning the widest load range in which every point's signal per
 * load lies within +-{@link #TOLERANCE} of the run's median signal per load and whose log-log
 * slope lies within 1/(1 + TOLERANCE) .. 1 + TOLERANCE (proportional response); ties go to the run with more points, then the smaller largest deviation. Too-high
 * loads (detector or film saturation, substrate depletion) fall below the proportional line and
 * leave the run; too low ones are below the limit of quantification. Bands of the row whose volume lies
 * outside the run's volumes get the reason {@code outside_linear_range}; a row with no such run
 * gets {@code no_linear_range}.
 */
public final class LinearRange {
    /**
     * +-20% about proportional: well inside one two-fold step (+-100%), the accuracy a
     * quantitative blot claims; on the synthetic series (LinearRangeTest) it recovers the
     * truth's limits within one step where +-10% cut noisy-but-linear points and +-30% kept
     * compressed ones.
     */
    static final double TOLERANCE = 0.2;
    static final int MIN_POINTS = 3;

    private LinearRange() {}

    /**
     * One lane of the series: noise is the volume's standard deviation from the image's pixel
     * noise; usable = counted in the fit (not saturated, noise at most TOLERANCE of the volume).
     */
    public record Point(int lane, double load, double volume, double noise, boolean usable) {}

    /**
     * The fit of one row. slope/r2 over the linear range, slopeAll/r2All over every usable
     * point; loadLow..loadHigh and volumeLow..volumeHigh the range (NaN when none was found).
     */
    public record Fit(int strip, int row, int points, int usable, int used, double slope, double r2,
                      double slopeAll, double r2All, double loadLow, double loadHigh, double volumeLow, double volumeHigh) {
        public boolean found() { return used >= MIN_POINTS; }

        public boolean inside(double volume) { return found() && volume >= volumeLow && volume <= volumeHigh; }
    }

    public record Result(BlotResult result, List<Fit> fits, List<String> warnings) {}

    /**
     * loads: one value per lane ("1,0.5,0.25,,0.125": empty, '-' or 0 = not in the series),
     * the same for every strip, or ';'-separated groups, one per strip. null = no series.
     */
    public static double[][] parseLoads(String key, String spec, int strips) {
        String s = spec.trim();
        if (s.isEmpty()) return null;
        String[] groups = s.split(";", -1);
        if (groups.length > 1 && groups.length != strips)
            throw AssayException.invalid(key + "=" + spec + ": " + groups.length + " groups (one per strip, ';'-separated) but the image has " + strips + " strip(s)");
        double[][] out = new double[strips][];
        for (int k = 0; k < strips; k++) {
            String[] parts = groups[groups.length == 1 ? 0 : k].split(",", -1);
            out[k] = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.isEmpty() || p.equals("-")) { out[k][i] = Double.NaN; continue; }
                try {
                    out[k][i] = Double.parseDouble(p);
                } catch (NumberFormatException e) {
                    out[k][i] = -1;
                }
                if (!(out[k][i] >= 0) || Double.isInfinite(out[k][i]))
                    throw AssayException.invalid(key + "=" + spec + ": lane " + (i + 1) + " '" + p + "': expected a relative load >= 0, or empty for a lane outside the series");
                if (out[k][i] == 0) out[k][i] = Double.NaN;
            }
            if (Arrays.stream(out[k]).filter(v -> !Double.isNaN(v)).distinct().count() < MIN_POINTS)
                throw AssayException.invalid(key + "=" + spec + ": a dilution series needs at least " + MIN_POINTS + " different loads");
        }
        return out;
    }

    /**
     * pixelNoise: the image's pixel noise (DN, standard deviation); a band's volume then scatters
     * by pixelNoise x sqrt(its pixels) (white noise; the background's own error is not counted).
     */
    public static Result apply(BlotResult r, double[][] loads, double pixelNoise) {
        List<Fit> fits = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Band> out = new ArrayList<>(r.bands());
        for (int k = 0; k < loads.length; k++) {
            int strip = k + 1;
            long lanes = r.lanes().stream().filter(l -> l.strip() == strip).count();
            if (loads[k].length > lanes)
                throw AssayException.invalid("loads: " + loads[k].length + " values but strip " + strip + " has " + lanes + " lanes");
            int[] rows = r.bands().stream().filter(b -> b.strip() == strip).mapToInt(Band::row).distinct().sorted().toArray();
            for (int row : rows) {
                List<Point> pts = new ArrayList<>();
                for (Band b : r.bands()) {
                    if (b.strip() != strip || b.row() != row || b.lane() > loads[k].length || Double.isNaN(loads[k][b.lane() - 1])) continue;
                    double noise = pixelNoise * Math.sqrt((double) b.width() * b.height());
                    pts.add(new Point(b.lane(), loads[k][b.lane() - 1], b.volume(), noise,
                            !b.saturated() && noise <= TOLERANCE * b.volume()));
                }
                if (pts.isEmpty()) continue;
                Fit f = fit(strip, row, pts);
                fits.add(f);
                if (!f.found())
                    warnings.add("row " + row + (loads.length > 1 ? " (strip " + strip + ")" : "") + ": no " + MIN_POINTS
                            + " consecutive loads of the series respond in proportion (within 20%): its volumes are not shown to be in the linear range");
                for (int i = 0; i < out.size(); i++) {
                    Band b = out.get(i);
                    if (b.strip() != strip || b.row() != row) continue;
                    if (!f.found()) out.set(i, SizeCalibration.withReasons(b, List.of("no_linear_range")));
                    else if (!f.inside(b.volume())) out.set(i, SizeCalibration.withReasons(b, List.of("outside_linear_range")));
                }
            }
        }
        BlotResult annotated = new BlotResult(r.polarity(), r.clipLevel(), r.background(), r.rollingRadius(), r.lanes(), out, r.warnings());
        return new Result(annotated, fits, warnings);
    }

    /** The image's pixel noise (DN): the robust spread of horizontal neighbour differences (bands vary slowly across a lane). */
    public static double pixelNoise(Raster s) {
        return BandFinder.acrossNoise(s, 0, s.width - 1, 0, s.height) * Math.sqrt(s.width);
    }

    static Fit fit(int strip, int row, List<Point> all) {
        List<Point> pts = new ArrayList<>(all.stream().filter(Point::usable).toList());
        pts.sort(Comparator.comparingDouble(Point::load));
        double[] lx = pts.stream().mapToDouble(p -> Math.log(p.load())).toArray();
        double[] ly = pts.stream().mapToDouble(p -> Math.log(p.volume())).toArray();
        double[] allFit = regression(lx, ly, 0, pts.size());
        int bestI = -1, bestJ = -1;
        double bestSpan = -1, bestDev = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + MIN_POINTS - 1; j < pts.size(); j++) {
                if (pts.get(j).load() == pts.get(i).load()) continue;
                double dev = deviation(pts, i, j);
                if (dev > Math.log(1 + TOLERANCE)) continue;
                double slope = regression(lx, ly, i, j + 1)[0];
                if (slope < 1 / (1 + TOLERANCE) || slope > 1 + TOLERANCE) continue;
                double span = lx[j] - lx[i];
                boolean better = span > bestSpan + 1e-9
                        || Math.abs(span - bestSpan) <= 1e-9 && (j - i > bestJ - bestI || j - i == bestJ - bestI && dev < bestDev);
                if (better) { bestSpan = span; bestDev = dev; bestI = i; bestJ = j; }
            }
        }
        if (bestI < 0)
            return new Fit(strip, row, all.size(), pts.size(), 0, Double.NaN, Double.NaN, allFit[0], allFit[1], Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[] in = regression(lx, ly, bestI, bestJ + 1);
        double vLo = Double.POSITIVE_INFINITY, vHi = Double.NEGATIVE_INFINITY;
        for (int i = bestI; i <= bestJ; i++) { vLo = Math.min(vLo, pts.get(i).volume()); vHi = Math.max(vHi, pts.get(i).volume()); }
        return new Fit(strip, row, all.size(), pts.size(), bestJ - bestI + 1, in[0], in[1], allFit[0], allFit[1],
                pts.get(bestI).load(), pts.get(bestJ).load(), vLo, vHi);
    }

    /** Largest |ln(ratio / median ratio)| over points i..j, ratio = volume / load. */
    private static double deviation(List<Point> pts, int i, int j) {
        double[] lr = new double[j - i + 1];
        for (int k = i; k <= j; k++) lr[k - i] = Math.log(pts.get(k).volume() / pts.get(k).load());
        double[] sorted = lr.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double med = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double dev = 0;
        for (double v : lr) dev = Math.max(dev, Math.abs(v - med));
        return dev;
    }

    /** {slope, r2} of the least-squares line y = a + b x over points from..to-1 (NaN with fewer than 2). */
    static double[] regression(double[] x, double[] y, int from, int to) {
        int n = to - from;
        if (n < 2) return new double[] {Double.NaN, Double.NaN};
        double mx = 0, my = 0;
        for (int i = from; i < to; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = from; i < to; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) return new double[] {Double.NaN, Double.NaN};
        return new double[] {sxy / sxx, syy == 0 ? 1 : sxy * sxy / (sxx * syy)};
    }
}
