package org.assayquant.core;

import java.util.Random;

import ij.plugin.filter.BackgroundSubtracter;
import ij.process.FloatProcessor;

/**
 * ImageJ's rolling-ball background subtraction ({@code BackgroundSubtracter.rollingBallBackground}
 * on a float image: dark background, no paraboloid, presmoothing on), bit for bit, about an order
 * of magnitude faster.
 *
 * <p>ImageJ rolls the ball patch over every position and for each one scans the whole patch twice
 * (O(width x height x patch²)). The background is a grey opening: an erosion (the ball's height at
 * each position: the minimum of pixel - patch) and a dilation (each pixel: the maximum of height +
 * patch). The patch's row {@code dy} equals its row {@code -dy}, so each image row is eroded once
 * per row offset |dy| with a 1-D kernel and the 2-D minimum is the minimum over the rows of those;
 * the dilation likewise. Every value is computed by the same single float operation as ImageJ's
 * ({@code pixel - patch}, {@code height + patch}) and only minima and maxima of them are taken, so
 * the order does not matter and the result is identical. The shrinking, 3x3 smoothing and
 * interpolation are ImageJ's code, copied.
 *
 * <p>Min/max are order-independent only without NaN and -0.0 (and denormals, which can round to
 * -0.0): inputs holding them, and images too small for ImageJ's interpolation, go to ImageJ itself,
 * as does everything when another ImageJ release fails a check at class loading.
 */
public final class FastRollingBall {
    private FastRollingBall() {}

    /** The ImageJ release FastRollingBallTest verifies bit for bit (the pom's). */
    static final String VERIFIED_IMAGEJ = "1.54p";

    /**
     * Whether this class reproduces the ImageJ on the class path: that release, or another one (a
     * Fiji with a newer ImageJ) that passes a check on random images at class loading. Only
     * another release is checked: the check loads ImageJ's BackgroundSubtracter, ~90 ms of a
     * fresh command-line JVM.
     */
    static final boolean AGREES_WITH_IMAGEJ = VERIFIED_IMAGEJ.equals(ij.IJ.getVersion()) || selfCheck();

    /** {@code px} minus its rolling-ball background (a new array; {@code px} is not changed). */
    public static float[] subtracted(float[] px, int width, int height, double radius) {
        return subtracted(px, width, height, radius, 1);
    }

    /**
     * The same, each of its passes in bands of rows (or columns) on up to {@code threads} threads: every
     * pixel by the same float operations from the same inputs, so the same array on any number of threads.
     */
    public static float[] subtracted(float[] px, int width, int height, double radius, int threads) {
        return run(px, width, height, radius, false, threads, null);
    }

    /**
     * The same into {@code into} (an array of px's length, not px itself, whose values are not read; returned) where
     * this class computes it, else into a new array (ImageJ's path): a caller's array it no longer reads, so a pass
     * after another needs no fresh crop-sized array.
     */
    public static float[] subtracted(float[] px, int width, int height, double radius, int threads, float[] into) {
        if (into == px || into.length != px.length) throw new IllegalArgumentException("into: another array of " + px.length + " pixels");
        return run(px, width, height, radius, false, threads, into);
    }

    /** The rolling-ball background of {@code px} itself (ImageJ's "create background"; a new array). */
    public static float[] background(float[] px, int width, int height, double radius) {
        return run(px, width, height, radius, true, 1, null);
    }

    private static float[] run(float[] px, int width, int height, double radius, boolean background, int threads, float[] into) {
        if (px.length != width * height) throw new IllegalArgumentException(px.length + " pixels for " + width + "x" + height);
        Ball ball = new Ball(radius);
        if (!AGREES_WITH_IMAGEJ || !handles(px, width, height, ball)) return imagej(px, width, height, radius, background);
        return background ? fastBackground(px, width, height, ball, threads, null) : fast(px, width, height, ball, threads, into);
    }

    /** A pass over the rows (or columns) from (inclusive) to (exclusive). */
    private interface Pass {
        void run(int from, int to);
    }

