package org.assayquant.core.synergy;

import java.util.List;

import org.assayquant.core.dose.LogLogistic4;

/**
 * SynergyFinder's reference models (Ianevski et al. 2017 Bioinformatics 33:2413, 2020 NAR 48:W488,
 * 2022 NAR 50:W739; Zheng et al. 2022 GPB), ported from the synergyfinder 3 R functions Bliss, HSA,
 * Loewe and ZIP. Everything is on SynergyFinder's scale: percent inhibition (0 = untreated). A
 * score is observed minus expected; positive = synergy.
 * <ul>
 * <li>HSA: expected = the larger single-agent effect at the same doses (observed single-agent values).</li>
 * <li>Bliss: expected = yA + yB - yA yB / 100 (observed single-agent values).</li>
 * <li>Loewe: single-agent curves fitted with drc's LL.4 (all four parameters free, the untreated
 *     control included at a near-zero dose); the expected effect y solves a/XA(y) + b/XB(y) = 1,
 *     searched as SynergyFinder does over 100 evenly spaced effect levels between the lowest and
 *     highest fitted asymptote. When neither drug alone can reach the observed effect, the
 *     expected effect is the larger single-agent curve value at the total dose a + b.</li>
 * <li>ZIP (Yadav et al. 2015, Comput Struct Biotechnol J 13:504): expected = Bliss combination of
 *     the fitted single-agent curves; observed = the mean of two fits across the matrix: along
 *     dose A at each fixed dose B and along dose B at each fixed dose A, each an LL.4 curve whose
 *     dose-0 end is held at the measured response at dose 0 of the titrated drug.</li>
 * </ul>
 */
public final class ReferenceModels {
    private ReferenceModels() {}

    /** Scores and expected values [ib][ia] on percent inhibition; NaN outside the measured combinations. */
    public record Scores(double[][] hsa, double[][] bliss, double[][] loewe, double[][] zip,
                         double[][] zipFit, double[][] zipReference, double[][] loeweReference,
                         LogLogistic4 curveA, LogLogistic4 curveB) {}

    /** Effect levels searched for the Loewe expected effect (synergyfinder's .SolveLoewe nsteps). */
    static final int LOEWE_STEPS = 100;

