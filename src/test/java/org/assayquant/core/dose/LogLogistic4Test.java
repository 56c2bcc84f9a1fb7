package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;

class LogLogistic4Test {

    /**
     * drc's ryegrass data (Inderjit, Streibig and Olofsdotter 2002, Physiologia Plantarum 114:422;
     * shipped with R package drc) and drc's LL.4 fit of it as printed by summary(drm(rootl ~ conc,
     * data = ryegrass, fct = LL.4())) on drc's reference page for the data set (help("ryegrass")):
     * b 2.98222 (SE 0.46506), c 0.48141 (0.21219), d 7.79296 (0.18857), e 3.05795 (0.18573),
     * residual standard error 0.5196256 on 20 degrees of freedom.
     */
    static final double[] RYEGRASS_CONC = {0, 0, 0, 0, 0, 0, 0.94, 0.94, 0.94, 1.88, 1.88, 1.88, 3.75, 3.75, 3.75,
            7.5, 7.5, 7.5, 15, 15, 15, 30, 30, 30};
    static final double[] RYEGRASS_ROOTL = {7.5800000, 8.0000000, 8.3285714, 7.2500000, 7.3750000, 7.9625000,
            8.3555556, 6.9142857, 7.7500000, 6.8714286, 6.4500000, 5.9222222, 1.9250000, 2.8857143, 4.2333333,
            1.1875000, 0.8571429, 1.0571429, 0.6875000, 0.5250000, 0.8250000, 0.2500000, 0.2200000, 0.4400000};

    @Test
    void reproducesDrcOnRyegrass() {
        LogLogistic4.Fit f = LogLogistic4.fit(RYEGRASS_CONC, RYEGRASS_ROOTL);
        assertEquals(2.98222, f.curve().hill(), 5e-5);
        assertEquals(0.48141, f.curve().bottom(), 5e-5);
        assertEquals(7.79296, f.curve().top(), 5e-5);
        assertEquals(3.05795, f.curve().ec50(), 5e-5);
        assertEquals(0.46506, f.se()[0], 5e-5);
        assertEquals(0.21219, f.se()[1], 5e-5);
        assertEquals(0.18857, f.se()[2], 5e-5);
        assertEquals(0.18573, f.se()[3], 5e-5);
        assertEquals(20, f.dof());
        assertEquals(0.5196256, Math.sqrt(f.rss() / f.dof()), 1e-7);
    }

