package org.assayquant.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.BackgroundSubtracter;
import ij.process.ImageProcessor;

import org.assayquant.cli.Main;
import org.assayquant.commands.Commands;
import org.assayquant.core.blot.BlotOptions;
import org.assayquant.core.blot.BlotQuantifier;
import org.assayquant.core.synergy.DoseMatrix;
import org.assayquant.core.synergy.SynergyAnalysis;
import org.assayquant.ij.Images;
import org.assayquant.reliability.Fixtures;
import org.assayquant.testutil.SyntheticBlot;

/**
 * The speed targets of issue 7, measured on synthetic inputs generated here (not a test: timings
 * on a shared machine are not pass/fail material for CI). Prints one table row per case: median
 * wall time over N runs, peak heap, target and whether it is met.
 *
 * <pre>
 * mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *   &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.assayquant.bench.Bench
 * </pre>
 *
 * Arguments: {@code quick} (fewer repetitions), or case names to run only those (blot, wells,
 * synergy, screen, startup, batch).
 */
public final class Bench {
    private Bench() {}

    /** One result: median wall ms, median process CPU ms (all threads; load-independent), peak heap. */
    record Row(String name, double ms, double cpuMs, double heapMb, String target, String result) {
        Row(String name, double ms, double heapMb, String target, String result) {
            this(name, ms, Double.NaN, heapMb, target, result);
        }
    }

