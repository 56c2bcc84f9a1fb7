package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** ColonyCounter's noise statistics from partly sorted values give the same doubles as from a whole sort (the code before session 19). */
class BaseNoiseTest {

    @Test
    void sameDoublesAsTheWholeSort() {
        Random rnd = new Random(19);
        for (int n : new int[] {1, 2, 3, 16, 17, 40, 1000, 30_000, 120_000}) {
            for (int kind = 0; kind < 6; kind++) {
                float[] v = new float[n + n / 3 + 1];
                boolean[] inside = new boolean[v.length];
                int m = 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = value(rnd, kind);
                    inside[i] = m < n && (rnd.nextInt(4) > 0 || v.length - i <= n - m);
                    if (inside[i]) m++;
                }
                double[] want = wholeSort(v, inside, n), got = ColonyCounter.baseNoise(v, inside, n);
                for (int j = 0; j < 4; j++)
                    assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(got[j]), "n=" + n + " kind=" + kind + " statistic " + j);
            }
        }
    }

    /** A background with noise and the kinds of stain and values a flattened or smoothed well holds. */
    private static float value(Random rnd, int kind) {
        double g = rnd.nextGaussian();
        return switch (kind) {
            case 0 -> (float) (2 * g); // plain background about 0: negatives, -0.0 and denormals' groups
            case 1 -> (float) (rnd.nextInt(10) < 3 ? 40 + 20 * rnd.nextDouble() : 3 + g); // stained tail: clipping
            case 2 -> (float) (rnd.nextInt(10) < 6 ? 80 + 30 * g : 5 + 1.5 * g); // crowded: the mode's noise
            case 3 -> rnd.nextInt(256); // 8-bit values: ties
            case 4 -> (float) (rnd.nextInt(10) == 0 ? -0.0 : rnd.nextInt(10) == 0 ? Float.MIN_VALUE * rnd.nextInt(5) : 1000 + 0.01 * g);
            default -> (float) (Math.exp(3 * g) - 1); // many octaves
        };
    }

    /** ColonyCounter.baseNoise as it was before session 19: a whole sort of the values inside. */
    private static double[] wholeSort(float[] v, boolean[] inside, int n) {
        float[] sv = new float[n];
        for (int i = 0, j = 0; i < v.length; i++) if (inside[i]) sv[j++] = v[i];
        Arrays.sort(sv);
        int len = sv.length;
        double base = 0, noise = 0;
        for (int it = 0; it < 10; it++) {
            base = sv[len / 2];
            noise = (base - sv[len / 4]) / 0.6745;
            double cut = base + 3 * noise;
            int next = len;
            while (next > 16 && sv[next - 1] > cut) next--;
            if (next == len) break;
            len = next;
        }
        int k = Math.max(1, sv.length / 20), at = 0;
        for (int i = 0; i + k < sv.length; i++) if (sv[i + k] - sv[i] < sv[at + k] - sv[at]) at = i;
        int modeRank = Math.min(sv.length - 1, at + k / 2);
        double mode = sv[modeRank], modeNoise = mode - sv[(int) (0.3174 * modeRank)];
        if (base - mode > 20 * modeNoise) {
            base = mode;
            noise = modeNoise;
        }
        noise = Math.max(noise, 1e-6 + 0.002 * Math.max(1, sv[sv.length - 1]));
        return new double[] {base, noise, sv[(int) (0.995 * (sv.length - 1))], sv[(int) (0.999 * (sv.length - 1))]};
    }
}
