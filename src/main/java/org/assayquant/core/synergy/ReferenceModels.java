package org.assayquant.core.synergy;

import java.util.List;

import org.assayquant.core.dose.LogLogistic4;
import org.assayquant.core.dose.ProfileGrid;

/**
 * SynergyFinder's reference models (Ianevski et al. 2017 Bioinformatics 33:2413, 2020 NAR 48:W488,
 * 2022 NAR 50:W739; Zheng et al. 2022 GPB), ported from the synergyfinder 3 R functions Bliss, HSA,
 * Loewe and ZIP. Everything is on SynergyFinder's scale: percent inhibition (0 = untreated). A
 * score is observed minus expected; positive = synergy.
 * <ul>
 * <li>HSA: expected = the larger single-agent effect at the same doses (observed single-agent values).</li>
 * <li>Bliss: expected = yA + yB - yA yB / 100 (observed single-agent values).</li>
 * <li>Loewe: single-agent curves fitted with drc's LL.4 (all four parameters free, the untreated
 *     control kept at dose 0 as synergyfinder 3's FitDoseResponse keeps it on its main path);
 *     the expected effect y solves a/XA(y) + b/XB(y) = 1, searched as SynergyFinder does over 100
 *     evenly spaced effect levels between the lowest and highest fitted asymptote (held within
 *     {@link #band}). When neither drug alone can reach the observed effect, the expected effect
 *     is the larger single-agent curve value at the total dose a + b, as in synergyfinder.</li>
 * <li>ZIP (Yadav et al. 2015, Comput Struct Biotechnol J 13:504): expected = Bliss combination of
 *     the fitted single-agent curves; observed = the mean of two fits across the matrix: along
 *     dose A at each fixed dose B and along dose B at each fixed dose A, each an LL.4 curve whose
 *     dose-0 end is held at the measured response at dose 0 of the titrated drug, fitted on a
 *     profile grid of (hill, ec50) polished by Levenberg-Marquardt (the least-squares minimum the
 *     sixteen-start multi-start missed on some rows; {@link LogLogistic4#fitProfiled}).</li>
 * </ul>
 */
public final class ReferenceModels {
    private ReferenceModels() {}

    /**
     * Scores and expected (reference) values [ib][ia] on percent inhibition; NaN outside the
     * measured combinations. {@code fitA}, {@code fitB}: the single-agent LL.4 fits behind Loewe
     * and ZIP (null when not fitted), {@code curveA}, {@code curveB} their curves.
     */
    public record Scores(double[][] hsa, double[][] bliss, double[][] loewe, double[][] zip,
                         double[][] zipFit, double[][] zipReference, double[][] loeweReference,
                         double[][] hsaReference, double[][] blissReference,
                         LogLogistic4.Fit fitA, LogLogistic4.Fit fitB) {
        public LogLogistic4 curveA() {
            return fitA == null ? null : fitA.curve();
        }

        public LogLogistic4 curveB() {
            return fitB == null ? null : fitB.curve();
        }
    }

    /** Effect levels searched for the Loewe expected effect (synergyfinder's .SolveLoewe nsteps). */
    static final int LOEWE_STEPS = 100;

    /**
     * Scores one matrix of mean percent inhibition y[ib][ia] (NaN = not measured) at doses
     * {@code a[ia]}, {@code b[ib]}. Problems are added to {@code warnings} (null = ignore them);
     * models the data cannot support are NaN.
     */
    public static Scores compute(double[] a, double[] b, double[][] y, List<String> warnings) {
        return compute(a, b, y, warnings, null).scores();
    }

    /**
     * Every LL.4 fit behind one {@link #compute}: drug A and B alone, and the ZIP fits along dose A
     * in each row ib and along dose B in each column ia (null where nothing was fitted).
     */
    record Fits(LogLogistic4.MultiFit a, LogLogistic4.MultiFit b, LogLogistic4.MultiFit[] alongA, LogLogistic4.MultiFit[] alongB) {}

    record Computed(Scores scores, Fits fits) {}

