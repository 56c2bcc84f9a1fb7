package org.assayquant.core.dose;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.commons.math3.util.Pair;

import org.assayquant.core.AssayException;

/**
 * The four-parameter log-logistic curve, parameterized exactly as R's drc LL.4 (b, c, d, e):
 * {@code y = bottom + (top - bottom) / (1 + (dose / ec50)^hill)}. {@code top} is the response at
 * dose 0, {@code bottom} the response at infinite dose, so a viability curve that falls with dose
 * has hill > 0 and an inhibition curve that rises has top < bottom (drc and SynergyFinder do the
 * same). Fitting is by least squares (Levenberg-Marquardt) over (hill, bottom, top, ln ec50).
 */
public record LogLogistic4(double hill, double bottom, double top, double ec50) {

    public double value(double dose) {
        if (dose <= 0) return hill > 0 ? top : hill < 0 ? bottom : 0.5 * (top + bottom);
        double u = Math.exp(hill * (Math.log(dose) - Math.log(ec50)));
        return bottom + (top - bottom) / (1 + u);
    }

    /** The dose at which the curve reaches {@code response}; NaN outside the open range between the asymptotes. */
    public double dose(double response) {
        double u = (top - response) / (response - bottom);
        if (!(u > 0) || Double.isInfinite(u) || hill == 0) return Double.NaN;
        return ec50 * Math.pow(u, 1 / hill);
    }

    /**
     * A least-squares fit. {@code se} holds the standard errors of (hill, bottom, top, ec50) from
     * the observed-Hessian covariance as drc computes it (0 for a fixed parameter); {@code seLogEc50} that of ln(ec50),
     * the scale on which an interval for ec50 is symmetric. A bootstrap refit carries neither
     * (NaN): no standard errors and no r2.
     */
    public record Fit(LogLogistic4 curve, double[] se, double seLogEc50, double rss, double r2, int n, int dof) {}

    /** Fits all four parameters. */
    public static Fit fit(double[] dose, double[] response) {
        return fit(dose, response, Double.NaN, Double.NaN);
    }

    /**
     * Fits the curve; a finite {@code fixedBottom} / {@code fixedTop} holds that asymptote. Doses
     * must be >= 0 and at least two of them positive and distinct; needs more points than free
     * parameters.
     */
    public static Fit fit(double[] dose, double[] response, double fixedBottom, double fixedTop) {
        Model model = model(dose, response, fixedBottom, fixedTop);
        return result(model, response, multiStart(LMDER, model, dose, response, fixedBottom, fixedTop, null, MAX_EVALUATIONS), true);
    }

    /**
     * A fit and the distinct local minima its multi-start ended in, best first, each as (hill,
     * bottom, top, ln ec50, residual sum of squares) with the fixed asymptotes filled in: the
     * starting points of {@link #refit}. A fit on a {@link #grid} carries the grid and its
     * {@link #ranked} profile of the data (for the resamples' grid test).
     */
    public record MultiFit(Fit fit, List<double[]> minima, ProfileGrid grid, ProfileGrid.Ranked ranked, ConcurrentMap<Responses, Fit> refits) {
        /** A fit without a grid or a store of refits (a resample's, or one made by hand). */
        public MultiFit(Fit fit, List<double[]> minima) {
            this(fit, minima, null, null, null);
        }

        /**
         * The bootstrap's fit of a resample of these data (same doses, responses {@code response},
         * the top held at {@code fixedTop} or NaN). A fit made on a {@link #grid}
         * ({@link #fitProfiled}) is refitted by the same optimizer (warm from its minima when
         * {@link #refittable}, checked against the grid: {@link #profiledRefit}), so that the point
         * estimate and its resamples describe one least-squares fit; otherwise a {@link #refit}
         * warm from {@link #minima} when the fit is {@link #refittable} between {@code lowDose}
         * and {@code highDose}, else the full multi-start. A refit depends on nothing but its
         * responses, so a resample that repeats a row's responses exactly (with 2 replicates
         * about 1 in 6 of 1000 resamples does for a row of 8 cells) gets the fit already made,
         * from any thread: the same numbers.
         */
        public Fit refitResample(double[] dose, double[] response, double fixedTop, double lowDose, double highDose) {
            Responses key = new Responses(response.clone(), fixedTop);
            Fit done = refits == null ? null : refits.get(key);
            if (done != null) return done;
            Fit f = grid != null && grid.fits(dose, true) && !Double.isNaN(fixedTop)
                    ? profiledRefit(dose, response, fixedTop, grid, ranked, refittable(lowDose, highDose) ? minima : null, lowDose, highDose)
                    : refit(dose, response, Double.NaN, fixedTop, refittable(lowDose, highDose) ? minima : null, lowDose, highDose);
            if (refits != null) refits.putIfAbsent(key, f);
            return f;
        }

