package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;

/**
 * Groups bands into rows (one protein per row). Bands are taken top to bottom; a band joins the
 * current row while its centre is within half a typical band height of the row's last band
 * (a tilted or smiling row drifts slowly from lane to lane). A row holding two bands of one lane
 * is a resolved doublet (e.g. ERK1/ERK2) and is split into an upper and a lower row.
 */
final class RowGrouper {
    private RowGrouper() {}

    /**
     * A strip whose strong boxes ({@link #OWN_BAND_SNR}) lie more than 1/this in rows seen in fewer
     * than half the lanes, and which shows a ladder (a lane of at least {@link BandFinder#CROWDED}
     * strong boxes wider than tall), does not line its bands up in rows: a DNA gel. Over all boxes:
     * blotquant-dev at most 6 of 15 (dev_03: 0.40, JPEG noise blobs, all below 5 sigma);
     * gel-lanes-fit dev gels 0.41-0.70 (LM_1_top 28 of 51, HM_1_1 64 of 91, Long_1s 9 of 22), so
     * their ladders and PCR bands were dropped. The ladder condition keeps the western rules on
     * athenaz2's imager blots (without it 7 of 31 crossed the fraction, with wrong lanes and pen
     * writing: +30 boxes off every lab box on the development part, no lab box more matched).
     */
    static final double OWN_ROWS = 3;
    /**
     * A band in a row of its own on such a strip stands this many pixel-noise sigmas above its
     * baseline: the blotquant-dev boxes in minority rows reach at most 9.5 (dev_07, none a true
     * band); the dev gels' ladder and PCR bands 14-630.
     */
    static final double OWN_BAND_SNR = 12;
    /**
     * The same for a rung of a gel photo's ladder lane (lanes placed on its wells, {@link BlotOptions#wellLanes}): a
     * band already rose 4 sigmas of its lane profile's noise, and 12 dropped a GeneRuler ladder's 20-25 ng rungs
     * (09-12: 5-6 sigmas). Ladder lane, development (distinct boxes for the matched sizes, 09-12 / 10-08 / 11-12 tiers
     * 1, 2; s11-ladder, every lane holding its own rows): 12 -> 7, 9, 12, 9; 8 -> 7, 10, 13, 10; 4 -> 10, 10, 13, 11;
     * 0 -> 13, 10, 13, 11 with more boxes off the rungs.
     */
    static final double RUNG_SNR = 4;
    /**
     * See {@link #mergeLonePairs}. athenaz2 development: the rows merged (GAPDH, July24, July4 and May30
     * lower strips: 4 pairs against 4-5 single bands each) have single bands 0.93-0.99x the pair's
     * height; March 19 B1AR's total-blot row (3 pairs, 6 singles) 0.72x stays split.
     */
    static final double LONE_PAIR_HEIGHT = 0.85;
    /**
     * A fading row ({@link #fading}) holds at least this many bands: a two-fold series beside a row up to 4x its first
     * lane keeps 3 lanes over min_band_percent (4 %); two bands in a row are no order.
     */
    static final int FADING_LANES = 3;
    /**
     * ... and its bands fall by at least this factor from end to end (a series halves at each step; development: the
     * series' rows dropped whole 2.6-20x, the one ordered row off the lab's boxes 1.5x).
     */
    static final double FADE = 2;