    /**
     * Scores one matrix of mean percent inhibition y[ib][ia] (NaN = not measured) at doses
     * {@code a[ia]}, {@code b[ib]}. Problems are added to {@code warnings} (null = ignore them);
     * models the data cannot support are NaN.
     */
    public static Scores compute(double[] a, double[] b, double[][] y, List<String> warnings) {
        int nb = b.length, na = a.length;
        double[][] hsa = nan(nb, na), bliss = nan(nb, na), loewe = nan(nb, na), zip = nan(nb, na);
        double[][] zipFit = nan(nb, na), zipRef = nan(nb, na), loeweRef = nan(nb, na);
        int ia0 = indexOfZero(a), ib0 = indexOfZero(b);
        double zero = zeroDose(a, b);

        // HSA and Bliss from the observed single-agent responses
        int missingSingle = 0;
        for (int i = 0; i < nb; i++) {
            for (int j = 0; j < na; j++) {
                if (!(a[j] > 0 && b[i] > 0) || Double.isNaN(y[i][j])) continue;
                double ya = ib0 >= 0 ? y[ib0][j] : Double.NaN, yb = ia0 >= 0 ? y[i][ia0] : Double.NaN;
                if (Double.isNaN(ya) || Double.isNaN(yb)) { missingSingle++; continue; }
                hsa[i][j] = y[i][j] - Math.max(ya, yb);
                bliss[i][j] = y[i][j] - (ya + yb - ya * yb / 100);
            }
        }
        if (missingSingle > 0 && warnings != null)
            warnings.add("HSA/Bliss: " + missingSingle + " combination(s) have no single-agent measurement at the same dose of drug A or B; their HSA and Bliss scores are left empty");

        // single-agent LL.4 curves (Loewe, ZIP)
        LogLogistic4 ca = ib0 >= 0 ? singleCurve(a, y[ib0], zero, "A", warnings) : null;
        double[] colB = new double[nb];
        if (ia0 >= 0) for (int i = 0; i < nb; i++) colB[i] = y[i][ia0];
        LogLogistic4 cb = ia0 >= 0 ? singleCurve(b, colB, zero, "B", warnings) : null;
        if (ca == null || cb == null) return new Scores(hsa, bliss, loewe, zip, zipFit, zipRef, loeweRef, ca, cb);

        // Loewe
        for (int i = 0; i < nb; i++)
            for (int j = 0; j < na; j++) {
                if (!(a[j] > 0 && b[i] > 0) || Double.isNaN(y[i][j])) continue;
                loeweRef[i][j] = loeweExpected(a[j], b[i], y[i][j], ca, cb);
                loewe[i][j] = y[i][j] - loeweRef[i][j];
            }

        // ZIP: fits across the matrix at each fixed dose of the other drug
        double[][] alongA = nan(nb, na), alongB = nan(nb, na);
        int fallback = 0;
        for (int i = 0; i < nb; i++) {
            if (!(b[i] > 0)) continue;
            fallback += conditionalFit(a, y[i], zero, alongA[i]);
        }
        for (int j = 0; j < na; j++) {
            if (!(a[j] > 0)) continue;
            double[] col = new double[nb];
            for (int i = 0; i < nb; i++) col[i] = y[i][j];
            double[] pred = nan(1, nb)[0];
            fallback += conditionalFit(b, col, zero, pred);
            for (int i = 0; i < nb; i++) alongB[i][j] = pred[i];
        }
        if (fallback > 0 && warnings != null)
            warnings.add("ZIP: " + fallback + " row(s)/column(s) of the matrix have too few doses (or no response at dose 0) for a dose-response fit; their observed responses are used instead of fitted ones");
        for (int i = 0; i < nb; i++)
            for (int j = 0; j < na; j++) {
                if (!(a[j] > 0 && b[i] > 0) || Double.isNaN(y[i][j])) continue;
                double ya = ca.value(a[j]), yb = cb.value(b[i]);
                zipRef[i][j] = ya + yb - ya * yb / 100;
                zipFit[i][j] = (alongA[i][j] + alongB[i][j]) / 2;
                zip[i][j] = zipFit[i][j] - zipRef[i][j];
            }
        return new Scores(hsa, bliss, loewe, zip, zipFit, zipRef, loeweRef, ca, cb);
    }

    /**
     * synergyfinder replaces dose 0 by 1e-10 before fitting; doses in molar units would make that
     * a real dose, so it is 1e-10 or a millionth of the lowest dose, whichever is smaller.
     */
    static double zeroDose(double[] a, double[] b) {
        double min = Double.POSITIVE_INFINITY;
        for (double x : a) if (x > 0) min = Math.min(min, x);
        for (double x : b) if (x > 0) min = Math.min(min, x);
        return Math.min(1e-10, min * 1e-6);
    }

    private static LogLogistic4 singleCurve(double[] dose, double[] y, double zero, String name, List<String> warnings) {
        int n = 0, positive = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { n++; if (dose[k] > 0) positive++; }
        double[] d = new double[n], r = new double[n];
        n = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { d[n] = dose[k] > 0 ? dose[k] : zero; r[n++] = y[k]; }
        if (positive < 4) {
            if (warnings != null)
                warnings.add("Loewe/ZIP: drug " + name + " alone was measured at " + positive + " dose(s) above 0; a four-parameter curve needs at least 4 (plus the untreated control), so Loewe and ZIP are not computed");
            return null;
        }
        if (variance(r) == 0) r[r.length - 1] += 1e-10;
        try {
            return LogLogistic4.fit(d, r).curve();
        } catch (RuntimeException e) {
            if (warnings != null) warnings.add("Loewe/ZIP: the dose-response curve of drug " + name + " alone could not be fitted (" + e.getMessage() + "); Loewe and ZIP are not computed");
            return null;
        }
    }