    /**
     * {@link #compute(double[], double[], double[][], List)} with its fits. With {@code near} (the
     * fits of the data a bootstrap resample was drawn from) every curve is a
     * {@link LogLogistic4#refit} from the minima of the matching fit of {@code near}; without it,
     * every fit is the full multi-start of {@link LogLogistic4#fit} (the same fits as before the
     * warm start existed), and the result carries the minima the resamples start from.
     */
    static Computed compute(double[] a, double[] b, double[][] y, List<String> warnings, Fits near) {
        int nb = b.length, na = a.length;
        double[][] hsa = nan(nb, na), bliss = nan(nb, na), loewe = nan(nb, na), zip = nan(nb, na);
        double[][] zipFit = nan(nb, na), zipRef = nan(nb, na), loeweRef = nan(nb, na), hsaRef = nan(nb, na), blissRef = nan(nb, na);
        int ia0 = indexOfZero(a), ib0 = indexOfZero(b);
        double[] band = band(y);

        // HSA and Bliss from the observed single-agent responses
        int missingSingle = 0;
        for (int i = 0; i < nb; i++) {
            for (int j = 0; j < na; j++) {
                if (!(a[j] > 0 && b[i] > 0) || Double.isNaN(y[i][j])) continue;
                double ya = ib0 >= 0 ? y[ib0][j] : Double.NaN, yb = ia0 >= 0 ? y[i][ia0] : Double.NaN;
                if (Double.isNaN(ya) || Double.isNaN(yb)) { missingSingle++; continue; }
                hsaRef[i][j] = Math.max(ya, yb);
                blissRef[i][j] = ya + yb - ya * yb / 100;
                hsa[i][j] = y[i][j] - hsaRef[i][j];
                bliss[i][j] = y[i][j] - blissRef[i][j];
            }
        }
        if (missingSingle > 0 && warnings != null)
            warnings.add("HSA/Bliss: " + missingSingle + " combination(s) have no single-agent measurement at the same dose of drug A or B; their HSA and Bliss scores are left empty");

        // single-agent LL.4 curves (Loewe, ZIP), the untreated control kept at dose 0 as drc's LL.4 keeps it
        double control = ia0 >= 0 && ib0 >= 0 ? y[ib0][ia0] : Double.NaN;
        boolean noControl = ia0 >= 0 && ib0 >= 0 && Double.isNaN(control);
        if (noControl && warnings != null)
            warnings.add("no untreated control (dose 0 of both drugs): it is taken as 0"
                    + " % inhibition (100 % viability), the value the response scale defines it to have, in the single-agent curves of Loewe and ZIP; measure it to check the normalization");
        double[] rowA = null, colB = null;
        if (ib0 >= 0) {
            rowA = y[ib0].clone();
            if (noControl) rowA[ia0] = UNTREATED;
        }
        if (ia0 >= 0) {
            colB = new double[nb];
            for (int i = 0; i < nb; i++) colB[i] = y[i][ia0];
            if (noControl) colB[ib0] = UNTREATED;
        }
        LogLogistic4.MultiFit fa = rowA != null ? singleCurve(a, rowA, "A", warnings, near != null, near == null ? null : near.a()) : null;
        LogLogistic4.MultiFit fb = colB != null ? singleCurve(b, colB, "B", warnings, near != null, near == null ? null : near.b()) : null;
        LogLogistic4 ca = fa == null ? null : fa.fit().curve(), cb = fb == null ? null : fb.fit().curve();
        LogLogistic4.MultiFit[] fitsA = new LogLogistic4.MultiFit[nb], fitsB = new LogLogistic4.MultiFit[na];
        Fits fits = new Fits(fa, fb, fitsA, fitsB);
        if (ca == null || cb == null) return new Computed(new Scores(hsa, bliss, loewe, zip, zipFit, zipRef, loeweRef, hsaRef, blissRef, fa == null ? null : fa.fit(), fb == null ? null : fb.fit()), fits);

        // Loewe
        LoeweGrid grid = LoeweGrid.of(ca, cb, band);
        for (int i = 0; i < nb; i++)
            for (int j = 0; j < na; j++) {
                if (!(a[j] > 0 && b[i] > 0) || Double.isNaN(y[i][j])) continue;
                loeweRef[i][j] = clamp(loeweExpected(a[j], b[i], y[i][j], ca, cb, grid), band);
                loewe[i][j] = y[i][j] - loeweRef[i][j];
            }

        // ZIP: fits across the matrix at each fixed dose of the other drug
        double[][] alongA = nan(nb, na), alongB = nan(nb, na);
        int fallback = 0;
        ProfileGrid profiles = null; // the last fit's profile grid, shared by the next fit at the same doses
        for (int i = 0; i < nb; i++) {
            if (!(b[i] > 0)) continue;
            fitsA[i] = conditionalFit(a, y[i], alongA[i], near != null, near == null ? null : near.alongA()[i], profiles);
            if (fitsA[i] == null) fallback++;
            else if (fitsA[i].grid() != null) profiles = fitsA[i].grid();
        }
        for (int j = 0; j < na; j++) {
            if (!(a[j] > 0)) continue;
            double[] col = new double[nb];
            for (int i = 0; i < nb; i++) col[i] = y[i][j];
            double[] pred = nan(1, nb)[0];
            fitsB[j] = conditionalFit(b, col, pred, near != null, near == null ? null : near.alongB()[j], profiles);
            if (fitsB[j] == null) fallback++;
            else if (fitsB[j].grid() != null) profiles = fitsB[j].grid();
            for (int i = 0; i < nb; i++) alongB[i][j] = pred[i];
        }
        if (fallback > 0 && warnings != null)
            warnings.add("ZIP: " + fallback + " row(s)/column(s) of the matrix have too few doses (or no response at dose 0) for a dose-response fit; their observed responses are used instead of fitted ones");
        for (int i = 0; i < nb; i++)
            for (int j = 0; j < na; j++) {
                if (!(a[j] > 0 && b[i] > 0) || Double.isNaN(y[i][j])) continue;
                double ya = ca.value(a[j]), yb = cb.value(b[i]);
                zipRef[i][j] = clamp(ya + yb - ya * yb / 100, band);
                zipFit[i][j] = clamp((alongA[i][j] + alongB[i][j]) / 2, band);
                zip[i][j] = zipFit[i][j] - zipRef[i][j];
            }
        return new Computed(new Scores(hsa, bliss, loewe, zip, zipFit, zipRef, loeweRef, hsaRef, blissRef, fa == null ? null : fa.fit(), fb == null ? null : fb.fit()), fits);
    }

