package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.plugin.filter.BackgroundSubtracter;
import ij.plugin.filter.EDM;
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
                           double minArea, double thresholdSigma) {
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
        Arrays.sort(sorted);
        float med = sorted[sorted.length / 2];
        for (int i = 0; i < crop.length; i++) if (!inside[i]) crop[i] = med;

        float[] raw = crop.clone(); // the filter works in place
        FloatProcessor fp = new FloatProcessor(w, h, crop);
        // stain is high: the ball rolls under it (light objects on dark background in ImageJ's terms)
        new BackgroundSubtracter().rollingBallBackground(fp, ballRadius, false, false, false, true, true);
        float[] s = (float[]) fp.getPixels();

        float[] sv = new float[n];
        for (int i = 0, j = 0; i < s.length; i++) if (inside[i]) sv[j++] = s[i];
        Arrays.sort(sv);
        // background level and noise by iterative 3-sigma clipping of the stained tail (a prefix of
        // the sorted values): the median of the well is stain when half of it is stained
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
        noise = Math.max(noise, 1e-6 + 0.002 * Math.max(1, sv[sv.length - 1]));
        double threshold = base + thresholdSigma * noise;
        // stained area counts pixels with at least a quarter of the well's strong stain (99.5th
        // percentile), as one thresholds by eye: blur and faint halos find colonies but are not stain
        double areaThreshold = Math.max(threshold, base + STAIN_FRACTION * (sv[(int) (0.995 * (sv.length - 1))] - base));

        ByteProcessor mask = new ByteProcessor(w, h);
        byte[] m = (byte[]) mask.getPixels();
        int stained = 0;
        double stainSum = 0, iod = 0;
        for (int i = 0; i < s.length; i++) {
            if (!inside[i] || s[i] <= threshold) continue;
            m[i] = (byte) 255;
            if (s[i] <= areaThreshold) continue;
            stained++;
            stainSum += s[i] - base;
            if (intensity != null) {
                // optical density against the local background intensity (maxValue - the ball's level)
                double bg = maxValue - (raw[i] - s[i]);
                double t = Math.max(1, intensity[(y0 + i / w) * width + x0 + i % w]);
                if (bg > t) iod += Math.log10(bg / t);
            }
        }
        mask.setThreshold(255, 255, ij.process.ImageProcessor.NO_LUT_UPDATE);
        new EDM().toWatershed(mask);
        List<Colony> colonies = label(m, w, h, x0, y0, minArea, c);
        return new Measure(colonies, n, stained, stainSum, iod, threshold, noise);
    }

    /** 4-connected particles of at least minArea pixels. */
    private static List<Colony> label(byte[] m, int w, int h, int x0, int y0, double minArea, Circle c) {
        int[] stack = new int[w * h];
        boolean[] seen = new boolean[w * h];
        List<Colony> out = new ArrayList<>();
        for (int start = 0; start < m.length; start++) {
            if (m[start] == 0 || seen[start]) continue;
            int sp = 0, area = 0;
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            stack[sp++] = start;
            seen[start] = true;
            while (sp > 0) {
                int p = stack[--sp];
                int x = p % w, y = p / w;
                area++;
                sx += x;
                sy += y;
                sxx += (double) x * x;
                syy += (double) y * y;
                sxy += (double) x * y;
                if (x > 0 && m[p - 1] != 0 && !seen[p - 1]) { seen[p - 1] = true; stack[sp++] = p - 1; }
                if (x < w - 1 && m[p + 1] != 0 && !seen[p + 1]) { seen[p + 1] = true; stack[sp++] = p + 1; }
                if (y > 0 && m[p - w] != 0 && !seen[p - w]) { seen[p - w] = true; stack[sp++] = p - w; }
                if (y < h - 1 && m[p + w] != 0 && !seen[p + w]) { seen[p + w] = true; stack[sp++] = p + w; }
            }
            if (area < minArea) continue;
            // thin arcs and lines (dish rim, pen, scratches) are not colonies: second-moment elongation
            double mx = sx / area, my = sy / area;
            double cxx = sxx / area - mx * mx, cyy = syy / area - my * my, cxy = sxy / area - mx * my;
            double tr = cxx + cyy, det = cxx * cyy - cxy * cxy, disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
            double l1 = tr / 2 + disc, l2 = Math.max(1e-9, tr / 2 - disc);
            double maxElongation = MAX_ELONGATION;
            double rx = x0 + mx + 0.5 - c.x(), ry = y0 + my + 0.5 - c.y();
            if (rx * rx + ry * ry > RIM_ZONE * RIM_ZONE * c.r() * c.r()) maxElongation = RIM_ELONGATION;
            if (l1 / l2 > maxElongation * maxElongation) continue;
            out.add(new Colony(x0 + mx + 0.5, y0 + my + 0.5, area));
        }
        return out;
    }
}
