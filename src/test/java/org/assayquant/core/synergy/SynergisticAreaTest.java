package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** SynergyFinder's most synergistic area: the 3 x 3 window of combinations with the highest mean score. */
class SynergisticAreaTest {

    private static DoseMatrix design(int n) {
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (int i = 0; i <= n; i++) for (int j = 0; j <= n; j++) ms.add(new DoseMatrix.Measurement(i == 0 ? 0 : Math.pow(2, i), j == 0 ? 0 : Math.pow(3, j), 0.5));
        return DoseMatrix.of(ms);
    }

    @Test
    void theWindowWithTheHighestMean() {
        DoseMatrix m = design(6); // doses 0, 2..64 (A) and 0, 3..729 (B)
        double[][] s = ReferenceModels.nan(7, 7);
        for (int i = 1; i <= 6; i++) for (int j = 1; j <= 6; j++) s[i][j] = 1;
        s[4][2] = 40; // one strong cell: the windows holding it have mean (8 + 40) / 9
        s[5][1] = 30; // a second one next to it: only windows with both win
        SynergisticArea.Area a = SynergisticArea.of(m, s);
        assertEquals((7 + 40 + 30) / 9.0, a.mean(), 1e-12);
        assertEquals(1, a.fromA());
        assertEquals(3, a.toA());
        assertEquals(3, a.fromB());
        assertEquals(5, a.toB());
        s[3][1] = Double.NaN; // an unmeasured cell: no window through it; the tie (rows 4-6) wins
        a = SynergisticArea.of(m, s);
        assertEquals((7 + 40 + 30) / 9.0, a.mean(), 1e-12);
        assertEquals(1, a.fromA());
        assertEquals(4, a.fromB());
        assertEquals(6, a.toB());
        assertNull(SynergisticArea.of(design(2), ReferenceModels.nan(3, 3)), "a 2 x 2 matrix of combinations has no 3 x 3 window");
    }
}
