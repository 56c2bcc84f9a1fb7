package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import org.junit.jupiter.api.Test;

/**
 * Colonies' reflections (issue 19, session 23: cell_counting2's 674CFUs dish under its lid read 1160, {@code ok}: beside
 * each colony a faint, smaller copy of it, 12 px below it at the dish's centre, 21 px at its top, the offsets of one
 * mirror's homothety). Synthetic dishes of light domed colonies on agar, each with a ghost a quarter of its peak and
 * half its radius at such an offset; known count.
 */
class ReflectionsTest {
    private static final int SIZE = 640, COLONIES = 70;
    private static final double CX = 320, CY = 320, R = 290, RADIUS = 7;

    /** Light domes (peak 60 over the agar, radius 5.6-9.1) at seeded places; each one's ghost (peak ghostPeak, 0.4-0.6 of its radius) where offset puts it, or none. */
    private static WellResult dish(long seed, double ghostPeak, Offset offset) {
        Random random = new Random(seed);
        List<double[]> spots = new ArrayList<>();
        List<double[]> placed = new ArrayList<>();
        while (placed.size() < COLONIES) {
            double a = 2 * Math.PI * random.nextDouble(), d = 0.85 * R * Math.sqrt(random.nextDouble());
            double x = CX + d * Math.cos(a), y = CY + d * Math.sin(a);
            boolean free = true;
            for (double[] p : placed) free &= Math.hypot(p[0] - x, p[1] - y) > 5 * RADIUS;
            if (!free) continue;
            placed.add(new double[] {x, y});
            double radius = RADIUS * (0.8 + 0.5 * random.nextDouble()); // sizes that run on into the ghosts' (674CFUs: 80-200 px, ghosts 13-60)
            spots.add(new double[] {x, y, radius, 60});
            double[] o = offset == null ? null : offset.at(x, y, random);
            if (o != null) spots.add(new double[] {x + o[0], y + o[1], radius * (0.4 + 0.2 * random.nextDouble()), ghostPeak});
        }
        ColorProcessor ip = new ColorProcessor(SIZE, SIZE);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double p = 0;
                for (double[] s : spots) {
                    double q = 1 - (Math.pow(x - s[0], 2) + Math.pow(y - s[1], 2)) / (s[2] * s[2]);
                    if (q > 0) p = Math.max(p, s[3] * Math.sqrt(q));
                }
                int v = (int) Math.round(120 + p + 2 * random.nextGaussian());
                v = Math.max(0, Math.min(255, v));
                ip.set(x, y, (v << 16) | (v << 8) | Math.max(0, v - 30));
            }
        }
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        o.manualWells = List.of(new Circle(CX, CY, R, 1));
        return WellQuantifier.quantify(WellQuantifierTest.channels(new ImagePlus("reflections", ip)), o);
    }

    /** Where a colony at (x, y) has its ghost, relative to it (null: none). */
    interface Offset {
        double[] at(double x, double y, Random random);
    }

    /** One mirror's homothety about a point below the dish (674CFUs: scale 0.967 about a point 0.36 of the radius below the centre). */
    private static final Offset MIRROR = (x, y, random) -> new double[] {0.033 * (CX - 40 - x), 0.033 * (CY + 380 - y)};

    private static String summary(WellResult r) {
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        for (WellResult.Rejected k : r.rejected()) by.merge(k.reason(), 1L, Long::sum);
        return r.wells().get(0).colonies() + " " + r.wells().get(0).reasonKeys() + " " + by;
    }

    private static long rejected(WellResult r, String reason) {
        return r.rejected().stream().filter(k -> k.reason().equals(reason)).count();
    }

    @Test
    void ghostsAtOneMirrorsOffsetsAreRejectedAndTheDishFlagged() {
        WellResult r = dish(23, 25, MIRROR);
        WellResult.Well w = r.wells().get(0);
        // the ghosts apart from their colony (the upper two thirds) rejected; where the offset is under a colony's radius
        // and a half (the lowest third) a ghost touches its colony and the two are cut as a colony and a piece, or halved:
        // the count is high, hence the flag
        assertTrue(rejected(r, "reflection") >= 40, summary(r));
        assertTrue(w.colonies() >= COLONIES && w.colonies() <= COLONIES + 12, summary(r));
        assertEquals("check", w.status());
        assertTrue(w.reasons().contains(WellResult.Check.REFLECTION), "reasons " + w.reasons());
    }

    @Test
    void ghostsAtOneCommonOffsetAreRejected() {
        WellResult r = dish(5, 25, (x, y, random) -> new double[] {3, 13});
        assertEquals(COLONIES, r.wells().get(0).colonies(), 2, summary(r));
        assertTrue(r.wells().get(0).reasons().contains(WellResult.Check.REFLECTION));
    }

    /** Small faint colonies beside larger ones on every side (no mirror): counted, nothing called a reflection, not flagged for it. */
    @Test
    void smallNeighboursOnEverySideAreColonies() {
        WellResult r = dish(11, 25, (x, y, random) -> {
            double a = 2 * Math.PI * random.nextDouble(), d = 13 + 8 * random.nextDouble();
            return new double[] {d * Math.cos(a), d * Math.sin(a)};
        });
        assertEquals(0, rejected(r, "reflection"), summary(r));
        assertEquals(2 * COLONIES, r.wells().get(0).colonies(), 3);
        assertFalse(r.wells().get(0).reasons().contains(WellResult.Check.REFLECTION));
    }

    @Test
    void aDishWithoutGhostsHasNone() {
        WellResult r = dish(23, 0, null);
        assertEquals(COLONIES, r.wells().get(0).colonies(), 1);
        assertEquals(0, rejected(r, "reflection"));
    }
}
