package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticPlate;

/** Wells and colonies against synthetic plates with known truth, and the OpenCFU webcam benchmark. */
class WellQuantifierTest {

    static Raster[] channels(ImagePlus imp) {
        if (imp.getProcessor() instanceof ColorProcessor cp) {
            Raster[] ch = new Raster[3];
            for (int c = 0; c < 3; c++) {
                byte[] b = cp.getChannel(c + 1);
                float[] f = new float[b.length];
                for (int i = 0; i < b.length; i++) f[i] = b[i] & 0xff;
                ch[c] = new Raster(cp.getWidth(), cp.getHeight(), f, 255);
            }
            return ch;
        }
        return new Raster[] {Images.toRaster(imp, new ArrayList<>())};
    }

    /** Counts per well within 10% or 3 colonies; well centres within 3 px. */
    private static void assertMatches(SyntheticPlate.Result truth, WellResult r) {
        assertEquals(truth.wells(), r.wells().size());
        for (int k = 0; k < truth.wells(); k++) {
            WellResult.Well w = r.wells().get(k);
            assertEquals(truth.label(k), w.label());
            assertEquals(truth.wellX(k), w.x(), 3, w.label() + " x");
            assertEquals(truth.wellY(k), w.y(), 3, w.label() + " y");
            int expected = truth.colonyCount(k);
            assertEquals(expected, w.colonies(), Math.max(3, 0.10 * expected), w.label() + " colonies");
        }
    }

    @Test
    void crystalViolet12WellPhotoFormatWellsAndCounts() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(1600, 1120).rotationDeg(1.0).coloniesByColumn(100, 75, 50, 25)
                .touchingFraction(0.1).vignetting(0.2).noiseSigma(2).dust(30).seed(42).build();
        WellResult r = WellQuantifier.quantify(channels(truth.image()), new WellOptions());
        assertEquals(PlateFormat.W12, r.format());
        assertEquals(12, r.wellsSeen());
        assertEquals("green", r.channel(), "crystal violet absorbs green most");
        assertEquals(WellOptions.Polarity.DARK_STAIN, r.polarity());
        assertMatches(truth, r);
    }

    /** Wells measured in parallel give exactly the sequential result, in the same order. */
    @Test
    void parallelWellsSameAsSequential() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(1200, 840).rotationDeg(0.8).coloniesByColumn(80, 60, 40, 20).touchingFraction(0.1).noiseSigma(2).dust(10).seed(11).build();
        Raster[] ch = channels(truth.image());
        WellResult one = WellQuantifier.quantify(ch, new WellOptions(), 1);
        for (int threads : new int[] {2, 3, 8}) assertEquals(one, WellQuantifier.quantify(ch, new WellOptions(), threads), threads + " threads");
        List<Integer> order = WellQuantifier.parallel(50, 4, k -> k);
        for (int k = 0; k < 50; k++) assertEquals(k, order.get(k));
    }

    @Test
    void grayscale16Bit6WellScan() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("6").mode(SyntheticPlate.Mode.GRAY16)
                .size(1200, 830).coloniesByColumn(150, 80, 30).noiseSigma(200).dust(20).seed(7).build();
        WellOptions o = new WellOptions();
        o.format = PlateFormat.W6;
        WellResult r = WellQuantifier.quantify(channels(truth.image()), o);
        assertEquals("gray", r.channel());
        assertMatches(truth, r);
    }

    @Test
    void blankImageHasNoWells() {
        Raster flat = new Raster(400, 300, new float[400 * 300], 255);
        java.util.Arrays.fill(flat.px, 200);
        AssayException e = assertThrows(AssayException.class, () -> WellQuantifier.quantify(new Raster[] {flat}, new WellOptions()));
        assertTrue(e.getMessage().startsWith("no dish or plate of 6-96 wells found"), e.getMessage());
    }

    @Test
    void manualWellSkipsDetection() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("6").mode(SyntheticPlate.Mode.GRAY8)
                .size(1200, 830).coloniesByColumn(40, 20, 10).seed(3).build();
        WellOptions o = new WellOptions();
        o.manualWells = List.of(new Circle(truth.wellX(0), truth.wellY(0), truth.wellRadius(0), 1));
        WellResult r = WellQuantifier.quantify(channels(truth.image()), o);
        assertEquals(1, r.wells().size());
        assertEquals(truth.colonyCount(0), r.wells().get(0).colonies(), 3);
    }

    /**
     * OpenCFU webcam plates A-J (Geissmann 2013, PLoS ONE 8:e54072; ../shared/benchmarks): error
     * against the median of seven human counts. Measured with the defaults: median 3.5%, worst
     * 15.6% (A 1.4, B 3.1, C 5.6, D 1.0, E 1.8, F 11.3, G 15.6, H 0.0, I 3.8, J 6.4: the dense
     * plates F and G, ~1100 colonies, are still undercounted: heavily overlapping pairs and the
     * colonies in the outer band next to the wall). OpenCFU's published median is 2.78%. Guards
     * against regressions (the four plates off by more than 10% before the dish centring, the
     * adaptive background and the peak split are now two); the target (<= 3%) is not met yet.
     */
    @Test
    void openCfuWebcamBenchmark() throws Exception {
        Path dir = Path.of("../shared/benchmarks/opencfu-webcam");
        assumeTrue(Files.isDirectory(dir), "benchmark not present");
        List<Double> errors = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("counts.csv")).subList(1, 11)) {
            String[] p = line.split(",");
            WellOptions o = new WellOptions();
            o.format = PlateFormat.DISH;
            WellResult r = WellQuantifier.quantify(channels(Images.open(dir.resolve(p[0] + ".png").toString())), o);
            double ref = Double.parseDouble(p[1]);
            errors.add(100 * Math.abs(r.wells().get(0).colonies() - ref) / ref);
        }
        errors.sort(null);
        double median = (errors.get(4) + errors.get(5)) / 2;
        assertTrue(median <= 4, "median error " + median + "% " + errors);
        assertTrue(errors.get(7) <= 10, "third-worst plate " + errors.get(7) + "% " + errors);
        assertTrue(errors.get(9) <= 16, "worst plate " + errors.get(9) + "% " + errors);
    }
}
