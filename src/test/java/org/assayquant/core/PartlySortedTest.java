package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** PartlySorted reads as a sorted copy: every rank, the count up to a level and the first narrowest window. */
class PartlySortedTest {

    @Test
    void readsAsTheSortedCopy() {
        Random rnd = new Random(7);
        float[] specials = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 1, -1};
        for (int n : new int[] {0, 1, 2, 5, 100, 3000}) {
            for (int kind = 0; kind < 4; kind++) {
                float[] v = new float[n];
                boolean[] inside = new boolean[n];
                Arrays.fill(inside, true);
                for (int i = 0; i < n; i++) {
                    v[i] = switch (kind) {
                        case 0 -> (float) rnd.nextGaussian();
                        case 1 -> rnd.nextInt(5); // ties: windows of equal width, the first wins
                        case 2 -> specials[rnd.nextInt(specials.length)];
                        default -> (float) (rnd.nextInt(3) == 0 ? 1e6 * rnd.nextGaussian() : 1 + 1e-3 * rnd.nextGaussian());
                    };
                }
                float[] sorted = v.clone();
                Arrays.sort(sorted);
                PartlySorted p = new PartlySorted(v, inside, n);
                String at = "n=" + n + " kind=" + kind;
                for (int r = 0; r < n; r++) assertEquals(Float.floatToRawIntBits(sorted[r]), Float.floatToRawIntBits(p.get(r)), at + " rank " + r);
                for (double x : new double[] {Double.NaN, -0.0, 0.0, 1, -1, 1e300, -1e300, n > 0 ? sorted[rnd.nextInt(n)] : 0, rnd.nextGaussian()}) {
                    int want = n;
                    while (want > 0 && sorted[want - 1] > x) want--;
                    assertEquals(want, p.notAbove(x), at + " x=" + x);
                }
                for (int k : new int[] {1, n / 20 + 1, n / 2, n}) {
                    int want = 0;
                    for (int i = 0; i + k < n; i++) if (sorted[i + k] - sorted[i] < sorted[want + k] - sorted[want]) want = i;
                    assertEquals(want, new PartlySorted(v, inside, n).narrowest(k), at + " k=" + k);
                }
            }
        }
    }

    /**
     * A thread's arrays are reused: a smaller set after a larger one (the larger one's values left beyond its end) reads
     * as its own sorted copy, and the earlier instance, whose arrays it took, refuses to be read.
     */
    @Test
    void aLaterInstanceOnTheThreadTakesTheArrays() {
        Random rnd = new Random(5);
        float[] large = new float[5000];
        for (int i = 0; i < large.length; i++) large[i] = 100 + (float) rnd.nextGaussian();
        boolean[] all = new boolean[large.length];
        Arrays.fill(all, true);
        PartlySorted first = new PartlySorted(large, all, large.length);
        assertEquals(large.length, first.length());
        float[] small = {3, -1, 2, 2, 0.5f};
        PartlySorted second = new PartlySorted(small, new boolean[] {true, true, false, true, true}, 4);
        assertEquals(4, second.length());
        float[] want = {-1, 0.5f, 2, 3};
        for (int r = 0; r < want.length; r++) assertEquals(want[r], second.get(r));
        assertEquals(4, second.notAbove(1e30));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> second.get(4));
        assertThrows(IllegalStateException.class, () -> first.get(0));
        assertThrows(IllegalStateException.class, () -> first.notAbove(100));
    }

    /** Its groups' bounds hold for finite values only (an image's are): anything else is refused, not read wrong. */
    @Test
    void refusesWhatIsNotFinite() {
        for (float x : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xffc00000)})
            assertThrows(IllegalArgumentException.class, () -> new PartlySorted(new float[] {1, x}, new boolean[] {true, true}, 2));
    }
}
