package org.assayquant.core.wells;

import org.assayquant.core.Components;
import org.assayquant.core.Medians;

/**
 * A dish's spots as a person tells plaques from colonies, without the bench: on the dish binned to
 * about BINS across, each bin's departure from a median background is a spot when it is beyond SPOT
 * noise SDs, a connected group of at least AREA bins reaching PEAK SDs; each side's spots weigh
 * their peak times their area. Clear plaques in a turbid lawn are holes: they take away some of the
 * layer's tint and add none of their own, while a colony darker than its agar is a body with its
 * pigment (brown, violet), more saturated than the agar around it.
 *
 * <p>Its spots are not the counters' (ColonyCounter's colonies and faint plaques, PartlyCleared's
 * candidates): they are judged on a coarse grid of the whole dish, both sides at once, only to weigh
 * dark against light and read their tint, before (and beside) any count.
 */
final class Holes {
    private Holes() {}

    /**
     * What the spots say: the dark spots' weight over the light spots' (infinite: no light spots;
     * 0: no dark spots), and the dark spots' median saturation gain, (max - min) / max of the spot's
     * colour minus that of its background (NaN: no dark spots).
     */
    record Spots(double darkOverLight, double tintGain) {
        /**
         * Holes: the dark spots are the dish's stronger side and no more tinted than the layer.
         * OnePetri development lawns (issue 19): the two where auto chose light objects (debris
         * specks), 032403C9 and 156DD974, weigh 3.6 and 4.7 dark over light; the colony dishes of
         * light colonies (phone 35, CounterCulture 15) at most 0.19: 1, the dark spots outweigh the
         * light ones. Tint gain: the development lawns whose dark spots outweigh -0.18 to 0.20, the
         * webcam and high-resolution dishes (brown colonies) 0.34-0.68: 0.25, about the middle.
         */
        boolean holes() {
            return darkOverLight >= DARK_OVER_LIGHT && tintGain <= TINT_GAIN;
        }
    }

    static final double DARK_OVER_LIGHT = 1, TINT_GAIN = 0.25;
    /**
     * The grid and the spot: the dish's radius about BINS / 2 bins; the background the median of
     * MEDIAN x MEDIAN cells of CELL x CELL bins (a tenth of the radius: a plaque or colony is a
     * fraction of it); spots beyond SPOT SDs, reaching PEAK, of AREA bins (a disc of radius 1.8 bins:
     * grain and JPEG noise are single bins); the rim band beyond RIM of the analysed radius left out
     * (the wall's reflections). Chosen once before measuring, not tuned (docs/history/wells.md, "Lawns
     * whatever the bench").
     */
    static final int BINS = 800, CELL = 4, MEDIAN = 11, AREA = 10;
    static final double SPOT = 4, PEAK = 8, RIM = 0.92;

