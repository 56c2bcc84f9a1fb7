package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Caps' hosts read from grids of neighbours (Hosts) give what each colony against all gave (the code before session 19). */
class CapsTest {

    /**
     * Random wells: colonies of 12-8000 px, caps and shallower pieces by their edges, pieces between two equal hosts
     * at equal depth (the tie goes to the first), dense and sparse; every colony's side against its neighbours equals
     * its side against all the well's colonies, bit for bit, for both rules, with and without the light's sides.
     */
    @Test
    void neighboursGiveWhatAllColoniesGave() {
        Random rnd = new Random(19);
        int caps = 0;
        for (int well = 0; well < 20; well++) {
            List<ColonyCounter.Colony> cs = well(rnd);
            Hosts<ColonyCounter.Colony> near = Caps.hosts(cs);
            List<Double> sides = List.of(rnd.nextDouble() * 6 - 3, rnd.nextDouble() * 6 - 3, 0.1, 0.2, 0.3);
            for (int i = 0; i < cs.size(); i++) {
                ColonyCounter.Colony k = cs.get(i);
                for (List<Double> s : List.of(List.<Double>of(), sides)) {
                    double all = Caps.sideOf(k, cs, Caps.AREA, Caps.DEPTH, s), grid = Caps.sideOf(k, near.near(i), Caps.AREA, Caps.DEPTH, s);
                    assertEquals(Double.doubleToRawLongBits(all), Double.doubleToRawLongBits(grid), "well " + well + " colony " + i);
                    if (!Double.isNaN(all)) caps++;
                    all = Caps.sideOf(k, cs, Caps.LIT_AREA, Caps.LIT_DEPTH, s);
                    grid = Caps.sideOf(k, near.near(i), Caps.LIT_AREA, Caps.LIT_DEPTH, s);
                    assertEquals(Double.doubleToRawLongBits(all), Double.doubleToRawLongBits(grid), "well " + well + " colony " + i + " lit");
                }
            }
        }
        assertTrue(caps > 100, "caps found: " + caps);
    }

    /** Colonies over a square of 200-2000 px, some with pieces at their edge, some pieces halfway between two equal colonies. */
    static List<ColonyCounter.Colony> well(Random rnd) {
        double size = 200 + rnd.nextDouble() * 1800;
        List<ColonyCounter.Colony> cs = new ArrayList<>();
        int n = 5 + rnd.nextInt(250);
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * size, y = rnd.nextDouble() * size;
            int area = (int) Math.round(Math.exp(Math.log(12) + rnd.nextDouble() * Math.log(8000 / 12.0)));
            cs.add(new ColonyCounter.Colony(x, y, area));
            double big = Math.sqrt(area / Math.PI);
            if (rnd.nextInt(3) == 0) { // a piece at its edge, inside or just outside its circle
                double a = rnd.nextDouble() * 2 * Math.PI, d = big * (0.5 + rnd.nextDouble());
                cs.add(rnd.nextInt(cs.size()), new ColonyCounter.Colony(x + d * Math.cos(a), y + d * Math.sin(a), Math.max(1, (int) (area * rnd.nextDouble() * 0.4))));
            }
            if (rnd.nextInt(10) == 0) { // an equal colony mirrored, a piece halfway: two hosts at the same depth
                double gap = big * (0.5 + rnd.nextDouble());
                cs.add(new ColonyCounter.Colony(x + 2 * gap, y, area));
                cs.add(rnd.nextInt(cs.size()), new ColonyCounter.Colony(x + gap, y, Math.max(1, area / 8)));
            }
        }
        return cs;
    }
}
