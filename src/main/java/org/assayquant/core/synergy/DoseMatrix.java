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
    /** {@link #combinations}, made once (a bootstrap resample asks for it several times). */
    private final List<Cell> combinations;

    /** A cell of the matrix: row ib (a dose of B), column ia (a dose of A). */
    public record Cell(int ib, int ia) {}

    private DoseMatrix(double[] dosesA, double[] dosesB, double[][][] cells) {
        this.dosesA = dosesA;
        this.dosesB = dosesB;
        this.cells = cells;
        List<Cell> out = new ArrayList<>();
        for (int j = 0; j < dosesA.length; j++)
            for (int i = 0; i < dosesB.length; i++)
                if (dosesA[j] > 0 && dosesB[i] > 0 && cells[i][j] != null) out.add(new Cell(i, j));
        this.combinations = List.copyOf(out);
    }

    /** Doses closer than this (relative to the larger) are one dose level: floating-point noise, not a dilution step. */
    public static final double SAME_DOSE = 1e-6;

    /** {@link #of(List, List)} without the merge warnings. */
    public static DoseMatrix of(List<Measurement> measurements) {
        return of(measurements, new ArrayList<>());
    }

    /**
     * The matrix of these measurements. Doses of one drug that differ by less than
     * {@link #SAME_DOSE} relative (0.1 and 0.1000000001: a dilution computed in a spreadsheet
     * and one typed) are one dose level, the value most wells carry (the smaller on a tie), and
     * each merge is added to {@code warnings}; without it each would be its own dose level with a
     * single-agent or combination cell of its own, and every model would change.
     */
    public static DoseMatrix of(List<Measurement> measurements, List<String> warnings) {
        java.util.Map<Double, Integer> countA = new java.util.TreeMap<>(), countB = new java.util.TreeMap<>();
        for (Measurement m : measurements) {
            countA.merge(m.doseA(), 1, Integer::sum);
            countB.merge(m.doseB(), 1, Integer::sum);
        }
        java.util.Map<Double, Double> mapA = levels(countA, "A", warnings), mapB = levels(countB, "B", warnings);
        measurements = measurements.stream().map(m -> new Measurement(mapA.get(m.doseA()), mapB.get(m.doseB()), m.fa())).toList();
        TreeSet<Double> as = new TreeSet<>(mapA.values()), bs = new TreeSet<>(mapB.values());
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

    /** Each distinct dose (ascending, with its count of wells) mapped to its dose level. */
    private static java.util.Map<Double, Double> levels(java.util.Map<Double, Integer> counts, String drug, List<String> warnings) {
        java.util.Map<Double, Double> map = new java.util.HashMap<>();
        List<Double> group = new ArrayList<>();
        for (double d : counts.keySet()) {
            if (!group.isEmpty() && !(d - group.get(0) <= SAME_DOSE * d)) { close(group, counts, map, drug, warnings); group.clear(); }
            group.add(d);
        }
        close(group, counts, map, drug, warnings);
        return map;
    }

    private static void close(List<Double> group, java.util.Map<Double, Integer> counts, java.util.Map<Double, Double> map, String drug, List<String> warnings) {
        if (group.isEmpty()) return;
        double level = group.get(0);
        for (double d : group) if (counts.get(d) > counts.get(level)) level = d;
        for (double d : group) map.put(d, level);
        if (group.size() > 1) {
            List<String> texts = group.stream().map(x -> Double.toString(x)).toList();
            warnings.add("drug " + drug + ": doses " + String.join(", ", texts) + " differ by less than " + SAME_DOSE
                    + " (relative) and are taken as one dose level, " + level + " (" + group.size() + " values merged)");
        }
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

    /** Measured combination cells (both doses above 0), by dose_a then dose_b. */
    public List<Cell> combinations() {
        return combinations;
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
        List<Cell> combos = combinations();
        if (combos.size() < 2) return Double.NaN;
        for (Cell c : combos) {
            double r = dosesA[c.ia()] / dosesB[c.ib()];
            if (Double.isNaN(ratio)) ratio = r;
            else if (Math.abs(r - ratio) > 1e-6 * ratio) return Double.NaN;
        }
        return ratio;
    }
}
