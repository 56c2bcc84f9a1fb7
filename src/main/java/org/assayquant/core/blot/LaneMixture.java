package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.List;

/**
 * Two neighbouring bands of a ladder lane's row profile as Gaussian peaks on a flat floor
 * (Levenberg-Marquardt), fitted over their own rows only: a peak at each of the two bands, then a
 * shoulder peak wherever the fit leaves a hump between them of at least {@link #SHOULDER} of the
 * peak above it unexplained: a weaker band that runs into a stronger one without a valley (NEB 1 kb
 * Plus: 900 bp about 13 px under the 1.0 kb band, which held it). The other bands' tails there are
 * held at their first estimates: a fit of the whole lane, refitted per shoulder, cost 18 times
 * the CPU of the rest on a 21-band lane (gel-lanes-fit LM_5_wo_tray_2, docs/history/blots.md session 14).
 * The floor is held at the lane profile's lowest level: fitted over two bands' rows it traded level
 * for a peak 537 px wide (development lane 4: 500 bp -45 %).
 */
final class LaneMixture {
    /**
     * A hump left by the fit is a band of its own when it reaches this fraction of the height of the
     * peak it sits under (the peak that is strongest at its row). Measured on GelGenie's development gel (docs/history/blots.md, session 13).
     */
    static final double SHOULDER = 0.12;

    /** A shoulder lies at least this many of a band's sigmas from the band's peak (nearer, it is the band's own shape). */
    static final double DISTINCT = 2;

    /**
     * At most this many shoulders between two bands: the development gel's 900-600 bp group takes 3
     * in every lane; gel-lanes-fit LM_5_wo_tray_2's ladder has a 224-row gap between two detected
     * bands that took 20, each a refit (5.1 s of CPU against main's 3.0 s).
     */
    static final int MOST = 3;

    /** The fit reaches this many sigmas beyond the two bands' outer centres (their outer flanks fix their widths). */
    private static final double REACH = 3;

    private LaneMixture() {}

    /** One fitted peak; band is the index of the detected band it belongs to, -1 for a shoulder. */
    record Peak(double amp, double centre, double sigma, int band) {
        double at(double y) {
            double z = (y - centre) / sigma;
            return amp * Math.exp(-0.5 * z * z);
        }
    }

    /**
     * The peaks of bands a and a + 1 of profile p (index = row) and the shoulders between them;
     * centres (ascending) are every band's peaks, band[i] names the band of centres[i] (a doublet's
     * two parts share one). Null when the fit does not converge.
     */
    static List<Peak> around(double[] p, int[] centres, int[] band, int a) {
        double floor = Double.POSITIVE_INFINITY;
        for (double v : p) floor = Math.min(floor, v);
        List<double[]> start = new ArrayList<>(); // amp, centre, sigma of the two bands' peaks
        List<Integer> owner = new ArrayList<>();
        List<Peak> others = new ArrayList<>();
        for (int i = 0; i < centres.length; i++) {
            double[] k = {p[centres[i]] - floor, centres[i], halfWidth(p, centres[i], floor) / 1.1774};
            if (band[i] == a || band[i] == a + 1) { start.add(k); owner.add(band[i]); }
            else others.add(new Peak(k[0], k[1], k[2], band[i]));
        }
        if (start.isEmpty()) return null;
        double[] first = start.get(0), last = start.get(start.size() - 1);
        int y0 = Math.max(0, (int) Math.floor(first[1] - REACH * first[2]));
        int y1 = Math.min(p.length - 1, (int) Math.ceil(last[1] + REACH * last[2]));
        double[] t = new double[y1 - y0 + 1]; // the window less the other bands' tails
        for (int y = y0; y <= y1; y++) {
            t[y - y0] = p[y];
            for (Peak k : others) t[y - y0] -= k.at(y);
        }
        for (double[] k : start) k[1] -= y0;
        double[] fitted = solve(t, start, floor);
        if (fitted == null) return null;
        int from = 0, to = t.length - 1; // the hump lies between the upper band's last and the lower band's first peak
        for (int i = 0; i < owner.size(); i++) {
            if (owner.get(i) == a) from = Math.max(from, (int) start.get(i)[1]);
            else to = Math.min(to, (int) start.get(i)[1]);
        }
        for (int added = 0; added < MOST && to - from >= 2; added++) { // a doublet's parts may interleave: no rows between
            List<Peak> peaks = peaks(fitted, owner);
            double[] r = new double[to - from + 1], under = new double[r.length]; // residual, the height of the peak strongest there
            boolean[] apart = new boolean[r.length];
            for (int y = from; y <= to; y++) {
                double model = floor, top = 0;
                apart[y - from] = true;
                for (Peak k : peaks) {
                    double v = k.at(y);
                    model += v;
                    if (v > top) { top = v; under[y - from] = k.amp; }
                    if (k.band >= 0 && Math.abs(y - k.centre) < DISTINCT * k.sigma) apart[y - from] = false;
                }
                r[y - from] = t[y] - model;
            }
            // a hump rises SHOULDER over the lowest residual in the rows apart from both bands: where the
            // residual stands level there, it is a smear's floor (phone gel 11-12's rungs), no band of its own
            double low = Double.POSITIVE_INFINITY;
            for (int i = 0; i < r.length; i++) if (apart[i]) low = Math.min(low, r[i]);
            int at = -1;
            double hump = 0;
            for (int i = 0; i < r.length; i++) {
                if (apart[i] && r[i] - low > SHOULDER * under[i] && r[i] > hump) { hump = r[i]; at = from + i; }
            }
            if (at < 0) break;
            List<double[]> next = new ArrayList<>();
            for (int i = 0; i < owner.size(); i++) next.add(new double[] {fitted[3 * i], fitted[3 * i + 1], Math.abs(fitted[3 * i + 2])});
            next.add(new double[] {hump, at, halfWidth(t, at, floor) / 1.1774});
            double[] refit = solve(t, next, floor);
            if (refit == null) break;
            owner.add(-1);
            fitted = refit;
        }
        // a shoulder the refit moved onto a band's peak is part of that band's shape
        List<Peak> out = new ArrayList<>();
        for (Peak k : peaks(fitted, owner)) out.add(new Peak(k.amp, k.centre + y0, k.sigma, k.band));
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

    /** The peaks on a floor held at the given level ({@link GaussianSum}); amp, centre, sigma per peak. */
    private static double[] solve(double[] p, List<double[]> start, double floor) {
        double[] s0 = new double[3 * start.size()];
        for (int i = 0; i < start.size(); i++) System.arraycopy(start.get(i), 0, s0, 3 * i, 3);
        return GaussianSum.fit(p, null, floor, s0, false);
    }
}
