package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Colonies' reflections counted as colonies. A dish photographed under its lid (or through a glossy bottom) can show
 * beside each colony a faint, smaller copy of it: the colony reflected by the plastic. Every colony's reflection lies
 * at the offset one mirror gives: seen through a camera, a homothety of the dish about one point, so the offset from
 * a colony to its ghost is a + b * (the colony's position), the same vector where b is 0 (issue 19, session 23:
 * cell_counting2's {@code 20180315_674CFUs.jpg}, ghosts 12 px below the colonies at the dish's centre, 21 px at its
 * top, overlapping the colonies at its bottom: b = -0.033, read 1160 for 674 and {@code ok}).
 *
 * <p>The test: every counted object smaller and fainter than a colony near it (a candidate pair) gives an offset; the
 * field that holds the most of them within {@link #TOL} is found, and it is a reflection only when it holds
 * {@link #SIGNIFICANT} times more pairs than the best field of the same pairs with their offsets turned by random
 * angles (same lengths, same places; a seeded generator: the same result every run), and than the field itself turned
 * by a quarter, a half and three quarters (a mirror puts its ghosts on one side; colonies on a lattice, a spotted array,
 * have neighbours on all four), and at least {@link #MIN_GHOSTS}.
 * Crowded colonies touch in every direction, so their pairs fit no one field better than chance. Its pairs' smaller
 * objects under {@link #FAINT} of their colony's peak are rejected as {@link ColonyCounter.Reject#REFLECTION} (at least
 * {@link #MIN_GHOSTS} of them); where the reflection overlaps its colony the two
 * are one elongated object that the shape split may count twice, so a well with many of them is flagged (see
 * {@link #flagged}).
 */
final class Reflections {
    /** A ghost is smaller than this fraction of its colony (674CFUs: the ghosts its field holds 0.06-0.49 of the colony nearest the field's place, median 0.22; most candidates of a crowded dish are touching neighbours). */
    static final double AREA = 0.5;
    /** A ghost's centre lies within this many of its colony's equivalent radii (674CFUs: 1.2-3.6, 90 % under 2.7; the farthest at the dish's top). */
    static final double REACH = 4;
    /** A pair fits a field when its offset lies within this many of its colony's equivalent radii of the field's (674CFUs, pairs held against the turned offsets' best: 0.25 60 / 16, 0.35 93 / 24, 0.5 141 / 38, 0.7 174 / 55; the ghosts seen apart from their colony on the overlay are most of them at 0.5). */
    static final double TOL = 0.5;
    /** The field holds this many times more pairs than the best of the turned offsets (674CFUs: 141 against 38; every development dish of the guard sets at most 1.2 times). */
    static final double SIGNIFICANT = 3;
    /** At least so many ghosts make a reflection. */
    static final int MIN_GHOSTS = 8;
    /** A mirror's homothety scales by nearly 1: fields steeper than this are no reflection. */
    static final double MAX_SLOPE = 0.1;
    /** The turned offsets' best fields judged against (the largest of them). */
    static final int SHUFFLES = 3;
    /** Hypotheses from each pair and this many others. */
    static final int PARTNERS = 24;
    /** Hypotheses from at most about this many pairs (the rest judged only). */
    static final int FIRSTS = 400;
    /**
     * A ghost's peak is under this fraction of its colony's (NaN peaks: not judged). 674CFUs: the pairs its field holds
     * 0.11-0.32 (median 0.16, 90th percentile 0.32), 9 of 141 above 0.5 (small colonies and halves that fit by chance);
     * a lattice of colonies cut as domes and whole ones (WellQualityTest's lit dish): the domes about 0.7.
     */
    static final double FAINT = 0.5;
    /** A well whose ghosts make at least this fraction of its count is flagged {@code reflection} (674CFUs: 132 of 1028). */
    static final double SHARE = 0.03;

    private Reflections() {}

    /** The measure with its colonies' reflections moved to the rejected objects (unchanged when no reflection is found). */
    static ColonyCounter.Measure without(ColonyCounter.Measure m) {
        List<ColonyCounter.Colony> cs = m.colonies();
        boolean[] ghost = ghosts(cs);
        return m.rejecting(ghost, ColonyCounter.Reject.REFLECTION);
    }

    /** Whether a well's rejected reflections are many against its count (the count may still hold colonies doubled by an overlapping one). */
    static boolean flagged(ColonyCounter.Measure m) {
        long ghosts = m.rejected().stream().filter(k -> k.reason() == ColonyCounter.Reject.REFLECTION).count();
        return ghosts >= MIN_GHOSTS && ghosts >= SHARE * m.colonies().size();
    }

    /** A candidate pair: the smaller object's index, its colony's radius and position, the offset from colony to object. */
    private record Pair(int ghost, double r, double x, double y, double dx, double dy, boolean faint) {}

    /** Which of cs are reflections of others (all false when none is found). */
    static boolean[] ghosts(List<ColonyCounter.Colony> cs) {
        boolean[] out = new boolean[cs.size()];
        List<Pair> pairs = pairs(cs);
        if (pairs.size() < MIN_GHOSTS) return out;
        double[] field = best(pairs);
        int found = field == null ? 0 : fits(pairs, field);
        if (found < MIN_GHOSTS) return out;
        Random random = new Random(19);
        int chance = 0;
        for (int s = 0; s < SHUFFLES; s++) {
            List<Pair> turned = new ArrayList<>();
            for (Pair p : pairs) {
                double a = 2 * Math.PI * random.nextDouble(), cos = Math.cos(a), sin = Math.sin(a);
                turned.add(new Pair(p.ghost, p.r, p.x, p.y, p.dx * cos - p.dy * sin, p.dx * sin + p.dy * cos, p.faint));
            }
            double[] f = best(turned);
            if (f != null) chance = Math.max(chance, fits(turned, f));
        }
        // one mirror puts every ghost on one side: the same field turned by a quarter, a half or three quarters holds
        // as few pairs as chance, where colonies set out on a lattice (a spotted array, a synthetic grid) fill all four
        for (int[] q : new int[][] {{0, 1}, {-1, 0}, {0, -1}}) chance = Math.max(chance, fits(pairs, field, q[0], q[1]));
        if (found < SIGNIFICANT * Math.max(1, chance)) return out;
        // a reflection is faint: a piece of a colony, or a small colony, that fits the field by chance is not
        int ghosts = 0;
        for (Pair p : pairs) if (p.faint && fit(p, field) && !out[p.ghost]) {
            out[p.ghost] = true;
            ghosts++;
        }
        return ghosts >= MIN_GHOSTS ? out : new boolean[cs.size()];
    }

    private static List<Pair> pairs(List<ColonyCounter.Colony> cs) {
        Hosts<ColonyCounter.Colony> hosts = new Hosts<>(cs, REACH);
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            ColonyCounter.Colony k = cs.get(i);
            for (int j : hosts.near(k.x(), k.y())) {
                ColonyCounter.Colony host = cs.get(j);
                if (j == i || k.area() >= AREA * host.area() || k.peak() >= host.peak()) continue; // NaN peaks: not judged
                double r = Math.sqrt(host.area() / Math.PI), dx = k.x() - host.x(), dy = k.y() - host.y();
                if (Math.hypot(dx, dy) <= REACH * r) out.add(new Pair(i, r, host.x(), host.y(), dx, dy, !(k.peak() >= FAINT * host.peak())));
            }
        }
        return out;
    }

    /**
     * The field {a_x, a_y, b} holding the most pairs: hypotheses from each pair alone (b = 0, one offset) and from
     * each pair with PARTNERS others (the field through both offsets), the best refitted by least squares to the
     * pairs it holds. Null when there are no pairs.
     */
    private static double[] best(List<Pair> pairs) {
        int n = pairs.size(), most = -1;
        double[] best = null;
        int step = Math.max(1, n / PARTNERS);
        // a crowded dish's thousands of pairs: hypotheses from FIRSTS of them, every pair judged
        for (int i = 0; i < n; i += Math.max(1, n / FIRSTS)) {
            Pair p = pairs.get(i);
            double[][] hypotheses = new double[PARTNERS + 1][];
            hypotheses[0] = new double[] {p.dx, p.dy, 0};
            for (int q = 1; q <= PARTNERS && q < n; q++) {
                Pair o = pairs.get((i + q * step) % n);
                double cx = p.x - o.x, cy = p.y - o.y, c2 = cx * cx + cy * cy;
                if (c2 < 1) continue;
                double b = ((p.dx - o.dx) * cx + (p.dy - o.dy) * cy) / c2;
                if (Math.abs(b) > MAX_SLOPE) continue;
                hypotheses[q] = new double[] {(p.dx - b * p.x + o.dx - b * o.x) / 2, (p.dy - b * p.y + o.dy - b * o.y) / 2, b};
            }
            for (double[] f : hypotheses) {
                if (f == null) continue;
                int k = fits(pairs, f);
                if (k > most) {
                    most = k;
                    best = f;
                }
            }
        }
        for (int round = 0; round < 2 && best != null; round++) {
            double[] refit = refit(pairs, best);
            if (refit == null || fits(pairs, refit) < most) break;
            best = refit;
            most = fits(pairs, best);
        }
        return best;
    }

    /** Least squares of a_x, a_y, b over the pairs the field holds (null when singular or too steep). */
    private static double[] refit(List<Pair> pairs, double[] f) {
        // normal equations of dx = ax + b x, dy = ay + b y
        double n = 0, sx = 0, sy = 0, sxx = 0, sdx = 0, sdy = 0, sxd = 0;
        for (Pair p : pairs) {
            if (!fit(p, f)) continue;
            n++;
            sx += p.x;
            sy += p.y;
            sxx += p.x * p.x + p.y * p.y;
            sdx += p.dx;
            sdy += p.dy;
            sxd += p.x * p.dx + p.y * p.dy;
        }
        if (n < 2) return null;
        double det = sxx - (sx * sx + sy * sy) / n;
        if (det <= 1e-9) return new double[] {sdx / n, sdy / n, 0};
        double b = (sxd - (sx * sdx + sy * sdy) / n) / det;
        if (Math.abs(b) > MAX_SLOPE) return null;
        return new double[] {(sdx - b * sx) / n, (sdy - b * sy) / n, b};
    }

    private static int fits(List<Pair> pairs, double[] f) {
        return fits(pairs, f, 1, 0);
    }

    /** The pairs whose offset lies where the field's, turned by the angle of cosine cos and sine sin, puts it. */
    private static int fits(List<Pair> pairs, double[] f, double cos, double sin) {
        int k = 0;
        for (Pair p : pairs) if (fit(p, f, cos, sin)) k++;
        return k;
    }

    private static boolean fit(Pair p, double[] f) {
        return fit(p, f, 1, 0);
    }

    private static boolean fit(Pair p, double[] f, double cos, double sin) {
        double fx = f[0] + f[2] * p.x, fy = f[1] + f[2] * p.y;
        double ex = p.dx - (cos * fx - sin * fy), ey = p.dy - (sin * fx + cos * fy);
        return ex * ex + ey * ey <= TOL * TOL * p.r * p.r;
    }
}
