package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;

/**
 * Two membranes imaged one above the other, the lower one's lanes 0.8 of a lane to the right of the upper one's
 * (athenaz2 July4 B2AR GAPDH), with one end of a row's band region moved by its end band's width: the lower row's
 * first band is wider on its left, the upper row's last band shorter on its right. The rows' ends then lie 0.55 and
 * 1.0 pitch apart (July4: 0.58 / 1.01): one end alone lands on a whole pitch, so main took both rows as one strip
 * with one set of lanes (July4: 8 lanes for 2 x 9, 5 lab boxes missed). The ends' mean, 0.78, is the lanes' shift:
 * two strips, 9 lanes each, every band in its own lane.
 */
class OneLaneApartTest {
    static final int W = 760, H = 400, LANES = 9;
    static final double PITCH = 60, FIRST = 140, SHIFT = 0.8 * PITCH, SIGMA_Y = 8;
    static final double[] ROWS = {100, 300};

    @Test
    void twoMembranesOneLaneApartWithOneEndOnAWholePitchAreTwoStrips() {
        Raster img = new Raster(W, H, model(1), 65535);
        assertEquals(2, StripFinder.find(img).size());
        BlotResult r = BlotQuantifier.quantify(img, new BlotOptions());
        for (int strip = 1; strip <= 2; strip++) {
            final int k = strip;
            List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == k).toList();
            assertEquals(LANES, lanes.size(), "strip " + strip + ": " + lanes);
            double first = FIRST + (strip == 2 ? SHIFT : 0);
            List<Band> bands = r.bands().stream().filter(b -> b.strip() == k && b.detected()).toList();
            assertEquals(LANES, bands.size(), "strip " + strip + ": " + bands);
            for (Band b : bands) {
                double centre = first + (b.lane() - 1) * PITCH;
                assertTrue(Math.abs(b.x() + b.width() / 2.0 - centre) < 0.25 * PITCH,
                        "strip " + strip + " lane " + b.lane() + ": boxed " + b.x() + "+" + b.width() + ", its band at " + centre);
            }
        }
    }

    /**
     * Flat slabs one pitch wide with soft sides (a dip where two meet), Gaussian along the lane; the lower row shifted
     * right by SHIFT, its first band reaching 0.25 pitch further left, the upper row's last band ending 0.2 pitch short.
     */
    static float[] model(long seed) {
        return TouchingRows.render(W, H, ROWS, SIGMA_Y, LANES, seed, (row, i, x) -> {
            double c = FIRST + (row == 1 ? SHIFT : 0) + i * PITCH;
            double left = c - 0.47 * PITCH - (row == 1 && i == 0 ? 0.25 * PITCH : 0), right = c + 0.47 * PITCH - (row == 0 && i == LANES - 1 ? 0.2 * PITCH : 0);
            return TouchingRows.slab(x, left, right);
        });
    }
}
