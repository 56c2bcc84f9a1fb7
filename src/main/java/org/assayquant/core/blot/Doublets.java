package org.assayquant.core.blot;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Resolves a doublet (e.g. ERK1/ERK2, or a phospho-shifted band) whose two bands overlap so much
 * that the lower one is only a shoulder of the upper: the band's background-free profile along
 * the lane is fitted with one Gaussian and with two of equal width (Levenberg-Marquardt); two are
 * kept only when they explain the profile much better and are both substantial and distinct, and,
 * without a valley between them, better than one skewed, flat-topped band.
 */
final class Doublets {
    private Doublets() {}

    /**
     * A doublet is kept only when one skewed, flat-topped band ({@link #skewed}) leaves at least
     * this many times its squared residual. Measured on the fits two Gaussians won: blotquant-dev's
     * 33 true doublets (Gaussian bands) 3.0-870, the 14 single bands of athenaz2 Oct10 (lab boxes
     * holding both parts) 0.3-1.9, the 40 such bands of athenaz2's development images 0.3-8.2
     * (6 above 2.4); 2.4 lies between Oct10's highest and blotquant-dev's lowest (this model
     * fitted offline to the old rule's splits; docs/history/blots.md).
     */
    static final double SHAPE_RATIO = 2.4;

    /**
     * Two fitted components along the lane: amplitudes, centres (profile index) and shared sigma;
     * oneBand when one skewed band explains the profile about as well (measure it as one band).
     */
    record Split(double a1, double m1, double a2, double m2, double sigma, boolean oneBand) {
        /** Share of component k (1 or 2) in the signal at position y. */
        double share(int k, double y) {
            double g1 = a1 * Math.exp(-0.5 * sq((y - m1) / sigma)), g2 = a2 * Math.exp(-0.5 * sq((y - m2) / sigma));
            double t = g1 + g2;
            return t <= 0 ? 0.5 : (k == 1 ? g1 : g2) / t;
        }
    }

    /**
     * The two-band decomposition of a background-free profile, or null when one Gaussian fits. With
     * oneMaximum (no valley between the parts) the doublet must also beat one skewed band, else
     * the split is marked oneBand.
     */
    static Split split(double[] net, boolean[] valid, double noise, boolean oneMaximum) {
        int n = net.length, used = 0;
        for (boolean v : valid) if (v) used++;
        if (used < 8) return null;
        int top = 0;
        for (int i = 1; i < n; i++) if (net[i] > net[top]) top = i;
        double half = net[top] / 2;
        int a = top, b = top;
        while (a > 0 && net[a - 1] > half) a--;
        while (b < n - 1 && net[b + 1] > half) b++;
        double s0 = Math.max(0.8, (b - a + 1) / 2.355);
        double[] one = fit(net, valid, new double[] {net[top], top, s0});
        if (one == null) return null;
        double ssr1 = ssr(net, valid, one);
        // second component where the single fit leaves most signal unexplained
        int at = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!valid[i]) continue;
            double r = net[i] - GaussianSum.at(one, true, i);
            if (r > worst) { worst = r; at = i; }
        }
        if (worst <= 3 * noise) return null;
        double[] two = fit(net, valid, new double[] {one[0], one[1] - (at - one[1]) * 0.3, worst, at, one[2] * 0.8});
        if (two == null) return null;
        double ssr2 = ssr(net, valid, two);
        double a1 = two[0], m1 = two[1], a2 = two[2], m2 = two[3], s = Math.abs(two[4]);
        double sep = Math.abs(m2 - m1);
        boolean better = ssr2 < 0.4 * ssr1 && (ssr1 - ssr2) > 10 * used * noise * noise;
        // two narrow parts inside one band are not a doublet: each part is about as wide as the band
        boolean distinct = sep >= 1.5 * s && sep <= 5 * s && s >= 0.7;
        boolean substantial = Math.min(a1, a2) >= 0.15 * Math.max(a1, a2) && Math.min(a1, a2) > 5 * noise;
        boolean inside = Math.min(m1, m2) >= 0 && Math.max(m1, m2) <= n - 1;
        if (!(better && distinct && substantial && inside)) return null;
        // a real band is skewed or flat-topped, and two Gaussians then beat one even for a single
        // band: the doublet must also clearly beat one band of such a shape
        boolean oneBand = oneMaximum && skewedSsr(net, valid, top, a, b) < SHAPE_RATIO * ssr2;
        return m1 <= m2 ? new Split(a1, m1, a2, m2, s, oneBand) : new Split(a2, m2, a1, m1, s, oneBand);
    }

    /**
     * One band whose two flanks have their own widths and whose top may be flat or peaked:
     * a exp(-|u|^q / 2), u = (y - m) / sL above the centre and (y - m) / sR below it; parameters
     * a, m, ln sL, ln sR, ln(q - 1). Starts from the half-maximum flanks a-b around the top, q 2 and 4.
     */
    private static Optimum skewed(double[] net, boolean[] valid, int top, int a, int b, double q0) {
        int n = net.length;
        MultivariateJacobianFunction f = point -> {
            double[] p = point.toArray();
            double sl = Math.exp(p[2]), sr = Math.exp(p[3]), q = 1 + Math.exp(p[4]);
            double[] v = new double[n];
            double[][] j = new double[n][5];
            for (int i = 0; i < n; i++) {
                boolean left = i < p[1];
                double s = left ? sl : sr, u = (i - p[1]) / s, au = Math.abs(u);
                double pw = Math.pow(au, q), e = Math.exp(-0.5 * pw);
                v[i] = p[0] * e;
                j[i][0] = e;
                j[i][1] = au == 0 ? 0 : p[0] * e * 0.5 * q * pw / au * Math.signum(u) / s;
                j[i][left ? 2 : 3] = p[0] * e * 0.5 * q * pw;
                j[i][4] = au == 0 ? 0 : -0.5 * p[0] * e * pw * Math.log(au) * (q - 1);
            }
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
        };
        // half-maximum half-widths of a Gaussian flank are 1.1774 sigma
        double sl = Math.max(0.8, (top - a + 0.5) / 1.1774), sr = Math.max(0.8, (b - top + 0.5) / 1.1774);
        try {
            Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .model(f).target(net).start(new double[] {net[top], top, Math.log(sl), Math.log(sr), Math.log(q0 - 1)})
                    .weight(GaussianSum.weights(valid)).maxEvaluations(400).maxIterations(400).build());
            for (double v : o.getPoint().toArray()) if (!Double.isFinite(v)) return null;
            return o;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The smallest squared residual of {@link #skewed} over its starts (infinite when none converged). */
    private static double skewedSsr(double[] net, boolean[] valid, int top, int a, int b) {
        double best = Double.POSITIVE_INFINITY;
        for (double q0 : new double[] {2, 4}) {
            Optimum o = skewed(net, valid, top, a, b, q0);
            if (o == null) continue;
            double[] r = o.getResiduals().toArray(); // 0 where not valid (weight 0)
            double s = 0;
            for (double v : r) s += v * v;
            best = Math.min(best, s);
        }
        return best;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double ssr(double[] net, boolean[] valid, double[] p) {
        double s = 0;
        for (int i = 0; i < net.length; i++) if (valid[i]) s += sq(net[i] - GaussianSum.at(p, true, i));
        return s;
    }

    /** One Gaussian (a, m, s) or two of one width (a1, m1, a2, m2, s) over the valid rows ({@link GaussianSum}). */
    private static double[] fit(double[] net, boolean[] valid, double[] start) {
        return GaussianSum.fit(net, valid, 0, start, true);
    }
}
