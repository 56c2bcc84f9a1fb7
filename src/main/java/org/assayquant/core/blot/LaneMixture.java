package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/**
 * A ladder lane's row profile as a sum of Gaussian peaks on a flat floor (Levenberg-Marquardt): a
 * peak at each detected band, then a shoulder peak wherever the fit leaves a hump of at least
 * {@link #SHOULDER} of the peak above it unexplained: a weaker band that runs into a stronger one
 * without a valley (NEB 1 kb Plus: 900 bp about 13 px under the 1.0 kb band, which held it).
 */
final class LaneMixture {
    /**
     * A hump left by the fit is a band of its own when it reaches this fraction of the height of the
     * peak it sits under (the peak that is strongest at its row). Measured on GelGenie's development gel (docs/blots.md, session 13).
     */
    static final double SHOULDER = 0.12;

    /** A shoulder lies at least this many of a band's sigmas from the band's peak (nearer, it is the band's own shape). */
    static final double DISTINCT = 2;

    private LaneMixture() {}

    /** One fitted peak; band is the index of the detected band it belongs to, -1 for a shoulder. */
    record Peak(double amp, double centre, double sigma, int band) {
        double at(double y) {
            double z = (y - centre) / sigma;
            return amp * Math.exp(-0.5 * z * z);
        }
    }

    /**
     * The peaks of profile p (index = row): one at each of centres (band[i] names its detected band;
     * a doublet's two parts share one), shoulders added where the fit leaves a hump. Null when
     * the fit does not converge.
     */
    static List<Peak> fit(double[] p, int[] centres, int[] band) {
        double floor = Double.POSITIVE_INFINITY;
        for (double v : p) floor = Math.min(floor, v);
        List<double[]> start = new ArrayList<>(); // amp, centre, sigma
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < centres.length; i++) {
            start.add(new double[] {p[centres[i]] - floor, centres[i], halfWidth(p, centres[i], floor) / 1.1774});
            owner.add(band[i]);
        }
        double[] fitted = solve(p, start, floor);
        if (fitted == null) return null;
        for (int added = 0; added < centres.length; added++) {
            List<Peak> peaks = peaks(fitted, owner);
            int at = -1;
            double hump = 0;
            for (int y = Math.max(0, centres[0]); y <= Math.min(p.length - 1, centres[centres.length - 1]); y++) {
                double model = fitted[fitted.length - 1], top = 0, under = 0;
                boolean apart = true;
                for (Peak k : peaks) {
                    double v = k.at(y);
                    model += v;
                    if (v > top) { top = v; under = k.amp; }
                    if (k.band >= 0 && Math.abs(y - k.centre) < DISTINCT * k.sigma) apart = false;
                }
                double r = p[y] - model;
                if (apart && r > SHOULDER * under && r > hump) { hump = r; at = y; }
            }
            if (at < 0) break;
            List<double[]> next = new ArrayList<>();
            for (int i = 0; i < owner.size(); i++) next.add(new double[] {fitted[3 * i], fitted[3 * i + 1], Math.abs(fitted[3 * i + 2])});
            next.add(new double[] {hump, at, halfWidth(p, at, floor) / 1.1774});
            double[] refit = solve(p, next, fitted[fitted.length - 1]);
            if (refit == null) break;
            owner.add(-1);
            fitted = refit;
        }
        // a shoulder the refit moved onto a band's peak is part of that band's shape
        List<Peak> out = peaks(fitted, owner);
        for (int i = 0; i < out.size(); i++) {
            Peak k = out.get(i);
            if (k.band >= 0) continue;
            for (Peak b : out) {
                if (b.band >= 0 && Math.abs(k.centre - b.centre) < DISTINCT * b.sigma) { out.set(i, new Peak(k.amp, k.centre, k.sigma, b.band)); break; }
            }
        }
        return out;
    }

    private static List<Peak> peaks(double[] f, List<Integer> owner) {
        List<Peak> out = new ArrayList<>();
        for (int i = 0; i < owner.size(); i++) out.add(new Peak(f[3 * i], f[3 * i + 1], Math.max(0.5, Math.abs(f[3 * i + 2])), owner.get(i)));
        return out;
    }

    /** Half width at half height above floor, the shorter side (the other may run into a neighbour); at least 1. */
    private static double halfWidth(double[] p, int c, double floor) {
        double half = floor + (p[c] - floor) / 2;
        int a = c, b = c;
        while (a > 0 && p[a - 1] > half && p[a - 1] <= p[a]) a--;
        while (b < p.length - 1 && p[b + 1] > half && p[b + 1] <= p[b]) b++;
        return Math.max(1, Math.min(c - a, b - c) + 0.5);
    }

    /** Least squares of the peaks plus a floor; parameters amp, centre, sigma per peak, then the floor. */
    private static double[] solve(double[] p, List<double[]> start, double floor) {
        int n = p.length, k = 3 * start.size() + 1;
        double[] s0 = new double[k];
        for (int i = 0; i < start.size(); i++) System.arraycopy(start.get(i), 0, s0, 3 * i, 3);
        s0[k - 1] = floor;
        MultivariateJacobianFunction f = point -> {
            double[] q = point.toArray();
            double[] v = new double[n];
            double[][] j = new double[n][k];
            for (int y = 0; y < n; y++) {
                v[y] = q[k - 1];
                j[y][k - 1] = 1;
                for (int i = 0; i + 1 < k; i += 3) {
                    double s = q[i + 2], d = y - q[i + 1];
                    if (Math.abs(d) > 8 * Math.abs(s)) continue;
                    double e = Math.exp(-0.5 * d * d / (s * s));
                    v[y] += q[i] * e;
                    j[y][i] = e;
                    j[y][i + 1] = q[i] * e * d / (s * s);
                    j[y][i + 2] = q[i] * e * d * d / (s * s * s);
                }
            }
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
        };
        try {
            double[] out = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .model(f).target(p).start(s0).maxEvaluations(400).maxIterations(400).build()).getPoint().toArray();
            for (double v : out) if (!Double.isFinite(v)) return null;
            return out;
        } catch (RuntimeException e) {
            return null; // no convergence: the caller keeps the valleys
        }
    }
}
