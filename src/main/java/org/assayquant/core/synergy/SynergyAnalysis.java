package org.assayquant.core.synergy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Everything the synergy command reports for one dose matrix: Chou-Talalay, SynergyFinder's four
 * reference models, their means over the combinations and, with replicates, 95% bootstrap
 * intervals for those means (replicates resampled with replacement within each dose cell, every
 * model refitted on each resample; seeded, so a run is reproducible).
 */
public final class SynergyAnalysis {
    private SynergyAnalysis() {}

    /** The summary models in output order; ci_* only for constant-ratio designs. */
    public static final String[] MODELS = {"bliss", "hsa", "loewe", "zip", "ci_50", "ci_75", "ci_90", "ci_95"};

    /**
     * One summary score: its 95% interval ({@code low}, {@code high}), how that interval was
     * found ({@code interval}: {@link #BOOTSTRAP}, {@link #CELLS} or empty) and SynergyFinder 3's
     * p-value of the score being 0 (NaN where it does not apply).
     */
    public record Summary(String model, double score, double low, double high, double pValue, String interval) {}

    /** The interval is the 2.5 and 97.5 % quantile of the bootstrap resamples' scores. */
    public static final String BOOTSTRAP = "bootstrap";

    /** The interval is mean +- 1.96 SD of the combinations' scores (SynergyFinder's z without replicates). */
    public static final String CELLS = "cell scores";

    public record Result(DoseMatrix matrix, ChouTalalay.Result chou, ReferenceModels.Scores scores,
                         List<Summary> summary, int resamples, List<String> warnings,
                         Sensitivity.Result sensitivity, Verdict.Reading verdict) {
        public boolean constantRatio() {
            return !Double.isNaN(chou.ratio());
        }
    }

    /** What a long bootstrap tells the person waiting: its estimate before, then progress (which may throw to stop it). */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void note(String message) {}

