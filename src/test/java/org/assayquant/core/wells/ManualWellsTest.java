package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Hand-drawn wells sorted into the plate's rows (moved from the command into the core, issue 22). */
class ManualWellsTest {

    private static List<Circle> grid(int rows, int cols) {
        List<Circle> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out.add(new Circle(50 + 100 * j + i, 50 + 100 * i - j, 40, 1));
        return out;
    }

    @Test
    void shuffledCirclesOfAPlateAreNamedRowMajor() {
        List<Circle> truth = grid(3, 4), shuffled = new ArrayList<>(truth);
        Collections.shuffle(shuffled, new java.util.Random(2));
        ManualWells.Placed p = ManualWells.place(shuffled, null);
        assertEquals(PlateFormat.W12, p.format());
        assertEquals(truth, p.circles(), "row-major whatever the ROI order (rows tilted by a pixel per well)");
        assertEquals("A1", p.labels().get("W1"));
        assertEquals("C4", p.labels().get("W12"));
        assertNull(p.note());
        ManualWells.Placed portrait = ManualWells.place(grid(4, 3), PlateFormat.W12);
        assertEquals("D3", portrait.labels().get("W12"), "a plate turned by 90 degrees: 4 rows of 3");
    }

    @Test
    void oneCircleIsADishAndOthersKeepTheirOrder() {
        ManualWells.Placed dish = ManualWells.place(List.of(new Circle(10, 10, 5, 1)), null);
        assertEquals(PlateFormat.DISH, dish.format());
        assertEquals(Map.of("W1", "A1"), dish.labels());
        List<Circle> five = grid(1, 5);
        ManualWells.Placed p = ManualWells.place(five, null);
        assertNull(p.format());
        assertTrue(p.labels().isEmpty());
        assertEquals(five, p.circles());
        List<Circle> scattered = new ArrayList<>(grid(2, 3));
        scattered.set(4, new Circle(150, 95, 40, 1)); // a second-row circle up in the first row
        ManualWells.Placed q = ManualWells.place(scattered, PlateFormat.W6);
        assertTrue(q.note().contains("do not sort into the rows of a 6-well plate"), q.note());
        assertEquals(scattered, q.circles());
    }
}
