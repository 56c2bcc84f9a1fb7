package org.assayquant.core.blot;

import java.util.List;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;

/** The background under a band, summed over each row of its rectangle, by each supported method. */
final class BackgroundEstimates {
    private BackgroundEstimates() {}

    /**
     * Median of a ring of pixels around the rectangle, leaving out pixels inside any other band's
     * rectangle, per pixel of the rectangle. The ring starts a quarter of the band height out
     * (a Gaussian band edge at 5% of peak still has a tail; a quarter height further it is below
     * 0.2%) and is a sixth of the height thick. Robust to dust and to a neighbour's tail; exact
     * for flat and linear backgrounds.
     */
    static double[] borderMedian(Raster s, Box b, List<Box> all) {
        int gap = Math.max(2, b.h / 4), ring = Math.max(3, b.h / 6);
        int x0 = b.x - gap - ring, x1 = b.x + b.w - 1 + gap + ring;
        int y0 = b.y - gap - ring, y1 = b.y + b.h - 1 + gap + ring;
        double[] values = new double[(x1 - x0 + 1) * (y1 - y0 + 1)];
        int n = 0;
        for (int y = Math.max(0, y0); y <= Math.min(s.height - 1, y1); y++) {
            for (int x = Math.max(0, x0); x <= Math.min(s.width - 1, x1); x++) {
                boolean inner = x >= b.x - gap && x < b.x + b.w + gap && y >= b.y - gap && y < b.y + b.h + gap;
                // a ladder band's rows above and below belong to its neighbours or their valley: its sides only
                boolean between = b.sidesOnly && x >= b.x - gap && x < b.x + b.w + gap;
                if (inner || between || insideOther(all, b, x, y)) continue;
                values[n++] = s.px[y * s.width + x];
            }
        }
        double[] rows = new double[b.h];
        if (n > 0) java.util.Arrays.fill(rows, Profiles.median(java.util.Arrays.copyOf(values, n)) * b.w);
        return rows;
    }

    private static boolean insideOther(List<Box> all, Box self, int x, int y) {
        for (Box o : all) {
            if (o == self || x < o.x || x >= o.x + o.w) continue;
            boolean held = o.heldTop <= o.heldBottom; // a ladder band: the rows it holds at the valleys
            if (held ? y >= o.heldTop && y <= o.heldBottom : y >= o.y && y < o.y + o.h) return true;
        }
        return false;
    }

    /**
     * Valley to valley, as ImageJ's Gel Analyzer users draw it: the band's profile along the lane
     * (over its own columns) gets a straight baseline between its lowest points just above and
     * below the band; the baseline under each row is summed over the band's width.
     */
    static double[] valley(Raster s, Box b) {
        int reach = Math.max(3, b.h / 2);
        int ya = Math.max(0, b.y - reach), yb = Math.min(s.height - 1, b.y + b.h - 1 + reach);
        double[] p = BandFinder.meanOverColumns(s, b.x, b.x + b.w - 1, ya, yb);
        int top = b.y - ya, bottom = b.y + b.h - 1 - ya;
        int vl = 0, vr = p.length - 1;
        for (int i = 0; i <= top; i++) if (p[i] < p[vl]) vl = i;
        for (int i = bottom; i < p.length; i++) if (p[i] <= p[vr]) vr = i;
        double[] rows = new double[b.h];
        for (int i = top; i <= bottom; i++) {
            rows[i - top] = b.w * (vr == vl ? p[vl] : p[vl] + (p[vr] - p[vl]) * (i - vl) / (double) (vr - vl));
        }
        return rows;
    }

    static double[] rows(float[] bg, int width, Box b) {
        double[] rows = new double[b.h];
        for (int y = b.y; y < b.y + b.h; y++) for (int x = b.x; x < b.x + b.w; x++) rows[y - b.y] += bg[y * width + x];
        return rows;
    }
}