            @Override
            public void at(int done, int total) {}
        };

        void note(String message);

        void at(int done, int total);
    }

    /** A bootstrap expected to take longer than this gets a note and progress (a 6 x 6 matrix's 1000 resamples take ~1-2 s). */
    static final double LONG_SECONDS = 30;

    /**
     * Analyses a matrix; {@code resamples} bootstrap resamples (0 = none) when every cell has at
     * least two replicates.
     */
    public static Result run(DoseMatrix m, int resamples, long seed) {
        return run(m, resamples, seed, Listener.NONE);
    }

    public static Result run(DoseMatrix m, int resamples, long seed, Listener listener) {
        List<String> warnings = new ArrayList<>();
        ChouTalalay.Result chou = ChouTalalay.analyze(m, warnings);
        double[][] inhibition = toInhibition(m.means());
        ReferenceModels.Computed computed = ReferenceModels.compute(m.dosesA(), m.dosesB(), inhibition, warnings, null);
        ReferenceModels.Scores scores = computed.scores();
        double[] point = statistics(m, chou.levels(), scores);

        double[][] boot = null;
        int done = 0;
        if (resamples > 0) {
            int reps = m.minReplicates();
            if (reps < 2) {
                warnings.add("no bootstrap: some dose cells have a single replicate (the bootstrap resamples replicates within each cell); the 95% intervals"
                        + " and p-values of HSA, Bliss, Loewe and ZIP are SynergyFinder's without replicates: mean +- 1.96 SD of the combinations' scores");
            } else {
                boot = bootstrap(m, resamples, seed, computed.fits(), listener);
                done = resamples;
            }
        }
        boolean ray = !Double.isNaN(chou.ratio());
        List<Summary> summary = new ArrayList<>();
        for (int k = 0; k < MODELS.length; k++) {
            if (k >= 4 && !ray) break;
            double lo = Double.NaN, hi = Double.NaN, p = Double.NaN;
            String interval = "";
            if (boot != null && !Double.isNaN(point[k])) {
                double[] v = column(boot, k);
                int failed = boot.length - v.length;
                if (v.length >= 2) {
                    lo = quantile(v, 0.025);
                    hi = quantile(v, 0.975);
                    interval = BOOTSTRAP;
                    if (k < 4) p = pValue(point[k], sd(v));
                }
                if (failed > 0)
                    warnings.add(String.format(Locale.ROOT, "%s: %d of %d bootstrap resamples gave no value (a fit failed); the interval uses the other %d",
                            MODELS[k], failed, boot.length, v.length));
            }
            if (k < 4 && interval.isEmpty() && !Double.isNaN(point[k])) {
                double[] v = cellScores(scoreMatrix(scores, k), m.combinations());
                if (v.length >= 2) {
                    double sd = sd(v);
                    lo = point[k] - Z95 * sd;
                    hi = point[k] + Z95 * sd;
                    p = pValue(point[k], sd);
                    interval = CELLS;
                }
            }
            summary.add(new Summary(MODELS[k], point[k], lo, hi, p, interval));
        }
        Sensitivity.Result sens = Sensitivity.compute(m.dosesA(), m.dosesB(), inhibition, scores.curveA(), scores.curveB(), warnings);
        return new Result(m, chou, scores, summary, done, warnings, sens, Verdict.of(summary));
    }

    /** The normal distribution's 97.5 % quantile. */
    static final double Z95 = 1.959963984540054;

    /**
     * SynergyFinder 3's p-value of a mean score (synergyfinder 3.7.3, R/calculate_synergy_score.R,
     * CalculateSynergy): z = |mean| / sd and p = exp(-0.717 z - 0.416 z^2), Altman and Bland's
     * approximation of the two-sided normal p-value (BMJ 2011;343:d2304). Without replicates
     * synergyfinder takes sd over the combinations' scores; with replicates over its resamples'
     * matrix means, as here over the bootstrap's. A spread of 0 gives p = 0 (synergyfinder prints
     * "< 2e-324"), or 1 for a mean of 0.
     */
    static double pValue(double mean, double sd) {
        if (sd == 0) return mean == 0 ? 1 : 0;
        double z = Math.abs(mean) / sd;
        return Math.exp(-0.717 * z - 0.416 * z * z);
    }

    /** Sample standard deviation (n - 1). */
    static double sd(double[] v) {
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /** The score matrix of summary model k (0..3, {@link #MODELS} order). */
    public static double[][] scoreMatrix(ReferenceModels.Scores s, int k) {
        return switch (k) {
            case 0 -> s.bliss();
            case 1 -> s.hsa();
            case 2 -> s.loewe();
            default -> s.zip();
        };
    }

    /** The scores of the combinations that have one. */
    static double[] cellScores(double[][] scores, List<DoseMatrix.Cell> combos) {
        return combos.stream().mapToDouble(c -> scores[c.ib()][c.ia()]).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** Percent inhibition from fraction affected (SynergyFinder's scale). */
    static double[][] toInhibition(double[][] fa) {
        double[][] y = new double[fa.length][];
        for (int i = 0; i < fa.length; i++) {
            y[i] = new double[fa[i].length];
            for (int j = 0; j < fa[i].length; j++) y[i][j] = 100 * fa[i][j];
        }
        return y;
    }

    /** The summary vector in {@link #MODELS} order. */
    static double[] statistics(DoseMatrix m, List<ChouTalalay.Level> levels, ReferenceModels.Scores s) {
        double[] out = new double[MODELS.length];
        List<DoseMatrix.Cell> combos = m.combinations();
        for (int k = 0; k < 4; k++) out[k] = mean(scoreMatrix(s, k), combos);
        for (int k = 0; k < 4; k++) out[4 + k] = k < levels.size() ? levels.get(k).ci() : Double.NaN;
        return out;
    }

    /** Mean over the combinations that have a score; NaN when none has. */
    static double mean(double[][] scores, List<DoseMatrix.Cell> combos) {
        double s = 0;
        int n = 0;
        for (DoseMatrix.Cell c : combos) {
            double v = scores[c.ib()][c.ia()];
            if (!Double.isNaN(v)) { s += v; n++; }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * resamples x MODELS statistics; resample i uses its own seeded generator (same result on any
     * thread). Every LL.4 curve of a resample is refitted warm from the minima of the matching fit
     * in {@code near} (the fits of the data themselves) where that fit allows it
     * ({@link ReferenceModels#compute(double[], double[], double[][], List, ReferenceModels.Fits)});
     * null = the full multi-start for every refit (slower; what the warm start is tested against).
     */
    static double[][] bootstrap(DoseMatrix m, int resamples, long seed, ReferenceModels.Fits near) {
        return bootstrap(m, resamples, seed, near, Listener.NONE);
    }

    /**
     * The resamples in chunks of about 2 % (each resample depends only on the seed and its index,
     * so the chunks change no number). After the first chunk the rest is timed; a run expected to
     * take longer than {@link #LONG_SECONDS} says how long before going on and reports progress
     * after every chunk, through which it can be stopped.
     */
    static double[][] bootstrap(DoseMatrix m, int resamples, long seed, ReferenceModels.Fits near, Listener listener) {
        return bootstrap(m, resamples, seed, near, listener, LONG_SECONDS);
    }

    static double[][] bootstrap(DoseMatrix m, int resamples, long seed, ReferenceModels.Fits near, Listener listener, double longSeconds) {
        double[][] out = new double[resamples][];
        int chunk = Math.max(Runtime.getRuntime().availableProcessors(), resamples / 50);
        long start = System.nanoTime();
        boolean loud = false;
        for (int from = 0; from < resamples; from += chunk) {
            int to = Math.min(resamples, from + chunk);
            IntStream.range(from, to).parallel().forEach(i -> out[i] = statistics(m, resample(m, seed, i), near).statistics());
            if (from == 0 && to < resamples) {
                double rest = (System.nanoTime() - start) / 1e9 / to * (resamples - to);
                if (rest > longSeconds) {
                    loud = true;
                    listener.note(String.format(Locale.ROOT, "the bootstrap of %d resamples of this %d x %d matrix will take about %s more;"
                            + " bootstrap=0 skips the intervals and a smaller bootstrap= shortens it", resamples, m.rows(), m.columns(), duration(rest)));
                }
            }
            if (loud) listener.at(to, resamples);
        }
        return out;
    }

    static String duration(double seconds) {
        if (seconds < 90) return Math.round(seconds) + " s";
        if (seconds < 5400) return Math.round(seconds / 60) + " min";
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** One resample's summary vector and the fits behind it. */
    record Resampled(double[] statistics, ReferenceModels.Fits fits) {}

    static Resampled statistics(DoseMatrix m, DoseMatrix resample, ReferenceModels.Fits near) {
        List<ChouTalalay.Level> levels = ChouTalalay.levels(resample); // only what the statistics use: the rest of analyze() was 5% of the screen command's CPU samples
        ReferenceModels.Computed c = ReferenceModels.compute(m.dosesA(), m.dosesB(), toInhibition(resample.means()), null, near);
        return new Resampled(statistics(resample, levels, c.scores()), c.fits());
    }

    /** Bootstrap resample i: in every cell, the mean of replicates drawn with replacement. */
    static DoseMatrix resample(DoseMatrix m, long seed, int i) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        double[][][] cells = new double[m.rows()][m.columns()][];
        for (int ib = 0; ib < m.rows(); ib++)
            for (int ia = 0; ia < m.columns(); ia++) {
                double[] r = m.replicates(ib, ia);
                if (r == null) continue;
                double s = 0;
                for (int k = 0; k < r.length; k++) s += r[rng.nextInt(r.length)];
                cells[ib][ia] = new double[] {s / r.length};
            }
        return m.withCells(cells);
    }

    private static double[] column(double[][] boot, int k) {
        return Arrays.stream(boot).mapToDouble(r -> r[k]).filter(Double::isFinite).sorted().toArray();
    }

    /** R's default (type 7) quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