    /** f over 0..n - 1 in up to {@code threads} contiguous bands, each on a thread of its own (f in one call on one thread). */
    private static void bands(int n, int threads, Pass f) {
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            f.run(0, n);
            return;
        }
        Parallel.map(t, t, "assayquant-ball", k -> {
            f.run((int) ((long) k * n / t), (int) ((long) (k + 1) * n / t));
            return null;
        });
    }

    /** ImageJ's own implementation (the reference): the background, or the image less it. */
    static float[] imagej(float[] px, int width, int height, double radius, boolean background) {
        FloatProcessor fp = new FloatProcessor(width, height, px.clone());
        new BackgroundSubtracter().rollingBallBackground(fp, radius, background, false, false, true, true);
        return (float[]) fp.getPixels();
    }

    static float[] imagej(float[] px, int width, int height, double radius) {
        return imagej(px, width, height, radius, false);
    }

    /** Inputs whose result does not depend on the order of min/max (finite and far from overflow, no -0.0, no denormals) and sizes ImageJ interpolates. */
    private static boolean handles(float[] px, int width, int height, Ball ball) {
        int s = ball.shrinkFactor;
        if (s > 1 && ((width + s - 1) / s < 2 || (height + s - 1) / s < 2)) return false; // ImageJ's interpolation needs 2 small pixels
        for (float v : px) {
            if (!(Math.abs(v) <= 1e30f)) return false; // NaN, infinities, and values whose 3x3 mean could overflow
            if (Math.abs(v) < Float.MIN_NORMAL && Float.floatToRawIntBits(v) != 0) return false; // -0.0 and denormals
        }
        return true;
    }

    static float[] fast(float[] px, int width, int height, Ball ball) {
        return fast(px, width, height, ball, 1, null);
    }

    /** Into {@code into} (null: a new array). */
    static float[] fast(float[] px, int width, int height, Ball ball, int threads, float[] into) {
        float[] bg = fastBackground(px, width, height, ball, threads, into);
        // the difference in the background's own array (the same float subtraction): a crop-sized array
        // less per call, whose fresh pages cost more than the subtraction on this command's 6-M-pixel dishes
        bands(height, threads, (y0, y1) -> {
            for (int i = y0 * width; i < y1 * width; i++) bg[i] = px[i] - bg[i];
        });
        return bg;
    }

    /** The background into {@code into} (null: a new array; its values are not read). */
    private static float[] fastBackground(float[] px, int width, int height, Ball ball, int threads, float[] into) {
        int s = ball.shrinkFactor;
        float[] bg = s > 1 && into != null ? into : new float[px.length];
        // ImageJ's 3x3 mean: a 3-point mean along each row, then along each column
        bands(height, threads, (y0, y1) -> {
            System.arraycopy(px, y0 * width, bg, y0 * width, (y1 - y0) * width);
            for (int y = y0; y < y1; y++) filter3Mean(bg, width, y * width, 1);
        });
        bands(width, threads, (x0, x1) -> {
            for (int x = x0; x < x1; x++) filter3Mean(bg, height, x, width);
        });
        if (s > 1) {
            int sw = (width + s - 1) / s, sh = (height + s - 1) / s;
            float[] shrunk = new float[sw * sh];
            bands(sh, threads, (y0, y1) -> shrink(bg, width, height, s, shrunk, sw, y0, y1));
            float[] small = new float[sw * sh];
            bands(sh, threads, (y0, y1) -> roll(ball, shrunk, sw, sh, small, y0, y1));
            enlarge(small, sw, sh, bg, width, height, s, threads);
            return bg;
        }
        float[] out = into != null ? into : new float[px.length];
        bands(height, threads, (y0, y1) -> roll(ball, bg, width, height, out, y0, y1));
        return out;
    }

    /**
     * The opening of {@code f} by the ball patch (ImageJ's rollBall). Positions of the ball centre
     * run over the image extended by r on each side (index xe = x + r, ye = y + r). One pass down
     * the rows with ring buffers of the last 2r + 1 rows (a few hundred KB, not tens of MB per well).
     * The inner loops read and write the same index of different row arrays: that is what the JIT
     * vectorizes (a shifted index into a possibly aliased array it does not), hence the shifted
     * row copies. Rows y0 to y1 (exclusive) of the opening into {@code out}: they need the image rows
     * 2r above and below them, which a band erodes again (so bands give the whole pass's values).
     */
    private static void roll(Ball ball, float[] f, int w, int h, float[] out, int y0, int y1) {
        int bw = ball.width, r = bw / 2, ew = w + 2 * r, eh = h + 2 * r;
        float[] k = ball.data;
        // e[a][row % bw][xe]: min over the patch row r+a (= row r-a) of f(row, xp = xe + b - 2r) - k(b), xp in the image
        float[][][] e = new float[r + 1][bw][ew];
        // g[a][ye % bw][xp]: max over the patch row r+a of z(xe = xp + 2r - b, ye) + k(b)
        float[][][] g = new float[r + 1][bw][w];
        float[] padded = new float[w + 4 * r], shifted = new float[Math.max(ew, w)], z = new float[ew], line = new float[w];
        java.util.Arrays.fill(padded, Float.POSITIVE_INFINITY); // outside the image: never the minimum (inputs are finite)
        // z and g rows from y0 on (output row yp reads g rows yp..yp + 2r, z row ye the image rows ye - 2r..ye)
        for (int ye = Math.max(0, y0 - 2 * r), end = Math.min(eh, y1 + 2 * r); ye < end; ye++) {
            if (ye < h) { // erode image row ye with every patch row
                int row = ye;
                System.arraycopy(f, row * w, padded, 2 * r, w);
                for (int a = 0; a <= r; a++) java.util.Arrays.fill(e[a][row % bw], Float.MAX_VALUE);
                for (int b = 0; b < bw; b++) {
                    System.arraycopy(padded, b, shifted, 0, ew);
                    for (int a = 0; a <= r; a++) {
                        float kv = k[(r + a) * bw + b];
                        float[] er = e[a][row % bw];
                        minMinus(er, shifted, kv, ew);
                    }
                }
            }
            if (ye < y0) continue;
            // z(., ye): the ball's height, min over the patch rows dy of e[|dy|](row = ye - r + dy) in the image
            java.util.Arrays.fill(z, Float.MAX_VALUE);
            for (int dy = -r; dy <= r; dy++) {
                int row = ye - r + dy;
                if (row < 0 || row >= h) continue;
                float[] er = e[Math.abs(dy)][row % bw];
                minOf(z, er, ew);
            }
            // dilate z row ye with every patch row
            for (int a = 0; a <= r; a++) java.util.Arrays.fill(g[a][ye % bw], -Float.MAX_VALUE);
            for (int b = 0; b < bw; b++) {
                System.arraycopy(z, 2 * r - b, shifted, 0, w);
                for (int a = 0; a <= r; a++) {
                    float kv = k[(r + a) * bw + b];
                    float[] gr = g[a][ye % bw];
                    maxPlus(gr, shifted, kv, w);
                }
            }
            // background row yp = ye - 2r: max over dy of g[|dy|](ye' = yp - dy + r), all of which are done now
            int yp = ye - 2 * r;
            if (yp < y0 || yp >= y1) continue;
            java.util.Arrays.fill(line, -Float.MAX_VALUE);
            for (int dy = -r; dy <= r; dy++) {
                float[] gr = g[Math.abs(dy)][(yp - dy + r) % bw];
                maxOf(line, gr, w);
            }
            System.arraycopy(line, 0, out, yp * w, w);
        }
    }

    // The row loops are methods of their own: a fresh JVM compiles such small methods within
    // milliseconds, where the whole of roll() waited ~100 ms for an on-stack replacement (the
    // command line's start-up). Same float operations as inline. A comparison instead of
    // Math.min/max: the same value for the inputs handled here (no NaN, no -0.0, see the class
    // comment), without Math.min's NaN and signed-zero tests, which the C1 compiler of a
    // one-input command line (cli/QuickCompile) keeps in the loop; and a store only when the
    // value changes.

    private static void minMinus(float[] acc, float[] row, float k, int n) {
        for (int i = 0; i < n; i++) {
            float v = row[i] - k;
            if (v < acc[i]) acc[i] = v;
        }
    }

    private static void minOf(float[] acc, float[] row, int n) {
        for (int i = 0; i < n; i++) if (row[i] < acc[i]) acc[i] = row[i];
    }

    private static void maxPlus(float[] acc, float[] row, float k, int n) {
        for (int i = 0; i < n; i++) {
            float v = row[i] + k;
            if (v > acc[i]) acc[i] = v;
        }
    }

    private static void maxOf(float[] acc, float[] row, int n) {
        for (int i = 0; i < n; i++) if (row[i] > acc[i]) acc[i] = row[i];
    }

    /** ImageJ's patch of the ball and shrink factor (class RollingBall of BackgroundSubtracter). */
    static final class Ball {
        final float[] data;
        final int width, shrinkFactor;

        Ball(double radius) {
            int arcTrimPer;
            if (radius <= 10) {
                shrinkFactor = 1;
                arcTrimPer = 24;
            } else if (radius <= 30) {
                shrinkFactor = 2;
                arcTrimPer = 24;
            } else if (radius <= 100) {
                shrinkFactor = 4;
                arcTrimPer = 32;
            } else {
                shrinkFactor = 8;
                arcTrimPer = 40;
            }
            double small = Math.max(1, radius / shrinkFactor), rsquare = small * small;
            int xtrim = (int) (arcTrimPer * small) / 100;
            int half = (int) Math.round(small - xtrim);
            width = 2 * half + 1;
            data = new float[width * width];
            for (int y = 0, p = 0; y < width; y++) {
                for (int x = 0; x < width; x++, p++) {
                    int xval = x - half, yval = y - half;
                    double temp = rsquare - xval * xval - yval * yval;
                    data[p] = temp > 0. ? (float) Math.sqrt(temp) : 0f;
                }
            }
        }
    }

    // ---- copied from ImageJ 1.54p BackgroundSubtracter (same float operations in the same order) ----

    private static void filter3x3Mean(float[] px, int width, int height) {
        for (int y = 0; y < height; y++) filter3Mean(px, width, y * width, 1);
        for (int x = 0; x < width; x++) filter3Mean(px, height, x, width);
    }

    private static void filter3Mean(float[] px, int length, int pixel0, int inc) {
        float v3 = px[pixel0], v2 = v3, v1;
        for (int i = 0, p = pixel0; i < length; i++, p += inc) {
            v1 = v2;
            v2 = v3;
            if (i < length - 1) v3 = px[p + inc];
            px[p] = (v1 + v2 + v3) * 0.33333333f;
        }
    }

    /** Rows ys0 to ys1 (exclusive) of the shrunk image into {@code small}. */
    private static void shrink(float[] px, int width, int height, int s, float[] small, int sw, int ys0, int ys1) {
        for (int ys = ys0; ys < ys1; ys++) {
            for (int xs = 0; xs < sw; xs++) {
                float min = Float.MAX_VALUE;
                for (int j = 0, y = s * ys; j < s && y < height; j++, y++)
                    for (int k = 0, x = s * xs; k < s && x < width; k++, x++)
                        if (px[x + y * width] < min) min = px[x + y * width];
                small[xs + ys * sw] = min;
            }
        }
    }

    private static void enlarge(float[] small, int sw, int sh, float[] px, int width, int height, int s, int threads) {
        int[] xi = new int[width], yi = new int[height];
        float[] xw = new float[width], yw = new float[height];
        interpolationArrays(xi, xw, width, sw, s);
        interpolationArrays(yi, yw, height, sh, s);
        bands(height, threads, (y0, y1) -> enlarge(small, sw, px, width, xi, xw, yi, yw, y0, y1));
    }

    /**
     * Rows y0 to y1 (exclusive) of ImageJ's enlargeImage. Its two interpolated small rows at row y are
     * small rows yi[y] and yi[y] + 1 (yi starts at 0 and grows by at most 1 a row), so a band starts with
     * those two, made by the same float operations as ImageJ's pass down from row 0.
     */
    private static void enlarge(float[] small, int sw, float[] px, int width, int[] xi, float[] xw, int[] yi, float[] yw, int y0, int y1) {
        if (y0 >= y1) return;
        float[] line0 = new float[width], line1 = new float[width];
        int ySmallLine0 = yi[y0];
        for (int x = 0, sy = ySmallLine0 * sw; x < width; x++) line0[x] = small[sy + xi[x]] * xw[x] + small[sy + xi[x] + 1] * (1f - xw[x]);
        for (int x = 0, sy = (ySmallLine0 + 1) * sw; x < width; x++) line1[x] = small[sy + xi[x]] * xw[x] + small[sy + xi[x] + 1] * (1f - xw[x]);
        for (int y = y0; y < y1; y++) {
            if (ySmallLine0 < yi[y]) {
                float[] swap = line0;
                line0 = line1;
                line1 = swap;
                ySmallLine0++;
                int sy = (yi[y] + 1) * sw;
                for (int x = 0; x < width; x++) line1[x] = small[sy + xi[x]] * xw[x] + small[sy + xi[x] + 1] * (1f - xw[x]);
            }
            float weight = yw[y];
            for (int x = 0, p = y * width; x < width; x++, p++) px[p] = line0[x] * weight + line1[x] * (1f - weight);
        }
    }

    private static void interpolationArrays(int[] idx, float[] weights, int length, int smallLength, int s) {
        for (int i = 0; i < length; i++) {
            int si = (i - s / 2) / s;
            if (si >= smallLength - 1) si = smallLength - 2;
            idx[i] = si;
            float distance = (i + 0.5f) / s - (si + 0.5f);
            weights[i] = 1f - distance;
        }
    }

    /** This class against the ImageJ on the class path, on a few random images and radii (a few ms). */
    static boolean selfCheck() {
        try {
            Random rnd = new Random(7);
            int[][] cases = {{37, 29, 5}, {61, 45, 12}, {90, 70, 40}, {50, 50, 120}};
            for (int[] c : cases) {
                int w = c[0], h = c[1];
                float[] px = new float[w * h];
                for (int i = 0; i < px.length; i++) px[i] = (float) (100 + 30 * rnd.nextGaussian() + (i % w) * 0.7);
                float[] want = imagej(px, w, h, c[2]), got = fast(px, w, h, new Ball(c[2]));
                for (int i = 0; i < want.length; i++) if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) return false;
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
