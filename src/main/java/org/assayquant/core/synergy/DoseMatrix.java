package org.assayquant.core.synergy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A two-drug design as measured: every distinct dose of drug A (columns) and drug B (rows), and
 * for each (dose_a, dose_b) cell the replicate responses as fractions affected (0 = no effect).
 * Any design fits: a full checkerboard, a constant-ratio ray with single-agent titrations, or a
 * titration of one drug at a fixed dose of the other. Cells that were not measured are null.
 */
public final class DoseMatrix {
    /** One well: doses and the response already converted to fraction affected. */
    public record Measurement(double doseA, double doseB, double fa) {}

    private final double[] dosesA;
    private final double[] dosesB;
    /** [ib][ia] -> replicate fractions affected, or null when the cell was not measured. */
    private final double[][][] cells;

    private DoseMatrix(double[] dosesA, double[] dosesB, double[][][] cells) {
        this.dosesA = dosesA;
        this.dosesB = dosesB;
        this.cells = cells;
    }

    public static DoseMatrix of(List<Measurement> measurements) {
        TreeSet<Double> as = new TreeSet<>(), bs = new TreeSet<>();
        for (Measurement m : measurements) {
            as.add(m.doseA());
            bs.add(m.doseB());
        }
        double[] a = as.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = bs.stream().mapToDouble(Double::doubleValue).toArray();
        List<List<List<Double>>> tmp = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            List<List<Double>> row = new ArrayList<>();
            for (int j = 0; j < a.length; j++) row.add(null);
            tmp.add(row);
        }
        for (Measurement m : measurements) {
            int ib = java.util.Arrays.binarySearch(b, m.doseB()), ia = java.util.Arrays.binarySearch(a, m.doseA());
            List<Double> c = tmp.get(ib).get(ia);
            if (c == null) tmp.get(ib).set(ia, c = new ArrayList<>());
            c.add(m.fa());
        }
        double[][][] cells = new double[b.length][a.length][];
        for (int i = 0; i < b.length; i++)
            for (int j = 0; j < a.length; j++) {
                List<Double> c = tmp.get(i).get(j);
                if (c != null) cells[i][j] = c.stream().mapToDouble(Double::doubleValue).toArray();
            }
        return new DoseMatrix(a, b, cells);
    }

    /** The same design with other replicate values (a bootstrap resample); cells[ib][ia]. */
    public DoseMatrix withCells(double[][][] other) {
        return new DoseMatrix(dosesA, dosesB, other);
    }

    /** Distinct doses of drug A, ascending (column index ia). */
    public double[] dosesA() {
        return dosesA.clone();
    }

    /** Distinct doses of drug B, ascending (row index ib). */
    public double[] dosesB() {
        return dosesB.clone();
    }

    public int columns() {
        return dosesA.length;
    }

    public int rows() {
        return dosesB.length;
    }

    public double doseA(int ia) {
        return dosesA[ia];
    }

    public double doseB(int ib) {
        return dosesB[ib];
    }

    /** Replicate fractions affected of a cell (not a copy: do not modify), or null. */
    public double[] replicates(int ib, int ia) {
        return cells[ib][ia];
    }

    public boolean has(int ib, int ia) {
        return cells[ib][ia] != null;
    }

    /** Mean fraction affected of a cell; NaN when not measured. */
    public double mean(int ib, int ia) {
        double[] c = cells[ib][ia];
        if (c == null) return Double.NaN;
        double s = 0;
        for (double v : c) s += v;
        return s / c.length;
    }

    /** Cell means [ib][ia] (NaN where not measured). */
    public double[][] means() {
        double[][] m = new double[dosesB.length][dosesA.length];
        for (int i = 0; i < dosesB.length; i++) for (int j = 0; j < dosesA.length; j++) m[i][j] = mean(i, j);
        return m;
    }

    /** Column index of dose a (exact match), or -1. */
    public int indexA(double a) {
        int i = java.util.Arrays.binarySearch(dosesA, a);
        return i >= 0 ? i : -1;
    }

    /** Row index of dose b (exact match), or -1. */
    public int indexB(double b) {
        int i = java.util.Arrays.binarySearch(dosesB, b);
        return i >= 0 ? i : -1;
    }

    /** Measured combination cells (both doses above 0) as {ib, ia}, by dose_a then dose_b. */
    public List<int[]> combinations() {
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < dosesA.length; j++)
            for (int i = 0; i < dosesB.length; i++)
                if (dosesA[j] > 0 && dosesB[i] > 0 && cells[i][j] != null) out.add(new int[] {i, j});
        return out;
    }

    /** Smallest number of replicates over the measured cells. */
    public int minReplicates() {
        int min = Integer.MAX_VALUE;
        for (double[][] row : cells) for (double[] c : row) if (c != null) min = Math.min(min, c.length);
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    /**
     * The dose ratio a:b shared by every combination (a / b), or NaN when the combinations do not
     * lie on one ray (relative tolerance 1e-6, so 0.1/0.3 typed as 0.0333333 still counts) or
     * there are fewer than two of them (one point is no ray).
     */
    public double constantRatio() {
        double ratio = Double.NaN;
        List<int[]> combos = combinations();
        if (combos.size() < 2) return Double.NaN;
        for (int[] c : combos) {
            double r = dosesA[c[1]] / dosesB[c[0]];
            if (Double.isNaN(ratio)) ratio = r;
            else if (Math.abs(r - ratio) > 1e-6 * ratio) return Double.NaN;
        }
        return ratio;
    }
}