    static final List<Row> rows = new ArrayList<>();
    static int reps = 5;

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<String> only = new ArrayList<>(Arrays.asList(args));
        if (only.remove("quick")) reps = 3;
        Path tmp = Files.createTempDirectory("assayquant-bench");
        System.out.printf(Locale.ROOT, "AssayQuant bench: %d cores, Java %s, max heap %d MB, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, load());
        try {
            if (only.isEmpty() || only.contains("blot")) blot(tmp);
            if (only.isEmpty() || only.contains("wells")) wells(tmp);
            if (only.isEmpty() || only.contains("synergy")) synergy();
            if (only.isEmpty() || only.contains("screen")) screen();
            if (only.isEmpty() || only.contains("startup")) startup(tmp);
            if (only.isEmpty() || only.contains("batch")) batch(tmp);
        } finally {
            deleteTree(tmp);
        }
        System.out.printf(Locale.ROOT, "%nload average at the end: %s%n%n", load());
        System.out.printf(Locale.ROOT, "| %-46s | %9s | %9s | %7s | %-26s | %-6s |%n", "case", "wall ms", "CPU ms", "heap MB", "target", "result");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(48), "-".repeat(11), "-".repeat(11), "-".repeat(9), "-".repeat(28), "-".repeat(8));
        for (Row r : rows)
            System.out.printf(Locale.ROOT, "| %-46s | %9s | %9s | %7s | %-26s | %-6s |%n", r.name, fmt(r.ms, "%.1f"), fmt(r.cpuMs, "%.1f"), fmt(r.heapMb, "%.0f"), r.target, r.result);
        System.exit(0); // ImageJ's worker pools are not daemon threads: they would keep the JVM alive
    }

    // ---- blot ----------------------------------------------------------------------------------

    /** The 4k scan of issue 7: 16-bit 4096 x 4096, 20 lanes, 3 rows, noise, a background gradient. */
    public static SyntheticBlot.Result blot4k() {
        return SyntheticBlot.builder().title("blot4k").size(4096, 4096).lanes(20).rowYFractions(0.25, 0.5, 0.75)
                .bandSigmaY(18).backgroundLevel(1500).gradient(300, 300).noiseSigma(60).seed(4096).build();
    }

    static void blot(Path tmp) throws IOException {
        ImagePlus imp = blot4k().image();
        Path tif = tmp.resolve("blot4k.tif");
        IJ.saveAsTiff(imp, tif.toString());
        ImageProcessor ip = imp.getProcessor();
        Supplier<Object> quantify = () -> BlotQuantifier.quantify(Images.toRaster(imp, new ArrayList<>()), new BlotOptions());
        // ImageJ's Process > Subtract Background, rolling ball radius 50 (light background off, no sliding paraboloid,
        // presmoothing and corner correction on: the dialog's defaults) on a copy of the same 16-bit image
        Supplier<Object> rolling = () -> {
            ImageProcessor copy = ip.duplicate();
            new BackgroundSubtracter().rollingBallBackground(copy, 50, false, false, false, true, true);
            return copy;
        };
        // warm up, and check that the fast answer is the right one: every lane and band found
        var found = (org.assayquant.core.blot.BlotResult) quantify.get();
        long detected = found.bands().stream().filter(org.assayquant.core.blot.BlotResult.Band::detected).count();
        System.out.printf(Locale.ROOT, "blot 4k: %d lanes, %d detected bands (truth: 20 lanes, 60 bands)%n", found.lanes().size(), detected);
        if (found.lanes().size() != 20 || detected != 60) throw new IllegalStateException("the 4k blot is mis-quantified: " + found.lanes().size() + " lanes, " + detected + " bands");
        rolling.get();
        Series q = new Series(), rb = new Series();
        for (int i = 0; i < reps; i++) { // interleaved, so that a load change on the shared machine hits both
            q.add(measure(quantify));
            rb.add(measure(rolling));
        }
        double ratio = q.wall() / rb.wall();
        rows.add(q.row("blot 4096x4096 16-bit, 20 lanes x 3 rows", "<= 1.5 x rolling ball", String.format(Locale.ROOT, "%.2fx", ratio)));
        rows.add(rb.row("  ImageJ Subtract Background r=50 (same)", "reference", ""));
        rows.add(new Row("  ratio quantification / rolling ball", Double.NaN, Double.NaN, "<= 1.5", ratio <= 1.5 ? "pass" : "FAIL"));
        Path out = tmp.resolve("blot4k-out");
        Series cmd = new Series();
        for (int i = 0; i < Math.max(1, reps - 2); i++) {
            cmd.add(measure(() -> runCli("blot", "image=" + tif, "out=" + out)));
            deleteTree(out);
        }
        rows.add(cmd.row("  blot command: read TIFF, quantify, write", "(in-process, no JVM start)", ""));
    }

    // ---- wells ---------------------------------------------------------------------------------

    static void wells(Path tmp) throws IOException {
        if (Commands.get("wells") == null) {
            rows.add(new Row("wells 24-well 4000x3000", Double.NaN, Double.NaN, "<= 1500 ms", "skipped: no wells command in this build"));
            rows.add(new Row("wells dish 1000x1000", Double.NaN, Double.NaN, "<= 300 ms", "skipped: no wells command in this build"));
            return;
        }
        Path plate = tmp.resolve("plate24.png"), dish = tmp.resolve("dish.png");
        ImageIO.write(Fixtures.platePhoto(4000, 3000, 4, 6, 30, 24), "png", plate.toFile());
        ImageIO.write(Fixtures.dishPhoto(1000, 60, 1), "png", dish.toFile());
        timedCommand("wells 24-well 4000x3000 (read, count, write)", 1500, tmp, "wells", "image=" + plate, "format=24");
        timedCommand("wells dish 1000x1000 (read, count, write)", 300, tmp, "wells", "image=" + dish, "format=dish");
        timedWarm("  24-well, warm: no full GC between runs", 1500, tmp, "wells", "image=" + plate, "format=24");
        timedWarm("  dish, warm: no full GC between runs", 300, tmp, "wells", "image=" + dish, "format=dish");
    }

    /**
     * A command run again and again with the heap it grew kept, as in a Fiji session or a batch:
     * measure() forces a full GC before each run, after which G1 returns most of the heap to the
     * OS, and the next run pays for growing it again (page faults: 1-2 s of the 24-well's time).
     * 3 unmeasured runs first, so the JIT has compiled the hot paths.
     */
    static void timedWarm(String name, double targetMs, Path tmp, String command, String... args) {
        Path out = tmp.resolve("timed-out");
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(args));
        a.add("out=" + out);
        Series t = new Series();
        for (int i = 0; i < 3 + reps; i++) {
            double c0 = cpuMs();
            long t0 = System.nanoTime();
            int status = runCli(a.toArray(new String[0]));
            double ms = (System.nanoTime() - t0) / 1e6, cpu = cpuMs() - c0;
            deleteTree(out);
            if (status != 0) {
                rows.add(new Row(name, Double.NaN, Double.NaN, "<= " + (int) targetMs + " ms", "FAIL: exit " + status));
                return;
            }
            if (i >= 3) t.add(new Measure(ms, cpu, Double.NaN));
        }
        rows.add(t.row(name, "<= " + (int) targetMs + " ms", t.wall() <= targetMs ? "pass" : "FAIL"));
    }

    static void timedCommand(String name, double targetMs, Path tmp, String command, String... args) {
        Path out = tmp.resolve("timed-out");
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(args));
        a.add("out=" + out);
        int first = runCli(a.toArray(new String[0]));
        deleteTree(out);
        if (first != 0) {
            rows.add(new Row(name, Double.NaN, Double.NaN, "<= " + (int) targetMs + " ms", "FAIL: exit " + first));
            return;
        }
        Series t = new Series();
        for (int i = 0; i < reps; i++) {
            t.add(measure(() -> runCli(a.toArray(new String[0]))));
            deleteTree(out);
        }
        rows.add(t.row(name, "<= " + (int) targetMs + " ms", t.wall() <= targetMs ? "pass" : "FAIL"));
    }

    // ---- synergy -------------------------------------------------------------------------------

    static void synergy() {
        DoseMatrix m = synergyMatrix();
        for (int i = 0; i < 20; i++) SynergyAnalysis.run(m, 0, 1); // warm up
        SynergyAnalysis.run(m, 1000, 1);
        Series once = new Series(), boot = new Series();
        for (int i = 0; i < Math.max(reps, 21); i++) once.add(measure(() -> SynergyAnalysis.run(m, 0, 1)));
        for (int i = 0; i < reps; i++) {
            int seed = i + 1;
            boot.add(measure(() -> SynergyAnalysis.run(m, 1000, seed)));
        }
        rows.add(once.row("synergy 10x10 x 3 replicates, all models", "<= 50 ms", once.wall() <= 50 ? "pass" : "FAIL"));
        rows.add(boot.row("synergy 10x10, 1000 bootstrap resamples", "<= 2000 ms", boot.wall() <= 2000 ? "pass" : "FAIL"));
    }

    /**
     * Issue 16's screen: 20 blocks of 8 x 8 (7 doses + 0 of each drug, 2 replicates, each block its
     * own curves), every block with 1000 bootstrap resamples, as the synergy command runs a
     * SynergyFinder table (one block after the other). Target <= 10 s on 2 cores.
     */
    static void screen() {
        List<DoseMatrix> blocks = screenBlocks();
        SynergyAnalysis.run(blocks.get(0), 200, 1); // warm up
        Series screen = new Series();
        for (int i = 0; i < (reps >= 5 ? 3 : 1); i++) screen.add(measure(() -> { for (DoseMatrix m : blocks) SynergyAnalysis.run(m, 1000, 1); return blocks; }));
        rows.add(screen.row("screen: 20 blocks 8x8 x 2, 1000 resamples each", "<= 10000 ms", screen.wall() <= 10000 ? "pass" : "FAIL"));
    }

    /** The screen's 20 blocks (7 doses + 0 of each drug, 2 replicates, noise SD 4 points, each block its own curves and excess). */
    public static List<DoseMatrix> screenBlocks() {
        List<DoseMatrix> blocks = new ArrayList<>();
        Random rnd = new Random(16);
        for (int k = 0; k < 20; k++) {
            double ea = 0.2 + 3 * rnd.nextDouble(), eb = 0.1 + 2 * rnd.nextDouble(), ha = 0.7 + 2 * rnd.nextDouble(), hb = 0.7 + 2 * rnd.nextDouble();
            double excess = 0.15 * rnd.nextGaussian();
            List<DoseMatrix.Measurement> ms = new ArrayList<>();
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 8; j++) {
                    double a = j == 0 ? 0 : Math.pow(3, j - 4), b = i == 0 ? 0 : Math.pow(3, i - 4);
                    double fa = a == 0 ? 0 : 0.95 / (1 + Math.pow(ea / a, ha)), fb = b == 0 ? 0 : 0.85 / (1 + Math.pow(eb / b, hb));
                    double f = fa + fb - fa * fb + (a > 0 && b > 0 ? excess * Math.sqrt(fa * fb) : 0);
                    for (int r = 0; r < 2; r++) ms.add(new DoseMatrix.Measurement(a, b, f + 0.04 * rnd.nextGaussian()));
                }
            blocks.add(DoseMatrix.of(ms));
        }
        return blocks;
    }

    /** 9 doses + 0 of each drug, 3 replicates, Bliss-like response with a little synergy and noise. */
    public static DoseMatrix synergyMatrix() {
        Random rnd = new Random(1);
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++) {
                double a = j == 0 ? 0 : Math.pow(2, j - 4), b = i == 0 ? 0 : Math.pow(2, i - 5);
                double fa = a == 0 ? 0 : 0.95 / (1 + Math.pow(1.5 / a, 1.3)), fb = b == 0 ? 0 : 0.8 / (1 + Math.pow(0.7 / b, 1.1));
                double f = fa + fb - fa * fb + (a > 0 && b > 0 ? 0.05 * Math.sqrt(fa * fb) : 0);
                for (int r = 0; r < 3; r++) ms.add(new DoseMatrix.Measurement(a, b, f + 0.03 * rnd.nextGaussian()));
            }
        return DoseMatrix.of(ms);
    }

    // ---- start-up ------------------------------------------------------------------------------

    /**
     * A fresh JVM per run ({@code java -jar target/assayquant-cli.jar}, or the class path when the
     * jar is not built) on each command's tiny fixture input, timed from process start to exit
     * (the outputs are complete then).
     */
    static void startup(Path tmp) throws Exception {
        Path jar = Paths.get("target", "assayquant-cli.jar");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> launcher = Files.isRegularFile(jar) ? List.of(java, "-jar", jar.toString())
                : List.of(java, "-cp", System.getProperty("java.class.path"), "org.assayquant.cli.Main");
        String how = Files.isRegularFile(jar) ? "java -jar" : "java -cp (no jar built)";
        for (Fixtures.Fixture f : Fixtures.present()) {
            if (f.name().equals("normalize-generic")) continue;
            Path dir = tmp.resolve("startup-" + f.name());
            Fixtures.Valid v = f.create(dir.resolve("in"));
            Path out = dir.resolve("out");
            List<String> cmd = new ArrayList<>(launcher);
            cmd.add(f.command());
            Map<String, String> a = new LinkedHashMap<>(v.args());
            // resampling is compute, not start-up: measured on its own (synergy rows, and the default run below)
            if (Commands.get(f.command()).param("bootstrap") != null) a.put("bootstrap", "0");
            a.forEach((k, val) -> cmd.add(k + "=" + val));
            cmd.add("out=" + out);
            double[] t = new double[reps];
            for (int i = -1; i < reps; i++) { // one unmeasured run fills the OS file cache
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                int status = p.waitFor();
                double ms = (System.nanoTime() - t0) / 1e6;
                if (status != 0) throw new IllegalStateException(String.join(" ", cmd) + ": exit " + status);
                if (i >= 0) t[i] = ms;
                deleteTree(out);
            }
            rows.add(new Row("start-up to output: " + f.name() + " (" + how + ")", median(t), Double.NaN, "<= 1500 ms", median(t) <= 1500 ? "pass" : "FAIL"));
        }
        if (Commands.get("synergy") != null) {
            // the documented example with the default 1000 bootstrap resamples: compute, not start-up, in a cold JVM
            Path out = tmp.resolve("synergy-default-out");
            List<String> cmd = new ArrayList<>(launcher);
            cmd.addAll(List.of("synergy", "input=" + Paths.get("docs", "examples", "synergy_matrix.csv"), "out=" + out));
            double[] t = new double[Math.max(1, reps - 2)];
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                int status = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                t[i] = (System.nanoTime() - t0) / 1e6;
                if (status != 0) throw new IllegalStateException(String.join(" ", cmd) + ": exit " + status);
                deleteTree(out);
            }
            rows.add(new Row("  synergy example, default bootstrap=1000", median(t), Double.NaN, "(cold JVM: compute)", ""));
        }
    }

    // ---- a folder of 500 images ----------------------------------------------------------------

    /**
     * 500 blot images processed one after another in one JVM (as a Fiji batch macro or a pipeline
     * calling Main.run does): used heap after a full GC is sampled every 50 images; "flat" = it
     * grows by less than 16 MB from image 100 to image 500.
     */
    static void batch(Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        int n = 500, distinct = 10;
        for (int k = 0; k < distinct; k++) {
            ImagePlus imp = SyntheticBlot.builder().title("b" + k).size(640, 400).lanes(6 + k % 5).noiseSigma(40).seed(100 + k)
                    .smileAmplitude(k % 3).tiltDeg(0.3 * (k % 4)).build().image();
            IJ.saveAsTiff(imp, folder.resolve(String.format(Locale.ROOT, "blot%03d.tif", k)).toString());
        }
        for (int i = distinct; i < n; i++)
            Files.copy(folder.resolve(String.format(Locale.ROOT, "blot%03d.tif", i % distinct)), folder.resolve(String.format(Locale.ROOT, "blot%03d.tif", i)));
        Path outs = tmp.resolve("folder-out");
        Map<Integer, Double> heap = new LinkedHashMap<>();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "blot%03d", i);
            long t0 = System.nanoTime();
            int status = runCli("blot", "image=" + folder.resolve(name + ".tif"), "out=" + outs.resolve(name));
            t[i] = (System.nanoTime() - t0) / 1e6;
            if (status != 0) throw new IllegalStateException(name + ": exit " + status);
            if ((i + 1) % 50 == 0) heap.put(i + 1, usedAfterGc());
        }
        double growth = heap.get(n) - heap.get(100);
        StringBuilder sb = new StringBuilder();
        heap.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %d:%.1f", k, v)));
        System.out.println("batch: used heap after GC (MB) by images processed:" + sb);
        rows.add(new Row("folder of 500 blots 640x400, per image", median(t), heap.get(n), "flat heap", String.format(Locale.ROOT, "%+.1f MB", growth)));
        deleteTree(outs);
        rows.add(new Row("  heap growth, image 100 -> 500", Double.NaN, Double.NaN, "< 16 MB", growth < 16 ? "pass" : "FAIL"));
    }

    // ---- measuring -----------------------------------------------------------------------------

    record Measure(double ms, double cpuMs, double heapMb) {}

    /** Repeated measurements of one case. */
    static final class Series {
        final List<Measure> ms = new ArrayList<>();

        void add(Measure m) {
            ms.add(m);
        }

        double wall() {
            return median(ms.stream().mapToDouble(Measure::ms).toArray());
        }

        Row row(String name, String target, String result) {
            return new Row(name, wall(), median(ms.stream().mapToDouble(Measure::cpuMs).toArray()),
                    max(ms.stream().mapToDouble(Measure::heapMb).toArray()), target, result);
        }
    }

    static double cpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** Wall time, and the highest used heap seen by a 1 ms sampler while it ran (after a GC before). */
    static Measure measure(Supplier<?> work) {
        usedAfterGc();
        long[] peak = {used()};
        boolean[] done = {false};
        Thread sampler = new Thread(() -> {
            while (!done[0]) {
                peak[0] = Math.max(peak[0], used());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        double c0 = cpuMs();
        long t0 = System.nanoTime();
        Object keep = work.get();
        double ms = (System.nanoTime() - t0) / 1e6;
        double cpu = cpuMs() - c0;
        done[0] = true;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peak[0] = Math.max(peak[0], used());
        if (keep == null) throw new IllegalStateException();
        return new Measure(ms, cpu, peak[0] / 1048576.0);
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double usedAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return used() / 1048576.0;
    }

    /** Main.run with stdout/stderr swallowed; the exit status. */
    static int runCli(String... args) {
        PrintStream out = System.out, err = System.err;
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try {
            System.setOut(sink);
            System.setErr(sink);
            return Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static String fmt(double v, String f) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, f, v);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
