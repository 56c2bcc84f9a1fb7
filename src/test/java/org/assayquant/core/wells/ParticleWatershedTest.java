package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ij.plugin.filter.EDM;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;

/** The per-particle watershed gives EDM.toWatershed's mask pixel for pixel. */
class ParticleWatershedTest {

    /** Touching and overlapping discs of several sizes (pairs, chains, clusters), some cut by the crop's edges, plus specks and lines. */
    private static ByteProcessor blobs(int w, int h, long seed, int discs) {
        Random rnd = new Random(seed);
        ByteProcessor ip = new ByteProcessor(w, h);
        byte[] m = (byte[]) ip.getPixels();
        for (int k = 0; k < discs; k++) {
            double cx = rnd.nextDouble() * w, cy = rnd.nextDouble() * h, r = 1 + rnd.nextDouble() * (k % 5 == 0 ? 25 : 8);
            int group = 1 + rnd.nextInt(3);
            for (int g = 0; g < group; g++) {
                double gx = cx + g * r * (1.2 + 0.5 * rnd.nextDouble()), gy = cy + g * r * (rnd.nextDouble() - 0.5);
                for (int y = (int) Math.max(0, gy - r - 1); y < Math.min(h, gy + r + 1); y++)
                    for (int x = (int) Math.max(0, gx - r - 1); x < Math.min(w, gx + r + 1); x++)
                        if ((x - gx) * (x - gx) + (y - gy) * (y - gy) <= r * r) m[y * w + x] = (byte) 255;
            }
        }
        for (int k = 0; k < 3; k++) { // thin lines and a diagonal touch
            int y = rnd.nextInt(h);
            for (int x = rnd.nextInt(Math.max(1, w / 2)); x < w; x++) m[y * w + x] = (byte) 255;
        }
        return ip;
    }

    @Test
    void boxesGiveTheWholeCropsWatershed() {
        int fg = 0;
        int[][] sizes = {{300, 200}, {157, 311}, {64, 64}, {1, 40}, {40, 1}, {2, 2}};
        for (int[] s : sizes) {
            for (long seed = 1; seed <= 4; seed++) {
                ByteProcessor a = blobs(s[0], s[1], seed, Math.max(1, s[0] * s[1] / 600));
                ByteProcessor b = (ByteProcessor) a.duplicate();
                new EDM().toWatershed(a);
                ParticleWatershed.boxes(b);
                assertArrayEquals((byte[]) a.getPixels(), (byte[]) b.getPixels(), s[0] + "x" + s[1] + " seed " + seed);
                for (byte v : (byte[]) a.getPixels()) if (v != 0) fg++;
            }
        }
        assertTrue(fg > 20000, "foreground pixels tested: " + fg);
    }

    @Test
    void anAllForegroundOrEmptyCropIsLeftAsImageJLeavesIt() {
        for (int v : new int[] {0, 255}) {
            ByteProcessor a = new ByteProcessor(30, 20);
            a.setValue(v);
            a.fill();
            ByteProcessor b = (ByteProcessor) a.duplicate();
            new EDM().toWatershed(a);
            ParticleWatershed.boxes(b);
            assertArrayEquals((byte[]) a.getPixels(), (byte[]) b.getPixels(), "value " + v);
        }
    }
}
