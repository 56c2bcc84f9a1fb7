package org.assayquant.core.synergy;

import java.util.List;

import org.assayquant.core.dose.LogLogistic4;

/**
 * SynergyFinder's sensitivity scores (Malyutina et al. 2019, PLoS Comput Biol 15:e1006752; Zheng
 * et al. 2022, GPB), ported from synergyfinder 3.7.3 R/calculate_sensitivity_score.R
 * (CalculateSensitivity, CalculateRI, CalculateCSS, CalculateIC50, PredictResponse):
 * <ul>
 * <li>RI (relative inhibition) of a drug: the mean of its LL.4 curve fitted to its positive doses
 *     alone (the control left out, as CalculateRI does), over log10 dose from the lowest to the
 *     highest tested dose (.ScoreCurve: the area under the curve on the log-dose axis divided by
 *     the log-dose range); percent inhibition. One positive dose: its response.</li>
 * <li>Relative IC50 of a drug: the ec50 of its single-agent LL.4 fit with the control (the fit
 *     behind Loewe and ZIP), capped at its highest tested dose.</li>
 * <li>CSS of drug A (synergyfinder's css1_ic502): at each dose of A, the response with drug B at
 *     B's IC50, predicted by an LL.4 fit along dose B (dose 0 kept; with only dose 0 and one
 *     dose of B, the response at that dose; a flat line, its value; above 100 held at 100); then
 *     the RI of those responses over the doses of A. CSS of B likewise; the block's CSS is their
 *     mean.</li>
 * </ul>
 * Differences: synergyfinder holds a prediction above 100 at 100 minus a random 0..0.01 (here
 * 100), and rounds RI to 3 decimals (not here); every prediction and RI is held within the
 * range the other models' fitted responses are held to (ReferenceModels.band).
 */
public final class Sensitivity {
    private Sensitivity() {}

    /** Per drug (A = the matrix's columns, B = its rows) and for the block; NaN where it cannot be computed. */
    public record Result(double ic50A, double ic50B, double riA, double riB, double cssA, double cssB, double css) {}

    /**
     * Scores of one matrix of mean percent inhibition y[ib][ia] (NaN = not measured) at doses
     * {@code a[ia]}, {@code b[ib]}, with the single-agent curves {@code ca}, {@code cb} (null when
     * not fitted: no IC50 and no CSS). What cannot be computed is added to {@code warnings} (null = ignore).
     */
    public static Result compute(double[] a, double[] b, double[][] y, LogLogistic4 ca, LogLogistic4 cb, List<String> warnings) {
        int ia0 = ReferenceModels.indexOfZero(a), ib0 = ReferenceModels.indexOfZero(b);
        double[] band = ReferenceModels.band(y);
        double riA = Double.NaN, riB = Double.NaN;
        if (ib0 >= 0) riA = ri(a, y[ib0], band);
        if (ia0 >= 0) riB = ri(b, column(y, ia0), band);
        double ic50A = ca == null ? Double.NaN : Math.min(ca.ec50(), max(a));
        double ic50B = cb == null ? Double.NaN : Math.min(cb.ec50(), max(b));
        double cssA = Double.NaN, cssB = Double.NaN;
        if (!Double.isNaN(ic50B)) {
            double[] at = new double[a.length]; // response at each dose of A with B at its IC50
            for (int ia = 0; ia < a.length; ia++) at[ia] = ReferenceModels.clamp(predict(b, column(y, ia), ic50B), band);
            cssA = ri(a, at, band);
        }
        if (!Double.isNaN(ic50A)) {
            double[] at = new double[b.length];
            for (int ib = 0; ib < b.length; ib++) at[ib] = ReferenceModels.clamp(predict(a, y[ib], ic50A), band);
            cssB = ri(b, at, band);
        }
        if (warnings != null) {
            // synergyfinder caps the IC50 at the highest dose only; one far below the lowest dose is where no data are
            if (ic50A < minPositive(a)) warnings.add(belowDoses("A", ic50A, minPositive(a), "B"));
            if (ic50B < minPositive(b)) warnings.add(belowDoses("B", ic50B, minPositive(b), "A"));
            if (Double.isNaN(riA) || Double.isNaN(riB))
                warnings.add("RI: the relative inhibition of drug " + (Double.isNaN(riA) ? "A" : "B")
                        + " alone could not be computed (an LL.4 curve on its positive doses needs at least 4 of them, or exactly 1)");
            if (Double.isNaN(cssA) || Double.isNaN(cssB))
                warnings.add("CSS: the combination sensitivity score could not be computed (it needs both drugs' single-agent curves and an LL.4 fit across the doses of each drug)");
        }
        return new Result(ic50A, ic50B, riA, riB, cssA, cssB, (cssA + cssB) / 2);
    }

