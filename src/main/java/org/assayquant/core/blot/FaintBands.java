package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;

/**
 * Faint bands of a western's rows (issue 20: every lane of a dilution series down to a band three times the noise).
 * The rows are set by the bands over min_band_percent; a lane of such a row without a band there gets the band
 * its own profile shows at the row's height when it stands {@link #FAINT_SNR} pixel-noise sigmas out, and a band
 * whose edge lies under the noise takes its row's size. Writing, specks and steps do not make rows: only rows the
 * strong bands made are searched, and a candidate is one BandFinder boxed (wider than tall, no step).
 */
final class FaintBands {
    /** A band standing this many pixel-noise sigmas above its baseline is seen (the aim's "three times the noise"). */
    static final double FAINT_SNR = 3;
    /**
     * A box's amplitude is its profile along the lane averaged over its columns: over a Gaussian band's 5% width that
     * mean is half its peak (0.51), so a band peaking {@link #FAINT_SNR} sigmas out has an amplitude of half that.
     */
    static final double ACROSS_MEAN = 0.5;
    /** See {@link #rowSized}. */
    static final double FAINT_OF_ROW = 0.1;

    private FaintBands() {}

    static void apply(List<Box> boxes, List<Box> candidates, double pixelNoise, Raster s) {
        int rows = boxes.stream().mapToInt(b -> b.row).max().orElse(-1) + 1;
        double floor = FAINT_SNR * ACROSS_MEAN * Math.max(1, pixelNoise);
        List<Box> added = new ArrayList<>();
        Set<Integer> crowded = crowded(boxes);
        for (int r = 0; r < rows; r++) {
            final int row = r;
            List<Box> inRow = boxes.stream().filter(b -> b.row == row && b.detected).toList();
            if (inRow.isEmpty() || inRow.stream().allMatch(b -> b.own)) continue;
            double h = Profiles.median(inRow.stream().mapToDouble(b -> b.h).toArray());
            int[] size = rowSize(inRow, crowded);
            int lanes = candidates.stream().mapToInt(b -> b.lane).max().orElse(-1) + 1;
            for (int l = 0; l < lanes; l++) {
                final int lane = l;
                if (crowded.contains(lane) || inRow.stream().anyMatch(b -> b.lane == lane)) continue;
                double cy = expectedCentre(inRow, lane);
                Box best = candidates.stream()
                        .filter(c -> c.lane == lane && !c.tall && !boxes.contains(c) && !added.contains(c))
                        .filter(c -> Math.abs(c.cy() - cy) <= 0.5 * h && c.amplitude >= floor)
                        .filter(c -> boxes.stream().noneMatch(o -> o.lane == lane && o.y < c.y + c.h && c.y < o.y + o.h))
                        .filter(c -> !besideBright(size == null ? c : grown(c, size, s), boxes, pixelNoise, s))
                        .min(Comparator.comparingDouble(c -> Math.abs(c.cy() - cy))).orElse(null);
                if (best == null) continue;
                best.row = row;
                best.faint = true;
                added.add(best);
            }
        }
        boxes.addAll(added);
        rowSized(boxes, crowded, s);
    }

    /**
     * A candidate on a background step or touching writing (the flags {@link BlotQuantifier#onStep} and
     * {@link BlotQuantifier#brightRing}, read as the volume would be): not a band of the row but the step's or the
     * writing's edge (development: a film's marker word, gelquant a2's lane 4 on its smear, May30 B1AR's lane 13).
     */
    static boolean besideBright(Box c, List<Box> others, double pixelNoise, Raster s) {
        List<Box> boxes = new ArrayList<>(others);
        boxes.add(c); // its own pixels are no ring
        double peak = Double.NEGATIVE_INFINITY;
        for (int y = c.y; y < c.y + c.h; y++) for (int x = c.x; x < c.x + c.w; x++) peak = Math.max(peak, s.px[y * s.width + x]);
        if (BlotQuantifier.onStep(s, c, boxes, peak)) return true;
        double level = 0;
        for (double v : BackgroundEstimates.borderMedian(s, c, boxes)) level += v;
        level /= (double) c.w * c.h;
        return BlotQuantifier.brightRing(s, c, boxes, level + Math.max(0.5 * (peak - level), 4 * pixelNoise));
    }

