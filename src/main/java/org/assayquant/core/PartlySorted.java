package org.assayquant.core;

import java.util.Arrays;

/**
 * Values in ascending order (Arrays.sort's), sorted only where they are read: grouped in two passes by the top 16
 * bits of their order-preserving keys (sign, exponent and 7 mantissa bits), a group sorted ({@link FloatSort}) the
 * first time one of its ranks is read. Order statistics, the count of values up to a level and the narrowest window of k ranks then
 * cost a few groups' sorts instead of a whole sort: ColonyCounter's noise statistics take them from the 4-5 M
 * pixels of a 6-MP dish several times per dish, and read far fewer of them.
 */
public final class PartlySorted {
    private static final int GROUPS = 1 << 16;

    /** The values grouped (their first n elements; the thread's array, see Kept). */
    private final float[] a;
    private final int n;
    private final Kept kept;
    /** Group g holds ranks start[g] to start[g + 1] - 1 (groups in the keys' order). */
    private final int[] start = new int[GROUPS + 1];
    private final boolean[] sorted = new boolean[GROUPS];
    /** The first and last group holding values. */
    private final int first, last;

    /**
     * The constructor's copy of the values before they are grouped and the grouped values, per thread and reused (a
     * 6-MP dish's 4-5 M values four times per dish: fresh pages cost more than the copy); see {@link #trim}. So a
     * thread reads one PartlySorted at a time: one made on the same thread later takes the arrays (owner), and reading
     * the earlier one then throws.
     */
    private static final class Kept {
        float[] copy = new float[0], grouped = new float[0];
        PartlySorted owner;
    }

    private static final ThreadLocal<Kept> KEPT = ThreadLocal.withInitial(Kept::new);
    /** Arrays above this many values are kept only until {@link #trim} (16 MB each). */
    private static final int MAX_KEPT = 1 << 22;

    /** Lets go of this thread's arrays when they exceed MAX_KEPT values (call after a large job, as FloatSort.trim). */
    public static void trim() {
        Kept k = KEPT.get();
        if (k.copy.length > MAX_KEPT || k.grouped.length > MAX_KEPT) KEPT.remove();
    }

    /** The values v[i] where inside[i] (n of them, all finite: an image's values and their smoothed copies are). */
    public PartlySorted(float[] v, boolean[] inside, int n) {
        kept = KEPT.get();
        if (kept.copy.length < n) kept.copy = new float[n];
        if (kept.grouped.length < n) kept.grouped = new float[n];
        kept.owner = this;
        float[] in = kept.copy;
        for (int i = 0, j = 0; i < v.length; i++) {
            if (!inside[i]) continue;
            float x = v[i];
            in[j++] = x;
            start[group(x) + 1]++;
        }
        int f = GROUPS, l = -1;
        for (int g = 0; g < GROUPS; g++) {
            if (start[g + 1] > 0) {
                f = Math.min(f, g);
                l = g;
            }
            start[g + 1] += start[g];
        }
        if (start[GROUPS] != n) throw new IllegalArgumentException("n = " + n + " but " + start[GROUPS] + " inside");
        // the groups of infinities and NaNs: the keys beyond the largest finite float's on either side
        if (f <= group(Float.NEGATIVE_INFINITY) || l >= group(Float.POSITIVE_INFINITY)) throw new IllegalArgumentException("a value is not finite");
        first = f;
        last = l;
        this.n = n;
        a = kept.grouped;
        int[] next = Arrays.copyOf(start, GROUPS);
        for (int j = 0; j < n; j++) a[next[group(in[j])]++] = in[j];
    }

    /** Throws when a later PartlySorted of the same thread has taken the arrays. */
    private void owned() {
        if (kept.owner != this) throw new IllegalStateException("a later PartlySorted of the same thread reuses this one's arrays");
    }

    public int length() {
        return n;
    }

    /** The value at rank r: a sorted copy's element r. */
    public float get(int r) {
        owned();
        if (r < 0 || r >= n) throw new ArrayIndexOutOfBoundsException(r);
        sort(groupOf(r));
        return a[r];
    }

    /** How many values are not above x (the rank of the first value above x; all of them for a NaN x). */
    public int notAbove(double x) {
        owned();
        if (n == 0) return 0;
        // the last group whose least possible value is not above x: the groups before it hold values below that
        // least value, the groups after it values above x
        int lo = first, hi = last;
        if (least(lo) > x) return 0;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (least(mid) > x) hi = mid - 1;
            else lo = mid;
        }
        sort(lo);
        int from = start[lo], to = start[lo + 1];
        while (from < to) {
            int mid = (from + to) >>> 1;
            if (a[mid] > x) to = mid;
            else from = mid + 1;
        }
        return from;
    }

    /**
     * The first rank i below length - k at which the window of ranks i to i + k is narrowest (the float difference
     * of its ends), as a scan of a sorted copy finds it; 0 when there is no such window. Only the groups whose
     * windows can be that narrow are sorted: a group's windows are at least as wide as the least value its first
     * window can end at less the greatest value the group can hold, and the group with the least such bound gives
     * a window's exact width that the narrowest cannot exceed (a float difference grows with its first operand and
     * falls with its second, so the bounds hold for the rounded widths too).
     */
    public int narrowest(int k) {
        owned();
        int starts = n - k;
        if (starts <= 0) return 0;
        float[] low = new float[GROUPS];
        int bestGroup = -1;
        for (int g = first; g <= last && start[g] < starts; g++) {
            if (start[g + 1] == start[g]) continue;
            low[g] = least(groupOf(start[g] + k)) - greatest(g);
            if (bestGroup < 0 || low[g] < low[bestGroup]) bestGroup = g;
        }
        float bound = width(narrowestIn(bestGroup, k, -1, Float.NaN), k);
        int at = -1;
        for (int g = first; g <= last && start[g] < starts; g++)
            if (start[g + 1] > start[g] && low[g] <= bound) at = narrowestIn(g, k, at, at < 0 ? Float.NaN : width(at, k));
        return at;
    }

    /** The first narrowest window starting in group g, or at when it is narrower than them (width w; NaN: none yet). */
    private int narrowestIn(int g, int k, int at, float w) {
        int from = start[g], to = Math.min(start[g + 1], n - k);
        sort(g);
        for (int h = groupOf(from + k); h <= groupOf(to - 1 + k); h++) sort(h); // the windows' ends
        for (int i = from; i < to; i++) {
            float wi = a[i + k] - a[i];
            if (at < 0 || wi < w) {
                at = i;
                w = wi;
            }
        }
        return at;
    }

    private float width(int i, int k) {
        return a[i + k] - a[i];
    }

    private void sort(int g) {
        if (sorted[g]) return;
        FloatSort.sort(a, start[g], start[g + 1]);
        sorted[g] = true;
    }

    /** The non-empty group holding rank r. */
    private int groupOf(int r) {
        int lo = first, hi = last;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= r) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** The float's key (an int whose signed order is the floats' order, as FloatSort's) as a group: its top 16 bits, the sign flipped. */
    private static int group(float v) {
        int bits = Float.floatToRawIntBits(v);
        return ((bits ^ ((bits >> 31) & 0x7fffffff)) >>> 16) ^ 0x8000;
    }

    /** The least and the greatest value group g can hold. */
    private static float least(int g) {
        return value((g ^ 0x8000) << 16);
    }

    private static float greatest(int g) {
        return value((g ^ 0x8000) << 16 | 0xffff);
    }

    private static float value(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }
}
