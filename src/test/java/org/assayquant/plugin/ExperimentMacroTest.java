package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.cli.Main;
import org.assayquant.plugin.ImageJLauncher.Launch;
import org.assayquant.testutil.ExampleExperiment;

/**
 * The macros of scripts/ run by ImageJ's macro interpreter in a real ImageJ 1.x (ij.jar -batch
 * script argument, as Fiji's "--headless -macro script argument" runs them), with the plugin
 * installed as a user installs it; under Xvfb, since plain ImageJ 1.x needs a display for run().
 * Skipped where Xvfb is not installed.
 */
class ExperimentMacroTest {
    private static final long TIMEOUT_S = 120;
    private static final Path SHEET = Path.of("docs", "example-experiment", "experiment.csv").toAbsolutePath();

    @TempDir
    static Path tmp;
    private static Path ijDir;

    @BeforeAll
    static void installPlugin() throws IOException {
        assumeTrue(ImageJLauncher.available(), "Xvfb not on PATH (apt-get install -y xvfb): macro tests skipped");
        ijDir = ImageJLauncher.install(tmp);
    }

    @Test
    void analyzeExperimentMacroWritesWhatTheCommandLineWrites() throws Exception {
        Path out = tmp.resolve("macro results"); // a space: the argument's [..] must hold
        Launch run = runScript("analyze_experiment.ijm", "sheet=[" + SHEET + "] out=[" + out + "]");
        assertFalse(run.stdout().contains("error:") || run.stderr().contains("Exception"), run.toString());
        assertTrue(run.stdout().contains("AssayQuant report: " + out + File.separator + "report.html"), run.toString());
        ExampleExperiment.Results byCli = ExampleExperiment.results();
        assertEquals(0, byCli.run().status(), byCli.run().toString());
        Path cli = byCli.out();
        List<String> files = files(cli);
        assertEquals(files, files(out), "the same files");
        int compared = 0;
        for (String f : files) {
            if (f.endsWith("run.csv") || f.equals("report.html") || f.equals(org.assayquant.io.OutputFolder.MANIFEST)) continue; // they name their own output folder (and the manifest holds their checksums)
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(cli.resolve(f)), Files.readAllBytes(out.resolve(f))), f + ": macro output differs");
            compared++;
        }
        assertTrue(compared > 30, "compared " + compared);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<h2 id=\"step-pAKT\">"));
    }

    @Test
    void aBadSheetStopsTheMacroWithOneErrorLineAndWritesNothing() throws Exception {
        Path sheet = tmp.resolve("bad.csv");
        Files.writeString(sheet, "step,input,options\nblott,x.tif,\n");
        Path out = tmp.resolve("bad out");
        Launch run = runScript("analyze_experiment.ijm", "sheet=[" + sheet + "] out=[" + out + "]");
        assertTrue(run.stdout().lines().anyMatch(l -> l.equals("error: Analyze Experiment: sheet=" + sheet + ": line 2, column step: 'blott' is not a step; expected one of: blot, dose-response, normalize, synergy, wells")),
                run.toString());
        assertFalse(run.stdout().contains("AssayQuant report:"), "the macro stops at the failed command\n" + run);
        assertFalse(Files.exists(out));
    }

    @Test
    void batchMacroQuantifiesEveryBlotOfAFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("blot folder"));
        for (String n : List.of("blot_chemi_16bit.tif", "blot_film_8bit_dark.tif"))
            Files.copy(Path.of("sample-images", n), dir.resolve(n), StandardCopyOption.REPLACE_EXISTING);
        Path out = tmp.resolve("batch out");
        Launch run = runScript("batch_blots.ijm", "folder=[" + dir + "] out=[" + out + "] options=[lanes=auto background=border_median]");
        assertFalse(run.stdout().contains("error:") || run.stderr().contains("Exception"), run.toString());
        assertTrue(run.stdout().contains("AssayQuant batch: " + out + File.separator + "batch.csv"), run.toString());
        Path cli = tmp.resolve("batch cli");
        assertEquals(0, Main.run(new String[] {"batch", "command=blot", "folder=" + dir, "out=" + cli}));
        for (String f : List.of("bands.csv", "lanes.csv", "batch.csv", "blot_chemi_16bit/bands.csv", "blot_film_8bit_dark/bands.csv"))
            assertEquals(Files.readString(cli.resolve(f)), Files.readString(out.resolve(f)), f);
    }

    // ---------------------------------------------------------------------------------------------

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** ij.jar -batch scripts/<script> <argument>, on the shared Xvfb display. */
    private static Launch runScript(String script, String argument) throws IOException, InterruptedException {
        Path macro = Path.of("scripts", script).toAbsolutePath();
        assertTrue(Files.isRegularFile(macro), "missing " + macro);
        return ImageJLauncher.batch(ijDir, tmp, macro, argument, TIMEOUT_S);
    }
}
