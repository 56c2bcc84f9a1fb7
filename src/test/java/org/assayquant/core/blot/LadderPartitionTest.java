package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/**
 * A DNA mass ladder (GelGenie's NEB 1 kb Plus gel): bands closer than their flanks reach, of unequal
 * masses (reference bands 3x the others). Each band's box must hold its share of the lane's signal:
 * boxed from the band's 5% extent over a baseline between its neighbours' flanks, the weak bands
 * beside a reference band were cut short (the real gel: -38 to -47% at 8 kb).
 */
class LadderPartitionTest {

    @Test
    void ladderBandsHoldTheirMassShareAndNoPixelTwice() {
        // spacing as on the real gel: 11-16 px between the top bands, 23-44 px around a reference band;
        // noise 3 DN against weak peaks of about 37 (the real gel: 0.6 DN against 30-60)
        double[] gaps = {12, 12, 13, 24, 28, 18, 14, 24, 24, 24, 16};
        double[] mass = {40, 40, 48, 40, 120, 40, 57, 45, 122, 40, 124, 49};
        int rows = mass.length, lanes = 4, height = 300;
        double[] fy = new double[rows];
        double y = 40;
        for (int i = 0; i < rows; i++) { fy[i] = y / height; if (i < gaps.length) y += gaps[i]; }
        double[][] amounts = new double[rows][lanes];
        for (int i = 0; i < rows; i++) for (int l = 0; l < lanes; l++) amounts[i][l] = 400 * mass[i];
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(300, height).lanes(lanes).rowYFractions(fy).amounts(amounts)
                .bandSigmaY(3.2).noiseSigma(3).backgroundLevel(600).seed(20).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
        assertEquals(lanes, r.lanes().size(), r.lanes().toString());
        OverlapsTest.assertNoSharedPixels(r, "ladder");
        double[] totals = new double[lanes];
        for (int l = 0; l < lanes; l++) {
            final int ln = l + 1;
            List<Band> own = r.bands().stream().filter(b -> b.detected() && b.lane() == ln).sorted((a, b) -> Integer.compare(a.y(), b.y())).toList();
            assertEquals(rows, own.size(), "lane " + ln + ": " + own.stream().map(b -> b.y() + "+" + b.height()).toList());
            double vol = own.stream().mapToDouble(Band::volume).sum(), m = java.util.Arrays.stream(mass).sum();
            totals[l] = vol;
            for (int i = 0; i < rows; i++) {
                double err = (own.get(i).volume() / vol) / (mass[i] / m) - 1;
                assertTrue(Math.abs(err) < 0.10, "lane " + ln + " band " + (i + 1) + " mass share off by " + Math.round(100 * err) + "%: "
                        + own.stream().map(b -> b.y() + "+" + b.height() + "=" + Math.round(b.volume())).toList());
            }
        }
        double mean = java.util.Arrays.stream(totals).average().orElseThrow();
        for (double t : totals) assertTrue(Math.abs(t / mean - 1) < 0.03, "lane totals " + java.util.Arrays.toString(totals));
    }
}
