package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;

/**
 * The plate lattice check (issue 19): a ruler's marks, a label or a grid of circles inside one
 * well are never taken for the plate, even when they explain more circles than the plate's own
 * walls; a plate cropped to part of it is not a whole plate; a plausible but doubtful lattice is
 * kept with its doubts. Candidates are circles as the Hough search gives them (work scale).
 */
class LatticeCheckTest {

    /** rows x cols circles of radius r on a lattice of this pitch, the first at (x0, y0), with this support. */
    private static List<Circle> grid(int rows, int cols, double x0, double y0, double pitch, double r, double support) {
        List<Circle> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out.add(new Circle(x0 + j * pitch, y0 + i * pitch, r, support));
        return out;
    }

    private static final double R12 = 40, PITCH12 = R12 / PlateFormat.W12.radiusToPitch();

    /** The 12-well plate's centres, of which only those with index in {@code seen} were seen (weakly). */
    private static List<Circle> plate12(int... seen) {
        List<Circle> all = grid(3, 4, 80, 70, PITCH12, R12, 0.35), out = new ArrayList<>();
        for (int k : seen) out.add(all.get(k));
        return out;
    }

    @Test
    void aRulerExplainingMoreCirclesThanThePlateIsNotThePlate() {
        // two rows of four strong rings along the bottom, at the 12-well radius-to-pitch ratio (a ruler's printed marks)
        List<Circle> ruler = grid(2, 4, 60, 380, 8 / PlateFormat.W12.radiusToPitch(), 8, 0.9);
        List<Circle> cands = new ArrayList<>(ruler);
        cands.addAll(plate12(0, 3, 5, 8, 11)); // 5 of 12 walls seen: fewer than the ruler's 8 rings
        WellFinder.Attempt a = WellFinder.lattice(cands, PlateFormat.W12, 560, 400, cands);
        WellFinder.Plate p = a.plate();
        assertNotNull(p, "the plate, not the ruler: " + a.refused());
        assertEquals(3, p.rows());
        assertEquals(4, p.cols());
        List<Circle> truth = grid(3, 4, 80, 70, PITCH12, R12, 1);
        for (int k = 0; k < 12; k++)
            assertTrue(Math.hypot(p.wells().get(k).x() - truth.get(k).x(), p.wells().get(k).y() - truth.get(k).y()) < 0.1 * R12, "well " + k + " on the plate: " + p.wells().get(k));
        assertTrue(p.doubts().contains("5 of 12 well walls seen"), "fewer than half the walls seen: a doubt, " + p.doubts());

        WellFinder.Attempt rulerOnly = WellFinder.lattice(ruler, PlateFormat.W12, 560, 400, ruler);
        assertNull(rulerOnly.plate(), "the ruler alone is no plate");
        assertTrue(rulerOnly.refused().contains("implies a plate"), rulerOnly.refused());
    }

    @Test
    void aGridInsideOneWellIsNotThePlate() {
        // an upright 6-well plate (3 rows x 2 columns, radius 110) of which three walls were seen, and
        // six strong circles of radius 31 on a 3 x 2 lattice of the 6-well ratio inside its first well
        double r = 110, pitch = r / PlateFormat.W6.radiusToPitch();
        List<Circle> wells = grid(3, 2, 130, 130, pitch, r, 0.6);
        double rs = 31, ps = rs / PlateFormat.W6.radiusToPitch();
        List<Circle> inner = grid(3, 2, 130 - ps / 2, 130 - ps, ps, rs, 0.95);
        List<Circle> cands = new ArrayList<>(inner);
        cands.add(wells.get(0));
        cands.add(wells.get(3));
        cands.add(wells.get(4));
        WellFinder.Attempt a = WellFinder.lattice(cands, PlateFormat.W6, 510, 740, cands);
        assertNotNull(a.plate(), "the plate's own wells: " + a.refused());
        assertEquals(3, a.plate().rows());
        assertEquals(2, a.plate().cols());
        for (int k = 0; k < 6; k++) {
            Circle got = a.plate().wells().get(k), want = wells.get(k);
            assertTrue(Math.hypot(got.x() - want.x(), got.y() - want.y()) < 0.1 * r && Math.abs(got.r() - r) < 0.1 * r, k + ": " + got);
        }
        // with no other well seen, the grid is refused for lying inside one well
        List<Circle> alone = new ArrayList<>(inner);
        alone.add(wells.get(0));
        WellFinder.Attempt b = WellFinder.lattice(alone, PlateFormat.W6, 510, 740, alone);
        assertNull(b.plate());
        assertTrue(b.refused().contains("inside one larger circle"), b.refused());
    }

