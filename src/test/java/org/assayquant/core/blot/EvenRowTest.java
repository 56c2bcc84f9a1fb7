package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A row of touching bands whose lanes, placed between the dips before any band is boxed, sit off the comb where the
 * bands differ in width (athenaz2 April22 B2AR GAPDH's lower row with noise of sigma 40 added: these centres). Judged
 * by its gaps (5 of 8 within a quarter of the median) it was no even row, so it lost the touching-band rules.
 */
class EvenRowTest {
    static List<LaneFinder.Span> spans(double... c) {
        return Arrays.stream(c).mapToObj(x -> new LaneFinder.Span(x, (int) x - 25, (int) x + 25, 0, 400)).toList();
    }

    @Test
    void aCombWithOneLaneOffItsPlaceIsAnEvenRow() {
        assertTrue(LaneFinder.evenRow(spans(306, 373, 458, 502, 568, 609, 681, 737, 806)));
    }

    @Test
    void lanesOfAGelsUnevenWellsAreNot() {
        // lanes in groups (gaps 50-350, as a gel's lanes as wide as groups of wells): 4 of 7 places within a quarter pitch
        assertFalse(LaneFinder.evenRow(spans(100, 180, 420, 470, 800, 1150, 1200)));
    }
}
