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

    private final float[] a;
    /** Group g holds ranks start[g] to start[g + 1] - 1 (groups in the keys' order). */
    private final int[] start = new int[GROUPS + 1];
    private final boolean[] sorted = new boolean[GROUPS];
    /** The first and last group holding values. */
    private final int first, last;

    /**
     * The constructor's copy of the values before they are grouped, per thread and reused (a 6-MP dish's 4-5 M values
     * four times per dish: fresh pages cost more than the copy); see {@link #trim}.
     */
    private static final ThreadLocal<float[]> COPY = ThreadLocal.withInitial(() -> new float[0]);
    /** Copies above this many values are kept only until {@link #trim} (16 MB). */
    private static final int MAX_KEPT = 1 << 22;

    /** Lets go of this thread's copy when it exceeds MAX_KEPT values (call after a large job, as FloatSort.trim). */
    public static void trim() {
        if (COPY.get().length > MAX_KEPT) COPY.remove();
    }

    /** The values v[i] where inside[i] (n of them, all finite: an image's values and their smoothed copies are). */
    public PartlySorted(float[] v, boolean[] inside, int n) {
        float[] in = COPY.get();
        if (in.length < n) COPY.set(in = new float[n]);
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
        a = new float[n];
        int[] next = Arrays.copyOf(start, GROUPS);
        for (int j = 0; j < n; j++) a[next[group(in[j])]++] = in[j];
    }

    public int length() {
        return a.length;
    }

    /** The value at rank r: a sorted copy's element r. */
    public float get(int r) {
        sort(groupOf(r));
        return a[r];
    }

    /** How many values are not above x (the rank of the first value above x; all of them for a NaN x). */
    public int notAbove(double x) {
        if (a.length == 0) return 0;
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
        int starts = a.length - k;
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
        int from = start[g], to = Math.min(start[g + 1], a.length - k);
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
