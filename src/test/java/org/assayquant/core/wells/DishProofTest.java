package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.wells.WellFinder.Plate;

/**
 * A dish or plate is taken as proven only when its walls back it. Real imager blots and gel photos
 * showed a "dish" touching their band rows, its circle backed by edges over 0.40-0.50 of its
 * circumference (a blot batch skipped 4 of athenaz2's 33 blots as dish photos; the wells command
 * counted "colonies" on them); dish photos' walls back 0.53-1.0.
 */
class DishProofTest {
    static Plate dish(double support) {
        return new Plate(PlateFormat.DISH, 1, 1, List.of(new Circle(500, 370, 230, support)), 0, 1, List.of());
    }

    static Plate sixWells(int seen) {
        List<Circle> wells = new ArrayList<>();
        for (int i = 0; i < 6; i++) wells.add(new Circle(100 + 150 * (i % 3), 100 + 150 * (i / 3), 60, i < seen ? 0.9 : 0));
        return new Plate(PlateFormat.W6, 2, 3, wells, 0, seen, List.of());
    }

    @Test
    void aDishTouchingABlotsBandRowsIsNoProof() {
        for (double s : new double[] {0.40, 0.43, 0.50}) assertFalse(dish(s).proven(), "support " + s);
        for (double s : new double[] {0.68, 0.75, 1.0}) assertTrue(dish(s).proven(), "support " + s);
    }

    @Test
    void aLatticeMostlyPlacedIsNoProof() {
        assertFalse(sixWells(4).proven());
        assertTrue(sixWells(6).proven());
        Plate doubted = sixWells(6);
        assertFalse(new Plate(doubted.format(), 2, 3, doubted.wells(), 0, 6, List.of("walls off the lattice")).proven());
    }

    /** A 6-well "plate" found on a blot: its walls (band rows) back 0.21-0.32 of their circles; real plates' 0.79-1.0 at the median. */
    @Test
    void aPlateOfWeakWallsIsNoProof() {
        List<Circle> wells = new ArrayList<>();
        double[] support = {0.24, 0.21, 0, 0, 0.32, 0.25};
        for (int i = 0; i < 6; i++) wells.add(new Circle(100 + 150 * (i % 2), 100 + 150 * (i / 2), 60, support[i]));
        Plate onABlot = new Plate(PlateFormat.W6, 3, 2, wells, 90, 6, List.of());
        assertTrue(onABlot.weakWalls());
        assertFalse(onABlot.proven());
        assertFalse(sixWells(6).weakWalls());
    }

    /** count discs {x, y, radius} spread evenly over the circle of radius reach around (cx, cy), radius r0 + up to spread. */
    static double[][] spots(Random rnd, int count, double cx, double cy, double reach, double r0, double spread) {
        double[][] spots = new double[count][];
        for (int k = 0; k < count; k++) {
            double a = rnd.nextDouble() * 2 * Math.PI, d = reach * Math.sqrt(rnd.nextDouble());
            spots[k] = new double[] {cx + d * Math.cos(a), cy + d * Math.sin(a), r0 + spread * rnd.nextDouble()};
        }
        return spots;
    }

    /**
     * A 400 x 400 grey photo: 25 dark colonies (radius 5-7 px) inside a circle of radius 170 whose
     * light wall ring is drawn over {@code arcDegrees} of its circumference only, the rest of the
     * circle as light as the bench.
     */
    static PlateImage partWall(double arcDegrees) {
        int n = 400, c = 200;
        Random rnd = new Random(7);
        double[][] spots = spots(rnd, 25, c, c, 130, 5, 2);
        float[] px = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x + 0.5 - c, y + 0.5 - c), deg = Math.toDegrees(Math.atan2(y + 0.5 - c, x + 0.5 - c)) + 180;
                double v = 150 + 3 * rnd.nextGaussian();
                if (r > 170 && r < 176 && deg < arcDegrees) v = 230;
                for (double[] s : spots) if (Math.hypot(x + 0.5 - s[0], y + 0.5 - s[1]) < s[2]) v = 60;
                px[y * n + x] = (float) v;
            }
        }
        return PlateImage.gray(new Raster(n, n, px, 255));
    }

    /** The image counted as a dish with the default options. */
    static WellResult quantify(PlateImage img) {
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        return WellQuantifier.quantify(img, o);
    }

    @Test
    void aDishWhoseWallBacksHalfItsCircleIsFlagged() {
        WellResult half = quantify(partWall(190));
        assertEquals(List.of(WellResult.Check.WEAK_WALL), half.wells().get(0).reasons(), half.warnings().toString());
        assertTrue(half.warnings().stream().anyMatch(s -> s.contains("it may be no dish")), half.warnings().toString());
        WellResult whole = quantify(partWall(360));
        assertEquals(List.of(), whole.wells().get(0).reasons());
        assertEquals(whole.wells().get(0).colonies(), half.wells().get(0).colonies(), "the count itself is not changed");
    }
}
