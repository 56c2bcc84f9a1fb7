package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;

/**
 * Two membranes of one gel imaged one above the other (athenaz2 April22 B2AR GAPDH): the lower row's
 * touching bands meet in clear dips and get their 9 lanes; the upper row's bands meet in dips shallower
 * than the bumps on their tops, alternately stronger and weaker, so its column profile's pitch is two
 * lanes and its lanes came out at twice the pitch (main: 5 lanes for 9, each box over two bands). Both
 * rows share the comb, so the upper row gets the lower row's pitch.
 */
class SharedCombTest {
    static final int W = 760, H = 400, LANES = 9, BG = 800;
    static final double PITCH = 60, FIRST = 140, SIGMA_Y = 9, SHIFT = 0.7 * PITCH;
    static final double[] ROWS = {100, 300};

    @Test
    void aRowOfTouchingBandsAtTwiceThePitchTakesTheOtherMembranesComb() {
        for (long seed = 1; seed <= 2; seed++) {
            BlotResult r = BlotQuantifier.quantify(new Raster(W, H, model(seed), 65535), new BlotOptions());
            for (int strip = 1; strip <= 2; strip++) {
                final int k = strip;
                List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == k).toList();
                assertEquals(LANES, lanes.size(), "seed " + seed + " strip " + strip + ": " + lanes);
                double first = FIRST + (strip == 2 ? SHIFT : 0);
                List<Band> found = r.bands().stream().filter(b -> b.strip() == k && b.detected()).toList();
                for (Band b : found) {
                    double centre = first + (b.lane() - 1) * PITCH;
                    assertTrue(Math.abs(b.x() + b.width() / 2.0 - centre) < 0.2 * PITCH && b.width() < 1.3 * PITCH,
                            "seed " + seed + " strip " + strip + " lane " + b.lane() + ": boxed " + b.x() + "+" + b.width() + ", its band at " + centre);
                }
                assertEquals(LANES, found.size(), "seed " + seed + " strip " + strip + ": " + found);
            }
        }
    }

    /**
     * Flat slabs one pitch wide with soft sides, Gaussian along the lane. Lower row (shifted right by
     * SHIFT): sides at 0.47 pitch, a dip of about a third where two meet. Upper row: sides at 0.5 pitch
     * (no dip of their own), a dip of 5 % carved at each border, loads alternating 1 : 0.8 and a bump a
     * tenth as high on each band's top.
     */
    static float[] model(long seed) {
        Random rnd = new Random(seed);
        double[] lower = new double[LANES], upper = new double[LANES], bump = new double[LANES];
        for (int i = 0; i < LANES; i++) {
            lower[i] = 4000 + 3000 * rnd.nextDouble();
            upper[i] = (i % 2 == 0 ? 6000 : 4800) * (0.95 + 0.1 * rnd.nextDouble());
            bump[i] = FIRST + i * PITCH + (rnd.nextDouble() - 0.5) * 0.4 * PITCH;
        }
        float[] px = new float[W * H];
        for (int y = 0; y < H; y++) {
            double a0 = Math.exp(-0.5 * Math.pow((y - ROWS[0]) / SIGMA_Y, 2)), a1 = Math.exp(-0.5 * Math.pow((y - ROWS[1]) / SIGMA_Y, 2));
            for (int x = 0; x < W; x++) {
                double v = BG;
                for (int i = 0; i < LANES; i++) {
                    double c = FIRST + i * PITCH;
                    double across = 1 / (1 + Math.exp((Math.abs(x - c) - 0.5 * PITCH) / 2.5));
                    double dip = 1 - 0.05 * Math.exp(-0.5 * Math.pow((Math.abs(x - c) - 0.5 * PITCH) / 3, 2));
                    v += upper[i] * a0 * (across * dip + 0.1 * Math.exp(-0.5 * Math.pow((x - bump[i]) / 4, 2)) * (across > 0.5 ? 1 : 0));
                    v += lower[i] * a1 / (1 + Math.exp((Math.abs(x - c - SHIFT) - 0.47 * PITCH) / 2.5));
                }
                px[y * W + x] = (float) (v + 20 * rnd.nextGaussian());
            }
        }
        return px;
    }
}
