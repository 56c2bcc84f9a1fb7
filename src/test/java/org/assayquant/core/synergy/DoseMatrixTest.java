package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Dose levels: floating-point noise in a dose is not a new dose level, and the merge is reported. */
class DoseMatrixTest {

    /**
     * A 6 x 6 design whose drug A doses were written twice, once computed (0.1 * 3^k with its
     * rounding noise, ~1e-9 relative) and once typed: 6 levels, not 11, each cell holding both
     * replicates, and one warning per merged level; the scores equal those of the clean design.
     */
    @Test
    void dosesWithinOneMillionthAreOneLevel() {
        double[] typed = {0, 0.1, 0.3, 0.9, 2.7, 8.1}, b = {0, 1, 2, 4, 8, 16};
        List<DoseMatrix.Measurement> noisy = new ArrayList<>(), clean = new ArrayList<>();
        for (int i = 0; i < b.length; i++)
            for (int j = 0; j < typed.length; j++) {
                double computed = typed[j] * (1 + 1e-9 * (j % 2 == 0 ? 1 : -1)); // never 0 for 0
                double fa = 0.8 * typed[j] / (typed[j] + 1) + 0.5 * b[i] / (b[i] + 4) * (1 - 0.8 * typed[j] / (typed[j] + 1)) + 0.01 * ((i * 7 + j * 3) % 5);
                noisy.add(new DoseMatrix.Measurement(typed[j], b[i], fa));
                noisy.add(new DoseMatrix.Measurement(computed, b[i], fa + 0.02));
                noisy.add(new DoseMatrix.Measurement(typed[j], b[i], fa - 0.01));
                clean.add(new DoseMatrix.Measurement(typed[j], b[i], fa));
                clean.add(new DoseMatrix.Measurement(typed[j], b[i], fa + 0.02));
                clean.add(new DoseMatrix.Measurement(typed[j], b[i], fa - 0.01));
            }
        List<String> w = new ArrayList<>();
        DoseMatrix m = DoseMatrix.of(noisy, w);
        assertArrayEquals(typed, m.dosesA(), 0, "the value most wells carry");
        assertEquals(6, m.rows());
        assertEquals(3, m.replicates(2, 3).length);
        assertEquals(5, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("drug A: doses 0.09999999") && w.get(0).endsWith(", 0.1 differ by less than 1.0E-6 (relative) and are taken as one dose level, 0.1 (2 values merged)"), w.get(0));
        SynergyAnalysis.Result r = SynergyAnalysis.run(m, 0, 1), c = SynergyAnalysis.run(DoseMatrix.of(clean), 0, 1);
        for (int k = 0; k < 4; k++) assertEquals(c.summary().get(k).score(), r.summary().get(k).score(), 0, SynergyAnalysis.MODELS[k]);
    }

    /** Real dilution steps, even close ones (1 % apart), and dose 0 stay apart. */
    @Test
    void distinctDosesStayApart() {
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (double a : new double[] {0, 1e-9, 1, 1.01, 1.000002})
            for (double b : new double[] {0, 5}) ms.add(new DoseMatrix.Measurement(a, b, 0.1));
        List<String> w = new ArrayList<>();
        DoseMatrix m = DoseMatrix.of(ms, w);
        assertArrayEquals(new double[] {0, 1e-9, 1, 1.000002, 1.01}, m.dosesA(), 0);
        assertTrue(w.isEmpty(), w.toString());
    }
}
