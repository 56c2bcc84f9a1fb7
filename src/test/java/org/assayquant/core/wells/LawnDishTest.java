package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.Medians;
import org.assayquant.testutil.SyntheticPlate;

/**
 * Phage plaques in a bacterial lawn on a dish, photographed over a dark bench (issue 19, the
 * OnePetri photos): clear plaques look darker than the turbid lawn, and the count may be ruled by
 * debris or grain at the size floor. The tool must say so rather than print a count as fine.
 */
class LawnDishTest {
    /** Dark spots on a lawn: plaques taken as lighter by default would be the wrong ones. */
    @Test
    void darkSpotsOnALawnMakeTheDefaultPlaquePolarityUnsure() {
        SyntheticPlate.Result dish = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(420, 420).pxPerMm(4).colonies(40).colonyRadiusMm(1.0, 0.2).backgroundStain(0.25, 0).noiseSigma(2).seed(5).build();
        PlateImage img = WellQuantifierTest.channels(dish.image());
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        o.mode = WellOptions.Mode.PLAQUES;
        assertTrue(WellQuantifier.quantify(img, o).wells().get(0).reasons().contains(WellResult.Check.POLARITY_UNSURE));
        o.polarity = WellOptions.Polarity.DARK_STAIN;
        assertFalse(WellQuantifier.quantify(img, o).wells().get(0).reasons().contains(WellResult.Check.POLARITY_UNSURE), "the user chose");
        o.polarity = WellOptions.Polarity.AUTO;
        o.mode = WellOptions.Mode.COLONIES;
        assertFalse(WellQuantifier.quantify(img, o).wells().get(0).reasons().contains(WellResult.Check.POLARITY_UNSURE), "colonies: auto decides");
    }

    /** A dish of specks at the size floor (grain, debris) and a few colonies: the count is the floor's. */
    @Test
    void specksAtTheSizeFloorAreSaid() {
        SyntheticPlate.Builder b = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(420, 420).pxPerMm(4).colonies(10).colonyRadiusMm(1.0, 0.2).noiseSigma(2).seed(7);
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        assertFalse(WellQuantifier.quantify(WellQuantifierTest.channels(b.build().image()), o).wells().get(0).reasons()
                .contains(WellResult.Check.AT_SIZE_FLOOR), "colonies alone");
        WellResult.Well w = WellQuantifier.quantify(WellQuantifierTest.channels(b.dust(400).dustLook(0.8, 1.5).build().image()), o).wells().get(0);
        assertTrue(w.reasons().contains(WellResult.Check.AT_SIZE_FLOOR), w.colonies() + " counted, " + w.reasons());
    }

