package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Real SynergyFinder example data through ReferenceModels, compared cell by cell with an
 * independent, SELF-MADE re-implementation of synergyfinder 3's algorithms in base R
 * ({@code src/test/resources/synergy/synergyfinder3_crosscheck.R}, run in R 4.2.2; its output is
 * {@code dinaciclib_ipatasertib_crosscheck.csv}). This is not synergyfinder's own output: that
 * could not be obtained (drc is not installable here, and no printed per-cell or summary scores of
 * synergyfinder 3 on a text-form data set were found; see docs/synergy.md). It checks the port
 * against a second implementation written differently: other language, other optimizer (R optim,
 * Nelder-Mead and BFGS from 60 starts, fixing drc's c for ZIP rather than our top).
 * <p>
 * Data: block 2 (dinaciclib x ipatasertib, 8 x 8, percent inhibition, no replicates) of the
 * SynergyFinder web application's example table, IanevskiAleksandr/SynergyFinder,
 * data_/exampleTable/exampleTable.txt (commit deafbcf8).
 * <p>
 * Tolerances: HSA and Bliss use the observed single-agent values only, so 1e-9. ZIP and Loewe rest
 * on LL.4 fits found by two optimizers: measured agreement was 2.5e-7 (Loewe) and 8.8e-7 (ZIP)
 * percentage points per cell until Levenberg-Marquardt runs that crawl towards a plateau at
 * infinity were stopped after 100 iterations once they gain less than 1e-6 of their cost per
 * iteration, or after 100 whatever they gain (LogLogistic4.CRAWL_AFTER, CRAWL_CAP); that moved
 * ZIP cells by up to 1.7e-3 (a=100, b=10000) and the ZIP mean by 1.5e-4. Tolerance 5e-3 per cell
 * and 1e-3 for the summary means (a Loewe level one search step away, 0.73 here, would still fail
 * both).
 */
class SynergyFinderCrossCheckTest {

    @Test
    void dinaciclibIpatasertibMatchesIndependentImplementation() throws IOException {
        List<double[]> in = read("dinaciclib_ipatasertib.csv");
        double[] a = in.stream().mapToDouble(r -> r[0]).distinct().sorted().toArray();
        double[] b = in.stream().mapToDouble(r -> r[1]).distinct().sorted().toArray();
        double[][] y = ReferenceModels.nan(b.length, a.length);
        for (double[] r : in) y[Arrays.binarySearch(b, r[1])][Arrays.binarySearch(a, r[0])] = r[2];
        List<String> warnings = new ArrayList<>();
        ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, warnings);
        assertTrue(warnings.isEmpty(), warnings.toString());

        // fitted single-agent curves: R's drc-style (b, c, d, e) has c = our bottom for b > 0
        assertEquals(2.598421165, s.curveA().hill(), 1e-4);
        assertEquals(74.38236448, s.curveA().bottom(), 1e-4);
        assertEquals(3.55056856, s.curveA().top(), 1e-4);
        assertEquals(7.55902009, s.curveA().ec50(), 1e-4);
        assertEquals(0.9976333885, s.curveB().hill(), 1e-4);
        assertEquals(45.17672598, s.curveB().bottom(), 1e-4);
        assertEquals(1.469860153, s.curveB().top(), 1e-4);
        assertEquals(375.4536016, s.curveB().ec50(), 1e-2);

        List<double[]> ref = read("dinaciclib_ipatasertib_crosscheck.csv");
        assertEquals(49, ref.size());
        double[] sum = new double[4], refSum = new double[4];
        for (double[] r : ref) {
            int ib = Arrays.binarySearch(b, r[1]), ia = Arrays.binarySearch(a, r[0]);
            String at = "a=" + r[0] + " b=" + r[1];
            assertEquals(r[2], s.hsa()[ib][ia], 1e-9, "HSA " + at);
            assertEquals(r[3], s.bliss()[ib][ia], 1e-9, "Bliss " + at);
            assertEquals(r[4], s.loewe()[ib][ia], 5e-3, "Loewe " + at);
            assertEquals(r[5], s.zip()[ib][ia], 5e-3, "ZIP " + at);
            double[] ours = {s.hsa()[ib][ia], s.bliss()[ib][ia], s.loewe()[ib][ia], s.zip()[ib][ia]};
            for (int k = 0; k < 4; k++) { sum[k] += ours[k]; refSum[k] += r[2 + k]; }
        }
        // summary (mean over the 49 combinations): R gives HSA 1.290541879, Bliss -3.952679285,
        // Loewe 0.4408025075, ZIP -3.260787861
        assertEquals(1.290541879, sum[0] / 49, 1e-8);
        assertEquals(-3.952679285, sum[1] / 49, 1e-8);
        assertEquals(0.4408025075, sum[2] / 49, 1e-3);
        assertEquals(-3.260787861, sum[3] / 49, 1e-3);
        for (int k = 0; k < 4; k++) assertEquals(refSum[k] / 49, sum[k] / 49, k < 2 ? 1e-8 : 1e-3);
    }

    /** Numeric rows of a small CSV resource (header and '#' lines skipped). */
    private static List<double[]> read(String name) throws IOException {
        try (InputStream s = SynergyFinderCrossCheckTest.class.getResourceAsStream("/synergy/" + name)) {
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("conc1")) continue;
                rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            return rows;
        }
    }
}