    @Test
    void aCircleEnvelopingFourOfThePlatesOwnWellsDoesNotRefuseThePlate() {
        // a real 12-well plaque photo (issue 19, Colony_counter Brisbane 1): the two left columns'
        // walls seen (6 of 12), and the Hough search's circle around a 2 x 2 block of them
        // (radius pitch / sqrt 2 + well radius), which holds 4 of the 6 walls seen
        List<Circle> seen = plate12(0, 1, 4, 5, 8, 9);
        List<Circle> cands = new ArrayList<>();
        for (Circle c : seen) cands.add(new Circle(c.x(), c.y(), c.r(), 1));
        Circle envelope = new Circle(80 + PITCH12 / 2, 70 + 1.5 * PITCH12, PITCH12 / Math.sqrt(2) + R12, 0.72);
        List<Circle> larger = new ArrayList<>(cands);
        larger.add(envelope);
        WellFinder.Attempt a = WellFinder.lattice(cands, PlateFormat.W12, 560, 400, larger);
        assertNotNull(a.plate(), "the plate: " + a.refused());
        List<Circle> truth = grid(3, 4, 80, 70, PITCH12, R12, 1);
        for (int k = 0; k < 12; k++)
            assertTrue(Math.hypot(a.plate().wells().get(k).x() - truth.get(k).x(), a.plate().wells().get(k).y() - truth.get(k).y()) < 0.1 * R12,
                    "well " + k + ": " + a.plate().wells().get(k));
    }

    @Test
    void aPlateCutByTheImageEdgeIsNotAWholePlate() {
        // the left half of a 12-well plate (3 rows x 2 columns seen) in an image no wider than those two columns
        List<Circle> half = grid(3, 2, 50, 50, PITCH12, R12, 0.9);
        WellFinder.Attempt a = WellFinder.lattice(half, PlateFormat.W12, (int) (100 + PITCH12), 400, half);
        assertNull(a.plate());
        assertTrue(a.refused().contains("outside the image"), a.refused());
    }

    @Test
    void wellsSeenOffARegularLatticeAreADoubt() {
        // every well seen, each off its node by 0.15 of a radius in turn left and right
        List<Circle> cands = new ArrayList<>();
        List<Circle> nodes = grid(3, 4, 80, 70, PITCH12, R12, 0.9);
        for (int k = 0; k < nodes.size(); k++) {
            Circle c = nodes.get(k);
            cands.add(new Circle(c.x() + (k % 2 == 0 ? 0.15 : -0.15) * R12, c.y(), c.r(), c.support()));
        }
        WellFinder.Plate p = WellFinder.lattice(cands, PlateFormat.W12, 560, 400, cands).plate();
        assertNotNull(p);
        assertTrue(p.doubts().stream().anyMatch(d -> d.contains("off the lattice")), p.doubts().toString());
        WellFinder.Plate clean = WellFinder.lattice(nodes, PlateFormat.W12, 560, 400, nodes).plate();
        assertEquals(List.of(), clean.doubts(), "a regular plate with every wall seen has no doubt");
    }

    /** A bright image with only a ruler's ring marks: format=12 stops with the reason, no grid on the ruler. */
    @Test
    void onlyARulerInTheImageIsAnErrorNamingIt() {
        int w = 800, h = 600;
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, 0xE0E0E0);
        double r = 14, pitch = r / PlateFormat.W12.radiusToPitch();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                double cx = 100 + j * pitch, cy = 450 + i * pitch;
                for (int y = (int) (cy - r - 3); y <= cy + r + 3; y++)
                    for (int x = (int) (cx - r - 3); x <= cx + r + 3; x++)
                        if (Math.abs(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r) < 1.5) px[y * w + x] = 0x202020;
            }
        }
        AssayException e = assertThrows(AssayException.class, () -> WellFinder.find(PlateImage.rgb(w, h, px), PlateFormat.W12));
        assertTrue(e.getMessage().startsWith("no 12-well plate found: the best"), e.getMessage());
    }
}