    /**
     * Assigns rows; boxes in no row (artefacts) are removed from the list. pixelNoise: the strip's
     * pixel noise sigma (at least one grey level counts: a clean 8-bit image measures 0). ladders: the lanes
     * (0-based) known to hold a ladder, whose rungs never share rows with the samples: a box of theirs in a row
     * of its own is kept at {@link #RUNG_SNR}; the other lanes' rows follow the rules below. touchingRow: the strip is a
     * western's row of touching bands (see {@link #mergeLonePairs}).
     */
    static void assign(List<Box> boxes, double pixelNoise, Set<Integer> ladders, boolean touchingRow) {
        mergeLonePairs(boxes, touchingRow ? 1 : 2);
        List<List<Box>> split = group(boxes);
        // a protein shows in most lanes; a "row" seen in fewer than half of them is a speck or scratch.
        // Not on a DNA gel, where each lane holds its own fragments (ladders, one PCR band): when
        // more than a third of the boxes are in such rows, the lanes do not share rows, and a box
        // standing clearly out of the pixel noise is a band of its own
        boolean ownRows = ownRows(boxes, split, pixelNoise);
        for (List<Box> r : split) {
            if (!minority(r, boxes)) continue;
            if (!ownRows && ladders.isEmpty() && fading(r, pixelNoise)) {
                r.removeIf(b -> b.tall); // a speck beside the series is no part of it
                r.forEach(b -> b.fading = true);
                continue;
            }
            r.removeIf(b -> ladders.contains(b.lane) ? b.amplitude < RUNG_SNR * Math.max(1, pixelNoise)
                    : !ownRows || b.amplitude < OWN_BAND_SNR * Math.max(1, pixelNoise));
            r.forEach(b -> b.own = true);
        }
        split.removeIf(List::isEmpty);
        for (int r = 0; r < split.size(); r++) for (Box b : split.get(r)) b.row = r;
        boxes.removeIf(b -> b.row < 0);
    }

    /**
     * A row of a dilution series fading out lane by lane (issue 20) is seen in a minority of the lanes: its bands fall
     * under min_band_percent of a stronger row (the loading control under it, or its own first lane) one lane after
     * another, so 3-5 of 9-13 lanes hold it and the speck rule dropped it whole (the development series: July4 B1AR
     * GAPDH's 4 lanes of 10, May30 B1AR's 5 and 3 of 13, whose run then failed with no bands). Such a row is kept when
     * its bands (not taller than wide) are at least {@link #FADING_LANES}, in lanes at most one apart, their peaks
     * falling (or rising) strictly lane by lane by {@link #FADE} or more from end to end, its strongest
     * {@link #OWN_BAND_SNR} pixel-noise sigmas out. Specks and writing have no such order: of the rows the speck rule drops
     * on the unaltered development blots (37) none passes, and on the series one more (Oct10 B2AR: 4 lanes falling by
     * 1.5x, off every lab box) fails only by {@link #FADE}.
     */
    static boolean fading(List<Box> row, double pixelNoise) {
        List<Box> wide = row.stream().filter(b -> !b.tall).sorted(Comparator.comparingInt(b -> b.lane)).toList();
        if (wide.size() < FADING_LANES) return false;
        int falls = 0, rises = 0;
        for (int i = 1; i < wide.size(); i++) {
            Box a = wide.get(i - 1), b = wide.get(i);
            if (b.lane - a.lane > 2) return false;
            if (b.amplitude < a.amplitude) falls++;
            else if (b.amplitude > a.amplitude) rises++;
        }
        double top = Math.max(wide.get(0).amplitude, wide.get(wide.size() - 1).amplitude);
        double end = Math.min(wide.get(0).amplitude, wide.get(wide.size() - 1).amplitude);
        return (falls == wide.size() - 1 || rises == wide.size() - 1) && top >= FADE * end
                && top >= OWN_BAND_SNR * Math.max(1, pixelNoise);
    }

    /** The boxes' lanes share no rows (a DNA gel, see {@link #OWN_ROWS}). */
    static boolean ownRows(List<Box> boxes, double pixelNoise) {
        return ownRows(boxes, group(boxes), pixelNoise);
    }

