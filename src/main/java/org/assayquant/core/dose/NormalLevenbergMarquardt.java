package org.assayquant.core.dose;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.exception.util.LocalizedFormats;

/**
 * Levenberg-Marquardt for the 2-4 parameter, few-point fits of {@link LogLogistic4} through the
 * normal equations: each step solves {@code (J'J + mu D^2) step = J'r} by a Cholesky
 * factorisation of the 4 x 4 matrix, with Moré's scaling D (the largest column norm of J seen so
 * far) and Nielsen's update of mu. MINPACK's lmder ({@link SmallLevenbergMarquardt}) gets its
 * step from a pivoted QR of J and an iterative search for the trust region's LM parameter (Givens
 * rotations per trial value); on noisy 8-dose LL.4 rows a run here took 12-14 us of CPU against
 * lmder's 22-25 us (C1 and C2), for 16.3 instead of 14.9 iterations.
 * <p>
 * The stopping rules are lmder's, with its default tolerances, on the same quantities: the
 * largest cosine between the residuals and a column of J at most 1e-10; the actual and the
 * predicted relative reduction of the sum of squares both at most 1e-10; the scaled step at most
 * 1e-10 of the scaled point; the caller's checker after each accepted step. An iteration is, as
 * in lmder, the trials up to and including an accepted one. Where lmder throws because a
 * tolerance is below machine precision, this returns the point reached (the least sum of squares
 * found, which the callers keep as a candidate).
 */
final class NormalLevenbergMarquardt {
    private NormalLevenbergMarquardt() {}

    private static final double TOLERANCE = 1e-10; // lmder's default cost, parameter and orthogonality tolerances
    private static final double ACCEPT = 1e-4; // lmder's: a step is taken when it gains this share of its predicted reduction
    private static final double MU_START = 1e-3; // Nielsen's tau (relative to the scaled diagonal of J'J)

    /**
     * Minimises the sum of squared {@code target - model(p)} from {@code start}; throws when the
     * evaluations or iterations are exceeded, or when J is not finite at the start.
     */
    static SmallLevenbergMarquardt.Run optimize(SmallLevenbergMarquardt.Model model, double[] target, double[] start,
                                                int maxEvaluations, int maxIterations, SmallLevenbergMarquardt.Checker checker) {
        final int n = target.length, m = start.length;
        double[] x = start.clone(), trial = new double[m], step = new double[m];
        double[] value = new double[n], residuals = new double[n], trialValue = new double[n], trialResiduals = new double[n];
        double[][] jac = new double[n][m], trialJac = new double[n][m];
        double[] a = new double[m * m], g = new double[m], diag = new double[m], chol = new double[m * m];

        int evaluations = 1;
        if (evaluations > maxEvaluations) throw new TooManyEvaluationsException(maxEvaluations);
        double cost = evaluate(model, target, x, value, residuals, jac);
        double mu = MU_START, nu = 2;
        int iterations = 0;
        while (true) {
            if (++iterations > maxIterations) throw new TooManyIterationsException(maxIterations);
            normal(jac, residuals, n, m, a, g);
            for (int j = 0; j < m; j++) {
                double norm = Math.sqrt(a[j * m + j]);
                if (!Double.isFinite(norm) || !Double.isFinite(g[j]))
                    throw new ConvergenceException(LocalizedFormats.UNABLE_TO_PERFORM_QR_DECOMPOSITION_ON_JACOBIAN, n, m);
                if (iterations == 1) diag[j] = norm == 0 ? 1 : norm;
                else if (norm > diag[j]) diag[j] = norm;
            }
            // lmder's orthogonality test: the residuals (nearly) orthogonal to every column of J
            double maxCosine = 0;
            if (cost != 0)
                for (int j = 0; j < m; j++) {
                    double norm = Math.sqrt(a[j * m + j]);
                    if (norm != 0) maxCosine = Math.max(maxCosine, Math.abs(g[j]) / (norm * cost));
                }
            if (maxCosine <= TOLERANCE) return run(x, residuals, cost, evaluations, iterations);

            while (true) { // trials until one is accepted or a tolerance stops the run
                if (!solve(a, g, diag, mu, m, chol, step)) { // not positive definite at this mu: damp more
                    mu *= nu;
                    nu *= 2;
                    if (!(mu < Double.MAX_VALUE)) return run(x, residuals, cost, evaluations, iterations);
                    continue;
                }
                double stepNorm = 0, xNorm = 0, jStep = 0;
                for (int j = 0; j < m; j++) {
                    trial[j] = x[j] + step[j];
                    double s = diag[j] * step[j], t = diag[j] * x[j];
                    stepNorm += s * s;
                    xNorm += t * t;
                }
                for (int i = 0; i < n; i++) {
                    double js = 0;
                    for (int j = 0; j < m; j++) js += jac[i][j] * step[j];
                    jStep += js * js;
                }
                if (++evaluations > maxEvaluations) throw new TooManyEvaluationsException(maxEvaluations);
                double trialCost = evaluate(model, target, trial, trialValue, trialResiduals, trialJac);

                // relative reductions of the sum of squares, actual and predicted by the linear model (lmder's actred, prered)
                double c2 = cost * cost;
                double actRed = 0.1 * trialCost < cost ? 1 - (trialCost / cost) * (trialCost / cost) : -1;
                double preRed = (jStep + 2 * mu * stepNorm) / c2;
                double ratio = preRed == 0 ? 0 : actRed / preRed;
                boolean accepted = ratio >= ACCEPT;
                if (accepted) {
                    double[] t = x; x = trial; trial = t;
                    t = value; value = trialValue; trialValue = t;
                    t = residuals; residuals = trialResiduals; trialResiduals = t;
                    double[][] tj = jac; jac = trialJac; trialJac = tj;
                    double previous = cost;
                    cost = trialCost;
                    double r = 2 * ratio - 1;
                    mu *= Math.max(1.0 / 3, 1 - r * r * r);
                    nu = 2;
                    if (checker != null && checker.converged(iterations, previous, cost)) return run(x, residuals, cost, evaluations, iterations);
                } else {
                    mu *= nu;
                    nu *= 2;
                }
                if ((Math.abs(actRed) <= TOLERANCE && preRed <= TOLERANCE && ratio <= 2) || Math.sqrt(stepNorm) <= TOLERANCE * Math.sqrt(xNorm)
                        || !(mu < Double.MAX_VALUE))
                    return run(x, residuals, cost, evaluations, iterations);
                if (accepted) break;
            }
        }
    }

