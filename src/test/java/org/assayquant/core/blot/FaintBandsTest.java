package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/**
 * A two-fold dilution series of nine lanes above a loading-control row as strong as its first lane, the faintest
 * band three times the pixel noise (issue 20: every lane down to a band 3x the noise). Lanes 6-9 (1/32 to 1/256)
 * are under min_band_percent of the strongest: main left them placeholders; every band is detected and boxed.
 */
class FaintBandsTest {
    @Test
    void everyBandOfATwoFoldSeriesDownToThreeTimesTheNoiseIsBoxed() {
        SyntheticBlot.Result probe = SyntheticBlot.builder().size(720, 300).lanes(9).rowYFractions(0.35, 0.7).build();
        double unit = 5.404 * probe.bandSigmaX() * probe.bandSigmaY(); // amount of a band of peak 1 DN
        double top = 0.4 * 65535;
        double[][] amounts = new double[2][9];
        for (int i = 0; i < 9; i++) {
            amounts[0][i] = top / Math.pow(2, i) * unit;
            amounts[1][i] = top * unit;
        }
        double faintest = top / 256;
        for (long seed : new long[] {1, 2, 3}) {
            SyntheticBlot.Result truth = SyntheticBlot.builder().size(720, 300).lanes(9).rowYFractions(0.35, 0.7).amounts(amounts)
                    .backgroundLevel(1500).noiseSigma(faintest / 3).seed(seed).build();
            BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
            assertEquals(9, r.lanes().size(), r.lanes().toString());
            List<Band> series = r.bands().stream().filter(b -> b.row() == 1).toList();
            assertEquals(9, series.size(), series.toString());
            for (int i = 0; i < 9; i++) {
                Band b = series.get(i);
                Rectangle t = truth.trueBox(0, i);
                String ctx = "seed " + seed + " lane " + (i + 1) + " truth " + t + ": " + b;
                assertTrue(b.detected(), ctx);
                assertTrue(iou(new Rectangle(b.x(), b.y(), b.width(), b.height()), t) >= 0.5, ctx);
                // measured within 25 % of the truth, or flagged as noise-limited
                double err = Math.abs(b.volume() / truth.trueVolume(0, i) - 1);
                assertTrue(err < 0.25 || b.reasons().contains("low_signal"), err + " " + ctx);
            }
            // the loading control's row is untouched: nine bands, all ok
            assertTrue(r.bands().stream().filter(b -> b.row() == 2).allMatch(b -> b.detected() && b.status().equals("ok")), r.bands().toString());
        }
    }

    private static double iou(Rectangle a, Rectangle b) {
        Rectangle i = a.intersection(b);
        double in = i.isEmpty() ? 0 : (double) i.width * i.height;
        return in / ((double) a.width * a.height + (double) b.width * b.height - in);
    }
}
