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

    /**
     * Lanes follow the comb's pitch: faint lanes between strong ones (4 of 6 lanes were found, one
     * 160 px wide over two lanes) and at the strip's end (a four-fold series down to a band 3x the
     * pixel noise) each get their lane; the faintest is measured (a band 3x the pixel noise over
     * its 1800 pixels is 40 noise standard errors: within 20%, not low_signal).
     */
    @Test
    void faintLanesBetweenAndBeyondStrongOnesFollowThePitch() {
        SyntheticBlot.Result probe = SyntheticBlot.builder().size(480, 200).lanes(6).rowYFractions(0.5).build();
        double unit = 5.404 * probe.bandSigmaX() * probe.bandSigmaY();
        double[][][] series = {{{8e6, 2e6, 5e5, 1.2e5, 3e4, 8e6}}, {{8e6, 2e6, 5e5, 1.2e5, 3e4, 7.5e3}}};
        for (double[][] a : series) {
            double faintest = a[0][5] < a[0][4] ? a[0][5] / unit : a[0][4] / unit;
            SyntheticBlot.Result truth = SyntheticBlot.builder().size(480, 200).lanes(6).rowYFractions(0.5).amounts(a)
                    .backgroundLevel(1000).noiseSigma(faintest / 3).seed(23).build();
            BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
            String ctx = java.util.Arrays.toString(a[0]) + ": " + r.lanes();
            assertEquals(6, r.lanes().size(), ctx);
            for (int i = 0; i < 6; i++) {
                Lane l = r.lanes().get(i);
                double c = truth.laneCentreX(i);
                assertTrue(l.x() < c && c < l.x() + l.width(), "lane " + (i + 1) + " misses " + c + ": " + ctx);
            }
            int faint = a[0][5] < a[0][4] ? 6 : 5;
            BlotResult.Band b = r.bands().stream().filter(x -> x.lane() == faint).findFirst().orElseThrow();
            double want = truth.trueVolume(0, faint - 1);
            assertTrue(Math.abs(b.volume() / want - 1) < 0.2 && !b.reasons().contains("low_signal"), want + " " + b);
        }
    }

    /** An empty well between loaded ones is a lane position: a lane holding placeholders, status empty. */
    @Test
    void anEmptyWellIsAPlaceholderLane() {
        double[][] a = new double[2][8];
        for (int l = 0; l < 8; l++) { a[0][l] = l == 3 ? 0 : 2e5; a[1][l] = l == 3 ? 0 : 1e5; }
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(640, 300).lanes(8).amounts(a)
                .backgroundLevel(1000).noiseSigma(30).seed(24).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
        assertEquals(8, r.lanes().size(), r.lanes().toString());
        Lane empty = r.lanes().get(3);
        double c = truth.laneCentreX(3);
        assertTrue(empty.x() < c && c < empty.x() + empty.width(), empty + " misses " + c);
        assertEquals("empty", empty.status(), empty.toString());
        assertTrue(r.bands().stream().filter(b -> b.lane() == 4).allMatch(b -> !b.detected()), r.bands().toString());
        assertEquals(2, r.bands().stream().filter(b -> b.lane() == 4).count(), "a placeholder in each row");
        for (Lane l : r.lanes()) if (l.index() != 4) assertEquals("ok", l.status(), l.toString());
    }
}
