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
 * touching bands meet in clear dips and get their 9 lanes; the upper row's bands show no comb of dips
 * (April22: shallower than the bumps on their tops; here none, the loads alternately stronger and weaker),
 * its column profile's pitch is two lanes and its lanes came out at twice the pitch (main: 5 lanes for 9, each box over two bands). Both
 * rows share the comb, so the upper row gets the lower row's pitch (main: 5 lanes 120 px wide).
 */
class SharedCombTest {
    static final int W = 760, H = 400, LANES = 9, BG = 800;
    static final double PITCH = 60, FIRST = 140, SIGMA_Y = 9, SHIFT = 0.7 * PITCH;
    static final double[] ROWS = {100, 300};

    @Test
    void aRowOfTouchingBandsAtTwiceThePitchTakesTheOtherMembranesComb() {
        for (long seed = 1; seed <= 1; seed++) {
            BlotResult r = BlotQuantifier.quantify(new Raster(W, H, model(seed), 65535), new BlotOptions());
            for (int strip = 1; strip <= 2; strip++) {
                final int k = strip;
                List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == k).toList();
                assertEquals(LANES, lanes.size(), "seed " + seed + " strip " + strip + ": " + lanes);
                double first = FIRST + (strip == 2 ? SHIFT : 0);
                for (Lane l : lanes) {
                    double centre = first + (l.index() - 1) * PITCH;
                    assertTrue(Math.abs(l.x() + l.width() / 2.0 - centre) < 0.15 * PITCH && Math.abs(l.width() - PITCH) < 0.2 * PITCH,
                            "seed " + seed + " strip " + strip + ": lane " + l + ", its band at " + centre);
                }
                // the bands are boxed in their own lanes (where no dip parts them, a stronger band's box reaches
                // into its weaker neighbours', which are then placeholders: band finding, not the lanes)
                for (Band b : r.bands().stream().filter(b -> b.strip() == k && b.detected()).toList()) {
                    double centre = first + (b.lane() - 1) * PITCH;
                    assertTrue(Math.abs(b.x() + b.width() / 2.0 - centre) < 0.2 * PITCH,
                            "seed " + seed + " strip " + strip + " lane " + b.lane() + ": boxed " + b.x() + "+" + b.width() + ", its band at " + centre);
                }
            }
        }
    }

    /**
     * Flat slabs one pitch wide with soft sides, Gaussian along the lane. Lower row (shifted right by
     * SHIFT): sides at 0.47 pitch, a dip of about a third where two meet. Upper row: sides at 0.5 pitch
     * (no dip where two meet), loads alternating 1 : 0.7.
     */
    static float[] model(long seed) {
        double[] loads = new double[LANES];
        for (int i = 0; i < LANES; i++) loads[i] = i % 2 == 0 ? 6000 : 4200;
        return membranes(seed, W, LANES, FIRST, SHIFT, loads, 0);
    }

    /**
     * Two membranes' rows (at ROWS, SIGMA_Y tall, lanes PITCH apart from {@code first}, on BG, H rows of width w, noise
     * SD 20): the upper row's slabs of the given loads (each x 0.97-1.03) with sides at 0.5 pitch, touching; the lower
     * row's (loads 4000-7000) shifted right by {@code shift}, sides at 0.47 pitch, a dip where two meet. Turned about
     * the image's centre by {@code slope}: a pixel (x, y) shows the unturned blot at x + slope (y - H/2), y - slope (x - w/2).
     */
    static float[] membranes(long seed, int w, int lanes, double first, double shift, double[] loads, double slope) {
        Random rnd = new Random(seed);
        double[] lower = new double[lanes], upper = new double[lanes];
        for (int i = 0; i < lanes; i++) {
            lower[i] = 4000 + 3000 * rnd.nextDouble();
            upper[i] = loads[i] * (0.97 + 0.06 * rnd.nextDouble());
        }
        float[] px = new float[w * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < w; x++) {
                double u = x + slope * (y - H / 2.0), v = y - slope * (x - w / 2.0);
                double a0 = Math.exp(-0.5 * Math.pow((v - ROWS[0]) / SIGMA_Y, 2)), a1 = Math.exp(-0.5 * Math.pow((v - ROWS[1]) / SIGMA_Y, 2));
                double up = 0, low = 0;
                for (int i = 0; i < lanes; i++) {
                    double c = first + i * PITCH;
                    up += upper[i] / (1 + Math.exp((Math.abs(u - c) - 0.5 * PITCH) / 2.5));
                    low += lower[i] / (1 + Math.exp((Math.abs(u - c - shift) - 0.47 * PITCH) / 2.5));
                }
                px[y * w + x] = (float) (BG + up * a0 + low * a1 + 20 * rnd.nextGaussian());
            }
        }
        return px;
    }
}
