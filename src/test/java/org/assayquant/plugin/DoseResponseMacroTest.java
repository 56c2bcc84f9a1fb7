package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.cli.Main;

/**
 * Dose Response from ImageJ macros (ij.jar -batch under Xvfb, the plugin installed as a user
 * installs it): a macro line with a CSV file, a CSV opened as a results table and used as the
 * front table (input empty), a table built by the macro and named by its title, and a bad key
 * that must fail fast. Each writes exactly what the command line writes for the same data.
 * Skipped where Xvfb is not installed.
 */
class DoseResponseMacroTest {
    private static final long TIMEOUT_S = 30;
    private static final String LABEL = "Dose Response...";
    private static final Path EXAMPLE = Path.of("src/test/resources/dose/example_viability.csv").toAbsolutePath();

    @TempDir
    static Path tmp;
    private static Path ijDir, cliOut;
    private static int launches;

    @BeforeAll
    static void install() throws IOException {
        assumeTrue(ImageJLauncher.available(), "Xvfb not on PATH (apt-get install -y xvfb): macro tests skipped");
        ijDir = ImageJLauncher.install(tmp);
        cliOut = tmp.resolve("cli");
        assertEquals(0, Main.run(new String[] {"dose-response", "input=" + EXAMPLE, "out=" + cliOut}));
    }

    @Test
    void macroLineWithACsvFile() throws Exception {
        Path out = tmp.resolve("file");
        String log = runMacro("run(\"" + LABEL + "\", \"input=[" + EXAMPLE + "] out=[" + out + "] response=viability top=[] bottom=[] interval=log\");\n");
        assertSameFits(out, log);
    }

    @Test
    void csvOpenedAsTheFrontTable() throws Exception {
        Path out = tmp.resolve("front");
        String log = runMacro("open(\"" + EXAMPLE + "\");\n"
                + "run(\"" + LABEL + "\", \"input=[] out=[" + out + "] response=viability\");\n");
        assertSameFits(out, log);
        String run = Files.readString(out.resolve("run.csv"));
        assertTrue(run.contains("input,table:example_viability.csv\n"), run);
    }

    @Test
    void tableBuiltByTheMacroAndNamedByTitle() throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLE);
        StringBuilder drugs = new StringBuilder(), doses = new StringBuilder(), responses = new StringBuilder();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            drugs.append(drugs.length() > 0 ? "," : "").append('"').append(c[0]).append('"');
            doses.append(doses.length() > 0 ? "," : "").append(c[1]);
            responses.append(responses.length() > 0 ? "," : "").append(c[2]);
        }
        Path out = tmp.resolve("named");
        String log = runMacro("Table.create(\"plate 1\");\n"
                + "Table.setColumn(\"Drug\", newArray(" + drugs + "));\n"
                + "Table.setColumn(\"Dose\", newArray(" + doses + "));\n"
                + "Table.setColumn(\"Response\", newArray(" + responses + "));\n"
                + "Table.create(\"another table\");\n" // in front now: the named one must still be used
                + "run(\"" + LABEL + "\", \"input=[plate 1] out=[" + out + "]\");\n");
        // no replicate column in this table: only the replicates count differs from the CSV's fits
        List<String> expected = Files.readAllLines(cliOut.resolve("fits.csv")), actual = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(expected.size(), actual.size(), log);
        for (int i = 0; i < expected.size(); i++) {
            List<String> e = new ArrayList<>(List.of(expected.get(i).split(",", -1))), a = new ArrayList<>(List.of(actual.get(i).split(",", -1)));
            e.remove(15); // replicates
            a.remove(15);
            assertEquals(e, a, "fits.csv line " + (i + 1) + "\n" + log);
        }
        assertTrue(Files.readString(out.resolve("run.csv")).contains("input,table:plate 1\n"));
    }

    @Test
    void badKeyFailsFastWithoutOutput() throws Exception {
        Path out = tmp.resolve("bad");
        String log = runMacro("run(\"" + LABEL + "\", \"input=[" + EXAMPLE + "] out=[" + out + "] response=percent\");\n"
                + "print(\"AFTER\");\n");
        assertTrue(log.lines().anyMatch(l -> l.startsWith("error: Dose Response: response=percent: expected one of viability, inhibition, fa")), log);
        assertFalse(log.lines().anyMatch(l -> l.equals("AFTER")), "the macro stops at the failed command\n" + log);
        assertFalse(Files.exists(out), log);
    }

    @Test
    void neitherFileNorTableFailsFast() throws Exception {
        Path out = tmp.resolve("missing");
        String log = runMacro("run(\"" + LABEL + "\", \"input=[plate 9] out=[" + out + "]\");\n");
        assertTrue(log.lines().anyMatch(l -> l.equals("error: Dose Response: input=plate 9: no such file or open table")), log);
        assertFalse(Files.exists(out), log);
    }

    private static void assertSameFits(Path out, String log) throws IOException {
        for (String f : List.of("fits.csv", "points.csv", "curves.png", "run.csv"))
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " not written\n" + log);
        for (String f : List.of("fits.csv", "points.csv"))
            assertEquals(Files.readString(cliOut.resolve(f)), Files.readString(out.resolve(f)), f + " differs from the command line's\n" + log);
        assertFalse(log.contains("error:") || log.contains("Exception"), log);
    }

    /** Runs a macro in ImageJ 1.x (-batch) on the shared Xvfb display and returns what it printed. */
    private static String runMacro(String macro) throws IOException, InterruptedException {
        Path file = tmp.resolve("m" + (++launches) + ".ijm");
        Files.writeString(file, macro, StandardCharsets.UTF_8);
        return ImageJLauncher.batch(ijDir, tmp, file, null, TIMEOUT_S).toString();
    }
}
