package org.assayquant.core.blot;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;

/**
 * Two rows of touching bands whose samples alternate (athenaz2: lean and fatty rats side by side): the bands of each
 * pair touch closely, the pairs less so, so the dips between bands alternate deep and shallow and every shallow one
 * lies under {@link LaneFinder#DIP} of the deepest (athenaz2 July23 B2AR GAPDH with noise added: one dip 0.196 of the
 * deepest). Three pairs: the two deep dips alone are a comb of twice the pitch; the shallow dip at the middle of their
 * gap is a border too.
 */
class AlternatingDipsTest {
    static final int W = 700, H = 400, LANES = 6;
    static final double PITCH = 60, FIRST = 130, SIGMA_Y = 8;
    static final double[] ROWS = {120, 300};

    @Test
    void shallowDipsBetweenAlternateBandsAreLaneBorders() {
        double[] c = LaneFinder.lanes(new Raster(W, H, model(3), 65535)).centres();
        TouchingRows.assertOnComb(c, LANES, FIRST, PITCH);
    }

    /** Slabs with soft sides: a pair's two bands reach within 1 px of each other (a shallow dip), pairs 8 px apart. */
    static float[] model(long seed) {
        return TouchingRows.render(W, H, ROWS, SIGMA_Y, LANES, seed, (row, i, x) -> {
            double c = FIRST + i * PITCH, inner = 0.5 * PITCH - 0.5, outer = 0.5 * PITCH - 4;
            boolean leftInPair = i % 2 == 1, rightInPair = i % 2 == 0;
            return TouchingRows.slab(x, c - (leftInPair ? inner : outer), c + (rightInPair ? inner : outer));
        });
    }
}
