package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;

/**
 * A sparse dish's specks as a size group of their own (issue 19: "sparse dishes take in specks a
 * tenth of a colony's area, 17 colonies read 20"; high-resolution dish q08 read 16 for 9), while a
 * dense dish's small colonies, whose sizes run on from the large ones', stay.
 */
class SpeckGroupTest {
    /** A 400 x 400 grey dish photo (light wall ring of radius 170-176) with dark discs {x, y, radius}. */
    private static PlateImage dish(double[][] discs) {
        int n = 400, c = 200;
        Random rnd = new Random(11);
        float[] px = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
                double v = 150 + 3 * rnd.nextGaussian();
                if (r > 170 && r < 176) v = 230;
                for (double[] s : discs) if (Math.hypot(x + 0.5 - s[0], y + 0.5 - s[1]) < s[2]) v = 60;
                px[y * n + x] = (float) v;
            }
        }
        return PlateImage.gray(new Raster(n, n, px, 255));
    }

    private static WellResult quantify(PlateImage img) {
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        return WellQuantifier.quantify(img, o);
    }

    /**
     * 10 colonies of radius 9 px (about 250 px) and 12 specks of radius 3 px (about 28 px, a
     * tenth of a colony, above the twentieth that SPECK takes): main counted 22, flagged
     * small_objects; the specks are now rejected as such and the dish reads 10, unflagged.
     */
    @Test
    void aSparseDishsSpecksAreNotCounted() {
        double[][] discs = new double[22][];
        for (int k = 0; k < 10; k++) {
            double a = Math.toRadians(36 * k), d = k % 2 == 0 ? 60 : 120;
            discs[k] = new double[] {200 + d * Math.cos(a), 200 + d * Math.sin(a), 9};
        }
        for (int k = 0; k < 12; k++) {
            double a = Math.toRadians(30 * k + 15), d = k % 2 == 0 ? 90 : 140;
            discs[10 + k] = new double[] {200 + d * Math.cos(a), 200 + d * Math.sin(a), 3};
        }
        WellResult r = quantify(dish(discs));
        assertEquals(10, r.wells().get(0).colonies(), r.colonies().toString());
        assertEquals(12, r.rejected().stream().filter(k -> k.reason().equals("speck")).count(), r.rejected().toString());
        assertTrue(!r.wells().get(0).reasons().contains(WellResult.Check.SMALL_OBJECTS), r.wells().get(0).reasons().toString());
    }

    /**
     * A dense dish: 260 colonies of radius 2.2-11 px (log-uniform: 15-380 px), many small ones
     * touching large ones; their sizes run on without a gap, so none of the small ones (below a
     * quarter of the median) is taken as a speck.
     */
    @Test
    void aDenseDishKeepsItsSmallColonies() {
        Random rnd = new Random(5);
        double[][] discs = DishProofTest.spots(rnd, 260, 200, 200, 150, 0, 0);
        for (double[] d : discs) d[2] = 2.2 * Math.pow(5, rnd.nextDouble());
        WellResult r = quantify(dish(discs));
        int[] areas = r.colonies().stream().mapToInt(WellResult.Colony::area).sorted().toArray();
        long small = Arrays.stream(areas).filter(a -> a < 0.25 * areas[areas.length / 2]).count();
        assertTrue(areas.length > 150 && small >= 5, "small colonies are counted: " + small + " of " + areas.length);
        assertEquals(0, SpeckGroup.specks(areas));
        assertEquals(0, r.rejected().stream().filter(k -> k.reason().equals("speck")).count(), r.rejected().toString());
    }

    /** The group at its limits: the gap, a quarter of the colonies' median, the share of the count, four specks, five colonies. */
    @Test
    void aGroupAtItsLimits() {
        assertEquals(4, SpeckGroup.specks(areas(new int[] {20, 20, 20, 20, 36}, 9)), "a gap of 1.8 (36 is not below a quarter of 100)");
        assertEquals(0, SpeckGroup.specks(areas(new int[] {20, 20, 20, 20, 35}, 9)), "a gap of 1.75");
        assertEquals(0, SpeckGroup.specks(areas(new int[] {25, 25, 25, 25}, 10)), "a quarter of the colonies' median is not small");
        assertEquals(4, SpeckGroup.specks(areas(new int[] {20, 20, 20, 20}, 96)), "4 of 100");
        assertEquals(0, SpeckGroup.specks(areas(new int[] {20, 20, 20, 20}, 97)), "4 of 101 is under 4 %");
        assertEquals(0, SpeckGroup.specks(areas(new int[] {20, 20, 20}, 10)), "three specks are no group");
        assertEquals(4, SpeckGroup.specks(areas(new int[] {20, 20, 20, 20}, 5)));
        assertEquals(0, SpeckGroup.specks(areas(new int[] {20, 20, 20, 20}, 4)), "four colonies are too few to judge by");
    }

    /** The small areas, then {@code n} colonies of 100 px. */
    private static int[] areas(int[] small, int n) {
        int[] a = Arrays.copyOf(small, small.length + n);
        Arrays.fill(a, small.length, a.length, 100);
        return a;
    }
}
