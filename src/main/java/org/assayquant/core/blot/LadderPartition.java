package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;

/**
 * A ladder lane (at least {@link #LADDER} detected bands) is partitioned along
 * the lane: neighbouring bands meet at the valley of the lane's profile between their peaks, so
 * the lane's signal between its first and last band is in exactly one box. Each band's own 5%
 * extent is measured against a baseline drawn between its neighbours' flanks, which sits high in a
 * ladder: the boxes held a varying part of their band (GelGenie's NEB 1 kb Plus gel: the 8 kb band
 * 10 px high between valleys 24 px apart, -38 to -47% of its mass share in all four lanes).
 */
final class LadderPartition {
    /**
     * A band reaches at most this many times its shorter side's distance (peak to valley) on its
     * longer side: a ladder band is about symmetric, and a long side runs into an unresolved group
     * of bands (NEB 1 kb Plus: 900-600 bp below the 1.0 kb band). Measured on the development gel
     * (median abs. mass-ratio error of lanes 1-4): 1.0 -> 6.2 / 7.4 / 4.9 / 7.7%, 1.25 -> 5.4 /
     * 5.2 / 4.3 / 6.7%, 1.5 -> 7.1 / 7.0 / 3.1 / 5.9%, 2 -> 10.8 / 5.1 / 6.5 / 9.6%, unbounded ->
     * 14.6 / 9.0 / 10.1 / 12.9% (the 1.0 kb band +36%, 500 bp +24%).
     */
    static final double SIDE_RATIO = 1.25;

    /**
     * A lane with at least this many detected bands is a ladder. GelGenie's NEB 1 kb Plus lanes show
     * 15; athenaz2 March 19 B1AR (an 8-bit export, development) has 6-9 noise and band boxes in each
     * of its upper strip's 9 lanes, and partitioning them lost a lab box (172 -> 171 of 180 matched).
     */
    static final int LADDER = 10;

    private LadderPartition() {}

    /** Re-cuts the detected bands of each crowded lane; other lanes (every western's) are left as found. */
    static void apply(List<Box> boxes, Raster s) {
        int lanes = boxes.stream().mapToInt(b -> b.lane).max().orElse(-1) + 1;
        for (int lane = 0; lane < lanes; lane++) {
            final int l = lane;
            List<Box> own = boxes.stream().filter(b -> b.lane == l && b.detected && !b.drawn).toList();
            if (own.size() >= LADDER) partition(own, s);
        }
    }

    /** A band of the lane: one box, or both parts of a fitted doublet (they share pixels by their shares). */
    private record Unit(List<Box> parts, int top, int bottom, int peak) {}

    /**
     * A ladder's bands are as wide as its well: a band boxed narrower than this fraction of the
     * lane's median band width takes the columns of the nearest band of full width (development
     * gel, lane 4: the 200 and 100 bp boxes 65-67 px wide against 101-117 px for its other bands,
     * -62% and -52% of their mass share; every other band there is at least 0.86 of the median).
     */
    static final double NARROW = 0.8;

