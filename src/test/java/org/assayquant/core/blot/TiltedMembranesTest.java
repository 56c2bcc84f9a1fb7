package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Lane;

/**
 * Two membranes of one gel imaged one above the other, 0.6 lane apart sideways, upright and turned by +-1 degree
 * (athenaz2 April22 B2AR GAPDH turned by +-1 degree or resampled 1.25x: one strip of 4 lanes for 2 x 9, 16 lab boxes
 * -> 0-1). The lower row's touching bands meet in clear dips and get their 11 lanes; the upper row's show no dips
 * (loads strong and weak in no period), so its lanes come out two or three bands wide, 2.4-2.8 times the lower row's
 * pitch, which {@link StripFinder#shifted} took for no shared comb (only the same pitch or twice it): main keeps the
 * two membranes, whose ends lie 0.6 pitch apart both ways, one strip of 12 lanes. Both rows are rows of touching
 * bands whose lanes come from the dips of the lower one.
 */
class TiltedMembranesTest {
    // the rows, their height and the pitch are SharedCombTest's membranes'
    static final int W = 900, H = SharedCombTest.H, LANES = 11;
    static final double PITCH = SharedCombTest.PITCH, FIRST = 120, SHIFT = 0.6 * PITCH, SLOPE = Math.tan(Math.toRadians(1));
    static final double[] ROWS = SharedCombTest.ROWS;
    /**
     * The upper row's loads: strong (1) and weak (0.7) in no period, and no dip between its bands: its lanes come out
     * over two or three bands each (5 lanes 129-155 px apart upright, 2.4 of the lower row's pitch; 3 lanes 163-194
     * apart turned, 2.8), as April22's upper row's did turned (2.37, 2.43).
     */
    static final double[] UPPER = {1, 0.7, 0.7, 1, 0.7, 1, 0.7, 0.7, 1, 0.7, 1};

    @Test
    void twoMembranesTurnedByADegreeAreTwoStripsOnTheLowerRowsComb() {
        for (double slope : new double[] {0, SLOPE, -SLOPE}) {
            BlotResult r = BlotQuantifier.quantify(new Raster(W, H, model(1, slope), 65535), new BlotOptions());
            for (int strip = 1; strip <= 2; strip++) {
                final int k = strip;
                List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == k).toList();
                assertEquals(LANES, lanes.size(), "slope " + slope + " strip " + strip + ": " + lanes);
                double first = FIRST + (strip == 2 ? SHIFT : 0);
                for (Lane l : lanes) {
                    // the band's centre at its row's height, the image turned about its centre
                    double y = ROWS[strip - 1], centre = first + (l.index() - 1) * PITCH - slope * (y - H / 2.0);
                    assertTrue(Math.abs(l.x() + l.width() / 2.0 - centre) < 0.2 * PITCH,
                            "slope " + slope + " strip " + strip + ": lane " + l + ", its band at " + centre);
                }
            }
        }
    }

    /**
     * Flat slabs one pitch wide with soft sides, Gaussian along the lane, turned about the image's centre by slope
     * (a pixel (x, y) shows the unturned blot at x + slope (y - H/2), y - slope (x - W/2)). Lower row (shifted right by
     * SHIFT): sides at 0.47 pitch, a dip of about a third where two meet. Upper row: sides at 0.5 pitch (no dip), loads
     * {@link #UPPER}.
     */
    static float[] model(long seed, double slope) {
        double[] loads = new double[LANES];
        for (int i = 0; i < LANES; i++) loads[i] = 6000 * UPPER[i];
        return SharedCombTest.membranes(seed, W, LANES, FIRST, SHIFT, loads, slope);
    }
}
