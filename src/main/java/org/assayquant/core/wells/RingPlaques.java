package org.assayquant.core.wells;

import java.util.Arrays;
import java.util.List;

/**
 * Plaque mode on a plate: plaques seen as rings, counted once each by a circular vote on their rims. On the PR8v
 * development photos (1200 x 1600 JPEGs, wells of radius 84 px) a plaque is a disc about 0.1-0.15 of the well's radius,
 * a few grey levels lighter than the near-black monolayer, whose rim is lighter still and whose core often is too; the
 * threshold (a quarter of the headroom) takes only the brightest cores, and the light spots at the plaque scale take a
 * sharp ring as three or four spots (docs/history/wells.md, sessions 20-24). A rim is what a person counts: for every
 * pixel as a centre and every radius of the plate's plaques, each of ANGLES rays votes when the image at that radius
 * is lighter than just outside it by RIM of the headroom; the share of the rays that vote, at the best radius, is the
 * centre's vote, and each maximum of the votes is one plaque, overlapping ones included. A light disc votes as a ring
 * does (its edge is lighter than outside); a monolayer's mottle votes from a few rays only.
 * <p>
 * Used only where the plate shows ring plaques, judged from the image: the plate's strong votes (at least PLATE_VOTE)
 * are at least PLATE_MIN and PLATE_SHARE times the plate's count. There, a well counts max(its count, its rings).
 */
final class RingPlaques {
    /**
     * A plaque's radius from this to MAX_R of the analysed radius: PR8v's rings measure 0.1-0.15 (7-14 px at 84 px),
     * Brisbane's and IBV's plaques fall in the same range.
     */
    static final double MIN_R = 0.08, MAX_R = 0.17;
    /** The rays of a circle (15 degrees apart): a plaque half hidden by its neighbours still has a dozen. */
    static final int ANGLES = 24;
    /**
     * A ray compares the image at the radius with the image this fraction of the analysed radius further out (3 px at
     * 84 px: just outside PR8v's rims, 1-2 px wide after SMOOTH).
     */
    static final double OUT = 0.035;
    /** The image is smoothed with a Gaussian of this SD (a fraction of the analysed radius: 1 px at 84 px) against JPEG noise. */
    static final double SMOOTH = 0.012;
    /**
     * A ray votes when the rim is lighter than outside by this fraction of the headroom (full scale minus the well's
     * median). Development (`measure/plaque_rings.py`; 150 wells with plaques within max(2, 25 %), main 67; the plate
     * rule below, VOTE 0.35): 0.01 / 0.0125 / 0.015 / 0.02 / 0.03 gave 76 / 87 / 87 / 79 / 70 (at VOTE 0.5, 0.35, 0.35,
     * 0.5, 0.4: each RIM's best); below 0.015 the gate takes IBV 7 (an empty plate: empty wells within 2 62 -> 40-51).
     */
    static final double RIM = 0.015;
    /**
     * A centre with at least this share of its rays voting is a plaque. Development, on the ring plates: 0.3 / 0.35 /
     * 0.4 / 0.5 gave 87 / 87 / 85 / 79 wells with plaques within, `ok` and wrong 10 / 12 / 14 / 17; empty wells within 2
     * 62 each.
     */
    static final double VOTE = 0.3;
    /**
     * The plate's strong votes: those of at least PLATE_VOTE (most rays; a monolayer's mottle rarely reaches it) are
     * counted over the whole plate for the gate.
     */
    static final double PLATE_VOTE = 0.6;
    /**
     * A ring plate: its strong votes at least PLATE_SHARE times its count. Development: PR8v 1-13 4.2-16 (their
     * threshold takes the rings' cores only), every Brisbane and IBV plate with at least PLATE_MIN strong votes 1.0-2.6
     * but IBV 2 (4.2; crowded wells only, none countable); 2.5 took Brisbane 5 (empty wells within 2 62 -> 61), 3 / 3.5 /
     * 4 the same 87.
     */
    static final double PLATE_SHARE = 2.8;
    /**
     * And at least this many strong votes (about 8 a well): an empty plate's few (PR8v 14: 5, IBV 7: 31, against PR8v
     * 1-13's 401-621) are no ring plaques, whatever its count (0-5).
     */
    static final int PLATE_MIN = 100;
    /**
     * And its quietest well's strong votes at most this many: a mottled monolayer votes in every well, a plate of rings
     * has a well with few (PR8v 1-13: 0-15, the quietest countable wells holding 2-23 plaques).
     */
    static final int QUIET = 30;
    /** Votes only inside this fraction of the analysed radius, as PartlyCleared's candidates: the wall is no plaque. */
    private static final double CORE = 0.9;
    /** The image is read inside this fraction of the analysed radius (the meniscus beyond it is lighter than the monolayer). */
    private static final double READ = 0.96;
    /** One plaque per square of this fraction of the analysed radius (about a plaque's radius): overlapping plaques stay two. */
    private static final double SPACING = 0.1;

