package org.assayquant.core.wells;

import org.assayquant.core.Components;

/**
 * Plaque mode on a plate: a band left out as peeled monolayer, or plaques crowding the wall. In a radial profile both
 * are a clear band deeper than the wall's own ring; in 2-D a peel is a crescent hugging the wall, much longer along it
 * than deep, while plaques touching the wall are round clearings (alone, or two or three merged), about as long along
 * the wall as deep. Each arc of sectors whose band reaches deeper than the ring is judged by the largest clear object
 * inside its band: an arc whose object is shorter than ELONGATION x its depth is plaques, and its band is taken back to
 * the wall's ring, so the plaques are counted as any others; a crescent stays out (the peel, or the wall's light).
 */
final class WallPlaques {
    /**
     * An arc's largest clear object in its band at least this many times longer along the wall (at its mean radius)
     * than deep from the wall is a peel's crescent. Development, the 12-well photos (150 wells with plaques, main 67
     * within max(2, 25 %); docs/history/wells.md, session 24): 1.5 / 2 / 3 gave 75 / 78 / 71, empty wells within 2 62 of
     * 63 in each. The arcs (deeper than the ring by a tenth of the radius) of main's band: median 1.5 on Brisbane (152
     * arcs), 1.9 on IBV (34; plaques crowding the wall, no peel seen on either), 2.8 on PR8v (66; peels and faint
     * plaques); the peels seen on the photos (PR8v 1 B4, 2 C4, 3 C4) 5.6-14, the wall's light crescents of empty wells 24-34.
     */
    static final double ELONGATION = 2;

    private WallPlaques() {}

    /**
     * The sectors' band edges with every arc of plaques taken back to the ring (a new array; {@code smooth} itself when
     * no arc is).
     *
     * @param g         the smoothed signal the band was found on
     * @param threshold its clear level (pixels above it are plaque or peel)
     * @param smooth    each sector's band edge (distance from the centre), SECTORS of them
     * @param ring      the wall's own ring; a sector whose edge lies deeper than ring - deeper is in an arc
     */
    static double[] plaqueArcs(float[] g, double threshold, boolean[] inside, int w, int x0, int y0, Circle c, double[] smooth,
                               double ring, double deeper) {
        int sectors = smooth.length;
        boolean[] deep = new boolean[sectors];
        int start = -1;
        for (int s = 0; s < sectors; s++) {
            deep[s] = smooth[s] < ring - deeper;
            if (!deep[s]) start = s;
        }
        if (start < 0) return smooth; // the band deeper all round: no ring to take back to
        int h = g.length / w;
        int[] secOf = new int[g.length];
        double[] dist = new double[g.length], ang = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            secOf[i] = -1;
            if (!inside[i] || !(g[i] > threshold)) continue;
            double dx = x0 + i % w + 0.5 - c.x(), dy = y0 + i / w + 0.5 - c.y();
            double d = Math.sqrt(dx * dx + dy * dy);
            int s = ColonyCounter.sector(dx, dy);
            if (!deep[s] || d < smooth[s]) continue;
            secOf[i] = s;
            dist[i] = d;
            ang[i] = Math.atan2(dy, dx) + Math.PI;
        }
        double[] out = smooth;
        // each arc: a run of deep sectors, from the first after a shallow one
        for (int k = 1; k <= sectors; k++) {
            int s0 = (start + k) % sectors;
            if (!deep[s0] || deep[(s0 - 1 + sectors) % sectors]) continue;
            int len = 0;
            while (len < sectors && deep[(s0 + len) % sectors]) len++;
            boolean[] inArc = new boolean[sectors];
            for (int j = 0; j < len; j++) inArc[(s0 + j) % sectors] = true;
            double from = 2 * Math.PI * s0 / sectors;
            if (elongation(secOf, dist, ang, inArc, w, h, c.r(), from) < ELONGATION) {
                if (out == smooth) out = smooth.clone();
                for (int j = 0; j < len; j++) out[(s0 + j) % sectors] = Math.max(out[(s0 + j) % sectors], ring);
            }
        }
        return out;
    }

    /** The largest clear object of the arc's band (8-connected; the first in scan order of equals): its length along the wall over its depth from the wall. */
    private static double elongation(int[] secOf, double[] dist, double[] ang, boolean[] inArc, int w, int h, double r, double from) {
        boolean[] band = new boolean[secOf.length];
        for (int i = 0; i < band.length; i++) band[i] = secOf[i] >= 0 && inArc[secOf[i]];
        int[] largest = {};
        for (int[] part : Components.of(band, w, h).pixels()) if (part.length > largest.length) largest = part;
        if (largest.length == 0) return 0;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, near = Double.POSITIVE_INFINITY;
        for (int i : largest) {
            double a = ang[i] - from;
            if (a < 0) a += 2 * Math.PI;
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
            near = Math.min(near, dist[i]);
        }
        return (hi - lo) * (near + r) / 2 / Math.max(1, r - near);
    }
}
