package org.assayquant.core;

import java.util.Arrays;

/**
 * LSD radix sorts giving exactly {@link Arrays#sort}'s order, several times faster on the large
 * arrays of pixel values that percentiles are taken from. Small arrays go to Arrays.sort.
 */
public final class FloatSort {
    private FloatSort() {}

    /** Below this length Arrays.sort is as fast. */
    static final int MIN_RADIX = 1024;

    /**
     * Per-thread key and buffer arrays, reused: the wells command sorts a few million values per
     * well, and fresh arrays for each sort made up a tenth of everything it allocated. Arrays of
     * any length are reused until {@link #trim} (a phone dish sorts 4-5 M values five times);
     * after it a thread keeps at most MAX_KEPT-element arrays (32 MB).
     */
    private static final int MAX_KEPT = 1 << 22;
    private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0]});
    /** The same for the long sort: a buffer (up to 16 MB) and the 16-bit digit counts (256 kB, once per call before). */
    private static final ThreadLocal<long[]> LONGS = ThreadLocal.withInitial(() -> new long[0]);
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[1 << 16]);

    /** Lets go of this thread's float-sort arrays when they exceed MAX_KEPT elements (call after a large job). */
    public static void trim() {
        if (SCRATCH.get()[0].length > MAX_KEPT) SCRATCH.remove();
    }

    /**
     * Sorts ascending in Arrays.sort's total order: -Infinity, negatives, -0.0, 0.0, positives,
     * Infinity, then every NaN (NaNs keep their bits; among themselves their order is not
     * Arrays.sort's, which no comparison can tell apart).
     */
    public static void sort(float[] a) {
        sort(a, 0, a.length);
    }

    /** Sorts a[from] to a[to - 1] as {@link #sort(float[])} sorts a whole array. */
    public static void sort(float[] a, int from, int to) {
        int n = to - from;
        if (n < MIN_RADIX) {
            Arrays.sort(a, from, to);
            return;
        }
        // keys: float bits turned into ints whose signed order is the floats' order (negative floats
        // have their magnitude bits flipped); NaNs are taken out and put back at the end
        int[][] scratch = SCRATCH.get();
        if (scratch[0].length < n) {
            scratch[0] = new int[n];
            scratch[1] = new int[n];
        }
        int[] key = scratch[0];
        int m = 0, nans = 0;
        // the three 11-bit digits' counts and the bits in which keys differ, taken while the keys are made
        int or = 0, and = -1;
        int[][] counts = new int[3][1 << 11];
        int[] c0 = counts[0], c1 = counts[1], c2 = counts[2];
        for (int i = from; i < to; i++) {
            float v = a[i];
            if (v != v) {
                nans++;
                continue;
            }
            int bits = Float.floatToRawIntBits(v);
            int k = bits ^ ((bits >> 31) & 0x7fffffff);
            key[m++] = k;
            or |= k;
            and &= k;
            c0[k & 0x7ff]++;
            c1[(k >>> 11) & 0x7ff]++;
            c2[((k >>> 22) & 0x3ff) ^ 0x200]++;
        }
        if (nans > 0) {
            float[] nan = new float[nans];
            for (int i = from, j = 0; i < to; i++) if (a[i] != a[i]) nan[j++] = a[i];
            System.arraycopy(nan, 0, a, from + m, nans);
        }
        int[] sorted = radix(key, m, scratch[1], counts, or ^ and);
        for (int i = 0; i < m; i++) {
            int k = sorted[i];
            a[from + i] = Float.intBitsToFloat(k ^ ((k >> 31) & 0x7fffffff));
        }
    }

    /**
     * The value that a sorted copy of a would hold at index k (Arrays.sort's order, as
     * {@link #sort(float[])}), a unchanged: two counting passes over 16-bit digits of the keys
     * instead of a whole sort, for a median of a few million pixels. A k beyond the non-NaN
     * values gives a NaN of a.
     */
    public static float select(float[] a, int k) {
        if (k < 0 || k >= a.length) throw new IndexOutOfBoundsException(k);
        int[] count = COUNTS.get();
        Arrays.fill(count, 0);
        int m = 0;
        for (float v : a) {
            if (v != v) continue;
            m++;
            count[(key(v) >>> 16) ^ 0x8000]++; // the sign bit flipped: unsigned order of the top digit = signed order
        }
        if (k >= m) for (float v : a) if (v != v) return v;
        int hi = 0, below = 0;
        while (below + count[hi] <= k) below += count[hi++];
        Arrays.fill(count, 0);
        for (float v : a) {
            if (v != v) continue;
            int key = key(v);
            if (((key >>> 16) ^ 0x8000) == hi) count[key & 0xffff]++;
        }
        int lo = 0;
        while (below + count[lo] <= k) below += count[lo++];
        int key = ((hi ^ 0x8000) << 16) | lo;
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }

    /** The float's bits as an int whose signed order is the floats' order (negative floats' magnitude bits flipped). */
    private static int key(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** Sorts ascending (Arrays.sort's order; equal longs are indistinguishable). */
    public static void sort(long[] a) {
        int n = a.length;
        if (n < MIN_RADIX) {
            Arrays.sort(a);
            return;
        }
        long[] buf = n > MAX_KEPT / 2 ? new long[n] : LONGS.get();
        if (buf.length < n) LONGS.set(buf = new long[n]);
        long[] src = a, dst = buf;
        // skip the 16-bit digits in which all keys agree (pixel indices and values span few)
        long or = 0, and = -1;
        for (long v : a) {
            or |= v;
            and &= v;
        }
        long differ = or ^ and;
        int[] count = COUNTS.get();
        for (int shift = 0; shift < 64; shift += 16) {
            if (((differ >>> shift) & 0xffff) == 0) continue;
            boolean top = shift == 48; // the sign bit: flip it so negatives come first
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) count[digit(src[i], shift, top)]++;
            for (int d = 0, sum = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) dst[count[digit(src[i], shift, top)]++] = src[i];
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) System.arraycopy(src, 0, a, 0, n);
    }

    private static int digit(long v, int shift, boolean top) {
        int d = (int) (v >>> shift) & 0xffff;
        return top ? d ^ 0x8000 : d;
    }

    /**
     * The first n keys sorted as signed ints (returned: key or buf), 11-bit digits, constant digits
     * skipped: {@code counts} holds each digit's counts (the top digit's sign bit flipped), taken
     * in one pass before (a digit's counts do not depend on the keys' order), {@code differ} the
     * bits in which the keys differ.
     */
    private static int[] radix(int[] key, int n, int[] buf, int[][] counts, int differ) {
        int[] src = key, dst = buf;
        for (int shift = 0; shift < 32; shift += 11) {
            int mask = shift == 22 ? 0x3ff : 0x7ff;
            if (((differ >>> shift) & mask) == 0) continue;
            boolean top = shift == 22; // holds the sign bit (bit 31 = bit 9 of this digit): flip it
            int[] count = counts[shift / 11];
            for (int d = 0, sum = 0; d <= mask; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) dst[count[digit(src[i], shift, mask, top)]++] = src[i];
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    private static int digit(int v, int shift, int mask, boolean top) {
        int d = (v >>> shift) & mask;
        return top ? d ^ 0x200 : d;
    }
}