    private RingPlaques() {}

    /**
     * The votes of the well's maxima (highest first), from the image's channel (plaques light).
     */
    static float[] votes(PlateImage img, int ch, boolean dark, Circle c) {
        double r = c.r();
        int x0 = Math.max(0, (int) Math.floor(c.x() - r) - 1), y0 = Math.max(0, (int) Math.floor(c.y() - r) - 1);
        int x1 = Math.min(img.width, (int) Math.ceil(c.x() + r) + 2), y1 = Math.min(img.height, (int) Math.ceil(c.y() + r) + 2);
        int w = x1 - x0, h = y1 - y0;
        if (w < 3 || h < 3) return new float[0];
        float top = (float) img.maxValue;
        float[] v = new float[w * h];
        boolean[] read = new boolean[w * h], core = new boolean[w * h];
        int nc = 0;
        for (int y = 0; y < h; y++) {
            double dy = y0 + y + 0.5 - c.y();
            for (int x = 0; x < w; x++) {
                double dx = x0 + x + 0.5 - c.x(), d = Math.sqrt(dx * dx + dy * dy) / r;
                float p = img.get(ch, (y0 + y) * img.width + x0 + x);
                int i = y * w + x;
                v[i] = dark ? top - p : p;
                read[i] = d < READ;
                core[i] = d < CORE;
                if (core[i]) nc++;
            }
        }
        if (nc == 0) return new float[0];
        float[] in = new float[nc];
        for (int i = 0, j = 0; i < v.length; i++) if (core[i]) in[j++] = v[i];
        Arrays.sort(in);
        double head = top - in[nc / 2];
        if (head <= 0) return new float[0];
        float[] s = PartlyCleared.blurred(v, w, h, SMOOTH * r);
        float rim = (float) (RIM * head);
        int lo = Math.max(3, (int) Math.round(MIN_R * r)), hi = Math.max(lo, (int) Math.round(MAX_R * r));
        int out = Math.max(1, (int) Math.round(OUT * r));
        // integral images of the smoothed signal and of the pixels read: a centre's inside as a box mean
        double[] is = new double[(w + 1) * (h + 1)], iw = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x, j = (y + 1) * (w + 1) + x + 1;
                is[j] = (read[i] ? s[i] : 0) + is[j - 1] + is[j - w - 1] - is[j - w - 2];
                iw[j] = (read[i] ? 1 : 0) + iw[j - 1] + iw[j - w - 1] - iw[j - w - 2];
            }
        }
        float[] best = new float[w * h];
        int[] ax = new int[ANGLES], ay = new int[ANGLES], bx = new int[ANGLES], by = new int[ANGLES];
        for (int rr = lo; rr <= hi; rr++) {
            int box = (rr | 1) / 2; // the inside: a square rr px wide (odd), about the disc of half the radius
            for (int k = 0; k < ANGLES; k++) {
                double t = 2 * Math.PI * k / ANGLES;
                ax[k] = (int) Math.round(rr * Math.cos(t));
                ay[k] = (int) Math.round(rr * Math.sin(t));
                bx[k] = (int) Math.round((rr + out) * Math.cos(t));
                by[k] = (int) Math.round((rr + out) * Math.sin(t));
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int n = 0, yes = 0;
                    double outside = 0;
                    for (int k = 0; k < ANGLES; k++) {
                        int xa = x + ax[k], ya = y + ay[k], xb = x + bx[k], yb = y + by[k];
                        if (xa < 0 || ya < 0 || xa >= w || ya >= h || xb < 0 || yb < 0 || xb >= w || yb >= h) continue;
                        int a = ya * w + xa, b = yb * w + xb;
                        if (!read[a] || !read[b]) continue;
                        n++;
                        outside += s[b];
                        if (s[a] - s[b] > rim) yes++;
                    }
                    // at least half the rays inside the well (a centre by the wall is judged on its inner half), and
                    // the inside no darker than the monolayer outside the rim: the gap between rings sees their rims
                    // from outside, not a plaque
                    if (2 * n >= ANGLES && inside(is, iw, w, h, x, y, box) >= outside / n) {
                        float f = (float) yes / n;
                        if (f > best[y * w + x]) best[y * w + x] = f;
                    }
                }
            }
        }
        float[] b = PartlyCleared.blurred(best, w, h, SMOOTH * r);
        int half = Math.max(1, (int) Math.round(SPACING * r / 2));
        float[] found = new float[w * h];
        int m = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (core[i] && b[i] > 0 && PartlyCleared.peak(b, w, h, x, y, half)) found[m++] = b[i];
            }
        }
        float[] votes = Arrays.copyOf(found, m);
        Arrays.sort(votes);
        for (int i = 0, j = m - 1; i < j; i++, j--) { float t = votes[i]; votes[i] = votes[j]; votes[j] = t; }
        return votes;
    }

    /** The mean of the pixels read in the square of (2 half + 1) px around (x, y). */
    private static double inside(double[] is, double[] iw, int w, int h, int x, int y, int half) {
        int xa = Math.max(0, x - half), ya = Math.max(0, y - half), xb = Math.min(w, x + half + 1), yb = Math.min(h, y + half + 1);
        int W = w + 1;
        double n = iw[yb * W + xb] - iw[ya * W + xb] - iw[yb * W + xa] + iw[ya * W + xa];
        if (n <= 0) return Double.NEGATIVE_INFINITY;
        return (is[yb * W + xb] - is[ya * W + xb] - is[yb * W + xa] + is[ya * W + xa]) / n;
    }

    /** The maxima of at least {@code level}. */
    static int count(float[] votes, double level) {
        int n = 0;
        for (float f : votes) if (f >= level) n++;
        return n;
    }

    /**
     * Whether the plate shows ring plaques: its strong votes at least PLATE_MIN and PLATE_SHARE times its count, and its
     * quietest well's at most QUIET.
     */
    static boolean ringPlate(List<float[]> votes, int[] counted) {
        long strong = 0, sum = 0;
        int quiet = Integer.MAX_VALUE;
        for (float[] v : votes) {
            int n = count(v, PLATE_VOTE);
            strong += n;
            quiet = Math.min(quiet, n);
        }
        for (int n : counted) sum += n;
        return strong >= PLATE_MIN && strong >= PLATE_SHARE * sum && quiet <= QUIET;
    }

    /** Each well's count: on a ring plate max(its count, its rings), otherwise its count. */
    static int[] counted(List<float[]> votes, int[] counted) {
        if (!ringPlate(votes, counted)) return counted;
        int[] out = counted.clone();
        for (int k = 0; k < out.length; k++) out[k] = Math.max(out[k], count(votes.get(k), VOTE));
        return out;
    }
}
