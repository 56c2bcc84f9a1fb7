package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every block of SynergyFinder's own example table (IanevskiAleksandr/SynergyFinder,
 * data_/exampleTable/exampleTable.txt; 6 blocks of 8 x 8, percent inhibition) against
 * synergyfinder 3.7.3's own R functions HSA, Bliss, Loewe and ZIP run on the same cell means
 * (src/test/resources/synergy/README.md says how). HSA and Bliss use only the observed single
 * agents: 1e-6. Loewe and ZIP rest on LL.4 fits by two optimizers (drc, Levenberg-Marquardt):
 * each block mean within max(1.5, 15 %) of synergyfinder's (issue 16's aim), and where a block
 * differs by more than 0.05 our single-agent fits must have the lower residual sum of squares.
 * Blocks 1 and 5 are those whose Loewe read -355,782 and -154,853 when a curve's runaway plateau
 * set the search levels.
 */
class SynergyFinderExampleTest {

    @Test
    void everyBlockAgreesWithSynergyfinder373() throws IOException {
        Map<String, List<double[]>> blocks = new LinkedHashMap<>();
        for (String[] c : rows("synergyfinder_example_table.csv"))
            blocks.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5])});
        Map<String, String[]> sf = new LinkedHashMap<>();
        for (String[] c : rows("synergyfinder_example_table_sf373.csv")) sf.put(c[0], c);
        assertEquals(6, blocks.size());
        for (Map.Entry<String, List<double[]>> e : blocks.entrySet()) {
            double[] a = e.getValue().stream().mapToDouble(r -> r[0]).distinct().sorted().toArray();
            double[] b = e.getValue().stream().mapToDouble(r -> r[1]).distinct().sorted().toArray();
            double[][] y = ReferenceModels.nan(b.length, a.length);
            for (double[] r : e.getValue()) y[Arrays.binarySearch(b, r[1])][Arrays.binarySearch(a, r[0])] = r[2];
            ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, new ArrayList<>());
            String[] ref = sf.get(e.getKey());
            double[] ours = {mean(s.hsa()), mean(s.bliss()), mean(s.loewe()), mean(s.zip())};
            double rssA = rss(s.curveA(), a, y[0]);
            double[] colB = new double[b.length];
            for (int i = 0; i < b.length; i++) colB[i] = y[i][0];
            double rssB = rss(s.curveB(), b, colB);
            String what = String.format(Locale.ROOT, "block %s: ours %s, synergyfinder %s; single-agent RSS ours %.3f / %.3f, synergyfinder %s / %s",
                    e.getKey(), Arrays.toString(ours), String.join(" ", Arrays.copyOfRange(ref, 1, 5)), rssA, rssB, ref[5], ref[6]);
            for (int k = 0; k < 2; k++) assertEquals(Double.parseDouble(ref[1 + k]), ours[k], 1e-6, what);
            for (int k = 2; k < 4; k++) {
                double theirs = Double.parseDouble(ref[1 + k]);
                assertEquals(theirs, ours[k], Math.max(1.5, 0.15 * Math.abs(theirs)), what);
                if (Math.abs(theirs - ours[k]) > 0.05)
                    assertTrue(rssA <= Double.parseDouble(ref[5]) * (1 + 1e-6) && rssB <= Double.parseDouble(ref[6]) * (1 + 1e-6), "differs, so our fits must be the better ones: " + what);
            }
        }
    }

    /**
     * synergyfinder 3.7.3's sensitivity scores (CalculateRI, CalculateIC50, CalculateCSS) and the
     * p-values of CalculateSynergy's no-replicate path on the same cell means
     * (synergyfinder3_sensitivity.R, output synergyfinder_example_table_sf373_sensitivity.csv).
     * The p-value is a formula of the cell scores: HSA and Bliss to 1e-9; Loewe and ZIP follow
     * their fits (within 0.02). RI rests on one LL.4 fit per drug (within 0.05 percentage
     * points; the largest difference is 0.047). CSS rests on a fit along every row or column
     * where drc and our multi-start can stop at different curves of nearly equal residual sum of
     * squares (block 2, dose 3000 of ipatasertib: RSS 17.572 ours, 17.579 drc, predictions 38.8
     * and 44.2 at dinaciclib's IC50), and on the IC50 (block 3: our alpelisib fit, with the
     * lower RSS, puts it above the highest dose): within max(1.5, 15 %), issue 16's aim for the
     * model means.
     */
    @Test
    void sensitivityAndPValuesAgreeWithSynergyfinder373() throws IOException {
        Map<String, List<double[]>> blocks = new LinkedHashMap<>();
        for (String[] c : rows("synergyfinder_example_table.csv"))
            blocks.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5])});
        Map<String, double[]> sf = new LinkedHashMap<>();
        for (String[] c : rows("synergyfinder_example_table_sf373_sensitivity.csv"))
            sf.put(c[0], Arrays.stream(c).skip(1).mapToDouble(Double::parseDouble).toArray());
        for (Map.Entry<String, List<double[]>> e : blocks.entrySet()) {
            double[] a = e.getValue().stream().mapToDouble(r -> r[0]).distinct().sorted().toArray();
            double[] b = e.getValue().stream().mapToDouble(r -> r[1]).distinct().sorted().toArray();
            double[][] y = ReferenceModels.nan(b.length, a.length);
            for (double[] r : e.getValue()) y[Arrays.binarySearch(b, r[1])][Arrays.binarySearch(a, r[0])] = r[2];
            ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, new ArrayList<>());
            Sensitivity.Result sens = Sensitivity.compute(a, b, y, s.curveA(), s.curveB(), null);
            // ic50_row, ic50_col, ri_row, ri_col, css_row, css_col, css, p_hsa, p_bliss, p_loewe, p_zip
            double[] ref = sf.get(e.getKey());
            String what = "block " + e.getKey() + ": " + sens + " synergyfinder " + Arrays.toString(ref);
            assertEquals(ref[2], sens.riA(), 0.05, what);
            assertEquals(ref[3], sens.riB(), 0.05, what);
            assertEquals(ref[4], sens.cssA(), 0.15 * ref[4], what);
            assertEquals(ref[5], sens.cssB(), 0.15 * ref[5], what);
            assertEquals(ref[6], sens.css(), Math.max(1.5, 0.15 * ref[6]), what);
            List<DoseMatrix.Cell> combos = new ArrayList<>();
            for (int i = 1; i < b.length; i++) for (int j = 1; j < a.length; j++) combos.add(new DoseMatrix.Cell(i, j));
            double[][][] models = {s.hsa(), s.bliss(), s.loewe(), s.zip()};
            for (int k = 0; k < 4; k++) {
                double[] v = SynergyAnalysis.cellScores(models[k], combos);
                double p = SynergyAnalysis.pValue(Arrays.stream(v).average().orElseThrow(), SynergyAnalysis.sd(v));
                assertEquals(ref[7 + k], p, k < 2 ? 1e-9 : 0.02, what + " p-value " + k);
            }
        }
    }

    /**
     * ZIP's fits along every row and column of the example table (84, the top held) are made on
     * the profile grid ({@link org.assayquant.core.dose.LogLogistic4#fitProfiled}); none may end
     * above the sixteen-start multi-start they replaced by more than 1e-6 (relative), and the
     * grid finds the lower minimum on some (measured: 8 of 84).
     */
    @Test
    void zipFitsAreNeverWorseThanTheMultiStart() throws IOException {
        Map<String, List<double[]>> blocks = new LinkedHashMap<>();
        for (String[] c : rows("synergyfinder_example_table.csv"))
            blocks.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5])});
        int fits = 0, better = 0;
        for (Map.Entry<String, List<double[]>> e : blocks.entrySet()) {
            double[] a = e.getValue().stream().mapToDouble(r -> r[0]).distinct().sorted().toArray();
            double[] b = e.getValue().stream().mapToDouble(r -> r[1]).distinct().sorted().toArray();
            double[][] y = ReferenceModels.nan(b.length, a.length);
            for (double[] r : e.getValue()) y[Arrays.binarySearch(b, r[1])][Arrays.binarySearch(a, r[0])] = r[2];
            ReferenceModels.Fits f = ReferenceModels.compute(a, b, y, null, null).fits();
            for (int i = 1; i < b.length; i++) {
                better += compareWithMultiStart("block " + e.getKey() + " row " + i, a, y[i], f.alongA()[i]);
                fits++;
            }
            for (int j = 1; j < a.length; j++) {
                double[] col = new double[b.length];
                for (int i = 0; i < b.length; i++) col[i] = y[i][j];
                better += compareWithMultiStart("block " + e.getKey() + " column " + j, b, col, f.alongB()[j]);
                fits++;
            }
        }
        assertEquals(84, fits);
        assertTrue(better > 0, "the grid never found a lower minimum: the comparison says little");
    }

    /** 1 when the grid fit is lower than the multi-start by more than 1e-6 (relative); fails when it is higher. */
    private static int compareWithMultiStart(String what, double[] dose, double[] y, org.assayquant.core.dose.LogLogistic4.MultiFit grid) {
        double m = org.assayquant.core.dose.LogLogistic4.fit(dose, y, Double.NaN, y[0]).rss(), g = grid.fit().rss();
        assertTrue(g <= m * (1 + 1e-6), what + ": grid " + g + " above the multi-start's " + m);
        return g < m * (1 - 1e-6) ? 1 : 0;
    }

    static double mean(double[][] v) {
        double s = 0;
        int n = 0;
        for (double[] r : v) for (double x : r) if (!Double.isNaN(x)) { s += x; n++; }
        return s / n;
    }

    static double rss(org.assayquant.core.dose.LogLogistic4 c, double[] d, double[] y) {
        double s = 0;
        for (int i = 0; i < d.length; i++) if (!Double.isNaN(y[i])) s += Math.pow(y[i] - c.value(d[i]), 2);
        return s;
    }

    /** Data rows of a comma-separated resource, quotes removed. */
    static List<String[]> rows(String name) throws IOException {
        try (InputStream in = SynergyFinderExampleTest.class.getResourceAsStream("/synergy/" + name)) {
            List<String[]> out = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) if (!lines[i].isBlank()) out.add(lines[i].replace("\"", "").split(","));
            return out;
        }
    }
}
