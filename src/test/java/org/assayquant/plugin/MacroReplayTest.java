package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.assayquant.cli.Main;
import org.assayquant.commands.AssayCommand;
import org.assayquant.commands.CommandSpec;
import org.assayquant.commands.Commands;
import org.assayquant.plugin.ImageJLauncher.Launch;

/**
 * Replays macro lines in a real ImageJ 1.x (ij.jar -batch, under Xvfb, since GenericDialog and
 * macro run() need a display) with the plugin installed the way a user installs it: a thin
 * AssayQuant_.jar in plugins/ (built here from target/classes, as surefire runs before the jar is
 * packaged) and its runtime dependencies in plugins/jars/. Checks that a recorded line replays to
 * exactly what the command line writes, and that a bad line fails fast (no modal dialog hang).
 * Skipped where Xvfb is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the plain replay first: if it hangs, the rest fail at once
class MacroReplayTest {

    /** A launch that takes longer than this is taken as hung (a modal dialog). */
    private static final long LAUNCH_TIMEOUT_S = 40;
    private static final String MENU_LABEL = "Quantify Blot Bands...";

    @TempDir
    static Path tmp;

    private static Path ijJar;
    private static Path ijDir;
    private static Path sample;
    private static int launches;
    /** Set when a launch hangs: later tests fail at once instead of waiting out their own timeout. */
    private static String hung;

    @BeforeAll
    static void installPlugin() throws IOException {
        assumeTrue(ImageJLauncher.available(), "Xvfb not on PATH (apt-get install -y xvfb): macro replay tests skipped");
        sample = Path.of("sample-images", "blot_chemi_16bit.tif").toAbsolutePath();
        assertTrue(Files.isRegularFile(sample), "missing sample image " + sample);
        ijDir = ImageJLauncher.install(tmp);
        ijJar = PluginJars.ijJar();
    }

    // a) a hand-written macro line (all keys) replays to exactly what the command line writes
    @Test
    @Order(10)
    void macroLineWritesWhatTheCommandLineWrites() throws Exception {
        Path macroOut = tmp.resolve("a-macro");
        Path cliOut = tmp.resolve("a-cli");
        Launch run = runMacro("a", "run(\"" + MENU_LABEL + "\", \"image=[" + macroString(sample) + "] out=["
                + macroString(macroOut) + "] lanes=auto polarity=auto background=border_median radius=0 "
                + "min_band_percent=4 lane_rois=[] marker_lane=0 marker_sizes=precision_plus loads=[]\");\n");
        assertSucceeded(run, macroOut);
        assertEquals(0, Main.run(new String[] {"blot", "image=" + sample, "out=" + cliOut}), "CLI exit status");
        assertSameTables(cliOut, macroOut);
    }

    // b) the line the recorder writes from the dialog (CommandSpec#macroOptions) replays identically
    @Test
    @Order(20)
    void recordedLineReplaysIdentically() throws Exception {
        Path macroOut = tmp.resolve("b-macro");
        Path cliOut = tmp.resolve("b-cli");
        String line = recordedLine(sample, macroOut);
        assertTrue(line.contains("lanes=auto") && line.contains("lane_rois=[]"), line);
        Launch run = runMacro("b", line + "\n");
        assertSucceeded(run, macroOut);
        assertEquals(0, Main.run(new String[] {"blot", "image=" + sample, "out=" + cliOut}), "CLI exit status");
        assertSameTables(cliOut, macroOut);
    }

    // b') the same with spaces in the paths (recorded as key=[a b])
    @Test
    @Order(30)
    void recordedLineWithSpacesInPathsReplays() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("with space"));
        Path image = Files.copy(sample, dir.resolve("blot chemi 16bit.tif"), StandardCopyOption.REPLACE_EXISTING);
        Path macroOut = dir.resolve("macro out");
        Path cliOut = dir.resolve("cli out");
        String line = recordedLine(image, macroOut);
        assertTrue(line.contains("image=[" + macroString(image) + "]"), line);
        Launch run = runMacro("b2", line + "\n");
        assertSucceeded(run, macroOut);
        assertEquals(0, Main.run(new String[] {"blot", "image=" + image, "out=" + cliOut}), "CLI exit status");
        assertSameTables(cliOut, macroOut);
    }

    // b'') ImageJ's own recorder, fed by the real dialog (defaults left as they are), writes that same line
    @Test
    @Order(40)
    void recorderWritesTheLineCommandSpecPredictsAndItReplays() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("recorder dir"));
        Path out = dir.resolve("dialog out");
        Path cliOut = dir.resolve("cli out");
        Path recorded = tmp.resolve("recorded.ijm");
        Path harness = Path.of(RecorderHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String what = "RecorderHarness: dialog of '" + MENU_LABEL + "' with image and out typed in, OK";
        Launch dialog = guard(what, () -> ImageJLauncher.java(tmp, "recorder", what, List.of("-Djava.awt.headless=false", "-Xmx1g", "-cp", ijJar + File.pathSeparator + harness,
                        RecorderHarness.class.getName(), ijDir.toString(), MENU_LABEL, sample.toString(), out.toString(),
                        recorded.toString()), LAUNCH_TIMEOUT_S));
        String text = read(recorded);
        String line = text.lines().filter(l -> l.startsWith("run(\"" + MENU_LABEL + "\"")).findFirst().orElse(null);
        assertNotNull(line, "nothing recorded:\n" + text + "\n" + dialog);
        assertEquals(recordedLine(sample, out), line, "ImageJ's recorder and CommandSpec#macroOptions disagree");
        assertSucceeded(dialog, out);
        assertEquals(0, Main.run(new String[] {"blot", "image=" + sample, "out=" + cliOut}), "CLI exit status");
        assertSameTables(cliOut, out);

        deleteTree(out);
        Launch replay = runMacro("recorded", line + "\n");
        assertSucceeded(replay, out);
        assertSameTables(cliOut, out);
    }

    // b-iii) the dialog opens again with what the person chose (min_band_percent=10 reopened as 4.00 before)
    @Test
    @Order(45)
    void theDialogRemembersThePersonsLastValues() throws Exception {
        Path out = tmp.resolve("remember out");
        Path recorded = tmp.resolve("remember.txt");
        Path harness = Path.of(RecorderHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String what = "RecorderHarness: dialog with min_band_percent 10, OK, then the dialog again";
        Launch dialog = guard(what, () -> ImageJLauncher.java(tmp, "remember", what, List.of("-Djava.awt.headless=false", "-Xmx1g", "-Duser.home=" + tmp.resolve("home"), "-cp", ijJar + File.pathSeparator + harness,
                        RecorderHarness.class.getName(), ijDir.toString(), MENU_LABEL, sample.toString(), out.toString(), recorded.toString(), "remember"), LAUNCH_TIMEOUT_S));
        String text = read(recorded);
        assertTrue(text.contains("min_band_percent=10"), text + "\n" + dialog);
        String reopened = text.lines().filter(l -> l.startsWith("reopened:")).findFirst().orElse("");
        assertEquals(List.of("0.00", "10.00"), List.of(reopened.substring(Math.min(reopened.length(), "reopened:".length())).trim().split(" ")),
                "radius and min_band_percent as the dialog shows them again\n" + text + "\n" + dialog);
    }

    // c) bad keys or values: no hang, no output folder, an "error:" line in the log (printed to stdout by -batch)
    @Test
    @Order(60)
    void unknownKeyFailsFastWithAnErrorLine() throws Exception {
        Path out = tmp.resolve("c-unknown");
        Launch run = runMacro("c2", "run(\"" + MENU_LABEL + "\", \"image=[" + macroString(sample) + "] out=["
                + macroString(out) + "] lane=5\");\n");
        assertFailedCleanly(run, out, "unknown key 'lane' for blot; expected one of: image, out, overwrite, lanes,");
    }

    @Test
    @Order(70)
    void missingImageFailsFastWithAnErrorLine() throws Exception {
        Path out = tmp.resolve("c-noimage");
        Path missing = tmp.resolve("no-such-blot.tif");
        Launch run = runMacro("c3", "run(\"" + MENU_LABEL + "\", \"image=[" + macroString(missing) + "] out=["
                + macroString(out) + "]\");\n");
        assertFailedCleanly(run, out, "image=" + missing + ": no such file");
    }

    // a bad value fails fast with its error line, and (the plugin's contract, AssayQuantPlugin: "log, then stop the
    // macro") later macro lines do not run
    @Test
    @Order(80)
    void invalidLaneCountFailsFastAndStopsTheMacro() throws Exception {
        Path out = tmp.resolve("c-stop");
        Launch run = runMacro("c4", "run(\"" + MENU_LABEL + "\", \"image=[" + macroString(sample) + "] out=["
                + macroString(out) + "] lanes=0\");\nprint(\"AFTER-THE-FAILED-COMMAND\");\n");
        assertFailedCleanly(run, out, "lanes=0: expected auto, roi, a whole number of lanes >= 1, or one per strip (9;12)");
        assertFalse(run.stdout().contains("AFTER-THE-FAILED-COMMAND"),
                "the macro went on after the command failed\n" + run);
    }

    // an image ImageJ cannot decode: ImageJ's own error dialog must not block the macro either
    @ParameterizedTest
    @Order(90)
    @ValueSource(strings = {"corrupt.png", "corrupt.jpg", "random-bytes.tif", "notes.txt"})
    void unreadableImageFailsFastWithAnErrorLine(String file) throws Exception {
        Path image = tmp.resolve(file);
        byte[] junk = new byte[4000];
        new java.util.Random(20240601L).nextBytes(junk);
        byte[] magic = file.endsWith(".png") ? new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}
                : file.endsWith(".jpg") ? new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0} : new byte[0];
        if (file.endsWith(".txt")) junk = "lane 1: p-AKT\nlane 2: actin, loading control\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        Files.write(image, java.nio.ByteBuffer.allocate(magic.length + junk.length).put(magic).put(junk).array());
        Path out = tmp.resolve("c-unreadable-" + file);
        Launch run = runMacro("c5-" + file, "run(\"" + MENU_LABEL + "\", \"image=[" + macroString(image) + "] out=["
                + macroString(out) + "]\");\n");
        assertFailedCleanly(run, out, "image=" + image + ": ");
    }

    // the synergy command from a macro line with every key: the same tables as the command line; then a multi-block file
    @Test
    @Order(100)
    void synergyMacroLineWritesWhatTheCommandLineWrites() throws Exception {
        Path input = Path.of("docs", "examples", "synergy_matrix.csv").toAbsolutePath();
        Path blocks = Path.of("docs", "examples", "synergyfinder_blocks.csv").toAbsolutePath();
        Path blocksOut = tmp.resolve("s-blocks-macro"), blocksCli = tmp.resolve("s-blocks-cli");
        Path macroOut = tmp.resolve("s-macro");
        Path cliOut = tmp.resolve("s-cli");
        Launch run = runMacro("s", "run(\"Drug Synergy...\", \"input=[" + macroString(input) + "] out=[" + macroString(macroOut)
                + "] response=viability bootstrap=100 seed=3\");\n"
                + "titles = \"\"; for (i = 1; i <= nImages; i++) { selectImage(i); titles = titles + getTitle() + \";\"; }\n"
                + "print(\"IMAGES \" + titles);\n"
                // a screen in SynergyFinder's input format, several blocks in one file (issue 16), in the same launch
                + "run(\"Drug Synergy...\", \"input=[" + macroString(blocks) + "] out=[" + macroString(blocksOut) + "] response=inhibition\");\n");
        assertFalse(run.stdout().contains("error:") || run.stderr().contains("Exception"), run.toString());
        // every figure written is also shown in Fiji (one publishing step): the nine synergy figures as images
        assertTrue(run.stdout().contains("IMAGES synergy_matrix-fa_ci;synergy_matrix-isobologram;synergy_matrix-isobologram_ed;synergy_matrix-fa_dri;synergy_matrix-median_effect;"
                + "synergy_matrix-heatmap_zip;synergy_matrix-heatmap_bliss;synergy_matrix-heatmap_hsa;synergy_matrix-heatmap_loewe;"), run.toString());
        assertEquals(0, Main.run(new String[] {"synergy", "input=" + input, "out=" + cliOut, "bootstrap=100", "seed=3"}), "CLI exit status");
        for (String f : List.of("median_effect.csv", "combinations.csv", "summary.csv")) {
            assertTrue(Files.isRegularFile(macroOut.resolve(f)), "no " + f + " written by the macro\n" + run);
            assertEquals(Files.readString(cliOut.resolve(f)), Files.readString(macroOut.resolve(f)), f + ": macro output differs from the command line's");
        }
        assertEquals(0, Main.run(new String[] {"synergy", "input=" + blocks, "out=" + blocksCli, "response=inhibition"}), "CLI exit status");
        for (String f : List.of("summary.csv", "combinations.csv", "block_2/heatmap_zip.png", "block_4/heatmap_zip.png"))
            assertTrue(Files.isRegularFile(blocksOut.resolve(f)), "no " + f + " written by the macro\n" + run);
        assertEquals(Files.readString(blocksCli.resolve("summary.csv")), Files.readString(blocksOut.resolve("summary.csv")), "summary.csv of the blocks");
    }

    // the wells command from a macro line with every key (and a plate layout): the same tables as the command line
    @Test
    @Order(110)
    void wellsMacroLineWritesWhatTheCommandLineWrites() throws Exception {
        Path plate = Path.of("sample-images", "plate6_scan_16bit.tif").toAbsolutePath();
        Path layout = tmp.resolve("plate6 layout.csv");
        Files.writeString(layout, "well,condition,dose_a,dose_b,cells_seeded,replicate\nA1,control,0,0,1000,1\nB1,control,0,0,1000,2\n"
                + "A2,drug 1 uM,1,0,1000,1\nB2,drug 1 uM,1,0,1000,2\nA3,drug 3 uM,3,0,1000,1\nB3,drug 3 uM,3,0,1000,2\n");
        Path macroOut = tmp.resolve("w-macro");
        Path cliOut = tmp.resolve("w-cli");
        Launch run = runMacro("w", "run(\"Quantify Colony Wells...\", \"image=[" + macroString(plate) + "] out=[" + macroString(macroOut)
                + "] format=auto wells=auto well_rois=[] margin_percent=4 min_colony_area=12 min_colony_diameter_mm=0 polarity=auto "
                + "channel=auto background_radius=0 threshold_sigma=6 layout=[" + macroString(layout) + "] control_condition=[]\");\n");
        assertFalse(run.stdout().contains("error:") || run.stderr().contains("Exception"), run.toString());
        assertEquals(0, Main.run(new String[] {"wells", "image=" + plate, "out=" + cliOut, "layout=" + layout}), "CLI exit status");
        for (String f : List.of("wells.csv", "colonies.csv")) {
            assertTrue(Files.isRegularFile(macroOut.resolve(f)), "no " + f + " written by the macro\n" + run);
            assertEquals(Files.readString(cliOut.resolve(f)), Files.readString(macroOut.resolve(f)), f + ": macro output differs from the command line's");
        }
        assertTrue(Files.readString(macroOut.resolve("wells.csv")).contains(",control,"), "the layout was applied");
        assertTrue(Files.isRegularFile(macroOut.resolve("overlay.png")) && Files.isRegularFile(macroOut.resolve("run.csv")));
    }

    @Test
    @Order(120)
    void wellsBadFormatFailsFastWithAnErrorLine() throws Exception {
        Path plate = Path.of("sample-images", "plate6_scan_16bit.tif").toAbsolutePath();
        Path out = tmp.resolve("w-format7");
        Launch run = runMacro("w2", "run(\"Quantify Colony Wells...\", \"image=[" + macroString(plate) + "] out=[" + macroString(out)
                + "] format=7\");\nprint(\"AFTER-THE-FAILED-COMMAND\");\n");
        assertFailedCleanly(run, out, "Quantify Colony Wells", "format=7: expected one of auto, dish, 6, 12, 24, 48, 96");
        assertFalse(run.stdout().contains("AFTER-THE-FAILED-COMMAND"), "the macro went on after the command failed\n" + run);
    }

    // the correction loop in Fiji: the run puts its lanes and bands in the ROI Manager (L1.., L3 R1..); the person
    // drags lane 3 (select, move, update) and runs again with lanes=roi: lane 3 is measured where it was put, its
    // bands found again there, every other band as before
    @Test
    @Order(130)
    void lanesAndBandsGoToTheRoiManagerAndAMovedLaneIsMeasuredWhereItWasPut() throws Exception {
        Path first = tmp.resolve("loop-auto"), second = tmp.resolve("loop-moved");
        Launch run = runMacro("loop", "open(\"" + macroString(sample) + "\");\n"
                + "run(\"" + MENU_LABEL + "\", \"image=[] out=[" + macroString(first) + "]\");\n"
                + "names = \"\"; for (i = 0; i < roiManager(\"count\"); i++) names = names + RoiManager.getName(i) + \";\";\n"
                + "print(\"ROIS \" + names);\n"
                + "roiManager(\"select\", 2); getSelectionBounds(x, y, w, h); makeRectangle(x + w, y, w, h); roiManager(\"update\");\n"
                + "run(\"" + MENU_LABEL + "\", \"image=[] out=[" + macroString(second) + "] lanes=roi lane_rois=[] band_rois=[]\");\n");
        assertFalse(run.stdout().contains("error:") || run.stderr().contains("Exception"), run.toString());
        String rois = run.stdout().lines().filter(l -> l.startsWith("ROIS ")).findFirst().orElse("");
        assertTrue(rois.startsWith("ROIS L1;L2;L3;L4;L5;L6;L7;L8;L1 R1;"), rois + "\n" + run);
        List<String> lanesA = Files.readAllLines(first.resolve("lanes.csv")), lanesB = Files.readAllLines(second.resolve("lanes.csv"));
        String[] l3 = lanesA.get(3).split(",");
        int x3 = Integer.parseInt(l3[2]), w3 = Integer.parseInt(l3[4]);
        // lane 3 moved one lane width right now lies between lanes 3 and 4 of before: the fourth lane from the left
        assertTrue(lanesB.stream().anyMatch(l -> l.split(",")[2].equals(String.valueOf(x3 + w3))), lanesB + "\n" + run);
        assertTrue(run.stdout().contains("lane 3 was moved away from its drawn bands"), run.toString());
    }

    // ---------------------------------------------------------------------------------------------

    /** The run("...") line ImageJ's recorder writes for the default command with image and out set. */
    private static String recordedLine(Path image, Path out) {
        CommandSpec spec = Commands.get("blot");
        assertNotNull(spec, "command 'blot' not found");
        AssayCommand cmd = spec.instantiate();
        spec.set(cmd, spec.param("image"), image.toString());
        spec.set(cmd, spec.param("out"), out.toString());
        assertEquals(MENU_LABEL, Commands.label("blot"));
        return "run(\"" + Commands.label("blot") + "\", \"" + macroString(spec.macroOptions(cmd)) + "\");";
    }

    // the steps chain inside Fiji: Normalize and Fold Change reads the bands table Quantify Blot Bands showed, by its title
    @Test
    @Order(70)
    void normalizeReadsTheBandsTableByTitle() throws Exception {
        Path samples = Path.of("docs/example-experiment/pakt_samples.csv").toAbsolutePath();
        Path macroOut = tmp.resolve("n-macro");
        String options = " samples=[" + macroString(samples) + "] target_row=1 control_row=2 control_condition=DMSO";
        Launch run = runMacro("n", "run(\"" + MENU_LABEL + "\", \"image=[" + macroString(sample) + "] out=[]\");\n"
                + "run(\"Normalize and Fold Change...\", \"target=[" + sample.getFileName().toString().replace(".tif", "") + "-Bands] out=["
                + macroString(macroOut) + "]" + options + "\");\n");
        assertFalse(run.stdout().contains("error:"), run.toString());
        Path cliBlot = tmp.resolve("n-cli-blot"), cliOut = tmp.resolve("n-cli");
        assertEquals(0, Main.run(new String[] {"blot", "image=" + sample, "out=" + cliBlot}));
        assertEquals(0, Main.run(new String[] {"normalize", "target=" + cliBlot.resolve("bands.csv"), "out=" + cliOut, "samples=" + samples,
                "target_row=1", "control_row=2", "control_condition=DMSO"}));
        for (String f : List.of("normalized.csv", "fold_change.csv", "statistics.csv"))
            assertEquals(Files.readString(cliOut.resolve(f)), Files.readString(macroOut.resolve(f)), f + "\n" + run);
    }

    private static void assertSucceeded(Launch run, Path out) {
        assertTrue(Files.isRegularFile(out.resolve("bands.csv")), "no bands.csv written by the macro\n" + run);
        for (String f : List.of("lanes.csv", "lane_rois.zip", "overlay.png", "run.csv"))
            assertTrue(Files.isRegularFile(out.resolve(f)), "no " + f + " written by the macro\n" + run);
        assertFalse(run.stdout().contains("error:") || run.stderr().contains("error:"), "error reported\n" + run);
        assertFalse(run.stdout().contains("Exception") || run.stderr().contains("Exception"), "exception reported\n" + run);
    }

    private static void assertFailedCleanly(Launch run, Path out, String expected) {
        assertFailedCleanly(run, out, MENU_LABEL, expected);
    }

    private static void assertFailedCleanly(Launch run, Path out, String menuLabel, String expected) {
        assertFalse(Files.exists(out), "a failed run left an output folder " + out + "\n" + run);
        try (Stream<Path> s = Files.list(out.getParent())) {
            List<String> partial = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + out.getFileName() + ".assayquant-")).toList();
            assertTrue(partial.isEmpty(), "staging folders left behind: " + partial + "\n" + run);
        } catch (IOException e) {
            fail(e);
        }
        String prefix = "error: " + menuLabel.replaceFirst("\\.\\.\\.$", "") + ": "; // the dialog's title: the menu label without "..."
        assertTrue(run.stdout().lines().anyMatch(l -> l.startsWith(prefix) && l.contains(expected)),
                "expected a log line starting '" + prefix + "' that contains '" + expected + "'\n" + run);
        assertFalse(run.stdout().contains("Exception") || run.stderr().contains("Exception"), "exception reported\n" + run);
    }

    private static void assertSameTables(Path expectedDir, Path actualDir) throws IOException {
        for (String f : List.of("bands.csv", "lanes.csv")) {
            byte[] expected = Files.readAllBytes(expectedDir.resolve(f));
            byte[] actual = Files.readAllBytes(actualDir.resolve(f));
            assertTrue(expected.length > 0 && new String(expected, StandardCharsets.UTF_8).lines().count() > 1,
                    f + " from the command line has no rows");
            if (!java.util.Arrays.equals(expected, actual))
                assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                        f + ": macro output differs from the command line's");
            assertArrayEquals(expected, actual, f);
        }
    }

    /** Runs a macro in ImageJ 1.x (-batch) on the shared Xvfb display; after one launch hung, the rest fail at once. */
    private static Launch runMacro(String name, String macro) throws IOException, InterruptedException {
        Path file = tmp.resolve(name + "-" + (++launches) + ".ijm");
        Files.writeString(file, macro, StandardCharsets.UTF_8);
        return guard(macro, () -> ImageJLauncher.batch(ijDir, tmp, file, null, LAUNCH_TIMEOUT_S));
    }

    private interface Run {
        Launch run() throws IOException, InterruptedException;
    }

    private static Launch guard(String what, Run run) throws IOException, InterruptedException {
        if (hung != null) fail("not run: ImageJ hung in an earlier test of this class (" + hung + ")");
        try {
            return run.run();
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).startsWith("ImageJ did not finish")) hung = what.lines().findFirst().orElse(what);
            throw e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Escapes text for a double-quoted ImageJ macro string. */
    private static String macroString(Object s) {
        return s.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
