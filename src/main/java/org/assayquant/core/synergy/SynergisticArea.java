package org.assayquant.core.synergy;

/**
 * SynergyFinder's most synergistic area (Ianevski et al. 2017, Bioinformatics 33:2413: "the
 * 3-by-3 dose-window with the highest synergy score"): of every 3 x 3 window of adjacent
 * combination doses (both doses above 0) whose nine cells all have a score, the one with the
 * highest mean score; the dose ranges it spans point to the doses worth following up.
 */
public final class SynergisticArea {
    private SynergisticArea() {}

    static final int SIZE = 3;

    /** The window: its mean score and the indices [from, to] of its doses of A (columns) and B (rows). */
    public record Area(double mean, int fromA, int toA, int fromB, int toB) {}

    /** The most synergistic area of {@code scores}[ib][ia]; null when no complete 3 x 3 window of combinations exists. */
    public static Area of(DoseMatrix m, double[][] scores) {
        int[] ia = positive(m.dosesA()), ib = positive(m.dosesB());
        Area best = null;
        for (int r = 0; r + SIZE <= ib.length; r++)
            for (int c = 0; c + SIZE <= ia.length; c++) {
                double s = 0;
                boolean complete = true;
                for (int i = r; i < r + SIZE; i++)
                    for (int j = c; j < c + SIZE; j++) {
                        double v = scores[ib[i]][ia[j]];
                        complete &= !Double.isNaN(v);
                        s += v;
                    }
                if (complete && (best == null || s / (SIZE * SIZE) > best.mean()))
                    best = new Area(s / (SIZE * SIZE), ia[c], ia[c + SIZE - 1], ib[r], ib[r + SIZE - 1]);
            }
        return best;
    }

    /** Indices of the doses above 0, in dose order (a DoseMatrix's doses are sorted). */
    private static int[] positive(double[] d) {
        return java.util.stream.IntStream.range(0, d.length).filter(k -> d[k] > 0).toArray();
    }
}
