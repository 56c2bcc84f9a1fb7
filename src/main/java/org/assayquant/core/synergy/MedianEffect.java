package org.assayquant.core.synergy;

/**
 * Chou's median-effect equation fa/fu = (D/Dm)^m, fitted as CompuSyn does: least-squares line of
 * log10(fa/(1-fa)) against log10(D); m is the slope, Dm = 10^(-intercept/m) the dose for fa = 0.5
 * and r the linear correlation coefficient of that line (its conformity to the equation).
 */
public record MedianEffect(double m, double dm, double r, int points) {

    /** The dose that gives fraction affected {@code fa} (Dx); NaN outside (0, 1). */
    public double dose(double fa) {
        if (!(fa > 0 && fa < 1)) return Double.NaN;
        return dm * Math.pow(fa / (1 - fa), 1 / m);
    }

    /** The fraction affected at dose {@code d}. */
    public double fa(double d) {
        if (d <= 0) return 0;
        return 1 / (1 + Math.pow(dm / d, m));
    }

    /**
     * Fits doses and fractions affected; only points with dose > 0 and 0 < fa < 1 can be used
     * (fa/(1-fa) needs both). Returns null unless at least two distinct doses remain and the line
     * has a slope.
     */
    public static MedianEffect fit(double[] dose, double[] fa) {
        int n = 0;
        double sx = 0, sy = 0;
        double[] x = new double[dose.length], y = new double[dose.length];
        for (int i = 0; i < dose.length; i++) {
            if (!(dose[i] > 0 && fa[i] > 0 && fa[i] < 1)) continue;
            x[n] = Math.log10(dose[i]);
            y[n] = Math.log10(fa[i] / (1 - fa[i]));
            sx += x[n];
            sy += y[n];
            n++;
        }
        if (n < 2) return null;
        double mx = sx / n, my = sy / n, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0 || sxy == 0) return null; // one dose, or a flat line: no m, no Dm
        double m = sxy / sxx;
        double intercept = my - m * mx;
        double r = syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        return new MedianEffect(m, Math.pow(10, -intercept / m), r, n);
    }
}
