package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.plugin.filter.EDM;
import ij.plugin.filter.GaussianBlur;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * Colonies and stain inside one analysed circle. The stain signal (high = stained; dark-stain
 * images are inverted first) is flattened by ImageJ's rolling ball, so vignetting, wall shadows
 * and illumination bands do not count as stain; pixels above a noise-based threshold make colonies,
 * pixels also above a quarter of the well's strong stain make the stained area;
 * touching colonies are split by ImageJ's distance-map watershed; a colony is a split particle of
 * at least the minimum area.
 */
final class ColonyCounter {
    /** Longest over shortest axis of a colony; a touching pair the watershed could not split is ~2. */
    private static final double MAX_ELONGATION = 3;

    /** Fraction of a well's strong stain from which a pixel counts as stained area. */
    static final double STAIN_FRACTION = 0.25;

    /** Next to the wall (outside this fraction of the radius) fragments of the rim's arcs and reflections mimic colonies: only round objects count there. */
    private static final double RIM_ZONE = 0.9, RIM_ELONGATION = 2.0;

    /** Gaussian smoothing (pixels) of the background-corrected signal before colonies are thresholded. */
    static final double SMOOTH_SIGMA = 1.0;

    /** A colony shows at least this fraction of the well's strong stain (99.9th percentile). */
    static final double FAINTEST = 0.1;

    /** A second stain peak inside a particle makes a second colony when it stands this many noise SDs plus this fraction of its height above the saddle. */
    static final double SPLIT_SIGMA = 3, SPLIT_FRACTION = 0.1;

    /** A median this many background SDs above the background level means a crowded well (see baseNoise). */
    private static final double CROWDED = 20;

    /** Smallest adapted rolling-ball radius (pixels). */
    private static final double MIN_BALL = 8;

    private ColonyCounter() {}

    /** One colony: centre (image pixels) and area (pixels). */
    record Colony(double x, double y, int area) {}

    /** What one well gave. {@code stain} holds the stained pixels' background-corrected signal. */
    record Measure(List<Colony> colonies, int pixels, int stainedPixels, double stainSum, double iod, double threshold, double noise) {}

