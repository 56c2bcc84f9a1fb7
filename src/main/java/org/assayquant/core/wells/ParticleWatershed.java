package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.plugin.filter.EDM;
import ij.plugin.filter.MaximumFinder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * ImageJ's distance-map watershed ({@code EDM.toWatershed}) of a large binary crop, run on each
 * particle's bounding box instead of the whole crop: most of a dish is background, which the
 * whole-crop call spends most of its time on (a 6-M-pixel phone dish: ImageJ's watershed was a
 * fifth of the run). The same steps per box: {@code makeFloatEDM}, then {@code findMaxima} with
 * EDM.toWatershed's arguments, the segmented output ANDed into the mask; boxes clear of the
 * crop's edges are packed side by side into strips (one call per strip, not per particle). What
 * makes a box equal the whole crop:
 * <ul>
 * <li>A particle is an 8-connected set of foreground pixels; its box holds it and a ring of one
 * background pixel (where the crop allows; the crop's own edges stay edges), and no other
 * particle. A pixel's nearest background pixel is never beyond that ring or behind another
 * particle (the straight line towards it leaves the particle at a background pixel no farther),
 * and ImageJ's two-pass distance map propagates through the particle and its bordering
 * background only: the same distances.</li>
 * <li>findMaxima scales the distance map to 8 bits with an offset that depends on the image's
 * highest distance: each call gets one extra column (or row) holding, in one pixel, the whole
 * crop's highest distance (isolated by background: a particle of its own, ignored), on a side
 * where no particle touches the crop's edge (findMaxima treats particles at the image's edge
 * differently).</li>
 * <li>Maxima, their flooding and the level-by-level segmentation never cross background, and a
 * box keeps its pixels' relative scan order.</li>
 * </ul>
 * {@code ParticleWatershedTest} checks the result against {@code EDM.toWatershed} pixel for pixel.
 */
final class ParticleWatershed {
    private ParticleWatershed() {}

    /**
     * Crops smaller than this are given to EDM.toWatershed whole: the webcam dishes (crops of
     * 0.89 M pixels) and every plate's wells keep ImageJ's own call; the phone (5-6 M) and
     * high-resolution (1.9 M) dishes, where the gain was measured, take the boxes.
     */
    static final int MIN_PIXELS = 1 << 20;

    private static final int RIGHT = 1, LEFT = 2, BOTTOM = 4, TOP = 8, ALL = 15;

    /** The widest strip of packed particles (pixels): a strip's rows are as tall as its tallest box, so a few wide strips, tallest boxes first. */
    private static final int STRIP_WIDTH = 2048;

    /** EDM.toWatershed's maxima tolerance. */
    private static final double TOLERANCE = 0.5;

    /**
     * The mask (255 = foreground, 0 = background) with the watershed lines cleared, as EDM.toWatershed leaves it.
     * The particles are labelled in {@code work} (at least as long as the crop, its contents ignored; null: an array of
     * its own): a caller that holds a crop-sized int array anyway lends it, as the fresh pages of a new one cost more
     * than the watershed's labelling itself.
     */
    static void apply(ByteProcessor mask, int[] work) {
        if (mask.getWidth() * mask.getHeight() < MIN_PIXELS) {
            new EDM().toWatershed(mask);
            return;
        }
        boxes(mask, work);
    }

    /** The per-box watershed itself, whatever the crop's size (tests call it on small crops). */
    static void boxes(ByteProcessor mask) {
        boxes(mask, null);
    }