        /**
         * Whether resamples of these data can be refitted warm from {@link #minima}: the best
         * curve is {@link #pinned} between {@code lowDose} and {@code highDose}, and no other
         * minimum comes within a factor 2 of its residual sum of squares (a second minimum that
         * deep becomes the deepest in some resamples, a jump the warm start does not follow).
         */
        public boolean refittable(double lowDose, double highDose) {
            return !minima.isEmpty() && fit.curve().pinned(lowDose, highDose)
                    && (minima.size() < 2 || minima.get(1)[4] >= 2 * minima.get(0)[4]);
        }
    }

    /**
     * Initial capacity of a fit's store of resample refits: 1000 resamples without resizing it
     * (growing from 16 entries was 2% of a synergy screen's CPU samples).
     */
    private static final int REFITS = 1024;

    /** The responses of one refit, compared by value. */
    public record Responses(double[] response, double fixedTop) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Responses r && Double.compare(fixedTop, r.fixedTop) == 0 && java.util.Arrays.equals(response, r.response);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(response) + Double.hashCode(fixedTop);
        }
    }

    /** {@link #fit(double[], double[], double, double)} (the same fit) with the minima of its multi-start. */
    public static MultiFit fitWithMinima(double[] dose, double[] response, double fixedBottom, double fixedTop) {
        Model model = model(dose, response, fixedBottom, fixedTop);
        List<SmallLevenbergMarquardt.Run> all = new ArrayList<>();
        Fit fit = result(model, response, multiStart(LMDER, model, dose, response, fixedBottom, fixedTop, all, MAX_EVALUATIONS), true);
        return new MultiFit(fit, distinct(model, response, all), null, null, new ConcurrentHashMap<>(REFITS));
    }

    /**
     * The least-squares fit with the top held at {@code fixedTop} (ZIP's fits along a row or
     * column of the matrix) by {@link #profiled} on a {@link ProfileGrid} of these doses, which the
     * result carries: its bootstrap resamples are fitted by the same optimizer
     * ({@link MultiFit#refitResample}). With standard errors, as {@link #fit}; its minima are
     * the distinct polished runs, best first.
     */
    public static MultiFit fitProfiled(double[] dose, double[] response, double fixedTop) {
        return fitProfiled(dose, response, fixedTop, null);
    }

    /**
     * {@link #fitProfiled(double[], double[], double)} on {@code like}'s grid when it was built for
     * these doses (the rows, and often the columns, of a matrix share their doses, so they can
     * share the grid's table: one instead of 14 on an 8 x 8 keeps it in the core's cache; the
     * same table, so the same numbers), else on a new one.
     */
    public static MultiFit fitProfiled(double[] dose, double[] response, double fixedTop, ProfileGrid like) {
        ProfileGrid grid = like != null && like.fits(dose, true) ? like : new ProfileGrid(dose, true);
        Model model = model(dose, response, Double.NaN, fixedTop);
        List<SmallLevenbergMarquardt.Run> polished = new ArrayList<>();
        ProfileGrid.Profile profile = grid.profile(response, fixedTop);
        ProfileGrid.Ranked ranked = grid.ranked(profile);
        Fit fit = result(model, response, profiled(LMDER, model, dose, response, fixedTop, profile, polished), true);
        return new MultiFit(fit, distinct(model, response, polished), grid, ranked, new ConcurrentHashMap<>(REFITS));
    }

    /**
     * The bootstrap's refit of a resample of data fitted by {@link #fitProfiled}: with
     * {@code minima} (the original fit is {@link MultiFit#refittable}), Levenberg-Marquardt from
     * each of them, {@link #polish}ed; that result stands when it is still pinned between
     * {@code lowDose} and {@code highDose} and no point of the grid has a lower residual sum of
     * squares (else another basin is deeper, and the warm run would describe a worse optimizer
     * than the point estimate's). Otherwise, and without minima, {@link #profiled} itself.
     * Measured against {@link #profiled} on every fit of 100 resamples: screen block 12, 3 of
     * 1 400 fits worse (without the grid test 10), the noisy 10 x 10, 3 of 1 800 (25).
     */
    private static Fit profiledRefit(double[] dose, double[] response, double fixedTop, ProfileGrid grid, ProfileGrid.Ranked ranked,
                                     List<double[]> minima, double lowDose, double highDose) {
        Model model = model(dose, response, Double.NaN, fixedTop);
        SmallLevenbergMarquardt.Run warm = null;
        if (minima != null)
            for (double[] q : minima) {
                try {
                    SmallLevenbergMarquardt.Run o = polish(ZIP_REFIT, model, response, model.pack(q[0], q[1], q[2], q[3]));
                    if (warm == null || o.cost() < warm.cost()) warm = o;
                } catch (RuntimeException e) { // the grid decides
                }
            }
        Fit fit = warm == null ? null : result(model, response, warm, false);
        boolean pinned = fit != null && fit.curve().pinned(lowDose, highDose);
        if (pinned && ranked != null && grid.noneBelow(ranked, response, fixedTop, fit.rss())) return fit; // the same answer, mostly without the profile
        ProfileGrid.Profile profile = grid.profile(response, fixedTop); // computed once: the test of the warm fit, then the fit on the grid
        if (pinned && profile.minimum() >= fit.rss()) return fit;
        return result(model, response, profiled(ZIP_REFIT, model, dose, response, fixedTop, profile, null), false);
    }

    /** Levenberg-Marquardt from {@code p0} to convergence under {@link #POLISH_GAIN} and {@link #POLISH_CAP}. */
    private static SmallLevenbergMarquardt.Run polish(SmallLevenbergMarquardt.Solver lm, Model model, double[] response, double[] p0) {
        return lm.optimize(model, response, p0, MAX_EVALUATIONS, MAX_EVALUATIONS,
                (iteration, previous, current) -> iteration >= CRAWL_AFTER && (iteration >= POLISH_CAP || previous - current <= POLISH_GAIN * previous));
    }

    /** Evaluations allowed to one Levenberg-Marquardt run of {@link #fit}. */
    static final int MAX_EVALUATIONS = 20000;

    /**
     * Evaluations allowed to one cold start of {@link #refit}'s fallback. A run still going after
     * that many crawls along a valley towards a step or a flat line (nearly all runs end within
     * 50); the warm result stands unless a finished run beats it.
     */
    static final int FALLBACK_EVALUATIONS = 300;

    /**
     * A refit of data close to data already fitted (a bootstrap resample of them), where only the
     * curve and its residual sum of squares are needed ({@code se} is NaN). Instead of the sixteen
     * cold starts of {@link #fit(double[], double[], double, double)}, Levenberg-Marquardt starts
     * from each distinct minimum that the multi-start found on the original data ({@code minima}
     * of {@link #fitWithMinima}) and the lowest residual sum of squares wins: on data this close,
     * each cold start would end next to where it ended before, and starting there takes a
     * fraction of the iterations. That holds for a minimum the data pin down; the caller passes
     * {@code minima} only for such a fit ({@link MultiFit#refittable}), and null or an empty
     * list runs the full multi-start. When the warm result is itself not pinned between
     * {@code lowDose} and {@code highDose} (the resample moved towards a step or a flat curve,
     * where other minima compete), the sixteen cold starts are run as well (each capped at
     * {@link #FALLBACK_EVALUATIONS}) and the lowest residual sum of squares of all wins.
     */
    public static Fit refit(double[] dose, double[] response, double fixedBottom, double fixedTop, List<double[]> minima,
                            double lowDose, double highDose) {
        Model model = model(dose, response, fixedBottom, fixedTop);
        SmallLevenbergMarquardt.Run warm = null;
        if (minima != null)
            for (double[] q : minima) {
                try {
                    SmallLevenbergMarquardt.Run o = optimize(LMDER, model, response, model.pack(q[0], q[1], q[2], q[3]), MAX_EVALUATIONS);
                    if (warm == null || o.cost() < warm.cost()) warm = o;
                } catch (RuntimeException e) { // TooManyEvaluations, convergence failures: the other starts decide
                }
            }
        if (warm == null) return result(model, response, multiStart(LMDER, model, dose, response, fixedBottom, fixedTop, null, MAX_EVALUATIONS), false);
        Fit fit = result(model, response, warm, false);
        if (fit.curve().pinned(lowDose, highDose)) return fit;
        SmallLevenbergMarquardt.Run cold;
        try {
            cold = multiStart(LMDER, model, dose, response, fixedBottom, fixedTop, null, FALLBACK_EVALUATIONS);
        } catch (AssayException e) { // no cold start finished
            return fit;
        }
        return cold.cost() < warm.cost() ? result(model, response, cold, false) : fit;
    }

    /**
     * Whether the data pin this curve down, so that its least-squares minimum is the only one
     * nearby: finite asymptotes, ec50 within the tested doses {@code lowDose..highDose} and a
     * slope that is not a step (|hill| <= 10). Outside that the residual sum of squares is
     * nearly flat along ec50 or hill (a curve that does not turn within the doses, or a step
     * between two of them), and several minima of almost equal depth compete.
     */
    public boolean pinned(double lowDose, double highDose) {
        return Double.isFinite(bottom) && Double.isFinite(top) && Math.abs(hill) <= 10
                && ec50 >= lowDose && ec50 <= highDose;
    }

    /**
     * The distinct minima among {@code all}, best first, as (hill, bottom, top, ln ec50, residual
     * sum of squares). Two minima are one when their fitted values differ by at most 1e-4 of the
     * response range at every dose (a step-like curve reaches the same values along a whole
     * valley of parameters).
     */
    private static List<double[]> distinct(Model model, double[] response, List<SmallLevenbergMarquardt.Run> all) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double y : response) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
        double tol = 1e-4 * Math.max(hi - lo, Double.MIN_NORMAL);
        List<SmallLevenbergMarquardt.Run> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparingDouble(SmallLevenbergMarquardt.Run::cost));
        List<SmallLevenbergMarquardt.Run> kept = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        for (SmallLevenbergMarquardt.Run o : sorted) {
            boolean same = false;
            for (SmallLevenbergMarquardt.Run k : kept)
                if (maxAbsDifference(o.residuals(), k.residuals()) <= tol) { same = true; break; }
            if (same) continue;
            kept.add(o);
            double[] q = model.unpack(o.point());
            out.add(new double[] {q[0], q[1], q[2], q[3], o.cost() * o.cost()});
        }
        return out;
    }

    private static Model model(double[] dose, double[] response, double fixedBottom, double fixedTop) {
        return model(dose, response, fixedBottom, fixedTop, 1);
    }

    /** The model of these data, refused with fewer than {@code spare} more points than free parameters. */
    private static Model model(double[] dose, double[] response, double fixedBottom, double fixedTop, int spare) {
        if (dose.length != response.length) throw new IllegalArgumentException("dose and response differ in length");
        Model model = new Model(dose, fixedBottom, fixedTop);
        int k = model.free(), n = dose.length;
        int positive = distinctPositive(dose);
        if (positive < 2) throw AssayException.invalid("a dose-response fit needs at least two different doses above 0 (got " + positive + ")");
        if (n < k + spare) throw AssayException.invalid("a dose-response fit with " + k + " free parameters needs more than " + k + " points (got " + n + ")");
        return model;
    }

    /** How many different doses above 0 (a loop: the stream it replaced was 2% of a synergy screen's CPU, every resample refit builds a model). */
    private static int distinctPositive(double[] dose) {
        int count = 0;
        for (int i = 0; i < dose.length; i++) {
            if (!(dose[i] > 0)) continue;
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) seen = dose[j] == dose[i];
            if (!seen) count++;
        }
        return count;
    }

    /**
     * The curve of the multi-start fit with all four parameters free, allowing as many points as
     * parameters (no residual degree of freedom, so no standard errors): drc fits LL.4 through
     * four points, and SynergyFinder's relative inhibition does so on a 5 x 5 design's four doses.
     */
    public static LogLogistic4 curveThrough(double[] dose, double[] response) {
        Model model = model(dose, response, Double.NaN, Double.NaN, 0);
        return result(model, response, multiStart(LMDER, model, dose, response, Double.NaN, Double.NaN, null, MAX_EVALUATIONS), false).curve();
    }

    /**
     * drc's self-start first, then the variants of {@link #starts}: the least squares surface of LL.4 can have more
     * than one minimum (flat or step-like data); the lowest residual sum of squares wins. Every
     * run that finishes is added to {@code all} (when not null).
     */
    private static SmallLevenbergMarquardt.Run multiStart(SmallLevenbergMarquardt.Solver lm, Model model, double[] dose, double[] response, double fixedBottom, double fixedTop,
                                                          List<SmallLevenbergMarquardt.Run> all, int maxEvaluations) {
        double[] start = start(dose, response, fixedBottom, fixedTop);
        SmallLevenbergMarquardt.Run opt = null;
        RuntimeException failure = null;
        for (double[] s : starts(start, dose)) {
            try {
                SmallLevenbergMarquardt.Run o = optimize(lm, model, response, model.pack(s[0], s[1], s[2], Math.log(s[3])), maxEvaluations);
                if (opt == null || o.cost() < opt.cost()) opt = o;
                if (all != null) all.add(o);
            } catch (RuntimeException e) { // TooManyEvaluations, convergence failures
                failure = e;
            }
        }
        if (opt == null)
            throw AssayException.failed("the four-parameter log-logistic fit did not converge (" + failure.getMessage() + ")");
        return opt;
    }

    /**
     * Grid minima tried by {@link #profiled}. The starts, trial and polish below were measured on
     * every ZIP row and column of SynergyFinder's example table, its tutorial data (Mathews,
     * O'Neil), the documented example, the 20 screen blocks and three synthetic 10 x 10 / 8 x 8
     * matrices (460 fits) against the sixteen-start {@link #fitWithMinima}: none worse by more
     * than 1e-6 (relative), 29 better by up to 15%; and on 300 random and adversarial matrices
     * of the score-bounds test (2 716 fits, 4-5 doses): 15 worse, 624 better. 5 grid minima
     * instead of 3 (polishing 1): 35 instead of 37 of those worse, the named fits the same.
     */
    static final int PROFILE_STARTS = 3;

    /**
     * Iterations every start of {@link #profiled} runs before the best {@link #POLISH_BEST} go on
     * (9b99e5f, 5 screen blocks x 60 resamples against the multi-start: 0.46% of the fits worse
     * with 6, 0.27% with 10 for 1.3x the iterations).
     */
    static final int PROFILE_TRIAL = 6;

    /**
     * Trial runs polished to convergence: with 1, 37 instead of 15 of the random matrices' fits
     * ended worse than the multi-start (for about 20% more CPU on the screen, measured at load 15-19).
     */
    static final int POLISH_BEST = 2;

    /**
     * The polish's crawl rule: past {@link #CRAWL_AFTER} iterations it stops when it gains less
     * than this per iteration (the multi-start's {@link #CRAWL_GAIN} is 100 times coarser), or
     * after {@link #POLISH_CAP} iterations. The multi-start's sixteen runs crawl along a valley
     * that runs off to infinity (ec50 and the plateau in the millions) and keep the lowest of
     * their end points; with a cap of 100 iterations, 3 of the 460 fits above (SynergyFinder's
     * block 3 and O'Neil's block 1, curves with ec50 1e17) ended up to 1.9e-4 (relative) above
     * the multi-start, with 300 none.
     */
    static final double POLISH_GAIN = 1e-8;

    /** Iterations after which the polish stops whatever it gains. */
    static final int POLISH_CAP = 300;

    /**
     * The least-squares fit with the top held by the profile grid: the best {@link #PROFILE_STARTS}
     * distinct minima of the residual sum of squares of {@code profile}
     * ({@link ProfileGrid.Profile#starts}, the whole (hill, ec50) plane, falling curves included) each
     * run {@link #PROFILE_TRIAL} Levenberg-Marquardt iterations, then the best
     * {@link #POLISH_BEST} go on to convergence ({@link #polish}) and the lowest wins; those runs
     * are added to {@code polished} (when not null). The sixteen-start multi-start when no trial
     * run finishes.
     */
    private static SmallLevenbergMarquardt.Run profiled(SmallLevenbergMarquardt.Solver lm, Model model, double[] dose, double[] response, double fixedTop, ProfileGrid.Profile profile,
                                                        List<SmallLevenbergMarquardt.Run> polished) {
        List<double[]> starts = profile.starts(PROFILE_STARTS);
        List<SmallLevenbergMarquardt.Run> trials = new ArrayList<>();
        for (double[] s : starts) {
            try {
                trials.add(lm.optimize(model, response, model.pack(s[0], s[1], s[2], s[3]),
                        MAX_EVALUATIONS, MAX_EVALUATIONS, (iteration, previous, current) -> iteration >= PROFILE_TRIAL));
            } catch (RuntimeException e) { // convergence failures: the other starts decide
            }
        }
        if (trials.isEmpty()) return multiStart(lm, model, dose, response, Double.NaN, fixedTop, null, MAX_EVALUATIONS);
        trials.sort(java.util.Comparator.comparingDouble(SmallLevenbergMarquardt.Run::cost));
        SmallLevenbergMarquardt.Run best = trials.get(0);
        for (int k = 0; k < Math.min(POLISH_BEST, trials.size()); k++) {
            SmallLevenbergMarquardt.Run t = trials.get(k);
            try {
                SmallLevenbergMarquardt.Run o = polish(lm, model, response, t.point());
                if (polished != null) polished.add(o);
                if (o.cost() < best.cost()) best = o;
            } catch (RuntimeException e) { // TooManyEvaluations: keep where the trial got
            }
        }
        return best;
    }

    /**
     * Iterations after which a Levenberg-Marquardt run that gains less than {@link #CRAWL_GAIN} of
     * its cost per iteration is taken as converged, and after {@link #CRAWL_CAP} iterations
     * whatever it gains. A run still going then is crawling along a valley towards an asymptote
     * at infinity (a curve that never flattens within the doses, its plateau and ec50 running
     * off together, or a step whose slope runs off): on SynergyFinder's example table (6 blocks,
     * the control at dose 0) such runs took 2,300-2,600 evaluations each to gain the last 1e-4
     * of their cost, on noise-free power laws 17,000. Measured on 120 random matrices of the
     * score-bounds test (22,608 runs) and the example table against runs left to finish:
     * stopping after 100 iterations at that gain, 1.93 M evaluations; after 20 with the cap at
     * 100, 0.83 M, with every example cell within 0.021 points and every block mean within
     * 0.0033 of the finished runs (and 3 runs failing where 29 hit the evaluation limit before).
     */
    static final int CRAWL_AFTER = 20;

    /** Relative cost gain per iteration below which a run past {@link #CRAWL_AFTER} is crawling. */
    static final double CRAWL_GAIN = 1e-6;

    /** Iterations after which a run is taken as converged where it stands. */
    static final int CRAWL_CAP = 100;

    /** Levenberg-Marquardt {@code lm} (default tolerances) with the crawl rule. */
    static SmallLevenbergMarquardt.Run optimize(SmallLevenbergMarquardt.Solver lm, Model model, double[] response, double[] p0, int maxEvaluations) {
        return lm.optimize(model, response, p0, maxEvaluations, maxEvaluations, LogLogistic4::crawled);
    }

    /** The point estimates' Levenberg-Marquardt: Commons Math's (MINPACK's lmder), as {@link SmallLevenbergMarquardt} runs it. */
    static final SmallLevenbergMarquardt.Solver LMDER = SmallLevenbergMarquardt::optimize;

    /**
     * The Levenberg-Marquardt of the bootstrap's refits of ZIP's rows and columns
     * ({@link #profiledRefit}, nearly all of a screen's refits): the normal equations, 1.5-2x less
     * CPU per run than lmder. On 34 matrices x 200 resamples (79 421 fits of each kind) it ended
     * more than 1e-6 (relative) above lmder's residual sum of squares in 19 fits (0.02%, at most
     * 0.18% above) and below in 2 224 (2.8%); with 1000 resamples 134 of their 136 intervals moved
     * by at most 0.6% of their width, O'Neil's two ZIP intervals by 2.9-3.4% (there it ends lower in
     * 30% of the fits; docs/synergy-speed.md). Point estimates
     * and the single agents' refits (Loewe's curves, whose intervals moved by up to 11% on a
     * nearly inactive drug B with it) keep lmder.
     */
    static final SmallLevenbergMarquardt.Solver ZIP_REFIT = NormalLevenbergMarquardt::optimize;

    /** The convergence checker: past {@link #CRAWL_AFTER} iterations, crawling or past {@link #CRAWL_CAP}. */
    static boolean crawled(int iteration, double previousCost, double currentCost) {
        return iteration >= CRAWL_AFTER && (iteration >= CRAWL_CAP || previousCost - currentCost <= CRAWL_GAIN * previousCost);
    }

    private static double maxAbsDifference(double[] u, double[] v) {
        double max = 0;
        for (int i = 0; i < u.length; i++) max = Math.max(max, Math.abs(u[i] - v[i]));
        return max;
    }

    private static Fit result(Model model, double[] response, SmallLevenbergMarquardt.Run opt, boolean withSe) {
        boolean freeBottom = model.freeBottom, freeTop = model.freeTop;
        int k = model.free(), n = response.length;
        double[] q = model.unpack(opt.point());
        boolean flip = q[0] < 0 && freeBottom && freeTop; // (b, c, d) and (-b, d, c) are one curve: keep top = response at dose 0
        LogLogistic4 curve = flip ? new LogLogistic4(-q[0], q[2], q[1], Math.exp(q[3])) : new LogLogistic4(q[0], q[1], q[2], Math.exp(q[3]));
        double rss = 0;
        for (double r : opt.residuals()) rss += r * r;
        int dof = n - k;
        double[] se = new double[4];
        double seLog = Double.NaN;
        if (!withSe) {
            java.util.Arrays.fill(se, Double.NaN);
        } else {
            try {
                RealMatrix c = MatrixUtils.inverse(halfHessian(model, new ArrayRealVector(opt.point()), response)).scalarMultiply(rss / dof);
                int col = 0;
                se[0] = Math.sqrt(c.getEntry(col, col));
                col++;
                if (freeBottom) { se[flip ? 2 : 1] = Math.sqrt(c.getEntry(col, col)); col++; }
                if (freeTop) { se[flip ? 1 : 2] = Math.sqrt(c.getEntry(col, col)); col++; }
                seLog = Math.sqrt(c.getEntry(col, col));
                se[3] = curve.ec50 * seLog; // delta method: exact at the optimum, where the gradient vanishes
            } catch (SingularMatrixException e) {
                java.util.Arrays.fill(se, Double.NaN);
            }
        }
        if (!withSe) return new Fit(curve, se, seLog, rss, Double.NaN, n, dof); // a refit: as its standard errors, its r2 is never read
        double mean = java.util.Arrays.stream(response).average().orElse(0);
        double tss = java.util.Arrays.stream(response).map(y -> (y - mean) * (y - mean)).sum();
        double r2 = tss > 0 ? 1 - rss / tss : Double.NaN;
        return new Fit(curve, se, seLog, rss, r2, n, dof);
    }

    /**
     * The curve and its Jacobian over the free parameters (hill, [bottom], [top], ln ec50), with
     * g = 1 / (1 + exp(t)), t = hill (ln x - ln ec50). The log doses are taken once per fit.
     */
    static final class Model implements MultivariateJacobianFunction, SmallLevenbergMarquardt.Model {
        final double[] dose, logDose;
        final double fixedBottom, fixedTop;
        final boolean freeBottom, freeTop;

        Model(double[] dose, double fixedBottom, double fixedTop) {
            this.dose = dose;
            this.fixedBottom = fixedBottom;
            this.fixedTop = fixedTop;
            freeBottom = Double.isNaN(fixedBottom);
            freeTop = Double.isNaN(fixedTop);
            logDose = new double[dose.length];
            for (int i = 0; i < dose.length; i++) if (!(dose[i] <= 0)) logDose[i] = Math.log(dose[i]);
        }

        int free() {
            return 2 + (freeBottom ? 1 : 0) + (freeTop ? 1 : 0);
        }

        /** The parameter vector hill, [bottom], [top], ln ec50. */
        double[] pack(double hill, double bottom, double top, double lnEc50) {
            double[] p = new double[free()];
            int i = 0;
            p[i++] = hill;
            if (freeBottom) p[i++] = bottom;
            if (freeTop) p[i++] = top;
            p[i] = lnEc50;
            return p;
        }

        /** (hill, bottom, top, ln ec50) with the fixed asymptotes filled in. */
        double[] unpack(double[] p) {
            int i = 0;
            double b = p[i++];
            double c = freeBottom ? p[i++] : fixedBottom;
            double d = freeTop ? p[i++] : fixedTop;
            return new double[] {b, c, d, p[i]};
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector p) {
            double[] v = new double[dose.length];
            double[][] j = new double[dose.length][p.getDimension()];
            evaluate(p.toArray(), v, j);
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
        }

        @Override
        public void evaluate(double[] p, double[] v, double[][] j) {
            int i0 = 0;
            double b = p[i0++];
            double c = freeBottom ? p[i0++] : fixedBottom;
            double d = freeTop ? p[i0++] : fixedTop;
            double lnE = p[i0];
            int n = dose.length;
            for (int i = 0; i < n; i++) {
                double g, dgdt = 0, lx = 0;
                if (dose[i] <= 0) {
                    g = b > 0 ? 1 : b < 0 ? 0 : 0.5;
                } else {
                    lx = logDose[i] - lnE;
                    double t = b * lx;
                    g = t > 700 ? 0 : 1 / (1 + Math.exp(t));
                    dgdt = -g * (1 - g);
                }
                v[i] = c + (d - c) * g;
                double[] row = j[i];
                int col = 0;
                row[col++] = (d - c) * dgdt * lx;
                if (freeBottom) row[col++] = 1 - g;
                if (freeTop) row[col++] = g;
                row[col] = -(d - c) * dgdt * b;
            }
        }
    }

    /**
     * Half the Hessian of the residual sum of squares, by central differences of its analytic
     * gradient. drc (and R's nls-based tools) take the covariance from this observed Hessian, not
     * from the Gauss-Newton J'J, so its standard errors are reproduced only this way.
     */
    private static RealMatrix halfHessian(MultivariateJacobianFunction model, RealVector p, double[] y) {
        int k = p.getDimension();
        RealMatrix h = new Array2DRowRealMatrix(k, k);
        for (int j = 0; j < k; j++) {
            double step = 1e-5 * Math.max(Math.abs(p.getEntry(j)), 1e-3);
            RealVector plus = p.copy(), minus = p.copy();
            plus.addToEntry(j, step);
            minus.addToEntry(j, -step);
            RealVector g = halfGradient(model, plus, y).subtract(halfGradient(model, minus, y)).mapDivide(2 * step);
            h.setColumnVector(j, g);
        }
        return h.add(h.transpose()).scalarMultiply(0.5);
    }

    private static RealVector halfGradient(MultivariateJacobianFunction model, RealVector p, double[] y) {
        Pair<RealVector, RealMatrix> vj = model.value(p);
        return vj.getSecond().transpose().operate(vj.getFirst().subtract(new ArrayRealVector(y)));
    }

    /**
     * Start values as drc's LL.4 self-starter does: asymptotes just beyond the responses at the
     * lowest and highest dose, then hill and ec50 from a straight line through the logit-linearised
     * points.
     */
    private static double[] start(double[] dose, double[] response, double fixedBottom, double fixedTop) {
        int lo = 0, hi = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < dose.length; i++) {
            if (dose[i] < dose[lo]) lo = i;
            if (dose[i] > dose[hi]) hi = i;
            min = Math.min(min, response[i]);
            max = Math.max(max, response[i]);
        }
        double meanLo = meanAt(dose, response, dose[lo]), meanHi = meanAt(dose, response, dose[hi]);
        boolean falling = meanLo >= meanHi;
        double pad = 0.001 * Math.max(max - min, 1e-12);
        double d = !Double.isNaN(fixedTop) ? fixedTop : falling ? max + pad : min - pad;
        double c = !Double.isNaN(fixedBottom) ? fixedBottom : falling ? min - pad : max + pad;
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < dose.length; i++) {
            double u = (d - response[i]) / (response[i] - c);
            if (dose[i] > 0 && u > 0 && Double.isFinite(u)) reg.addData(Math.log(dose[i]), Math.log(u));
        }
        double b = reg.getN() >= 2 ? reg.getSlope() : 1;
        double lnE = reg.getN() >= 2 && b != 0 ? -reg.getIntercept() / b : Double.NaN;
        if (!Double.isFinite(b) || b == 0) b = 1;
        if (!Double.isFinite(lnE)) lnE = medianLogPositiveDose(dose);
        return new double[] {b, c, d, Math.exp(lnE)};
    }

    /**
     * The self-start and its variants (hill, bottom, top, ec50): the same asymptotes with the
     * midpoint at the lowest tested dose, the quartiles of the log doses and the highest, each
     * with a shallow, a steep and a step-like slope (1, 3, 10). Measured on 2,000 simulated
     * single-agent curves (8 doses with the control at 0, Hill 0.3-5, Emax 20-100 %, EC50 across
     * and beyond the doses, noise SD 1-10 points) against the best of 42 further starts: with
     * the three quartiles and slopes 1 and 3 only, 18 fits had a residual sum of squares more than
     * 5 % above that best (worst 1.69 times); with the ends added 4 (1.19); with slope 10 added
     * 1 (1.06).
     */
    private static List<double[]> starts(double[] start, double[] dose) {
        List<double[]> out = new ArrayList<>();
        out.add(start);
        double[] l = java.util.Arrays.stream(dose).filter(x -> x > 0).distinct().map(Math::log).sorted().toArray();
        for (double q : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double lnE = l[0] + q * (l[l.length - 1] - l[0]);
            for (double b : new double[] {1, 3, 10}) out.add(new double[] {b, start[1], start[2], Math.exp(lnE)});
        }
        return out;
    }

    private static double meanAt(double[] dose, double[] response, double x) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < dose.length; i++) if (dose[i] == x) { s += response[i]; n++; }
        return s / n;
    }

    private static double medianLogPositiveDose(double[] dose) {
        double[] l = java.util.Arrays.stream(dose).filter(x -> x > 0).map(Math::log).sorted().toArray();
        return l[l.length / 2];
    }
}