    /** Percent inhibition of the untreated control, by the definition of the scale (0 % inhibition = 100 % viability). */
    static final double UNTREATED = 0;

    /**
     * The range the response scale allows for an expected (model) response of this matrix: 0 to
     * 100 % inhibition, widened to every measured cell mean outside it (growth above the control,
     * an overshoot above 100). A fitted curve's asymptote can run far outside it (a curve that
     * never flattens within the tested doses has a least-squares plateau in the millions), so
     * Loewe's search levels and every Loewe and ZIP expected or fitted response are held within
     * it: then no Loewe or ZIP score can leave [min y - max, max y - min], i.e. -100..100 for
     * measurements within 0..100. Within that range nothing changes.
     */
    static double[] band(double[][] y) {
        double lo = UNTREATED, hi = 100;
        for (double[] r : y) for (double v : r) if (!Double.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return new double[] {lo, hi};
    }

    static double clamp(double v, double[] band) {
        return Double.isNaN(v) ? v : Math.max(band[0], Math.min(band[1], v));
    }

    /**
     * The fit of one drug alone; null when it cannot be fitted. For a bootstrap resample
     * ({@code refit}), a refit from {@code original}, the fit of the data themselves.
     */
    private static LogLogistic4.MultiFit singleCurve(double[] dose, double[] y, String name, List<String> warnings,
                                                     boolean refit, LogLogistic4.MultiFit original) {
        int n = 0, positive = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { n++; if (dose[k] > 0) positive++; }
        double[] d = new double[n], r = new double[n];
        n = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { d[n] = dose[k]; r[n++] = y[k]; }
        if (positive < 4) {
            if (warnings != null)
                warnings.add("Loewe/ZIP: drug " + name + " alone was measured at " + positive + " dose(s) above 0; a four-parameter curve needs at least 4 (plus the untreated control), so Loewe and ZIP are not computed");
            return null;
        }
        if (variance(r) == 0) r[r.length - 1] += 1e-10;
        try {
            return fit(d, r, Double.NaN, refit, original, null);
        } catch (RuntimeException e) {
            if (warnings != null) warnings.add("Loewe/ZIP: the dose-response curve of drug " + name + " alone could not be fitted (" + e.getMessage() + "); Loewe and ZIP are not computed");
            return null;
        }
    }

    /**
     * One ZIP fit along a row or column: LL.4 with the dose-0 end fixed at the response measured at
     * dose 0 of the titrated drug (synergyfinder fixes drc's c at that baseline; with the curve
     * oriented so that LogLogistic4's top is the dose-0 end, that is the same family of curves).
     * Writes predictions at every dose into {@code pred} and returns the fit; falls back to the
     * observed values when a fit is impossible and returns null in that case. For a bootstrap
     * resample ({@code refit}), a refit from {@code original}, the fit of the data themselves.
     */
    private static LogLogistic4.MultiFit conditionalFit(double[] dose, double[] y, double[] pred,
                                                        boolean refit, LogLogistic4.MultiFit original, ProfileGrid grid) {
        int i0 = indexOfZero(dose);
        int n = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) n++;
        boolean ok = i0 >= 0 && !Double.isNaN(y[i0]) && n >= 4;
        if (ok) {
            double[] d = new double[n], r = new double[n];
            n = 0;
            for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { d[n] = dose[k]; r[n++] = y[k]; }
            if (variance(r) == 0) r[r.length - 1] += 1e-10; // as synergyfinder: a flat row still fits
            try {
                LogLogistic4.MultiFit f = fit(d, r, y[i0], refit, original, grid);
                LogLogistic4 c = f.fit().curve();
                for (int k = 0; k < dose.length; k++) pred[k] = Double.isNaN(y[k]) ? Double.NaN : c.value(dose[k]);
                return f;
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        System.arraycopy(y, 0, pred, 0, y.length);
        return null;
    }

    /**
     * LL.4 with the bottom free and the top free (NaN) or fixed, at doses {@code d} (dose 0
     * kept: the curve's dose-0 end is its top). For the data themselves: with the top held (ZIP's
     * fits along a row or column) {@link LogLogistic4#fitProfiled}, the profile grid polished by
     * Levenberg-Marquardt, whose resamples are refitted by the same optimizer; a single agent (top
     * free) the multi-start of {@link LogLogistic4#fitWithMinima}. For a bootstrap resample
     * ({@code refit}) {@link LogLogistic4.MultiFit#refitResample} of {@code original}, the fit of
     * the data themselves. {@code grid}: an earlier fit's profile grid, shared when its doses are these.
     */
    private static LogLogistic4.MultiFit fit(double[] d, double[] r, double fixedTop, boolean refit, LogLogistic4.MultiFit original, ProfileGrid grid) {
        if (!refit) return !Double.isNaN(fixedTop) ? LogLogistic4.fitProfiled(d, r, fixedTop, grid) : LogLogistic4.fitWithMinima(d, r, Double.NaN, fixedTop);
        double lo = Double.POSITIVE_INFINITY, hi = 0; // the tested doses above 0
        for (double x : d) if (x > 0) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        LogLogistic4.Fit f = original != null ? original.refitResample(d, r, fixedTop, lo, hi)
                : !Double.isNaN(fixedTop) ? LogLogistic4.fitProfiled(d, r, fixedTop).fit() : LogLogistic4.refit(d, r, Double.NaN, fixedTop, null, lo, hi);
        return new LogLogistic4.MultiFit(f, List.of());
    }

    /** synergyfinder's Loewe expected effect for doses a, b with observed effect yObs. */
    static double loeweExpected(double a, double b, double yObs, LogLogistic4 ca, LogLogistic4 cb) {
        return loeweExpected(a, b, yObs, ca, cb, LoeweGrid.of(ca, cb, new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}));
    }

    /**
     * The effect levels synergyfinder searches for the Loewe expected effect (evenly spaced
     * between the lowest and highest fitted asymptote, here within {@link #band}: with a plateau
     * in the millions 100 levels would leave nothing between 0 and 100) and the dose of each drug
     * alone for each: the same for every combination of one matrix, so computed once per pair of
     * curves.
     */
    record LoeweGrid(double[] level, double[] doseA, double[] doseB) {
        static LoeweGrid of(LogLogistic4 ca, LogLogistic4 cb, double[] band) {
            double lo = Math.max(band[0], Math.min(Math.min(ca.bottom(), ca.top()), Math.min(cb.bottom(), cb.top())));
            double hi = Math.min(band[1], Math.max(Math.max(ca.bottom(), ca.top()), Math.max(cb.bottom(), cb.top())));
            if (!(hi >= lo)) hi = lo = clamp(lo, band); // both curves entirely outside the band: one level
            double[] level = new double[LOEWE_STEPS], xa = new double[LOEWE_STEPS], xb = new double[LOEWE_STEPS];
            for (int s = 0; s < LOEWE_STEPS; s++) {
                level[s] = lo + (hi - lo) * s / (LOEWE_STEPS - 1);
                xa[s] = expectedDose(level[s], ca);
                xb[s] = expectedDose(level[s], cb);
            }
            return new LoeweGrid(level, xa, xb);
        }
    }

    private static double loeweExpected(double a, double b, double yObs, LogLogistic4 ca, LogLogistic4 cb, LoeweGrid grid) {
        double xa = expectedDose(yObs, ca), xb = expectedDose(yObs, cb);
        if (!Double.isFinite(xa) && !Double.isFinite(xb))
            return Math.max(ca.value(a + b), cb.value(a + b)); // neither drug alone reaches yObs
        double best = Double.POSITIVE_INFINITY, yBest = Double.NaN;
        for (int s = 0; s < LOEWE_STEPS; s++) {
            double dist = Math.abs(a / grid.doseA[s] + b / grid.doseB[s] - 1);
            // first minimum, as which(dist == min(dist, na.rm = TRUE))[1]
            if (!Double.isNaN(dist) && (Double.isNaN(yBest) || dist < best)) { best = dist; yBest = grid.level[s]; }
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
