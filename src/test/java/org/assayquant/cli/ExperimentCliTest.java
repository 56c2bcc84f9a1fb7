package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;
import org.assayquant.testutil.CliRun;
import org.assayquant.testutil.ExampleExperiment;

/**
 * The experiment command (docs/experiment.md) on the example experiment and on small sheets:
 * every file of the output folder, the report, equality with the commands run alone, the known
 * answers of the example, independence of row and file order, a bad image skipped, bad sheets
 * refused with the line and column and nothing written.
 */
class ExperimentCliTest {
    static final Path EXAMPLE = Path.of("docs", "example-experiment");
    static final Path SHEET = ExampleExperiment.SHEET;
    static final Path SAMPLES = Path.of("sample-images");
    static final Path CHEMI = SAMPLES.resolve("blot_chemi_16bit.tif");
    static final Path FILM = SAMPLES.resolve("blot_film_8bit_dark.tif");
    static final Path DOSE = Path.of("docs", "examples", "dose_response.csv");
    static final Path MATRIX = Path.of("docs", "examples", "synergy_matrix.csv");
    static final Path BLOCKS = Path.of("docs", "examples", "synergyfinder_blocks.csv");
    static final Path PLATE = SAMPLES.resolve("plate12_crystal_violet.png");
    static final Path LAYOUT = SAMPLES.resolve("plate12_crystal_violet.layout.csv");

    @TempDir
    Path tmp;

    /** The example experiment, run once per test JVM for the tests that read its output (ExampleExperiment). */
    static Path example;
    static CliRun.Run exampleRun;
    static Map<Path, String> inputsBefore;

    @BeforeAll
    static void runExample() {
        ExampleExperiment.Results r = ExampleExperiment.results();
        example = r.out();
        exampleRun = r.run();
        inputsBefore = r.inputsBefore();
    }

