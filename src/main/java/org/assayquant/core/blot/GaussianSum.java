package org.assayquant.core.blot;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.util.Pair;

/**
 * A profile along the lane as a sum of Gaussian peaks a exp(-(y - m)^2 / 2 s^2) on a floor held at a
 * given level, fitted by least squares (Levenberg-Marquardt): the one model of a ladder lane's bands
 * and shoulders ({@link LaneMixture}) and of a doublet's two parts ({@link Doublets}). Parameters per
 * peak: a, m, s; or, with a shared width, a and m per peak and one s last (a doublet's parts).
 */
final class GaussianSum {
    private GaussianSum() {}

    /**
     * The parameters fitted to p from start over the rows valid marks (null: every row); null when the
     * fit does not converge or leaves a parameter that is not finite.
     */
    static double[] fit(double[] p, boolean[] valid, double floor, double[] start, boolean shared) {
        int n = p.length, k = start.length;
        MultivariateJacobianFunction f = point -> {
            double[] q = point.toArray();
            double[] v = new double[n];
            double[][] j = new double[n][k];
            for (int y = 0; y < n; y++) v[y] = sum(q, shared, y, floor, j[y]);
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
        };
        LeastSquaresBuilder b = new LeastSquaresBuilder().model(f).target(p).start(start).maxEvaluations(400).maxIterations(400);
        if (valid != null) b.weight(weights(valid));
        try {
            double[] out = new LevenbergMarquardtOptimizer().optimize(b.build()).getPoint().toArray();
            for (double v : out) if (!Double.isFinite(v)) return null;
            return out;
        } catch (RuntimeException e) {
            return null; // no convergence: the callers keep what they had
        }
    }

    /** Weight 1 on the valid rows, 0 elsewhere. */
    static DiagonalMatrix weights(boolean[] valid) {
        double[] w = new double[valid.length];
        for (int i = 0; i < w.length; i++) w[i] = valid[i] ? 1 : 0;
        return new DiagonalMatrix(w);
    }

    /** The peaks' sum at y (no floor). */
    static double at(double[] q, boolean shared, double y) {
        return sum(q, shared, y, 0, null);
    }

    /** base plus the peaks' sum at y; with jacobian non-null also its derivatives by each parameter. */
    private static double sum(double[] q, boolean shared, double y, double base, double[] jacobian) {
        int step = shared ? 2 : 3, peaks = shared ? (q.length - 1) / 2 : q.length / 3;
        double v = base;
        for (int i = 0; i < peaks * step; i += step) {
            int si = shared ? q.length - 1 : i + 2;
            double s = q[si], d = y - q[i + 1];
            if (Math.abs(d) > 8 * Math.abs(s)) continue; // under 1e-13 of the peak
            double e = Math.exp(-0.5 * d * d / (s * s));
            v += q[i] * e;
            if (jacobian == null) continue;
            jacobian[i] = e;
            jacobian[i + 1] = q[i] * e * d / (s * s);
            jacobian[si] += q[i] * e * d * d / (s * s * s);
        }
        return v;
    }
}
