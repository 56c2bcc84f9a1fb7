package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.junit.jupiter.api.Test;

/**
 * Chou-Talalay against numbers worked out by hand from the equations of Chou and Talalay (1984,
 * Adv Enzyme Regul 22:27) and Chou (2006, Pharmacol Rev 58:621): median-effect fits of data made
 * from known m and Dm, the CI and DRI of hand-computed combinations, and exactly additive (Loewe)
 * combinations, whose CI must be 1.
 */
class ChouTalalayTest {

    /** fa from the median-effect equation fa = 1 / (1 + (Dm/D)^m). */
    static double fa(double d, double dm, double m) {
        return 1 / (1 + Math.pow(dm / d, m));
    }

    @Test
    void medianEffectRecoversKnownParameters() {
        double[] d = {0.5, 1, 2, 4, 8, 16};
        double[] f = new double[d.length];
        for (int i = 0; i < d.length; i++) f[i] = fa(d[i], 3.0, 1.7);
        MedianEffect me = MedianEffect.fit(d, f);
        assertEquals(1.7, me.m(), 1e-12);
        assertEquals(3.0, me.dm(), 1e-12);
        assertEquals(1.0, me.r(), 1e-12);
        assertEquals(6, me.points());
        // Dx = Dm (fa/(1-fa))^(1/m): fa = 0.9 -> 3 * 9^(1/1.7)
        assertEquals(3.0 * Math.pow(9, 1 / 1.7), me.dose(0.9), 1e-12);
        assertEquals(0.5, me.fa(3.0), 1e-15);
    }

    @Test
    void medianEffectByHand() {
        // two points: x = log10 D = 0, 1; y = log10(fa/fu) = log10(1/3), log10(3) -> m = log10 9, Dm = 10^0.5
        MedianEffect me = MedianEffect.fit(new double[] {1, 10}, new double[] {0.25, 0.75});
        assertEquals(Math.log10(9), me.m(), 1e-12);
        assertEquals(Math.sqrt(10), me.dm(), 1e-12);
        // three noisy points: hand regression of (0, -0.5), (1, 0.1), (2, 0.9): slope 0.7, intercept -0.5333
        double y0 = -0.5, y1 = 0.1, y2 = 0.9;
        double[] f = {frac(y0), frac(y1), frac(y2)};
        MedianEffect n = MedianEffect.fit(new double[] {1, 10, 100}, f);
        assertEquals(0.7, n.m(), 1e-12);
        assertEquals(Math.pow(10, (0.7 - 1.0 / 6) / 0.7), n.dm(), 1e-9); // intercept = mean(y) - m mean(x) = 1/6 - 0.7
        // r = Sxy / sqrt(Sxx Syy) = 1.4 / sqrt(2 * 0.98667)
        assertEquals(1.4 / Math.sqrt(2 * (Math.pow(-0.5 - 1.0 / 6, 2) + Math.pow(0.1 - 1.0 / 6, 2) + Math.pow(0.9 - 1.0 / 6, 2))), n.r(), 1e-12);
    }

    /** fa with log10(fa/(1-fa)) = y. */
    private static double frac(double y) {
        double o = Math.pow(10, y);
        return o / (1 + o);
    }

    @Test
    void pointsOutsideZeroOneAreLeftOut() {
        MedianEffect me = MedianEffect.fit(new double[] {0, 1, 2, 4, 8}, new double[] {0.2, 0.0, fa(2, 2, 1), fa(4, 2, 1), 1.0});
        assertEquals(2, me.points());
        assertEquals(1, me.m(), 1e-12);
        assertNull(MedianEffect.fit(new double[] {1, 2}, new double[] {0.0, 1.0}));
        assertNull(MedianEffect.fit(new double[] {2, 2}, new double[] {0.3, 0.4}), "one dose: no line");
    }

    @Test
    void ciAndDriByHand() {
        MedianEffect a = new MedianEffect(1, 2, 1, 5), b = new MedianEffect(2, 8, 1, 5);
        // at fa = 0.5, Dx = Dm: CI = 1/2 + 2/8 = 0.75; non-exclusive adds 1*2/(2*8) = 0.125
        assertEquals(0.75, ChouTalalay.ci(1, 2, 0.5, a, b, true), 1e-15);
        assertEquals(0.875, ChouTalalay.ci(1, 2, 0.5, a, b, false), 1e-15);
        // at fa = 0.8 (fa/fu = 4): Dx_a = 2 * 4 = 8, Dx_b = 8 * 4^(1/2) = 16: CI = 4/8 + 4/16 = 0.75
        assertEquals(0.75, ChouTalalay.ci(4, 4, 0.8, a, b, true), 1e-15);
        assertEquals(Double.NaN, ChouTalalay.ci(1, 1, 1.0, a, b, true));
    }