    static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        }
    }

    // ---- the example experiment ----------------------------------------------------------------

    @Test
    void exampleWritesEveryFileOfEveryStep() throws Exception {
        assertEquals(0, exampleRun.status(), exampleRun.toString());
        List<String> expected = new ArrayList<>(List.of("blots/", "blots/bands.csv", "blots/batch.csv", "blots/failures.csv", "blots/lanes.csv", "blots/run.csv"));
        for (String b : List.of("blot_chemi_16bit", "blot_doublet_16bit", "blot_film_8bit_dark"))
            for (String f : List.of("", "band_rois.zip", "bands.csv", "lane_rois.zip", "lanes.csv", "overlay.png", "profiles.png", "run.csv")) expected.add("blots/" + b + "/" + f);
        expected.addAll(List.of("chemo_panel/", "chemo_panel/curves.png", "chemo_panel/fits.csv", "chemo_panel/points.csv", "chemo_panel/run.csv",
                "colonies/", "colonies/colonies.csv", "colonies/overlay.png", "colonies/run.csv", "colonies/well_rois.zip", "colonies/wells.csv",
                "colony_survival/", "colony_survival/curves.png", "colony_survival/fits.csv", "colony_survival/points.csv", "colony_survival/run.csv",
                "experiment_sheet.csv", "failures.csv",
                "ganetespib_defactinib/", "ganetespib_defactinib/combinations.csv", "ganetespib_defactinib/fa_ci.png", "ganetespib_defactinib/fa_dri.png",
                "ganetespib_defactinib/heatmap_bliss.png", "ganetespib_defactinib/heatmap_hsa.png", "ganetespib_defactinib/heatmap_loewe.png",
                "ganetespib_defactinib/heatmap_zip.png", "ganetespib_defactinib/isobologram.png", "ganetespib_defactinib/isobologram_ed.png",
                "ganetespib_defactinib/median_effect.csv", "ganetespib_defactinib/median_effect.png", "ganetespib_defactinib/run.csv", "ganetespib_defactinib/summary.csv",
                "inputs.csv", "pAKT/", "pAKT/fold_change.csv", "pAKT/fold_change.png", "pAKT/normalized.csv", "pAKT/replicates.csv",
                "pAKT/run.csv", "pAKT/statistics.csv", "report.html", "run.csv", "steps.csv", "warnings.csv", OutputFolder.MANIFEST,
                "screen_blocks/", "screen_blocks/combinations.csv", "screen_blocks/median_effect.csv", "screen_blocks/run.csv", "screen_blocks/summary.csv"));
        for (String block : List.of("block_2", "block_4")) {
            expected.add("screen_blocks/" + block + "/");
            for (String f : List.of("fa_ci", "fa_dri", "heatmap_bliss", "heatmap_hsa", "heatmap_loewe", "heatmap_zip", "isobologram", "isobologram_ed", "median_effect"))
                expected.add("screen_blocks/" + block + "/" + f + ".png");
        }
        for (String f : List.of("", "band_rois.zip", "bands.csv", "lane_rois.zip", "lanes.csv", "linear_range.csv", "markers.csv", "overlay.png", "profiles.png", "run.csv"))
            expected.add("sizes/" + f);
        expected.sort(null);
        assertEquals(expected, tree(example));
        CliTest.assertNoPartials(example.getParent());
        for (Map.Entry<Path, String> e : inputsBefore.entrySet()) assertEquals(e.getValue(), RunInfo.sha256(e.getKey().toString()), "input modified: " + e.getKey());
        assertArrayEquals(Files.readAllBytes(SHEET), Files.readAllBytes(example.resolve("experiment_sheet.csv")), "the sheet's copy");
    }

    /** The example's sizes step: apparent sizes against the sizes the bands were placed at, the dilution's linear range (docs/sizes.md). */
    @Test
    void exampleSizesAndLinearRange() throws Exception {
        for (Map<String, String> b : CliTest.readCsv(example.resolve("sizes/bands.csv"))) {
            if (b.get("lane").equals("1")) continue;
            double truth = b.get("row").equals("1") ? 62 : 30;
            assertEquals(truth, Double.parseDouble(b.get("size")), 0.01 * truth, b.toString());
            assertEquals("kDa", b.get("size_unit"));
        }
        List<Map<String, String>> lr = CliTest.readCsv(example.resolve("sizes/linear_range.csv"));
        assertEquals(List.of("0.03125", "0.5"), List.of(lr.get(0).get("load_low"), lr.get(0).get("load_high")), "protein A: load 1 clipped");
        assertEquals(List.of("0.03125", "1"), List.of(lr.get(1).get("load_low"), lr.get(1).get("load_high")), "protein B: the whole series");
    }

    private static final String ONE_REPLICATE = "no bootstrap: some dose cells have a single replicate (the bootstrap resamples replicates within each cell); "
            + "the 95% intervals and p-values of HSA, Bliss, Loewe and ZIP are SynergyFinder's without replicates: mean +- 1.96 SD of the combinations' scores";

    /** The SynergyFinder-format step (issue 16): each block keeps its drugs' names and units, every model scored. */
    @Test
    void exampleSynergyFinderBlocksKeepTheirDrugsAndUnits() throws Exception {
        List<Map<String, String>> rows = CliTest.readCsv(example.resolve("screen_blocks/summary.csv"));
        assertEquals(List.of("2 Dinaciclib nM x Ipatasertib nM", "4 BMS-754807 nM x Trametinib nM"), rows.stream()
                .map(r -> r.get("block_id") + " " + r.get("drug_a") + " " + r.get("unit_a") + " x " + r.get("drug_b") + " " + r.get("unit_b")).distinct().toList());
        for (String block : List.of("2", "4"))
            assertEquals(List.of("bliss", "hsa", "loewe", "zip", "css", "overall"), rows.stream().filter(r -> r.get("block_id").equals(block)).map(r -> r.get("model")).toList());
        assertTrue(Files.readString(example.resolve("report.html")).contains("Dinaciclib"), "the report names the drugs");
    }

    @Test
    void exampleReportsProgressAndTheSaturatedFilmBand() {
        List<String> lines = exampleRun.errLines();
        assertEquals(List.of("[1/10] blot blots: blot_chemi_16bit.tif", "[2/10] blot blots: blot_doublet_16bit.tif", "[3/10] blot blots: blot_film_8bit_dark.tif",
                "[4/10] wells colonies: plate12_crystal_violet.png", "[5/10] blot sizes: dilution_marker_16bit.tif", "[6/10] dose-response chemo_panel: dose_response.csv",
                "[7/10] dose-response colony_survival: wells.csv", "[8/10] synergy ganetespib_defactinib: synergy_matrix.csv", "[9/10] normalize pAKT: bands.csv",
                "[10/10] synergy screen_blocks: synergyfinder_blocks.csv"),
                lines.stream().filter(l -> l.startsWith("[")).toList(), exampleRun.toString());
        // the film blot's lane 3 is clipped by construction (sample-images/README.md)
        // and compound_x levels off at 56% viability: its ic50 is relative, and says so; the dilution
        // series' load 1 and the unknown sample clip protein A by construction (docs/sizes.md)
        assertEquals(List.of("warning: blots: blot_film_8bit_dark.tif: 1 band(s) contain clipped pixels (saturated): their volumes underestimate the protein; use a shorter exposure",
                "warning: sizes: 2 band(s) contain clipped pixels (saturated): their volumes underestimate the protein; use a shorter exposure",
                "warning: chemo_panel: drug 'compound_x': the curve levels off between 56.23 and 100.5 and never reaches 50: ic50 is the midpoint of this partial effect (a relative ic50); there is no absolute ic50",
                "warning: screen_blocks: block 2 (Dinaciclib x Ipatasertib): Chou-Talalay: 2 combination(s) have a mean fraction affected outside (0, 1); their CI is not defined and left empty",
                "warning: screen_blocks: block 2 (Dinaciclib x Ipatasertib): " + ONE_REPLICATE,
                "warning: screen_blocks: block 4 (BMS-754807 x Trametinib): Chou-Talalay: 1 combination(s) have a mean fraction affected outside (0, 1); their CI is not defined and left empty",
                "warning: screen_blocks: block 4 (BMS-754807 x Trametinib): " + ONE_REPLICATE,
                "report: " + example.toAbsolutePath().normalize().resolve("report.html")), lines.stream().filter(l -> l.startsWith("warning: ") || l.startsWith("report: ")).toList()); // progress of a slow bootstrap (on a loaded machine) aside
    }

    @Test
    void stepsInputsAndRunTablesTraceTheExperiment() throws Exception {
        List<Map<String, String>> steps = CliTest.readCsv(example.resolve("steps.csv"));
        assertEquals(List.of("blots", "colonies", "sizes", "chemo_panel", "colony_survival", "ganetespib_defactinib", "pAKT", "screen_blocks"),
                steps.stream().map(r -> r.get("step")).toList(), "run order: image steps, then by name after the steps they read");
        assertEquals(List.of("blot", "wells", "blot", "dose-response", "dose-response", "synergy", "normalize", "synergy"), steps.stream().map(r -> r.get("command")).toList());
        assertEquals(List.of("2", "4", "8", "6", "5", "7", "3", "9"), steps.stream().map(r -> r.get("line")).toList(), "sheet lines");
        assertEquals("3", steps.get(0).get("images"));
        assertEquals("1", steps.get(1).get("images"));

        Map<String, Map<String, String>> inputs = new HashMap<>();
        for (Map<String, String> r : CliTest.readCsv(example.resolve("inputs.csv"))) inputs.put(r.get("file"), r);
        Map<String, Path> expected = new HashMap<>(Map.of("experiment.csv", SHEET, "pakt_samples.csv", EXAMPLE.resolve("pakt_samples.csv"),
                "../examples/dose_response.csv", DOSE, "../examples/synergy_matrix.csv", MATRIX,
                "../../sample-images/blot_chemi_16bit.tif", CHEMI, "../../sample-images/blot_film_8bit_dark.tif", FILM,
                "../../sample-images/blot_doublet_16bit.tif", SAMPLES.resolve("blot_doublet_16bit.tif"),
                "../../sample-images/plate12_crystal_violet.png", PLATE, "../../sample-images/plate12_crystal_violet.layout.csv", LAYOUT,
                "../../sample-images/dilution_marker_16bit.tif", SAMPLES.resolve("dilution_marker_16bit.tif")));
        expected.put("../examples/synergyfinder_blocks.csv", BLOCKS);
        assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(inputs.keySet()));
        for (Map.Entry<String, Path> e : expected.entrySet()) {
            assertEquals("sha256:" + CliTest.sha256(e.getValue()), inputs.get(e.getKey()).get("sha256"), e.getKey());
            assertEquals(String.valueOf(Files.size(e.getValue())), inputs.get(e.getKey()).get("bytes"), e.getKey());
        }
        assertEquals("pAKT", inputs.get("pakt_samples.csv").get("steps"));
        assertEquals("colonies", inputs.get("../../sample-images/plate12_crystal_violet.layout.csv").get("steps"));

        Map<String, String> run = new LinkedHashMap<>();
        List<String> runInputs = new ArrayList<>();
        for (Map<String, String> r : CliTest.readCsv(example.resolve("run.csv"))) {
            if (r.get("key").equals("input")) runInputs.add(r.get("value"));
            else run.putIfAbsent(r.get("key"), r.get("value"));
        }
        assertEquals("AssayQuant " + RunInfo.version(), run.get("software"));
        assertEquals("experiment", run.get("command"));
        assertEquals(11, runInputs.size(), "the sheet and the ten files it names: " + runInputs);
        assertEquals("8", run.get("result.steps"));
        assertEquals("5", run.get("result.images"));
        assertEquals("0", run.get("result.failed_images"));

        // the steps' own run.csv name the final folder, not the staging folder they were written in
        String pakt = Files.readString(example.resolve("pAKT/run.csv"));
        String out = example.toAbsolutePath().normalize().toString();
        assertTrue(pakt.contains("parameter.out," + out + java.io.File.separator + "pAKT"), pakt);
        assertTrue(pakt.contains("parameter.target," + out + java.io.File.separator + "blots" + java.io.File.separator + "blot_chemi_16bit" + java.io.File.separator + "bands.csv"), pakt);
        try (Stream<Path> s = Files.walk(example)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("run.csv")).toList())
                assertFalse(Files.readString(p).contains("assayquant-staging-"), "staging path left in " + p);
        }
    }

    /**
     * The experiment adds no analysis of its own: each step's tables are byte-identical to the
     * command run alone on the same input with the same keys.
     */
    @Test
    void everyStepWritesWhatItsCommandWritesAlone() throws Exception {
        Path alone = tmp.resolve("alone");
        assertEquals(0, CliRun.run("blot", "image=" + CHEMI, "out=" + alone.resolve("blot")).status());
        for (String f : List.of("bands.csv", "lanes.csv"))
            assertSameFile(alone.resolve("blot").resolve(f), example.resolve("blots/blot_chemi_16bit").resolve(f));
        assertEquals(0, CliRun.run("normalize", "target=" + alone.resolve("blot/bands.csv"), "samples=" + EXAMPLE.resolve("pakt_samples.csv"),
                "target_row=1", "control_row=2", "control_condition=DMSO", "out=" + alone.resolve("normalize")).status());
        for (String f : List.of("normalized.csv", "replicates.csv", "fold_change.csv", "statistics.csv"))
            assertSameFile(alone.resolve("normalize").resolve(f), example.resolve("pAKT").resolve(f));
        assertEquals(0, CliRun.run("dose-response", "input=" + DOSE, "response=viability", "out=" + alone.resolve("dose")).status());
        for (String f : List.of("fits.csv", "points.csv")) assertSameFile(alone.resolve("dose").resolve(f), example.resolve("chemo_panel").resolve(f));
        assertEquals(0, CliRun.run("synergy", "input=" + MATRIX, "response=viability", "bootstrap=1000", "seed=1", "out=" + alone.resolve("synergy")).status());
        for (String f : List.of("median_effect.csv", "combinations.csv", "summary.csv"))
            assertSameFile(alone.resolve("synergy").resolve(f), example.resolve("ganetespib_defactinib").resolve(f));
        assertEquals(0, CliRun.run("wells", "image=" + PLATE, "format=12", "layout=" + LAYOUT, "out=" + alone.resolve("wells")).status());
        for (String f : List.of("wells.csv", "colonies.csv")) assertSameFile(alone.resolve("wells").resolve(f), example.resolve("colonies").resolve(f));
        assertEquals(0, CliRun.run("dose-response", "input=" + alone.resolve("wells/wells.csv"), "response=viability", "out=" + alone.resolve("survival")).status());
        for (String f : List.of("fits.csv", "points.csv")) assertSameFile(alone.resolve("survival").resolve(f), example.resolve("colony_survival").resolve(f));

        // the folder step's combined bands.csv is the three images' tables, in file-name order
        List<String> combined = Files.readAllLines(example.resolve("blots/bands.csv"));
        List<String> concatenated = new ArrayList<>();
        for (String b : List.of("blot_chemi_16bit", "blot_doublet_16bit", "blot_film_8bit_dark")) {
            List<String> l = Files.readAllLines(example.resolve("blots").resolve(b).resolve("bands.csv"));
            if (concatenated.isEmpty()) concatenated.add(l.get(0));
            concatenated.addAll(l.subList(1, l.size()));
        }
        assertEquals(concatenated, combined);
        assertEquals(1 + 16 + 18 + 12, combined.size(), "8x2 + 6x3 + 6x2 bands (sample-images/README.md)");
    }

    static void assertSameFile(Path expected, Path actual) throws IOException {
        assertTrue(Files.isRegularFile(actual), "missing " + actual);
        assertEquals(Files.readString(expected), Files.readString(actual), actual + " differs from " + expected);
    }

    /**
     * The example's answers. Fold changes: p-AKT / beta-actin from the true band volumes of
     * sample-images/blot_chemi_16bit.truth.csv, relative to the mean of the two DMSO lanes,
     * averaged per condition (hand computation below); the measured volumes are within 2-3 % of the
     * truth, so the fold changes are within 3 %. IC50s: the simulated truths of
     * docs/examples/dose_response.csv (doxorubicin 0.08, cisplatin 4; docs/dose-response.md) lie in
     * the fitted 95 % intervals. Synergy: docs/examples/synergy_matrix.csv was simulated with FAK
     * inhibition lowering ganetespib's EC50 (docs/synergy.md), so the Bliss score is positive.
     */
    @Test
    void exampleRecoversTheKnownAnswers() throws Exception {
        Map<Integer, double[]> truth = new HashMap<>(); // lane -> {p-AKT, actin}
        for (Map<String, String> r : CliTest.readCsv(SAMPLES.resolve("blot_chemi_16bit.truth.csv")))
            truth.computeIfAbsent(Integer.parseInt(r.get("lane")), k -> new double[2])[Integer.parseInt(r.get("row")) - 1] = Double.parseDouble(r.get("true_volume"));
        double ref = (truth.get(1)[0] / truth.get(1)[1] + truth.get(2)[0] / truth.get(2)[1]) / 2;
        Map<String, int[]> lanes = Map.of("DMSO", new int[] {1, 2}, "defactinib 1 uM", new int[] {3, 4}, "ganetespib 25 nM", new int[] {5, 6},
                "ganetespib 25 nM + defactinib 1 uM", new int[] {7, 8});
        // by hand: 25/16 = 1.5625, 20/15.04 = 1.32979, reference 1.44614; defactinib (15/17.28 + 10/15.52)/2/1.44614 = 0.5229
        assertEquals(1.446144, ref, 1e-6);
        List<Map<String, String>> fc = CliTest.readCsv(example.resolve("pAKT/fold_change.csv"));
        assertEquals(4, fc.size());
        for (Map<String, String> r : fc) {
            int[] l = lanes.get(r.get("condition"));
            double expected = (truth.get(l[0])[0] / truth.get(l[0])[1] + truth.get(l[1])[0] / truth.get(l[1])[1]) / 2 / ref;
            double measured = Double.parseDouble(r.get("mean_fc"));
            assertEquals(expected, measured, 0.03 * expected, r.get("condition") + ": fold change vs truth");
            assertEquals("2", r.get("n"), "two experiments per condition");
        }
        assertEquals(0.5229, expectedFc(truth, ref, 3, 4), 1e-4);

        Map<String, Map<String, String>> fits = new HashMap<>();
        for (Map<String, String> r : CliTest.readCsv(example.resolve("chemo_panel/fits.csv"))) fits.put(r.get("drug"), r);
        for (Map.Entry<String, Double> e : Map.of("doxorubicin", 0.08, "cisplatin", 4.0).entrySet()) {
            Map<String, String> r = fits.get(e.getKey());
            assertTrue(Double.parseDouble(r.get("ic50_low")) <= e.getValue() && e.getValue() <= Double.parseDouble(r.get("ic50_high")),
                    e.getKey() + ": truth " + e.getValue() + " in the 95% interval " + r);
        }
        Map<String, String> bliss = CliTest.readCsv(example.resolve("ganetespib_defactinib/summary.csv")).stream()
                .filter(r -> r.get("model").equals("bliss")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(bliss.get("low")) > 0, "synergy by construction: " + bliss);
        assertEquals("ganetespib", bliss.get("drug_a"), "the drugs named in the input are in every table");
        assertEquals("µM", bliss.get("unit_b"));

        // colonies: the sample's true counts (plate12_crystal_violet.truth.csv, 934 in all); loose bounds, the
        // counting accuracy is the wells core's to test
        List<Map<String, String>> plateTruth = CliTest.readCsv(SAMPLES.resolve("plate12_crystal_violet.truth.csv"));
        List<Map<String, String>> wells = CliTest.readCsv(example.resolve("colonies/wells.csv"));
        int counted = wells.stream().mapToInt(w -> Integer.parseInt(w.get("colonies"))).sum();
        assertEquals(934, plateTruth.stream().mapToInt(w -> Integer.parseInt(w.get("colonies"))).sum());
        assertEquals(934, counted, 0.15 * 934, "colonies on the plate");
        // clonogenic survival: the IC50 of the same fit on the true counts (surviving fraction = count / mean of A1, A2
        // = 146.5, Franken et al. 2006), against the one from the measured counts
        List<Map<String, String>> layout = CliTest.readCsv(LAYOUT);
        StringBuilder sb = new StringBuilder("drug,dose,response\n");
        for (int k = 0; k < 12; k++)
            sb.append("cisplatin,").append(layout.get(k).get("dose_a")).append(',').append(100 * Double.parseDouble(plateTruth.get(k).get("colonies")) / 146.5).append('\n');
        Path truthInput = tmp.resolve("true_survival.csv");
        Files.writeString(truthInput, sb.toString());
        assertEquals(0, CliRun.run("dose-response", "input=" + truthInput, "out=" + tmp.resolve("true_survival")).status());
        double trueIc50 = Double.parseDouble(CliTest.readCsv(tmp.resolve("true_survival/fits.csv")).get(0).get("ic50"));
        assertEquals(0.6977, trueIc50, 0.001, "cisplatin IC50 of the true counts, uM");
        double ic50 = Double.parseDouble(CliTest.readCsv(example.resolve("colony_survival/fits.csv")).get(0).get("ic50"));
        assertEquals(trueIc50, ic50, 0.25 * trueIc50, "clonogenic IC50 from the measured counts");
    }

    private static double expectedFc(Map<Integer, double[]> truth, double ref, int a, int b) {
        return (truth.get(a)[0] / truth.get(a)[1] + truth.get(b)[0] / truth.get(b)[1]) / 2 / ref;
    }

    @Test
    void reportIsSelfContainedAndStatesChecksumsParametersAndResults() throws Exception {
        String html = Files.readString(example.resolve("report.html"), StandardCharsets.UTF_8);
        // offline: no script, no remote resource; every image is an embedded PNG equal to its file
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"(https?:|//)").matcher(html).find(), "no remote resource");
        Matcher img = Pattern.compile("<img alt=\"([^\"]+)\" src=\"([^\"]*)\"><figcaption><a href=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            assertTrue(img.group(2).startsWith("data:image/png;base64,"), img.group(1));
            byte[] png = Base64.getDecoder().decode(img.group(2).substring("data:image/png;base64,".length()));
            assertArrayEquals(Files.readAllBytes(example.resolve(img.group(3))), png, img.group(3));
        }
        assertEquals(39, images, "4 blot overlays, 4 lane-profile sheets, the plate overlay, the fold-change chart, 2 dose-response curves, 9 synergy plots, 9 for each of 2 blocks");
        Matcher href = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(html);
        while (href.find()) assertTrue(Files.exists(example.resolve(java.net.URLDecoder.decode(href.group(1), StandardCharsets.UTF_8))), "dead link " + href.group(1));

        // titled after the example's folder (the sheet is just experiment.csv), then the results, rounded for reading
        assertTrue(html.contains("<h1>example-experiment</h1>"), "the report's title");
        assertEquals("my_screen", org.assayquant.commands.ExperimentTestAccess.defaultTitle(Path.of("/data/my_screen.csv")));
        assertEquals("plate 3", org.assayquant.commands.ExperimentTestAccess.defaultTitle(Path.of("/data/plate 3/sheet.csv")));
        // the page opens with the results, rounded for reading, the exact numbers one hover away
        assertTrue(html.indexOf("id=\"results\"") < html.indexOf("id=\"steps\""), "results before provenance");
        assertTrue(html.contains("<td class=\"num\" title=\"0.0750414\">0.07504</td>"), "doxorubicin's ic50 at a glance");
        assertTrue(html.contains("<td>blot_film_8bit_dark.tif</td><td class=\"num\">6</td><td class=\"num\">12</td><td class=\"num\">0</td><td class=\"num\">1</td>"),
                "the film blot: 6 lanes, 12 bands, 1 saturated");
        // the blot normalized by the pAKT step carries its samples under its overlay
        assertTrue(html.contains("<br>Lanes: L1 DMSO exp 1, L2 DMSO exp 2, L3 defactinib exp 1,"), "lane names under the chemi blot's overlay");

        // traceability: software, every input's checksum, every step's parameters
        assertTrue(html.contains("AssayQuant " + RunInfo.version()));
        assertTrue(html.contains(System.getProperty("java.version")));
        assertTrue(html.contains(ij.ImageJ.VERSION));
        for (Path p : ExampleExperiment.INPUTS) assertTrue(html.contains("sha256:" + CliTest.sha256(p)), "checksum of " + p);
        for (String key : List.of("min_band_percent", "control_condition", "target_row", "bootstrap", "seed", "interval"))
            assertTrue(html.contains(">" + key + "<"), "parameter " + key);
        assertTrue(html.contains("java -jar assayquant-cli.jar experiment"), "the command line to run it again");
        assertTrue(html.contains("run(&quot;Analyze Experiment...&quot;"), "the macro line to run it again");

        // key results: the cells of the fold-change, statistics, fits and synergy summary tables (a number shown to 4
        // significant digits carries its exact value as the cell's tooltip)
        for (String table : List.of("pAKT/fold_change.csv", "pAKT/statistics.csv", "chemo_panel/fits.csv", "ganetespib_defactinib/summary.csv", "blots/bands.csv",
                "colonies/wells.csv", "colony_survival/fits.csv")) {
            for (Map<String, String> r : CliTest.readCsv(example.resolve(table)))
                for (String v : r.values())
                    if (!v.isEmpty()) assertTrue(html.contains(">" + escape(v) + "<") || html.contains("title=\"" + escape(v) + "\">"), table + ": cell '" + v + "' not in the report");
        }
        assertTrue(html.contains("clipped pixels (saturated)"), "the warning");
        assertTrue(html.contains("Colony formation"), "the sheet, with its wells row");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    // ---- order, failures, bad sheets -----------------------------------------------------------

    /** A folder with the images copied in the given order, the sample sheet, the synergy matrix and a sheet of these rows. */
    private Path experiment(String name, List<Path> images, String... rows) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path img = Files.createDirectories(dir.resolve("images"));
        for (Path p : images) Files.copy(p, img.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(EXAMPLE.resolve("pakt_samples.csv"), dir.resolve("samples.csv"));
        Files.copy(MATRIX, dir.resolve("matrix.csv"));
        Files.writeString(dir.resolve("sheet.csv"), String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    static final String BLOTS = "blot,blots,images,lanes=auto,all blots";

    /** Relative path -> bytes (Base64) of every file below dir, to compare before and after. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList())
                m.put(dir.relativize(p).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
        }
        return m;
    }
    static final String PAKT = "normalize,pAKT,{out}/blots/blot_chemi_16bit/bands.csv,samples=samples.csv control_row=2 control_condition=DMSO,";
    static final String SYN = "synergy,syn,matrix.csv,bootstrap=200 seed=7,";

    @Test
    void resultsDoNotDependOnRowOrderOrFileOrder() throws Exception {
        Path a = experiment("a", List.of(CHEMI, FILM), "step,name,input,options,note", BLOTS, PAKT, SYN);
        Path b = experiment("b", List.of(FILM, CHEMI), "step,name,input,options,note", SYN, "# a comment row,,,,", PAKT, BLOTS);
        CliRun.Run ra = CliRun.run("experiment", "sheet=" + a.resolve("sheet.csv"), "out=" + a.resolve("out"));
        CliRun.Run rb = CliRun.run("experiment", "sheet=" + b.resolve("sheet.csv"), "out=" + b.resolve("out"));
        assertEquals(0, ra.status(), ra.toString());
        assertEquals(0, rb.status(), rb.toString());
        assertEquals(ra.errLines().stream().filter(l -> l.startsWith("[")).toList(), rb.errLines().stream().filter(l -> l.startsWith("[")).toList(), "the same run order");
        Path oa = a.resolve("out"), ob = b.resolve("out");
        assertEquals(tree(oa), tree(ob));
        int compared = 0;
        for (String f : tree(oa)) {
            if (f.endsWith("/") || f.endsWith("run.csv") || f.equals("report.html") || f.equals("experiment_sheet.csv") || f.equals("inputs.csv") || f.equals("steps.csv")
                    || f.equals(OutputFolder.MANIFEST)) continue; // the manifest holds run.csv's checksum
            assertArrayEquals(Files.readAllBytes(oa.resolve(f)), Files.readAllBytes(ob.resolve(f)), f);
            compared++;
        }
        assertEquals(35, compared, "every table, figure (lane profiles too) and lane and band RoiSet compared");
        // steps.csv differs only in the sheet lines
        List<Map<String, String>> sa = CliTest.readCsv(oa.resolve("steps.csv")), sb = CliTest.readCsv(ob.resolve("steps.csv"));
        sa.forEach(r -> r.remove("line"));
        sb.forEach(r -> r.remove("line"));
        assertEquals(sa, sb);
    }

    @Test
    void aBadImageIsReportedAndSkippedAndTheRestIsWritten() throws Exception {
        Path dir = experiment("bad", List.of(CHEMI, FILM), "step,name,input,options,note", BLOTS, PAKT);
        byte[] junk = new byte[5000];
        new java.util.Random(7).nextBytes(junk);
        Files.write(dir.resolve("images/broken.tif"), junk);
        Path out = dir.resolve("out");
        CliRun.Run r = CliRun.run("experiment", "sheet=" + dir.resolve("sheet.csv"), "out=" + out);
        assertEquals(1, r.status(), r.toString());
        List<String> lines = r.errLines();
        assertEquals(List.of("[1/4] blot blots: blot_chemi_16bit.tif", "[2/4] blot blots: blot_film_8bit_dark.tif", "[3/4] blot blots: broken.tif",
                "[4/4] normalize pAKT: bands.csv"), lines.stream().filter(l -> l.startsWith("[")).toList(), r.toString());
        String error = lines.get(lines.size() - 1);
        assertTrue(error.startsWith("error: 1 image failed and was skipped (first: broken.tif: image=") && error.contains("not a TIFF, PNG or JPEG file")
                && error.contains("failures.csv"), error);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count(), r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("warning: blots: broken.tif failed and is skipped: image=")), r.toString());
        assertFalse(CliTest.looksLikeStackTrace(r.err()), r.toString());

        assertTrue(Files.isRegularFile(out.resolve("blots/blot_chemi_16bit/bands.csv")));
        assertTrue(Files.isRegularFile(out.resolve("blots/blot_film_8bit_dark/bands.csv")));
        assertFalse(Files.exists(out.resolve("blots/broken")), "nothing for the failed image");
        assertTrue(Files.isRegularFile(out.resolve("pAKT/fold_change.csv")), "later steps ran");
        List<Map<String, String>> failures = CliTest.readCsv(out.resolve("failures.csv"));
        assertEquals(1, failures.size());
        assertEquals("blots", failures.get(0).get("step"));
        assertEquals("broken.tif", failures.get(0).get("image"));
        List<Map<String, String>> batch = CliTest.readCsv(out.resolve("blots/batch.csv"));
        assertEquals(List.of("ok", "ok", "failed"), batch.stream().map(x -> x.get("status")).toList());
        assertEquals("sha256:" + CliTest.sha256(dir.resolve("images/broken.tif")), batch.get(2).get("sha256"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Failed images (skipped)") && html.contains("broken.tif"), "the report lists the failure");
        CliTest.assertNoPartials(dir);
    }

    @Test
    void aFailingStepWritesNothingAndKeepsAnEarlierResult() throws Exception {
        Path dir = experiment("fail", List.of(CHEMI), "step,name,input,options,note", BLOTS,
                "normalize,pAKT,{out}/blots/blot_chemi_16bit/bands.csv,samples=samples.csv control_row=5,");
        Path out = dir.resolve("out");
        Path good = Files.writeString(dir.resolve("good.csv"), "step,name,input,options,note\n" + BLOTS + "\n");
        assertEquals(0, CliRun.run("experiment", "sheet=" + good, "out=" + out).status());
        Map<String, String> earlier = snapshot(out);
        CliRun.Run r = CliRun.run("experiment", "sheet=" + dir.resolve("sheet.csv"), "out=" + out);
        assertEquals(2, r.status(), r.toString());
        List<String> lines = r.errLines();
        String error = lines.get(lines.size() - 1);
        assertTrue(error.startsWith("error: sheet=" + dir.resolve("sheet.csv").toAbsolutePath().normalize() + ": line 3 (normalize step pAKT): control_row=5: "), error);
        assertEquals(List.of("[1/2] blot blots: blot_chemi_16bit.tif", "[2/2] normalize pAKT: bands.csv"), lines.subList(0, lines.size() - 1));
        assertEquals(earlier, snapshot(out), "the earlier output is untouched");
        CliTest.assertNoPartials(dir);
    }

    @Test
    void aRerunReplacesItsOwnResultsAndKeepsWhatAPersonAdded() throws Exception {
        Path dir = experiment("rerun", List.of(CHEMI), "step,name,input,options,note", "blot,chemi,images/blot_chemi_16bit.tif,,",
                "blot,old,images/blot_chemi_16bit.tif,,");
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.run("experiment", "sheet=" + dir.resolve("sheet.csv"), "out=" + out).status());
        Files.writeString(out.resolve("chemi/notes.csv"), "the user's notes on this blot\n");
        Files.writeString(out.resolve("my notes.txt"), "the user's\n");
        Files.writeString(dir.resolve("sheet.csv"), "step,name,input,options,note\nblot,chemi,images/blot_chemi_16bit.tif,,\n");
        assertEquals(0, CliRun.run("experiment", "sheet=" + dir.resolve("sheet.csv"), "out=" + out).status());
        assertFalse(Files.exists(out.resolve("old")), "the earlier run's step that this run has not: gone, so two runs never mix");
        assertTrue(Files.exists(out.resolve("my notes.txt")) && Files.exists(out.resolve("chemi/notes.csv")), "a person's files are left alone");
        assertEquals(List.of("chemi/", "chemi/band_rois.zip", "chemi/bands.csv", "chemi/lane_rois.zip", "chemi/lanes.csv", "chemi/notes.csv", "chemi/overlay.png", "chemi/profiles.png", "chemi/run.csv"),
                tree(out).stream().filter(f -> f.startsWith("chemi/")).toList());
    }

    static Stream<Arguments> badSheets() {
        String h = "step,name,input,options,note";
        return Stream.of(
                Arguments.of(List.of(h, "blott,,a.tif,,"), "line 2, column step: 'blott' is not a step; expected one of: blot, dose-response, normalize, synergy, wells"),
                Arguments.of(List.of(h, ",,matrix.csv,,"), "line 2, column step: empty (expected one of:"),
                Arguments.of(List.of(h, "experiment,,matrix.csv,,"), "line 2, column step: 'experiment' is not a step"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,respons=fa,"), "line 2, column options: unknown key 'respons' for synergy; expected one of: input, out, overwrite, response, bootstrap, seed"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,response=pct,"), "line 2, column options: response=pct: expected one of viability, inhibition, fa"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,bootstrap=many,"), "line 2, column options: bootstrap=many: expected a number"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,bootstrap=[5,"), "line 2, column options: bootstrap=[5: missing closing ']'"),
                Arguments.of(List.of(h, "synergy,,nosuch.csv,,"), "line 2, column input: input=nosuch.csv: no such file"),
                Arguments.of(List.of(h, "synergy,,,,"), "line 2, column input: empty; the synergy step needs its input"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,input=matrix.csv,"), "line 2, column options: input= is given twice"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,out=elsewhere,"), "line 2, column options: out is set by the experiment"),
                Arguments.of(List.of("step,input,option", "synergy,matrix.csv,"), "unknown column 'option' (the sheet's columns are step, name, input, options, note)"),
                Arguments.of(List.of("input,options", "matrix.csv,"), "missing column step"),
                Arguments.of(List.of("step;name;input;options", "synergy;;matrix.csv;"), "the columns are separated by ';'; expected ','"),
                Arguments.of(List.of(h, "synergy,a,matrix.csv,,", "dose-response,a,matrix.csv,,"), "line 3, column name: the step name 'a' is also the name of line 2"),
                Arguments.of(List.of(h, "synergy,,matrix.csv,,", "synergy,,matrix.csv,seed=2,"), "line 3, column input: the step name 'matrix' is also the name of line 2"),
                Arguments.of(List.of(h, "synergy,a b,matrix.csv,,"), "line 2, column name: 'a b' cannot name a step"),
                Arguments.of(List.of(h, "normalize,n,{out}/blots/bands.csv,samples=samples.csv,"), "line 2, column input: target={out}/blots/bands.csv: there is no step named 'blots' (steps: n)"),
                Arguments.of(List.of(h, "normalize,n,{out},samples=samples.csv,"), "line 2, column input: target={out}: {out} must be followed by /<step name>/<file>"),
                Arguments.of(List.of(h, "normalize,n,{out}/n/bands.csv,samples=samples.csv,"), "line 2, column input: target={out}/n/bands.csv: a step cannot read its own output"),
                Arguments.of(List.of(h, "normalize,m,{out}/n/bands.csv,samples=samples.csv,", "normalize,n,{out}/m/bands.csv,samples=samples.csv,"),
                        "line 2: step m reads the output of n, and the steps m, n read each other's outputs in a cycle"),
                Arguments.of(List.of(h, "blot,b,images/blot_chemi_16bit.tif,,", "normalize,n,{out}/b/bands.csv,samples=nosuch.csv,"), "line 3, column options: samples=nosuch.csv: no such file"),
                Arguments.of(List.of(h, "blot,b,images/blot_chemi_16bit.tif,target_image={out}/x,"), "line 2, column options: unknown key 'target_image' for blot"),
                Arguments.of(List.of(h, "normalize,n,matrix.csv,target_image={out}/b,"), "line 2, column options: target_image={out}/b: {out} stands for the output folder and is replaced in file keys only"),
                Arguments.of(List.of(h, "synergy,,images,,"), "line 2, column input: input=images: a folder or pattern; only image steps (image=) run on a folder of files"),
                Arguments.of(List.of(h, "blot,,images/*.png,,"), "line 2, column input: image=images/*.png: no images in"),
                Arguments.of(List.of(h, "blot,b,images/blot_chemi_16bit.tif,background=foo,"), "line 2, column options: background=foo: expected one of border_median, valley, rolling_ball"),
                Arguments.of(List.of(h, "# everything commented out,,,,"), "no steps (expected rows with step, input and options"),
                Arguments.of(List.of(h, "# a comment,,,,", "synergy,,matrix.csv,,", "synergy,late,nosuch.csv,,"), "line 4, column input: input=nosuch.csv: no such file"));
    }

    @ParameterizedTest
    @MethodSource("badSheets")
    void badSheetsAreRefusedWithLineAndColumnAndNothingIsWritten(List<String> rows, String expected) throws Exception {
        Path dir = experiment("sheet", List.of(CHEMI), rows.toArray(new String[0]));
        Path sheet = dir.resolve("sheet.csv");
        String before = CliTest.sha256(sheet);
        Path out = dir.resolve("out");
        CliRun.Run r = CliRun.run("experiment", "sheet=" + sheet, "out=" + out);
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), "exactly one stderr line: the sheet is checked before anything runs; " + r);
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: sheet=" + sheet + ": "), line);
        assertTrue(line.contains(expected), "expected '" + expected + "' in\n" + line);
        assertFalse(Files.exists(out), "no output folder");
        CliTest.assertNoPartials(dir);
        assertEquals(before, CliTest.sha256(sheet));
    }

    @Test
    void missingKeysAndHelp() {
        CliRun.Run r = CliRun.run("experiment", "out=" + tmp.resolve("o"));
        assertEquals(2, r.status());
        assertTrue(r.errLines().get(0).startsWith("error: sheet: required"), r.toString());
        r = CliRun.run("experiment", "sheet=" + tmp.resolve("none.csv"), "out=" + tmp.resolve("o"));
        assertEquals(2, r.status());
        assertEquals("error: sheet=" + tmp.resolve("none.csv") + ": no such file", r.errLines().get(0));
        r = CliRun.run("experiment", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Fiji menu: Plugins > AssayQuant > Analyze Experiment") && r.out().contains("sheet") && r.out().contains("title"), r.out());
        r = CliRun.run("--help");
        assertTrue(r.out().contains("experiment") && r.out().contains("batch"), r.out());
    }
}
