package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The wells core's one median: a sorted copy's value at n / 2, and the MAD on it, as the code each replaced computed them. */
class MediansTest {

    /** Floats: the sorted middle (Arrays.sort's order: -0.0, NaN last), the same index as round(0.5 (n - 1)), a unchanged. */
    @Test
    void floatMedianIsTheSortedUpperMiddle() {
        Random rnd = new Random(21);
        for (int t = 0; t < 400; t++) {
            int n = 1 + rnd.nextInt(t < 300 ? 60 : 5000);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = rnd.nextInt(10);
                a[i] = kind == 0 ? -0.0f : kind == 1 ? 0.0f : kind == 2 && t % 3 == 0 ? Float.NaN : t % 2 == 0 ? rnd.nextInt(6) : (float) rnd.nextGaussian();
            }
            float[] before = a.clone(), sorted = a.clone();
            Arrays.sort(sorted);
            assertEquals(n / 2, (int) Math.round(0.5 * (n - 1)), "the index WellQuantifier's median read");
            assertEquals(Float.floatToIntBits(sorted[n / 2]), Float.floatToIntBits(Medians.upper(a)), "n " + n);
            assertEquals(Arrays.toString(before), Arrays.toString(a), "unchanged");
        }
    }

    /** Doubles by selection (the lawn test's): the sorted middle, ties (8-bit means) and all. */
    @Test
    void doubleMedianBySelectionIsTheSortedMiddle() {
        Random rnd = new Random(18);
        for (int t = 0; t < 300; t++) {
            int n = 1 + rnd.nextInt(t < 200 ? 130 : 5000);
            double[] a = new double[n + 3];
            for (int i = 0; i < n; i++) a[i] = t % 2 == 0 ? rnd.nextInt(6) / 4.0 : rnd.nextGaussian();
            double[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            assertEquals(sorted[n / 2], Medians.upper(a, n), "n " + n);
        }
    }

    /**
     * The MAD in floats is the value both replaced codes gave: ColonyCounter's high-pass noise (float differences)
     * and PartlyCleared's texture SD (differences in doubles from the widened median, cast back), on values of
     * many octaves (where a double rounding could differ, it does not: 53 bits hold 2 x 24 + 2).
     */
    @Test
    void floatMadIsBothOldDefinitions() {
        Random rnd = new Random(7);
        for (int t = 0; t < 300; t++) {
            int n = 1 + rnd.nextInt(t < 200 ? 80 : 20000);
            float[] a = new float[n];
            for (int i = 0; i < n; i++)
                a[i] = t % 3 == 0 ? rnd.nextInt(256) : (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(60) - 30));
            float[] high = a.clone(), partly = a.clone(), ours = a.clone();
            float hm = FloatSort.select(high, n / 2);
            for (int i = 0; i < n; i++) high[i] = Math.abs(high[i] - hm);
            float oldHigh = FloatSort.select(high, n / 2);
            double pm = FloatSort.select(partly, partly.length / 2);
            for (int i = 0; i < n; i++) partly[i] = (float) Math.abs(partly[i] - pm);
            float oldPartly = FloatSort.select(partly, partly.length / 2);
            float mad = Medians.mad(ours, Medians.upper(ours));
            assertEquals(Float.floatToIntBits(oldHigh), Float.floatToIntBits(mad), "n " + n);
            assertEquals(Float.floatToIntBits(oldPartly), Float.floatToIntBits(mad), "n " + n);
        }
    }

    /** The MAD in doubles (the lawn test's noise): the sorted definition, the input unchanged. */
    @Test
    void doubleMadIsTheSortedDefinition() {
        Random rnd = new Random(3);
        for (int t = 0; t < 200; t++) {
            int n = 1 + rnd.nextInt(3000);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = t % 2 == 0 ? rnd.nextInt(20) / 3.0 : rnd.nextGaussian() * 50;
            double[] before = a.clone(), s = a.clone();
            Arrays.sort(s);
            double m = s[n / 2];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = Math.abs(a[i] - m);
            Arrays.sort(d);
            assertEquals(d[n / 2], Medians.mad(a, n), "n " + n);
            assertEquals(Arrays.toString(before), Arrays.toString(a));
        }
    }
}
