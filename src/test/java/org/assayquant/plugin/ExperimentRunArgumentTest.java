package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.console.ConsoleService;
import org.scijava.startup.StartupService;

import org.assayquant.cli.Main;

/**
 * Fiji's {@code ImageJ-linux64 --headless --run org.assayquant.commands.Experiment
 * 'sheet="...",out="..."'}: the launcher hands --run and its two words to SciJava's console
 * service, whose RunArgument parses the key/value list and runs the command through the
 * RunService and CommandService (headless here, as surefire runs), once the application has
 * started (StartupService). The same console arguments are processed here, so everything after
 * the launcher is what Fiji does.
 */
class ExperimentRunArgumentTest {
    @TempDir
    static Path tmp;
    private static Context context;

    @BeforeAll
    static void context() {
        context = new Context(); // every service, as in Fiji (the console arguments need several)
    }

    @AfterAll
    static void dispose() {
        if (context != null) context.dispose();
    }

    @Test
    void runArgumentRunsTheExperimentAsTheCommandLineDoes() throws Exception {
        Path sheet = Files.createDirectories(tmp.resolve("exp dir")).resolve("sheet.csv");
        Files.copy(Path.of("docs", "examples", "synergy_matrix.csv"), sheet.resolveSibling("matrix.csv"));
        Files.copy(Path.of("sample-images", "blot_chemi_16bit.tif"), sheet.resolveSibling("chemi.tif"));
        Files.writeString(sheet, "step,name,input,options\nblot,chemi,chemi.tif,\nsynergy,syn,matrix.csv,bootstrap=100 seed=3\n");
        Path out = tmp.resolve("run out");
        context.service(ConsoleService.class).processArgs("--run", "org.assayquant.commands.Experiment",
                "sheet=\"" + sheet + "\",out=\"" + out + "\",title=\"Run argument\"");
        // the launcher's application runs the queued --run once it has started (headless: at once)
        context.service(StartupService.class).executeOperations();
        assertTrue(Files.isRegularFile(out.resolve("report.html")), "no report written by --run");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<h1>Run argument</h1>"));
        Path cli = tmp.resolve("cli out");
        assertEquals(0, Main.run(new String[] {"experiment", "sheet=" + sheet, "out=" + cli}));
        for (String f : List.of("steps.csv", "chemi/bands.csv", "chemi/lanes.csv", "syn/summary.csv", "syn/combinations.csv", "syn/median_effect.csv"))
            assertEquals(Files.readString(cli.resolve(f)), Files.readString(out.resolve(f)), f);
    }
}
