package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** FastRollingBall must give ImageJ's rolling-ball result bit for bit. */
class FastRollingBallTest {

    @Test
    void agreesWithImageJOnTheClassPath() {
        assertTrue(FastRollingBall.AGREES_WITH_IMAGEJ, "every call would fall back to ImageJ");
        assertTrue(FastRollingBall.selfCheck(), "the check another ImageJ release gets at class loading fails on this one");
        // the release trusted without that check is the one these tests verify
        assertEquals(FastRollingBall.VERIFIED_IMAGEJ, ij.IJ.getVersion(),
                "ImageJ was changed in the pom: when the bit-identity tests below pass with it, set VERIFIED_IMAGEJ to its version");
    }

    /** Sizes (odd, even, thin, tiny) x radii across every shrink factor (1, 2, 4, 8) and the ball's edge cases. */
    @Test
    void bitIdenticalToImageJOnRandomImages() {
        Random rnd = new Random(42);
        int[][] sizes = {{1, 1}, {2, 3}, {3, 2}, {5, 7}, {8, 8}, {17, 9}, {33, 64}, {64, 33}, {101, 77}, {150, 149}, {257, 130}};
        double[] radii = {0.5, 1, 2.5, 8, 10, 10.5, 15, 25.3, 30, 31, 50, 99, 100, 101, 180};
        int n = 0;
        for (int[] s : sizes) {
            for (double r : radii) {
                int w = s[0], h = s[1];
                float[] px = image(rnd, w, h, n % 3);
                float[] before = px.clone();
                float[] want;
                try {
                    want = FastRollingBall.imagej(px, w, h, r);
                } catch (RuntimeException e) { // ImageJ cannot interpolate a background shrunk to 1 pixel: same failure here
                    Class<? extends RuntimeException> type = e.getClass();
                    org.junit.jupiter.api.Assertions.assertThrows(type, () -> FastRollingBall.subtracted(px, w, h, r), w + "x" + h + " r=" + r);
                    n++;
                    continue;
                }
                assertBitsEqual(want, FastRollingBall.subtracted(px, w, h, r), w + "x" + h + " r=" + r);
                assertBitsEqual(before, px, "input unchanged");
                n++;
            }
        }
    }

    /** The background itself (ImageJ's "create background", as the blot command's rolling_ball uses it), bit for bit. */
    @Test
    void backgroundBitIdenticalToImageJ() {
        Random rnd = new Random(5);
        for (double r : new double[] {2.5, 12, 45, 130}) {
            for (int[] s : new int[][] {{40, 31}, {97, 120}, {220, 180}}) {
                float[] px = image(rnd, s[0], s[1], 2);
                assertBitsEqual(FastRollingBall.imagej(px, s[0], s[1], r, true), FastRollingBall.background(px, s[0], s[1], r), s[0] + "x" + s[1] + " r=" + r);
            }
        }
    }

    /** The fast path itself (not a fallback) on the sizes where it applies. */
    @Test
    void fastPathItselfMatches() {
        Random rnd = new Random(3);
        for (double r : new double[] {3, 12, 45, 130}) {
            for (int[] s : new int[][] {{40, 31}, {97, 120}, {220, 180}}) {
                float[] px = image(rnd, s[0], s[1], 1);
                assertBitsEqual(FastRollingBall.imagej(px, s[0], s[1], r), FastRollingBall.fast(px, s[0], s[1], new FastRollingBall.Ball(r)), s[0] + "x" + s[1] + " r=" + r);
            }
        }
    }

    /**
     * In bands of rows on several threads: the same bits as ImageJ on every shrink factor, with bands thinner than
     * the ball (so each band erodes rows of its neighbours) and more threads than rows.
     */
    @Test
    void bandsOnSeveralThreadsGiveImageJsBits() {
        Random rnd = new Random(11);
        for (double r : new double[] {3, 12, 45, 130}) {
            for (int[] s : new int[][] {{40, 31}, {97, 120}, {220, 180}, {301, 17}, {23, 260}}) {
                float[] px = image(rnd, s[0], s[1], 1);
                float[] want;
                try {
                    want = FastRollingBall.imagej(px, s[0], s[1], r);
                } catch (RuntimeException e) { // too small for ImageJ's interpolation
                    continue;
                }
                for (int threads : new int[] {2, 3, 5, 64})
                    assertBitsEqual(want, FastRollingBall.subtracted(px, s[0], s[1], r, threads), s[0] + "x" + s[1] + " r=" + r + " on " + threads + " threads");
            }
        }
    }

    /** Into a caller's array holding other values (every shrink factor): ImageJ's bits in that array. */
    @Test
    void intoAnUsedArrayGivesImageJsBits() {
        Random rnd = new Random(13);
        for (double r : new double[] {3, 12, 45, 130}) {
            for (int[] s : new int[][] {{97, 120}, {220, 180}}) {
                float[] px = image(rnd, s[0], s[1], 1);
                float[] want = FastRollingBall.imagej(px, s[0], s[1], r);
                for (int threads : new int[] {1, 2}) {
                    float[] into = image(rnd, s[0], s[1], 0);
                    into[0] = Float.NaN;
                    float[] got = FastRollingBall.subtracted(px, s[0], s[1], r, threads, into);
                    assertTrue(got == into, "the array given");
                    assertBitsEqual(want, got, s[0] + "x" + s[1] + " r=" + r + " on " + threads + " threads");
                }
            }
        }
        float[] px = image(rnd, 10, 10, 0);
        assertThrows(IllegalArgumentException.class, () -> FastRollingBall.subtracted(px, 10, 10, 5, 1, px));
        assertThrows(IllegalArgumentException.class, () -> FastRollingBall.subtracted(px, 10, 10, 5, 1, new float[99]));
    }

    /** NaN, infinities, -0.0 and denormals make min/max order-dependent: those inputs go to ImageJ and still agree. */
    @Test
    void specialValuesFallBackToImageJ() {
        Random rnd = new Random(5);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (float sp : specials) {
            float[] px = image(rnd, 60, 45, 0);
            px[rnd.nextInt(px.length)] = sp;
            px[0] = sp;
            float[] want = FastRollingBall.imagej(px, 60, 45, 12), got = FastRollingBall.subtracted(px, 60, 45, 12);
            assertBitsEqual(want, got, "special " + sp);
        }
    }

    /** 0: noise; 1: smooth background + spots + noise (like a well); 2: integers with many ties (an 8-bit image). */
    private static float[] image(Random rnd, int w, int h, int kind) {
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = switch (kind) {
                    case 0 -> 1000 * rnd.nextGaussian();
                    case 1 -> 80 + 0.3 * x - 0.2 * y + 5 * rnd.nextGaussian() + (rnd.nextInt(40) == 0 ? 60 : 0);
                    default -> rnd.nextInt(8);
                };
                px[y * w + x] = (float) v;
            }
        }
        return px;
    }

    private static void assertBitsEqual(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++)
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i]))
                throw new AssertionError(what + ": pixel " + i + " ImageJ " + want[i] + " fast " + got[i]);
    }
}