    @Test
    void recoversAnExactRisingCurveWithFixedAsymptotes() {
        LogLogistic4 truth = new LogLogistic4(1.3, 95, 2, 0.04); // inhibition rising from 2% (top, dose 0) to 95%
        double[] x = {0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = truth.value(x[i]);
        LogLogistic4.Fit free = LogLogistic4.fit(x, y);
        assertEquals(1.3, free.curve().hill(), 1e-6, "canonical form: top is the response at dose 0");
        assertEquals(2, free.curve().top(), 1e-6);
        assertEquals(0.04, free.curve().ec50(), 1e-8);
        assertEquals(1.0, free.r2(), 1e-12);
        LogLogistic4.Fit fixed = LogLogistic4.fit(x, y, 95, 2);
        assertEquals(1.3, fixed.curve().hill(), 1e-6);
        assertEquals(0.04, fixed.curve().ec50(), 1e-8);
        assertEquals(0, fixed.se()[1]);
        assertEquals(0, fixed.se()[2]);
        assertEquals(7, fixed.dof());
    }

    @Test
    void inverseIsTheDoseForAResponse() {
        LogLogistic4 c = new LogLogistic4(1.5, 10, 100, 2.0);
        assertEquals(2.0, c.dose(55), 1e-12, "halfway between the asymptotes is ec50");
        for (double x : new double[] {0.1, 1, 7, 40}) assertEquals(x, c.dose(c.value(x)), 1e-9 * x);
        assertTrue(Double.isNaN(c.dose(5)), "below the bottom asymptote");
        assertTrue(Double.isNaN(c.dose(100)), "at the top asymptote");
        assertEquals(100, c.value(0));
    }

    @Test
    void refusesDataThatCannotDetermineACurve() {
        assertThrows(AssayException.class, () -> LogLogistic4.fit(new double[] {0, 1, 1, 1, 1}, new double[] {100, 50, 51, 49, 50}));
        assertThrows(AssayException.class, () -> LogLogistic4.fit(new double[] {1, 2, 3, 4}, new double[] {90, 70, 40, 20}));
    }

    /** fitWithMinima is fit (the same curve, standard errors and residuals), plus the minima of its multi-start, best first. */
    @Test
    void fitWithMinimaIsTheSameFit() {
        LogLogistic4.Fit f = LogLogistic4.fit(RYEGRASS_CONC, RYEGRASS_ROOTL);
        LogLogistic4.MultiFit m = LogLogistic4.fitWithMinima(RYEGRASS_CONC, RYEGRASS_ROOTL, Double.NaN, Double.NaN);
        assertEquals(f.curve(), m.fit().curve());
        assertArrayEquals(f.se(), m.fit().se());
        assertEquals(f.rss(), m.fit().rss());
        double[] best = m.minima().get(0);
        assertEquals(f.rss(), best[4], 1e-9 * f.rss());
        for (int i = 1; i < m.minima().size(); i++) assertTrue(m.minima().get(i)[4] >= best[4], "best first");
        assertTrue(m.refittable(0.94, 30), "ec50 3.06 between the doses, hill 2.98, every other minimum far worse");
    }

    /**
     * A refit from the minima of the original fit lands where the full multi-start does: on the
     * same data (to 1e-9 of the residual sum of squares), and on 50 perturbed copies of the
     * ryegrass data (noise of 0.3, about the residual standard error; the kind of change a
     * bootstrap resample makes), never worse than the multi-start by more than 1e-9 relative.
     * Without minima it is the multi-start itself.
     */
    @Test
    void refitFromMinimaMatchesTheMultiStart() {
        LogLogistic4.MultiFit m = LogLogistic4.fitWithMinima(RYEGRASS_CONC, RYEGRASS_ROOTL, Double.NaN, Double.NaN);
        LogLogistic4.Fit same = LogLogistic4.refit(RYEGRASS_CONC, RYEGRASS_ROOTL, Double.NaN, Double.NaN, m.minima(), 0.94, 30);
        assertEquals(m.fit().rss(), same.rss(), 1e-9 * m.fit().rss());
        assertEquals(m.fit().curve().ec50(), same.curve().ec50(), 1e-5);
        assertTrue(Double.isNaN(same.se()[0]), "a refit has no standard errors");
        Random rnd = new Random(5);
        for (int k = 0; k < 50; k++) {
            double[] y = RYEGRASS_ROOTL.clone();
            for (int i = 0; i < y.length; i++) y[i] += 0.3 * rnd.nextGaussian();
            LogLogistic4.Fit full = LogLogistic4.fit(RYEGRASS_CONC, y);
            LogLogistic4.Fit warm = LogLogistic4.refit(RYEGRASS_CONC, y, Double.NaN, Double.NaN, m.minima(), 0.94, 30);
            assertTrue(warm.rss() <= full.rss() * (1 + 1e-9), k + ": warm " + warm.rss() + " vs full " + full.rss());
            assertEquals(full.curve().ec50(), warm.curve().ec50(), 1e-4 * full.curve().ec50());
            LogLogistic4.Fit cold = LogLogistic4.refit(RYEGRASS_CONC, y, Double.NaN, Double.NaN, null, 0.94, 30);
            assertEquals(full.curve(), cold.curve(), "no minima: the multi-start");
        }
    }

    /**
     * When the warm refit ends on a curve the data do not pin down, the cold starts run too. The
     * case: one ZIP column (top held at the dose-0 response) of WarmStartBootstrapTest's noisy
     * 10 x 10 matrix in bootstrap resample 384 of seed 1, with the minima of that column's fit on
     * the original data (the only case in 400 resamples x 18 fits where the fallback changed the
     * answer). The warm run ends at ec50 0.037, below the lowest dose 0.0625, with a residual sum
     * of squares of 644.8; the multi-start finds a step (hill 58) at 573.86, and so does the refit.
     */
    @Test
    void refitFallsBackToColdStartsOffAPinnedCurve() {
        double[] x = {1e-10, 0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16};
        double[] y = {72.63842103715118, 79.93863718835988, 102.32168539915926, 81.46854286295424, 80.71395052745407,
                98.0200031550607, 96.60384829124075, 95.22798505244006, 99.67705928869695, 81.88818085681437};
        List<double[]> minima = List.of(
                new double[] {1.0061278610491604, 95.09264145896184, 72.63842103715118, -2.235165588746759, 218.54395040606454},
                new double[] {-24462.064474613475, 88.91824757690263, 72.63842103715118, 157761.3895123591, 709.8575508666302});
        double top = y[0];
        LogLogistic4.Fit full = LogLogistic4.fit(x, y, Double.NaN, top);
        LogLogistic4.Fit noFallback = LogLogistic4.refit(x, y, Double.NaN, top, minima, 0, Double.POSITIVE_INFINITY);
        assertEquals(644.81488, noFallback.rss(), 1e-4, "the warm run alone: " + noFallback.curve());
        assertTrue(noFallback.curve().ec50() < 0.0625 && Math.abs(noFallback.curve().hill()) < 10);
        assertEquals(573.86479, full.rss(), 1e-3); // a step's slope runs off: stopped at CRAWL_CAP iterations, 1.8e-4 above

        LogLogistic4.Fit warm = LogLogistic4.refit(x, y, Double.NaN, top, minima, 0.0625, 16);
        assertEquals(full.rss(), warm.rss(), 1e-9 * full.rss(), "the cold starts found the step: " + warm.curve());
    }

    /**
     * A bootstrap refit depends only on its responses, so a resample repeating them gets the fit
     * already made: the same object, equal to a fresh refit; other responses get their own.
     */
    @Test
    void refitOfRepeatedResponsesIsReused() {
        double[] x = {0, 1.0 / 27, 1.0 / 9, 1.0 / 3, 1, 3, 9, 27};
        double[] y = {2, 5, 9, 20, 45, 70, 84, 90};
        LogLogistic4.MultiFit m = LogLogistic4.fitWithMinima(x, y, Double.NaN, y[0]);
        double[] r = {2, 6, 8, 22, 44, 71, 83, 91};
        LogLogistic4.Fit first = m.refitResample(x, r, r[0], x[1], 27);
        assertTrue(first == m.refitResample(x, r.clone(), r[0], x[1], 27), "the same responses: the fit already made");
        LogLogistic4.Fit fresh = LogLogistic4.refit(x, r, Double.NaN, r[0], m.refittable(x[1], 27) ? m.minima() : null, x[1], 27);
        assertEquals(fresh.curve(), first.curve());
        assertEquals(fresh.rss(), first.rss(), 0);
        double[] other = r.clone();
        other[4] += 1;
        assertFalse(first == m.refitResample(x, other, other[0], x[1], 27), "other responses: a fit of their own");
    }

    @Test
    void pinnedMeansEc50BetweenTheDosesAndNoStep() {
        assertTrue(new LogLogistic4(1.2, 0, 100, 5).pinned(1, 10));
        assertTrue(new LogLogistic4(-10, 0, 100, 1).pinned(1, 10), "the bounds belong to it");
        assertFalse(new LogLogistic4(1.2, 0, 100, 11).pinned(1, 10), "ec50 beyond the highest dose");
        assertFalse(new LogLogistic4(1.2, 0, 100, 0.9).pinned(1, 10), "below the lowest");
        assertFalse(new LogLogistic4(10.5, 0, 100, 5).pinned(1, 10), "a step");
        assertFalse(new LogLogistic4(1.2, Double.NEGATIVE_INFINITY, 100, 5).pinned(1, 10));
        LogLogistic4.Fit f = LogLogistic4.fit(RYEGRASS_CONC, RYEGRASS_ROOTL);
        double[] best = {1, 0, 1, 0, 10};
        assertFalse(new LogLogistic4.MultiFit(f, List.of(best, new double[] {1, 0, 1, 0, 19.9})).refittable(0.94, 30),
                "a second minimum less than twice as deep competes");
        assertTrue(new LogLogistic4.MultiFit(f, List.of(best, new double[] {1, 0, 1, 0, 20})).refittable(0.94, 30));
        assertFalse(new LogLogistic4.MultiFit(f, List.of()).refittable(0.94, 30), "no minima, nothing to start from");
    }
}
