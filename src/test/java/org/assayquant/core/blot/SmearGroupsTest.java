package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;

/**
 * A film of smear lanes in replicate groups (the development scans FLG rep 1-3 and 4-5, inverted as the blot
 * command measures them): groups of four lanes 42 px apart, strong, strong, nearly empty, strongest; the groups
 * 250 px apart. The column profile's pitch is the groups' (250) and its harmonic the strong lanes' (125): on main
 * each found lane held two or three lanes (6 lanes for 12).
 */
class SmearGroupsTest {
    static final int W = 1000, H = 600, PITCH = 42, GROUP = 250, FIRST = 100;
    /** Each lane's smear over the film's base, by its place in the group (the third lane is nearly empty). */
    static final double[] LOAD = {65, 55, 6, 140};

    static double centre(int group, int lane) { return FIRST + group * GROUP + lane * PITCH; }

    static Raster film(long seed) {
        Random rnd = new Random(seed);
        float[] px = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = 20;
                for (int g = 0; g < 3; g++) {
                    for (int l = 0; l < 4; l++) {
                        double dx = Math.abs(x - centre(g, l));
                        if (dx < 17) v += LOAD[l] * Math.exp(-0.5 * Math.pow(dx / 12, 4)) * smear(y);
                    }
                }
                px[y * W + x] = (float) Math.max(0, Math.min(255, v + 2 * rnd.nextGaussian()));
            }
        }
        return new Raster(W, H, px, 255);
    }

    /** A smear down the lane (rows 260-480), strongest at its top and in a band at row 440. */
    static double smear(int y) {
        if (y < 260 || y > 480) return 0;
        return 0.4 + 0.6 * Math.exp(-(y - 260) / 60.0) + 0.8 * Math.exp(-0.5 * Math.pow((y - 440) / 8.0, 2));
    }

    @Test
    void eachLaneOfTheGroupsIsALaneOfItsOwn() {
        for (long seed = 1; seed <= 3; seed++) {
            List<LaneFinder.Span> lanes = LaneFinder.lanes(film(seed), true).spans();
            for (int g = 0; g < 3; g++) {
                for (int l = 0; l < 4; l++) {
                    double c = centre(g, l);
                    List<LaneFinder.Span> at = lanes.stream().filter(s -> s.left() <= c && c < s.right()).toList();
                    assertEquals(1, at.size(), "seed " + seed + ", group " + g + " lane " + l + ": " + lanes);
                    LaneFinder.Span found = at.get(0);
                    long held = java.util.stream.IntStream.range(0, 12).mapToDouble(i -> centre(i / 4, i % 4))
                            .filter(o -> found.left() <= o && o < found.right()).count();
                    assertEquals(1, held, "seed " + seed + ", group " + g + " lane " + l + " not alone: " + lanes);
                    assertEquals(c, at.get(0).centre(), PITCH / 4.0, "seed " + seed + ", group " + g + " lane " + l + ": " + lanes);
                }
            }
        }
    }
}
