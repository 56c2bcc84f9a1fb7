package org.assayquant.core.dose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

import org.assayquant.core.AssayException;

/**
 * One drug's dose-response analysis: the four-parameter log-logistic fit ({@link LogLogistic4},
 * drc's LL.4) reported the way a bench scientist reads it, with an interval for the IC50, the
 * curve's plateaus by height, the dose that reaches 50% on the response scale, and the tests that
 * say when the data do not support the curve (drc's noEffect and modelFit).
 *
 * <p>Reporting convention (docs/dose-response.md): {@code top} and {@code bottom} are the upper and
 * lower plateau whichever way the curve runs (GraphPad Prism's meaning; equal to drc's d and c for
 * a falling curve), {@code hill} is the steepness |b| (drc's b for a falling curve, -b for a rising
 * one), {@code falling} says which way it runs. Everything is on the input's response scale.
 */
public final class DoseResponseFit {
    private DoseResponseFit() {}

    /** How the 95% interval of the IC50 is formed. */
    public enum Interval {
        /** exp(ln ic50 +- t * SE(ln ic50)): always positive, asymmetric (Prism's interval from the SE of logIC50). */
        LOG,
        /** ic50 +- t * SE(ic50): drc's ED(..., interval = "delta"); can reach below 0. */
        DELTA
    }

    /**
     * Fit options. {@code top} / {@code bottom}: the upper / lower plateau held at that value, NaN
     * = fitted.
     */
    public record Options(ResponseScale scale, double top, double bottom, Interval interval) {
        public Options {
            if (!Double.isNaN(top) && !Double.isNaN(bottom) && !(top > bottom))
                throw AssayException.invalid("top=" + fmt(top) + " must be above bottom=" + fmt(bottom) + " (top and bottom are the upper and lower plateau)");
        }
    }

    /**
     * The result for one drug. Numbers are NaN when the fit failed (then {@code curve} is null and
     * the warnings say why); standard errors are NaN for a held plateau.
     */
    public record Result(String drug, ResponseScale scale, int n, int doseLevels, int positiveDoses,
                         double minDose, double maxDose, boolean falling,
                         double bottom, double top, double ic50, double ic50Low, double ic50High, double hill, double r2,
                         double absoluteIc50, double seBottom, double seTop, double seIc50, double seHill,
                         double rss, int dof, double pLackOfFit, double pNoEffect,
                         boolean topFixed, boolean bottomFixed, Interval interval, LogLogistic4 curve, List<String> warnings) {
        public boolean fitted() {
            return curve != null;
        }
    }

    /** The level at which the absolute IC50 is read: 50% viability, 50% inhibition, fa 0.5. */
    public static double halfEffect(ResponseScale scale) {
        return scale.fromFa(0.5);
    }

