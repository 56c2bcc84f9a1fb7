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
 * (the rule `broad`, docs/history/blots.md): it mixes rows of different proteins and loads.
 */
final class RowShapes {
    /**
     * A box more than this many times the median height of its row's other bands is taller than
     * the row. Measured against main's boxes (matched bands; athenaz2 development: the lab's
     * volume, 15 boxes more than 20% off, 295 within 10%; blotquant-dev: the truth, 31 and 285):
     * 1.2 flags 3 more of athenaz2's wrong boxes (1.31-1.51x) and 5 within 10%, on blotquant-dev 4
     * more wrong (truth pairs 2.2 sigma apart boxed as one, 1.23-1.35x) and 1 within 10% (1.29x).
     * 1.25: 1 wrong on blotquant-dev (the pairs at 1.23x pass), 2 within 10% on athenaz2; 1.15: 11
     * within 10% on athenaz2 for no more wrong ones.
     */
    static final double TALLER = 1.2;
    /**
     * Wider than this many times the row's median width, or narrower than {@link #NARROWER} of
     * it. Measured as {@link #TALLER}: 7 more of athenaz2's wrong boxes (0.70-0.77x: part of a
     * band; 1.34-1.50x: a box widened to a wrong lane's borders) and 7 within 10%, on blotquant-dev
     * 2 wrong and none within 10% (its good bands 0.77-1.19x). 1.2 wide: 1 more wrong, 5 more
     * within 10% on athenaz2; 0.75 narrow: 3 fewer wrong, the same within 10%.
     */
    static final double WIDER = 1.25, NARROWER = 0.8;
    /**
     * The box differs from the row's median by at least this many pixels: on 8-10 px tall bands
     * one pixel is 10-12% (blotquant-dev: 2 px flagged 3 more within 10%, dev_25's 10 px bands in a
     * row of 8; 4 px let 3 of the 16 px pairs among 13 px bands pass).
     */
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