    private static String belowDoses(String drug, double ic50, double lowest, String other) {
        return String.format(java.util.Locale.ROOT, "CSS: the relative IC50 of drug %s (%.3g) lies below its lowest tested dose (%.3g), where the data do not locate it;"
                + " the CSS of drug %s, taken with drug %s at that IC50, rests on an extrapolated curve", drug, ic50, lowest, other, drug);
    }

    private static double minPositive(double[] d) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : d) if (x > 0) m = Math.min(m, x);
        return m;
    }

    /**
     * CalculateRI: the mean percent inhibition of the LL.4 curve fitted to the positive doses,
     * over log10 dose between the lowest and highest of them; NaN when it cannot be fitted. Held
     * within {@code band} (ReferenceModels.band: 0..100 widened to the measured values), as every
     * fitted response here: a least-squares curve can overshoot its data by a little
     * (SynergyScoreBoundsTest found -19.27875 on data whose lowest value was -19.27871).
     */
    static double ri(double[] dose, double[] y, double[] band) {
        int n = 0;
        for (int k = 0; k < dose.length; k++) if (dose[k] > 0 && !Double.isNaN(y[k])) n++;
        double[] d = new double[n], r = new double[n];
        n = 0;
        for (int k = 0; k < dose.length; k++) if (dose[k] > 0 && !Double.isNaN(y[k])) { d[n] = dose[k]; r[n++] = y[k]; }
        if (n == 0) return Double.NaN;
        if (n == 1) return r[0];
        flat(d, r);
        LogLogistic4 c;
        try {
            c = LogLogistic4.curveThrough(d, r); // as drc, also through exactly 4 doses (a 5 x 5 design)
        } catch (RuntimeException e) {
            return Double.NaN;
        }
        return ReferenceModels.clamp(meanOverLogDose(c, min(d), max(d)), band);
    }

    /**
     * .ScoreCurve: the integral of an LL.4 curve over u = log10 dose from log10 lo to log10 hi,
     * divided by that range; y(u) = bottom + (top - bottom) / (1 + 10^(hill (u - log10 ec50))).
     */
    static double meanOverLogDose(LogLogistic4 c, double lo, double hi) {
        double u1 = Math.log10(lo), u2 = Math.log10(hi), m = Math.log10(c.ec50()), h = c.hill();
        if (h == 0) return (c.top() + c.bottom()) / 2;
        // an antiderivative of 1 / (1 + 10^(h (u - m))) is -ln(1 + 10^(-h (u - m))) / (h ln 10)
        double f2 = -softplus(-h * (u2 - m) * Math.log(10)) / (h * Math.log(10));
        double f1 = -softplus(-h * (u1 - m) * Math.log(10)) / (h * Math.log(10));
        return c.bottom() + (c.top() - c.bottom()) * (f2 - f1) / (u2 - u1);
    }

    /** ln(1 + e^t) without overflow. */
    static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    /**
     * PredictResponse along one row or column (dose 0 kept) at {@code at}; with dose 0 and a
     * single positive dose, the response at that dose (synergyfinder's nrow == 2 case).
     */
    static double predict(double[] dose, double[] y, double at) {
        int n = 0;
        for (double v : y) if (!Double.isNaN(v)) n++;
        double[] d = new double[n], r = new double[n];
        n = 0;
        for (int k = 0; k < dose.length; k++) if (!Double.isNaN(y[k])) { d[n] = dose[k]; r[n++] = y[k]; }
        if (n == 2 && min(d) == 0) return r[d[0] > 0 ? 0 : 1];
        if (n == 0) return Double.NaN;
        boolean constant = true;
        for (double v : r) constant &= v == r[0];
        if (constant) return r[0];
        try {
            return Math.min(100, LogLogistic4.fit(d, r).curve().value(at));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** As synergyfinder: all responses equal, the one at the highest dose raised by 1e-10 so a curve can be fitted. */
    private static void flat(double[] d, double[] r) {
        for (double v : r) if (v != r[0]) return;
        int top = 0;
        for (int k = 1; k < d.length; k++) if (d[k] > d[top]) top = k;
        r[top] += 1e-10;
    }

    private static double[] column(double[][] y, int ia) {
        double[] c = new double[y.length];
        for (int ib = 0; ib < y.length; ib++) c[ib] = y[ib][ia];
        return c;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }
}
