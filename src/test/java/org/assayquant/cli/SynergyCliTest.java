package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assayquant.testutil.CliRun;

/** The synergy command line of ../shared/CONTRACT.md. */
class SynergyCliTest {
    static final Path EXAMPLE = Path.of("docs", "examples", "synergy_matrix.csv");
    static final List<String> COMBINATION_COLUMNS = List.of("dose_a", "dose_b", "fa", "ci", "bliss", "hsa", "loewe", "zip");

    @TempDir
    Path tmp;
    private Locale saved;

    @BeforeEach
    void germanLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    static List<String> header(Path p) throws Exception {
        return CliTest.splitCsv(Files.readAllLines(p).get(0));
    }

    @Test
    void checkerboardWritesTheContractFiles() throws Exception {
        String before = CliTest.sha256(EXAMPLE);
        Path out = tmp.resolve("res");
        CliRun.Run r = CliRun.run("synergy", "input=" + EXAMPLE, "out=" + out, "response=viability", "bootstrap=200");
        assertEquals(0, r.status(), r.toString());
        assertEquals(before, CliTest.sha256(EXAMPLE), "input modified");
        assertEquals(List.of("combinations.csv", "fa_ci.png", "fa_dri.png", "heatmap_bliss.png", "heatmap_hsa.png", "heatmap_loewe.png",
                "heatmap_zip.png", "isobologram.png", "isobologram_ed.png", "median_effect.csv", "median_effect.png", "run.csv", "summary.csv"),
                CliTest.names(out));

        assertEquals(List.of("agent", "m", "dm", "r"), header(out.resolve("median_effect.csv")).subList(0, 4));
        List<Map<String, String>> me = CliTest.readCsv(out.resolve("median_effect.csv"));
        assertEquals(List.of("a", "b"), me.stream().map(x -> x.get("agent")).toList(), "no a+b row: not a constant-ratio design");

        assertEquals(COMBINATION_COLUMNS, header(out.resolve("combinations.csv")).subList(0, 8));
        List<Map<String, String>> combos = CliTest.readCsv(out.resolve("combinations.csv"));
        assertEquals(25, combos.size(), "5 x 5 combinations");
        for (Map<String, String> c : combos) {
            assertTrue(Double.parseDouble(c.get("dose_a")) > 0 && Double.parseDouble(c.get("dose_b")) > 0, c.toString());
            for (String k : List.of("fa", "ci", "bliss", "hsa", "loewe", "zip")) assertTrue(c.get(k).matches("-?\\d+(\\.\\d+)?"), k + " in " + c);
            assertEquals("viability (percent of untreated control)", c.get("input_scale"));
            assertEquals("3", c.get("replicates"));
            // fa = 1 - viability/100 and inhibition = 100 fa: the scale conversion is visible in the file
            assertEquals(1 - Double.parseDouble(c.get("response_mean")) / 100, Double.parseDouble(c.get("fa")), 2e-6);
        }

        assertEquals(List.of("model", "score", "low", "high"), header(out.resolve("summary.csv")).subList(0, 4));
        List<Map<String, String>> sum = CliTest.readCsv(out.resolve("summary.csv"));
        assertEquals(List.of("bliss", "hsa", "loewe", "zip", "css", "overall"), sum.stream().map(x -> x.get("model")).toList());
        for (Map<String, String> s : sum.subList(0, 4)) {
            assertEquals("bootstrap", s.get("interval"));
            assertTrue(Double.parseDouble(s.get("p_value")) < 0.05, "an excess on every combination, 3 replicates: " + s);
            double score = Double.parseDouble(s.get("score")), lo = Double.parseDouble(s.get("low")), hi = Double.parseDouble(s.get("high"));
            assertTrue(lo <= score && score <= hi, s.toString());
            assertTrue(score > 0, "the example is built synergistic: " + s);
        }
        assertEquals("synergistic", sum.get(5).get("interpretation"), sum.get(5).toString());
        // the example's excess over additivity peaks at the middle doses: its most synergistic 3 x 3 area is there
        assertEquals("6.25-25", sum.get(3).get("msa_dose_a"), sum.get(3).toString());
        assertTrue(Double.parseDouble(sum.get(3).get("msa")) > Double.parseDouble(sum.get(3).get("score")), sum.get(3).toString());
        assertTrue(sum.get(5).get("reasons").startsWith("bliss, hsa, loewe, zip above 0"), sum.get(5).toString());
        assertTrue(Double.parseDouble(sum.get(4).get("score")) > 0, "CSS " + sum.get(4));
        assertNotNull(ImageIO.read(out.resolve("heatmap_zip.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("fa_ci.png").toFile()));
        String run = Files.readString(out.resolve("run.csv"));
        assertTrue(run.contains("result.input_scale,viability (percent of untreated control)"), run);
    }

    /** A constant-ratio ray (1:10, CompuSyn's design) adds the a+b fit, ci_50..ci_95 and ci_levels.csv. */
    @Test
    void constantRatioDesignReportsCiAtFaLevels() throws Exception {
        StringBuilder csv = new StringBuilder("dose_a,dose_b,response\n0,0,0\n");
        double[] d = {0.5, 1, 2, 4, 8};
        for (double x : d) {
            double fa = 1 / (1 + Math.pow(2 / x, 1.2)), fb = 1 / (1 + Math.pow(30 / (10 * x), 0.9));
            double fab = 1 / (1 + Math.pow(1.2 / x, 1.1));
            csv.append(x).append(",0,").append(fa).append('\n');
            csv.append("0,").append(10 * x).append(',').append(fb).append('\n');
            csv.append(x).append(',').append(10 * x).append(',').append(fab).append('\n');
        }
        Path in = Files.writeString(tmp.resolve("ray.csv"), csv);
        Path out = tmp.resolve("ray-out");
        CliRun.Run r = CliRun.run("synergy", "input=" + in, "out=" + out, "response=fa");
        assertEquals(0, r.status(), r.toString());
        assertTrue(CliTest.names(out).contains("ci_levels.csv"));
        List<Map<String, String>> me = CliTest.readCsv(out.resolve("median_effect.csv"));
        assertEquals(List.of("a", "b", "a+b"), me.stream().map(x -> x.get("agent")).toList());
        // the combination was generated with Dm = 1.2 in dose A, i.e. 1.2 + 12 = 13.2 in total dose, m = 1.1
        assertEquals(13.2, Double.parseDouble(me.get(2).get("dm")), 1e-5);
        assertEquals(1.1, Double.parseDouble(me.get(2).get("m")), 1e-6);
        List<Map<String, String>> sum = CliTest.readCsv(out.resolve("summary.csv"));
        assertEquals(List.of("bliss", "hsa", "loewe", "zip", "ci_50", "ci_75", "ci_90", "ci_95", "css", "overall"), sum.stream().map(x -> x.get("model")).toList());
        // CI at fa = 0.5: doses 1.2 and 12 against Dm 2 and 30: 0.6 + 0.4 = 1.0
        assertEquals(1.0, Double.parseDouble(sum.get(4).get("score")), 1e-5);
        assertEquals("", sum.get(4).get("low"), "no replicates, no interval");
        assertTrue(r.err().contains("warning: no bootstrap: some dose cells have a single replicate"), r.toString());
    }

    /**
     * The seed papers' design: drug A titrated alone and at one fixed dose of drug B, B alone at
     * that dose only. HSA and Bliss are defined (hand-computed here from the replicate means); CI,
     * Loewe and ZIP need B's own dose response, so they are empty and the warnings say why.
     */
    @Test
    void fixedDosePlusTitrationGivesHsaAndBlissOnly() throws Exception {
        String csv = "dose_a,dose_b,response\n0,0,100\n1,0,90\n3,0,80\n10,0,50\n30,0,30\n"
                + "0,2,86\n0,2,88\n1,2,70\n3,2,56\n10,2,29\n30,2,13\n";
        Path in = Files.writeString(tmp.resolve("fixed.csv"), csv);
        Path out = tmp.resolve("fixed-out");
        CliRun.Run r = CliRun.run("synergy", "input=" + in, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> combos = CliTest.readCsv(out.resolve("combinations.csv"));
        assertEquals(4, combos.size());
        // dose_a 10, dose_b 2: inhibitions A 50, B 13 (mean of 14 and 12), AB 71
        Map<String, String> c = combos.get(2);
        assertEquals("10", c.get("dose_a"));
        assertEquals(71 - 50, Double.parseDouble(c.get("hsa")), 1e-9);
        assertEquals(71 - (50 + 13 - 50 * 13 / 100.0), Double.parseDouble(c.get("bliss")), 1e-9);
        assertEquals("", c.get("ci"));
        assertEquals("", c.get("zip"));
        assertTrue(r.err().contains("drug B alone has fewer than two doses"), r.toString());
        assertTrue(r.err().contains("drug B alone was measured at 1 dose(s) above 0"), r.toString());
    }

    @Test
    void helpListsEveryKey() {
        CliRun.Run r = CliRun.run("synergy", "--help");
        assertEquals(0, r.status(), r.toString());
        for (String k : List.of("input", "out", "response", "bootstrap", "seed"))
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(k + " ")), k + " in " + r.out());
        assertTrue(r.out().contains("Plugins > AssayQuant > Drug Synergy"), r.out());
    }

    // ---- bad input: exit 2, one error line naming file/line/column, no output folder ----------

    private void refused(String csv, String mustName, String... extra) throws Exception {
        Path in = Files.writeString(tmp.resolve("bad.csv"), csv);
        Path out = tmp.resolve("never");
        String[] args = new String[3 + extra.length];
        args[0] = "synergy";
        args[1] = "input=" + in;
        args[2] = "out=" + out;
        System.arraycopy(extra, 0, args, 3, extra.length);
        new CliTest().assertCleanFailure(Set.of(2), mustName, out, in, args);
        assertFalse(Files.exists(out));
    }

    static final String GOOD_HEAD = "dose_a,dose_b,response\n0,0,100\n1,0,80\n0,1,70\n";

    @Test
    void missingColumn() throws Exception {
        refused("dose_a,dose_b,viability\n0,0,100\n", "missing column response");
    }

    @Test
    void nonNumericCell() throws Exception {
        refused(GOOD_HEAD + "1,1,abc\n", "line 5, column response: 'abc' is not a number");
    }

    @Test
    void decimalComma() throws Exception {
        refused(GOOD_HEAD + "\"1,5\",1,40\n", "line 5, column dose_a: '1,5' is not a number (use '.' as the decimal separator)");
    }

    @Test
    void negativeDose() throws Exception {
        refused(GOOD_HEAD + "1,-1,40\n", "line 5, column dose_b: -1 is negative");
    }

    @Test
    void faAboveOne() throws Exception {
        refused("dose_a,dose_b,response\n0,0,0\n1,0,0.2\n0,1,30\n1,1,0.6\n", "line 4, column response: 30 is above 1, but response=fa", "response=fa");
    }

    @Test
    void noSingleAgentRowsForDrugB() throws Exception {
        refused("dose_a,dose_b,response\n0,0,100\n1,0,80\n2,0,60\n1,1,40\n", "no rows for drug B alone");
    }

    @Test
    void duplicateReplicate() throws Exception {
        refused("dose_a,dose_b,response,replicate\n1,0,80,1\n0,1,70,1\n1,1,50,1\n1,1,52,1\n", "line 5, column replicate: replicate '1' of dose_a=1, dose_b=1 already appears on line 4");
    }

    @Test
    void unknownScale() throws Exception {
        refused(GOOD_HEAD + "1,1,40\n", "response=percent", "response=percent");
    }

    @Test
    void missingInputFile() throws Exception {
        Path out = tmp.resolve("never");
        new CliTest().assertCleanFailure(Set.of(2), "nope.csv", out, null, "synergy", "input=" + tmp.resolve("nope.csv"), "out=" + out);
    }
}
