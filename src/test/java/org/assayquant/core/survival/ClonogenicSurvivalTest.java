package org.assayquant.core.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;

/**
 * Plating efficiency and surviving fraction against hand computation with the definitions of
 * Franken et al. 2006 (Nat Protoc 1:2315): PE = colonies / cells seeded, SF = colonies / (cells
 * seeded x PE of the controls).
 */
class ClonogenicSurvivalTest {
    static final double NA = Double.NaN;

    static ClonogenicSurvival.Well w(String label, String condition, double a, double b, double cells, int colonies) {
        return new ClonogenicSurvival.Well(label, condition, a, b, cells, colonies);
    }

    /** A radiation-style series: more cells seeded at higher doses, as in the protocol. */
    static final List<ClonogenicSurvival.Well> SERIES = List.of(
            w("A1", "0 Gy", 0, 0, 200, 60), w("A2", "0 Gy", 0, 0, 200, 56), w("A3", "0 Gy", 0, 0, 200, 64),
            w("B1", "2 Gy", 2, 0, 400, 96), w("B2", "2 Gy", 2, 0, 400, 88),
            w("C1", "6 Gy", 6, 0, 1000, 105), w("C2", "6 Gy", 6, 0, 1000, 0));

    @Test
    void platingEfficiencyAndSurvivingFractionByHand() {
        ClonogenicSurvival.Result r = ClonogenicSurvival.compute(SERIES, "0 Gy");
        // by hand: control PE 60/200 = 0.30, 56/200 = 0.28, 64/200 = 0.32, mean 0.30
        assertEquals(0.30, r.controlPe(), 1e-12);
        assertEquals(3, r.controlWells());
        double[] pe = {0.30, 0.28, 0.32, 0.24, 0.22, 0.105, 0};
        // SF = PE / 0.30: 1, 0.9333, 1.0667, 0.8, 0.7333, 0.35, 0
        double[] sf = {1, 0.28 / 0.30, 0.32 / 0.30, 0.8, 0.22 / 0.30, 0.35, 0};
        for (int i = 0; i < pe.length; i++) {
            assertEquals(pe[i], r.platingEfficiency()[i], 1e-12, SERIES.get(i).label());
            assertEquals(sf[i], r.survivingFraction()[i], 1e-12, SERIES.get(i).label());
        }
        assertEquals(0.8, 96.0 / (400 * 0.30), 1e-12, "the protocol's form colonies / (seeded x PE) is the same number");
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void withoutCellsSeededOrControlNothingIsDivided() {
        List<ClonogenicSurvival.Well> noCells = List.of(w("A1", "control", 0, 0, NA, 50), w("A2", "drug", 1, 0, NA, 20));
        ClonogenicSurvival.Result r = ClonogenicSurvival.compute(noCells, "control");
        assertTrue(Double.isNaN(r.platingEfficiency()[0]) && Double.isNaN(r.survivingFraction()[1]));
        ClonogenicSurvival.Result none = ClonogenicSurvival.compute(SERIES, null);
        assertEquals(0.24, none.platingEfficiency()[3], 1e-12);
        assertTrue(Double.isNaN(none.survivingFraction()[3]));
        // control wells without colonies: PE 0, SF undefined (never 0/0 or x/0), a warning says so
        List<ClonogenicSurvival.Well> dead = List.of(w("A1", "control", 0, 0, 100, 0), w("A2", "drug", 1, 0, 100, 5));
        ClonogenicSurvival.Result d = ClonogenicSurvival.compute(dead, "control");
        assertEquals(0, d.controlPe());
        assertTrue(Double.isNaN(d.survivingFraction()[1]));
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("have no colonies"), d.warnings().toString());
    }

    @Test
    void theControlIsTheConditionWithoutDrugElseByName() {
        assertEquals("0 Gy", ClonogenicSurvival.autoControl(SERIES, true));
        // empty doses count as 0 (a single-agent layout leaves dose_b empty)
        assertEquals("none", ClonogenicSurvival.autoControl(List.of(w("A1", "none", 0, NA, 1, 1), w("A2", "x", 1, NA, 1, 1)), true));
        // without doses: the names control, untreated, DMSO, vehicle (case-insensitive, in this order)
        assertEquals("dmso", ClonogenicSurvival.autoControl(List.of(w("A1", "drug", NA, NA, 1, 1), w("A2", "dmso", NA, NA, 1, 1)), false));
        assertEquals("Untreated", ClonogenicSurvival.autoControl(List.of(w("A1", "DMSO", NA, NA, 1, 1), w("A2", "Untreated", NA, NA, 1, 1)), false));
        // two undosed conditions: the name decides; if it cannot, the user must
        assertEquals("vehicle", ClonogenicSurvival.autoControl(List.of(w("A1", "medium", 0, 0, 1, 1), w("A2", "vehicle", 0, 0, 1, 1)), true));
        AssayException e = assertThrows(AssayException.class,
                () -> ClonogenicSurvival.autoControl(List.of(w("A1", "medium", 0, 0, 1, 1), w("A2", "water", 0, 0, 1, 1)), true));
        assertTrue(e.usage && e.getMessage().contains("medium, water"), e.getMessage());
        // a condition with a dosed well is not the control even if another well of it has dose 0
        assertNull(ClonogenicSurvival.autoControl(List.of(w("A1", "mix", 0, 0, 1, 1), w("A2", "mix", 1, 0, 1, 1)), true));
        assertNull(ClonogenicSurvival.autoControl(List.of(w("A1", "a", NA, NA, 1, 1), w("A2", "b", NA, NA, 1, 1)), false));
    }
}
