package org.assayquant.core.synergy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Chou-Talalay combination index (Chou and Talalay 1984, Adv Enzyme Regul 22:27; Chou 2006,
 * Pharmacol Rev 58:621). With Dx = Dm (fa/(1-fa))^(1/m) the dose of a drug alone that gives the
 * combination's effect fa, CI = a/Dx_a + b/Dx_b for mutually exclusive drugs, plus a*b/(Dx_a Dx_b)
 * for mutually non-exclusive ones; CI < 1 synergism, 1 additive, > 1 antagonism. The dose-reduction
 * index DRI = Dx/d says how many times less of each drug the combination needs for that effect.
 */
public final class ChouTalalay {
    private ChouTalalay() {}

    /** The fractions affected at which constant-ratio designs report CI (CompuSyn's ED50..ED95). */
    public static final double[] LEVELS = {0.5, 0.75, 0.9, 0.95};

    /** CI and DRI at one measured combination, from its mean fraction affected. */
    public record Combination(double doseA, double doseB, double fa, double ci, double ciNonExclusive, double driA, double driB) {}

    /** CI at a chosen fraction affected along a constant-ratio ray (doses from the combination's own fit). */
    public record Level(double fa, double doseA, double doseB, double ci, double ciNonExclusive, double driA, double driB) {}

    /**
     * Median-effect fits of each drug alone ({@code a}, {@code b}; null if not fittable), of the
     * combination total dose for a constant-ratio design ({@code combo}, else null), the ratio
     * a/b (NaN unless constant), and CI per combination and per level.
     */
    public record Result(MedianEffect a, MedianEffect b, MedianEffect combo, double ratio,
                         List<Combination> combinations, List<Level> levels) {}

    /** CI for doses {@code da}, {@code db} that together give {@code fa}. NaN when fa is outside (0, 1). */
    public static double ci(double da, double db, double fa, MedianEffect a, MedianEffect b, boolean exclusive) {
        if (a == null || b == null) return Double.NaN;
        double xa = a.dose(fa), xb = b.dose(fa);
        if (!(xa > 0) || !(xb > 0) || Double.isInfinite(xa) || Double.isInfinite(xb)) return Double.NaN;
        double ci = da / xa + db / xb;
        return exclusive ? ci : ci + da * db / (xa * xb);
    }

    public static Result analyze(DoseMatrix m, List<String> warnings) {
        MedianEffect fa = single(m, true, warnings), fb = single(m, false, warnings);
        List<Combination> combos = new ArrayList<>();
        int outside = 0;
        for (DoseMatrix.Cell c : m.combinations()) {
            double da = m.doseA(c.ia()), db = m.doseB(c.ib()), f = m.mean(c.ib(), c.ia());
            if (!(f > 0 && f < 1)) outside++;
            combos.add(new Combination(da, db, f, ci(da, db, f, fa, fb, true), ci(da, db, f, fa, fb, false),
                    dri(fa, f, da), dri(fb, f, db)));
        }
        if (outside > 0)
            warnings.add("Chou-Talalay: " + outside + " combination(s) have a mean fraction affected outside (0, 1); their CI is not defined and left empty");

        double ratio = m.constantRatio();
        List<Level> levels = new ArrayList<>();
        MedianEffect combo = Double.isNaN(ratio) ? null : levels(m, ratio, fa, fb, levels, warnings);
        return new Result(fa, fb, combo, ratio, combos, levels);
    }

    /**
     * Only the CI levels of {@link #analyze} (the same numbers; empty unless the design has a
     * constant ratio): what a bootstrap resample needs, without the CI of every combination and
     * without the warnings, which it would throw away.
     */
    public static List<Level> levels(DoseMatrix m) {
        List<Level> levels = new ArrayList<>();
        double ratio = m.constantRatio();
        if (!Double.isNaN(ratio)) levels(m, ratio, single(m, true, null), single(m, false, null), levels, null);
        return levels;
    }