    static Spots of(PlateImage img, Circle c, Glare glare) {
        double bin = Math.max(1, 2 * c.r() / BINS);
        int x0 = (int) Math.floor(c.x() - c.r()), y0 = (int) Math.floor(c.y() - c.r());
        int gw = (int) Math.ceil(2 * c.r() / bin) + 2;
        // 8-bit channels summed as integers: exact, so the same sums as adding them as doubles
        long[][] sum = new long[3][gw * gw];
        int[] cnt = new int[gw * gw];
        double cx0 = c.x(), cy0 = c.y(), r2 = c.r() * c.r();
        int xs = Math.max(0, x0), xe = (int) Math.min(img.width, Math.ceil(c.x() + c.r()));
        int[] column = new int[Math.max(0, xe - xs)]; // each x's bin column, computed once instead of once per row
        for (int x = xs; x < xe; x++) column[x - xs] = (int) ((x - x0) / bin);
        for (int y = Math.max(0, y0); y < Math.min(img.height, c.y() + c.r()); y++) {
            double dy = y + 0.5 - cy0;
            int row = (int) ((y - y0) / bin) * gw;
            for (int x = xs; x < xe; x++) {
                double dx = x + 0.5 - cx0;
                if (dx * dx + dy * dy > r2 || glare != null && glare.at(x, y)) continue;
                int b = row + column[x - xs], p = y * img.width + x;
                for (int ch = 0; ch < 3; ch++) sum[ch][b] += (long) img.get(ch, p);
                cnt[b]++;
            }
        }
        boolean[] full = new boolean[gw * gw];
        for (int b = 0; b < full.length; b++) full[b] = cnt[b] >= 0.5 * bin * bin;
        double[][] mean = new double[3][gw * gw], bg = new double[3][];
        for (int ch = 0; ch < 3; ch++) {
            for (int b = 0; b < full.length; b++) mean[ch][b] = full[b] ? (double) sum[ch][b] / cnt[b] : Double.NaN;
            bg[ch] = background(mean[ch], gw);
        }
        double[] dep = new double[gw * gw];
        boolean[] judged = new boolean[gw * gw];
        double rim = RIM * c.r() / bin, cx = (c.x() - x0) / bin, cy = (c.y() - y0) / bin;
        int n = 0;
        for (int b = 0; b < dep.length; b++) {
            double dx = b % gw + 0.5 - cx, dy = b / gw + 0.5 - cy;
            if (!full[b] || Double.isNaN(bg[0][b]) || dx * dx + dy * dy > rim * rim) continue;
            judged[b] = true;
            dep[b] = (mean[0][b] + mean[1][b] + mean[2][b] - bg[0][b] - bg[1][b] - bg[2][b]) / 3;
            n++;
        }
        if (n == 0) return new Spots(Double.NaN, Double.NaN);
        double[] d = new double[n];
        for (int b = 0, j = 0; b < dep.length; b++) if (judged[b]) d[j++] = dep[b];
        double sd = Math.max(0.5, 1.4826 * Medians.mad(d, d.length));
        double light = weight(dep, judged, gw, sd, 1, null, null);
        double[] gains = new double[1];
        double dark = weight(dep, judged, gw, sd, -1, new double[][][] {mean, bg}, gains);
        return new Spots(dark / light, gains[0]);
    }

    /**
     * The spots of one side (sign 1 light, -1 dark): the sum of peak x area in SDs and bins; with
     * colours, the median tint gain of the spots (over their bins at least half their peak) into gains[0].
     */
    private static double weight(double[] dep, boolean[] judged, int gw, double sd, int sign, double[][][] colours, double[] gains) {
        boolean[] m = new boolean[dep.length];
        for (int b = 0; b < m.length; b++) m[b] = judged[b] && sign * dep[b] > SPOT * sd;
        double w = 0;
        double[] g = new double[dep.length];
        int ng = 0;
        for (int[] part : Components.of(m, gw, gw).pixels()) {
            double peak = 0;
            for (int b : part) peak = Math.max(peak, sign * dep[b]);
            if (part.length < AREA || peak < PEAK * sd) continue;
            w += peak / sd * part.length;
            if (colours == null) continue;
            double[] o = new double[3], l = new double[3];
            for (int b : part) {
                if (sign * dep[b] < peak / 2) continue;
                for (int ch = 0; ch < 3; ch++) {
                    o[ch] += colours[0][ch][b];
                    l[ch] += colours[1][ch][b];
                }
            }
            g[ng++] = saturation(o) - saturation(l);
        }
        if (gains != null) gains[0] = ng == 0 ? Double.NaN : Medians.upper(g, ng);
        return w;
    }

    private static double saturation(double[] rgb) {
        double max = Math.max(rgb[0], Math.max(rgb[1], rgb[2])), min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        return max <= 0 ? 0 : (max - min) / max;
    }

