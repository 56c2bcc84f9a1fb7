package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The 1-D helpers behind lane and band finding. */
class ProfilesTest {

    @Test
    void smoothIsACentredMovingAverageShrinkingAtTheEnds() {
        double[] p = {0, 0, 3, 0, 0};
        // exact arithmetic on small integers/thirds: 1e-12 is float round-off only
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, Profiles.smooth(p, 1), 1e-12);
        assertArrayEquals(new double[] {1.5, 2, 3, 4, 4.5}, Profiles.smooth(new double[] {1, 2, 3, 4, 5}, 1), 1e-12,
                "window shrinks at the ends: mean of (1,2) and (4,5)");
        double[] same = Profiles.smooth(p, 0);
        assertArrayEquals(p, same, 0);
        assertNotSame(p, same, "half=0 returns a copy, not the input");
        // a linear profile is unchanged away from the ends; the sum of a spike is spread, not lost
        double[] ramp = new double[50];
        for (int i = 0; i < ramp.length; i++) ramp[i] = 3 + 0.25 * i;
        double[] s = Profiles.smooth(ramp, 4);
        for (int i = 4; i < 46; i++) assertEquals(ramp[i], s[i], 1e-9, "i=" + i);
        double[] spike = new double[21];
        spike[10] = 7;
        double sum = 0;
        for (double v : Profiles.smooth(spike, 3)) sum += v;
        assertEquals(7, sum, 1e-12);
    }

    /**
     * A lane profile as BandFinder sees one: 1000 px, background ramp 2000 -> 2500 DN (the chemi
     * sample's +250 DN over 500 px), a band 20000 DN high with sigma 7 px in the middle, and the
     * window BandFinder uses for a 100 px lane (half = 1.5 x lane width = 150).
     */
    static final int N = 1000, HALF = 150;

    static double ramp(int i) {
        return 2000 + 0.5 * i;
    }

    static double[] laneProfile() {
        double[] p = new double[N];
        for (int i = 0; i < N; i++) p[i] = ramp(i) + 20000 * Math.exp(-0.5 * Math.pow((i - 500) / 7.0, 2));
        return p;
    }

    @Test
    void baselineFollowsALinearRampUnderAGaussianPeak() {
        double[] base = Profiles.baseline(laneProfile(), HALF);
        // within 1% of the ramp (the brief's tolerance) everywhere at least a window plus the
        // smoothing (2 x half) from the ends; under the band the signal is 8x the ramp, so 1% means
        // the band was removed, not just attenuated
        for (int i = 2 * HALF; i < N - 2 * HALF; i++)
            assertEquals(ramp(i), base[i], 0.01 * ramp(i), "i=" + i + " base=" + base[i] + " ramp=" + ramp(i));
        assertEquals(ramp(500), base[500], 0.01 * ramp(500), "under the band");
    }

    @Test
    void baselineFollowsTheRampUpToTheEnds() {
        // the same profile, all the way to the ends: a band near the top or bottom of a lane (or an
        // outer lane, for LaneFinder's column profile) sits there. The doc promises "slow background
        // trends are kept"; tolerance 1% of the ramp, as above
        double[] base = Profiles.baseline(laneProfile(), HALF);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < N; i++) {
            double rel = Math.abs(base[i] - ramp(i)) / ramp(i);
            if (rel > worst) { worst = rel; at = i; }
        }
        assertTrue(worst <= 0.01, String.format(java.util.Locale.ROOT,
                "worst deviation %.2f%% at i=%d (base %.1f, ramp %.1f)", 100 * worst, at, base[at], ramp(at)));
    }

    @Test
    void peaksAndProminencesAsScipyFindPeaks() {
        // Hand example (checked against scipy.signal.find_peaks(x, prominence=0)):
        //   i:  0  1  2  3  4  5  6  7  8  9 10 11 12
        //   x:  1  3  2  5  2  4  4  4  1  6  0  2  1
        // maxima: 1, 3, 6 (plateau 5..7 -> middle), 9, 11 (edges are never peaks)
        // prominence = height - max(lowest point left, lowest point right), each side walked until a
        // strictly higher sample (or the edge); the base is the lowest point closest to the peak:
        //   i=1  h=3: left {1} min 1 @0; right {2} (5 > 3 stops) min 2 @2       -> 3 - 2 = 1
        //   i=3  h=5: left {2,3,1} min 1 @0; right {2,4,4,4,1} (6 stops) min 1 @8 -> 5 - 1 = 4
        //   i=6  h=4: left {4,2} (5 stops) min 2 @4; right {4,1} (6 stops) min 1 @8 -> 4 - 2 = 2
        //   i=9  h=6: left everything, min 1 @8 (closest); right {0,2,1} min 0 @10 -> 6 - 1 = 5
        //   i=11 h=2: left {0} (6 stops) min 0 @10; right {1} min 1 @12          -> 2 - 1 = 1
        double[] x = {1, 3, 2, 5, 2, 4, 4, 4, 1, 6, 0, 2, 1};
        List<Profiles.Peak> all = Profiles.peaks(x, 0);
        int[] idx = {1, 3, 6, 9, 11};
        double[] prom = {1, 4, 2, 5, 1};
        int[] left = {0, 0, 4, 8, 10}, right = {2, 8, 8, 10, 12};
        assertEquals(idx.length, all.size(), all.toString());
        for (int k = 0; k < idx.length; k++) {
            Profiles.Peak pk = all.get(k);
            assertEquals(idx[k], pk.index(), pk.toString());
            assertEquals(x[idx[k]], pk.height(), 0, pk.toString()); // exact small integers: no tolerance
            assertEquals(prom[k], pk.prominence(), 0, pk.toString());
            assertEquals(left[k], pk.leftBase(), pk.toString());
            assertEquals(right[k], pk.rightBase(), pk.toString());
        }
        // minProminence is inclusive: scipy's find_peaks(x, prominence=2) -> [3, 6, 9]
        List<Profiles.Peak> strong = Profiles.peaks(x, 2);
        assertEquals(List.of(3, 6, 9), strong.stream().map(Profiles.Peak::index).toList());
        // a plateau at the edge or rising into the edge is no peak (scipy needs a drop on both sides)
        assertEquals(0, Profiles.peaks(new double[] {5, 1, 2, 3, 3}, 0).size());
    }

    @Test
    void medianOddEvenAndEmpty() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, Profiles.median(v), 0);
        assertArrayEquals(new double[] {5, 1, 4, 2, 3}, v, 0, "input left unsorted");
        assertEquals(2.5, Profiles.median(new double[] {4, 1, 3, 2}), 0);
        assertTrue(Double.isNaN(Profiles.median(new double[0])));
    }

    @Test
    void noiseRecoversGaussianSigma() {
        Random rnd = new Random(20240601L);
        int n = 10_000;
        double sigma = 3.0;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = 100 + sigma * rnd.nextGaussian();
        // 10%: the MAD-of-differences estimator has a relative standard error of about
        // 1.1/sqrt(n) ~ 1.1% on 10k samples, so 10% is ~9 standard errors: fails only when wrong
        assertEquals(sigma, Profiles.noise(p), 0.10 * sigma);
        // robust to structure: the same noise on a ramp with three strong peaks
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = p[i] + 0.02 * i;
            for (int c : new int[] {2000, 5000, 8000}) q[i] += 500 * Math.exp(-0.5 * Math.pow((i - c) / 8.0, 2));
        }
        assertEquals(sigma, Profiles.noise(q), 0.10 * sigma);
    }

    /** Running max and min against their definition: Math.max / Math.min over each clipped window, bit for bit. */
    @Test
    void runningMaxAndMinEqualTheFoldOverEachWindow() {
        Random rnd = new Random(11);
        double[] special = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int trial = 0; trial < 500; trial++) {
            int n = rnd.nextInt(60), half = rnd.nextInt(n + 6);
            double[] p = new double[n];
            // few distinct values (ties), signed zeros, now and then a NaN or an infinity
            for (int i = 0; i < n; i++) p[i] = rnd.nextInt(10) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextInt(5) - 2;
            double[] max = Profiles.max(p, half), min = Profiles.min(p, half);
            for (int i = 0; i < n; i++) {
                double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
                for (int j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) {
                    hi = Math.max(hi, p[j]);
                    lo = Math.min(lo, p[j]);
                }
                String where = "n " + n + " half " + half + " i " + i;
                assertEquals(0, Double.compare(hi, max[i]), where + ": max " + hi + " got " + max[i]);
                assertEquals(0, Double.compare(lo, min[i]), where + ": min " + lo + " got " + min[i]);
            }
        }
    }
}