    /**
     * A 400 x 400 RGB photo of a dish (wall radius 170) on a bench of level {@code bench}: inside, a
     * layer of colour {@code layer} with grain (sd 3), and 30 spots of radius 5-8 px of colour
     * {@code spot} (blended over 1.5 px); a lighter plastic wall ring 2 px wide.
     */
    static PlateImage dish(int bench, int[] layer, int[] spot, long seed) {
        int n = 400, cx = 200, cy = 200;
        double wall = 170;
        Random rnd = new Random(seed);
        double[][] spots = DishProofTest.spots(rnd, 30, cx, cy, 140, 5, 3);
        int[] px = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                double[] c = new double[3];
                double grain = rnd.nextGaussian() * 3;
                for (int ch = 0; ch < 3; ch++) c[ch] = r > wall + 2 ? bench : r > wall ? bench + 60 : layer[ch] + grain;
                for (double[] s : spots) {
                    double f = Math.min(1, Math.max(0, (s[2] - Math.hypot(x + 0.5 - s[0], y + 0.5 - s[1])) / 1.5 + 0.5));
                    for (int ch = 0; ch < 3 && f > 0; ch++) c[ch] = (1 - f) * c[ch] + f * (spot[ch] + grain);
                }
                int v = 0;
                for (int ch = 0; ch < 3; ch++) v = v << 8 | (int) Math.max(0, Math.min(255, Math.round(c[ch])));
                px[y * n + x] = v;
            }
        }
        return PlateImage.rgb(n, n, px);
    }

    private static WellResult.Well count(PlateImage img, WellOptions.Mode mode) {
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        o.mode = mode;
        return WellQuantifier.quantify(img, o).wells().get(0);
    }

    /**
     * Plaques in a cream lawn over a dark bench (the OnePetri photos): the plaques are holes that
     * show the bench. Counted as colonies the dish is flagged `lawn`; in plaque mode it is not.
     */
    @Test
    void holesInALawnOverADarkBenchAreSaidInColonyMode() {
        PlateImage lawn = dish(30, new int[] {200, 185, 150}, new int[] {75, 72, 68}, 3);
        WellResult.Well w = count(lawn, WellOptions.Mode.COLONIES);
        assertTrue(w.colonies() > 0 && w.reasons().contains(WellResult.Check.LAWN), w.colonies() + " counted, " + w.reasons());
        assertFalse(count(lawn, WellOptions.Mode.PLAQUES).reasons().contains(WellResult.Check.LAWN), "plaque mode is the right one");
    }

    /**
     * Colony dishes are not lawns: brown colonies on amber agar over white paper (the webcam
     * dishes: the agar is as light as the paper around it), and light colonies on agar over a dark
     * bench (the phone dishes: the objects are lighter than the layer).
     */
    @Test
    void colonyDishesAreNotLawns() {
        WellResult.Well webcam = count(dish(135, new int[] {130, 132, 117}, new int[] {100, 65, 10}, 4), WellOptions.Mode.COLONIES);
        assertTrue(webcam.colonies() > 0 && !webcam.reasons().contains(WellResult.Check.LAWN), webcam.colonies() + " counted, " + webcam.reasons());
        WellResult.Well phone = count(dish(28, new int[] {80, 76, 46}, new int[] {160, 155, 125}, 5), WellOptions.Mode.COLONIES);
        assertTrue(phone.colonies() > 0 && !phone.reasons().contains(WellResult.Check.LAWN), phone.colonies() + " counted, " + phone.reasons());
    }

    /**
     * Issue 19, the OnePetri photos on a light surround (032403C9's white border, 38694E31's grey
     * bench): the same lawn over a bench lighter than the layer. The surround says nothing, the
     * spots do: dark, untinted holes in the layer (grey where the lawn is cream).
     */
    @Test
    void holesInALawnOnALightSurroundAreSaid() {
        WellResult.Well w = count(dish(190, new int[] {200, 185, 150}, new int[] {110, 108, 104}, 6), WellOptions.Mode.COLONIES);
        assertTrue(w.colonies() > 0 && w.reasons().contains(WellResult.Check.LAWN), w.colonies() + " counted, " + w.reasons());
    }

    /** The spots' test judged on a second thread while the dish is measured: the one-thread result, the lawn said. */
    @Test
    void theLawnTestOnASecondThreadGivesTheOneThreadResult() {
        PlateImage lawn = dish(190, new int[] {200, 185, 150}, new int[] {110, 108, 104}, 6);
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        WellResult one = WellQuantifier.quantify(lawn, o, 1);
        assertTrue(one.wells().get(0).reasons().contains(WellResult.Check.LAWN), one.wells().get(0).reasons().toString());
        assertEquals(one, WellQuantifier.quantify(lawn, o, 2));
    }

    /**
     * A run that fails after the lawn test was begun on its second thread (here: channel=gray asked of an RGB
     * photo, refused after the test is begun) leaves no pass of its own running, and its own error is the one
     * reported. Main (session 20) returned with the lawn test, and the finder's pool, still at work.
     */
    @Test
    void aFailedRunLeavesNoPassRunning() {
        PlateImage lawn = dish(190, new int[] {200, 185, 150}, new int[] {110, 108, 104}, 6);
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        o.channel = WellOptions.Channel.GRAY;
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        AssayException e = assertThrows(AssayException.class, () -> WellQuantifier.quantify(lawn, o, 2));
        assertTrue(e.getMessage().startsWith("channel=gray"), e.getMessage());
        for (Thread t : Thread.getAllStackTraces().keySet())
            assertFalse(t.isAlive() && !before.contains(t) && t.getName().startsWith("assayquant-"), t.getName() + " still running");
    }

    /**
     * Colony dishes on a light surround are not lawns: violet (crystal-violet) colonies on a white
     * layer over white paper are dark but tinted bodies, not holes; light colonies on agar over a light
     * cloth (the CounterCulture dishes) are the stronger side.
     */
    @Test
    void colonyDishesOnALightSurroundAreNotLawns() {
        WellResult.Well violet = count(dish(230, new int[] {225, 225, 222}, new int[] {120, 60, 130}, 7), WellOptions.Mode.COLONIES);
        assertTrue(violet.colonies() > 0 && !violet.reasons().contains(WellResult.Check.LAWN), violet.colonies() + " counted, " + violet.reasons());
        WellResult.Well light = count(dish(180, new int[] {170, 165, 145}, new int[] {215, 210, 195}, 8), WellOptions.Mode.COLONIES);
        assertTrue(light.colonies() > 0 && !light.reasons().contains(WellResult.Check.LAWN), light.colonies() + " counted, " + light.reasons());
    }

    /**
     * The lawn test's background medians slid along each row of cells equal each window's values selected afresh:
     * grids with cells outside the dish (NaN), ties, window half-widths wider than the grid.
     */
    @Test
    void slidWindowMediansAreEachWindowsMedian() {
        Random rnd = new Random(20);
        for (int t = 0; t < 60; t++) {
            int cw = 1 + rnd.nextInt(t < 30 ? 8 : 40), h = rnd.nextInt(7);
            double[] cell = new double[cw * cw];
            for (int k = 0; k < cell.length; k++)
                cell[k] = rnd.nextInt(5) == 0 ? Double.NaN : t % 2 == 0 ? rnd.nextInt(4) / 2.0 : 100 + rnd.nextGaussian();
            double[] slid = Holes.windowMedians(cell, cw, h);
            double[] win = new double[(2 * h + 1) * (2 * h + 1)];
            for (int cy = 0; cy < cw; cy++) {
                for (int cx = 0; cx < cw; cx++) {
                    int k = 0;
                    for (int yy = Math.max(0, cy - h); yy <= Math.min(cw - 1, cy + h); yy++)
                        for (int xx = Math.max(0, cx - h); xx <= Math.min(cw - 1, cx + h); xx++)
                            if (!Double.isNaN(cell[yy * cw + xx])) win[k++] = cell[yy * cw + xx];
                    assertEquals(k == 0 ? Double.NaN : Medians.upper(win, k), slid[cy * cw + cx], "grid " + cw + ", h " + h + " at " + cx + "," + cy);
                }
            }
        }
    }
}
