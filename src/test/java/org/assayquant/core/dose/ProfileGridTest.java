package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The grid of {@link ProfileGrid}, the fits along ZIP's rows and columns built on it
 * ({@link LogLogistic4#fitProfiled}) and their bootstrap refits
 * ({@link LogLogistic4.MultiFit#refitResample}).
 */
class ProfileGridTest {

    /** The screen's design: dose 0 and a 3-fold series of 7 doses. */
    static final double[] DOSE = {0, 1.0 / 27, 1.0 / 9, 1.0 / 3, 1, 3, 9, 27};

    static double rss(LogLogistic4 c, double[] dose, double[] y) {
        double s = 0;
        for (int i = 0; i < dose.length; i++) s += (y[i] - c.value(dose[i])) * (y[i] - c.value(dose[i]));
        return s;
    }

    /**
     * Each start's residual sum of squares is that of its own curve (the closed-form asymptotes
     * are the least-squares ones at that hill and ec50), with the top free and held, and the starts
     * come best first, distinct.
     */
    @Test
    void startsAreTheirCurvesBestFirst() {
        Random rnd = new Random(3);
        for (boolean held : new boolean[] {false, true}) {
            ProfileGrid grid = new ProfileGrid(DOSE, held);
            for (int k = 0; k < 20; k++) {
                double[] y = new double[DOSE.length];
                for (int i = 0; i < y.length; i++) y[i] = 40 + 50 * (DOSE[i] / (DOSE[i] + 0.5)) + 4 * rnd.nextGaussian();
                List<double[]> starts = grid.starts(y, held ? y[0] : Double.NaN, 3);
                assertFalse(starts.isEmpty());
                for (int s = 0; s < starts.size(); s++) {
                    double[] q = starts.get(s);
                    LogLogistic4 c = new LogLogistic4(q[0], q[1], q[2], Math.exp(q[3]));
                    assertEquals(rss(c, DOSE, y), q[4], 1e-7 * (1 + q[4]), "start " + s + " " + c);
                    if (held) assertEquals(y[0], q[2], 0, "the top is held");
                    if (s > 0) assertTrue(q[4] >= starts.get(s - 1)[4], "best first");
                }
            }
        }
    }

    /** No curve of the grid fits better than the best start: on data made from a grid point, the best start is that curve. */
    @Test
    void findsTheCurveOnTheGrid() {
        ProfileGrid grid = new ProfileGrid(DOSE, false);
        double lo = Math.log(1.0 / 27), range = Math.log(27) - lo; // grid point 20 of 49 along ln ec50, as the grid computes it
        LogLogistic4 truth = new LogLogistic4(ProfileGrid.HILLS[6], 95, 5, Math.exp(lo - range / 2 + 2 * range * 20 / (ProfileGrid.LOG_EC50_STEPS - 1)));
        double[] y = new double[DOSE.length];
        for (int i = 0; i < y.length; i++) y[i] = truth.value(DOSE[i]);
        double[] best = grid.starts(y, Double.NaN, 3).get(0);
        assertEquals(0, best[4], 1e-9);
        assertEquals(truth.hill(), best[0], 1e-12);
        assertEquals(Math.log(truth.ec50()), best[3], 1e-12);
        assertEquals(95, best[1], 1e-6);
        assertEquals(5, best[2], 1e-6);
    }

    /**
     * Rows of the screen's design that the sixteen-start multi-start fits by a step or a curve
     * running off the doses (flat noise), or pins down (a sigmoid): over 40 resamples of each,
     * the bootstrap's refit ({@link LogLogistic4.MultiFit#refitResample}, the point estimate's
     * grid and starts with {@link LogLogistic4#ZIP_REFIT}'s Levenberg-Marquardt) ends no higher
     * than the point estimate's own optimizer ({@link LogLogistic4#fitProfiled} of the resample)
     * by more than 1e-6 (relative) in all but at most 1 (a warm run can stop in a shallower basin
     * the grid does not show; the two solvers' crawls also stop at different points: 2 of the 40
     * flat rows end 1-2e-6 lower), the grid optimizer is never worse than the multi-start by more than 1e-3 and
     * worse by more than 1e-6 in at most 2 of 40; a resample repeating an earlier one's responses
     * gets the very same fit.
     */
    @Test
    void refitsAreThePointEstimatesOptimizer() {
        Random rnd = new Random(8);
        for (boolean flat : new boolean[] {true, false}) {
            double[][] reps = new double[DOSE.length][2];
            for (int i = 0; i < DOSE.length; i++)
                for (int k = 0; k < 2; k++) reps[i][k] = (flat ? 90 : 10 + 80 * DOSE[i] / (DOSE[i] + 0.5)) + 3 * rnd.nextGaussian();
            double[] y = new double[DOSE.length];
            for (int i = 0; i < y.length; i++) y[i] = (reps[i][0] + reps[i][1]) / 2;
            LogLogistic4.MultiFit original = LogLogistic4.fitProfiled(DOSE, y, y[0]);
            assertEquals(!flat, original.refittable(DOSE[1], DOSE[DOSE.length - 1]), original.fit().curve().toString());
            int other = 0, worse = 0;
            for (int b = 0; b < 40; b++) {
                double[] r = new double[DOSE.length];
                for (int i = 0; i < r.length; i++) r[i] = (reps[i][rnd.nextInt(2)] + reps[i][rnd.nextInt(2)]) / 2;
                LogLogistic4.Fit refit = original.refitResample(DOSE, r, r[0], DOSE[1], DOSE[DOSE.length - 1]);
                LogLogistic4.Fit own = LogLogistic4.fitProfiled(DOSE, r, r[0]).fit();
                LogLogistic4.Fit full = LogLogistic4.fit(DOSE, r, Double.NaN, r[0]);
                if (refit.rss() > own.rss() * (1 + 1e-6)) other++;
                if (own.rss() > full.rss() * (1 + 1e-6)) worse++;
                assertTrue(own.rss() <= full.rss() * (1 + 1e-3), b + ": " + own.curve() + " vs " + full.curve());
                assertSame(refit, original.refitResample(DOSE, r.clone(), r[0], DOSE[1], DOSE[DOSE.length - 1]), "the same responses, the same fit");
            }
            assertTrue(other <= 1, (flat ? "flat" : "sigmoid") + ": " + other + " of 40 refits above the point estimate's optimizer");
            assertTrue(worse <= 2, (flat ? "flat" : "sigmoid") + ": " + worse + " of 40 grid fits worse than the multi-start");
        }
    }

    /**
     * The shortcut of the warm refits' test ({@link ProfileGrid#noneBelow}) never says "no grid
     * point below" where the whole profile has one: over resamples of a sigmoid row and a flat
     * one, at thresholds at, just above and just below the grid's minimum (to the last bit) and
     * at the refit's own residual sum of squares; and it does answer without the profile for
     * most resamples at the refit's residual sum of squares.
     */
    @Test
    void noneBelowIsTheProfilesAnswer() {
        Random rnd = new Random(9);
        ProfileGrid grid = new ProfileGrid(DOSE, true);
        int shortcut = 0, asked = 0;
        for (boolean flat : new boolean[] {true, false}) {
            double[][] reps = new double[DOSE.length][2];
            for (int i = 0; i < DOSE.length; i++)
                for (int k = 0; k < 2; k++) reps[i][k] = (flat ? 90 : 10 + 80 * DOSE[i] / (DOSE[i] + 0.5)) + 4 * rnd.nextGaussian();
            double[] y = new double[DOSE.length];
            for (int i = 0; i < y.length; i++) y[i] = (reps[i][0] + reps[i][1]) / 2;
            ProfileGrid.Ranked ranked = grid.ranked(grid.profile(y, y[0]));
            LogLogistic4.MultiFit original = LogLogistic4.fitProfiled(DOSE, y, y[0]);
            for (int b = 0; b < 60; b++) {
                double[] r = new double[DOSE.length];
                for (int i = 0; i < r.length; i++) r[i] = (reps[i][rnd.nextInt(2)] + reps[i][rnd.nextInt(2)]) / 2;
                double min = grid.profile(r, r[0]).minimum();
                double own = LogLogistic4.fitProfiled(DOSE, r, r[0]).fit().rss();
                for (double rss : new double[] {min, Math.nextUp(min), Math.nextDown(min), min * (1 + 1e-9), min * (1 - 1e-9), own, 0.5 * min}) {
                    if (grid.noneBelow(ranked, r, r[0], rss)) assertTrue(min >= rss, b + ": no point below " + rss + ", but the grid's minimum is " + min);
                }
                asked++;
                if (grid.noneBelow(ranked, r, r[0], own) && !flat) shortcut++;
            }
            assertTrue(original.ranked() != null, "a profiled fit carries its ranked profile");
        }
        assertTrue(shortcut >= asked / 4, shortcut + " of " + asked + " answered without the profile");
    }
}
