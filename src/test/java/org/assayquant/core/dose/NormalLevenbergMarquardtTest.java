package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.junit.jupiter.api.Test;

/**
 * The normal-equations Levenberg-Marquardt: reaches the known optimum of exact LL.4 curves, ends
 * no higher than MINPACK's lmder (run to its own tolerances) on noisy ones, stays finite on flat
 * and degenerate data, and its 4 x 4 Cholesky solve is exact.
 */
class NormalLevenbergMarquardtTest {

    static final double[] DOSES = {0, 0.037, 0.11, 0.33, 1, 3, 9, 27};

    static double[] values(LogLogistic4 c, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = c.value(x[i]);
        return y;
    }

    static SmallLevenbergMarquardt.Run run(LogLogistic4.Model model, double[] y, double[] p0) {
        return NormalLevenbergMarquardt.optimize(model, y, p0, 20000, 20000, null);
    }

    @Test
    void exactCurvesReachTheirParameters() {
        double[][] truths = {{1.2, 95, 2, 0.8}, {2.5, 5, 100, 2}, {0.7, 60, 10, 0.3}};
        for (double[] t : truths) {
            double[] y = values(new LogLogistic4(t[0], t[1], t[2], t[3]), DOSES);
            LogLogistic4.Model free = new LogLogistic4.Model(DOSES, Double.NaN, Double.NaN);
            for (double[] p0 : new double[][] {free.pack(1, y[7], y[0], 0), free.pack(3, y[7], y[0], Math.log(5)), free.pack(0.5, y[7] + 5, y[0] - 5, -2)}) {
                SmallLevenbergMarquardt.Run r = run(free, y, p0);
                double[] q = free.unpack(r.point());
                if (q[0] < 0) q = new double[] {-q[0], q[2], q[1], q[3]}; // the same curve with the asymptotes swapped
                assertArrayEquals(new double[] {t[0], t[1], t[2], Math.log(t[3])}, q, 1e-6, "from " + java.util.Arrays.toString(p0));
                assertTrue(r.cost() < 1e-6, "cost " + r.cost());
            }
            LogLogistic4.Model held = new LogLogistic4.Model(DOSES, Double.NaN, y[0]); // a ZIP row: top held
            SmallLevenbergMarquardt.Run r = run(held, y, held.pack(1, 50, y[0], 0));
            assertArrayEquals(new double[] {t[0], t[1], t[2], Math.log(t[3])}, held.unpack(r.point()), 1e-6);
        }
    }

    @Test
    void noisyCurvesEndNoHigherThanLmder() {
        Random rnd = new Random(3);
        double[][] truths = {{1.2, 95, 2, 0.8, 3}, {2.5, 5, 100, 2, 4}, {1, 60, 0, 80, 4}, {1.5, 80, 5, 1, 6}};
        for (double[] t : truths)
            for (int rep = 0; rep < 5; rep++) {
                LogLogistic4 c = new LogLogistic4(t[0], t[1], t[2], t[3]);
                double[] y = values(c, DOSES);
                for (int i = 0; i < y.length; i++) y[i] += t[4] * rnd.nextGaussian();
                LogLogistic4.Model model = new LogLogistic4.Model(DOSES, Double.NaN, Double.NaN);
                double[] p0 = model.pack(1, y[7], y[0], 0);
                double lmder = SmallLevenbergMarquardt.optimize(model, y, p0, 20000, 20000, null).cost();
                double normal = run(model, y, p0).cost();
                // both stop when a step gains less than 1e-10 of the sum of squares: equal to that, or lower
                assertTrue(normal <= lmder * (1 + 1e-8), normal + " above lmder's " + lmder);
            }
    }

    @Test
    void flatAndDegenerateDataStayFinite() {
        LogLogistic4.Model model = new LogLogistic4.Model(DOSES, Double.NaN, Double.NaN);
        double[] constant = new double[DOSES.length];
        java.util.Arrays.fill(constant, 42);
        // top = bottom: the columns of hill and ln ec50 are zero, J'J is singular
        SmallLevenbergMarquardt.Run r = run(model, constant, model.pack(1, 42, 42, 0));
        assertEquals(0, r.cost(), 1e-12);
        for (double p : r.point()) assertTrue(Double.isFinite(p));

        Random rnd = new Random(5);
        double[] noise = new double[DOSES.length];
        double mean = 0;
        for (int i = 0; i < noise.length; i++) mean += (noise[i] = 10 + 5 * rnd.nextGaussian()) / noise.length;
        double flat = 0;
        for (double v : noise) flat += (v - mean) * (v - mean);
        r = run(model, noise, model.pack(1, mean, mean + 1, 0));
        for (double p : r.point()) assertTrue(Double.isFinite(p));
        assertTrue(r.cost() * r.cost() <= flat * (1 + 1e-12), "no worse than the flat line through the mean");
    }

    @Test
    void evaluationsAreCapped() {
        double[] y = values(new LogLogistic4(1.2, 95, 2, 0.8), DOSES);
        LogLogistic4.Model model = new LogLogistic4.Model(DOSES, Double.NaN, Double.NaN);
        assertThrows(TooManyEvaluationsException.class, () -> NormalLevenbergMarquardt.optimize(model, y, model.pack(-3, 0, 1, 3), 3, 3, null));
    }

    @Test
    void choleskySolvesTheDampedSystem() {
        double[] a = {4, 1, 0.5, 0, 1, 3, 0.2, 0.1, 0.5, 0.2, 2, 0.3, 0, 0.1, 0.3, 1};
        double[] diag = {1, 2, 1, 0.5}, x = {1, -2, 0.5, 3}, g = new double[4], l = new double[16], step = new double[4];
        double mu = 0.1;
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) g[i] += a[i * 4 + k] * x[k];
            g[i] += mu * diag[i] * diag[i] * x[i];
        }
        assertTrue(NormalLevenbergMarquardt.solve(a, g, diag, mu, 4, l, step));
        assertArrayEquals(x, step, 1e-12);
        double[] singular = new double[16]; // J'J of a zero Jacobian, no damping: not positive definite
        assertTrue(!NormalLevenbergMarquardt.solve(singular, g, diag, 0, 4, l, step));
    }
}
