package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;

/**
 * Two rows of touching loading-control bands on two membranes imaged one above the other, the lower
 * membrane shifted sideways by 0.8 of a lane (athenaz2 April22 B2AR GAPDH: its rows' ends 0.6-0.7
 * pitch apart; Oct10 B2AR): the lanes of the two rows line up within a quarter pitch one lane apart,
 * so lane centres alone took them as one strip with one set of lanes (main: 1 strip, 10 lanes, boxes
 * across two bands). A row shifted by a whole lane (a protein absent in an end lane) stays one strip.
 */
class ShiftedStripsTest {
    static final int W = 760, H = 400, LANES = 9;
    static final double PITCH = 60, FIRST = 140, SIGMA_Y = 8;
    static final double[] ROWS = {100, 300};

    @Test
    void twoMembranesShiftedByLessThanALaneAreTwoStrips() {
        for (long seed = 1; seed <= 1; seed++) {
            double shift = 0.8 * PITCH;
            float[] px = model(shift, seed);
            assertEquals(2, StripFinder.find(new Raster(W, H, px, 65535)).size(), "seed " + seed);
            BlotResult r = BlotQuantifier.quantify(new Raster(W, H, px, 65535), new BlotOptions());
            for (int strip = 1; strip <= 2; strip++) {
                final int k = strip;
                List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == k).toList();
                assertEquals(LANES, lanes.size(), "seed " + seed + " strip " + strip + ": " + lanes);
                double first = FIRST + (strip == 2 ? shift : 0);
                for (Band b : r.bands().stream().filter(b -> b.strip() == k && b.detected()).toList()) {
                    double centre = first + (b.lane() - 1) * PITCH;
                    assertTrue(Math.abs(b.x() + b.width() / 2.0 - centre) < 0.2 * PITCH,
                            "seed " + seed + " strip " + strip + " lane " + b.lane() + ": boxed " + b.x() + "+" + b.width() + ", its band at " + centre);
                }
                assertEquals(LANES, r.bands().stream().filter(b -> b.strip() == k && b.detected()).count(), "seed " + seed + " strip " + strip);
            }
        }
    }

    @Test
    void aRowShiftedByAWholeLaneIsOneStrip() {
        assertEquals(1, StripFinder.find(new Raster(W, H, model(PITCH, 1), 65535)).size());
    }

    /** Flat slabs one pitch wide with soft sides (a dip where two meet), Gaussian along the lane; the lower row shifted right by shift px. */
    static float[] model(double shift, long seed) {
        return TouchingRows.render(W, H, ROWS, SIGMA_Y, LANES, seed, (row, i, x) -> {
            double c = FIRST + (row == 1 ? shift : 0) + i * PITCH;
            return TouchingRows.slab(x, c - 0.47 * PITCH, c + 0.47 * PITCH);
        });
    }
}
