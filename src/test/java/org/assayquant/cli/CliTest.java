package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.assayquant.testutil.CliRun.run;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;
import org.assayquant.testutil.CliRun.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.testutil.SampleImages;
import org.assayquant.testutil.SyntheticBlot;

/**
 * The command line of ../shared/CONTRACT.md, run in-process through {@link Main#run} with stdout
 * and stderr captured. Exit codes, file names and CSV text are compared exactly; the only
 * tolerance is in {@link #blotOnTheChemiSampleWritesTheContractFiles} (volumes vs. truth, see
 * there).
 */
class CliTest {
    static final Path SAMPLES = Paths.get("sample-images");
    static final Path CHEMI = SAMPLES.resolve("blot_chemi_16bit.tif");
    static final Path FILM = SAMPLES.resolve("blot_film_8bit_dark.tif");
    static final List<String> BAND_COLUMNS = List.of("lane", "row", "x", "y", "width", "height", "volume", "background", "saturated");
    static final List<String> LANE_COLUMNS = List.of("lane", "x", "y", "width", "height");

    @TempDir
    Path tmp;
    private Locale savedLocale;

    @BeforeEach
    void germanLocale() {
        // surefire runs with de_DE on purpose; make it explicit so the test means the same in an IDE
        savedLocale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(savedLocale);
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    /** The names in dir, but AssayQuant's manifest (io/OutputFolderTest checks it). */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(org.assayquant.io.OutputFolder.MANIFEST)).sorted().toList();
        }
    }

    static void assertNoPartials(Path dir) throws IOException {
        for (String n : names(dir)) assertFalse(n.contains("assayquant-staging-") || n.contains("assayquant-lock"), "staging folder or lock left behind: " + dir.resolve(n));
    }

    static boolean looksLikeStackTrace(String s) {
        return s.contains("\tat ") || s.matches("(?s).*\\n\\s*at [\\w$.]+\\(.*") || s.contains("Exception in thread")
                || s.contains("Caused by:");
    }

    /**
     * A failure by the contract: the expected exit status, exactly one stderr line, starting with
     * "error:" and naming what it must name, no stack trace, no output folder, no staging leftovers,
     * the input byte-identical.
     */
    void assertCleanFailure(Set<Integer> status, String mustName, Path out, Path input, String... args) throws Exception {
        String before = input != null && Files.isRegularFile(input) ? sha256(input) : null;
        Run r = run(args);
        assertTrue(status.contains(r.status()), "exit status " + status + " expected; " + r);
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one stderr line; " + r);
        assertTrue(lines.get(0).startsWith("error:"), r.toString());
        assertTrue(lines.get(0).contains(mustName), "the error names '" + mustName + "'; " + r);
        assertFalse(looksLikeStackTrace(r.err()) || looksLikeStackTrace(r.out()), "no stack trace; " + r);
        if (out != null) {
            if (!Files.isRegularFile(out)) assertFalse(Files.exists(out), "no output folder on failure: " + out);
            if (out.getParent() != null && Files.isDirectory(out.getParent())) assertNoPartials(out.getParent());
        }
        if (before != null) assertEquals(before, sha256(input), "input modified: " + input);
    }

    /** A small CSV reader (quotes, "" escapes), header -> values per row. */
    static List<Map<String, String>> readCsv(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        List<String> header = splitCsv(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> cells = splitCsv(l);
            assertEquals(header.size(), cells.size(), "cells in '" + l + "' of " + p);
            Map<String, String> m = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) m.put(header.get(i), cells.get(i));
            rows.add(m);
        }
        return rows;
    }

    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { sb.append('"'); i++; }
                else if (c == '"') q = false;
                else sb.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { out.add(sb.toString()); sb.setLength(0); }
            else sb.append(c);
        }
        out.add(sb.toString());
        return out;
    }

    static double iou(Rectangle a, Rectangle b) {
        Rectangle i = a.intersection(b);
        if (i.isEmpty()) return 0;
        double ai = (double) i.width * i.height;
        return ai / ((double) a.width * a.height + (double) b.width * b.height - ai);
    }

    static Rectangle rect(Map<String, String> row) {
        return new Rectangle(Integer.parseInt(row.get("x")), Integer.parseInt(row.get("y")),
                Integer.parseInt(row.get("width")), Integer.parseInt(row.get("height")));
    }

    Path copy(Path src, String name) throws IOException {
        Path dst = tmp.resolve(name);
        Files.createDirectories(dst.getParent());
        return Files.copy(src, dst);
    }

    // ---- success ------------------------------------------------------------------------------

    /**
     * The correction loop without Fiji: a run's lane_rois.zip (named L1..L8, as the ROI Manager
     * saves a RoiSet) read back with lanes=roi measures the same bands; one lane moved by hand
     * in the set is measured where it was moved to.
     */
    @Test
    void laneRoisOfARunReplayAndCanBeCorrected() throws Exception {
        Path first = tmp.resolve("auto");
        assertEquals(0, run("blot", "image=" + CHEMI, "out=" + first).status());
        ij.gui.Roi[] rois = org.assayquant.ij.RoiFiles.read("lane_rois", first.resolve("lane_rois.zip").toString());
        assertEquals(8, rois.length);
        assertEquals("L1", rois[0].getName());
        Path again = tmp.resolve("replay");
        Run r = run("blot", "image=" + CHEMI, "out=" + again, "lanes=roi", "lane_rois=" + first.resolve("lane_rois.zip"));
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> a = readCsv(first.resolve("bands.csv")), b = readCsv(again.resolve("bands.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (String k : List.of("lane", "row", "x", "y", "width", "height")) assertEquals(a.get(i).get(k), b.get(i).get(k), k + " of band " + i);
            double va = Double.parseDouble(a.get(i).get("volume")), vb = Double.parseDouble(b.get(i).get("volume"));
            assertEquals(va, vb, 1e-6 * Math.abs(va) + 1e-6, "volume of band " + i);
        }
        // a person nudges lane 8 four pixels to the left and runs again
        java.util.List<ij.gui.Roi> edited = new java.util.ArrayList<>(java.util.Arrays.asList(rois));
        java.awt.Rectangle l8 = rois[7].getBounds();
        ij.gui.Roi moved = new ij.gui.Roi(l8.x - 4, l8.y, l8.width, l8.height);
        moved.setName("L8");
        edited.set(7, moved);
        Path set = tmp.resolve("edited.zip");
        try (var os = Files.newOutputStream(set)) {
            org.assayquant.ij.RoiFiles.write(edited, os);
        }
        Path third = tmp.resolve("edited");
        assertEquals(0, run("blot", "image=" + CHEMI, "out=" + third, "lanes=roi", "lane_rois=" + set).status());
        List<Map<String, String>> lanes = readCsv(third.resolve("lanes.csv"));
        assertEquals(String.valueOf(l8.x - 4), lanes.get(7).get("x"), "lane 8 where the person put it");
    }

    /**
     * Bands in the loop: a run's band_rois.zip (L3 R2 ...) given back unchanged replays to the same
     * numbers; one band drawn taller is measured exactly as drawn (reason "drawn"), every other band
     * unchanged; a lane moved away from its drawn bands has its bands found again.
     */
    @Test
    void bandRoisOfARunReplayAndOneBandCanBeRedrawn() throws Exception {
        Path first = tmp.resolve("auto");
        assertEquals(0, run("blot", "image=" + CHEMI, "out=" + first).status());
        String lanesZip = first.resolve("lane_rois.zip").toString(), bandsZip = first.resolve("band_rois.zip").toString();
        ij.gui.Roi[] bands = org.assayquant.ij.RoiFiles.read("band_rois", bandsZip);
        List<Map<String, String>> a = readCsv(first.resolve("bands.csv"));
        assertEquals(a.size(), bands.length);
        assertEquals("L" + a.get(0).get("lane") + " R" + a.get(0).get("row"), bands[0].getName());

        Path again = tmp.resolve("replay");
        assertEquals(0, run("blot", "image=" + CHEMI, "out=" + again, "lanes=roi", "lane_rois=" + lanesZip, "band_rois=" + bandsZip).status());
        assertEquals(Files.readString(first.resolve("bands.csv")), Files.readString(again.resolve("bands.csv")), "an unchanged set measures the same bands");

        // the person draws band 3 (lane 3's first band) four pixels taller
        List<ij.gui.Roi> edited = new java.util.ArrayList<>(java.util.Arrays.asList(bands));
        int k = 0;
        while (!bands[k].getName().equals("L3 R1")) k++;
        java.awt.Rectangle b = bands[k].getBounds();
        ij.gui.Roi taller = new ij.gui.Roi(b.x, b.y - 2, b.width, b.height + 4);
        taller.setName("L3 R1");
        edited.set(k, taller);
        Path set = tmp.resolve("bands.zip");
        try (var os = Files.newOutputStream(set)) {
            org.assayquant.ij.RoiFiles.write(edited, os);
        }
        Path third = tmp.resolve("redrawn");
        assertEquals(0, run("blot", "image=" + CHEMI, "out=" + third, "lanes=roi", "lane_rois=" + lanesZip, "band_rois=" + set).status());
        List<Map<String, String>> c = readCsv(third.resolve("bands.csv"));
        assertEquals(a.size(), c.size());
        for (int i = 0; i < a.size(); i++) {
            boolean redrawn = c.get(i).get("lane").equals("3") && c.get(i).get("row").equals("1");
            if (redrawn) {
                assertEquals(String.valueOf(b.height + 4), c.get(i).get("height"));
                assertEquals(String.valueOf(b.y - 2), c.get(i).get("y"));
                assertTrue(c.get(i).get("reasons").contains("drawn"), c.get(i).toString());
            } else {
                assertEquals(a.get(i), c.get(i), "band " + i + " unchanged");
            }
        }

        // lane 3 moved 30 px right, its bands left where they were: found again in the new place, with a warning
        ij.gui.Roi[] lanes = org.assayquant.ij.RoiFiles.read("lane_rois", lanesZip);
        java.awt.Rectangle l3 = lanes[2].getBounds();
        ij.gui.Roi moved = new ij.gui.Roi(l3.x + l3.width, l3.y, l3.width, l3.height);
        moved.setName("L3");
        lanes[2] = moved;
        Path lanesSet = tmp.resolve("lanes.zip");
        try (var os = Files.newOutputStream(lanesSet)) {
            org.assayquant.ij.RoiFiles.write(java.util.Arrays.asList(lanes), os);
        }
        Run r = run("blot", "image=" + CHEMI, "out=" + tmp.resolve("moved"), "lanes=roi", "lane_rois=" + lanesSet, "band_rois=" + bandsZip);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.toString().contains("lane 3 was moved away from its drawn bands"), r.toString());
    }

    @Test
    void blotOnTheChemiSampleWritesTheContractFiles() throws Exception {
        String before = sha256(CHEMI);
        Path out = tmp.resolve("results");
        Run r = run("blot", "image=" + CHEMI, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertFalse(r.errLines().stream().anyMatch(l -> l.startsWith("error:")), r.toString());
        assertEquals(before, sha256(CHEMI), "input modified");

        // the three contract files (run.csv is the documented extra), nothing partial
        assertEquals(List.of("band_rois.zip", "bands.csv", "lane_rois.zip", "lanes.csv", "overlay.png", "profiles.png", "run.csv"), names(out));
        assertEquals(List.of("results"), names(tmp), "nothing but the output folder in its parent");

        List<String> header = splitCsv(Files.readAllLines(out.resolve("bands.csv")).get(0));
        assertTrue(header.containsAll(BAND_COLUMNS), "bands.csv header " + header);
        assertTrue(splitCsv(Files.readAllLines(out.resolve("lanes.csv")).get(0)).containsAll(LANE_COLUMNS));

        List<Map<String, String>> bands = readCsv(out.resolve("bands.csv"));
        List<Map<String, String>> lanes = readCsv(out.resolve("lanes.csv"));
        assertEquals(8, lanes.size(), "8 lanes");
        for (int i = 0; i < lanes.size(); i++) {
            assertEquals(String.valueOf(i + 1), lanes.get(i).get("lane"));
            for (String c : List.of("x", "y", "width", "height")) assertTrue(lanes.get(i).get(c).matches("\\d+"), lanes.get(i).toString());
        }
        for (Map<String, String> b : bands) {
            for (String c : List.of("lane", "row", "x", "y", "width", "height")) assertTrue(b.get(c).matches("\\d+"), c + " in " + b);
            assertTrue(b.get("saturated").matches("true|false"), b.toString());
            assertTrue(b.get("volume").matches("-?\\d+(\\.\\d+)?"), b.toString());
            assertTrue(b.get("background").matches("-?\\d+(\\.\\d+)?"), b.toString());
        }

        // end to end against the generator's truth: every true band matched by rectangle overlap
        // (IoU >= 0.5) in the right lane and row, volume within 5% of the true signal inside the
        // reported rectangle. 5% because this is the integration check; BlotQuantifierTest holds the
        // core to 3%. The sample has no saturated band.
        SyntheticBlot.Result truth = SampleImages.samples().stream().filter(s -> s.file().equals("blot_chemi_16bit.tif"))
                .findFirst().orElseThrow().builder().build();
        for (int row = 0; row < truth.rows(); row++) {
            for (int lane = 0; lane < truth.lanes(); lane++) {
                Rectangle t = truth.trueBox(row, lane);
                Map<String, String> hit = null;
                for (Map<String, String> b : bands) if (iou(rect(b), t) >= 0.5) { assertTrue(hit == null, "two bands on " + t); hit = b; }
                assertNotNull(hit, "no band for truth row " + (row + 1) + " lane " + (lane + 1));
                assertEquals(String.valueOf(lane + 1), hit.get("lane"), hit.toString());
                assertEquals(String.valueOf(row + 1), hit.get("row"), hit.toString());
                double expected = truth.bandSumInBox(row, lane, rect(hit));
                double vol = Double.parseDouble(hit.get("volume"));
                assertEquals(expected, vol, 0.05 * expected, "volume of " + hit);
                assertEquals("false", hit.get("saturated"));
            }
        }

        BufferedImage png = ImageIO.read(out.resolve("overlay.png").toFile());
        assertNotNull(png, "overlay.png is a PNG");
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
    }

    @Test
    void resultsAreByteIdenticalAcrossRunsAndLocales() throws Exception {
        Path out = tmp.resolve("det");
        assertEquals(0, run("blot", "image=" + FILM, "out=" + out).status());
        Map<String, byte[]> first = new TreeMap<>();
        for (String n : names(out)) first.put(n, Files.readAllBytes(out.resolve(n)));
        for (String n : names(out)) Files.delete(out.resolve(n));
        Files.delete(out.resolve(org.assayquant.io.OutputFolder.MANIFEST));
        Files.delete(out);

        Locale.setDefault(Locale.US); // same output whatever the locale
        Run r = run("blot", "image=" + FILM, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertEquals(first.keySet(), new java.util.TreeSet<>(names(out)));
        for (String n : first.keySet()) assertArrayEquals(first.get(n), Files.readAllBytes(out.resolve(n)), n + " differs between runs");
    }

    @Test
    void germanLocaleStillWritesDecimalPoints() throws Exception {
        assertEquals(Locale.GERMANY, Locale.getDefault());
        Path out = tmp.resolve("de");
        Run r = run("blot", "image=" + FILM, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> bands = readCsv(out.resolve("bands.csv")); // also checks the cell count per row
        boolean sawDecimal = false;
        for (Map<String, String> b : bands) {
            for (Map.Entry<String, String> e : b.entrySet()) {
                if (e.getKey().equals("image")) continue;
                String v = e.getValue();
                assertFalse(v.matches("-?\\d+,\\d+"), "decimal comma in " + e);
                if (v.matches("-?\\d+\\.\\d+")) sawDecimal = true;
            }
        }
        // the film sample has a saturated band: its clipped_fraction is a fraction like 0.166396
        assertTrue(sawDecimal, "some cell has decimals: " + Files.readString(out.resolve("bands.csv")));
        assertTrue(bands.stream().anyMatch(b -> b.get("saturated").equals("true")), "film sample lane 3 row 1 is saturated");
    }

    @Test
    void outputIntoTheInputsFolderLeavesTheInputAlone() throws Exception {
        Path img = copy(CHEMI, "data/blot.tif");
        String before = sha256(img);
        Run refused = run("blot", "image=" + img, "out=" + img.getParent());
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.errLines().get(0).contains("did not write (blot.tif)"), refused.toString());
        assertEquals(List.of("blot.tif"), names(img.getParent()));
        Run r = run("blot", "image=" + img, "out=" + img.getParent(), "overwrite=true");
        assertEquals(0, r.status(), r.toString());
        assertEquals(before, sha256(img));
        assertTrue(Files.isRegularFile(img.getParent().resolve("bands.csv")));
        assertNoPartials(img.getParent());
        assertNoPartials(tmp);
    }

    @Test
    void anOutputNeverReplacesTheInput() throws Exception {
        // an input that happens to be called overlay.png, with out= its own folder: refused, and
        // nothing written (not even bands.csv, which comes first)
        Path dir = Files.createDirectories(tmp.resolve("pngdir"));
        Path img = dir.resolve("overlay.png");
        ImagePlus imp = SampleImages.samples().stream().filter(s -> s.file().equals("blot_film_8bit_dark.tif"))
                .findFirst().orElseThrow().builder().build().image();
        assertTrue(ImageIO.write(imp.getProcessor().getBufferedImage(), "png", img.toFile()), "test fixture: " + img);
        String before = sha256(img);
        Run r = run("blot", "image=" + img, "out=" + dir, "overwrite=true");
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error:") && r.errLines().get(0).contains("overlay.png"), r.toString());
        assertEquals(before, sha256(img));
        assertEquals(List.of("overlay.png"), names(dir), "no partial output");
        assertNoPartials(tmp);
    }

    // ---- help ---------------------------------------------------------------------------------

    @Test
    void helpExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("blot"), r.toString());
        assertEquals(List.of(), r.errLines());
        Run c = run("blot", "--help");
        assertEquals(0, c.status(), c.toString());
        for (String key : List.of("image", "out", "lanes", "polarity", "background")) {
            assertTrue(c.out().lines().anyMatch(l -> l.trim().startsWith(key + " ")), key + " in: " + c.out());
        }
        assertTrue(c.out().contains("default auto"), "lanes default shown: " + c.out());
    }

    @Test
    void noArgumentsIsAUsageErrorWithAnErrorLine() {
        // the contract: bad input -> exit 2 and one "error:" line on stderr (usage may go to stdout)
        Run r = run();
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error:"), r.toString());
    }

    // ---- bad input ----------------------------------------------------------------------------

    @Test
    void missingImageFile() throws Exception {
        Path img = tmp.resolve("nope.tif"), out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "nope.tif", out, null, "blot", "image=" + img, "out=" + out);
    }

    @Test
    void textFileRenamedTif() throws Exception {
        Path img = Files.writeString(tmp.resolve("notes.tif"), "this is not an image\n");
        Path out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "notes.tif", out, img, "blot", "image=" + img, "out=" + out);
    }

    @Test
    void zeroByteFile() throws Exception {
        Path img = Files.createFile(tmp.resolve("empty.tif")), out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "empty.tif", out, img, "blot", "image=" + img, "out=" + out);
    }

    @Test
    void twoPlaneStack() throws Exception {
        ImageStack st = new ImageStack(120, 80);
        for (int k = 0; k < 2; k++) {
            ShortProcessor sp = new ShortProcessor(120, 80);
            for (int y = 30; y < 40; y++) for (int x = 20; x < 100; x++) sp.set(x, y, 20000 + 1000 * k);
            st.addSlice("plane" + k, sp);
        }
        Path img = tmp.resolve("stack2.tif"), out = tmp.resolve("o");
        assertTrue(IJ.saveAsTiff(new ImagePlus("stack2.tif", st), img.toString()));
        assertCleanFailure(Set.of(2), "stack2", out, img, "blot", "image=" + img, "out=" + out);
    }

    @Test
    void allBlack16BitImage() throws Exception {
        Path img = tmp.resolve("black.tif"), out = tmp.resolve("o");
        assertTrue(IJ.saveAsTiff(new ImagePlus("black.tif", new ShortProcessor(300, 200)), img.toString()));
        // valid input that cannot be processed (1) or refused as unusable (2): both are clean; the
        // message must name the file (the contract) and say what is wrong, not report a crash
        assertCleanFailure(Set.of(1, 2), "black.tif", out, img, "blot", "image=" + img, "out=" + out);
        Run r = run("blot", "image=" + img, "out=" + out);
        assertFalse(r.err().contains("internal failure"), r.toString());
    }

    @Test
    void lanesZero() throws Exception {
        Path out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "lanes=0", out, CHEMI, "blot", "image=" + CHEMI, "out=" + out, "lanes=0");
    }

    @Test
    void lanesNotANumber() throws Exception {
        Path out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "lanes=abc", out, CHEMI, "blot", "image=" + CHEMI, "out=" + out, "lanes=abc");
    }

    @Test
    void unknownKey() throws Exception {
        Path out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "'lane'", out, CHEMI, "blot", "image=" + CHEMI, "out=" + out, "lane=5");
    }

    @Test
    void duplicateKey() throws Exception {
        Path out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "lanes", out, CHEMI, "blot", "image=" + CHEMI, "out=" + out, "lanes=5", "lanes=6");
    }

    @Test
    void missingOut() throws Exception {
        assertCleanFailure(Set.of(2), "out", null, CHEMI, "blot", "image=" + CHEMI);
        assertEquals(List.of(), names(tmp));
    }

    @Test
    void unknownCommand() throws Exception {
        Path out = tmp.resolve("o");
        assertCleanFailure(Set.of(2), "blott", out, CHEMI, "blott", "image=" + CHEMI, "out=" + out);
    }

    @Test
    void outIsAnExistingFile() throws Exception {
        Path out = Files.writeString(tmp.resolve("results.txt"), "keep me\n");
        assertCleanFailure(Set.of(2), "out=", out, CHEMI, "blot", "image=" + CHEMI, "out=" + out);
        assertEquals("keep me\n", Files.readString(out), "the file named by out= is untouched");
        assertEquals(List.of("results.txt"), names(tmp));
    }

    @Test
    void outBelowAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        Path out = file.resolve("sub");
        assertCleanFailure(Set.of(2), "out=", null, CHEMI, "blot", "image=" + CHEMI, "out=" + out);
        assertEquals(List.of("plain"), names(tmp));
    }
}
