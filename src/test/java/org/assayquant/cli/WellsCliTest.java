package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.FloatPolygon;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.assayquant.io.WellTables;
import org.assayquant.testutil.SamplePlates;
import org.assayquant.testutil.SyntheticPlate;
import org.assayquant.testutil.CliRun;

/**
 * The {@code wells} command line (../shared/CONTRACT.md, docs/wells.md) on synthetic plates
 * whose colony counts are known exactly (testutil.SyntheticPlate): the files and columns, well
 * labels and positions, colony counts within loose bounds (the counting accuracy is the core's
 * and tested there), plating efficiency and surviving fraction recomputed by hand from the
 * written counts, the scale, manual ROI wells, and bad inputs refused with one error line and no
 * output folder.
 */
class WellsCliTest {
    static final Path SAMPLE12 = Path.of("sample-images", "plate12_crystal_violet.png");
    static final Path LAYOUT12 = Path.of("sample-images", "plate12_crystal_violet.layout.csv");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /** A 12-well crystal-violet photo, 80/60/40/20 colonies by column, light noise, vignetting and dust. */
    static SyntheticPlate.Result plate12;
    static Path plate12Png;
    static Path plate12Out;
    static CliRun.Run plate12Run;

    private Locale savedLocale;

    @BeforeAll
    static void runPlate12() throws Exception {
        plate12 = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).size(1200, 840)
                .coloniesByColumn(80, 60, 40, 20).rotationDeg(0.8).vignetting(0.1).noiseSigma(1.5).dust(10).seed(11).build();
        plate12Png = shared.resolve("plate12.png");
        SamplePlates.writeImage(plate12.image(), plate12Png);
        plate12Out = shared.resolve("plate12 out");
        plate12Run = CliRun.run("wells", "image=" + plate12Png, "out=" + plate12Out);
    }

    @BeforeEach
    void germanLocale() {
        savedLocale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(savedLocale);
    }

    static Map<String, Map<String, String>> byWell(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> m = new HashMap<>();
        for (Map<String, String> r : rows) m.put(r.get("well"), r);
        return m;
    }

    static double num(Map<String, String> row, String col) {
        return Double.parseDouble(row.get(col));
    }

    // ---- success -------------------------------------------------------------------------------

    /** The rows of colonies.csv that are counted colonies (the rejected objects follow them with status "rejected"). */
    static List<Map<String, String>> counted(Path coloniesCsv) throws Exception {
        List<Map<String, String>> rows = CliTest.readCsv(coloniesCsv);
        for (Map<String, String> c : rows) {
            assertTrue(c.get("status").equals("counted") || c.get("status").equals("rejected"), c.toString());
            assertEquals(c.get("status").equals("rejected"), !c.get("reason").isEmpty(), "a reason for exactly the rejected: " + c);
        }
        return rows.stream().filter(c -> c.get("status").equals("counted")).toList();
    }

    @Test
    void syntheticPlateWritesTheContractFilesWithTheTrueWells() throws Exception {
        CliRun.Run r = plate12Run;
        assertEquals(0, r.status(), r.toString());
        assertFalse(r.err().contains("error:"), r.toString());
        assertEquals(List.of("colonies.csv", "overlay.png", "run.csv", "well_rois.zip", "wells.csv"), CliTest.names(plate12Out));

        List<String> header = CliTest.splitCsv(Files.readAllLines(plate12Out.resolve("wells.csv")).get(0));
        assertEquals(WellTables.CONTRACT, header.subList(0, WellTables.CONTRACT.size()), "contract columns first");
        assertTrue(header.containsAll(WellTables.EXTRA), header.toString());
        assertFalse(header.contains("condition"), "no layout columns without a layout");
        assertEquals(List.of("well", "colony", "x", "y", "area", "area_mm2", "status", "reason", "image"),
                CliTest.splitCsv(Files.readAllLines(plate12Out.resolve("colonies.csv")).get(0)));

        List<Map<String, String>> wells = CliTest.readCsv(plate12Out.resolve("wells.csv"));
        assertEquals(List.of("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4"),
                wells.stream().map(w -> w.get("well")).toList(), "row-major labels");
        Map<String, Integer> perWell = new HashMap<>();
        for (Map<String, String> c : counted(plate12Out.resolve("colonies.csv"))) perWell.merge(c.get("well"), 1, Integer::sum);
        int total = 0, truthTotal = 0;
        for (int k = 0; k < plate12.wells(); k++) {
            Map<String, String> w = wells.get(k);
            double rTrue = plate12.wellRadius(k);
            // the analysed circle: centred on the well (within 5 % of its radius), its radius the wall's less the
            // 4 % margin, within 10 % (where the wall is taken to be is the core's; this is the wiring)
            assertEquals(plate12.wellX(k), num(w, "x"), 0.05 * rTrue, "x of " + w);
            assertEquals(plate12.wellY(k), num(w, "y"), 0.05 * rTrue, "y of " + w);
            assertEquals(0.96 * rTrue, num(w, "radius"), 0.10 * rTrue, "radius of " + w);
            assertEquals(0.96 * num(w, "wall_radius"), num(w, "radius"), 1e-3, "radius = wall radius less the 4 % margin");
            int truth = plate12.colonyCount(k), counted = Integer.parseInt(w.get("colonies"));
            assertEquals(truth, counted, Math.max(5, 0.25 * truth), "colonies in " + w.get("well") + " (truth " + truth + ")");
            assertEquals(counted, perWell.getOrDefault(w.get("well"), 0), "colonies.csv rows of " + w.get("well"));
            String well = w.get("well");
            assertEquals(CliTest.readCsv(plate12Out.resolve("colonies.csv")).stream()
                    .filter(c -> c.get("well").equals(well) && c.get("status").equals("rejected")).count(), (long) num(w, "rejected_objects"));
            assertEquals(w.get("reasons").isEmpty() ? "ok" : "check", w.get("status"), w.toString());
            double area = num(w, "area_percent"), intensity = num(w, "intensity_percent");
            assertTrue(area > 0 && area < 100 && intensity > 0 && intensity <= area, w.toString());
            assertEquals("plate12.png", w.get("image"));
            total += counted;
            truthTotal += truth;
        }
        assertEquals(truthTotal, total, 0.15 * truthTotal, "colonies on the plate");
        // more colonies, more stain: the columns' stained area falls with the colony counts 80/60/40/20
        for (int row = 0; row < 3; row++)
            for (int col = 1; col < 4; col++)
                assertTrue(num(wells.get(row * 4 + col - 1), "area_percent") > num(wells.get(row * 4 + col), "area_percent"), "area falls along row " + row);

        BufferedImage png = ImageIO.read(plate12Out.resolve("overlay.png").toFile());
        assertNotNull(png);
        assertEquals(1200, png.getWidth());
        assertEquals(840, png.getHeight());

        Map<String, String> run = new HashMap<>();
        for (Map<String, String> kv : CliTest.readCsv(plate12Out.resolve("run.csv"))) run.putIfAbsent(kv.get("key"), kv.get("value"));
        assertEquals("wells", run.get("command"));
        assertEquals("12", run.get("result.format"));
        assertEquals(String.valueOf(total), run.get("result.colonies"));
        assertEquals("sha256:" + CliTest.sha256(plate12Png), run.get("input_sha256"));
    }

    /**
     * Without a calibration the scale is the plate's: 2 x median wall radius / 22.1 mm (12-well
     * inner diameter, PlateFormat); colonies.csv's area_mm2 = area / scale^2.
     */
    @Test
    void theScaleComesFromTheWellsWhenTheImageHasNone() throws Exception {
        List<Map<String, String>> wells = CliTest.readCsv(plate12Out.resolve("wells.csv"));
        double[] radii = wells.stream().mapToDouble(w -> num(w, "wall_radius")).sorted().toArray();
        double scale = (radii[5] + radii[6]) / 22.1; // 2 x the median of 12 over the diameter
        Map<String, String> run = new HashMap<>();
        for (Map<String, String> kv : CliTest.readCsv(plate12Out.resolve("run.csv"))) run.putIfAbsent(kv.get("key"), kv.get("value"));
        assertEquals(scale, Double.parseDouble(run.get("result.px_per_mm")), 1e-5);
        assertEquals(plate12.pxPerMm(), scale, 0.1 * plate12.pxPerMm(), "the scale the plate was drawn at");
        for (Map<String, String> c : CliTest.readCsv(plate12Out.resolve("colonies.csv")))
            assertEquals(num(c, "area") / (scale * scale), num(c, "area_mm2"), 1e-5 + 1e-6 * num(c, "area_mm2"), c.toString());
    }

    /** min_colony_diameter_mm through a TIFF calibration (um): the limit is pi/4 (d s)^2 px, s = 1 / pixel size. */
    @Test
    void minColonyDiameterUsesTheImageCalibration() throws Exception {
        ImagePlus imp = plate12.image();
        double umPerPx = 1000 / plate12.pxPerMm();
        imp.getCalibration().setUnit("um");
        imp.getCalibration().pixelWidth = umPerPx;
        imp.getCalibration().pixelHeight = umPerPx;
        Path tif = tmp.resolve("calibrated.tif");
        assertTrue(IJ.saveAsTiff(imp, tif.toString()));
        Path out = tmp.resolve("cal");
        CliRun.Run r = CliRun.run("wells", "image=" + tif, "out=" + out, "min_colony_diameter_mm=1.6");
        assertEquals(0, r.status(), r.toString());
        Map<String, String> run = new HashMap<>();
        for (Map<String, String> kv : CliTest.readCsv(out.resolve("run.csv"))) run.putIfAbsent(kv.get("key"), kv.get("value"));
        assertEquals(plate12.pxPerMm(), Double.parseDouble(run.get("result.px_per_mm")), 1e-4 * plate12.pxPerMm());
        assertEquals("image calibration", run.get("result.scale_from"));
        double minArea = Math.PI / 4 * Math.pow(1.6 * plate12.pxPerMm(), 2); // the median colony diameter of the plate
        List<Map<String, String>> colonies = CliTest.readCsv(out.resolve("colonies.csv"));
        for (Map<String, String> c : colonies) assertTrue(num(c, "area") >= minArea - 1e-9, "colony below the limit " + minArea + ": " + c);
        assertTrue(counted(out.resolve("colonies.csv")).size() < counted(plate12Out.resolve("colonies.csv")).size(), "the size limit removes small colonies");
        assertTrue(colonies.size() > 0, "and keeps the large ones");

        // the PNG has no calibration: the scale is the plate's (a second pass with the limit in pixels)
        Path out2 = tmp.resolve("plate scale");
        r = CliRun.run("wells", "image=" + plate12Png, "out=" + out2, "min_colony_diameter_mm=1.6");
        assertEquals(0, r.status(), r.toString());
        run.clear();
        for (Map<String, String> kv : CliTest.readCsv(out2.resolve("run.csv"))) run.putIfAbsent(kv.get("key"), kv.get("value"));
        assertEquals("12-well plate (well diameter 22.1 mm)", run.get("result.scale_from"));
        double s = Double.parseDouble(run.get("result.px_per_mm"));
        double limit = Math.PI / 4 * Math.pow(1.6 * s, 2);
        List<Map<String, String>> c2 = CliTest.readCsv(out2.resolve("colonies.csv"));
        for (Map<String, String> c : c2) assertTrue(num(c, "area") >= limit - 1e-9, "colony below the limit " + limit + ": " + c);
        assertTrue(c2.size() > 0 && counted(out2.resolve("colonies.csv")).size() < counted(plate12Out.resolve("colonies.csv")).size());
    }

    /**
     * Plating efficiency and surviving fraction by hand from the written counts (Franken et al.
     * 2006, Nat Protoc 1:2315): PE = colonies / cells seeded, SF = PE / mean PE of the control
     * wells, response = 100 SF. Column 1 (A1, B1, C1) is the untreated control (dose 0).
     */
    /**
     * A plate photographed from below is the mirror image of the plate seen from above: with
     * mirror=true its wells get the names the plate's labels give them (80 colonies in column 1,
     * at the image's right), so a layout assigns the right conditions.
     */
    @Test
    void aPlateSeenFromBelowIsNamedAsItsLabelsSay() throws Exception {
        ij.ImagePlus flipped = ij.IJ.openImage(plate12Png.toString());
        flipped.getProcessor().flipHorizontal();
        Path png = tmp.resolve("from below.png");
        SamplePlates.writeImage(flipped, png);
        Path out = tmp.resolve("mirror out");
        CliRun.Run r = CliRun.run("wells", "image=" + png, "out=" + out, "mirror=true");
        assertEquals(0, r.status(), r.toString());
        Map<String, Map<String, String>> seen = byWell(CliTest.readCsv(out.resolve("wells.csv")));
        Map<String, Map<String, String>> above = byWell(CliTest.readCsv(plate12Out.resolve("wells.csv")));
        assertEquals(above.keySet(), seen.keySet());
        for (String w : above.keySet()) {
            double a = num(above.get(w), "colonies"), b = num(seen.get(w), "colonies");
            assertEquals(a, b, Math.max(2, 0.03 * a), w + ": the same well, seen from above and from below");
        }
        assertTrue(num(seen.get("A1"), "x") > num(seen.get("A4"), "x"), "A1 at the image's right");
        // without mirror the names run left to right over the mirrored image: column 4's 20 colonies become A1's
        CliRun.Run plain = CliRun.run("wells", "image=" + png, "out=" + tmp.resolve("plain out"));
        assertEquals(0, plain.status(), plain.toString());
        assertTrue(num(byWell(CliTest.readCsv(tmp.resolve("plain out/wells.csv"))).get("A1"), "colonies") < 40);
    }

    @Test
    void layoutGivesPlatingEfficiencyAndSurvivingFraction() throws Exception {
        Path layout = tmp.resolve("layout.csv");
        StringBuilder sb = new StringBuilder("well,condition,dose_a,dose_b,cells_seeded,replicate\n");
        double[] dose = {0, 1, 3, 10};
        int[] seeded = {200, 200, 400, 800};
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 4; col++)
                sb.append((char) ('A' + row)).append(col + 1).append(',').append(col == 0 ? "untreated" : "drug " + dose[col]).append(',')
                        .append(dose[col]).append(",0,").append(seeded[col]).append(',').append(row + 1).append('\n');
        Files.writeString(layout, sb.toString());
        Path out = tmp.resolve("layout out");
        CliRun.Run r = CliRun.run("wells", "image=" + plate12Png, "out=" + out, "layout=" + layout);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> wells = CliTest.readCsv(out.resolve("wells.csv"));
        List<String> header = CliTest.splitCsv(Files.readAllLines(out.resolve("wells.csv")).get(0));
        assertEquals(WellTables.CONTRACT, header.subList(0, 7));
        assertTrue(header.containsAll(WellTables.LAYOUT), header.toString());
        assertFalse(header.contains("drug"), "drug and dose only with a drug column in the layout");
        assertFalse(Files.exists(out.resolve("titers.csv")), "titers only with dilutions in the layout");

        double control = 0;
        for (String w : List.of("A1", "B1", "C1")) control += num(byWell(wells).get(w), "colonies") / 200 / 3;
        for (Map<String, String> w : wells) {
            int col = Integer.parseInt(w.get("well").substring(1)) - 1;
            double pe = num(w, "colonies") / seeded[col];
            assertEquals(pe, num(w, "plating_efficiency"), 1e-6, w.toString());
            assertEquals(pe / control, num(w, "surviving_fraction"), 1e-6, w.toString());
            assertEquals(100 * pe / control, num(w, "response"), 1e-4, w.toString());
            assertEquals(col == 0 ? "untreated" : "drug " + dose[col], w.get("condition"));
            assertEquals(String.valueOf(row(w) + 1), w.get("replicate"));
        }
        Map<String, String> run = new HashMap<>();
        for (Map<String, String> kv : CliTest.readCsv(out.resolve("run.csv"))) run.putIfAbsent(kv.get("key"), kv.get("value"));
        assertEquals("untreated", run.get("result.control_condition"));
        assertEquals("3", run.get("result.control_wells"));
        List<String> inputs = new ArrayList<>();
        for (Map<String, String> kv : CliTest.readCsv(out.resolve("run.csv"))) if (kv.get("key").equals("input_sha256")) inputs.add(kv.get("value"));
        assertEquals(List.of("sha256:" + CliTest.sha256(plate12Png), "sha256:" + CliTest.sha256(layout)), inputs, "image and layout checksums");

        // the same wells with the control named explicitly, and a layout leaving wells out: those rows stay empty
        Files.writeString(layout, "well,condition,cells_seeded\nA1,ctrl,100\nA2,ctrl,100\nA4,treated,100\n");
        Path out2 = tmp.resolve("partial");
        r = CliRun.run("wells", "image=" + plate12Png, "out=" + out2, "layout=" + layout, "control_condition=ctrl");
        assertEquals(0, r.status(), r.toString());
        Map<String, Map<String, String>> w2 = byWell(CliTest.readCsv(out2.resolve("wells.csv")));
        double c = (num(w2.get("A1"), "colonies") + num(w2.get("A2"), "colonies")) / 200;
        assertEquals(num(w2.get("A4"), "colonies") / 100 / c, num(w2.get("A4"), "surviving_fraction"), 1e-6);
        assertEquals("", w2.get("B1").get("condition"));
        assertEquals("", w2.get("B1").get("surviving_fraction"));
        assertEquals("", w2.get("A3").get("plating_efficiency"));
    }

    /** A layout with dilutions adds titers.csv: each sample's titer over its ok wells, as wells.csv's counts give it. */
    @Test
    void dilutionsInTheLayoutGiveEachSamplesTiter() throws Exception {
        Path layout = tmp.resolve("titer layout.csv");
        StringBuilder sb = new StringBuilder("well,condition,dilution,volume_ml\n");
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 4; col++) sb.append((char) ('A' + row)).append(col + 1).append(row < 2 ? ",culture 1," : ",culture 2,")
                    .append(col < 2 ? "1e-6" : "1e-7").append(",0.1\n");
        Files.writeString(layout, sb.toString());
        Path out = tmp.resolve("titer out");
        CliRun.Run r = CliRun.run("wells", "image=" + plate12Png, "out=" + out, "layout=" + layout);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> titers = CliTest.readCsv(out.resolve("titers.csv"));
        assertEquals(List.of("culture 1", "culture 2"), titers.stream().map(t -> t.get("condition")).toList());
        double count = 0, stock = 0;
        for (Map<String, String> w : CliTest.readCsv(out.resolve("wells.csv"))) {
            if (w.get("well").startsWith("C") || !w.get("status").equals("ok")) continue;
            count += num(w, "colonies");
            stock += num(w, "dilution") * num(w, "volume_ml");
        }
        Map<String, String> first = titers.get(0);
        assertEquals(count, num(first, "colonies"), 0);
        assertEquals(count / stock, num(first, "cfu_per_ml"), 1e-6 * count / stock);
        assertTrue(num(first, "low") < num(first, "cfu_per_ml") && num(first, "cfu_per_ml") < num(first, "high"), first.toString());
        assertEquals("8", first.get("wells"));
    }

    private static int row(Map<String, String> w) {
        return w.get("well").charAt(0) - 'A';
    }

    /**
     * The 12-well sample with its layout (sample-images/plate12_crystal_violet.layout.csv, made by
     * SamplePlates from the same dose series as the colony counts): wells.csv feeds dose-response
     * directly (drug, dose, response columns), and the cisplatin curve falls.
     */
    @Test
    void sampleLayoutFeedsDoseResponse() throws Exception {
        List<Map<String, String>> layout = CliTest.readCsv(LAYOUT12);
        List<Map<String, String>> truth = CliTest.readCsv(SAMPLE12.resolveSibling("plate12_crystal_violet.truth.csv"));
        assertEquals(12, layout.size());
        for (int k = 0; k < 12; k++) {
            assertEquals(truth.get(k).get("well"), layout.get(k).get("well"));
            if (k >= 2) assertTrue(num(layout.get(k), "dose_a") >= num(layout.get(k - 2), "dose_a"), "doses rise as the true counts fall");
        }
        Path out = tmp.resolve("sample");
        CliRun.Run r = CliRun.run("wells", "image=" + SAMPLE12, "out=" + out, "layout=" + LAYOUT12);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> wells = CliTest.readCsv(out.resolve("wells.csv"));
        int counted = 0, trueTotal = 0;
        for (int k = 0; k < 12; k++) {
            Map<String, String> w = wells.get(k);
            counted += Integer.parseInt(w.get("colonies"));
            trueTotal += Integer.parseInt(truth.get(k).get("colonies"));
            assertEquals("cisplatin", w.get("drug"));
            assertEquals(w.get("dose_a"), w.get("dose"));
            assertEquals(layout.get(k).get("condition"), w.get("condition"));
        }
        // loose (the per-well counting accuracy is the core's to test): the plate's total, and counts falling with the dose
        assertEquals(934, trueTotal);
        assertEquals(trueTotal, counted, 0.15 * trueTotal, "colonies on the sample plate");
        for (int pair = 1; pair < 6; pair++)
            assertTrue(num(wells.get(2 * pair), "colonies") + num(wells.get(2 * pair + 1), "colonies")
                    < num(wells.get(2 * pair - 2), "colonies") + num(wells.get(2 * pair - 1), "colonies"), "fewer colonies at dose pair " + pair);
        Path fits = tmp.resolve("fits");
        CliRun.Run dr = CliRun.run("dose-response", "input=" + out.resolve("wells.csv"), "out=" + fits);
        assertEquals(0, dr.status(), dr.toString());
        Map<String, String> fit = CliTest.readCsv(fits.resolve("fits.csv")).get(0);
        assertEquals("cisplatin", fit.get("drug"));
        // truth: mean counts 146.5 (0 uM) to 16 (4 uM); 50 % of the control (73 colonies) lies between 0.5 uM (87) and 1 uM (61.5)
        double ic50 = num(fit, "ic50");
        assertTrue(ic50 > 0.35 && ic50 < 1.4, "IC50 " + ic50 + " uM");
    }

    /**
     * Manual wells from an ImageJ RoiSet: circles at the true wells given in shuffled order come
     * back named A1..B3 row-major; the analysed circle is the ROI's less the margin, exactly.
     * A rectangle stands for its inscribed circle.
     */
    @Test
    void manualRoiWellsAreNamedRowMajorAndAnalysedAsDrawn() throws Exception {
        SyntheticPlate.Result p6 = SyntheticPlate.builder().format("6").mode(SyntheticPlate.Mode.GRAY8).size(900, 620)
                .colonies(60, 40, 20, 55, 35, 15).noiseSigma(1).seed(5).build();
        Path img = tmp.resolve("plate6.png");
        SamplePlates.writeImage(p6.image(), img);
        int[] order = {4, 0, 5, 2, 1, 3};
        List<Roi> rois = new ArrayList<>();
        for (int k : order) {
            double r = p6.wellRadius(k);
            rois.add(k == 3 ? new Roi(p6.wellX(k) - r, p6.wellY(k) - r, 2 * r, 2 * r) : new OvalRoi(p6.wellX(k) - r, p6.wellY(k) - r, 2 * r, 2 * r));
        }
        Path zip = writeRois(tmp.resolve("wells.zip"), rois);
        Path out = tmp.resolve("roi");
        CliRun.Run run = CliRun.run("wells", "image=" + img, "out=" + out, "wells=roi", "well_rois=" + zip, "margin_percent=10");
        assertEquals(0, run.status(), run.toString());
        List<Map<String, String>> wells = CliTest.readCsv(out.resolve("wells.csv"));
        assertEquals(List.of("A1", "A2", "A3", "B1", "B2", "B3"), wells.stream().map(w -> w.get("well")).toList());
        for (int k = 0; k < 6; k++) {
            Map<String, String> w = wells.get(k);
            // OvalRoi/Roi keep sub-pixel bounds as float: 1e-3 px
            assertEquals(p6.wellX(k), num(w, "x"), 1e-3, w.toString());
            assertEquals(p6.wellY(k), num(w, "y"), 1e-3, w.toString());
            assertEquals(p6.wellRadius(k), num(w, "wall_radius"), 1e-3, w.toString());
            assertEquals(0.9 * p6.wellRadius(k), num(w, "radius"), 1e-3, w.toString());
            assertEquals(p6.colonyCount(k), num(w, "colonies"), Math.max(5, 0.25 * p6.colonyCount(k)), w.toString());
        }
        List<String> runCsv = Files.readAllLines(out.resolve("run.csv"));
        assertTrue(runCsv.contains("input_sha256,sha256:" + CliTest.sha256(zip)), "the ROI file's checksum in run.csv");

        // one ROI = one dish, named A1
        Path one = writeRois(tmp.resolve("one.zip"), List.of(rois.get(1)));
        Path out1 = tmp.resolve("roi1");
        assertEquals(0, CliRun.run("wells", "image=" + img, "out=" + out1, "wells=roi", "well_rois=" + one).status());
        List<Map<String, String>> w1 = CliTest.readCsv(out1.resolve("wells.csv"));
        assertEquals(1, w1.size());
        assertEquals("A1", w1.get(0).get("well"));
        assertEquals(p6.wellX(0), num(w1.get(0), "x"), 1e-3);
    }

    /**
     * The correction loop: a run's well_rois.zip (walls named A1..C4) given back counts the same
     * colonies in the same wells; with one well removed (a damaged well) every other keeps its name.
     */
    @Test
    void wellRoisOfARunReplayByName() throws Exception {
        Path zip = plate12Out.resolve("well_rois.zip");
        Roi[] rois = org.assayquant.ij.RoiFiles.read("well_rois", zip.toString());
        assertEquals("A1", rois[0].getName());
        List<Map<String, String>> auto = CliTest.readCsv(plate12Out.resolve("wells.csv"));
        List<Roi> without = new ArrayList<>(List.of(rois));
        without.removeIf(r -> r.getName().equals("B2"));
        Path edited = tmp.resolve("edited.zip");
        try (var os = Files.newOutputStream(edited)) {
            org.assayquant.ij.RoiFiles.write(without, os);
        }
        Path out = tmp.resolve("edited");
        CliRun.Run run = CliRun.run("wells", "image=" + plate12Png, "out=" + out, "wells=roi", "well_rois=" + edited);
        assertEquals(0, run.status(), run.toString());
        List<Map<String, String>> again = CliTest.readCsv(out.resolve("wells.csv"));
        List<Map<String, String>> expected = auto.stream().filter(w -> !w.get("well").equals("B2")).toList();
        assertEquals(expected.stream().map(w -> w.get("well")).toList(), again.stream().map(w -> w.get("well")).toList());
        for (int k = 0; k < expected.size(); k++)
            assertEquals(expected.get(k).get("colonies"), again.get(k).get("colonies"), expected.get(k).get("well"));
        assertTrue(Files.readString(out.resolve("run.csv")).contains("scale_from,12-well plate"), "the format from the names: a 12-well plate");
    }

    static Path writeRois(Path zip, List<Roi> rois) throws IOException {
        try (var zos = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            int i = 0;
            for (Roi r : rois) {
                zos.putNextEntry(new java.util.zip.ZipEntry(String.format(Locale.ROOT, "well-%02d.roi", ++i)));
                zos.write(RoiEncoder.saveAsByteArray(r));
                zos.closeEntry();
            }
        }
        return zip;
    }

    // ---- bad input -----------------------------------------------------------------------------

    /** A blank (uniform) image: no wells. */
    static Path blank(Path dir) throws IOException {
        ByteProcessor bp = new ByteProcessor(600, 400);
        bp.setValue(200);
        bp.fill();
        Path p = dir.resolve("blank.png");
        SamplePlates.writeImage(new ImagePlus("blank", bp), p);
        return p;
    }

    static Stream<Arguments> badLayouts() {
        return Stream.of(
                Arguments.of("well,condition,cells_seeded\nA1,control,500\nH12,drug,500\n", "line 3, column well: well H12 is not on the 12-well plate (wells A1-C4)"),
                Arguments.of("well,condition,cells_seeded\nA1,control,500\nA2,drug,many\n", "line 3, column cells_seeded: 'many' is not a number"),
                Arguments.of("well,condition,cells_seeded\nA1,control,0\n", "line 2, column cells_seeded: 0 cells (expected the number of cells seeded in the well, > 0)"),
                Arguments.of("well,condition,cells_seeded\nA1,control,500\nA2,drug,\n", "line 3, column cells_seeded: empty (a number is required)"),
                Arguments.of("well,condition,cells_seeded\nA1,control,500\na01,drug,500\n", "line 3, column well: well A1 is already on line 2"),
                Arguments.of("well,condition,cells_seeded\n1A,control,500\n", "line 2, column well: '1A' is not a well name"),
                Arguments.of("well,condition,cells_seeded\nA1,,500\n", "line 2, column condition: empty"),
                Arguments.of("well,condition,dose_a\nA1,control,-1\n", "line 2, column dose_a: -1 is negative"),
                Arguments.of("well,cells_seeded\nA1,500\n", "missing column condition"),
                Arguments.of("well,condition,dose_a,dose_b,cells_seeded\nA1,medium,0,0,500\nA2,water,0,0,500\n", "the conditions medium, water all have dose_a = dose_b = 0: which one is the control?"));
    }

    @ParameterizedTest
    @MethodSource("badLayouts")
    void badLayoutsAreRefusedNamingFileLineAndColumn(String csv, String expected) throws Exception {
        Path layout = tmp.resolve("layout.csv");
        Files.writeString(layout, csv, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        new CliTest().assertCleanFailure(Set.of(2), "layout=" + layout + ": " + expected, out, layout,
                "wells", "image=" + plate12Png, "out=" + out, "layout=" + layout);
    }

    @Test
    void badImagesAndKeysAreRefused() throws Exception {
        CliTest cli = new CliTest();
        Path out = tmp.resolve("out");
        Path text = tmp.resolve("plate.png");
        Files.writeString(text, "well,colonies\nA1,12\n");
        cli.assertCleanFailure(Set.of(2), "image=" + text + ": not a TIFF, PNG or JPEG file", out, text, "wells", "image=" + text, "out=" + out);
        Path blank = blank(tmp);
        cli.assertCleanFailure(Set.of(1), "image=" + blank + ": no dish or plate of 6-96 wells found", out, blank, "wells", "image=" + blank, "out=" + out);
        cli.assertCleanFailure(Set.of(2), "format=7: expected one of auto, dish, 6, 12, 24, 48, 96", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "format=7");
        cli.assertCleanFailure(Set.of(2), "polarity=dark: expected one of auto, dark_stain, light_colonies", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "polarity=dark");
        cli.assertCleanFailure(Set.of(2), "margin_percent=60: expected at most 50", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "margin_percent=60");
        cli.assertCleanFailure(Set.of(2), "unknown key 'colony_area' for wells", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "colony_area=5");
        cli.assertCleanFailure(Set.of(2), "out: required", out, null, "wells", "image=" + plate12Png);
        cli.assertCleanFailure(Set.of(2), "channel=red: the image is grayscale", out, null,
                "wells", "image=" + Path.of("sample-images", "plate6_scan_16bit.tif"), "out=" + out, "channel=red");
        cli.assertCleanFailure(Set.of(2), "control_condition=DMSO: no such condition in layout=" + LAYOUT12, out, null,
                "wells", "image=" + SAMPLE12, "out=" + out, "layout=" + LAYOUT12, "control_condition=DMSO");
        cli.assertCleanFailure(Set.of(2), "layout=" + tmp.resolve("none.csv") + ": no such file", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "layout=" + tmp.resolve("none.csv"));
    }

    @Test
    void badRoiWellsAreRefused() throws Exception {
        CliTest cli = new CliTest();
        Path out = tmp.resolve("out");
        cli.assertCleanFailure(Set.of(2), "wells=roi: no well circles (add them to the ROI Manager, or give well_rois=<file.zip>)", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "wells=roi");
        Path poly = writeRois(tmp.resolve("poly.zip"), List.of(new OvalRoi(100, 100, 200, 200),
                new PolygonRoi(new FloatPolygon(new float[] {10, 90, 50}, new float[] {10, 10, 80}), Roi.POLYGON)));
        cli.assertCleanFailure(Set.of(2), "wells=roi: ROI 2 (", out, poly, "wells", "image=" + plate12Png, "out=" + out, "wells=roi", "well_rois=" + poly);
        Path outside = writeRois(tmp.resolve("outside.zip"), List.of(new OvalRoi(1000, 600, 400, 400)));
        cli.assertCleanFailure(Set.of(2), "lies partly outside the 1200x840 image", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "wells=roi", "well_rois=" + outside);
        cli.assertCleanFailure(Set.of(2), "well_rois=" + tmp.resolve("no.zip") + ": no such file", out, null,
                "wells", "image=" + plate12Png, "out=" + out, "wells=roi", "well_rois=" + tmp.resolve("no.zip"));
    }

    /** A dish has no standard size: a diameter limit needs a calibrated image. */
    @Test
    void minColonyDiameterWithoutAnyScaleIsRefused() throws Exception {
        SyntheticPlate.Result dish = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.GRAY8).size(500, 500).colonies(40).seed(3).build();
        Path img = tmp.resolve("dish.png");
        SamplePlates.writeImage(dish.image(), img);
        Path out = tmp.resolve("out");
        new CliTest().assertCleanFailure(Set.of(2), "min_colony_diameter_mm=0.5: image=" + img + " has no spatial calibration", out, img,
                "wells", "image=" + img, "out=" + out, "format=dish", "min_colony_diameter_mm=0.5");
        // without the size limit the dish is counted, named A1
        assertEquals(0, CliRun.run("wells", "image=" + img, "out=" + out, "format=dish").status());
        List<Map<String, String>> w = CliTest.readCsv(out.resolve("wells.csv"));
        assertEquals(1, w.size());
        assertEquals("A1", w.get(0).get("well"));
        assertEquals(40, num(w.get(0), "colonies"), 10);
        List<Map<String, String>> colonies = CliTest.readCsv(out.resolve("colonies.csv"));
        assertFalse(colonies.isEmpty());
        for (Map<String, String> c : colonies) assertEquals("", c.get("area_mm2"), "no area in mm^2 without a scale");
    }

    /** batch command=wells: each image's folder as the command alone, wells.csv and colonies.csv combined (a plate with a scale and a dish without). */
    @Test
    void batchCombinesPlatesAndDishes() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("plates"));
        Files.copy(plate12Png, folder.resolve("a_plate.png"));
        SyntheticPlate.Result dish = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.GRAY8).size(500, 500).colonies(40).seed(3).build();
        SamplePlates.writeImage(dish.image(), folder.resolve("b_dish.png"));
        Path out = tmp.resolve("batch");
        CliRun.Run r = CliRun.run("batch", "command=wells", "folder=" + folder, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<String> combined = Files.readAllLines(out.resolve("wells.csv"));
        List<String> a = Files.readAllLines(out.resolve("a_plate/wells.csv")), b = Files.readAllLines(out.resolve("b_dish/wells.csv"));
        assertEquals(1 + 12 + 1, combined.size());
        assertEquals(a, combined.subList(0, 13));
        assertEquals(b.get(1), combined.get(13));
        assertTrue(combined.get(13).startsWith("A1,"), "the dish is A1");
        List<String> alone = Files.readAllLines(plate12Out.resolve("wells.csv"));
        for (int i = 1; i < 13; i++)
            assertEquals(alone.get(i).replace(",plate12.png", ",a_plate.png"), a.get(i), "the batch runs the command as it runs alone");
        List<Map<String, String>> colonies = CliTest.readCsv(out.resolve("colonies.csv"));
        assertTrue(colonies.stream().anyMatch(c -> c.get("image").equals("b_dish.png") && c.get("area_mm2").isEmpty()));
        assertTrue(colonies.stream().anyMatch(c -> c.get("image").equals("a_plate.png") && !c.get("area_mm2").isEmpty()));
    }

    @Test
    void helpListsEveryKey() {
        CliRun.Run r = CliRun.run("wells", "--help");
        assertEquals(0, r.status());
        for (String key : List.of("image", "out", "format", "mode", "mirror", "wells", "well_rois", "margin_percent", "min_colony_area", "min_colony_diameter_mm",
                "polarity", "channel", "background_radius", "threshold_sigma", "layout", "control_condition"))
            assertTrue(r.out().contains("  " + key + " "), key + " in\n" + r.out());
        assertTrue(r.out().contains("Fiji menu: Plugins > AssayQuant > Quantify Colony Wells"), r.out());
    }
}