    @Test
    void verbalScaleFollowsChou2006() {
        assertEquals("very strong synergism", ChouTalalay.interpret(0.05));
        assertEquals("strong synergism", ChouTalalay.interpret(0.2));
        assertEquals("synergism", ChouTalalay.interpret(0.5));
        assertEquals("moderate synergism", ChouTalalay.interpret(0.8));
        assertEquals("slight synergism", ChouTalalay.interpret(0.87));
        assertEquals("nearly additive", ChouTalalay.interpret(1.0));
        assertEquals("slight antagonism", ChouTalalay.interpret(1.15));
        assertEquals("moderate antagonism", ChouTalalay.interpret(1.3));
        assertEquals("antagonism", ChouTalalay.interpret(2));
        assertEquals("strong antagonism", ChouTalalay.interpret(5));
        assertEquals("very strong antagonism", ChouTalalay.interpret(20));
        assertEquals("", ChouTalalay.interpret(Double.NaN));
    }

    /**
     * A constant-ratio design (1:4) whose combination is exactly Loewe-additive: every
     * combination's fa solves a/Dx_a(fa) + b/Dx_b(fa) = 1, so every CI is 1, and with equal m the
     * combination follows the median-effect equation with 1/Dm = pa/Dm_a + pb/Dm_b, so the CI at
     * fa = 0.5..0.95 is 1 as well.
     */
    @Test
    void additiveConstantRatioRayHasCiOne() {
        MedianEffect a = new MedianEffect(1.3, 2, 1, 0), b = new MedianEffect(1.3, 10, 1, 0);
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        double[] da = {0.25, 0.5, 1, 2, 4, 8};
        for (double x : da) {
            ms.add(new DoseMatrix.Measurement(x, 0, a.fa(x)));
            ms.add(new DoseMatrix.Measurement(0, 4 * x, b.fa(4 * x)));
            ms.add(new DoseMatrix.Measurement(x, 4 * x, additiveFa(x, 4 * x, a, b)));
        }
        ms.add(new DoseMatrix.Measurement(0, 0, 0));
        DoseMatrix m = DoseMatrix.of(ms);
        assertEquals(0.25, m.constantRatio(), 1e-12);
        List<String> w = new ArrayList<>();
        ChouTalalay.Result r = ChouTalalay.analyze(m, w);
        assertEquals(1.3, r.a().m(), 1e-9);
        assertEquals(2, r.a().dm(), 1e-9);
        assertEquals(10, r.b().dm(), 1e-9);
        for (ChouTalalay.Combination c : r.combinations()) assertEquals(1, c.ci(), 1e-9, "CI at " + c);
        assertNotNull(r.combo());
        assertEquals(1.3, r.combo().m(), 1e-9);
        // 1/Dm = 0.2/2 + 0.8/10 -> Dm = 1/0.18 (total dose)
        assertEquals(1 / 0.18, r.combo().dm(), 1e-9);
        assertEquals(4, r.levels().size());
        for (ChouTalalay.Level l : r.levels()) {
            assertEquals(1, l.ci(), 1e-9, "CI at fa " + l.fa());
            assertEquals(4 * l.doseA(), l.doseB(), 1e-9);
        }
        assertTrue(w.isEmpty(), w.toString());
    }

    /** The same additivity with unequal slopes: every measured combination still has CI = 1. */
    @Test
    void additiveCheckerboardWithUnequalSlopesHasCiOne() {
        MedianEffect a = new MedianEffect(0.8, 3, 1, 0), b = new MedianEffect(2.2, 0.5, 1, 0);
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        double[] da = {0, 1, 3, 9}, db = {0, 0.2, 0.5, 1.2};
        for (double x : da)
            for (double y : db) {
                double f = x == 0 ? b.fa(y) : y == 0 ? a.fa(x) : additiveFa(x, y, a, b);
                ms.add(new DoseMatrix.Measurement(x, y, f));
            }
        ChouTalalay.Result r = ChouTalalay.analyze(DoseMatrix.of(ms), new ArrayList<>());
        assertEquals(9, r.combinations().size());
        assertTrue(Double.isNaN(r.ratio()));
        assertTrue(r.levels().isEmpty());
        for (ChouTalalay.Combination c : r.combinations()) {
            assertEquals(1, c.ci(), 1e-8, c.toString());
            assertTrue(c.ciNonExclusive() > 1, "the non-exclusive CI adds a positive term");
            assertEquals(a.dose(c.fa()) / c.doseA(), c.driA(), 1e-9);
        }
    }

    static double additiveFa(double x, double y, MedianEffect a, MedianEffect b) {
        return new BrentSolver(1e-15, 1e-15).solve(200, f -> x / a.dose(f) + y / b.dose(f) - 1, 1e-12, 1 - 1e-12);
    }

