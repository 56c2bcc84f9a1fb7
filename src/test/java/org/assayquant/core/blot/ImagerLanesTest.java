package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Lane;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/**
 * Lanes on a lab imager's strips as athenaz2's B1AR blots show them (development images): a
 * loading-control strip of touching bands, a lane count given for a strip narrower than the image.
 */
class ImagerLanesTest {
    static final int LANES = 9;

    /**
     * Nine GAPDH bands side by side with no gap between them (super-Gaussian half-width 0.42 of the
     * pitch: a dip of about a quarter at each border, as May30 and March 19 B1AR GAPDH show), strong
     * and unequal. The column profile is one plateau: its autocorrelation gave twice the pitch
     * or the plateau's steps, and the image 7 lanes for 9 (athenaz2 May30, July24 GAPDH).
     */
    @Test
    void touchingBandsKeepTheirLanes() {
        double pitch = 57;
        long seed = 3; // the old code found 3 lanes (with seeds 1 and 2 it happened to find 9)
        double[] c = new double[LANES];
        for (int i = 0; i < LANES; i++) c[i] = 120 + i * pitch;
        java.util.Random rnd = new java.util.Random(seed);
        SyntheticBlot.Result probe = SyntheticBlot.builder().size(760, 220).lanes(LANES).laneCentres(c).rowYFractions(0.5)
                .bandWidthFraction(0.42).bandSigmaY(9).build();
        double unit = 5.404 * probe.bandSigmaX() * probe.bandSigmaY();
        double[][] amounts = new double[1][LANES];
        for (int i = 0; i < LANES; i++) amounts[0][i] = (9000 + 5000 * rnd.nextDouble()) * unit;
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(760, 220).lanes(LANES).laneCentres(c).rowYFractions(0.5)
                .bandWidthFraction(0.42).bandSigmaY(9).amounts(amounts).backgroundLevel(800).noiseSigma(40).tiltDeg(1.5)
                .seed(seed).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
        assertLanes(truth, r.lanes(), "touching bands");
    }

    /** One lane per true lane, each holding its lane's centre. */
    static void assertLanes(SyntheticBlot.Result truth, List<Lane> lanes, String ctx) {
        assertEquals(truth.lanes(), lanes.size(), ctx + ": " + lanes);
        for (int i = 0; i < truth.lanes(); i++) {
            Lane l = lanes.get(i);
            double c = truth.laneCentreX(i);
            assertTrue(l.x() < c && c < l.x() + l.width(), ctx + ": lane " + (i + 1) + " " + l + " misses " + c);
        }
    }
}
