package org.assayquant.core.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.OneWayAnova;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Statistics across biological replicates, on Commons Math: mean, SD, SEM, t-based 95% interval,
 * Welch's t-test, Holm's step-down adjustment and one-way ANOVA. Every function returns NaN
 * (never throws, never divides by zero) where a number does not exist, e.g. an SD of one value.
 */
public final class ReplicateStats {
    private ReplicateStats() {}

    /** n, mean, sample SD (n - 1), SEM = SD / sqrt(n), and mean +/- t(0.975, n - 1) * SEM. */
    public record Summary(int n, double mean, double sd, double sem, double ciLow, double ciHigh) {}

    /** A two-sided test: statistic, degrees of freedom (df2 only for F) and p-value. */
    public record Test(double statistic, double df1, double df2, double p, String note) {
        static Test none(String note) {
            return new Test(Double.NaN, Double.NaN, Double.NaN, Double.NaN, note);
        }
    }

    public static Summary summarize(double[] v) {
        int n = v.length;
        if (n == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mean = StatUtils.mean(v);
        if (n == 1) return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sd = Math.sqrt(StatUtils.variance(v)); // bias-corrected (n - 1)
        double sem = sd / Math.sqrt(n);
        double half = tQuantile975(n - 1) * sem;
        return new Summary(n, mean, sd, sem, mean - half, mean + half);
    }

    /** The 97.5% quantile of Student's t with df degrees of freedom (4.302653 for df = 2). */
    public static double tQuantile975(double df) {
        return new TDistribution(df).inverseCumulativeProbability(0.975);
    }

    /**
     * Welch's unequal-variance t-test of x against ref, two-sided: t = (mean x - mean ref) /
     * sqrt(var x / n x + var ref / n ref) with Welch-Satterthwaite degrees of freedom. When ref
     * has no variance (every control fold change is exactly 1) this is exactly the one-sample
     * t-test of x against the reference mean with n x - 1 degrees of freedom.
     */
    public static Test welch(double[] x, double[] ref) {
        if (x.length < 2 || ref.length < 2)
            return Test.none("needs at least 2 replicates in both groups (have " + x.length + " and " + ref.length + ")");
        double ax = StatUtils.variance(x) / x.length, ar = StatUtils.variance(ref) / ref.length;
        if (ax + ar == 0) return Test.none("no variance in either group");
        double df = (ax + ar) * (ax + ar) / (ax * ax / (x.length - 1) + ar * ar / (ref.length - 1));
        TTest tt = new TTest();
        return new Test(tt.t(x, ref), df, Double.NaN, tt.tTest(x, ref), "");
    }

    /**
     * Holm's step-down adjustment (Holm 1979) of a family of p-values; NaN entries are not part
     * of the family and stay NaN. Sorted ascending, p(i) becomes max over j <= i of
     * min(1, (m - j + 1) p(j)); m = number of real p-values. Controls the family-wise error rate
     * under any dependence (the comparisons against one shared control are correlated).
     */
    public static double[] holm(double[] p) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < p.length; i++) if (!Double.isNaN(p[i])) idx.add(i);
        idx.sort((a, b) -> Double.compare(p[a], p[b]));
        double[] adj = new double[p.length];
        Arrays.fill(adj, Double.NaN);
        int m = idx.size();
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[idx.get(j)]));
            adj[idx.get(j)] = running;
        }
        return adj;
    }

    /**
     * Classic one-way ANOVA (equal variances) of the groups: F = MS between / MS within with
     * k - 1 and N - k degrees of freedom. Needs 2 or more groups of 2 or more values (Commons
     * Math's rule) and some variance within groups.
     */
    public static Test anova(List<double[]> groups) {
        if (groups.size() < 2) return Test.none("needs at least 2 conditions with 2 or more replicates");
        int total = 0;
        double within = 0;
        for (double[] g : groups) {
            if (g.length < 2) return Test.none("every condition needs at least 2 replicates");
            total += g.length;
            within += StatUtils.variance(g) * (g.length - 1);
        }
        if (within == 0) return Test.none("no variance within the conditions");
        OneWayAnova a = new OneWayAnova();
        return new Test(a.anovaFValue(groups), groups.size() - 1, total - groups.size(), a.anovaPValue(groups), "");
    }
}