    /** The background of a grid of bin means (NaN: no bin): medians of MEDIAN x MEDIAN cells of CELL x CELL bins, interpolated bilinearly. */
    private static double[] background(double[] v, int gw) {
        int cw = (gw + CELL - 1) / CELL;
        double[] cell = new double[cw * cw];
        int[] cn = new int[cw * cw];
        for (int b = 0; b < v.length; b++) {
            if (Double.isNaN(v[b])) continue;
            int k = b / gw / CELL * cw + b % gw / CELL;
            cell[k] += v[b];
            cn[k]++;
        }
        for (int k = 0; k < cell.length; k++) cell[k] = cn[k] == 0 ? Double.NaN : cell[k] / cn[k];
        double[] med = windowMedians(cell, cw, MEDIAN / 2);
        double[] at = new double[gw]; // a bin's place on the cells' grid, the same along x and y (computed once per line)
        for (int i = 0; i < gw; i++) at[i] = Math.max(0, Math.min(cw - 1, (i + 0.5) / CELL - 0.5));
        double[] out = new double[v.length];
        for (int y = 0, b = 0; y < gw; y++) {
            int ay = (int) at[y], by = Math.min(cw - 1, ay + 1);
            double ty = at[y] - ay;
            for (int x = 0; x < gw; x++, b++) {
                int ax = (int) at[x], bx = Math.min(cw - 1, ax + 1);
                double tx = at[x] - ax;
                double top = mix(med[ay * cw + ax], med[ay * cw + bx], tx), bottom = mix(med[by * cw + ax], med[by * cw + bx], tx);
                out[b] = mix(top, bottom, ty);
            }
        }
        return out;
    }

    /**
     * Each cell's median of the cells (not NaN) in its (2h + 1) x (2h + 1) window, clipped at the grid's edges: the
     * value median() selects (the n / 2-th smallest). The window is kept sorted along a row, a column taken out and
     * one put in per step, instead of each window's values selected afresh with Medians.upper (a 6-MP dish's 3 x 40 000 windows of 121
     * cells were half of this test's CPU). The cells are means of 8-bit values: never -0.0, so a plain comparison
     * orders them as the selection does.
     */
    static double[] windowMedians(double[] cell, int cw, int h) {
        double[] med = new double[cw * cw], win = new double[(2 * h + 1) * (2 * h + 1)];
        for (int cy = 0; cy < cw; cy++) {
            int y0 = Math.max(0, cy - h), y1 = Math.min(cw - 1, cy + h), n = 0;
            for (int cx = 0; cx < cw; cx++) {
                if (cx - h - 1 >= 0) n = column(cell, cw, cx - h - 1, y0, y1, win, n, false);
                for (int xx = cx == 0 ? 0 : cx + h; xx <= Math.min(cw - 1, cx + h); xx++) n = column(cell, cw, xx, y0, y1, win, n, true);
                med[cy * cw + cx] = n == 0 ? Double.NaN : win[n / 2];
            }
        }
        return med;
    }

    /** Column x's cells of rows y0..y1 (not NaN) put into (or taken out of) the sorted win[0, n): the new n. */
    private static int column(double[] cell, int cw, int x, int y0, int y1, double[] win, int n, boolean in) {
        for (int y = y0; y <= y1; y++) {
            double v = cell[y * cw + x];
            if (Double.isNaN(v)) continue;
            int at = 0, hi = n; // the first place holding v or more (a plain comparison: Arrays.binarySearch's bit
            while (at < hi) {   // patterns cost C1 a third of this test)
                int mid = (at + hi) >>> 1;
                if (win[mid] < v) at = mid + 1;
                else hi = mid;
            }
            if (in) {
                System.arraycopy(win, at, win, at + 1, n - at);
                win[at] = v;
                n++;
            } else {
                System.arraycopy(win, at + 1, win, at, n - at - 1);
                n--;
            }
        }
        return n;
    }

    /** a to b at t, the one that is there when the other is NaN (a cell outside the dish). */
    private static double mix(double a, double b, double t) {
        if (Double.isNaN(a)) return b;
        if (Double.isNaN(b)) return a;
        return a + t * (b - a);
    }
}