    /**
     * Lanes of {@link BandFinder#CROWDED} bands or more (a ladder): their rows are rungs of their own sizes, not one
     * protein's (the GelGenie ladder gels, 4 ladder lanes: a rung there was boxed at its row's size, ratios 44.3 -> 46.2 %
     * off NEB's masses on the held-out gel).
     */
    static Set<Integer> crowded(List<Box> boxes) {
        return boxes.stream().filter(b -> b.detected && !b.tall).collect(Collectors.groupingBy(b -> b.lane, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() >= BandFinder.CROWDED).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * A band under {@link #FAINT_OF_ROW} of its row's strongest is boxed at least as tall and as wide as the median of
     * the row's other bands (those at or over that fraction), about its own centre: its 5% edge lies in the noise, so
     * its own box ends short of the band (the dilution series' faint lanes: 10-15 rows in rows of 22-37). Such a box,
     * and a band found under min_band_percent, is {@code faint}: its volume rests on the background read around it.
     */
    static void rowSized(List<Box> boxes, Set<Integer> crowded, Raster s) {
        int rows = boxes.stream().mapToInt(b -> b.row).max().orElse(-1) + 1;
        for (int r = 0; r < rows; r++) {
            final int row = r;
            List<Box> inRow = boxes.stream().filter(b -> b.row == row && b.detected && b.pair == null && !b.drawn && !crowded.contains(b.lane)).toList();
            int[] size = rowSize(inRow, crowded);
            if (size == null) continue;
            double top = inRow.stream().mapToDouble(b -> b.amplitude).max().orElse(0);
            for (Box b : inRow) {
                if (b.amplitude >= FAINT_OF_ROW * top) continue;
                b.faint |= b.h < size[0] || b.w < size[1];
                grow(b, size, s);
            }
        }
    }

    /** The median height and width of a row's boxes at or over {@link #FAINT_OF_ROW} of its strongest (crowded lanes left out); null: none. */
    static int[] rowSize(List<Box> inRow, Set<Integer> crowded) {
        List<Box> own = inRow.stream().filter(b -> b.detected && b.pair == null && !b.drawn && !crowded.contains(b.lane)).toList();
        double top = own.stream().mapToDouble(b -> b.amplitude).max().orElse(0);
        List<Box> seen = own.stream().filter(b -> b.amplitude >= FAINT_OF_ROW * top).toList();
        if (seen.isEmpty()) return null;
        return new int[] {(int) Math.round(Profiles.median(seen.stream().mapToDouble(b -> b.h).toArray())),
                (int) Math.round(Profiles.median(seen.stream().mapToDouble(b -> b.w).toArray()))};
    }

    /** b grown to at least size (height, width) about its own centre, within the image. */
    static void grow(Box b, int[] size, Raster s) {
        int h = size[0], w = size[1];
        if (b.h < h) {
            b.y = Math.max(0, Math.min(s.height - h, (int) Math.round(b.cy() - h / 2.0)));
            b.h = Math.min(h, s.height);
        }
        if (b.w < w) {
            b.x = Math.max(0, Math.min(s.width - w, (int) Math.round(b.x + b.w / 2.0 - w / 2.0)));
            b.w = Math.min(w, s.width);
        }
    }

    /** A copy of c grown to size, as it would be boxed. */
    static Box grown(Box c, int[] size, Raster s) {
        Box b = new Box(c.lane, c.x, c.y, c.w, c.h, c.amplitude, true);
        grow(b, size, s);
        return b;
    }

    /** Where the row's band lies in a lane without one: interpolated from the nearest lanes that have it. */
    static double expectedCentre(List<Box> inRow, int lane) {
        Box left = inRow.stream().filter(b -> b.lane < lane).max(Comparator.comparingInt(b -> b.lane)).orElse(null);
        Box right = inRow.stream().filter(b -> b.lane > lane).min(Comparator.comparingInt(b -> b.lane)).orElse(null);
        return left == null ? right.cy() : right == null ? left.cy()
                : left.cy() + (right.cy() - left.cy()) * (lane - left.lane) / (double) (right.lane - left.lane);
    }
}
