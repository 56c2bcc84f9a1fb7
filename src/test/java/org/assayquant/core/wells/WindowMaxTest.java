package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** WellFinder.windowMax (the Hough peaks' neighbourhood maximum) against the definition, pixel by pixel. */
class WindowMaxTest {

    @Test
    void equalsTheMaximumOverEachClippedWindow() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int w = 1 + rnd.nextInt(40), h = 1 + rnd.nextInt(40), win = rnd.nextInt(50);
            float[] a = new float[w * h];
            // few distinct values: ties (a plateau is a peak wherever nothing in its window is higher)
            for (int i = 0; i < a.length; i++) a[i] = trial % 2 == 0 ? rnd.nextInt(5) - 1 : (float) rnd.nextGaussian();
            float[] got = WellFinder.windowMax(a, w, h, win);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int yy = Math.max(0, y - win); yy <= Math.min(h - 1, y + win); yy++)
                        for (int xx = Math.max(0, x - win); xx <= Math.min(w - 1, x + win); xx++) max = Math.max(max, a[yy * w + xx]);
                    assertEquals(max, got[y * w + x], 0, "w " + w + " h " + h + " win " + win + " at " + x + "," + y);
                }
            }
        }
    }
}