    private static void partition(List<Box> own, Raster s) {
        double typical = Profiles.median(own.stream().mapToDouble(b -> b.w).toArray());
        for (Box b : own) {
            if (b.w >= NARROW * typical) continue;
            own.stream().filter(o -> o.w >= NARROW * typical).min(Comparator.comparingDouble(o -> Math.abs(o.cy() - b.cy())))
                    .ifPresent(o -> { b.x = o.x; b.w = o.w; });
        }
        List<Unit> units = new ArrayList<>();
        for (Box b : own.stream().sorted(Comparator.comparingDouble(Box::cy)).toList()) {
            if (b.pair != null && units.stream().anyMatch(u -> u.parts.contains(b.pair))) continue;
            List<Box> parts = b.pair != null && own.contains(b.pair) ? List.of(b, b.pair) : List.of(b);
            int top = parts.stream().mapToInt(p -> p.y).min().orElseThrow();
            int bottom = parts.stream().mapToInt(p -> p.y + p.h).max().orElseThrow() - 1;
            double[] p = BandFinder.meanOverColumns(s, b.x, b.x + b.w - 1, top, bottom);
            int peak = 0;
            for (int i = 1; i < p.length; i++) if (p[i] > p[peak]) peak = i;
            units.add(new Unit(parts, top, bottom, top + peak));
        }
        units.sort(Comparator.comparingInt(Unit::peak));
        int n = units.size();
        int[] upper = new int[n], lower = new int[n]; // first and last row of each unit
        for (int i = 0; i < n; i++) { upper[i] = units.get(i).top; lower[i] = units.get(i).bottom; }
        for (int i = 0; i + 1 < n; i++) {
            int cut = valley(units.get(i), units.get(i + 1), s); // first row of the lower unit
            if (cut < 0) continue;
            lower[i] = cut - 1;
            upper[i + 1] = cut;
        }
        int[] plainUpper = upper.clone(), plainLower = lower.clone();
        int[][] split = mixtureCuts(units, s);
        for (int i = 0; split != null && i + 1 < n; i++) {
            if (split[i] == null) continue;
            lower[i] = split[i][0];
            upper[i + 1] = split[i][1];
        }
        // no side reaches past the lane's median band spacing: a valley far from both bands (the empty
        // rows between two tiers of one lane, gel-lanes-fit HM_1_1) made a box of 100 rows (53 now);
        // the development gel's numbers are unchanged by it
        double[] pitch = new double[Math.max(1, n - 1)];
        for (int i = 0; i + 1 < n; i++) pitch[i] = units.get(i + 1).peak - units.get(i).peak;
        int reach = (int) Math.ceil(Profiles.median(pitch));
        int[][] box = new int[n][], plain = new int[n][];
        for (int i = 0; i < n; i++) {
            box[i] = extent(units.get(i), upper[i], lower[i], reach);
            plain[i] = extent(units.get(i), plainUpper[i], plainLower[i], reach);
        }
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            if (box[i] == null) continue;
            int y0 = box[i][0], y1 = box[i][1];
            // other boxes' rings leave out the rows this band holds at the valleys, wherever a shoulder put its
            // box: a ring beside the ladder reading the rows a shoulder freed moved a neighbour lane's volume up to 4x
            boolean moved = plain[i] != null && (plain[i][0] != y0 || plain[i][1] != y1);
            for (Box b : u.parts) {
                b.sidesOnly = true;
                if (moved) { b.heldTop = plain[i][0]; b.heldBottom = plain[i][1]; }
            }
            if (u.parts.size() == 1) {
                Box b = u.parts.get(0);
                b.y = y0;
                b.h = y1 - y0 + 1;
                continue;
            }
            // a doublet's parts: the outer edges move, each part stays inside the unit
            for (Box b : u.parts) {
                int t = Math.max(y0, b == topPart(u) ? y0 : b.y), e = Math.min(y1, b == bottomPart(u) ? y1 : b.y + b.h - 1);
                if (e < t) { t = y0; e = y1; }
                b.y = t;
                b.h = e - t + 1;
            }
        }
    }

    /**
     * First and last row of a unit's box between the rows its neighbours leave it, each side at most the
     * lane's median band spacing and SIDE_RATIO times the other; null when nothing is left.
     */
    private static int[] extent(Unit u, int upper, int lower, int reach) {
        int up = Math.min(reach, u.peak - upper), down = Math.min(reach, lower - u.peak);
        if (Math.min(up, down) >= 1) {
            up = Math.min(up, (int) Math.floor(SIDE_RATIO * down));
            down = Math.min(down, (int) Math.floor(SIDE_RATIO * up));
        }
        int y0 = u.peak - up, y1 = u.peak + down;
        return y1 < y0 ? null : new int[] {y0, y1};
    }

    private static Box topPart(Unit u) {
        return u.parts.stream().min(Comparator.comparingDouble(Box::cy)).orElseThrow();
    }

    private static Box bottomPart(Unit u) {
        return u.parts.stream().max(Comparator.comparingDouble(Box::cy)).orElseThrow();
    }

    /**
     * Per pair of neighbouring units with a shoulder between them ({@link LaneMixture}), the last row
     * of the upper and the first row of the lower one: each stops where the shoulder's fitted peak
     * overtakes its own, so the shoulder is in neither box (null entry: no shoulder, the valley
     * then). Null when the lane shares too few columns or the fit fails.
     */
    private static int[][] mixtureCuts(List<Unit> units, Raster s) {
        int x0 = Integer.MIN_VALUE, x1 = Integer.MAX_VALUE, r0 = Integer.MAX_VALUE, r1 = Integer.MIN_VALUE;
        for (Unit u : units) {
            for (Box p : u.parts) { x0 = Math.max(x0, p.x); x1 = Math.min(x1, p.x + p.w - 1); }
            r0 = Math.min(r0, u.top);
            r1 = Math.max(r1, u.bottom);
        }
        if (x1 - x0 < 2) return null;
        double[] p = BandFinder.meanOverColumns(s, x0, x1, r0, r1);
        List<int[]> at = new ArrayList<>(); // centre (profile index), unit
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (u.parts.size() == 1) at.add(new int[] {u.peak - r0, i});
            else for (Box b : u.parts) at.add(new int[] {Math.min(p.length - 1, Math.max(0, (int) Math.round(b.cy()) - r0)), i});
        }
        at.sort(Comparator.comparingInt(c -> c[0]));
        int[] centres = at.stream().mapToInt(c -> c[0]).toArray(), band = at.stream().mapToInt(c -> c[1]).toArray();
        int[][] out = new int[units.size() - 1][];
        for (int i = 0; i + 1 < units.size(); i++) {
            final int ia = i;
            List<LaneMixture.Peak> mix = LaneMixture.around(p, centres, band, i);
            if (mix == null) continue;
            int from = units.get(i).peak - r0, to = units.get(i + 1).peak - r0;
            DoubleUnaryOperator a = y -> density(mix, ia, y), b = y -> density(mix, ia + 1, y);
            List<LaneMixture.Peak> between = mix.stream().filter(k -> k.band() < 0 && k.centre() > from && k.centre() < to)
                    .sorted(Comparator.comparingDouble(LaneMixture.Peak::centre)).toList();
            if (!between.isEmpty()) {
                LaneMixture.Peak first = between.get(0), last = between.get(between.size() - 1);
                out[i] = new int[] {r0 + Math.max(from, crossing(a, first::at, from, (int) Math.round(first.centre())) - 1),
                        r0 + Math.min(to, crossing(last::at, b, (int) Math.round(last.centre()), to))};
            }
        }
        return out;
    }

    private static double density(List<LaneMixture.Peak> mix, int unit, double y) {
        return mix.stream().filter(k -> k.band() == unit).mapToDouble(k -> k.at(y)).sum();
    }

    /** First index after from (up to to) where the lower peak g outweighs the upper f; to when none. */
    private static int crossing(DoubleUnaryOperator f, DoubleUnaryOperator g, int from, int to) {
        for (int y = from + 1; y < to; y++) if (f.applyAsDouble(y) < g.applyAsDouble(y)) return y;
        return to;
    }

    /** Row of the lowest mean over the two units' shared columns strictly between their peaks; -1 when none. */
    private static int valley(Unit a, Unit b, Raster s) {
        int x0 = Integer.MIN_VALUE, x1 = Integer.MAX_VALUE;
        for (Box p : a.parts) { x0 = Math.max(x0, p.x); x1 = Math.min(x1, p.x + p.w - 1); }
        for (Box p : b.parts) { x0 = Math.max(x0, p.x); x1 = Math.min(x1, p.x + p.w - 1); }
        int from = a.peak + 1, to = b.peak - 1;
        if (x1 < x0 || to < from) return -1;
        double[] p = BandFinder.meanOverColumns(s, x0, x1, from, to);
        int v = 0;
        for (int i = 1; i < p.length; i++) if (p[i] < p[v]) v = i;
        return from + v;
    }
}
