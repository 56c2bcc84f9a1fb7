package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plaque mode on a plate: the pipette tip's mark. Medium is drawn off every well at the same place,
 * and the tip scrapes the monolayer there: a white streak from the wall, which the threshold cuts into
 * plaque-sized clear pieces (issue 19, 12-well development photos: IBV plate 7 C4 read 3 for an empty
 * well, all three pieces of that streak). A person tells it from plaques by where it lies: at the same
 * side of the wall in well after well, where plaques lie anywhere. So the side of the wall where the
 * most wells hold an object (counted or rejected) outside {@link #WALL} of the radius is the plate's
 * mark when at least {@link #SHARE} of the wells holding any object by the wall, and {@link #LEAST} of all its wells,
 * hold one there; the counted objects there, in every
 * well, are rejected as {@link ColonyCounter.Reject#TIP_MARK}, and its partly cleared candidates dropped,
 * before the plate's texture is judged ({@link PartlyCleared#judged}): a well read as holding plaques
 * for its scrape alone is no quiet well, and the scrape's faint edge is no texture.
 *
 * <p>Measured on the 31 development photos (session 18; main's objects, the rule replayed in Python, then
 * built): 23 plates have a mark, 22 at the wells' top (-70 to -100 degrees, where the photos show the streak,
 * in 6-12 wells) and IBV 6 at +120 (9 wells: the lower edge, where the light box shines in by the wall);
 * Brisbane 1, 2, 3, 7, 8 and 10 show it in 3-5 wells (the others peeled or crowded) and kept it; since session 21
 * ({@link #LEAST}) all but Brisbane 1 (3 wells) have their mark.
 */
final class TipMarks {
    /**
     * Outside this fraction of the analysed radius (the streak runs in from the wall: its pieces lie at
     * 0.81-0.97). Replayed with SPREAD 15 and SHARE a half: 0.7 / 0.75 / 0.8 / 0.85 give empty wells
     * reading 0 42 / 41 / 39 / 34 of 63 (main 27), countable wells within 117 of 213 each (main 115).
     */
    static final double WALL = 0.75;
    /**
     * The mark's half-width in degrees around its side: 10 / 15 / 20 give empty wells at 0 39 / 41 / 41,
     * within 117 each (built: 10 / 15 43 / 46, within 119 each); 15 is about the streak's own width at the
     * wall plus the tip's wander between wells.
     */
    static final double SPREAD = 15;
    /**
     * At least this share of the plate's wells hold an object at the mark's side: at a third (4 of 12)
     * Brisbane 2, 3, 7, 8 and 10 get a mark too, and a well with plaques more goes wrong (within 116; Brisbane
     * 7 B3 was right only by its scrape); with 2 objects by the wall per well at random sides, 4 wells share
     * a side by chance on most plates, 6 on about one in ten.
     */
    static final double SHARE = 0.5;
    /**
     * The share above is of the wells that hold an object by the wall at all, and the mark needs at least this share
     * of all the plate's wells besides: a peeled band or a well cleared to the plastic shows no scrape (session 21:
     * Brisbane 2, 3, 7, 8 and 10 show it in 5 of the 7-9 wells that hold any object by the wall; their scrape's pieces
     * were 9 of the 24 plaques counted in the development empty wells). Replayed with each well's objects turned
     * at random (300 times per plate), a mark of at least 5 of 12 wells and half of those holding one fires on 1-22 %
     * of those five plates (the rule of half of all wells: 0-3 %).
     */
    static final double LEAST = 0.4;
    /**
     * The mark's side holds at least this many times the wells of the plate's median side: a plate whose
     * every side holds objects by the wall in most wells (crowded wells) shows no mark. A guard, not tuned:
     * the development plates with a mark hold 2.7 (Brisbane 6: 8 wells against 3) to 12 times the median.
     */
    static final double STANDS_OUT = 2;
    /** The sides tried, in degrees apart. */
    private static final int STEP = 5;

    private TipMarks() {}

    /** The side of the plate's tip mark in degrees (image axes: -90 is the wells' top); NaN when it has none. */
    static double side(List<ColonyCounter.Measure> measures, List<Circle> analysed) {
        List<List<Double>> sides = new ArrayList<>();
        int showing = 0;
        for (int k = 0; k < measures.size(); k++) {
            List<Double> s = new ArrayList<>();
            for (ColonyCounter.Spot o : measures.get(k).colonies()) if (outer(o, analysed.get(k))) s.add(side(o, analysed.get(k)));
            for (ColonyCounter.Spot o : measures.get(k).rejected()) if (outer(o, analysed.get(k))) s.add(side(o, analysed.get(k)));
            sides.add(s);
            if (!s.isEmpty()) showing++;
        }
        int[] wells = new int[360 / STEP];
        double[] off = new double[wells.length];
        for (int j = 0; j < wells.length; j++) {
            for (List<Double> s : sides) {
                double at = -180 + j * STEP, nearest = s.stream().mapToDouble(t -> apart(t, at)).min().orElse(360);
                if (nearest > SPREAD) continue;
                wells[j]++;
                off[j] += nearest;
            }
        }
        int[] sorted = wells.clone();
        Arrays.sort(sorted);
        int most = sorted[sorted.length - 1];
        if (most < SHARE * showing || most < LEAST * measures.size() || most < STANDS_OUT * sorted[sorted.length / 2]) return Double.NaN;
        // of the sides with the most wells, the one their objects lie closest to (the streak's, not a plaque's beside it)
        int best = -1;
        for (int j = 0; j < wells.length; j++) if (wells[j] == most && (best < 0 || off[j] < off[best])) best = j;
        return -180 + best * STEP;
    }

    /** The plate's measures with the counted objects on its tip mark at side {@code mark} rejected (unchanged when NaN: none). */
    static List<ColonyCounter.Measure> without(List<ColonyCounter.Measure> measures, List<Circle> analysed, double mark) {
        if (Double.isNaN(mark)) return measures;
        List<ColonyCounter.Measure> out = new ArrayList<>();
        for (int k = 0; k < measures.size(); k++) {
            ColonyCounter.Measure m = measures.get(k);
            Circle c = analysed.get(k);
            List<ColonyCounter.Colony> kept = new ArrayList<>();
            List<ColonyCounter.Rejected> rejected = new ArrayList<>(m.rejected());
            for (ColonyCounter.Colony o : m.colonies()) {
                if (outer(o, c) && near(side(o, c), mark)) rejected.add(new ColonyCounter.Rejected(o.x(), o.y(), o.area(), ColonyCounter.Reject.TIP_MARK));
                else kept.add(o);
            }
            // its partly cleared pieces are neither plaques nor the monolayer's texture (PartlyCleared.judged)
            List<ColonyCounter.Colony> partly = m.partly().stream().filter(o -> !(outer(o, c) && near(side(o, c), mark))).toList();
            if (kept.size() == m.colonies().size() && partly.size() == m.partly().size()) {
                out.add(m);
                continue;
            }
            rejected.sort(ColonyCounter.Spot.READING_ORDER);
            // by the wall, as the rim's fragments: not among the foreign objects of many_rejected
            out.add(m.withObjects(kept, rejected, m.inner(), partly));
        }
        return out;
    }

    private static boolean outer(ColonyCounter.Spot o, Circle c) {
        return Math.hypot(o.x() - c.x(), o.y() - c.y()) > WALL * c.r();
    }

    /** The object's side of its well in degrees (-180 to 180, image axes: -90 is the top). */
    private static double side(ColonyCounter.Spot o, Circle c) {
        return Math.toDegrees(Math.atan2(o.y() - c.y(), o.x() - c.x()));
    }

    private static boolean near(double side, double mark) {
        return apart(side, mark) <= SPREAD;
    }

    /** Degrees between two sides (0-180). */
    private static double apart(double side, double mark) {
        return Math.abs(Math.IEEEremainder(side - mark, 360));
    }
}
