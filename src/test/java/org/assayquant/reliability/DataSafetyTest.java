package org.assayquant.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.assayquant.testutil.CliRun.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.testutil.CliRun;
import org.assayquant.testutil.CliRun.Run;

/**
 * Never lose a scientist's file (issue 18): each case a scientist met, on the real command line,
 * checked byte for byte: links both ways, a data folder as out=, an experiment reading its own
 * earlier results, same-named files, spreadsheet formulas, and real processes killed at seeded
 * random moments and run twice at once.
 */
class DataSafetyTest {
    static final Path CHEMI = Path.of("sample-images/blot_chemi_16bit.tif");
    static final Path DOSES = Path.of("docs/examples/dose_response.csv");

    @TempDir
    Path tmp;

    private static Map<String, String> snap(Path dir) {
        Map<String, String> m = Cli.snapshot(dir);
        m.keySet().removeIf(k -> k.endsWith(".assayquant-files")); // the manifest records times
        return m;
    }

    private static void assertRefused(Run r, String... named) {
        assertEquals(2, r.status(), r.toString());
        List<String> errors = r.errLines().stream().filter(l -> !l.matches("\\[\\d+/\\d+\\] .*")).toList(); // progress lines aside
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).startsWith("error:"), r.toString());
        for (String n : named) assertTrue(errors.get(0).contains(n), "names '" + n + "': " + r);
    }

    @Test
    void anInputReachedThroughALinkedOutIsNeverReplaced() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("D"));
        Path fits = Files.copy(DOSES, d.resolve("fits.csv"));
        Path link = Files.createSymbolicLink(tmp.resolve("L"), d);
        Map<String, String> before = Cli.snapshot(tmp);
        assertRefused(run("dose-response", "input=" + fits, "out=" + link), "did not write");
        assertRefused(run("dose-response", "input=" + fits, "out=" + link, "overwrite=true"), "would overwrite the input", "fits.csv");
        assertEquals(before, Cli.snapshot(tmp));
        // the other way round: the input through a link, out= the real folder
        Path linkedInput = link.resolve("fits.csv");
        assertRefused(run("dose-response", "input=" + linkedInput, "out=" + d, "overwrite=true"), "would overwrite the input");
        assertEquals(before, Cli.snapshot(tmp));
    }

    @Test
    void aDataFolderAsOutKeepsEveryUserFile() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.copy(CHEMI, data.resolve("sample1.tif"));
        Files.writeString(Files.createDirectories(data.resolve("sample1")).resolve("annotations.txt"), "my notes\n");
        for (String n : List.of("overlay.png", "run.csv", "report.html", "batch.csv")) Files.writeString(data.resolve(n), "the user's " + n + "\n");
        Files.writeString(data.resolve("sample1/bands.csv"), "the user's own bands\n");
        Map<String, String> before = Cli.snapshot(data);
        Run first = run("batch", "folder=" + data + "/*.tif", "command=blot", "out=" + data);
        assertRefused(first, "did not write", "overwrite=true");
        assertEquals(1, first.errLines().size(), "refused before any image is analysed: " + first);
        assertRefused(run("blot", "image=" + data.resolve("sample1.tif"), "out=" + data, "overwrite=true"), "overlay.png", "did not write");
        assertEquals(before, Cli.snapshot(data), "refused runs change nothing");
        // batch.csv, run.csv and sample1/bands.csv are batch outputs: with overwrite, refused too, naming the first
        assertRefused(run("batch", "folder=" + data + "/*.tif", "command=blot", "out=" + data, "overwrite=true"), "did not write", "batch.csv");
        assertEquals(before, Cli.snapshot(data), "refused runs change nothing");
        for (String n : List.of("batch.csv", "run.csv", "sample1/bands.csv")) Files.move(data.resolve(n), tmp.resolve(n.replace('/', '_')));
        before = Cli.snapshot(data);
        Run ok = run("batch", "folder=" + data + "/*.tif", "command=blot", "out=" + data, "overwrite=true");
        assertEquals(0, ok.status(), ok.toString());
        Map<String, String> after = Cli.snapshot(data);
        for (Map.Entry<String, String> e : before.entrySet()) assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
        assertTrue(after.containsKey("sample1/bands.csv"), after.keySet().toString());
    }

    @Test
    void anExperimentReadingItsOwnEarlierResultsIsRefused() throws IOException {
        Path out = tmp.resolve("R");
        Path sheet = tmp.resolve("sheet.csv");
        String blots = "blot,blots," + CHEMI.toAbsolutePath() + ",,\n";
        Files.writeString(sheet, "step,name,input,options,note\n" + blots);
        assertEquals(0, run("experiment", "sheet=" + sheet, "out=" + out).status());
        Path bands = out.resolve("blots/bands.csv");
        Files.writeString(bands.resolveSibling("notes.txt"), "lane 3 was loaded twice\n");
        Path samples = Files.writeString(tmp.resolve("samples.csv"), "lane,condition,replicate\n1,DMSO,1\n2,DMSO,2\n3,drug,1\n4,drug,2\n");
        Files.writeString(sheet, "step,name,input,options,note\n" + blots
                + "normalize,n," + bands + ",samples=" + samples + " target_row=1 control_row=2 control_condition=DMSO,\n");
        Map<String, String> before = snap(tmp);
        Run r = run("experiment", "sheet=" + sheet, "out=" + out);
        assertRefused(r, "would replace the input", "bands.csv");
        assertEquals(before, snap(tmp));
    }

    @Test
    void spreadsheetFormulasAndBidiControlsAreWrittenAsText() throws IOException {
        String evil = "=cmd|' /C calc'!A0", bidi = "dox\u202Eorubicin";
        List<String> lines = new ArrayList<>(Files.readAllLines(DOSES));
        for (int i = 1; i < lines.size(); i++) lines.set(i, lines.get(i).replace("doxorubicin", "\"" + evil + "\"").replace("cisplatin", bidi));
        Path in = Files.write(tmp.resolve("doses.csv"), lines);
        Path out = tmp.resolve("out");
        Run r = run("dose-response", "input=" + in, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        String fits = Files.readString(out.resolve("fits.csv"), StandardCharsets.UTF_8);
        assertTrue(fits.contains("\n'" + evil + ","), fits);
        assertFalse(fits.contains("\n" + evil), fits);
        assertTrue(fits.contains("dox<U+202E>orubicin") && !fits.contains("\u202E"), fits);
        // negative numbers stay numbers
        assertTrue(Files.readString(out.resolve("points.csv")).lines().noneMatch(l -> l.contains(",'-")));
    }

    @Test
    void oddOutputsAndInputsGiveOneClearLine() throws Exception {
        Run r = run("dose-response", "input=" + DOSES, "out=/");
        assertRefused(r, "out=/", "root");
        if (!new File("/usr/bin/mkfifo").canExecute()) return;
        Path fifo = tmp.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertRefused(run("dose-response", "input=" + fifo, "out=" + tmp.resolve("o")), "not a regular file");
        assertRefused(run("blot", "image=" + fifo, "out=" + tmp.resolve("o")), "not a regular file");
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void aHugeImageSaysHowMuchMemoryItNeeds() throws Exception {
        // a PNG whose header declares 40000 x 40000 pixels (12.8 GB to decode): the memory it needs, not "cannot be decoded"
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 12_000_000_000L, "this JVM could decode it");
        Path huge = tmp.resolve("huge.png");
        Files.write(huge, png(40000, 40000));
        Run big = run("blot", "image=" + huge, "out=" + tmp.resolve("o"));
        assertEquals(1, big.status(), big.toString());
        assertTrue(big.errLines().get(0).matches("error: image=.*huge.png: out of memory: 40000 x 40000 pixels need about 12208 MB, Java may use \\d+ MB in all; give Java more memory \\(java -Xmx\\d+g .*"), big.toString());
        Files.write(huge, png(50000, 50000));
        assertRefused(run("blot", "image=" + huge, "out=" + tmp.resolve("o")), "larger than one image plane can be");
    }

    /** A valid RGB PNG header with one empty image-data chunk: what a decoder reads before it allocates. */
    private static byte[] png(int width, int height) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(new byte[1 + 3 * 16]); // one short row: the decoder fails after the size is known
        }
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.nio.ByteBuffer len = java.nio.ByteBuffer.allocate(4).putInt(data.length);
        out.write(len.array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void anImageNamedLikeABatchTableGetsItsOwnFolder() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.copy(CHEMI, data.resolve("bands.csv.tif"));
        Files.copy(CHEMI, data.resolve("a.tif"));
        Path out = tmp.resolve("out");
        Run r = run("batch", "folder=" + data, "command=blot", "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertTrue(Files.isRegularFile(out.resolve("bands.csv")) && Files.isRegularFile(out.resolve("bands.csv_tif/bands.csv")), Cli.snapshot(out).keySet().toString());
    }

    @Test
    void aWritableOutUnderAReadOnlyParentWorks() throws IOException {
        Assumptions.assumeFalse(BadInputTest.ROOT, "root writes anywhere");
        Path parent = Files.createDirectories(tmp.resolve("ro"));
        Path out = Files.createDirectories(parent.resolve("out"));
        assertTrue(parent.toFile().setWritable(false, false));
        try {
            Run r = run("dose-response", "input=" + DOSES, "out=" + out);
            assertEquals(0, r.status(), r.toString());
            assertEquals(0, run("dose-response", "input=" + DOSES, "out=" + out).status(), "and again");
            assertEquals(List.of(".assayquant-files", "curves.png", "fits.csv", "points.csv", "run.csv"), Cli.names(out));
        } finally {
            parent.toFile().setWritable(true, false);
        }
    }

    // ---- real processes: killed at random moments, and two at once

    private static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(CliRun.childJava());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", "org.assayquant.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** A folder of n blots (the three samples, copied in turn) for a batch over it: a run of a few seconds, a commit of ~8 files a blot. */
    private Path blots(int n) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("blots"));
        List<String> samples = List.of("blot_chemi_16bit", "blot_doublet_16bit", "blot_film_8bit_dark");
        for (int i = 0; i < n; i++) Files.copy(Path.of("sample-images", samples.get(i % 3) + ".tif"), data.resolve(samples.get(i % 3) + "_" + i + ".tif"));
        return data;
    }

    /**
     * SIGKILL at four instants of a batch that replaces earlier results: two at random times over
     * the run's length (measured on this machine, so a loaded one is not killed only while it
     * analyses), two as soon as the commit's journal exists, inside the few milliseconds of renames
     * that matter most.
     */
    @Test
    void aKilledRunLeavesTheEarlierResultsOrTheNewOnesAndTheNextRunCleansUp() throws Exception {
        Path data = blots(3);
        Path out = tmp.resolve("out");
        String[] older = {"batch", "folder=" + data, "command=blot", "options=lanes=auto", "out=" + out};
        String[] newer = {"batch", "folder=" + data, "command=blot", "options=background=valley", "out=" + out};
        long t0 = System.nanoTime();
        Process full = start(tmp.resolve("log"), newer);
        assertEquals(0, full.waitFor(), Files.readString(tmp.resolve("log")));
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, String> newResults = snap(out);
        assertEquals(0, run(older).status());
        Map<String, String> oldResults = snap(out);
        assertFalse(oldResults.equals(newResults), "the two settings give different results");
        Random random = new Random(18);
        int[] seen = new int[3];
        for (int k = 0; k < 4; k++) {
            Process p = start(tmp.resolve("log"), newer);
            String when;
            if (k % 2 == 0) {
                long at = 200 + (long) (random.nextDouble() * runMillis);
                when = at + " ms";
                p.waitFor(at, TimeUnit.MILLISECONDS);
            } else {
                when = "the journal's appearance";
                while (p.isAlive() && !journalWritten()) Thread.sleep(1);
            }
            if (p.isAlive()) p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no finally
            // complete or absent: the earlier results, the new ones, or (killed between the two renames that
            // exchange a folder of AssayQuant's own files, an instant) no folder, which the next run undoes
            Map<String, String> now = snap(out);
            if (now.equals(oldResults)) seen[0]++;
            else if (now.equals(newResults)) seen[1]++;
            else if (now.isEmpty()) seen[2]++;
            else throw new AssertionError("killed at " + when + ": neither the earlier nor the new results: " + now.keySet());
            // the next run of the older settings puts whatever was interrupted right and writes its results
            Run r = run(older);
            assertEquals(0, r.status(), r.toString());
            assertEquals(oldResults, snap(out), "after the kill at " + when);
            assertEquals(List.of(), Cli.partials(tmp), "staging or lock left after the next run");
        }
        assertEquals(4, seen[0] + seen[1] + seen[2]);
    }

    /** Whether a run's staging folder beside out holds the journal of its commit (OutputFolder). */
    private boolean journalWritten() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.anyMatch(d -> d.getFileName().toString().contains("assayquant-staging") && Files.exists(d.resolve("journal")));
        }
    }

    @Test
    void twoRunsIntoOneOutCannotMix() throws Exception {
        Path data = blots(8); // long enough for the second run to start while the first holds the lock
        Path out = tmp.resolve("out");
        Process first = start(tmp.resolve("log"), "batch", "folder=" + data, "command=blot", "out=" + out);
        Path lock = tmp.resolve(".out.assayquant-lock");
        // the lock file holds the first run's process id once it is locked
        for (int i = 0; i < 800 && !(Files.exists(lock) && Files.size(lock) > 0) && first.isAlive(); i++) Thread.sleep(25);
        Assumptions.assumeTrue(first.isAlive(), "the first run ended before the second started");
        Run second = run("blot", "image=" + CHEMI, "out=" + out);
        boolean overlapped = first.isAlive();
        assertEquals(0, first.waitFor(), Files.readString(tmp.resolve("log")));
        if (overlapped) {
            assertEquals(1, second.status(), second.toString());
            assertTrue(second.errLines().get(0).contains("another AssayQuant run (process " + first.pid() + ")"), second.toString());
        }
        assertTrue(Files.isRegularFile(out.resolve("batch.csv")), "the first run's results, alone");
        assertEquals(List.of(), Cli.partials(tmp));
    }
}
