package org.assayquant.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One-dimensional signal helpers shared by lane and band finding. */
public final class Profiles {
    private Profiles() {}

    /** Centred moving average with a window of 2*half+1, shrinking at the ends. */
    public static double[] smooth(double[] p, int half) {
        if (half <= 0) return p.clone();
        int n = p.length;
        double[] cum = new double[n + 1];
        for (int i = 0; i < n; i++) cum[i + 1] = cum[i] + p[i];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - half), b = Math.min(n, i + half + 1);
            out[i] = (cum[b] - cum[a]) / (b - a);
        }
        return out;
    }

    /**
     * Running minimum over a window of 2*half+1, clipped at the ends: the same values as
     * {@code Math.min} over each window (NaN if the window holds one, -0.0 below 0.0), as the
     * negated running maximum of the negated profile (negation is exact).
     */
    public static double[] min(double[] p, int half) {
        double[] neg = new double[p.length];
        for (int i = 0; i < p.length; i++) neg[i] = -p[i];
        double[] out = max(neg, half);
        for (int i = 0; i < out.length; i++) out[i] = -out[i];
        return out;
    }

    /**
     * Running maximum over a window of 2*half+1, clipped at the ends: the same values as
     * {@code Math.max} over each window (NaN if the window holds one, 0.0 above -0.0: the order of
     * {@code Double.compare}), in O(n) whatever half is, from a queue of the indices whose values
     * decrease (a 4k lane profile's window is ~600 wide; the Hough accumulator's ~100).
     */
    public static double[] max(double[] p, int half) {
        if (half < 0) throw new IllegalArgumentException("half = " + half);
        int n = p.length, reach = Math.min(half, n); // a window wider than the profile is the whole profile
        double[] out = new double[n];
        int[] queue = new int[n];
        int head = 0, tail = 0, next = 0;
        for (int i = 0; i < n; i++) {
            for (int last = Math.min(n - 1, i + reach); next <= last; next++) {
                while (tail > head && Double.compare(p[queue[tail - 1]], p[next]) <= 0) tail--;
                queue[tail++] = next;
            }
            while (queue[head] < i - reach) head++;
            out[i] = p[queue[head]];
        }
        return out;
    }

    /**
     * Lower envelope of a profile: a morphological opening (the 1-D analogue of ImageJ's rolling
     * ball) with a structuring element of 2*half+1, then smoothed so the baseline has no steps.
     * Peaks narrower than the window are removed; slow background trends are kept.
     */
    public static double[] baseline(double[] p, int half) {
        // pad by point reflection so a sloping background continues past both ends
        int n = p.length, pad = Math.min(half, n - 1);
        double[] q = new double[n + 2 * pad];
        for (int i = 0; i < q.length; i++) {
            int j = i - pad;
            q[i] = j < 0 ? 2 * p[0] - p[-j] : j >= n ? 2 * p[n - 1] - p[2 * (n - 1) - j] : p[j];
        }
        double[] b = smooth(max(min(q, half), half), Math.max(1, half / 2));
        return java.util.Arrays.copyOfRange(b, pad, pad + n);
    }

    /**
     * The averaging median: of an even count the mean of the two middle values of a sorted copy (NaNs sort
     * last, so they count as the largest); NaN when v is empty. Not {@link Medians#upper}: the blot's short
     * profiles and tables (hundreds of values) take the textbook median, and its outputs (bands.csv, the
     * lane and strip finders) were measured with it; the wells core selects one value of millions of pixels.
     */
    public static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** Noise level of a profile from the median absolute first difference (robust to peaks). */
    public static double noise(double[] p) {
        if (p.length < 3) return 0;
        double[] d = new double[p.length - 1];
        for (int i = 1; i < p.length; i++) d[i - 1] = Math.abs(p[i] - p[i - 1]);
        return 1.4826 * median(d) / Math.sqrt(2);
    }

    /** A local maximum with its prominence (height above the higher of the two flanking minima). */
    public record Peak(int index, double height, double prominence, int leftBase, int rightBase) {}

    /**
     * Local maxima whose topographic prominence is at least minProminence, like scipy's
     * find_peaks: for each maximum, walk out each side until a higher point, take the lowest
     * point on each side; prominence = height - max(left min, right min). Plateaus count once.
     */
    public static List<Peak> peaks(double[] p, double minProminence) {
        List<Peak> out = new ArrayList<>();
        int n = p.length;
        int i = 1;
        while (i < n - 1) {
            if (p[i] > p[i - 1]) {
                int j = i;
                while (j + 1 < n && p[j + 1] == p[i]) j++;
                if (j + 1 < n && p[j + 1] < p[i]) {
                    int c = (i + j) / 2;
                    double h = p[c];
                    int l = c, lmin = c;
                    while (l > 0 && p[l - 1] <= h) { l--; if (p[l] < p[lmin]) lmin = l; }
                    int r = c, rmin = c;
                    while (r < n - 1 && p[r + 1] <= h) { r++; if (p[r] < p[rmin]) rmin = r; }
                    double prom = h - Math.max(p[lmin], p[rmin]);
                    if (prom >= minProminence) out.add(new Peak(c, h, prom, lmin, rmin));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