    /**
     * @param signal    stain-high values (full image, row-major)
     * @param intensity the transmitted intensities of a dark-stain image (for optical density), or null
     */
    static Measure measure(float[] signal, int width, int height, float[] intensity, double maxValue, Circle c, double ballRadius,
                           boolean adaptBall, double minArea, double thresholdSigma) {
        int x0 = Math.max(0, (int) Math.floor(c.x() - c.r()) - 1), y0 = Math.max(0, (int) Math.floor(c.y() - c.r()) - 1);
        int x1 = Math.min(width, (int) Math.ceil(c.x() + c.r()) + 2), y1 = Math.min(height, (int) Math.ceil(c.y() + c.r()) + 2);
        int w = x1 - x0, h = y1 - y0;
        if (w < 3 || h < 3) return new Measure(List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN);
        boolean[] inside = new boolean[w * h];
        float[] crop = new float[w * h];
        double r2 = c.r() * c.r();
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x0 + x + 0.5 - c.x(), dy = y0 + y + 0.5 - c.y();
                crop[y * w + x] = signal[(y0 + y) * width + x0 + x];
                if (dx * dx + dy * dy <= r2) {
                    inside[y * w + x] = true;
                    n++;
                }
            }
        }
        // outside the circle: the median inside, so the wall does not pull the ball up or down
        float[] in = new float[n];
        for (int i = 0, j = 0; i < crop.length; i++) if (inside[i]) in[j++] = crop[i];
        float[] sorted = in.clone();
        org.assayquant.core.FloatSort.sort(sorted); // Arrays.sort's order, faster
        float med = sorted[sorted.length / 2];
        for (int i = 0; i < crop.length; i++) if (!inside[i]) crop[i] = med;

        float[] raw = crop.clone();
        float[] s = flattened(crop, w, h, ballRadius);
        Found found = colonies(s, inside, n, w, h, x0, y0, minArea, thresholdSigma, c);
        if (adaptBall && found.colonies.size() >= 3) {
            // a ball a tenth of the well wide cannot follow illumination bands or lid reflections
            // narrower than itself; the smallest ball that keeps the colonies whole is about twice
            // the radius of the larger ones (90th percentile of the first pass)
            int[] areas = found.colonies.stream().mapToInt(Colony::area).sorted().toArray();
            double rho = Math.sqrt(areas[(int) (0.9 * (areas.length - 1))] / Math.PI);
            double ball = Math.max(MIN_BALL, 2 * rho);
            if (ball < 0.8 * ballRadius) {
                // next to the wall the large ball stays: the wall's own lines, arcs and reflections
                // are narrow bands that the small ball would lift into colonies
                float[] small = flattened(crop, w, h, ball);
                Found inner = colonies(small, inside, n, w, h, x0, y0, minArea, thresholdSigma, c);
                // kept only when it lowered the threshold (a crowded well gives the small ball nothing to gain)
                if (inner.threshold - inner.base < found.threshold - found.base) {
                    List<Colony> merged = new ArrayList<>();
                    for (Colony k : inner.colonies) if (!nearWall(k, c)) merged.add(k);
                    for (Colony k : found.colonies) if (nearWall(k, c)) merged.add(k);
                    merged.sort(java.util.Comparator.comparingDouble(Colony::y).thenComparingDouble(Colony::x));
                    found = new Found(merged, inner.threshold, inner.base, inner.noise);
                }
            }
        }

        double[] bn = baseNoise(s, inside, n);
        double base = bn[0], noise = bn[1];
        // stained area counts pixels with at least a quarter of the well's strong stain (99.5th
        // percentile), as one thresholds by eye: blur and faint halos find colonies but are not stain
        double areaThreshold = Math.max(base + thresholdSigma * noise, base + STAIN_FRACTION * (bn[2] - base));
        int stained = 0;
        double stainSum = 0, iod = 0;
        for (int i = 0; i < s.length; i++) {
            if (!inside[i] || s[i] <= areaThreshold) continue;
            stained++;
            stainSum += s[i] - base;
            if (intensity != null) {
                // optical density against the local background intensity (maxValue - the ball's level)
                double bg = maxValue - (raw[i] - s[i]);
                double t = Math.max(1, intensity[(y0 + i / w) * width + x0 + i % w]);
                if (bg > t) iod += Math.log10(bg / t);
            }
        }
        return new Measure(found.colonies, n, stained, stainSum, iod, found.threshold, found.noise);
    }

    /** The crop with its rolling-ball background subtracted (a new array). */
    private static float[] flattened(float[] crop, int w, int h, double ball) {
        // stain is high: the ball rolls under it (light objects on dark background in ImageJ's terms);
        // ImageJ's rolling ball (presmoothed), bit for bit, faster
        return org.assayquant.core.FastRollingBall.subtracted(crop, w, h, ball);
    }

    private record Found(List<Colony> colonies, double threshold, double base, double noise) {}

    /**
     * Colonies of a flattened crop. They are thresholded on a lightly smoothed copy (averaging over
     * a colony's core lifts faint, out-of-focus colonies out of webcam/JPEG pixel noise) at the
     * larger of thresholdSigma noise SDs and a tenth of the well's strong stain (99.9th percentile):
     * once the noise is that low, agar texture and the edges of illumination bands reach a few SDs.
     */
    private static Found colonies(float[] s, boolean[] inside, int n, int w, int h, int x0, int y0, double minArea, double thresholdSigma, Circle c) {
        float[] g = s.clone();
        new GaussianBlur().blurGaussian(new FloatProcessor(w, h, g), SMOOTH_SIGMA, SMOOTH_SIGMA, 0.01);
        double[] gn = baseNoise(g, inside, n);
        double threshold = gn[0] + Math.max(thresholdSigma * gn[1], FAINTEST * (gn[3] - gn[0]));
        ByteProcessor mask = new ByteProcessor(w, h);
        byte[] m = (byte[]) mask.getPixels();
        for (int i = 0; i < g.length; i++) if (inside[i] && g[i] > threshold) m[i] = (byte) 255;
        mask.setThreshold(255, 255, ij.process.ImageProcessor.NO_LUT_UPDATE);
        new EDM().toWatershed(mask);
        return new Found(label(m, g, gn[0], SPLIT_SIGMA * gn[1], w, h, x0, y0, minArea, c), threshold, gn[0], gn[1]);
    }

    /** In the outer tenth of the radius, where the wall's arcs and reflections mimic colonies. */
    private static boolean nearWall(Colony k, Circle c) {
        double rx = k.x() - c.x(), ry = k.y() - c.y();
        return rx * rx + ry * ry > RIM_ZONE * RIM_ZONE * c.r() * c.r();
    }

    /**
     * {background level, noise SD, 99.5th and 99.9th percentiles} of the values inside the circle, by iterative
     * 3-sigma clipping of the stained tail (a prefix of the sorted values): the median of the well is
     * stain when half of it is stained.
     */
    private static double[] baseNoise(float[] v, boolean[] inside, int n) {
        float[] sv = new float[n];
        for (int i = 0, j = 0; i < v.length; i++) if (inside[i]) sv[j++] = v[i];
        org.assayquant.core.FloatSort.sort(sv);
        int len = sv.length;
        double base = 0, noise = 0;
        for (int it = 0; it < 10; it++) {
            base = sv[len / 2];
            noise = (base - sv[len / 4]) / 0.6745; // median - p25 of a normal = 0.6745 sigma
            double cut = base + 3 * noise;
            int next = len;
            while (next > 16 && sv[next - 1] > cut) next--;
            if (next == len) break;
            len = next;
        }
        // more than half of a crowded well (or of its smoothed copy) is stain: then the median is
        // stain, far above the background (a plain well's median lies within a few SDs of it: 3-9 on
        // the OpenCFU photos, 56 on a synthetic 12-well with 46% stained). The background is still the densest level (the mode, the
        // narrowest window holding a twentieth of the values), and its lower side gives the noise
        // (the 15.9th percentile of a normal background lies one SD below its median = mode).
        int k = Math.max(1, sv.length / 20), at = 0;
        for (int i = 0; i + k < sv.length; i++) if (sv[i + k] - sv[i] < sv[at + k] - sv[at]) at = i;
        int modeRank = Math.min(sv.length - 1, at + k / 2);
        double mode = sv[modeRank], modeNoise = mode - sv[(int) (0.3174 * modeRank)];
        if (base - mode > CROWDED * modeNoise) {
            base = mode;
            noise = modeNoise;
        }
        noise = Math.max(noise, 1e-6 + 0.002 * Math.max(1, sv[sv.length - 1]));
        return new double[] {base, noise, sv[(int) (0.995 * (sv.length - 1))], sv[(int) (0.999 * (sv.length - 1))]};
    }

    /**
     * 4-connected particles of at least minArea pixels, each split where the smoothed signal has
     * more than one peak: touching colonies the distance-map watershed leaves whole (they overlap
     * too much for a neck) still show one stain maximum each. A peak counts when it rises above the
     * saddle to a higher one by {@code prominence} plus a small fraction of its own height above the
     * background and the part above the saddle is colony-sized (texture inside one colony is not).
     */
    private static List<Colony> label(byte[] m, float[] g, double base, double prominence, int w, int h, int x0, int y0, double minArea, Circle c) {
        int[] stack = new int[w * h], comp = new int[w * h], parent = new int[w * h];
        float[] peak = new float[w * h];
        int[] count = new int[w * h];
        Arrays.fill(comp, -1);
        boolean[] seen = new boolean[w * h];
        List<Colony> out = new ArrayList<>();
        for (int start = 0; start < m.length; start++) {
            if (m[start] == 0 || seen[start]) continue;
            int sp = 0, size = 0;
            stack[sp++] = start;
            seen[start] = true;
            int[] pix = new int[16];
            while (sp > 0) {
                int p = stack[--sp];
                if (size == pix.length) pix = Arrays.copyOf(pix, 2 * size);
                pix[size++] = p;
                int x = p % w, y = p / w;
                if (x > 0 && m[p - 1] != 0 && !seen[p - 1]) { seen[p - 1] = true; stack[sp++] = p - 1; }
                if (x < w - 1 && m[p + 1] != 0 && !seen[p + 1]) { seen[p + 1] = true; stack[sp++] = p + 1; }
                if (y > 0 && m[p - w] != 0 && !seen[p - w]) { seen[p - w] = true; stack[sp++] = p - w; }
                if (y < h - 1 && m[p + w] != 0 && !seen[p + w]) { seen[p + w] = true; stack[sp++] = p + w; }
            }
            if (size < minArea) continue;
            // flood from the top: pixels join the component of their higher neighbours; where two
            // meet, the lower one is absorbed unless its peak is prominent enough
            long[] order = new long[size];
            for (int k = 0; k < size; k++) {
                int bits = Float.floatToIntBits(g[pix[k]]);
                bits ^= (bits >> 31) & 0x7fffffff; // order-preserving for negative values
                order[k] = ((long) bits << 32) | pix[k];
            }
            org.assayquant.core.FloatSort.sort(order);
            int[] roots = new int[4];
            for (int k = size - 1; k >= 0; k--) {
                int p = (int) order[k];
                int x = p % w, y = p / w, nr = 0;
                int[] nb = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : nb) {
                    if (q < 0 || comp[q] < 0) continue;
                    int r = find(parent, comp[q]);
                    boolean dup = false;
                    for (int j = 0; j < nr; j++) dup |= roots[j] == r;
                    if (!dup) roots[nr++] = r;
                }
                if (nr == 0) {
                    comp[p] = p;
                    parent[p] = p;
                    peak[p] = g[p];
                    count[p] = 1;
                    continue;
                }
                int top = roots[0];
                for (int j = 1; j < nr; j++) if (peak[roots[j]] > peak[top]) top = roots[j];
                for (int j = 0; j < nr; j++) {
                    int r = roots[j];
                    if (r != top && (count[r] < minArea || peak[r] - g[p] < prominence + SPLIT_FRACTION * (peak[r] - base))) {
                        parent[r] = top;
                        count[top] += count[r];
                    }
                }
                comp[p] = top;
                count[top]++;
            }
            // one colony per surviving component
            java.util.Map<Integer, double[]> parts = new java.util.LinkedHashMap<>();
            for (int k = 0; k < size; k++) {
                int p = pix[k], x = p % w, y = p / w;
                double[] a = parts.computeIfAbsent(find(parent, comp[p]), r -> new double[6]);
                a[0]++;
                a[1] += x;
                a[2] += y;
                a[3] += (double) x * x;
                a[4] += (double) y * y;
                a[5] += (double) x * y;
            }
            for (int k = 0; k < size; k++) comp[pix[k]] = -1;
            for (double[] a : parts.values()) {
                Colony col = colony(a, x0, y0, minArea, c);
                if (col != null) out.add(col);
            }
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** A particle from its pixel count and sums {n, x, y, xx, yy, xy}, or null when too small or too elongated. */
    private static Colony colony(double[] a, int x0, int y0, double minArea, Circle c) {
        double area = a[0];
        if (area < minArea) return null;
        // thin arcs and lines (dish rim, pen, scratches) are not colonies: second-moment elongation
        double mx = a[1] / area, my = a[2] / area;
        double cxx = a[3] / area - mx * mx, cyy = a[4] / area - my * my, cxy = a[5] / area - mx * my;
        double tr = cxx + cyy, det = cxx * cyy - cxy * cxy, disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        double l1 = tr / 2 + disc, l2 = Math.max(1e-9, tr / 2 - disc);
        Colony k = new Colony(x0 + mx + 0.5, y0 + my + 0.5, (int) area);
        double maxElongation = nearWall(k, c) ? RIM_ELONGATION : MAX_ELONGATION;
        return l1 / l2 > maxElongation * maxElongation ? null : k;
    }
}
