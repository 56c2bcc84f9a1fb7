package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Levenberg-Marquardt is Commons Math 3.6.1's, run after run: the same point,
 * residuals, cost, evaluations and iterations to the last bit, from the starts the multi-start
 * uses, on pinned curves, curves the data do not pin down (ec50 beyond the doses, a step, a flat
 * row) and with either asymptote held. And the model's analytic Jacobian is its derivative.
 */
class SmallLevenbergMarquardtTest {

    static final double[] DOSES = {0, 0.037, 0.11, 0.33, 1, 3, 9, 27};

    /** Curves on 8 doses (the control at 0) with noise: (hill, bottom, top, ec50, noise SD, fixed top?). */
    static List<double[][]> cases() {
        Random rnd = new Random(7);
        double[][] truths = {
                {1.2, 95, 2, 0.8, 3, 0}, // pinned, inhibition rising
                {2.5, 5, 100, 2, 4, 0}, // pinned, viability falling
                {1, 60, 0, 80, 4, 0}, // ec50 far above the doses: not pinned
                {25, 90, 3, 0.5, 2, 0}, // a step between two doses
                {1, 10, 9, 1, 5, 0}, // flat: noise only
                {1.5, 80, 5, 1, 4, 1}, // a ZIP row: top held at the dose-0 response
                {0.8, 40, 10, 0.02, 6, 1}, // ZIP, ec50 below the doses
        };
        List<double[][]> out = new ArrayList<>();
        for (double[] t : truths) {
            LogLogistic4 c = new LogLogistic4(t[0], t[1], t[2], t[3]);
            double[] y = new double[2 * DOSES.length], x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = DOSES[i % DOSES.length];
                y[i] = c.value(x[i]) + t[4] * rnd.nextGaussian();
            }
            out.add(new double[][] {x, y, {t[5] == 1 ? y[0] : Double.NaN}});
        }
        return out;
    }

    @Test
    void everyRunIsCommonsMathsRun() {
        int runs = 0, unfinished = 0;
        for (double[][] c : cases()) {
            double[] x = c[0], y = c[1];
            LogLogistic4.Model model = new LogLogistic4.Model(x, Double.NaN, c[2][0]);
            List<double[]> starts = new ArrayList<>();
            for (double lnE : new double[] {-3, -1, 0, 1, 3})
                for (double b : new double[] {-3, 1, 3, 10}) starts.add(model.pack(b, 50, 50 + b, lnE));
            for (double[] p0 : starts)
                for (int max : new int[] {20000, 30}) { // 30: some runs end in TooManyEvaluations, in both
                    LeastSquaresOptimizer.Optimum expected;
                    try {
                        expected = commonsMath(model, y, p0, max);
                    } catch (TooManyEvaluationsException e) {
                        assertThrows(TooManyEvaluationsException.class, () -> LogLogistic4.optimize(LogLogistic4.LMDER, model, y, p0, max));
                        unfinished++;
                        continue;
                    }
                    SmallLevenbergMarquardt.Run run = LogLogistic4.optimize(LogLogistic4.LMDER, model, y, p0, max);
                    assertArrayEquals(expected.getPoint().toArray(), run.point(), 0);
                    assertArrayEquals(expected.getResiduals().toArray(), run.residuals(), 0);
                    assertEquals(expected.getCost(), run.cost(), 0);
                    assertEquals(expected.getEvaluations(), run.evaluations());
                    assertEquals(expected.getIterations(), run.iterations());
                    runs++;
                }
        }
        assertTrue(runs > 200 && unfinished > 0, runs + " runs, " + unfinished + " unfinished");
    }

    /** What LogLogistic4 ran before: Commons Math's optimizer with the crawl rule as its checker. */
    static LeastSquaresOptimizer.Optimum commonsMath(LogLogistic4.Model model, double[] y, double[] p0, int max) {
        return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model).target(y).start(p0)
                .maxEvaluations(max).maxIterations(max)
                .checker((iteration, previous, current) -> LogLogistic4.crawled(iteration, previous.getCost(), current.getCost()))
                .build());
    }

    @Test
    void jacobianIsTheDerivative() {
        for (double[][] c : cases()) {
            LogLogistic4.Model model = new LogLogistic4.Model(c[0], Double.NaN, c[2][0]);
            for (double[] p : new double[][] {model.pack(1.3, 80, 4, 0.2), model.pack(-0.7, 10, 90, -2), model.pack(6, 50, 20, 1.5)}) {
                int n = c[0].length, k = p.length;
                double[] v = new double[n];
                double[][] j = new double[n][k];
                model.evaluate(p, v, j);
                for (int col = 0; col < k; col++) {
                    double h = 1e-6 * Math.max(1, Math.abs(p[col]));
                    double[] up = p.clone(), down = p.clone(), vu = new double[n], vd = new double[n];
                    up[col] += h;
                    down[col] -= h;
                    model.evaluate(up, vu, new double[n][k]);
                    model.evaluate(down, vd, new double[n][k]);
                    for (int i = 0; i < n; i++)
                        assertEquals((vu[i] - vd[i]) / (2 * h), j[i][col], 1e-6 * (1 + Math.abs(j[i][col])), "point " + i + ", parameter " + col);
                }
            }
        }
    }
}
