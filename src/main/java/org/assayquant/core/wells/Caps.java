package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.List;

/**
 * A colony's bright rim cut off as a second colony. Domed colonies lit from one side carry a
 * highlight along one edge; the watershed cuts it from its colony as a small piece whose centre
 * lies inside the colony's own circle (a real neighbour, however small, sits outside it and
 * touches it). Such a piece is rejected as a {@link ColonyCounter.Reject#CAP}, as a halo is: the
 * colony's own light, not another colony.
 *
 * <p>Measured on the counted objects of the development photos (each object smaller than a fifth
 * of a neighbour, its centre's distance d from that neighbour's against their equivalent radii R
 * and r, depth = (R + r - d) / r): CounterCulture photo 01's satellites (issue 19, session 14) lie
 * 0.4-1.4 deep at 0.04-0.25 of their colony; on the webcam benchmark, the high-resolution dishes
 * and both sample plates no object is both that small and deeper than 0.5 (the crowded webcam
 * dishes F and G: 0.57 and 0.67 deep, but at 0.24-0.28 of their neighbour).
 *
 * <p>One light puts every cap of a well on the same side of its colony (session 16, s16-cc). A
 * shallower or larger piece that lies on a side where at least {@link #AGREE} caps of the well lie
 * is the same light's cap (CounterCulture photo 01: 15 such pieces on three dishes, every one a
 * highlight or a sliver of its colony on the overlay).
 */
final class Caps {
    /** A cap is smaller than this fraction of its colony's area (a satellite 0.04-0.25, most under 0.2; real small neighbours on the webcam dishes 0.22-0.30). */
    static final double AREA = 0.2;
    /** A cap's centre lies deeper than this fraction of its own equivalent radius inside the sum of the two radii (satellites 0.4-1.4; touching neighbours 0 or less). */
    static final double DEPTH = 0.5;
    /** On the caps' side, a piece up to this fraction of its colony (photo 01's highlights cut with a sliver of their colony: 0.20-0.25; 0.4 adds none there). */
    static final double LIT_AREA = 0.3;
    /** On the caps' side, a piece whose circle touches its colony's (depth over 0: photo 01's shallow caps 0.06-0.47). */
    static final double LIT_DEPTH = 0;
    /** The caps of one light lie within this many degrees of each other's side (photo 01: 01-2 -24..+15, 01-4 39..72; 15 finds 2 fewer on 01-5). */
    static final double SPREAD = 20;
    /** So many of a well's caps on a side make it the light's (phone development multi5 without light holds 5 caps on scattered sides: at 2 one real colony goes). */
    static final int AGREE = 3;

    private Caps() {}

    /** The measure with its caps moved to the rejected objects (unchanged when it has none). */
    static ColonyCounter.Measure without(ColonyCounter.Measure m) {
        List<ColonyCounter.Colony> cs = m.colonies();
        Hosts<ColonyCounter.Colony> near = hosts(cs);
        List<Double> sides = new ArrayList<>();
        boolean[] cap = new boolean[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            double side = sideOf(cs.get(i), near.near(i), AREA, DEPTH, List.of());
            cap[i] = !Double.isNaN(side);
            if (cap[i]) sides.add(side);
        }
        if (sides.size() >= AGREE)
            for (int i = 0; i < cs.size(); i++) if (!cap[i]) cap[i] = !Double.isNaN(sideOf(cs.get(i), near.near(i), LIT_AREA, LIT_DEPTH, sides));
        return m.rejecting(cap, ColonyCounter.Reject.CAP);
    }

    /**
     * The colonies' possible hosts: a host is larger than its cap (AREA and LIT_AREA under 1) and holds the cap's
     * centre closer than the sum of their radii (DEPTH and LIT_DEPTH at least 0), so within twice its own radius.
     */
    static Hosts<ColonyCounter.Colony> hosts(List<ColonyCounter.Colony> cs) {
        return new Hosts<>(cs, 2);
    }

    /**
     * The side (radians, from its colony's centre) on which k is a cap of a larger colony among cs,
     * smaller than area of it and deeper than depth, on a side where {@link #AGREE} of sides lie
     * when sides are given (the deepest such colony, the first of cs at a tie); NaN when it is none. Judged against the
     * colonies as counted, so caps do not chain. cs may be only k's possible hosts (see {@link Hosts}), in their order.
     */
    static double sideOf(ColonyCounter.Colony k, List<ColonyCounter.Colony> cs, double area, double depth, List<Double> sides) {
        double r = Math.sqrt(k.area() / Math.PI), deepest = depth, side = Double.NaN;
        for (ColonyCounter.Colony host : cs) {
            if (host == k || k.area() >= area * host.area()) continue;
            double big = Math.sqrt(host.area() / Math.PI);
            double d = Math.hypot(host.x() - k.x(), host.y() - k.y());
            double a = Math.atan2(k.y() - host.y(), k.x() - host.x());
            if (big + r - d > deepest * r && (sides.isEmpty() || agreeing(a, sides) >= AGREE)) {
                deepest = (big + r - d) / r;
                side = a;
            }
        }
        return side;
    }

    private static long agreeing(double a, List<Double> sides) {
        return sides.stream().filter(s -> Math.abs(Math.IEEEremainder(a - s, 2 * Math.PI)) <= Math.toRadians(SPREAD)).count();
    }
}
