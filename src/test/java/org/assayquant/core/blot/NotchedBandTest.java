package org.assayquant.core.blot;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;

/**
 * Two rows of touching bands on one set of lanes (a target above its loading control, athenaz2 Oct8 B2AR), one band
 * of the upper row with a dark notch across its middle (Oct8: a dip 45 and 52 px from its neighbours in an 89 px
 * comb). The notch is as deep as the dips between bands, so it was taken as a lane border: main 10 lanes, the notched
 * band's lane cut in two. Its two gaps, each well short of the pitch, make one pitch: a notch, no border.
 */
class NotchedBandTest {
    static final int W = 1000, H = 400, LANES = 9;
    static final double PITCH = 90, FIRST = 100, SIGMA_Y = 8;
    static final double[] ROWS = {120, 300};

    @Test
    void aNotchAcrossABandIsNoLaneBorder() {
        double[] c = LaneFinder.lanes(new Raster(W, H, model(1), 65535)).centres();
        TouchingRows.assertOnComb(c, LANES, FIRST, PITCH);
    }

    /** Flat slabs one pitch wide with soft sides (a dip where two meet), Gaussian along the lane; the upper row's second band notched at its centre. */
    static float[] model(long seed) {
        return TouchingRows.render(W, H, ROWS, SIGMA_Y, LANES, seed, (row, i, x) -> {
            double c = FIRST + i * PITCH, notch = row == 0 && i == 1 ? 1 - 0.7 * Math.exp(-0.5 * Math.pow((x - c) / 4, 2)) : 1;
            return notch * TouchingRows.slab(x, c - 0.46 * PITCH, c + 0.46 * PITCH);
        });
    }
}
