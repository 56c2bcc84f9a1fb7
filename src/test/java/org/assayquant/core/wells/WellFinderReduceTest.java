package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;

/** The finder's shortcuts: reduced copy (ImageJ's full blur + resize bit for bit) and ring search over edges (every edge a full scan finds, in scan order). */
class WellFinderReduceTest {

    @Test
    void sameAsFullBlurThenResize() {
        Random rnd = new Random(4);
        int[][] sizes = {{401, 300}, {1000, 1000}, {1237, 811}, {811, 1237}, {2600, 1900}, {4000, 3000}};
        for (int[] s : sizes) {
            int w = s[0], h = s[1];
            float[] px = new float[w * h];
            for (int i = 0; i < px.length; i++) px[i] = (float) (120 + 40 * Math.sin(i % w * 0.05) + 15 * rnd.nextGaussian());
            assertReducedAsImageJ(PlateImage.gray(new Raster(w, h, px, 255)), px, w + "x" + h + " gray");
        }
        // an RGB photo: the finder's gray is the channels' mean, summed as r/3 + g/3 + b/3 into a zeroed array
        for (int[] s : new int[][] {{1237, 811}, {4000, 3000}}) {
            int w = s[0], h = s[1];
            int[] rgb = new int[w * h];
            float[] mean = new float[w * h];
            for (int i = 0; i < rgb.length; i++) {
                int r = rnd.nextInt(256), g = (int) (128 + 60 * Math.sin(i % w * 0.03)) + rnd.nextInt(40), b = rnd.nextInt(256);
                rgb[i] = 0xff000000 | r << 16 | g << 8 | b;
                for (int c : new int[] {r, g, b}) mean[i] += (float) c / 3;
            }
            assertReducedAsImageJ(PlateImage.rgb(w, h, rgb), mean, w + "x" + h + " RGB");
        }
    }

    /** WellFinder.reduced against ImageJ's full blur, bilinear resize and blur of the gray pixels, bit for bit. */
    private static void assertReducedAsImageJ(PlateImage img, float[] gray, String what) {
        int w = img.width, h = img.height;
        double scale = Math.min(1.0, 400 / (double) Math.max(w, h));
        FloatProcessor want = new FloatProcessor(w, h, gray.clone());
        want.setInterpolationMethod(ImageProcessor.BILINEAR);
        new GaussianBlur().blurGaussian(want, 0.5 / scale, 0.5 / scale, 0.01);
        want = (FloatProcessor) want.resize((int) Math.round(w * scale), (int) Math.round(h * scale));
        new GaussianBlur().blurGaussian(want, 1.5, 1.5, 0.01);
        FloatProcessor got = WellFinder.reduced(img, scale);
        float[] a = (float[]) want.getPixels(), b = (float[]) got.getPixels();
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), what + " pixel " + i);
    }

    /** The square-root-free pre-test never rejects an edge that the exact tests (ringScore's, radius()'s, sharpest()'s) would keep. */
    @Test
    void preTestNeverContradictsTheExactTests() {
        Random rnd = new Random(12);
        int rejected = 0;
        for (int q = 0; q < 2_000_000; q++) {
            double dx = (rnd.nextDouble() - 0.5) * 600, dy = (rnd.nextDouble() - 0.5) * 600;
            if (q % 4 == 0) dx = Math.rint(dx) + 0.5 * rnd.nextInt(3); // pixel and half-pixel offsets, as centres give
            double a = rnd.nextDouble() * 2 * Math.PI;
            float ux = (float) Math.cos(a), uy = (float) Math.sin(a);
            double d = Math.sqrt(dx * dx + dy * dy), dot = dx * ux + dy * uy;
            int r0 = rnd.nextInt(200), r1 = r0 + rnd.nextInt(150);
            if (q % 8 == 1 || q % 8 == 3) { // on the boundaries themselves: whole (ringScore) and half pixels (radius, sharpest)
                double t = q % 8 == 1 ? (rnd.nextBoolean() ? r0 : r1) : (rnd.nextBoolean() ? r0 - 0.5 : r0 + 12.5), s = t / Math.max(d, 1e-9);
                dx *= s;
                dy *= s;
                d = Math.sqrt(dx * dx + dy * dy);
                dot = dx * ux + dy * uy;
            }
            if (WellFinder.surelyOff(dx, dy, ux, uy, r0, r1, 0.9)) {
                rejected++;
                assertTrue(d < r0 || d > r1 || Math.abs(dot) < 0.95 * d, "ringScore would keep " + dx + "," + dy);
            }
            if (WellFinder.surelyOff(dx, dy, ux, uy, r0 - 0.5, r1 + 0.5, 0.8))
                assertTrue(d < r0 - 0.5 || d > r1 + 0.5 || Math.abs(dot / d) < 0.9, "radius() would keep " + dx + "," + dy);
            long bin = Math.round(d) - r0; // sharpest(): 13 one-pixel bins from r0
            if (WellFinder.surelyOff(dx, dy, ux, uy, r0 - 0.5, r0 + 12.5, 0.9))
                assertTrue(bin < 0 || bin >= 13 || Math.abs(dot / d) < 0.95, "sharpest() would keep " + dx + "," + dy);
        }
        assertTrue(rejected > 1_000_000, "the pre-test settles most edges: " + rejected);
    }

    @Test
    void ringSearchFindsEveryEdgeOfAFullScanInOrder() {
        Random rnd = new Random(8);
        int w = 400, h = 300;
        java.util.List<int[]> pts = new java.util.ArrayList<>();
        for (int y = 1; y < h - 1; y++) for (int x = 1; x < w - 1; x++) if (rnd.nextInt(12) == 0) pts.add(new int[] {x, y});
        int[] ex = pts.stream().mapToInt(p -> p[0]).toArray(), ey = pts.stream().mapToInt(p -> p[1]).toArray();
        WellFinder.Grid g = new WellFinder.Grid(ex, ey);
        for (int q = 0; q < 300; q++) {
            double cx = rnd.nextDouble() * 500 - 50, cy = rnd.nextDouble() * 400 - 50;
            double lo = rnd.nextInt(4) == 0 ? -3 : rnd.nextDouble() * 150, hi = lo + rnd.nextDouble() * 120;
            int[] got = g.near(cx, cy, lo - 1, hi + 1); // the margin Edges.near adds
            for (int i = 1; i < got.length; i++) org.junit.jupiter.api.Assertions.assertTrue(got[i] > got[i - 1], "ascending");
            java.util.Set<Integer> found = new java.util.HashSet<>();
            for (int k : got) found.add(k);
            for (int k = 0; k < ex.length; k++) {
                double d = Math.hypot(ex[k] - cx, ey[k] - cy);
                if (d >= lo && d <= hi) org.junit.jupiter.api.Assertions.assertTrue(found.contains(k), "edge " + k + " at " + d + " in [" + lo + ", " + hi + "]");
            }
        }
    }
}
