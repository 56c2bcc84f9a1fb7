package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

/**
 * Synthetic rows of touching bands (a loading control across a membrane's lanes) for the strip and lane tests:
 * each band a slab across the lane (its shape from {@link Across}), Gaussian along it, amplitudes 4000-7000 over a
 * background of 800 with pixel noise of 20.
 */
final class TouchingRows {
    static final int BG = 800;

    private TouchingRows() {}

    /** A band's profile across its lane (0-1) at column x: row and lane 0-based. */
    interface Across {
        double at(int row, int lane, double x);
    }

    /** The lanes found are the drawn ones: lanes centres, each within 0.15 of a pitch of first + i x pitch. */
    static void assertOnComb(double[] centres, int lanes, double first, double pitch) {
        assertEquals(lanes, centres.length, Arrays.toString(centres));
        for (int i = 0; i < lanes; i++)
            assertTrue(Math.abs(centres[i] - (first + i * pitch)) < 0.15 * pitch, "lane " + (i + 1) + " at " + centres[i]);
    }

    /** A slab over [left, right] with soft sides (a dip where two meet). */
    static double slab(double x, double left, double right) {
        return 1 / (1 + Math.exp(Math.max(left - x, x - right) / 2.5));
    }

    /** A w x h image of rows of lanes bands each, row k centred at rows[k], sigmaY along the lane. */
    static float[] render(int w, int h, double[] rows, double sigmaY, int lanes, long seed, Across across) {
        Random rnd = new Random(seed);
        double[][] amp = new double[rows.length][lanes];
        for (double[] a : amp) for (int i = 0; i < lanes; i++) a[i] = 4000 + 3000 * rnd.nextDouble();
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = BG;
                for (int row = 0; row < rows.length; row++) {
                    double along = Math.exp(-0.5 * Math.pow((y - rows[row]) / sigmaY, 2));
                    if (along < 1e-6) continue;
                    for (int i = 0; i < lanes; i++) v += amp[row][i] * along * across.at(row, i, x);
                }
                px[y * w + x] = (float) (v + 20 * rnd.nextGaussian());
            }
        }
        return px;
    }
}