    private static void boxes(ByteProcessor mask, int[] work) {
        int w = mask.getWidth(), h = mask.getHeight();
        byte[] m = (byte[]) mask.getPixels();
        int[] label = work != null ? work : new int[w * h];
        Arrays.fill(label, 0, w * h, 0);
        int fg = 0;
        for (byte b : m) if (b != 0) fg++;
        int[] stack = new int[fg]; // each foreground pixel is pushed once at most
        // 8-connected particles and their boxes
        int n = 0;
        int[] box = new int[64];
        for (int start = 0; start < m.length; start++) {
            if (m[start] == 0 || label[start] != 0) continue;
            n++;
            if (5 * n > box.length) box = Arrays.copyOf(box, 2 * box.length);
            int x0 = w, y0 = h, x1 = -1, y1 = -1, sp = 0;
            stack[sp++] = start;
            label[start] = n;
            while (sp > 0) {
                int p = stack[--sp], x = p % w, y = p / w;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) continue;
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= w) continue;
                        int q = yy * w + xx;
                        if (m[q] != 0 && label[q] == 0) {
                            label[q] = n;
                            stack[sp++] = q;
                        }
                    }
                }
            }
            int b = 5 * (n - 1);
            box[b] = Math.max(0, x0 - 1);
            box[b + 1] = Math.max(0, y0 - 1);
            box[b + 2] = Math.min(w - 1, x1 + 1);
            box[b + 3] = Math.min(h - 1, y1 + 1);
            // the sides where the particle stays off the crop's edge (its box has the background ring there)
            box[b + 4] = (x1 < w - 1 ? RIGHT : 0) | (x0 > 0 ? LEFT : 0) | (y1 < h - 1 ? BOTTOM : 0) | (y0 > 0 ? TOP : 0);
        }
        if (n == 0) return;
        for (int k = 0; k < n; k++) {
            if (box[5 * k + 4] == 0) { // a particle reaching all four edges: no side for the extra column
                new EDM().toWatershed(mask);
                return;
            }
        }
        // particles clear of every edge are packed side by side into strips (fewer, larger calls; the
        // strip's background keeps them apart as the crop did), tallest first; the others get a box each
        List<int[]> groups = new ArrayList<>(); // {width, height, members..., } members as {particle, x offset}
        Integer[] inner = new Integer[n];
        int ni = 0;
        for (int k = 0; k < n; k++) {
            if (box[5 * k + 4] == ALL) inner[ni++] = k;
            else groups.add(new int[] {box[5 * k + 2] - box[5 * k] + 1, box[5 * k + 3] - box[5 * k + 1] + 1, k, 0});
        }
        Integer[] byHeight = Arrays.copyOf(inner, ni);
        int[] bx = box;
        Arrays.sort(byHeight, (a, b) -> Integer.compare(bx[5 * b + 3] - bx[5 * b + 1], bx[5 * a + 3] - bx[5 * a + 1]));
        int[] strip = null;
        for (int k : byHeight) {
            int bw = box[5 * k + 2] - box[5 * k] + 1, bh = box[5 * k + 3] - box[5 * k + 1] + 1;
            if (strip == null || strip[0] + bw > STRIP_WIDTH) {
                strip = new int[] {0, bh};
                groups.add(strip);
            }
            strip = Arrays.copyOf(strip, strip.length + 2);
            strip[strip.length - 2] = k;
            strip[strip.length - 1] = strip[0];
            strip[0] += bw;
            groups.set(groups.size() - 1, strip);
        }
        // each group's distance map, and the crop's highest distance
        float[][] edms = new float[groups.size()][];
        float top = 0;
        EDM edm = new EDM();
        for (int g = 0; g < groups.size(); g++) {
            int[] gr = groups.get(g);
            int gw = gr[0], gh = gr[1];
            ByteProcessor b = new ByteProcessor(gw, gh);
            byte[] bp = (byte[]) b.getPixels();
            for (int j = 2; j < gr.length; j += 2) {
                int k = gr[j], ox = gr[j + 1], bx0 = box[5 * k], by0 = box[5 * k + 1], bw = box[5 * k + 2] - bx0 + 1, bh = box[5 * k + 3] - by0 + 1;
                for (int y = 0; y < bh; y++)
                    for (int x = 0; x < bw; x++) if (label[(by0 + y) * w + bx0 + x] == k + 1) bp[y * gw + ox + x] = (byte) 255;
            }
            float[] d = (float[]) edm.makeFloatEDM(b, 0, false).getPixels();
            for (float v : d) top = Math.max(top, v);
            edms[g] = d;
        }
        for (int g = 0; g < groups.size(); g++) {
            int[] gr = groups.get(g);
            int gw = gr[0], gh = gr[1], free = gr.length == 4 ? box[5 * gr[2] + 4] : ALL;
            // one more column (or row) on a side where every member has its background ring, not at
            // the crop's edge (findMaxima treats a particle at the image's edge differently): the
            // crop's highest distance in one of its pixels
            boolean right = (free & RIGHT) != 0, left = (free & LEFT) != 0, bottom = (free & BOTTOM) != 0;
            int ew = right || left ? gw + 1 : gw, eh = right || left ? gh : gh + 1;
            int ox = !right && left ? 1 : 0, oy = !right && !left && !bottom ? 1 : 0;
            float[] d = new float[ew * eh];
            for (int y = 0; y < gh; y++) System.arraycopy(edms[g], y * gw, d, (y + oy) * ew + ox, gw);
            d[right ? gw : left ? 0 : bottom ? gh * ew : 0] = top;
            edms[g] = null;
            // a fresh finder per call: one keeps neighbour offsets of the first image's width
            ByteProcessor seg = new MaximumFinder().findMaxima(new FloatProcessor(ew, eh, d), TOLERANCE, ImageProcessor.NO_THRESHOLD,
                    MaximumFinder.SEGMENTED, false, true);
            if (seg == null) continue;
            byte[] sp = (byte[]) seg.getPixels();
            for (int j = 2; j < gr.length; j += 2) {
                int k = gr[j], gx = gr[j + 1], bx0 = box[5 * k], by0 = box[5 * k + 1], bw = box[5 * k + 2] - bx0 + 1, bh = box[5 * k + 3] - by0 + 1;
                for (int y = 0; y < bh; y++) {
                    for (int x = 0; x < bw; x++) {
                        int p = (by0 + y) * w + bx0 + x;
                        if (label[p] == k + 1 && sp[(y + oy) * ew + gx + x + ox] == 0) m[p] = 0;
                    }
                }
            }
        }
    }
}
