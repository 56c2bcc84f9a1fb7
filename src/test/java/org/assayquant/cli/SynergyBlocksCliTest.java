package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.dose.LogLogistic4;
import org.assayquant.testutil.CliRun;

/**
 * SynergyFinder's input table (block_id, drug_row, drug_col, conc_r, conc_c, response,
 * conc_r_unit, conc_c_unit) on the command line: one result set per block, the drugs' names and
 * units carried into the tables, a semicolon-separated file read as such. Synthetic blocks with
 * known Bliss scores (HSA and Bliss use the observed single agents, so they are exact): block
 * "p1" is Bliss-independent (Bliss 0 at every combination), block "p2" adds 15 points of
 * inhibition to every combination (Bliss 15).
 */
class SynergyBlocksCliTest {
    @TempDir
    Path tmp;

    static String table(char sep, boolean withP2SingleB) {
        LogLogistic4 fa = new LogLogistic4(1.4, 85, 0, 30), fb = new LogLogistic4(1.1, 70, 0, 2);
        double[] a = {0, 3, 10, 30, 100, 300}, b = {0, 0.2, 0.6, 2, 6, 20};
        StringBuilder s = new StringBuilder(String.join(String.valueOf(sep), "block_id", "drug_row", "drug_col", "conc_r", "conc_c", "response", "conc_r_unit", "conc_c_unit")).append('\n');
        for (String block : new String[] {"p1", "p2"})
            for (double x : a)
                for (double z : b) {
                    if (block.equals("p2") && !withP2SingleB && x == 0 && z > 0) continue;
                    double ya = fa.value(x), yb = fb.value(z), y = ya + yb - ya * yb / 100 + (block.equals("p2") && x > 0 && z > 0 ? 15 : 0);
                    s.append(String.join(String.valueOf(sep), block, block.equals("p1") ? "Gefitinib" : "Dasatinib", "Everolimus",
                            Double.toString(x), Double.toString(z), String.format(Locale.ROOT, "%.10f", y), "nM", "µM")).append('\n');
                }
        return s.toString();
    }

    @Test
    void oneResultSetPerBlockWithNamesAndUnits() throws Exception {
        Path in = Files.writeString(tmp.resolve("screen.csv"), table(';', true));
        Path out = tmp.resolve("res");
        CliRun.Run r = CliRun.run("synergy", "input=" + in, "out=" + out, "response=inhibition", "bootstrap=0");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("block_p1", "block_p2", "combinations.csv", "median_effect.csv", "run.csv", "summary.csv"), CliTest.names(out));
        for (String b : List.of("block_p1", "block_p2"))
            assertEquals(List.of("fa_ci.png", "fa_dri.png", "heatmap_bliss.png", "heatmap_hsa.png", "heatmap_loewe.png", "heatmap_zip.png",
                    "isobologram.png", "isobologram_ed.png", "median_effect.png"), CliTest.names(out.resolve(b)));

        assertEquals(List.of("block_id", "drug_a", "unit_a", "drug_b", "unit_b", "model", "score", "low", "high"),
                CliTest.splitCsv(Files.readAllLines(out.resolve("summary.csv")).get(0)).subList(0, 9));
        List<Map<String, String>> sum = CliTest.readCsv(out.resolve("summary.csv"));
        assertEquals(12, sum.size(), "bliss, hsa, loewe, zip, css, overall per block");
        for (Map<String, String> s : sum) {
            assertEquals("Everolimus", s.get("drug_b"));
            assertEquals("µM", s.get("unit_b"));
            if (s.get("model").equals("bliss"))
                assertEquals(s.get("block_id").equals("p1") ? 0 : 15, Double.parseDouble(s.get("score")), 1e-6, s.toString());
        }
        assertEquals("Dasatinib", sum.get(6).get("drug_a"));
        assertEquals("nM", sum.get(6).get("unit_a"));
        List<Map<String, String>> combos = CliTest.readCsv(out.resolve("combinations.csv"));
        assertEquals(50, combos.size(), "2 blocks x 5 x 5");
        assertEquals("p2", combos.get(49).get("block_id"));
        List<Map<String, String>> me = CliTest.readCsv(out.resolve("median_effect.csv"));
        assertEquals(List.of("p1", "p1", "p2", "p2"), me.stream().map(x -> x.get("block_id")).toList());
        assertEquals(List.of("a", "b", "a", "b"), me.stream().map(x -> x.get("agent")).toList());
        String run = Files.readString(out.resolve("run.csv"));
        assertTrue(run.contains("block p2 bliss,15"), run);
    }

    @Test
    void aBlockWithoutOneDrugAloneIsRefusedByName() throws Exception {
        Path in = Files.writeString(tmp.resolve("screen.tsv"), table('\t', false));
        Path out = tmp.resolve("res");
        CliRun.Run r = CliRun.run("synergy", "input=" + in, "out=" + out, "response=inhibition", "bootstrap=0");
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertEquals("error: input=" + in + ": block p2: no rows for Everolimus alone (conc_c > 0 with conc_r = 0); every synergy model needs each drug's own dose response",
                r.errLines().get(0));
        assertFalse(Files.exists(out));
    }
}
