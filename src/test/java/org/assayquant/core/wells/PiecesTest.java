package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** WellQuantifier.pieces over Hosts counts what each object against all counted (the code before session 21). */
class PiecesTest {

    /** The definition before session 21: every object against every other. */
    private static int piecesAgainstAll(List<ColonyCounter.Colony> colonies) {
        int n = 0;
        for (ColonyCounter.Colony k : colonies) {
            for (ColonyCounter.Colony h : colonies) {
                if (k.area() >= WellQuantifier.PIECE_AREA * h.area()) continue;
                double reach = WellQuantifier.PIECE_REACH * Math.sqrt(h.area() / Math.PI);
                if (Math.hypot(h.x() - k.x(), h.y() - k.y()) < reach) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * Random wells: CapsTest's (colonies of 12-8000 px with pieces at their edges), and plaque wells with a few
     * very large plaques among many small objects (sizes over 12 octaves), pieces just inside and just outside a
     * plaque's reach (a hair either side of it) and on the same spot as another, negative coordinates.
     */
    @Test
    void piecesOverHostsAreThePiecesAgainstAll() {
        Random rnd = new Random(21);
        int found = 0;
        for (int well = 0; well < 150; well++) {
            List<ColonyCounter.Colony> cs = well % 3 == 0 ? CapsTest.well(rnd) : plaques(rnd);
            int all = piecesAgainstAll(cs);
            assertEquals(all, WellQuantifier.pieces(cs), "well " + well + " of " + cs.size());
            found += all;
        }
        assertTrue(found > 500, "pieces found: " + found);
        assertEquals(0, WellQuantifier.pieces(List.of()));
    }

    private static List<ColonyCounter.Colony> plaques(Random rnd) {
        double size = 50 + rnd.nextDouble() * 3000, off = rnd.nextBoolean() ? -size / 2 : 0;
        List<ColonyCounter.Colony> cs = new ArrayList<>();
        int n = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 600 : 120);
        for (int i = 0; i < n; i++) {
            double x = off + rnd.nextDouble() * size, y = off + rnd.nextDouble() * size;
            int area = rnd.nextInt(40) == 0 ? 20000 + rnd.nextInt(200000) : 1 + (int) Math.exp(rnd.nextDouble() * Math.log(5000));
            cs.add(new ColonyCounter.Colony(x, y, area));
            double reach = WellQuantifier.PIECE_REACH * Math.sqrt(area / Math.PI);
            int kind = rnd.nextInt(6);
            if (kind <= 2) { // a piece a hair inside or outside the reach, or anywhere within twice it
                double a = rnd.nextDouble() * 2 * Math.PI;
                double d = kind == 0 ? Math.nextDown(reach) : kind == 1 ? Math.nextUp(reach) : 2 * reach * rnd.nextDouble();
                int small = Math.max(1, (int) (area * rnd.nextDouble() * 0.3));
                cs.add(rnd.nextInt(cs.size() + 1), new ColonyCounter.Colony(x + d * Math.cos(a), y + d * Math.sin(a), small));
            } else if (kind == 3) { // on the same spot
                cs.add(new ColonyCounter.Colony(x, y, Math.max(1, area / 6)));
            }
        }
        return cs;
    }
}
