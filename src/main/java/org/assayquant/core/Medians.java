package org.assayquant.core;

/**
 * The median of the wells core, one definition: the upper median, the value a sorted copy holds at
 * index n / 2 (of an even count the higher of the two middle values, not their mean), a value of the
 * data found by selection instead of a sort, and the median absolute deviation built on it. Image
 * statistics take it (pixels, bin means, window cells); the blot's profiles average the two middle
 * values instead ({@link Profiles#median}).
 */
public final class Medians {
    private Medians() {}

    /**
     * The upper median of a (a unchanged): {@link FloatSort#select}(a, a.length / 2), so in
     * {@code Arrays.sort}'s order (-0.0 before 0.0; NaNs last, so a NaN of a when NaNs are at least half
     * of it). Equal to {@code sorted[(int) Math.round(0.5 * (n - 1))]} for every n >= 1 (0.5 (n - 1)
     * rounds half up to n / 2). a must not be empty.
     */
    public static float upper(float[] a) {
        return FloatSort.select(a, a.length / 2);
    }

    /**
     * The upper median of a[0, n) by selection (Hoare's partition, a[0, n) reordered): the n / 2-th
     * smallest, as a sorted copy holds it, for values without NaN (NaN is not allowed: a plain comparison
     * cannot place it). Ties are not told apart; -0.0 and 0.0 compare equal, so where both stand at the
     * rank either may come back (the callers' values are never -0.0). n must be at least 1.
     */
    public static double upper(double[] a, int n) {
        int lo = 0, hi = n - 1, k = n / 2;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    /**
     * The median absolute deviation of a (upper medians both): the upper median of |a[i] - median|, each
     * deviation a float difference (the same float as the difference taken in doubles and rounded), a
     * overwritten with the deviations; {@code median} is {@link #upper(float[])} of a, given since the
     * callers use it too. Finite values (a NaN or infinity makes deviations NaN). Times 1.4826 a robust SD.
     */
    public static float mad(float[] a, float median) {
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(a[i] - median);
        return upper(a);
    }

    /** The median absolute deviation of a[0, n) as {@link #mad(float[], float)}, in doubles, by {@link #upper(double[], int)}; a unchanged. */
    public static double mad(double[] a, int n) {
        double m = upper(a.clone(), n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = Math.abs(a[i] - m);
        return upper(d, n);
    }
}
