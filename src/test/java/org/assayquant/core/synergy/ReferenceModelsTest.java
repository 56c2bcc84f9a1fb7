package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.dose.LogLogistic4;

/**
 * SynergyFinder's models against hand-computed matrices and surfaces with known answers, from the
 * definitions in the synergyfinder 3 R functions HSA, Bliss, Loewe, ZIP (TangSoftwareLab/SynergyFinderR,
 * R/calculate_synergy_score.R) and Yadav et al. 2015 (Comput Struct Biotechnol J 13:504).
 */
class ReferenceModelsTest {
    static final double N = Double.NaN;

    @Test
    void hsaAndBlissByHand() {
        double[] a = {0, 1, 2}, b = {0, 10, 20};
        double[][] y = {
                {0, 20, 40},
                {30, 50, 70},
                {50, 55, 95}};
        List<String> w = new ArrayList<>();
        ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, w);
        // (a=1, b=10): max(20, 30) = 30 -> 20; Bliss 20 + 30 - 6 = 44 -> 6
        assertEquals(20, s.hsa()[1][1], 1e-12);
        assertEquals(6, s.bliss()[1][1], 1e-12);
        // (2, 10): 70 - 40 = 30; 70 - (40 + 30 - 12) = 12
        assertEquals(30, s.hsa()[1][2], 1e-12);
        assertEquals(12, s.bliss()[1][2], 1e-12);
        // (1, 20): 55 - 50 = 5; 55 - (20 + 50 - 10) = -5
        assertEquals(5, s.hsa()[2][1], 1e-12);
        assertEquals(-5, s.bliss()[2][1], 1e-12);
        // (2, 20): 95 - 50 = 45; 95 - (40 + 50 - 20) = 25
        assertEquals(45, s.hsa()[2][2], 1e-12);
        assertEquals(25, s.bliss()[2][2], 1e-12);
        // no score outside the combinations; two doses per drug cannot carry a 4-parameter curve
        assertTrue(Double.isNaN(s.bliss()[0][1]) && Double.isNaN(s.hsa()[1][0]));
        assertTrue(Double.isNaN(s.loewe()[1][1]) && Double.isNaN(s.zip()[1][1]));
        assertTrue(w.stream().anyMatch(x -> x.contains("drug A alone was measured at 2 dose(s)")), w.toString());
    }

    @Test
    void missingSingleAgentCellLeavesThatScoreEmpty() {
        double[] a = {0, 1, 2}, b = {0, 10};
        double[][] y = {{0, N, 40}, {30, 50, 70}};
        List<String> w = new ArrayList<>();
        ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, w);
        assertTrue(Double.isNaN(s.bliss()[1][1]));
        assertEquals(70 - (40 + 30 - 12), s.bliss()[1][2], 1e-12);
        assertTrue(w.get(0).startsWith("HSA/Bliss: 1 combination(s) have no single-agent measurement"), w.toString());
    }

    static final double[] DA = {0, 0.1, 0.3, 1, 3, 10, 30, 100};
    static final double[] DB = {0, 0.05, 0.15, 0.5, 1.5, 5, 15};

    /** Percent-inhibition curve rising from 0 to {@code max} (LogLogistic4: top is the dose-0 end). */
    static LogLogistic4 inhibition(double hill, double max, double ec50) {
        return new LogLogistic4(hill, max, 0, ec50);
    }

    /**
     * A Bliss-independent surface built from two four-parameter curves. Bliss must be 0 exactly;
     * ZIP must be 0 too, because every row and column of such a surface is itself an LL.4 curve
     * starting at the other drug's effect, so both the single-agent and the across-matrix fits are
     * exact (Yadav et al. 2015: ZIP's reference is Bliss independence of the fitted curves).
     */
    @Test
    void blissIndependentSurfaceScoresZeroForBlissAndZip() {
        LogLogistic4 fa = inhibition(1.5, 90, 3), fb = inhibition(1.1, 70, 0.8);
        double[][] y = new double[DB.length][DA.length];
        for (int i = 0; i < DB.length; i++)
            for (int j = 0; j < DA.length; j++) {
                double ya = fa.value(DA[j]), yb = fb.value(DB[i]);
                y[i][j] = ya + yb - ya * yb / 100;
            }
        List<String> w = new ArrayList<>();
        ReferenceModels.Scores s = ReferenceModels.compute(DA, DB, y, w);
        assertTrue(w.isEmpty(), w.toString());
        assertEquals(1.5, s.curveA().hill(), 1e-4);
        assertEquals(3, s.curveA().ec50(), 1e-3);
        for (int i = 1; i < DB.length; i++)
            for (int j = 1; j < DA.length; j++) {
                assertEquals(0, s.bliss()[i][j], 1e-9);
                assertEquals(0, s.zip()[i][j], 1e-3, "ZIP at " + DA[j] + ", " + DB[i]);
            }
    }

    /**
     * A drug combined with itself (a sham combination, dose units shared): the observed effect is
     * f(a + b), which is Loewe additivity by definition, so the Loewe score is 0 within the search
     * resolution of synergyfinder's 100 effect levels (one step of (90 - 0) / 99).
     */
    @Test
    void shamCombinationScoresZeroForLoewe() {
        LogLogistic4 f = inhibition(1.3, 90, 2);
        double[] d = {0, 0.25, 0.5, 1, 2, 4, 8};
        double[][] y = new double[d.length][d.length];
        for (int i = 0; i < d.length; i++) for (int j = 0; j < d.length; j++) y[i][j] = f.value(d[i] + d[j]);
        ReferenceModels.Scores s = ReferenceModels.compute(d, d, y, null);
        double step = 90.0 / 99;
        for (int i = 1; i < d.length; i++)
            for (int j = 1; j < d.length; j++) assertEquals(0, s.loewe()[i][j], step + 1e-3, "Loewe at " + d[j] + ", " + d[i]);
    }

    /**
     * Loewe by hand for Hill slope 1, bottom 0, top 100: X(y) = e y / (100 - y), so a/XA + b/XB = 1
     * gives y = 100 z / (1 + z) with z = a/eA + b/eB. synergyfinder picks the nearest of 100 levels
     * between 0 and 100 whose |a/XA + b/XB - 1| is smallest, so the expected effect is a grid level
     * within one step (1.0101) of that.
     */
    @Test
    void loeweExpectedEffectByHand() {
        LogLogistic4 ca = inhibition(1, 100, 2), cb = inhibition(1, 100, 5);
        double[][] cases = {{1, 1}, {0.5, 4}, {3, 0.2}, {0.1, 0.1}};
        for (double[] c : cases) {
            double z = c[0] / 2 + c[1] / 5, exact = 100 * z / (1 + z);
            double yObs = exact + 3; // any effect the drugs can reach: only x_cap's finiteness depends on it
            double got = ReferenceModels.loeweExpected(c[0], c[1], yObs, ca, cb);
            assertEquals(exact, got, 100.0 / 99 + 1e-9, "a=" + c[0] + " b=" + c[1]);
            double k = got / (100.0 / 99);
            assertEquals(Math.rint(k), k, 1e-9, "one of the 100 grid levels");
        }
    }

    /** Neither drug alone reaches the observed effect: expected = the larger curve value at a + b. */
    @Test
    void loeweWhenNeitherDrugReachesTheEffect() {
        // (hill exactly 1 would make R's (-x)^1 a finite negative dose, and synergyfinder would search the grid)
        LogLogistic4 ca = inhibition(1.2, 50, 2), cb = inhibition(2, 60, 1);
        double got = ReferenceModels.loeweExpected(1, 3, 80, ca, cb);
        assertEquals(Math.max(ca.value(4), cb.value(4)), got, 1e-12);
        assertEquals(60 * 16 / 17.0, got, 1e-12); // cb at dose 4: 60 / (1 + (1/4)^2)
    }

    @Test
    void expectedDoseFollowsRSemantics() {
        LogLogistic4 c = inhibition(1.5, 80, 2);
        assertEquals(c.dose(40), ReferenceModels.expectedDose(40, c), 1e-12);
        assertEquals(2, ReferenceModels.expectedDose(40, c), 1e-12); // the midpoint is at ec50
        assertEquals(Double.POSITIVE_INFINITY, ReferenceModels.expectedDose(90, c)); // above both asymptotes
        assertEquals(0, ReferenceModels.expectedDose(-5, c)); // below: dose 0
        assertTrue(Double.isNaN(ReferenceModels.rpow(-8, 1 / 3.0)), "R gives NaN where Math.cbrt would not");
        assertEquals(Double.NaN, ReferenceModels.rpow(Double.NEGATIVE_INFINITY, 0.5));
        assertEquals(-8, ReferenceModels.rpow(-2, 3), 0);
    }

    /**
     * The untreated control stays at dose 0, as drc's LL.4 takes it on synergyfinder 3's main path
     * (FitDoseResponse falls back to dose 1e-10 on a log axis only when drc fails): a shallow curve
     * (Hill 0.25) measured without noise is recovered exactly. At dose 1e-10 the same curve would
     * already be 0.25 points above its dose-0 value, so a stand-in dose could not fit it exactly.
     */
    @Test
    void untreatedControlStaysAtDoseZero() {
        LogLogistic4 fa = inhibition(0.25, 80, 1), fb = inhibition(1.2, 60, 2);
        double[] a = {0, 0.01, 0.1, 1, 10, 100}, b = {0, 0.5, 1, 2, 4, 8};
        double[][] y = new double[b.length][a.length];
        for (int i = 0; i < b.length; i++)
            for (int j = 0; j < a.length; j++) {
                double ya = fa.value(a[j]), yb = fb.value(b[i]);
                y[i][j] = ya + yb - ya * yb / 100;
            }
        ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, null);
        assertEquals(0.25, s.curveA().hill(), 1e-6);
        assertEquals(80, s.curveA().bottom(), 1e-4);
        assertEquals(0, s.curveA().top(), 1e-6);
        assertEquals(1, s.curveA().ec50(), 1e-5);
        assertTrue(Math.abs(fa.value(1e-10) - fa.value(0)) > 0.2, "the stand-in dose would be a real dose for this curve");
    }

    /**
     * Without the untreated control the single-agent curves take it at 0 % inhibition (what the
     * scale defines it to be) and say so; with a true control of 0 the scores equal those of the
     * full matrix.
     */
    @Test
    void missingControlIsTakenAtZeroWithAWarning() {
        LogLogistic4 fa = inhibition(1.5, 90, 3), fb = inhibition(1.1, 70, 0.8);
        double[][] y = new double[DB.length][DA.length];
        for (int i = 0; i < DB.length; i++)
            for (int j = 0; j < DA.length; j++) {
                double ya = fa.value(DA[j]), yb = fb.value(DB[i]);
                y[i][j] = ya + yb - ya * yb / 100 + 4 * Math.sin(7 * i + 3 * j); // some interaction
            }
        y[0][0] = 0;
        ReferenceModels.Scores full = ReferenceModels.compute(DA, DB, y, null);
        y[0][0] = Double.NaN;
        List<String> w = new ArrayList<>();
        ReferenceModels.Scores s = ReferenceModels.compute(DA, DB, y, w);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("no untreated control (dose 0 of both drugs): it is taken as 0 % inhibition")), w.toString());
        for (int i = 1; i < DB.length; i++)
            for (int j = 1; j < DA.length; j++) {
                assertEquals(full.loewe()[i][j], s.loewe()[i][j], 1e-6);
                assertEquals(full.zip()[i][j], s.zip()[i][j], 1e-6);
            }
    }

    /**
     * A drug whose curve never flattens within the tested doses (a power law, as navitoclax in
     * SynergyFinder's example block 1): its least-squares plateau runs into the millions. Loewe's
     * search levels stay within 0..100 % inhibition, so the expected effects are effects and the
     * scores stay within -100..100 (before, 100 levels up to the plateau put the first level above
     * 0 near 10^5 and Loewe read -355,782 on that block).
     */
    @Test
    void runawayPlateauKeepsLoeweWithinTheScale() {
        LogLogistic4 fa = inhibition(1.2, 85, 50);
        double[] a = {0, 1, 3, 10, 30, 100, 300, 1000}, b = {0, 1, 3, 10, 30, 100, 300, 1000};
        double[][] y = new double[b.length][a.length];
        for (int i = 0; i < b.length; i++)
            for (int j = 0; j < a.length; j++) {
                double ya = fa.value(a[j]), yb = b[i] > 0 ? 4 * Math.pow(b[i], 0.35) : 0; // 4 .. 45 %, no plateau in sight
                y[i][j] = ya + yb - ya * yb / 100 + 2 * Math.sin(5 * i + 11 * j); // measurement noise of +-2 points
            }
        ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, null);
        assertTrue(Math.max(s.curveB().bottom(), s.curveB().top()) > 1000, "the plateau runs away: " + s.curveB());
        for (int i = 1; i < b.length; i++)
            for (int j = 1; j < a.length; j++) {
                assertTrue(s.loeweReference()[i][j] >= 0 && s.loeweReference()[i][j] <= 100, "expected " + s.loeweReference()[i][j]);
                assertTrue(Math.abs(s.loewe()[i][j]) <= 100, "Loewe " + s.loewe()[i][j]);
            }
    }

    /** A row with too few doses for its own fit: the observed values stand in (synergyfinder 2's fallback). */
    @Test
    void zipFallsBackToObservedWhereARowCannotBeFitted() {
        LogLogistic4 fa = inhibition(1.5, 90, 3), fb = inhibition(1.1, 70, 0.8);
        double[] b = {0, 0.05, 0.15, 0.5, 1.5, 5};
        double[][] y = new double[b.length][DA.length];
        for (int i = 0; i < b.length; i++)
            for (int j = 0; j < DA.length; j++) {
                boolean measured = i == 0 || j == 0 || i == 3; // combinations only at b = 0.5: 4 rows and 7 columns cannot be fitted
                double ya = fa.value(DA[j]), yb = fb.value(b[i]);
                y[i][j] = measured ? ya + yb - ya * yb / 100 : Double.NaN;
            }
        List<String> w = new ArrayList<>();
        ReferenceModels.Scores s = ReferenceModels.compute(DA, b, y, w);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("ZIP: 11 row(s)/column(s)")), w.toString());
        assertNotNull(s.curveB());
        for (int j = 1; j < DA.length; j++) assertEquals(0, s.zip()[3][j], 1e-3, "ZIP along the measured row at " + DA[j]);
    }
}
