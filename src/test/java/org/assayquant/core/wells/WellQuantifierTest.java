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

    static PlateImage channels(ImagePlus imp) {
        return Images.plateImage(imp, new ArrayList<>());
    }

    /**
     * Counts per well within 10% or 3 colonies; well centres within 3 px; stained area within 10%
     * (relative) plus half a point of the truth's area percent at a quarter of the colony OD inside
     * the inner wall (the wall shadow inside the analysed circle is not stain).
     */
    private static void assertMatches(SyntheticPlate.Result truth, WellResult r) {
        assertEquals(truth.wells(), r.wells().size());
        for (int k = 0; k < truth.wells(); k++) {
            WellResult.Well w = r.wells().get(k);
            assertEquals(truth.label(k), w.label());
            assertEquals(truth.wellX(k), w.x(), 3, w.label() + " x");
            assertEquals(truth.wellY(k), w.y(), 3, w.label() + " y");
            int expected = truth.colonyCount(k);
            assertEquals(expected, w.colonies(), Math.max(3, 0.10 * expected), w.label() + " colonies");
            double area = truth.areaPercent(k, 0, 0.25);
            assertEquals(area, w.areaPercent(), 0.1 * area + 0.5, w.label() + " area percent");
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

    /** The analysis reads the RGB image's own pixel array (in Fiji, the user's open image): it must never write to it. */
    @Test
    void theImagesOwnPixelsAreNeverWritten() throws Exception {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(900, 630).coloniesByColumn(40, 30, 20, 10).noiseSigma(2).seed(5).build();
        ImagePlus imp = truth.image();
        int[] pixels = (int[]) ((ColorProcessor) imp.getProcessor()).getPixels(), before = pixels.clone();
        PlateImage img = channels(imp);
        WellResult r = WellQuantifier.quantify(img, new WellOptions());
        org.assayquant.ij.WellOverlay.writePng(img, r, java.io.OutputStream.nullOutputStream());
        assertTrue(java.util.Arrays.equals(before, pixels), "pixels changed");
        assertTrue(pixels == ((ColorProcessor) imp.getProcessor()).getPixels(), "still the image's array");
    }

    /** Wells measured in parallel give exactly the sequential result, in the same order. */
    @Test
    void parallelWellsSameAsSequential() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(1200, 840).rotationDeg(0.8).coloniesByColumn(80, 60, 40, 20).touchingFraction(0.1).noiseSigma(2).dust(10).seed(11).build();
        PlateImage ch = channels(truth.image());
        WellResult one = WellQuantifier.quantify(ch, new WellOptions(), 1);
        for (int threads : new int[] {2, 3, 8}) assertEquals(one, WellQuantifier.quantify(ch, new WellOptions(), threads), threads + " threads");
        List<Integer> order = org.assayquant.core.Parallel.map(50, 4, "test", k -> k);
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
        AssayException e = assertThrows(AssayException.class, () -> WellQuantifier.quantify(PlateImage.gray(flat), new WellOptions()));
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
     * Half the colonies of a crowded dish in heavily overlapping pairs (centres 0.65 x the sum of
     * their smallest radii apart), evenly stained: no neck for the watershed and no stain saddle, so
     * only the pair's shape (elongated, larger than a single colony) tells two colonies. Measured:
     * 312 of 400 before the shape split, 382 after (the misses are pairs of unequal size: a small
     * colony on a large one's edge is a bump, not an elongation).
     */
    @Test
    void overlappingPairsWithoutASaddleCountAsTwo() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .colonies(400).touchingFraction(0.5).touchOverlap(0.35).tripletFraction(0).colonyRimLevel(1)
                .noiseSigma(2).seed(11).build();
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        WellResult r = WellQuantifier.quantify(channels(truth.image()), o);
        assertEquals(400, r.wells().get(0).colonies(), 24);
    }

    /**
     * A strong wall shadow in sparse wells: thresholded, its ring falls apart into arcs as large
     * as many colonies and round enough by second moments (a half ring's axis ratio is 2.3), but
     * an arc fills a tenth of its moment ellipse and a colony nearly all of it. Before the fill
     * test the first such well, A2, counted 7 for 5 (measured).
     */
    @Test
    void wallShadowArcsAreNotColonies() {
        SyntheticPlate.Result truth = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(1600, 1120).colonies(k -> k % 4 == 0 ? 0 : 5).wallShadowMm(1.2).wall(0.8, 0.8)
                .noiseSigma(1.5).seed(5).build();
        WellResult r = WellQuantifier.quantify(channels(truth.image()), new WellOptions());
        for (int k = 0; k < truth.wells(); k++)
            assertEquals(truth.colonyCount(k), r.wells().get(k).colonies(), 1, truth.label(k));
    }

    /**
     * OpenCFU webcam plates A-J (Geissmann 2013, PLoS ONE 8:e54072; ../shared/benchmarks): error
     * against the median of seven human counts. Measured with the defaults (session 16, a sparse
     * dish's specks as a size group: SpeckGroup): median 1.28%, worst 6.1% (A 2.9, B 0.8, C 1.9, D 0.0,
     * E 1.8, F 0.0, G 6.1, H 0.0, I 3.8, J 0.0; session 13 1.83%, before 2.63%, worst 9.0%). The target: OpenCFU's published
     * median (2.78%), no plate off by more than 10% or 2 colonies, whichever is larger; asserted at
     * the measured median.
     */
    @Test
    void openCfuWebcamBenchmark() throws Exception {
        Path dir = Path.of("../shared/benchmarks/opencfu-webcam");
        assumeTrue(Files.isDirectory(dir), "benchmark not present");
        List<Double> errors = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("counts.csv")).subList(1, 11)) {
            String[] p = line.split(",");
            WellOptions o = new WellOptions();
            o.format = PlateFormat.DISH;
            WellResult r = WellQuantifier.quantify(channels(Images.open(dir.resolve(p[0] + ".png").toString())), o);
            double ref = Double.parseDouble(p[1]), diff = Math.abs(r.wells().get(0).colonies() - ref);
            errors.add(100 * diff / ref);
            if (diff > Math.max(0.1 * ref, 2)) off.add(p[0] + " " + r.wells().get(0).colonies() + " for " + ref);
        }
        errors.sort(null);
        double median = (errors.get(4) + errors.get(5)) / 2;
        assertTrue(median <= 1.281, "median error " + median + "% " + errors);
        assertTrue(off.isEmpty(), "plates off by more than 10% or 2 colonies: " + off);
    }
}
