package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import ij.process.ColorProcessor;
import org.junit.jupiter.api.Test;

import org.assayquant.testutil.SyntheticPlate;

/** A large dish is measured on its channel binned (WellQuantifier.dishBin), in the photo's units. */
class DishBinTest {

    @Test
    void binnedPixelsAreTheBlockMeansEdgesIncluded() {
        int w = 7, h = 5;
        int[] rgb = new int[w * h];
        Random rnd = new Random(1);
        for (int i = 0; i < rgb.length; i++) rgb[i] = rnd.nextInt(1 << 24);
        PlateImage img = PlateImage.rgb(w, h, rgb);
        for (int c : new int[] {0, 1, 2, PlateImage.MEAN}) {
            for (int f : new int[] {1, 2, 3}) {
                PlateImage b = img.binned(c, f);
                assertEquals((w + f - 1) / f, b.width);
                assertEquals((h + f - 1) / f, b.height);
                assertEquals(255, b.maxValue);
                for (int by = 0; by < b.height; by++) {
                    for (int bx = 0; bx < b.width; bx++) {
                        double sum = 0;
                        int n = 0;
                        for (int y = by * f; y < Math.min(h, by * f + f); y++)
                            for (int x = bx * f; x < Math.min(w, bx * f + f); x++, n++) sum += img.get(c, y * w + x);
                        assertEquals(sum / n, b.get(0, by * b.width + bx), 1e-4, "channel " + c + " bin " + f + " at " + bx + "," + by);
                    }
                }
            }
        }
    }

    /** The rule's measured ranges: webcam 462-471 px, high-resolution 698-703, far phone 628-655, close phone 1029-1275. */
    @Test
    void onlyDishesTwiceTheWebcamsRadiusAreBinned() {
        for (double r : new double[] {100, 471, 703, 999}) assertEquals(1, WellQuantifier.dishBin(r), "radius " + r);
        for (double r : new double[] {1000, 1029, 1275, 1499}) assertEquals(2, WellQuantifier.dishBin(r), "radius " + r);
        assertEquals(3, WellQuantifier.dishBin(1600));
    }

    @Test
    void measuresAreMappedBackToThePhotosPixels() {
        ColonyCounter.Measure m = new ColonyCounter.Measure(List.of(new ColonyCounter.Colony(10.5, 20.5, 30)),
                List.of(new ColonyCounter.Rejected(1.5, 2.5, 3, ColonyCounter.Reject.SPECK)), 1000, 100, 50.5, 7.5, 12, 2, 4, 200, 1, 9);
        ColonyCounter.Measure u = m.unbinned(2);
        assertEquals(new ColonyCounter.Colony(21, 41, 120), u.colonies().get(0));
        assertEquals(new ColonyCounter.Rejected(3, 5, 12, ColonyCounter.Reject.SPECK), u.rejected().get(0));
        assertEquals(new ColonyCounter.Measure(u.colonies(), u.rejected(), 4000, 400, 202, 30, 12, 2, 16, 200, 1, 36), u);
        assertEquals(m, m.unbinned(1));
    }

    /**
     * A synthetic dish drawn at 400 x 400 and enlarged 6 x 6 (a 2400 x 2400 photo, radius over
     * 1000 px: binned 2 x 2; given as the small dish's found wall x 6, so the test does not spend
     * its time finding the wall) counts its colonies as the small one does, at the large photo's
     * positions.
     */
    @Test
    void aLargeDishCountsLikeTheSameDishSmall() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).size(400, 400)
                .colonies(40).touchingFraction(0).edgeMarginFraction(0.2).noiseSigma(1.5).seed(11).build();
        ColorProcessor small = (ColorProcessor) truth.image().getProcessor();
        int k = 6, w = small.getWidth() * k, h = small.getHeight() * k;
        int[] sp = (int[]) small.getPixels(), big = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) big[y * w + x] = sp[y / k * small.getWidth() + x / k];
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        WellResult a = WellQuantifier.quantify(PlateImage.rgb(small.getWidth(), small.getHeight(), sp), o, 2);
        WellResult.Well wa = a.wells().get(0);
        // the wall (the analysed circle is the margin's fraction of it)
        o.manualWells = List.of(new Circle(k * wa.x(), k * wa.y(), k * wa.wallRadius(), 1));
        WellResult b = WellQuantifier.quantify(PlateImage.rgb(w, h, big), o, 2);
        WellResult.Well wb = b.wells().get(0);
        assertEquals(2, WellQuantifier.dishBin(wb.radius()), "binned: radius " + wb.radius());
        assertEquals(40, wa.colonies(), 3, "the small dish");
        assertEquals(wa.colonies(), wb.colonies(), 2, "the large dish");
        assertEquals(k * k * wa.pixels(), wb.pixels(), 0.01 * k * k * wa.pixels(), "pixels analysed, in the photo's pixels");
        assertEquals(wa.areaPercent(), wb.areaPercent(), 0.25 * wa.areaPercent());
        for (WellResult.Colony c : b.colonies()) {
            double best = Double.POSITIVE_INFINITY;
            for (WellResult.Colony s : a.colonies()) best = Math.min(best, Math.hypot(c.x() - k * s.x(), c.y() - k * s.y()));
            assertTrue(best < k * 1.5, "colony at " + c.x() + "," + c.y() + " is " + best + " px from the small dish's nearest");
        }
    }
}
