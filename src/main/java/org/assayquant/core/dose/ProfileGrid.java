package org.assayquant.core.dose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LL.4 residual sum of squares profiled over its asymptotes on a grid of (hill, ln ec50), for
 * ZIP's fits along the rows and columns of a matrix (the top held) and their bootstrap refits
 * ({@link LogLogistic4#fitProfiled}). For fixed hill and ec50 the curve
 * {@code bottom + (top - bottom) g} with {@code g = 1 / (1 + (dose / ec50)^hill)} is linear in the
 * asymptotes, so the best bottom and top (or the best bottom with the top held) and their residual
 * sum of squares are closed-form least squares. {@code g} depends only on the doses, which every
 * resample of a matrix shares, so the table is built once per fit of the original data and a
 * resample costs a product of that table with its responses: the whole (hill, ec50) plane is
 * searched for about 15 microseconds, where the sixteen cold starts of the multi-start cost
 * about 400 Levenberg-Marquardt iterations on flat or step-like data. The best grid-local minima
 * are then polished by Levenberg-Marquardt ({@link LogLogistic4#fitProfiled}).
 * <p>
 * The grid: ln ec50 at 49 points from half the log-dose range below the lowest positive dose to
 * half above the highest (a quarter of the spacing of a 3-fold series of 7 doses); |hill| at 12
 * values from 0.3 to 16; both signs of hill only with the top held ((hill, bottom, top) and
 * (-hill, top, bottom) are one curve when both asymptotes are free). Measured on 5 screen blocks
 * (60 resamples, 4 800 fits) against the full multi-start: 97 ec50 points instead of 49 changed
 * 1 fit; slopes up to 64 made 1.8% of the fits worse instead of 1.2% (a start on a near-perfect
 * step has a Jacobian column of 1e-30 along hill, and Levenberg-Marquardt stalls there while the
 * multi-start, climbing from hill 1 to 10, reaches the best step, whose ec50 sits a hair off a
 * dose so that that dose's fitted value lies between the plateaus).
 */
public final class ProfileGrid {
    static final int LOG_EC50_STEPS = 49;
    static final double[] HILLS = {0.1, 0.3, 0.5, 0.7, 1, 1.4, 2, 2.8, 4, 5.6, 8, 11, 16};

    private final double[] dose;
    private final boolean topHeld;
    private final double[] hill, lnEc50;
    private volatile Table table;

    /**
     * g at every dose ({@code g[dose][point]}, grid points hill-major) and the data-free parts of the
     * normal equations: for the top held, 1 / sum (1 - g)^2 and sum g (1 - g); for both free, the
     * inverse of [[sum (1 - g)^2, sum g (1 - g)], [sum g (1 - g), sum g^2]]. NaN where the
     * asymptotes are not {@link #IDENTIFIABLE}.
     */
    private record Table(double[][] g, double[] sumG1G, double[] sumG2, double[] i11, double[] i12, double[] i22) {}

    /** The grid for these doses (0 allowed: the curve's top end), with the top free or held. */
    ProfileGrid(double[] dose, boolean topHeld) {
        this.dose = dose.clone();
        this.topHeld = topHeld;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : dose) if (x > 0) { lo = Math.min(lo, Math.log(x)); hi = Math.max(hi, Math.log(x)); }
        double range = Math.max(hi - lo, 1e-6);
        int steps = LOG_EC50_STEPS;
        lnEc50 = new double[steps];
        for (int k = 0; k < steps; k++) lnEc50[k] = lo - range / 2 + 2 * range * k / (steps - 1);
        hill = new double[topHeld ? 2 * HILLS.length : HILLS.length];
        for (int k = 0; k < HILLS.length; k++) {
            hill[k] = HILLS[k];
            if (topHeld) hill[HILLS.length + k] = -HILLS[k];
        }
        if (hill.length * steps > INDEX_MASK + 1) throw new IllegalStateException("a grid index must fit in 12 bits");
    }

    /** Whether this grid was built for these doses. */
    boolean fits(double[] dose, boolean topHeld) {
        return this.topHeld == topHeld && Arrays.equals(this.dose, dose);
    }

    /** Built on first use (the point estimate never needs it), then shared by the resamples' threads. */
    private Table table() {
        Table t = table;
        if (t != null) return t;
        synchronized (this) {
            if (table == null) table = build();
            return table;
        }
    }

    private Table build() {
        int ne = lnEc50.length, points = hill.length * ne, n = dose.length;
        double[][] g = new double[n][points];
        double[] sumG1G = new double[points], sumG2 = new double[points];
        double[] i11 = new double[points], i12 = new double[points], i22 = new double[points];
        for (int h = 0; h < hill.length; h++)
            for (int e = 0; e < ne; e++) {
                int k = h * ne + e;
                double a = 0, b = 0, c = 0;
                for (int i = 0; i < n; i++) {
                    double gi;
                    if (dose[i] <= 0) gi = hill[h] > 0 ? 1 : 0;
                    else {
                        double t = hill[h] * (Math.log(dose[i]) - lnEc50[e]);
                        gi = t > 700 ? 0 : 1 / (1 + Math.exp(t));
                    }
                    g[i][k] = gi;
                    a += (1 - gi) * (1 - gi);
                    b += gi * (1 - gi);
                    c += gi * gi;
                }
                sumG1G[k] = b;
                sumG2[k] = c;
                if (topHeld) {
                    i11[k] = a > IDENTIFIABLE * n ? 1 / a : Double.NaN;
                } else {
                    double det = a * c - b * b;
                    boolean ok = a > IDENTIFIABLE * n && c > IDENTIFIABLE * n && det > IDENTIFIABLE * a * c;
                    i11[k] = ok ? c / det : Double.NaN;
                    i12[k] = ok ? -b / det : Double.NaN;
                    i22[k] = ok ? a / det : Double.NaN;
                }
            }
        return new Table(g, sumG1G, sumG2, i11, i12, i22);
    }

    /**
     * The residual sum of squares profiled at every grid point for these responses ({@code fixedTop}
     * NaN = top free), computed once for both questions a refit asks: {@link Profile#minimum} and
     * {@link Profile#starts}. The profile is valid until this thread's next one: its arrays are
     * the thread's {@link #SCRATCH}.
     */
    Profile profile(double[] y, double fixedTop) {
        Table t = table();
        int n = y.length, points = hill.length * lnEc50.length;
        double mean = 0;
        for (double v : y) mean += v;
        mean /= n;
        double[] yc = new double[n]; // centred: the sums below then cancel far less
        for (int i = 0; i < n; i++) yc[i] = y[i] - mean;
        double[][] scratch = SCRATCH.get();
        if (scratch[0].length != points) scratch = new double[][] {new double[points], new double[points]};
        SCRATCH.set(scratch);
        double[] syg = scratch[0], rss = scratch[1];
        Arrays.fill(syg, 0);
        profile(t, yc, fixedTop - mean, syg, rss);
        return new Profile(t, y, fixedTop, mean, yc, syg, rss);
    }

    /**
     * The profile of the data a fit was made on (its residual sums of squares ranked, lowest
     * first), for {@link #noneBelow}: the bootstrap's warm refits ask of every resample whether
     * any grid point fits it better than the warm fit, and a grid point that fitted the original
     * data badly cannot fit a resample close to them well.
     */
    public static final class Ranked {
        private final double[] y0, root;
        private final double top0;
        private final int[] order;

        private Ranked(double[] y0, double top0, int[] order, double[] root) {
            this.y0 = y0;
            this.top0 = top0;
            this.order = order;
            this.root = root;
        }
    }

    /** {@code p} (a profile on this grid, top held) ranked for {@link #noneBelow}. */
    Ranked ranked(Profile p) {
        int found = 0;
        double margin = MARGIN * scale(p.yc, p.fixedTop - p.mean);
        long[] key = new long[p.rss.length];
        for (int k = 0; k < p.rss.length; k++) {
            if (Double.isNaN(p.rss[k])) continue; // not identifiable at any responses
            // the root of a lower bound on the exact residual sum of squares (the computed one is within margin of it)
            double root = p.rss[k] > margin ? Math.sqrt(p.rss[k] - margin) : 0; // no Math.max here (see starts)
            key[found++] = (Double.doubleToLongBits(root) & ~INDEX_MASK) | k; // roots are >= 0: their bits sort as they do
        }
        key = Arrays.copyOf(key, found);
        Arrays.sort(key);
        int[] order = new int[found];
        double[] root = new double[found];
        for (int m = 0; m < found; m++) {
            order[m] = (int) (key[m] & INDEX_MASK);
            // the 12 index bits lowered the root by a relative 1e-12 at most: a lower bound still
            root[m] = Double.longBitsToDouble(key[m] & ~INDEX_MASK);
        }
        return new Ranked(p.y.clone(), p.fixedTop, order, root);
    }

    /**
     * Whether no grid point has a residual sum of squares below {@code rss} for responses
     * {@code y} with the top held at {@code fixedTop}: true only where
     * {@code profile(y, fixedTop).minimum() >= rss} is, false where it is not or where the
     * answer would take the whole profile. For each grid point, the residual vector is the
     * projection of {@code y - top g} orthogonal to {@code 1 - g}, so its norm differs between
     * {@code y} and the ranked data {@code y0} by at most |y - y0| + |top - top0| sqrt(n): a point
     * whose residual norm on {@code y0} exceeds sqrt(rss) by more than that (with a margin 1e4
     * times the rounding of the formula) cannot go below {@code rss}. Only the points nearer the
     * original minimum are computed, with the profile's own arithmetic (so the same bits).
     */
    boolean noneBelow(Ranked r, double[] y, double fixedTop, double rss) {
        if (!(rss >= 0) || !topHeld) return false;
        Table t = table();
        int n = y.length, points = hill.length * lnEc50.length;
        double mean = 0;
        for (double v : y) mean += v;
        mean /= n;
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) yc[i] = y[i] - mean;
        double top = fixedTop - mean, syy = 0, sy = 0, d2 = 0;
        for (double v : yc) { syy += v * v; sy += v; } // as profile(Table, ...)
        for (int i = 0; i < n; i++) d2 += (y[i] - r.y0[i]) * (y[i] - r.y0[i]);
        double dist = (Math.sqrt(d2) + Math.abs(fixedTop - r.top0) * Math.sqrt(n)) * (1 + 1e-9);
        double need = Math.sqrt(rss + MARGIN * scale(yc, top)) + dist;
        for (int m = 0; m < r.root.length && r.root[m] < need; m++) {
            if (m >= points / 4) return false; // the whole (vectorized) profile is cheaper
            int k = r.order[m];
            double syg = 0;
            for (int i = 0; i < n; i++) syg += yc[i] * t.g[i][k];
            double z1 = sy - syg - top * t.sumG1G[k];
            if (syy - 2 * top * syg + top * top * t.sumG2[k] - z1 * z1 * t.i11[k] < rss) return false;
        }
        return true;
    }

    /**
     * A bound on the size of the terms of a profiled residual sum of squares for centred
     * responses {@code yc} and top {@code top} (each of syy, 2 top syg, top^2 sum g^2 and the
     * projected part is at most twice it), and so of its rounding: about 50 roundings of 1.1e-16
     * each, amplified at most 2e3-fold where the asymptotes are barely identifiable.
     */
    private static double scale(double[] yc, double top) {
        double syy = 0;
        for (double v : yc) syy += v * v;
        return syy + yc.length * top * top;
    }

    /** Relative margin of {@link #noneBelow} on {@link #scale}: 1e4 times the rounding bound above. */
    private static final double MARGIN = 1e-8;

    /**
     * Per thread, the arrays of its latest profile (sums and residual sums of squares at every
     * grid point): allocating 20 kB of fresh memory per profile took a third of its time in the
     * screen's bootstrap (JFR: 6% of all samples on the allocation, 9% on the sums).
     */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0]});

    /** Up to {@code count} starting points for these responses: {@link Profile#starts}. */
    List<double[]> starts(double[] y, double fixedTop, int count) {
        return profile(y, fixedTop).starts(count);
    }

    /** One response vector's profile over the grid. */
    final class Profile {
        private final Table t;
        private final double[] y, yc, syg, rss;
        private final double fixedTop, mean;

        private Profile(Table t, double[] y, double fixedTop, double mean, double[] yc, double[] syg, double[] rss) {
            this.t = t;
            this.y = y;
            this.fixedTop = fixedTop;
            this.mean = mean;
            this.yc = yc;
            this.syg = syg;
            this.rss = rss;
        }

        /**
         * Up to {@code count} starting points (hill, bottom, top, ln ec50, profiled residual sum of
         * squares), best first: the grid points whose residual sum of squares is no larger than at
         * any neighbour, one per curve (grid minima along one flat valley, a step placed anywhere
         * between the same two doses, give the same fitted values to within 1e-3 of the response
         * range).
         */
        List<double[]> starts(int count) {
            int n = y.length, ne = lnEc50.length;
            int[] minima = localMinima(rss);
            // no Math.min / Math.max in loops here: JDK 17.0.15's C2 crashed (TypeVect::xmeet) compiling them beside sums
            double lo = y[0], hi = y[0];
            for (double v : y) {
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
            double tol = 1e-3 * (hi - lo > 0 ? hi - lo : Double.MIN_NORMAL), sy = 0;
            for (double v : yc) sy += v;
            List<double[]> out = new ArrayList<>(), fitted = new ArrayList<>();
            for (int m = 0; m < minima.length && out.size() < count; m++) {
                int k = minima[m];
                double s1 = sy - syg[k], bottom, top;
                if (topHeld) {
                    top = fixedTop;
                    bottom = (s1 - (fixedTop - mean) * t.sumG1G[k]) * t.i11[k] + mean;
                } else {
                    bottom = t.i11[k] * s1 + t.i12[k] * syg[k] + mean;
                    top = t.i12[k] * s1 + t.i22[k] * syg[k] + mean;
                }
                double[] f = new double[n];
                for (int i = 0; i < n; i++) f[i] = bottom + (top - bottom) * t.g[i][k];
                boolean same = false;
                for (double[] o : fitted) {
                    boolean close = true;
                    for (int i = 0; i < n && close; i++) close = Math.abs(f[i] - o[i]) <= tol;
                    if (close) { same = true; break; }
                }
                if (same) continue;
                fitted.add(f);
                out.add(new double[] {hill[k / ne], bottom, top, lnEc50[k % ne], rss[k]});
            }
            return out;
        }

        /** The lowest residual sum of squares over the grid. */
        double minimum() {
            double best = Double.POSITIVE_INFINITY;
            for (double r : rss) if (r < best) best = r; // NaN (not identifiable) never wins; no Math.min here (see starts)
            return best;
        }
    }

    /**
     * The residual sum of squares at every grid point for centred responses {@code yc} (the top,
     * when held, centred the same way), and sum yc g at each point; NaN where the asymptotes are
     * not identifiable.
     */
    private void profile(Table t, double[] yc, double top, double[] syg, double[] rss) {
        int n = yc.length, points = syg.length;
        double syy = 0, sy = 0;
        for (double v : yc) { syy += v * v; sy += v; }
        for (int i = 0; i < n; i++) {
            // one array per dose, indexed like syg: C2 then vectorizes the loop (with one flat table at
            // an offset it could not rule out aliasing, and this loop was 3 of the 6 us of a profile)
            double yi = yc[i];
            double[] gi = t.g[i];
            for (int k = 0; k < points; k++) syg[k] += yi * gi[k];
        }
        if (topHeld) {
            for (int k = 0; k < points; k++) {
                double z1 = sy - syg[k] - top * t.sumG1G[k]; // sum (y - top g)(1 - g)
                rss[k] = syy - 2 * top * syg[k] + top * top * t.sumG2[k] - z1 * z1 * t.i11[k];
            }
        } else {
            for (int k = 0; k < points; k++) {
                double s1 = sy - syg[k]; // sum y (1 - g)
                rss[k] = syy - s1 * (t.i11[k] * s1 + t.i12[k] * syg[k]) - syg[k] * (t.i12[k] * s1 + t.i22[k] * syg[k]);
            }
        }
    }

    /**
     * The grid points whose residual sum of squares is no larger than at any neighbour; with the
     * top held the two signs of hill are two grids.
     */
    private int[] localMinima(double[] rss) { // best first
        int ne = lnEc50.length, points = rss.length, rows = topHeld ? HILLS.length : hill.length;
        int[] minima = new int[points];
        int found = 0;
        for (int k = 0; k < points; k++) {
            double r = rss[k];
            int e = k % ne;
            if (Double.isNaN(r) || (e > 0 && rss[k - 1] < r) || (e < ne - 1 && rss[k + 1] < r)) continue;
            int h = k / ne, h0 = h < rows ? 0 : rows, h1 = h0 + rows;
            boolean min = true;
            for (int hh = h - 1; hh <= h + 1 && min; hh += 2) {
                if (hh < h0 || hh >= h1) continue;
                for (int ee = e - 1; ee <= e + 1; ee++) {
                    if (ee < 0 || ee >= ne) continue;
                    if (rss[hh * ne + ee] < r) { min = false; break; }
                }
            }
            if (min) minima[found++] = k;
        }
        // best first: sorted on the residual sum of squares' bits made monotone, the grid index in
        // the lowest 12 (ties within 1e-12 relative then go to the lower index)
        long[] key = new long[found];
        for (int m = 0; m < found; m++) {
            long b = Double.doubleToLongBits(rss[minima[m]]);
            key[m] = ((b ^ ((b >> 63) & Long.MAX_VALUE)) & ~INDEX_MASK) | minima[m];
        }
        Arrays.sort(key);
        for (int m = 0; m < found; m++) minima[m] = (int) (key[m] & INDEX_MASK);
        return Arrays.copyOf(minima, found);
    }

    private static final long INDEX_MASK = 0xFFF;

    /**
     * A grid point's asymptotes count as identifiable when g or 1 - g is at least about 1e-3 at
     * some dose (mean square above 1e-6) and the two are not collinear to 1e-6: past that the
     * closed-form asymptotes run to 1e15 and their residual sum of squares loses its digits.
     */
    private static final double IDENTIFIABLE = 1e-6;
}