    /**
     * Fits one drug. Replicates are separate points. Throws {@link AssayException#invalid} when the
     * design cannot determine the curve (fewer than two different doses above 0, as many free
     * parameters as points, more free parameters than dose levels); a fit that does not converge
     * gives a result with NaN numbers and a warning.
     */
    public static Result fit(String drug, double[] dose, double[] response, Options o) {
        if (dose.length != response.length) throw new IllegalArgumentException("dose and response differ in length");
        int n = dose.length;
        String who = "drug '" + drug + "'";
        double[] positive = Arrays.stream(dose).filter(x -> x > 0).distinct().sorted().toArray();
        int levels = (int) Arrays.stream(dose).distinct().count();
        boolean topFixed = !Double.isNaN(o.top), bottomFixed = !Double.isNaN(o.bottom);
        int k = 4 - (topFixed ? 1 : 0) - (bottomFixed ? 1 : 0);
        if (positive.length < 2)
            throw AssayException.invalid(who + ": " + (positive.length == 0 ? "no dose above 0" : "only one dose above 0 (" + fmt(positive[0]) + ")")
                    + "; a dose-response curve needs at least 2 different doses above 0 (better 5 or more spanning the response)");
        if (levels < k)
            throw AssayException.invalid(who + ": " + levels + " dose levels (including 0) cannot determine " + k
                    + " free curve parameters; add doses or hold plateaus (top=, bottom=)");
        if (n <= k)
            throw AssayException.invalid(who + ": " + n + " points cannot fit " + k + " free curve parameters (need at least " + (k + 1) + ")");
        double minDose = positive[0], maxDose = positive[positive.length - 1];

        List<String> warnings = new ArrayList<>();
        double mean = Arrays.stream(response).average().orElse(0);
        double tss = Arrays.stream(response).map(y -> (y - mean) * (y - mean)).sum();
        boolean fallingData = meanAtExtreme(dose, response, true) >= meanAtExtreme(dose, response, false);
        if (!(tss > 0)) {
            warnings.add("every response is " + fmt(response[0]) + ": no dose response to fit");
            return failed(drug, o, n, levels, positive.length, minDose, maxDose, fallingData, topFixed, bottomFixed, warnings);
        }
        // LogLogistic4 holds plateaus by position (d at dose 0, c at infinite dose), we by height: with
        // a held plateau try the curve falling and rising (the data's extremes can mislead, e.g. an
        // outlier at the top dose) and keep the better fit
        LogLogistic4.Fit f = null;
        boolean dHeld = false, cHeld = false;
        AssayException failure = null;
        for (boolean fall : topFixed || bottomFixed ? new boolean[] {fallingData, !fallingData} : new boolean[] {fallingData}) {
            double atZero = fall ? o.top : o.bottom, atInfinity = fall ? o.bottom : o.top;
            try {
                LogLogistic4.Fit g = LogLogistic4.fit(dose, response, atInfinity, atZero);
                if (f == null || g.rss() < f.rss()) {
                    f = g;
                    dHeld = !Double.isNaN(atZero);
                    cHeld = !Double.isNaN(atInfinity);
                }
            } catch (AssayException e) {
                if (e.usage) throw new AssayException(true, who + ": " + e.getMessage(), e);
                failure = e;
            }
        }
        if (f == null) {
            warnings.add(failure.getMessage());
            return failed(drug, o, n, levels, positive.length, minDose, maxDose, fallingData, topFixed, bottomFixed, warnings);
        }
        LogLogistic4 c = f.curve();
        boolean dAtZero = c.hill() > 0;
        double f0 = dAtZero ? c.top() : c.bottom(), fInf = dAtZero ? c.bottom() : c.top();
        boolean falling = f0 > fInf;
        boolean topIsD = dAtZero == falling;
        double top = Math.max(f0, fInf), bottom = Math.min(f0, fInf), hill = Math.abs(c.hill()), ic50 = c.ec50();
        boolean topHeld = topIsD ? dHeld : cHeld, bottomHeld = topIsD ? cHeld : dHeld;
        double seD = dHeld ? Double.NaN : f.se()[2], seC = cHeld ? Double.NaN : f.se()[1];
        double seTop = topIsD ? seD : seC, seBottom = topIsD ? seC : seD;
        double seHill = f.se()[0], seIc50 = f.se()[3];
        if (topHeld != topFixed || bottomHeld != bottomFixed)
            warnings.add("the held " + (topFixed ? "top=" + fmt(o.top) : "bottom=" + fmt(o.bottom)) + " ended up as the "
                    + (topFixed ? "lower" : "upper") + " plateau: the data go beyond it");

        int dof = f.dof();
        double t = new TDistribution(dof).inverseCumulativeProbability(0.975);
        double low, high;
        if (o.interval == Interval.DELTA) {
            low = ic50 - t * seIc50;
            high = ic50 + t * seIc50;
        } else {
            low = ic50 * Math.exp(-t * f.seLogEc50());
            high = ic50 * Math.exp(t * f.seLogEc50());
        }
        if (Double.isNaN(seIc50) || Double.isNaN(f.seLogEc50()))
            warnings.add("standard errors not available (the parameters are not all determined by these data): no interval");

        double absolute = c.dose(halfEffect(o.scale));
        LackOfFit lof = lackOfFit(dose, response, f.rss(), dof);
        double pLack = lof == null ? Double.NaN : lof.p();
        double pNone = noEffectP(noEffectChiSquare(n, tss, f.rss()), n - dof - 1);

        if (pNone > 0.05)
            warnings.add("no significant dose effect (likelihood-ratio test " + p(pNone) + "): the curve and its ic50 are not supported by the data");
        double fullEffect = Math.abs(o.scale.fromFa(1) - o.scale.fromFa(0)); // 100 percentage points, or fa 1
        if (top - bottom < 0.2 * fullEffect)
            warnings.add("the curve spans only " + fmt(top - bottom) + (o.scale == ResponseScale.FA ? "" : " percentage points")
                    + " (top - bottom): a small effect, whose midpoint ic50 says little about potency");
        if (Double.isNaN(absolute))
            warnings.add("the curve levels off between " + fmt(Math.min(top, bottom)) + " and " + fmt(Math.max(top, bottom)) + " and never reaches "
                    + fmt(halfEffect(o.scale)) + ": ic50 is the midpoint of this partial effect (a relative ic50); there is no absolute ic50");
        if (Math.exp(2 * t * f.seLogEc50()) > 100)
            warnings.add("the 95% interval of the ic50 spans more than 100-fold: the ic50 is not determined by these data");
        if (ic50 < minDose || ic50 > maxDose)
            warnings.add("ic50 " + fmt(ic50) + " lies outside the tested doses (" + fmt(minDose) + " to " + fmt(maxDose) + "): extrapolated");
        double halfWidth = Math.log(9) / hill; // |ln(x / ic50)| below this: the curve is between 10% and 90% of its span
        if (Arrays.stream(positive).noneMatch(x -> Math.abs(Math.log(x / ic50)) < halfWidth))
            warnings.add("no tested dose lies on the slope of the curve (10% to 90% of its span): hill and the ic50 interval are unreliable");
        if (pLack < 0.05)
            warnings.add("lack of fit (" + p(pLack) + "): the dose means deviate from the curve more than the replicates scatter");
        if (levels == k)
            warnings.add(levels + " dose levels for " + k + " free parameters: the curve passes through the dose means and its shape is not checked by the data");
        if (o.scale == ResponseScale.VIABILITY && !falling)
            warnings.add("the response rises with dose, unusual for viability: is it inhibition (response=inhibition)?");
        if (o.scale != ResponseScale.VIABILITY && falling)
            warnings.add("the response falls with dose, unusual for " + o.scale.key + ": is it viability (response=viability)?");

        return new Result(drug, o.scale, n, levels, positive.length, minDose, maxDose, falling, bottom, top, ic50, low, high,
                hill, f.r2(), absolute, seBottom, seTop, seIc50, seHill, f.rss(), dof, pLack, pNone, topHeld, bottomHeld,
                o.interval, c, warnings);
    }

