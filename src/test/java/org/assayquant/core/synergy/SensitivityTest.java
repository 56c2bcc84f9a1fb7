package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import org.assayquant.core.dose.LogLogistic4;

/** SynergyFinder's RI and CSS (synergyfinder 3.7.3 R/calculate_sensitivity_score.R) on curves with a known answer. */
class SensitivityTest {
    static final LogLogistic4 A = new LogLogistic4(1.3, 90, 0, 2); // percent inhibition rising to 90, ec50 2

    @Test
    void riIsTheMeanOfTheCurveOverLogDose() {
        // .ScoreCurve's closed form against the trapezoid rule on 100,000 steps of log10 dose
        double lo = 0.1, hi = 50, u1 = Math.log10(lo), u2 = Math.log10(hi), s = 0;
        int n = 100_000;
        for (int k = 0; k <= n; k++) {
            double w = k == 0 || k == n ? 0.5 : 1;
            s += w * A.value(Math.pow(10, u1 + (u2 - u1) * k / n));
        }
        assertEquals(s / n, Sensitivity.meanOverLogDose(A, lo, hi), 1e-6);
        // a 5 x 5 design's four positive doses: the curve through them (as drc fits it) is the true one
        double[] d = {0, 0.5, 1.5, 4.5, 13.5}, y = new double[d.length];
        for (int k = 0; k < d.length; k++) y[k] = A.value(d[k]);
        assertEquals(Sensitivity.meanOverLogDose(A, 0.5, 13.5), Sensitivity.ri(d, y, new double[] {0, 100}), 1e-4);
    }

    @Test
    void cssOfADrugWithAnInertPartnerIsItsRi() {
        double[] a = {0, 0.25, 0.75, 2.25, 6.75, 20}, b = {0, 1, 3, 9, 27, 81};
        double[][] y = new double[b.length][a.length];
        for (int i = 0; i < b.length; i++) for (int j = 0; j < a.length; j++) y[i][j] = A.value(a[j]) + (b[i] > 0 ? 1e-3 * i : 0);
        ReferenceModels.Scores s = ReferenceModels.compute(a, b, y, null);
        Sensitivity.Result r = Sensitivity.compute(a, b, y, s.curveA(), s.curveB(), null);
        assertEquals(Sensitivity.meanOverLogDose(A, 0.25, 20), r.riA(), 1e-3);
        assertEquals(2, r.ic50A(), 1e-3);
        // B barely moves the response: A's responses at B's IC50 are A's own, so CSS of A is A's RI
        assertEquals(r.riA(), r.cssA(), 0.01);
        assertEquals((r.cssA() + r.cssB()) / 2, r.css(), 1e-12);
    }
}
