package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private static PlateImage dish(List<double[]> discs) {
        float[] px = greyDish(new Random(11));
        for (double[] s : discs) disc(px, s);
        return PlateImage.gray(new Raster(400, 400, px, 255));
    }

    /** The pixels of a 400 x 400 grey dish photo: 150 with noise of SD 3 from rnd, a light wall ring of radius 170-176. */
    static float[] greyDish(Random rnd) {
        int n = 400, c = 200;
        float[] px = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
                px[y * n + x] = (float) (r > 170 && r < 176 ? 230 : 150 + 3 * rnd.nextGaussian());
            }
        }
        return px;
    }

    /** A dark colony (60) painted on greyDish's pixels: a disc {x, y, radius}. */
    static void disc(float[] px, double[] s) {
        for (int y = (int) (s[1] - s[2]); y <= s[1] + s[2]; y++)
            for (int x = (int) (s[0] - s[2]); x <= s[0] + s[2]; x++)
                if (Math.hypot(x + 0.5 - s[0], y + 0.5 - s[1]) < s[2]) px[y * 400 + x] = 60;
    }

    /**
     * 10 colonies of radius 9 px and 12 specks of radius 3 px (a ninth of a colony's area drawn;
     * measured after the smoothing 327-332 and 53-59 px, above the twentieth that SPECK takes):
     * main counted 22; the specks are now rejected as such and the dish reads 10.
     */
    @Test
    void aSparseDishsSpecksAreNotCounted() {
        List<double[]> discs = new ArrayList<>();
        for (int k = 0; k < 10; k++) discs.add(at(36 * k, k % 2 == 0 ? 60 : 120, 9));
        for (int k = 0; k < 12; k++) discs.add(at(30 * k + 15, k % 2 == 0 ? 90 : 140, 3));
        WellResult r = DishProofTest.quantify(dish(discs));
        assertEquals(10, r.wells().get(0).colonies(), r.colonies().toString());
        assertEquals(12, r.rejected().stream().filter(k -> k.reason().equals("speck")).count(), r.rejected().toString());
    }

    /** A disc of this radius at this angle (degrees) and distance from the dish's centre. */
    private static double[] at(double degrees, double d, double radius) {
        double a = Math.toRadians(degrees);
        return new double[] {200 + d * Math.cos(a), 200 + d * Math.sin(a), radius};
    }

    /**
     * A dense dish: 120 colonies of radius 6-9 px (113-254 px), 40 of 3.2-6 px, and 40 small
     * colonies of 2.2-3.2 px (15-32 px, under a quarter of the median) each 1 px off a large one's
     * edge. Their sizes run on without a gap, so the small ones stay colonies.
     */
    @Test
    void aDenseDishKeepsItsSmallColonies() {
        Random rnd = new Random(5);
        List<double[]> discs = new ArrayList<>();
        while (discs.size() < 160) {
            double[] d = at(360 * rnd.nextDouble(), 150 * Math.sqrt(rnd.nextDouble()), discs.size() < 120 ? 6 + 3 * rnd.nextDouble() : 3.2 + 2.8 * rnd.nextDouble());
            if (apart(d, discs)) discs.add(d);
        }
        for (int k = 0; k < 40; ) {
            double[] host = discs.get(rnd.nextInt(120));
            double r = 2.2 + rnd.nextDouble(), a = 2 * Math.PI * rnd.nextDouble(), d = host[2] + r + 1;
            double[] small = {host[0] + d * Math.cos(a), host[1] + d * Math.sin(a), r};
            if (apart(small, discs.stream().filter(o -> o != host).toList()) && Math.hypot(small[0] - 200, small[1] - 200) < 155) {
                discs.add(small);
                k++;
            }
        }
        WellResult r = DishProofTest.quantify(dish(discs));
        int[] areas = r.colonies().stream().mapToInt(WellResult.Colony::area).sorted().toArray();
        long small = Arrays.stream(areas).filter(a -> a < 0.25 * areas[areas.length / 2]).count();
        assertTrue(areas.length > 180 && small >= 20, "small colonies are counted: " + small + " of " + areas.length);
        assertEquals(0, SpeckGroup.specks(areas));
        assertEquals(0, r.rejected().stream().filter(k -> k.reason().equals("speck")).count(), r.rejected().toString());
    }

    /** d lies at least 2 px off every disc of the list. */
    private static boolean apart(double[] d, List<double[]> discs) {
        for (double[] o : discs) if (Math.hypot(o[0] - d[0], o[1] - d[1]) < o[2] + d[2] + 2) return false;
        return true;
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