    /** Values, residuals (target - value) and Jacobian at {@code p}; returns the cost, the root of the sum of squared residuals. */
    private static double evaluate(SmallLevenbergMarquardt.Model model, double[] target, double[] p, double[] value, double[] residuals, double[][] jac) {
        model.evaluate(p, value, jac);
        double sum = 0;
        for (int i = 0; i < target.length; i++) {
            double r = target[i] - value[i];
            residuals[i] = r;
            sum += r * r;
        }
        return Math.sqrt(sum);
    }

    /** {@code a = J'J} (m x m, row-major) and {@code g = J'r}. */
    private static void normal(double[][] jac, double[] r, int n, int m, double[] a, double[] g) {
        java.util.Arrays.fill(a, 0);
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i < n; i++) {
            double[] row = jac[i];
            double ri = r[i];
            for (int j = 0; j < m; j++) {
                double rj = row[j];
                g[j] += rj * ri;
                for (int k = 0; k <= j; k++) a[j * m + k] += rj * row[k];
            }
        }
        for (int j = 0; j < m; j++) for (int k = 0; k < j; k++) a[k * m + j] = a[j * m + k];
    }

    /**
     * Solves {@code (a + mu diag^2) step = g} by Cholesky; false when that matrix is not
     * numerically positive definite (a pivot not above zero or not finite).
     */
    static boolean solve(double[] a, double[] g, double[] diag, double mu, int m, double[] l, double[] step) {
        for (int j = 0; j < m; j++) {
            double s = a[j * m + j] + mu * diag[j] * diag[j];
            for (int k = 0; k < j; k++) s -= l[j * m + k] * l[j * m + k];
            if (!(s > 0) || s == Double.POSITIVE_INFINITY) return false;
            double d = Math.sqrt(s);
            l[j * m + j] = d;
            for (int i = j + 1; i < m; i++) {
                double t = a[i * m + j];
                for (int k = 0; k < j; k++) t -= l[i * m + k] * l[j * m + k];
                l[i * m + j] = t / d;
            }
        }
        for (int i = 0; i < m; i++) { // L y = g
            double t = g[i];
            for (int k = 0; k < i; k++) t -= l[i * m + k] * step[k];
            step[i] = t / l[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) { // L' step = y
            double t = step[i];
            for (int k = i + 1; k < m; k++) t -= l[k * m + i] * step[k];
            step[i] = t / l[i * m + i];
        }
        for (int i = 0; i < m; i++) if (!Double.isFinite(step[i])) return false;
        return true;
    }

    private static SmallLevenbergMarquardt.Run run(double[] x, double[] residuals, double cost, int evaluations, int iterations) {
        return new SmallLevenbergMarquardt.Run(x.clone(), residuals.clone(), cost, evaluations, iterations);
    }
}
