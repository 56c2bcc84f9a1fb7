package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import org.assayquant.core.blot.BlotResult.Lane;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/**
 * A two-fold dilution series of eight lanes (the real case: a 16-bit series whose faintest lane,
 * 0.8% of the strongest and five times the noise, was not found, so the series had seven lanes).
 */
class FaintLanesTest {
    @Test
    void everyLaneOfADilutionSeriesIsFound() {
        for (boolean faintestFirst : new boolean[] {false, true}) {
            SyntheticBlot.Result probe = SyntheticBlot.builder().size(640, 300).lanes(8).rowYFractions(0.5).build();
            double unit = 5.404 * probe.bandSigmaX() * probe.bandSigmaY(); // amount of a band of peak 1 DN
            double top = 0.5 * 65535;
            double[][] amounts = new double[1][8];
            for (int i = 0; i < 8; i++) amounts[0][faintestFirst ? 7 - i : i] = top / Math.pow(2, i) * unit;
            double faintest = top / 128;
            SyntheticBlot.Result truth = SyntheticBlot.builder().size(640, 300).lanes(8).rowYFractions(0.5).amounts(amounts)
                    .backgroundLevel(1500).noiseSigma(faintest / 3).seed(faintestFirst ? 2 : 1).build();
            BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
            assertEquals(8, r.lanes().size(), "faintest " + (faintestFirst ? "left" : "right") + ": " + r.lanes());
            for (int i = 0; i < 8; i++) {
                Lane l = r.lanes().get(i);
                double c = truth.laneCentreX(i);
                assertTrue(l.x() < c && c < l.x() + l.width(), "lane " + (i + 1) + " " + l + " misses " + c);
            }
        }
    }
}