    /** The constant-ratio combination's median-effect fit (null if not fittable), its CI levels added to {@code levels}. */
    private static MedianEffect levels(DoseMatrix m, double ratio, MedianEffect fa, MedianEffect fb, List<Level> levels, List<String> warnings) {
        List<DoseMatrix.Cell> cs = m.combinations();
        double[] dose = new double[cs.size()], f = new double[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            DoseMatrix.Cell c = cs.get(i);
            dose[i] = m.doseA(c.ia()) + m.doseB(c.ib());
            f[i] = m.mean(c.ib(), c.ia());
        }
        MedianEffect combo = MedianEffect.fit(dose, f);
        if (combo == null) {
            if (warnings != null) warnings.add("Chou-Talalay: the constant-ratio combination has fewer than two doses with 0 < fa < 1; no CI at fa = 0.5..0.95");
        } else {
            if (warnings != null) checkFit("the combination a+b", combo, warnings);
            for (double x : LEVELS) levels.add(level(x, combo, ratio, fa, fb));
        }
        return combo;
    }

    /** CI at fraction affected {@code x} of a constant-ratio combination (a/b = ratio). */
    public static Level level(double x, MedianEffect combo, double ratio, MedianEffect a, MedianEffect b) {
        double total = combo.dose(x);
        double da = total * ratio / (1 + ratio), db = total / (1 + ratio);
        return new Level(x, da, db, ci(da, db, x, a, b, true), ci(da, db, x, a, b, false), dri(a, x, da), dri(b, x, db));
    }

    private static double dri(MedianEffect single, double fa, double dose) {
        if (single == null || dose <= 0) return Double.NaN;
        return single.dose(fa) / dose;
    }

    /** A drug's median-effect fit alone; {@code warnings} null = none wanted. */
    private static MedianEffect single(DoseMatrix m, boolean drugA, List<String> warnings) {
        List<Double> d = new ArrayList<>(), f = new ArrayList<>();
        int excluded = 0;
        if (drugA) {
            int ib = m.indexB(0);
            if (ib >= 0) for (int ia = 0; ia < m.columns(); ia++) if (m.doseA(ia) > 0 && m.has(ib, ia)) { d.add(m.doseA(ia)); f.add(m.mean(ib, ia)); }
        } else {
            int ia = m.indexA(0);
            if (ia >= 0) for (int ib = 0; ib < m.rows(); ib++) if (m.doseB(ib) > 0 && m.has(ib, ia)) { d.add(m.doseB(ib)); f.add(m.mean(ib, ia)); }
        }
        MedianEffect fit = MedianEffect.fit(d.stream().mapToDouble(Double::doubleValue).toArray(), f.stream().mapToDouble(Double::doubleValue).toArray());
        if (warnings == null) return fit;
        for (double x : f) if (!(x > 0 && x < 1)) excluded++;
        String name = drugA ? "drug A" : "drug B";
        if (excluded > 0)
            warnings.add("Chou-Talalay: " + excluded + " dose(s) of " + name + " alone have a mean fraction affected outside (0, 1) and are left out of its median-effect fit");
        if (fit == null) {
            warnings.add("Chou-Talalay: " + name + " alone has fewer than two doses with 0 < fa < 1; its median-effect parameters and every CI are not defined");
            return null;
        }
        checkFit(name, fit, warnings);
        return fit;
    }

    private static void checkFit(String name, MedianEffect fit, List<String> warnings) {
        if (fit.points() == 2)
            warnings.add("Chou-Talalay: the median-effect line of " + name + " rests on two doses only (r = 1 says nothing); use at least three");
        else if (!(fit.r() >= 0.9))
            warnings.add(String.format(Locale.ROOT, "Chou-Talalay: the median-effect plot of %s is poorly linear (r = %.3f < 0.90); its Dm, m and the CI values are unreliable", name, fit.r()));
        if (fit.m() <= 0)
            warnings.add("Chou-Talalay: the effect of " + name + " does not rise with dose (m <= 0); CI values are meaningless");
    }

    /**
     * Chou's verbal description of a CI value (Chou 2006, Pharmacol Rev 58:621, the table of
     * synergism/antagonism symbols also printed by CompuSyn). Empty for NaN.
     */
    public static String interpret(double ci) {
        if (Double.isNaN(ci)) return "";
        if (ci < 0.1) return "very strong synergism";
        if (ci < 0.3) return "strong synergism";
        if (ci < 0.7) return "synergism";
        if (ci < 0.85) return "moderate synergism";
        if (ci < 0.9) return "slight synergism";
        if (ci < 1.1) return "nearly additive";
        if (ci < 1.2) return "slight antagonism";
        if (ci < 1.45) return "moderate antagonism";
        if (ci < 3.3) return "antagonism";
        if (ci < 10) return "strong antagonism";
        return "very strong antagonism";
    }
}
