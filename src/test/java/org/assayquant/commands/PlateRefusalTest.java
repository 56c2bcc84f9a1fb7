package org.assayquant.commands;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.wells.Circle;
import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.WellFinder.Plate;

/**
 * A blot batch skips plate and dish photos only on proof. Real imager blots and gel photos showed
 * a "dish" touching their band rows, its circle backed by edges over 0.40-0.50 of its
 * circumference (4 of 33 athenaz2 blots were skipped by a batch); dish photos' walls 0.53-1.0.
 */
class PlateRefusalTest {
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
        for (double s : new double[] {0.40, 0.43, 0.50}) assertFalse(QuantifyBlotBands.isPlate(dish(s)), "support " + s);
        for (double s : new double[] {0.68, 0.75, 1.0}) assertTrue(QuantifyBlotBands.isPlate(dish(s)), "support " + s);
    }

    @Test
    void aLatticeMostlyPlacedIsNoProof() {
        assertFalse(QuantifyBlotBands.isPlate(sixWells(4)));
        assertTrue(QuantifyBlotBands.isPlate(sixWells(6)));
        Plate doubted = sixWells(6);
        assertFalse(QuantifyBlotBands.isPlate(new Plate(doubted.format(), 2, 3, doubted.wells(), 0, 6, List.of("walls off the lattice"))));
    }
}
