package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** FloatSort gives Arrays.sort's order exactly, special values included. */
class FloatSortTest {

    /** select(a, k) is the sorted array's element k, bit for bit (NaN where the NaNs are), and leaves a as it was. */
    @Test
    void selectIsTheSortedArraysElement() {
        Random rnd = new Random(2);
        float[] specials = {Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int n : new int[] {1, 2, 7, 2000, 50_000}) {
            for (int kind = 0; kind < 3; kind++) {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (kind) {
                        case 0 -> (float) rnd.nextGaussian() * 1000;
                        case 1 -> rnd.nextInt(256) - 100; // many ties, negatives
                        default -> rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : (float) rnd.nextGaussian();
                    };
                }
                float[] before = a.clone(), sorted = a.clone();
                Arrays.sort(sorted);
                for (int k : new int[] {0, n / 4, n / 2, n - 1, rnd.nextInt(n)}) {
                    float got = FloatSort.select(a, k);
                    if (sorted[k] != sorted[k]) assertEquals(true, got != got, "n=" + n + " kind=" + kind + " k=" + k);
                    else assertEquals(Float.floatToRawIntBits(sorted[k]), Float.floatToRawIntBits(got), "n=" + n + " kind=" + kind + " k=" + k);
                }
                assertArrayEquals(before, a);
            }
        }
    }

    @Test
    void floatsInArraysSortOrder() {
        Random rnd = new Random(1);
        float[] specials = {Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000), -0.0f, 0.0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL};
        for (int n : new int[] {0, 1, 5, 1023, 1024, 1025, 5000, 100_000}) {
            for (int kind = 0; kind < 4; kind++) {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (kind) {
                        case 0 -> (float) rnd.nextGaussian() * 1000;
                        case 1 -> rnd.nextInt(256); // 8-bit values: many ties
                        case 2 -> Float.intBitsToFloat(rnd.nextInt()); // any bit pattern, NaNs and denormals included
                        default -> rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : (float) rnd.nextGaussian();
                    };
                }
                float[] want = a.clone(), got = a.clone();
                Arrays.sort(want);
                FloatSort.sort(got);
                assertArrayEquals(want, got, "n=" + n + " kind=" + kind); // NaNs compare equal among themselves
                for (int i = 0; i < n; i++) // and everything else bit for bit (-0.0 before 0.0)
                    if (want[i] == want[i]) assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "n=" + n + " kind=" + kind + " at " + i);
                // a part of the array (PartlySorted's groups), the rest left as it was
                int from = n / 3, to = n - n / 4;
                float[] wantPart = a.clone(), gotPart = a.clone();
                Arrays.sort(wantPart, from, to);
                FloatSort.sort(gotPart, from, to);
                assertArrayEquals(wantPart, gotPart, "n=" + n + " kind=" + kind + " from " + from + " to " + to);
            }
        }
    }

    @Test
    void longsInArraysSortOrder() {
        Random rnd = new Random(2);
        for (int n : new int[] {0, 3, 1023, 1024, 4000, 70_000}) {
            for (int kind = 0; kind < 3; kind++) {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (kind) {
                        case 0 -> rnd.nextLong();
                        case 1 -> ((long) (rnd.nextInt(2000) - 1000) << 32) | rnd.nextInt(1 << 18); // ColonyCounter's value << 32 | pixel
                        default -> Long.MIN_VALUE + rnd.nextInt(3) + (rnd.nextBoolean() ? Long.MAX_VALUE : 0);
                    };
                }
                long[] want = a.clone(), got = a.clone();
                Arrays.sort(want);
                FloatSort.sort(got);
                assertArrayEquals(want, got, "n=" + n + " kind=" + kind);
            }
        }
    }
}
