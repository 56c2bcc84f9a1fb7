package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Summary means and the replicate bootstrap. */
class SynergyAnalysisTest {

    /** A 5x5 matrix (4 doses + 0 each) with {@code reps} noisy replicates around a Bliss-independent surface plus {@code excess} points. */
    static DoseMatrix matrix(int reps, double excess, long seed) {
        Random rnd = new Random(seed);
        double[] a = {0, 1, 2, 4, 8}, b = {0, 0.5, 1, 2, 4};
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (double y : b)
            for (double x : a) {
                double fa = x == 0 ? 0 : 0.9 / (1 + Math.pow(3 / x, 1.4));
                double fb = y == 0 ? 0 : 0.8 / (1 + Math.pow(1.5 / y, 1.2));
                double f = fa + fb - fa * fb + (x > 0 && y > 0 ? excess / 100 : 0);
                for (int r = 0; r < reps; r++) ms.add(new DoseMatrix.Measurement(x, y, f + 0.02 * rnd.nextGaussian()));
            }
        return DoseMatrix.of(ms);
    }

    @Test
    void summaryIsTheMeanOverCombinations() {
        SynergyAnalysis.Result r = SynergyAnalysis.run(matrix(3, 5, 1), 0, 1);
        double s = 0;
        for (DoseMatrix.Cell c : r.matrix().combinations()) s += r.scores().bliss()[c.ib()][c.ia()];
        assertEquals(s / 16, r.summary().get(0).score(), 1e-12);
        assertEquals("bliss", r.summary().get(0).model());
        assertEquals(4, r.summary().size(), "no ci_* rows: not a constant-ratio design");
        // no bootstrap asked: SynergyFinder's no-replicate interval and p-value from the cell scores
        double[] v = SynergyAnalysis.cellScores(r.scores().bliss(), r.matrix().combinations());
        double sd = SynergyAnalysis.sd(v);
        assertEquals(s / 16 - 1.959964 * sd, r.summary().get(0).low(), 1e-5);
        assertEquals(s / 16 + 1.959964 * sd, r.summary().get(0).high(), 1e-5);
        assertEquals(SynergyAnalysis.CELLS, r.summary().get(0).interval());
        double z = Math.abs(s / 16) / sd;
        assertEquals(Math.exp(-0.717 * z - 0.416 * z * z), r.summary().get(0).pValue(), 1e-12);
    }

    /** Altman and Bland's p from z (BMJ 2011;343:d2304), as synergyfinder computes it: p = 0.05 near z = 1.96. */
    @Test
    void pValueIsSynergyfindersApproximation() {
        assertEquals(0.0497, SynergyAnalysis.pValue(1.96, 1), 1e-4);
        assertEquals(1, SynergyAnalysis.pValue(0, 2), 0);
        assertEquals(0, SynergyAnalysis.pValue(3, 0), 0);
        assertEquals(1, SynergyAnalysis.pValue(0, 0), 0);
    }

    /**
     * An excess of 5 points over Bliss on every combination (plus 2% noise, 3 replicates): the Bliss
     * mean is near 5 and its 95% bootstrap interval covers it; the same seed gives the same
     * interval, another seed a slightly different one.
     */
    @Test
    void bootstrapIntervalsAreSeededAndSensible() {
        DoseMatrix m = matrix(3, 5, 2);
        SynergyAnalysis.Result r = SynergyAnalysis.run(m, 200, 7);
        SynergyAnalysis.Summary bliss = r.summary().get(0);
        assertEquals(5, bliss.score(), 1.5);
        assertTrue(bliss.low() < bliss.score() && bliss.score() < bliss.high(), bliss.toString());
        assertTrue(bliss.high() - bliss.low() < 3, "2% noise, 48 wells: a narrow interval " + bliss);
        for (SynergyAnalysis.Summary s : r.summary()) assertTrue(s.low() <= s.high(), s.toString());
        assertEquals(200, r.resamples());
        SynergyAnalysis.Result again = SynergyAnalysis.run(m, 200, 7);
        assertEquals(bliss, again.summary().get(0));
        assertEquals(r.summary().get(3), again.summary().get(3), "ZIP refits are deterministic too");
        assertNotEquals(bliss.low(), SynergyAnalysis.run(m, 200, 8).summary().get(0).low());
    }

    /**
     * A bootstrap expected to run long says so first and then reports progress chunk by chunk; the
     * chunks change no number (each resample depends only on the seed and its index).
     */
    @Test
    void aLongBootstrapSaysSoAndReportsProgressWithTheSameNumbers() {
        DoseMatrix m = matrix(3, 5, 2);
        SynergyAnalysis.Result r = SynergyAnalysis.run(m, 0, 7);
        ReferenceModels.Fits near = ReferenceModels.compute(m.dosesA(), m.dosesB(), SynergyAnalysis.toInhibition(m.means()), null, null).fits();
        List<String> notes = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        SynergyAnalysis.Listener listen = new SynergyAnalysis.Listener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }

            @Override
            public void at(int d, int total) {
                assertEquals(100, total);
                done.add(d);
            }
        };
        double[][] loud = SynergyAnalysis.bootstrap(m, 100, 7, near, listen, 0);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).matches("the bootstrap of 100 resamples of this 5 x 5 matrix will take about \\d+ s more;.*bootstrap=0 skips the intervals.*"), notes.get(0));
        assertTrue(done.size() >= 2 && done.get(done.size() - 1) == 100, done.toString());
        double[][] quiet = SynergyAnalysis.bootstrap(m, 100, 7, near, SynergyAnalysis.Listener.NONE, Double.POSITIVE_INFINITY);
        for (int i = 0; i < 100; i++) assertTrue(java.util.Arrays.equals(quiet[i], loud[i]), "resample " + i);
        assertEquals(0, r.resamples());
        assertEquals("45 s", SynergyAnalysis.duration(45));
        assertEquals("50 min", SynergyAnalysis.duration(3000));
        assertEquals("1.7 h", SynergyAnalysis.duration(6000));
    }

    @Test
    void noIntervalsWithoutReplicates() {
        SynergyAnalysis.Result r = SynergyAnalysis.run(matrix(1, 5, 3), 100, 1);
        assertEquals(SynergyAnalysis.CELLS, r.summary().get(0).interval(), "SynergyFinder's interval without replicates");
        assertEquals(0, r.resamples());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("no bootstrap")), r.warnings().toString());
    }

    @Test
    void quantileIsRsType7() {
        // R: quantile(c(1, 2, 3, 4, 10), c(0.025, 0.975)) = 1.1, 9.4
        double[] v = {1, 2, 3, 4, 10};
        assertEquals(1.1, SynergyAnalysis.quantile(v, 0.025), 1e-12);
        assertEquals(9.4, SynergyAnalysis.quantile(v, 0.975), 1e-12);
    }
}
