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
 */
final class Caps {
    /** A cap is smaller than this fraction of its colony's area (a satellite 0.04-0.25, most under 0.2; real small neighbours on the webcam dishes 0.22-0.30). */
    static final double AREA = 0.2;
    /** A cap's centre lies deeper than this fraction of its own equivalent radius inside the sum of the two radii (satellites 0.4-1.4; touching neighbours 0 or less). */
    static final double DEPTH = 0.5;

    private Caps() {}

    /** The measure with its caps moved to the rejected objects (unchanged when it has none). */
    static ColonyCounter.Measure without(ColonyCounter.Measure m) {
        List<ColonyCounter.Colony> cs = m.colonies();
        List<ColonyCounter.Colony> kept = new ArrayList<>();
        List<ColonyCounter.Rejected> rejected = new ArrayList<>(m.rejected());
        for (ColonyCounter.Colony k : cs) {
            if (capOf(k, cs)) rejected.add(new ColonyCounter.Rejected(k.x(), k.y(), k.area(), ColonyCounter.Reject.CAP));
            else kept.add(k);
        }
        if (kept.size() == cs.size()) return m;
        rejected.sort(ColonyCounter.Spot.READING_ORDER);
        return m.withObjects(kept, rejected, m.inner(), m.partly());
    }

    /** Whether k is a cap of a larger colony among cs (judged against the colonies as counted, so caps do not chain). */
    static boolean capOf(ColonyCounter.Colony k, List<ColonyCounter.Colony> cs) {
        double r = Math.sqrt(k.area() / Math.PI);
        for (ColonyCounter.Colony host : cs) {
            if (host == k || k.area() >= AREA * host.area()) continue;
            double big = Math.sqrt(host.area() / Math.PI);
            double d = Math.hypot(host.x() - k.x(), host.y() - k.y());
            if (big + r - d > DEPTH * r) return true;
        }
        return false;
    }
}
