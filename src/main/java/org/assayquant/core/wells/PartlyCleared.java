package org.assayquant.core.wells;

import org.assayquant.core.Medians;

import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Plaque mode on a plate: partly cleared plaques, too faint for the plaque floor
 * (ColonyCounter.PEEL_CONTRAST), judged against the plate's monolayer texture. A fixed second level
 * and a level from the well's own texture both took intact monolayers' texture for plaques on
 * held-out photos (docs/history/wells.md, sessions 3, 10 and 12); the monolayer, stain and light are the
 * same in every well of a plate, so its quietest wells show how far an intact monolayer's texture
 * reaches. A candidate ({@link #find}) is a local maximum of a difference of Gaussians at the plaque
 * scale that stands SIGMAS robust SDs of that response above the well's own, is lighter than its
 * surroundings by at least CONTRAST of the headroom, is a compact round clearing and does not lie on
 * a plaque the floor already counted nor on an object it rejected; it is counted ({@link #judged}) when its contrast passes
 * MARGIN times the strongest candidate of the plate's quietest wells.
 *
 * <p>Not ColonyCounter.faintPlaques, which also looks for plaques under the floor: that one counts compact
 * particles above a flat level (FAINT of the headroom over the flattened signal's base) in any plaque well, to
 * flag a well's count as doubtful, never to count them; a flat level took intact monolayers' texture for plaques
 * (docs/history/wells.md), so what is counted here is judged by local contrast and against the plate's own texture.
 */
final class PartlyCleared {
    /**
     * The plaque scale: the inner Gaussian's SD as a fraction of the analysed radius (12-well
     * development photos, plaques 0.05-0.15 of the radius across; session 12: 0.035 took texture in
     * IBV's empty wells, 20 of 25 within 2 against 23).
     */
    static final double SCALE = 0.05;
    /** The surround Gaussian's SD over the inner one (the usual DoG ratio, close to a Laplacian of Gaussian). */
    private static final double SURROUND = 1.6;
    /** The local background's SD over the inner one: the contrast is measured against the well around the candidate. */
    private static final double BACKGROUND = 4;
    /**
     * A candidate's DoG peak stands this many robust SDs of the well's own response above its median
     * (session 12: 3, 4, 5 or 6 gave the same development counts within one well; the contrast, not
     * the SDs, keeps texture out: the JPEG's texture is not Gaussian).
     */
    static final double SIGMAS = 3;
    /**
     * The least contrast against the local background, as a fraction of the headroom above the
     * monolayer, whatever the plate: session 12's level, the lowest that kept the development empty
     * wells (0.05: 51 of 63 within 2, 0.08: 60).
     */
    static final double CONTRAST = 0.08;
    /** Candidates and the texture SD only inside this fraction of the radius: the wall's ring and meniscus are not monolayer texture. */
    private static final double CORE = 0.9;
    /**
     * The plate's quietest wells, as a share of its wells (at least one): those with the fewest
     * plaques at the floor, then the weakest strongest candidate; a quarter of a 12-well plate is
     * one dilution's column of three. Development (countable wells within max(2, 25 %) of 213 /
     * empty wells within 2 of 63, main 114 / 61, at MARGIN 1): 2, 3, 4 wells 118 / 60, 115 / 60,
     * 116 / 61 (docs/history/wells.md, session 13).
     */
    static final double QUIET = 0.25;
    /**
     * A candidate counts when its contrast is above this many times the quietest wells' strongest
     * (so none of theirs counts). Development, 3 quiet wells: 0.8 118 / 60, 1 115 / 60, 1.2 114 /
     * 60, 1.5 114 / 60, 2 115 / 60; below 1 the quiet wells' own texture counts.
     */
    static final double MARGIN = 1;

    private PartlyCleared() {}

    /**
     * A well's partly cleared plaque candidates, each with its contrast (a fraction of the headroom) as its peak.
     *
     * @param crop     the unflattened signal (plaques high), the analysed pixels' median outside them
     * @param inside   the analysed pixels (without a peeled band or glare)
     * @param clear    the plaques the floor counted (image coordinates): a candidate on one is not another
     * @param rejected the objects above the floor not counted: a candidate on one is that object's faint part, already
     *                 judged (12-well development photos: the pipette tip's scrape rejected as elongated or rim and
     *                 counted again as a partly cleared plaque on it in 6 empty wells, session 21)
     * @param headroom full scale minus the monolayer's median
     */
    static List<ColonyCounter.Colony> find(float[] crop, boolean[] inside, int w, int h, int x0, int y0, Circle c,
                                           List<ColonyCounter.Colony> clear, List<ColonyCounter.Rejected> rejected, double headroom) {
        double s = SCALE * c.r();
        float[] g1 = blurred(crop, w, h, s), g2 = blurred(crop, w, h, SURROUND * s), bg = blurred(crop, w, h, BACKGROUND * s);
        float[] dog = new float[w * h];
        for (int i = 0; i < dog.length; i++) dog[i] = g1[i] - g2[i];
        boolean[] core = new boolean[w * h];
        int n = 0;
        double rc = CORE * c.r();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x0 + x + 0.5 - c.x(), dy = y0 + y + 0.5 - c.y();
                if (inside[y * w + x] && dx * dx + dy * dy <= rc * rc) { core[y * w + x] = true; n++; }
            }
        }
        if (n == 0 || headroom <= 0) return List.of();
        float[] v = new float[n];
        for (int i = 0, j = 0; i < dog.length; i++) if (core[i]) v[j++] = dog[i];
        float med = Medians.upper(v);
        double sigma = 1.4826 * Medians.mad(v, med); // the texture's SD, robust to the plaques themselves when they cover under half the well
        double level = med + SIGMAS * sigma;
        int half = (int) s;
        List<ColonyCounter.Colony> out = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!core[i] || dog[i] <= level || g1[i] - bg[i] < CONTRAST * headroom || !peak(dog, w, h, x, y, half)) continue;
                double gx = x0 + x + 0.5, gy = y0 + y + 0.5;
                if (on(gx, gy, clear, s) || on(gx, gy, rejected, s)) continue;
                int[] part = halfMax(dog, core, w, h, x, y, dog[i] - 0.5 * (dog[i] - med), 2 * s);
                ColonyCounter.Shape sh = ColonyCounter.Shape.of(part, w);
                if (sh.rejection(false) != null) continue; // a streak or a ring of texture, not a round clearing
                out.add(new ColonyCounter.Colony(gx, gy, part.length, (g1[i] - bg[i]) / headroom));
            }
        }
        return out;
    }

    /**
     * The plate's measures with the candidates that clear its texture counted: the level is MARGIN
     * times the strongest candidate of the quietest wells (every candidate has at least CONTRAST).
     */
    static List<ColonyCounter.Measure> judged(List<ColonyCounter.Measure> measures) {
        Integer[] order = new Integer[measures.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        Arrays.sort(order, Comparator.<Integer>comparingInt(k -> measures.get(k).colonies().size()).thenComparingDouble(k -> strongest(measures.get(k))));
        double texture = 0;
        for (int q = 0; q < Math.max(1, Math.round(QUIET * order.length)); q++) texture = Math.max(texture, strongest(measures.get(order[q])));
        double level = MARGIN * texture;
        List<ColonyCounter.Measure> out = new ArrayList<>();
        for (ColonyCounter.Measure m : measures) {
            List<ColonyCounter.Colony> all = new ArrayList<>(m.colonies());
            for (ColonyCounter.Colony k : m.partly()) if (k.peak() > level) all.add(k);
            if (all.size() == m.colonies().size()) {
                out.add(m);
                continue;
            }
            all.sort(ColonyCounter.Spot.READING_ORDER);
            out.add(m.withObjects(all, m.rejected(), m.inner(), List.of()));
        }
        return out;
    }

    private static double strongest(ColonyCounter.Measure m) {
        double s = 0;
        for (ColonyCounter.Colony k : m.partly()) s = Math.max(s, k.peak());
        return s;
    }

    /** a blurred by a Gaussian of SD sd (a new array; ImageJ's GaussianBlur, accuracy 0.01). */
    static float[] blurred(float[] a, int w, int h, double sd) {
        float[] g = a.clone();
        new GaussianBlur().blurGaussian(new FloatProcessor(w, h, g), sd, sd, 0.01);
        return g;
    }

    /** The highest in its (2 half + 1)-pixel square (ties: the first in scan order). */
    static boolean peak(float[] d, int w, int h, int x, int y, int half) {
        float v = d[y * w + x];
        for (int yy = Math.max(0, y - half); yy <= Math.min(h - 1, y + half); yy++) {
            for (int xx = Math.max(0, x - half); xx <= Math.min(w - 1, x + half); xx++) {
                float u = d[yy * w + xx];
                if (u > v || (u == v && yy * w + xx < y * w + x)) return false;
            }
        }
        return true;
    }

    private static boolean on(double x, double y, List<? extends ColonyCounter.Spot> objects, double s) {
        for (ColonyCounter.Spot k : objects) {
            double reach = Math.sqrt(k.area() / Math.PI) + s;
            if ((x - k.x()) * (x - k.x()) + (y - k.y()) * (y - k.y()) < reach * reach) return true;
        }
        return false;
    }

    /** The 4-connected pixels of the core above level around (x, y), within reach of it: the clearing's extent at half its height. */
    private static int[] halfMax(float[] d, boolean[] core, int w, int h, int x, int y, double level, double reach) {
        int r = (int) Math.ceil(reach), side = 2 * r + 1; // a box around the peak: a dish's crop is millions of pixels
        boolean[] seen = new boolean[side * side];
        int[] stack = new int[side * side], pix = new int[side * side];
        int sp = 0, size = 0;
        stack[sp++] = y * w + x;
        seen[r * side + r] = true;
        while (sp > 0) {
            int p = stack[--sp];
            pix[size++] = p;
            int px = p % w, py = p / w;
            int[] next = {px > 0 ? p - 1 : -1, px < w - 1 ? p + 1 : -1, py > 0 ? p - w : -1, py < h - 1 ? p + w : -1};
            for (int q : next) {
                if (q < 0 || !core[q] || d[q] <= level) continue;
                int dx = q % w - x, dy = q / w - y;
                if (dx * dx + dy * dy > reach * reach) continue;
                int b = (dy + r) * side + dx + r;
                if (seen[b]) continue;
                seen[b] = true;
                stack[sp++] = q;
            }
        }
        return Arrays.copyOf(pix, size);
    }
}