    private static boolean ownRows(List<Box> boxes, List<List<Box>> rows, double pixelNoise) {
        Predicate<Box> strong = b -> b.amplitude >= OWN_BAND_SNR * Math.max(1, pixelNoise);
        // a gel shows a ladder: a lane of at least CROWDED strong bands wider than tall
        Set<Integer> ladders = boxes.stream().filter(strong.and(b -> !b.tall)).collect(Collectors.groupingBy(b -> b.lane, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() >= BandFinder.CROWDED).map(Map.Entry::getKey).collect(Collectors.toSet());
        List<Box> inMinority = rows.stream().filter(r -> minority(r, boxes)).flatMap(List::stream).filter(strong).toList();
        // and a fragment of its own outside the ladders: on a western whose marker lane is the only
        // one with bands in rows of their own (sample-images/dilution_marker_16bit.tif) the marker's
        // bands became rows, and the target rows' numbers changed (rows 1, 2 -> 5, 8)
        return !ladders.isEmpty() && inMinority.stream().anyMatch(b -> !ladders.contains(b.lane))
                && OWN_ROWS * inMinority.size() > boxes.stream().filter(strong).count();
    }

    /** A row seen in fewer than half the lanes that hold boxes. */
    private static boolean minority(List<Box> row, List<Box> boxes) {
        return row.stream().mapToInt(b -> b.lane).distinct().count() * 2 < boxes.stream().mapToInt(b -> b.lane).distinct().count();
    }

    /**
     * A fitted doublet in a row whose other lanes show one band as tall as the pair is one band split
     * by the fit (a person boxing the row would box it once): the pair becomes one box over both
     * parts, its whole signal (the parts' shares add up to 1). Kept as a doublet when the row's
     * single bands are fewer than its pairs or shorter than {@link #LONE_PAIR_HEIGHT} x the
     * pair's height (a lane showing only one form of a true doublet holds a band one part tall),
     * and saturated single bands do not count (clipping flattens them, and the fit could not split
     * them): blotquant-dev's true doublet dev_13 (2 pairs beside 2 saturated single boxes as tall)
     * was merged without this (band F1 0.962 -> 0.956). It takes minPairs pairs in the row: 2, as a
     * lone pair may be a true doublet resolved in one lane only (blotquant-dev dev_05); 1 on a western's
     * row of touching bands (BlotQuantifier's gate for BandFinder's touching-band rules: a plateau of 6 or
     * more even lanes, not a DNA gel), where a lone pair split its row of single bands in two, the other
     * lanes going to the part they lay nearer (athenaz2 July4 B2AR GAPDH's tilted upper row: its last band
     * and the pair's upper part a minority row, dropped; June20 B2AR GAPDH's upper row: lanes 1-5 and 6-9
     * two rows, each with placeholders over the other's bands). With 1 everywhere, 5 gel-lanes-fit DNA
     * gels, 2 films and dev_05 changed (blotquant-dev's scores unchanged).
     */
    static void mergeLonePairs(List<Box> boxes, int minPairs) {
        for (List<Box> row : coarseRows(boxes)) {
            List<Box> firsts = row.stream().filter(b -> b.pair != null && row.contains(b.pair) && b.cy() <= b.pair.cy()).toList();
            if (firsts.size() < minPairs) continue;
            List<Box> singles = row.stream().filter(b -> b.pair == null && !b.clipped && row.stream().filter(o -> o.lane == b.lane).count() == 1).toList();
            if (singles.size() < firsts.size()) continue;
            double single = Profiles.median(singles.stream().mapToDouble(b -> b.h).toArray());
            double pair = Profiles.median(firsts.stream().mapToDouble(b -> Math.max(b.y + b.h, b.pair.y + b.pair.h) - Math.min(b.y, b.pair.y)).toArray());
            if (single < LONE_PAIR_HEIGHT * pair) continue;
            for (Box a : firsts) {
                Box b = a.pair;
                int y0 = Math.min(a.y, b.y), y1 = Math.max(a.y + a.h, b.y + b.h);
                Box one = new Box(a.lane, Math.min(a.x, b.x), y0, Math.max(a.x + a.w, b.x + b.w) - Math.min(a.x, b.x), y1 - y0,
                        Math.max(a.amplitude, b.amplitude), true);
                boxes.remove(a);
                boxes.remove(b);
                boxes.add(one);
            }
        }
    }

    /** Rows of boxes, top to bottom, before a resolved doublet's row is split. */
    private static List<List<Box>> coarseRows(List<Box> boxes) {
        List<Box> byY = new ArrayList<>(boxes);
        byY.sort(Comparator.comparingDouble(Box::cy));
        double typical = byY.stream().mapToInt(b -> b.h).sorted().skip(byY.size() / 2).findFirst().orElse(10);
        List<List<Box>> rows = new ArrayList<>();
        List<Box> cur = null;
        double last = Double.NEGATIVE_INFINITY;
        for (Box b : byY) {
            if (cur == null || b.cy() - last > 0.6 * typical) rows.add(cur = new ArrayList<>());
            cur.add(b);
            last = b.cy();
        }
        return rows;
    }

    /** Rows of boxes, top to bottom, a resolved doublet's row split in two (empty rows left out). */
    private static List<List<Box>> group(List<Box> boxes) {
        List<List<Box>> rows = coarseRows(boxes);
        List<List<Box>> split = new ArrayList<>();
        for (List<Box> row : rows) {
            int depth = row.stream().mapToInt(b -> (int) row.stream().filter(o -> o.lane == b.lane).count()).max().orElse(1);
            for (int k = 0; k < depth; k++) split.add(new ArrayList<>());
            int first = split.size() - depth;
            // the k-th band (from the top) of a lane goes to the k-th sub-row
            row.stream().map(b -> b.lane).distinct().forEach(lane -> {
                List<Box> inLane = row.stream().filter(o -> o.lane == lane).sorted(Comparator.comparingDouble(Box::cy)).toList();
                int offset = inLane.size() < depth ? nearestOffset(inLane, split, first, depth) : 0;
                for (int k = 0; k < inLane.size(); k++) split.get(first + offset + k).add(inLane.get(k));
            });
        }
        split.removeIf(List::isEmpty);
        return split;
    }

    /** For a lane missing one band of a doublet, the sub-row its band sits closest to. */
    private static int nearestOffset(List<Box> inLane, List<List<Box>> split, int first, int depth) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k + inLane.size() <= depth; k++) {
            List<Box> sub = split.get(first + k);
            if (sub.isEmpty()) continue;
            double m = sub.stream().mapToDouble(Box::cy).average().orElse(0);
            double dd = Math.abs(m - inLane.get(0).cy());
            if (dd < bestD) { bestD = dd; best = k; }
        }
        return best;
    }

    /**
     * A box for every (row, lane) without a detected band, so every lane has a value in every row
     * (a knocked-down protein is a result, not a gap): the row's median size, centred on the lane,
     * at the height interpolated from the nearest lanes that have the band.
     */
    static List<Box> placeholders(List<Box> boxes, List<LaneFinder.Span> lanes, Raster s) {
        List<Box> out = new ArrayList<>();
        int rows = boxes.stream().mapToInt(b -> b.row).max().orElse(-1) + 1;
        for (int r = 0; r < rows; r++) {
            final int row = r;
            List<Box> inRow = boxes.stream().filter(b -> b.row == row).toList();
            if (inRow.stream().allMatch(b -> b.own)) continue; // a gel's fragment: the other lanes need not have it
            int w = median(inRow.stream().mapToInt(b -> b.w).toArray());
            int h = median(inRow.stream().mapToInt(b -> b.h).toArray());
            for (int l = 0; l < lanes.size(); l++) {
                final int lane = l;
                if (inRow.stream().anyMatch(b -> b.lane == lane)) continue;
                Box left = inRow.stream().filter(b -> b.lane < lane).max(Comparator.comparingInt(b -> b.lane)).orElse(null);
                Box right = inRow.stream().filter(b -> b.lane > lane).min(Comparator.comparingInt(b -> b.lane)).orElse(null);
                double cy = left == null ? right.cy() : right == null ? left.cy()
                        : left.cy() + (right.cy() - left.cy()) * (lane - left.lane) / (double) (right.lane - left.lane);
                LaneFinder.Span sp = lanes.get(lane);
                int ww = Math.min(w, sp.width());
                int x = (int) Math.round(sp.centre() - ww / 2.0);
                int y = (int) Math.round(cy - h / 2.0);
                x = Math.max(0, Math.min(s.width - ww, x));
                y = Math.max(0, Math.min(s.height - h, y));
                Box b = new Box(lane, x, y, ww, Math.min(h, s.height), 0, false);
                b.row = row;
                // a fading row was seen in a minority of its lanes: where nothing was found, its height and its band are guesses
                b.faint = inRow.stream().anyMatch(o -> o.fading);
                out.add(b);
            }
        }
        return out;
    }

    private static int median(int[] v) {
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
