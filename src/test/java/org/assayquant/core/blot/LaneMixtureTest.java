package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Two neighbouring ladder bands of a row profile and what lies between them. */
class LaneMixtureTest {

    /** A weaker band a third of the strong band's height and 17 px (3.4 of its sigmas) under it, as NEB 1 kb Plus's 900 bp under 1.0 kb. */
    @Test
    void aBandRunningIntoAStrongOneIsAShoulder() {
        double[] p = new double[150];
        for (int y = 0; y < p.length; y++) p[y] = 10 + gauss(y, 120, 40, 5) + gauss(y, 40, 57, 4) + gauss(y, 90, 110, 6);
        List<LaneMixture.Peak> shoulders = shoulders(p, 40, 110);
        assertEquals(1, shoulders.size(), shoulders.toString());
        assertEquals(57, shoulders.get(0).centre(), 2);
    }

    /**
     * Phone gel 11-12's ladder lane: rungs on a smear that stands level 6 DN over the lane's lowest rows.
     * Two Gaussians on the lowest level leave the smear between them unexplained, above SHOULDER of the
     * rungs' height, but level: no band of its own (without the rise test one shoulder as wide as the smear is fitted there).
     */
    @Test
    void rungsOnALevelSmearHaveNoShoulder() {
        double[] p = new double[120];
        for (int y = 0; y < p.length; y++) p[y] = 80 + (y > 8 && y < 110 ? 6 : 0) + gauss(y, 45, 40, 2.5) + gauss(y, 30, 72, 2.5);
        List<LaneMixture.Peak> shoulders = shoulders(p, 40, 72);
        assertTrue(shoulders.isEmpty(), shoulders.toString());
    }

    private static List<LaneMixture.Peak> shoulders(double[] p, int a, int b) {
        List<LaneMixture.Peak> mix = LaneMixture.around(p, new int[] {a, b}, new int[] {0, 1}, 0);
        assertTrue(mix != null, "no fit");
        return mix.stream().filter(k -> k.band() < 0 && k.centre() > a && k.centre() < b).toList();
    }

    private static double gauss(double y, double amp, double c, double s) {
        return amp * Math.exp(-0.5 * (y - c) * (y - c) / (s * s));
    }
}