    /**
     * One ZIP fit along a row or column: LL.4 with the dose-0 end fixed at the response measured at
     * dose 0 of the titrated drug (synergyfinder fixes drc's c at that baseline; with the curve
     * oriented so that LogLogistic4's top is the dose-0 end, that is the same family of curves).
     * Writes predictions at every dose into {@code pred}; falls back to the observed values when a
     * fit is impossible and returns 1 in that case.
     */
    private static int conditionalFit(double[] dose, double[] y, double zero, double[] pred) {
        int i0 = indexOfZero(dose);
        int n = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) n++;
        boolean ok = i0 >= 0 && !Double.isNaN(y[i0]) && n >= 4;
        if (ok) {
            double[] d = new double[n], r = new double[n];
            n = 0;
            for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { d[n] = dose[k] > 0 ? dose[k] : zero; r[n++] = y[k]; }
            if (variance(r) == 0) r[r.length - 1] += 1e-10; // as synergyfinder: a flat row still fits
            try {
                LogLogistic4 c = LogLogistic4.fit(d, r, Double.NaN, y[i0]).curve();
                for (int k = 0; k < dose.length; k++) pred[k] = Double.isNaN(y[k]) ? Double.NaN : c.value(dose[k] > 0 ? dose[k] : zero);
                return 0;
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        System.arraycopy(y, 0, pred, 0, y.length);
        return 1;
    }

    /** synergyfinder's Loewe expected effect for doses a, b with observed effect yObs. */
    static double loeweExpected(double a, double b, double yObs, LogLogistic4 ca, LogLogistic4 cb) {
        double xa = expectedDose(yObs, ca), xb = expectedDose(yObs, cb);
        if (!Double.isFinite(xa) && !Double.isFinite(xb))
            return Math.max(ca.value(a + b), cb.value(a + b)); // neither drug alone reaches yObs
        double lo = Math.min(Math.min(ca.bottom(), ca.top()), Math.min(cb.bottom(), cb.top()));
        double hi = Math.max(Math.max(ca.bottom(), ca.top()), Math.max(cb.bottom(), cb.top()));
        double best = Double.POSITIVE_INFINITY, yBest = Double.NaN;
        for (int s = 0; s < LOEWE_STEPS; s++) {
            double yt = lo + (hi - lo) * s / (LOEWE_STEPS - 1);
            double dist = Math.abs(a / expectedDose(yt, ca) + b / expectedDose(yt, cb) - 1);
            // first minimum, as which(dist == min(dist, na.rm = TRUE))[1]
            if (!Double.isNaN(dist) && (Double.isNaN(yBest) || dist < best)) { best = dist; yBest = yt; }
        }
        return yBest;
    }

    /**
     * The dose of a drug alone that gives effect y on its curve, with R's arithmetic as in
     * synergyfinder's .SolveExpDoesLL4: a level the curve cannot reach is an infinite dose when
     * above both asymptotes and dose 0 otherwise.
     */
    static double expectedDose(double y, LogLogistic4 c) {
        // drc LL.4: b = hill, c = bottom, d = top, e = ec50; x = e ((y - d) / (c - y))^(1/b)
        double res = c.ec50() * rpow((y - c.top()) / (c.bottom() - y), 1 / c.hill());
        if (Double.isNaN(res)) res = y > Math.max(c.top(), c.bottom()) ? Double.POSITIVE_INFINITY : 0;
        return res;
    }

    /** R's x^y: NaN for a negative base and a non-integer exponent (also for -Inf, unlike Math.pow). */
    static double rpow(double x, double y) {
        if (x < 0 && y != Math.rint(y)) return Double.NaN;
        return Math.pow(x, y);
    }

    static int indexOfZero(double[] d) {
        for (int k = 0; k < d.length; k++) if (d[k] == 0) return k;
        return -1;
    }

    private static double variance(double[] r) {
        double m = 0;
        for (double v : r) m += v;
        m /= r.length;
        double s = 0;
        for (double v : r) s += (v - m) * (v - m);
        return s;
    }

    static double[][] nan(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) java.util.Arrays.fill(r, Double.NaN);
        return m;
    }
}