    private static Result failed(String drug, Options o, int n, int levels, int positives, double minDose, double maxDose,
                                 boolean falling, boolean topFixed, boolean bottomFixed, List<String> warnings) {
        double x = Double.NaN;
        return new Result(drug, o.scale, n, levels, positives, minDose, maxDose, falling, x, x, x, x, x, x, x, x, x, x, x, x, x,
                0, x, x, topFixed, bottomFixed, o.interval, null, warnings);
    }

    /** drc's modelFit table: pure error (one-way ANOVA on dose levels) against the curve's residuals. */
    public record LackOfFit(double pureError, int dfPure, double f, int dfLack, double p) {}

    /**
     * The lack-of-fit F test of drc's modelFit (Bates and Watts 1988, pp. 103-104): the curve
     * against a one-way ANOVA on dose levels. Null when no dose is replicated or the replicates agree
     * exactly.
     */
    public static LackOfFit lackOfFit(double[] dose, double[] response, double rss, int dof) {
        Map<Double, double[]> groups = new TreeMap<>(); // dose -> {n, mean, sum of squared deviations} (Welford)
        for (int i = 0; i < dose.length; i++) {
            double[] g = groups.computeIfAbsent(dose[i], d -> new double[3]);
            g[0]++;
            double delta = response[i] - g[1];
            g[1] += delta / g[0];
            g[2] += delta * (response[i] - g[1]);
        }
        double pureError = 0;
        for (double[] g : groups.values()) pureError += g[2];
        int dfPure = dose.length - groups.size(), dfLack = dof - dfPure;
        if (dfPure <= 0 || dfLack <= 0 || !(pureError > 0)) return null;
        double f = Math.max(0, rss - pureError) / dfLack / (pureError / dfPure);
        // upper tail of F(dfLack, dfPure) as a regularized beta function: 1 - cdf loses every digit below 1e-16
        double p = Beta.regularizedBeta(dfPure / (dfPure + dfLack * f), dfPure / 2.0, dfLack / 2.0);
        return new LackOfFit(pureError, dfPure, f, dfLack, p);
    }

    /**
     * drc's noEffect statistic: the likelihood ratio of the curve against a horizontal line,
     * n ln(TSS / RSS) for normal errors, chi-square with (free parameters - 1) degrees of freedom.
     */
    public static double noEffectChiSquare(int n, double tss, double rss) {
        return rss > 0 ? n * Math.log(tss / rss) : Double.POSITIVE_INFINITY;
    }

    static double noEffectP(double chiSquare, int df) {
        return Double.isInfinite(chiSquare) ? 0 : Gamma.regularizedGammaQ(df / 2.0, chiSquare / 2); // chi-square upper tail
    }

    private static double meanAtExtreme(double[] dose, double[] response, boolean lowest) {
        double x = lowest ? Arrays.stream(dose).min().orElse(0) : Arrays.stream(dose).max().orElse(0);
        double s = 0;
        int m = 0;
        for (int i = 0; i < dose.length; i++) if (dose[i] == x) { s += response[i]; m++; }
        return s / m;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }

    private static String p(double p) {
        return p < 1e-4 ? "p < 0.0001" : "p = " + String.format(Locale.ROOT, "%.2g", p);
    }
}