    @Test
    void warnsWhenTheDataCannotSupportTheModel() {
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        ms.add(new DoseMatrix.Measurement(1, 0, 0.2));
        ms.add(new DoseMatrix.Measurement(2, 0, 1.0)); // fa = 1: unusable
        ms.add(new DoseMatrix.Measurement(0, 1, 0.1));
        ms.add(new DoseMatrix.Measurement(0, 2, 0.5));
        ms.add(new DoseMatrix.Measurement(0, 4, 0.3)); // not monotone: poor r
        ms.add(new DoseMatrix.Measurement(1, 1, 0.6));
        List<String> w = new ArrayList<>();
        ChouTalalay.Result r = ChouTalalay.analyze(DoseMatrix.of(ms), w);
        assertNull(r.a(), "one usable dose of A");
        assertTrue(Double.isNaN(r.combinations().get(0).ci()));
        assertTrue(w.stream().anyMatch(s -> s.contains("drug A alone have a mean fraction affected outside (0, 1)")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.contains("drug A alone has fewer than two doses")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.contains("drug B is poorly linear")), w.toString());
    }

    /**
     * Paclitaxel + cisplatin at 1:100 on teratocarcinoma cells: the dose-effect data of Chou,
     * Motzer, Tong and Bosl (1994, J Natl Cancer Inst 86:1517) as entered in the medianeffect R
     * package (github.com/jhchou/medianeffect, data-raw/chou_1994_example.R). The expected numbers
     * were computed independently in R 4.2.2 (lm of log10(fa/fu) on log10(D), cor, and the CI
     * formulas; script in docs/synergy.md), not taken from CompuSyn's printed report, which we could
     * not obtain.
     */
    @Test
    void chou1994PaclitaxelCisplatinMatchesAnIndependentRComputation() {
        double[] d1 = {0.002, 0.004, 0.005, 0.01, 0.02}, f1 = {0.429, 0.708, 0.761, 0.882, 0.932};
        double[] d2 = {0.05, 0.1, 0.2, 0.5, 1, 2}, f2 = {0.055, 0.233, 0.301, 0.559, 0.821, 0.953};
        double[] ca = {0.001, 0.002, 0.005, 0.01}, cb = {0.1, 0.2, 0.5, 1}, fc = {0.45, 0.701, 0.910, 0.968};
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (int i = 0; i < d1.length; i++) ms.add(new DoseMatrix.Measurement(d1[i], 0, f1[i]));
        for (int i = 0; i < d2.length; i++) ms.add(new DoseMatrix.Measurement(0, d2[i], f2[i]));
        for (int i = 0; i < ca.length; i++) ms.add(new DoseMatrix.Measurement(ca[i], cb[i], fc[i]));
        ChouTalalay.Result r = ChouTalalay.analyze(DoseMatrix.of(ms), new ArrayList<>());
        assertEquals(1.24782935096, r.a().m(), 1e-9);
        assertEquals(0.00216777211566, r.a().dm(), 1e-12);
        assertEquals(0.990134562236, r.a().r(), 1e-9);
        assertEquals(1.45989957450, r.b().m(), 1e-9);
        assertEquals(0.32015566948585, r.b().dm(), 1e-11);
        assertEquals(0.985995382209, r.b().r(), 1e-9);
        assertEquals(1.57159664092, r.combo().m(), 1e-9);
        assertEquals(0.11586116044904, r.combo().dm(), 1e-11);
        assertEquals(0.999951650119, r.combo().r(), 1e-9);
        double[] ciExclusive = {0.887486341778, 0.781046555868, 0.690139344631, 0.635908239274};
        double[] ciNonExclusive = {1.07709500568, 0.930966575464, 0.808678296457, 0.736946857169};
        for (int k = 0; k < 4; k++) {
            assertEquals(ciExclusive[k], r.levels().get(k).ci(), 1e-9, "CI at fa " + ChouTalalay.LEVELS[k]);
            assertEquals(ciNonExclusive[k], r.levels().get(k).ciNonExclusive(), 1e-9);
        }
        // DRI at fa 0.5..0.95 (Dx alone / dose in the mixture), the same R computation (docs/synergy.md)
        double[] driPaclitaxel = {1.889718546, 2.265520309, 2.716056462, 3.072658489}, driCisplatin = {2.790902706, 2.944234586, 3.105990502, 3.221056256};
        for (int k = 0; k < 4; k++) {
            assertEquals(driPaclitaxel[k], r.levels().get(k).driA(), 1e-8, "DRI paclitaxel at fa " + ChouTalalay.LEVELS[k]);
            assertEquals(driCisplatin[k], r.levels().get(k).driB(), 1e-8, "DRI cisplatin at fa " + ChouTalalay.LEVELS[k]);
        }
        double[] ciPoints = {0.900158632426, 0.814577182961, 0.681318358940, 0.602409960643};
        for (int k = 0; k < 4; k++) assertEquals(ciPoints[k], r.combinations().get(k).ci(), 1e-9);
        assertEquals("moderate synergism", ChouTalalay.interpret(r.levels().get(1).ci()));
    }
}
