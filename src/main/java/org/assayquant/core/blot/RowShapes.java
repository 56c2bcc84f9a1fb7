package org.assayquant.core.blot;

import java.util.List;

import org.assayquant.core.Profiles;
import org.assayquant.core.blot.BlotQuantifier.Box;

/**
 * A band box against the other bands of its row: a row is one protein run through every lane,
 * so its boxes share a shape, and a box that does not is the box to doubt, not the band. Taller
 * than the row: two bands (an unresolved pair) or a band and a smear in one box. Wider or
 * narrower: a box widened to a wrong lane's borders takes part of the next band, or holds only
 * part of its own (a band split between two lanes). The strip's median was not the reference
 * (the rule `broad`, docs/blots.md): it mixes rows of different proteins and loads.
 */
final class RowShapes {
    /**
     * A box this many times the median height of its row's other bands is taller than the row.
     * Measured on blotquant-dev (matched bands): single bands at most 1.29x their row (99th
     * percentile 1.25x), truth pairs 2.2 sigma apart boxed as one 1.23-1.35x; on athenaz2
     * development the boxes more than 20% off the lab's volume 1.31-1.51x, those within 10% at most
     * 1.13x but for 2 of 295. With 1.2: 4 more within 10% on athenaz2 and 3 more on blotquant-dev
     * for 2 more wrong ones.
     */
    static final double TALLER = 1.25;
    /**
     * Wider than this many times the row's median width, or narrower than {@link #NARROWER} of
     * it. Measured on athenaz2 development: of the boxes more than 20% off the lab's volume, 7 of
     * 15 outside 0.8-1.25x (0.70-0.77x and 1.34-1.50x), of those within 10% 10 of 295 (mostly
     * Oct10 GAPDH, 12 lanes found for 9); on blotquant-dev the bands within 10% lie within
     * 0.77-1.19x. 1.2 flagged 7 more within 10% on athenaz2 for 1 more wrong one.
     */
    static final double WIDER = 1.25, NARROWER = 0.8;
    /** The box differs from the row's median by at least this many pixels: on 8-10 px tall bands one pixel is 10-12% (blotquant-dev dev_25: 3 bands 10 px in a row of 8, all within 6%). */
    static final int MIN_PIXELS = 3;
    /** The row's shape is the median of at least this many other lanes' bands: one neighbour may be the odd one. */
    static final int MIN_NEIGHBOURS = 2;

    private RowShapes() {}

    /** b is taller than {@link #TALLER} times its row's median height. */
    static boolean taller(Box b, List<Box> boxes) {
        double[] h = neighbours(b, boxes, true);
        if (h == null) return false;
        double m = Profiles.median(h);
        return b.h > TALLER * m && b.h - m >= MIN_PIXELS;
    }

    /** b's width lies outside {@link #NARROWER} - {@link #WIDER} times its row's median width. */
    static boolean widthUnlike(Box b, List<Box> boxes) {
        double[] w = neighbours(b, boxes, false);
        if (w == null) return false;
        double m = Profiles.median(w);
        return b.w > WIDER * m && b.w - m >= MIN_PIXELS || b.w < NARROWER * m && m - b.w >= MIN_PIXELS;
    }

    /** Heights (or widths) of the detected bands in b's row in other lanes; null when b is not a detected band or the row has too few. */
    private static double[] neighbours(Box b, List<Box> boxes, boolean heights) {
        if (!b.detected || b.drawn || b.row < 0) return null;
        double[] v = boxes.stream().filter(o -> o.detected && o.row == b.row && o.lane != b.lane)
                .mapToDouble(o -> heights ? o.h : o.w).toArray();
        return v.length < MIN_NEIGHBOURS ? null : v;
    }
}
