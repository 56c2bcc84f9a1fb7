package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;

import org.assayquant.core.AssayException;
import org.assayquant.core.FastRollingBall;
import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotOptions.Background;
import org.assayquant.core.blot.BlotOptions.Polarity;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;

/**
 * Western-blot densitometry on one grayscale image: polarity, lanes, bands, rows, background and
 * volumes. Works in a light-on-dark "signal" space (dark-band images are inverted against the
 * format's full scale first) so that every quantity is in the image's own linear units.
 */
public final class BlotQuantifier {
    /** A band's rectangle is where its own signal exceeds this fraction of its peak. */
    static final double EDGE_FRACTION = 0.05;
    /** The strongest band peaking below this fraction of full scale triggers a warning. */
    static final double LOW_RANGE_FRACTION = 0.2;
    /**
     * An 8-bit maximum below full scale is a clip level when at least this many times as many
     * pixels sit at it as one below it (a noise tail thins out towards its maximum).
     */
    static final int PILE_UP = 2;
    /**
     * A volume below this many standard errors from pixel noise (sigma x sqrt(pixels)) is flagged
     * low_signal: the noise alone makes it uncertain by more than 10% (derived, not tuned).
     */
    static final double LOW_SIGNAL_SNR = 10;
    /**
     * A band is touching_writing when more than this fraction of the rows just above and below its
     * rectangle (outside every band rectangle) is brighter than half its peak above background:
     * they are then not background (writing, a pen mark, a smear, or the band itself reaching past
     * its rectangle, as in a strong smile); a band's own tail there is below 5%.
     */
    static final double BRIGHT_RING = 0.01;
    /**
     * A box is on the membrane's edge when the background just above it and just below it (outside
     * every band rectangle) differ by more than this fraction of its peak over the brighter side: it
     * is a step (membrane against the imager's dark field, with the edge's glow), not a band, which
     * rises above both sides. Measured on athenaz2 development (detected boxes at least 4 px tall):
     * the 160 on a lab box 0.01 median, at most 0.17; the membrane-edge rows of July23 and May30 B1AR
     * and the glowing lower edge of March 19's upper membrane 1.1-4.5.
     */
    static final double STEP = 0.5;

    private BlotQuantifier() {}

    public static BlotResult quantify(Raster raw, BlotOptions o) {
        Polarity polarity = o.polarity == Polarity.AUTO ? detectPolarity(raw) : o.polarity;
        Raster s = polarity == Polarity.DARK_BANDS ? raw.inverted() : raw;
        double clip = clipLevel(s);
        Background method = o.background;

        // lanes drawn by the user are one region; otherwise each membrane strip is analysed on its own
        List<List<BlotOptions.LaneRect>> tiers = o.laneRects != null && o.bandRects == null ? tiers(o.laneRects) : List.of();
        List<StripFinder.Strip> strips = tiers.size() > 1 ? tiers.stream().map(BlotQuantifier::rowsOf).toList()
                : o.laneRects != null ? List.of(new StripFinder.Strip(0, s.height)) : StripFinder.find(s);
        if (o.laneCounts.size() > 1 && o.laneCounts.size() != strips.size())
            throw AssayException.invalid("lanes=" + o.laneCounts.stream().map(String::valueOf).collect(Collectors.joining(";"))
                    + ": " + o.laneCounts.size() + " counts (one per strip, ';'-separated) but the image shows " + strips.size()
                    + " strip(s); give one count for every strip, or draw the lanes (lanes=roi)");
        // every strip measured on its own lanes first; then a strip whose lanes missed the comb another strip (a
        // western's, not a DNA gel's) shows is measured again on that comb (StripFinder.sharedComb)
        List<BlotOptions> opts = new ArrayList<>();
        List<Raster> subs = new ArrayList<>();
        List<LaneFinder.Found> found = new ArrayList<>();
        StripResult[] results = new StripResult[strips.size()];
        AssayException[] failure = new AssayException[strips.size()];
        for (int k = 0; k < strips.size(); k++) {
            StripFinder.Strip strip = strips.get(k);
            opts.add(tiers.size() > 1 ? o.withLanes(shift(tiers.get(k), -strip.top())) : o);
            subs.add(StripFinder.rows(s, strip.top(), strip.bottom()));
            try {
                found.add(lanes(subs.get(k), opts.get(k), o.laneCount(k)));
                results[k] = strip(subs.get(k), opts.get(k), found.get(k), clip, polarity == Polarity.DARK_BANDS, marker(o, k));
            } catch (AssayException e) {
                if (found.size() == k) found.add(null);
                failure[k] = e;
            }
        }
        if (o.laneRects == null && o.laneCounts.isEmpty()) {
            boolean[] western = new boolean[strips.size()];
            for (int k = 0; k < strips.size(); k++) western[k] = results[k] != null && !results[k].ownRows();
            List<LaneFinder.Found> combed = StripFinder.sharedComb(found, subs, western);
            for (int k = 0; k < strips.size(); k++) {
                if (combed.get(k) == found.get(k)) continue;
                try {
                    results[k] = strip(subs.get(k), opts.get(k), combed.get(k), clip, polarity == Polarity.DARK_BANDS, marker(o, k));
                    failure[k] = null;
                } catch (AssayException e) {
                    results[k] = null;
                    failure[k] = e;
                }
            }
        }
        List<Lane> lanes = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        List<String> notes = new ArrayList<>(), drawnNotes = new ArrayList<>();
        double radius = 0;
        int rowOffset = 0;
        RuntimeException firstFailure = null;
        for (int k = 0; k < strips.size(); k++) {
            StripFinder.Strip strip = strips.get(k);
            StripResult r = results[k];
            if (failure[k] != null) {
                if (strips.size() == 1) throw failure[k];
                if (firstFailure == null) firstFailure = failure[k];
                notes.add("strip " + (k + 1) + " (rows " + strip.top() + "-" + (strip.bottom() - 1) + "): " + failure[k].getMessage());
                continue;
            }
            int stripNo = lanes.isEmpty() ? 1 : lanes.get(lanes.size() - 1).strip() + 1;
            for (int i = 0; i < r.spans.size(); i++) {
                LaneFinder.Span sp = r.spans.get(i);
                final int lane = i + 1;
                List<Band> own = r.bands.stream().filter(b -> b.lane() == lane).toList();
                List<String> reasons = new ArrayList<>();
                // empty: nothing seen and nothing measured (a faint band below min_band_percent still has signal)
                if (own.stream().noneMatch(b -> b.detected() || !b.reasons().contains("low_signal"))) reasons.add("empty");
                for (String c : BlotResult.CHECK) if (own.stream().anyMatch(b -> b.reasons().contains(c))) reasons.add(c);
                lanes.add(new Lane(lane, sp.left(), strip.top() + sp.top(), sp.width(), sp.bottom() - sp.top(), stripNo, List.copyOf(reasons)));
            }
            for (Band b : r.bands) {
                bands.add(new Band(b.lane(), b.row() + rowOffset, b.x(), b.y() + strip.top(), b.width(), b.height(), b.volume(),
                        b.background(), b.peak(), b.clippedPixels(), b.saturated(), b.detected(), stripNo, b.reasons()));
            }
            drawnNotes.addAll(r.notes);
            rowOffset += r.bands.stream().mapToInt(Band::row).max().orElse(0);
            radius = Math.max(radius, r.radius);
        }
        if (bands.isEmpty()) throw firstFailure != null ? firstFailure : AssayException.failed("no bands found");
        bands.sort(Comparator.comparingInt(Band::row).thenComparingInt(Band::strip).thenComparingInt(Band::lane));
        List<String> warnings = warnings(s, clip, bands);
        warnings.addAll(drawnNotes);
        if (!notes.isEmpty()) warnings.add(notes.size() + " of " + strips.size() + " strips gave no bands: " + String.join("; ", notes));
        return new BlotResult(polarity, clip, method, method == Background.ROLLING_BALL ? radius : 0, lanes, bands, warnings);
    }

    /**
     * Lanes drawn at different heights (a lab's lanes on two strips of one image, athenaz2 July23
     * B1AR) are tiers, each measured as a strip of its own: grouped as one region, the rows of one
     * tier gave the other tier placeholders outside its own lane rectangles. Lanes whose rows
     * overlap are one tier.
     */
    static List<List<BlotOptions.LaneRect>> tiers(List<BlotOptions.LaneRect> rects) {
        List<List<BlotOptions.LaneRect>> out = new ArrayList<>();
        int bottom = Integer.MIN_VALUE;
        for (BlotOptions.LaneRect r : rects.stream().sorted(Comparator.comparingInt(BlotOptions.LaneRect::y)).toList()) {
            if (out.isEmpty() || r.y() >= bottom) out.add(new ArrayList<>());
            out.get(out.size() - 1).add(r);
            bottom = Math.max(bottom, r.y() + r.height());
        }
        return out;
    }

    private static StripFinder.Strip rowsOf(List<BlotOptions.LaneRect> tier) {
        return new StripFinder.Strip(Math.max(0, tier.stream().mapToInt(BlotOptions.LaneRect::y).min().orElse(0)),
                tier.stream().mapToInt(r -> r.y() + r.height()).max().orElse(0));
    }

    private static List<BlotOptions.LaneRect> shift(List<BlotOptions.LaneRect> tier, int dy) {
        return tier.stream().map(r -> new BlotOptions.LaneRect(r.x(), r.y() + dy, r.width(), r.height())).toList();
    }

    private static List<Box> boxes(Raster s, List<LaneFinder.Span> spans, double clip, BandFinder.Traits strip) {
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) boxes.addAll(BandFinder.find(s, spans.get(i), i, clip, strip));
        return boxes;
    }

    private static double strongest(List<Box> boxes) {
        return boxes.stream().filter(b -> !b.tall).mapToDouble(b -> b.amplitude).max().orElse(0); // a tall speck sets no threshold
    }

    /** The boxes at least minBandPercent of the strongest. */
    private static List<Box> strong(List<Box> candidates, BlotOptions o) {
        double strongest = strongest(candidates);
        List<Box> boxes = new ArrayList<>(candidates);
        boxes.removeIf(b -> b.amplitude < o.minBandPercent / 100 * strongest);
        return boxes;
    }

    /** The user's marker lanes (1-based) of strip k, null when not given. */
    private static int[] marker(BlotOptions o, int k) {
        return o.markerLanes == null ? null : o.markerLanes.of(k);
    }

    /** b reaches minBandPercent of its lane's strongest and stands snr pixel-noise sigmas above its baseline. */
    private static boolean ownBand(Box b, List<Box> candidates, BlotOptions o, double snr, double pixelNoise) {
        double own = candidates.stream().filter(c -> c.lane == b.lane && !c.tall).mapToDouble(c -> c.amplitude).max().orElse(0);
        return b.amplitude >= o.minBandPercent / 100 * own && b.amplitude >= snr * Math.max(1, pixelNoise);
    }

    /**
     * The lanes (0-based) holding a ladder on a gel photo: at least {@link LadderPartition#LADDER} rungs, wider than tall,
     * of their own ({@link RowGrouper#RUNG_SNR}). Development (rungs in the ladder lane / the most in another lane of
     * the tier): 09-12 10 / 4, 10-08 12 / 8, 11-12 13 / 5 and 12 / 5; 10-29 (no ladder) 5 and 5.
     */
    static Set<Integer> ladders(List<Box> candidates, int lanes, BlotOptions o, double pixelNoise) {
        Set<Integer> out = new TreeSet<>();
        for (int l = 0; l < lanes; l++) {
            final int lane = l;
            if (candidates.stream().filter(b -> b.lane == lane && !b.tall && ownBand(b, candidates, o, RowGrouper.RUNG_SNR, pixelNoise)).count()
                    >= LadderPartition.LADDER) out.add(l);
        }
        return out;
    }

    /**
     * Lanes and measured bands of one strip, in the strip's own coordinates (rows from 1); ownRows: its lanes
     * hold their own rows (a DNA gel, RowGrouper.ownRows).
     */
    private record StripResult(List<LaneFinder.Span> spans, List<Band> bands, double radius, List<String> notes, boolean ownRows) {}

    /** marker: the user's marker lanes of this strip (1-based), null when not given. */
    private static StripResult strip(Raster s, BlotOptions o, LaneFinder.Found found, double clip, boolean gradualClip, int[] marker) {
        List<LaneFinder.Span> spans = found.spans();
        if (spans.isEmpty()) throw AssayException.failed("no lanes found: the image shows no band pattern (try lanes=<number>)");

        boolean touching = found.plateau();
        List<Box> candidates = boxes(s, spans, clip, new BandFinder.Traits(touching, false, gradualClip));
        List<Box> boxes = strong(candidates, o);
        double pixelNoise = BandFinder.acrossNoise(s, 0, s.width - 1, 0, s.height) * Math.sqrt(s.width);
        boolean ownRows = RowGrouper.ownRows(boxes, pixelNoise);
        boolean touchingRow = touching && LaneFinder.evenRow(spans) && !ownRows;
        if (touchingRow) {
            // a western's row of touching bands (a loading control): boxed again, a bump on a band and a
            // band widened to its lane's dips are bands there. Not on a DNA gel, whose slab is a plateau
            // too: its lanes are few or uneven (LaneFinder.ROW_LANES), or, judged on the boxes made
            // without these rules, they hold their own rows (gel-lanes-fit HM_1_1, HM_1_2, HM_5: 9 even
            // lanes, a box more each with the rules)
            candidates = boxes(s, spans, clip, new BandFinder.Traits(true, true, gradualClip));
            boxes = strong(candidates, o);
            ownRows = RowGrouper.ownRows(boxes, pixelNoise);
        }
        double strongest = strongest(candidates);
        // a gel photo's ladder lane (lanes on its wells): the user's marker lane, or a lane of LadderPartition.LADDER rungs
        Set<Integer> ladders = !o.wellLanes ? Set.of() : marker != null
                ? Arrays.stream(marker).map(l -> l - 1).boxed().collect(Collectors.toSet())
                : ladders(candidates, spans.size(), o, pixelNoise);
        // a DNA gel: each lane holds its own fragments, and a saturated PCR band set a threshold under which a
        // ladder's weaker bands fell; there each lane's bands are measured against the lane's strongest, and must
        // stand out of the pixel noise as a band of its own does; so must a ladder lane's rungs, at RUNG_SNR
        boxes = new ArrayList<>();
        for (Box b : candidates) {
            boolean ladder = ladders.contains(b.lane);
            if (b.amplitude >= o.minBandPercent / 100 * strongest
                    || (ownRows || ladder) && ownBand(b, candidates, o, ladder ? RowGrouper.RUNG_SNR : RowGrouper.OWN_BAND_SNR, pixelNoise)) boxes.add(b);
        }
        for (int i = 0; i < spans.size(); i++) {
            final int lane = i;
            List<Box> own = new ArrayList<>(boxes.stream().filter(b -> b.lane == lane).toList());
            boxes.removeAll(own);
            BandFinder.clusters(own);
            boxes.addAll(own);
        }
        if (boxes.isEmpty() && o.bandRects == null) throw AssayException.failed("no bands found in " + spans.size() + " lanes");

        RowGrouper.assign(boxes, pixelNoise, ladders, touchingRow);
        if (!ownRows && ladders.isEmpty()) FaintBands.apply(boxes, candidates, pixelNoise, s);
        if (o.fillMissing) boxes.addAll(RowGrouper.placeholders(boxes, spans, s));
        boxes.sort(Comparator.comparingInt((Box b) -> b.row).thenComparingInt(b -> b.lane));
        LadderPartition.apply(boxes, s);
        Overlaps.resolve(boxes, spans, s);
        List<String> drawnNotes = o.bandRects == null ? List.of() : DrawnBands.apply(boxes, o.bandRects, spans, s.width, s.height);
        if (boxes.isEmpty()) throw AssayException.failed("no bands found in " + spans.size() + " lanes");
        boxes.sort(Comparator.comparingInt((Box b) -> b.row).thenComparingInt(b -> b.lane));

        Background method = o.background;
        double radius = o.rollingRadius > 0 ? o.rollingRadius
                : 2 * boxes.stream().mapToInt(b -> b.h).max().orElse(25);
        float[] rollingBg = method == Background.ROLLING_BALL ? FastRollingBall.background(s.px, s.width, s.height, radius) : null;

        List<Band> bands = new ArrayList<>();
        for (Box b : boxes) {
            double[] rowBg = switch (method) {
                case BORDER_MEDIAN -> BackgroundEstimates.borderMedian(s, b, boxes);
                case VALLEY -> BackgroundEstimates.valley(s, b);
                case ROLLING_BALL -> BackgroundEstimates.rows(rollingBg, s.width, b);
            };
            double volume = 0, bg = 0, peak = Double.NEGATIVE_INFINITY;
            int clipped = 0;
            for (int y = b.y; y < b.y + b.h; y++) {
                double row = 0;
                for (int x = b.x; x < b.x + b.w; x++) {
                    float v = s.px[y * s.width + x];
                    row += v;
                    if (v > peak) peak = v;
                    if (v >= clip) clipped++;
                }
                double share = b.share == null ? 1 : b.share.applyAsDouble(y);
                volume += share * (row - rowBg[y - b.y]);
                bg += share * rowBg[y - b.y];
            }
            List<String> reasons = new ArrayList<>();
            if (!b.detected) reasons.add("placeholder");
            if (clipped > 0) reasons.add("saturated");
            if (b.x == 0 || b.y == 0 || b.x + b.w >= s.width || b.y + b.h >= s.height) reasons.add("edge");
            if (b.pair != null) reasons.add("doublet");
            if (b.trimmed) reasons.add("trimmed");
            if (b.overlapsBand) reasons.add("overlaps_band");
            if (b.drawn) reasons.add("drawn");
            if (b.cluster) reasons.add("cluster");
            if (b.faint) reasons.add("faint");
            if (volume < LOW_SIGNAL_SNR * pixelNoise * Math.sqrt((double) b.w * b.h)) reasons.add("low_signal");
            double level = bg / (b.w * b.h);
            if (brightRing(s, b, boxes, level + Math.max(0.5 * (peak - level), 4 * pixelNoise))) reasons.add("touching_writing");
            if (b.detected && onStep(s, b, boxes, peak)) reasons.add("background_step");
            // a DNA gel's row is fragments of different lanes, not one protein: its boxes need not share a shape
            if (!ownRows && RowShapes.taller(b, boxes)) reasons.add("taller_than_row");
            if (!ownRows && RowShapes.widthUnlike(b, boxes)) reasons.add("width_unlike_row");
            bands.add(new Band(b.lane + 1, b.row + 1, b.x, b.y, b.w, b.h, volume, bg, peak,
                    clipped, clipped > 0, b.detected, 1, List.copyOf(reasons)));
        }
        return new StripResult(spans, bands, radius, drawnNotes, ownRows);
    }

    /**
     * More than {@link #BRIGHT_RING} of the pixels in the bands above and below b (a third of its
     * height, at least 2 px, over its columns), outside every band rectangle, above level. Not at
     * its sides: real bands are often wider than their 5% rectangle (film, wbmage_test2: all 6
     * bands flagged with a full ring, none with this one).
     */
    static boolean brightRing(Raster s, Box b, List<Box> boxes, double level) {
        int m = Math.max(2, b.h / 3);
        double[] v = outside(s, b, boxes, b.y - m, b.y + b.h + m);
        int bright = 0;
        for (double x : v) if (x > level) bright++;
        return v.length > 0 && bright > BRIGHT_RING * v.length;
    }

    /** The pixels of rows [y0, y1) (clipped to the image) over b's columns that lie outside every box (b's own included). */
    private static double[] outside(Raster s, Box b, List<Box> boxes, int y0, int y1) {
        int x0 = Math.max(0, b.x), x1 = Math.min(s.width, b.x + b.w), ya = Math.max(0, y0), yb = Math.min(s.height, y1);
        List<Box> near = boxes.stream().filter(o -> o.x < x1 && o.x + o.w > x0 && o.y < yb && o.y + o.h > ya).toList();
        double[] v = new double[Math.max(0, (yb - ya) * (x1 - x0))];
        int n = 0;
        for (int y = ya; y < yb; y++) {
            pixels:
            for (int x = x0; x < x1; x++) {
                for (Box o : near) if (x >= o.x && x < o.x + o.w && y >= o.y && y < o.y + o.h) continue pixels;
                v[n++] = s.px[y * s.width + x];
            }
        }
        return Arrays.copyOf(v, n);
    }

    /**
     * The median of the rows just above b and of those just below it (a third of its height, at
     * least 2 px, over its columns, outside every rectangle) differ by more than {@link #STEP} of
     * its peak over the brighter side. Each side needs a row's worth of pixels.
     */
    static boolean onStep(Raster s, Box b, List<Box> boxes, double peak) {
        int m = Math.max(2, b.h / 3);
        double above = sideMedian(s, b, boxes, b.y - m, b.y), below = sideMedian(s, b, boxes, b.y + b.h, b.y + b.h + m);
        if (Double.isNaN(above) || Double.isNaN(below)) return false;
        double rise = peak - Math.max(above, below);
        return rise > 0 && Math.abs(above - below) > STEP * rise;
    }

    private static double sideMedian(Raster s, Box b, List<Box> boxes, int y0, int y1) {
        double[] v = outside(s, b, boxes, y0, y1);
        return v.length == 0 || v.length < Math.min(s.width, b.x + b.w) - Math.max(0, b.x) ? Double.NaN : Profiles.median(v);
    }

    /**
     * Bands are the minority of pixels and deviate from the background in one direction: light
     * bands push the upper tail of the histogram away from the median, dark bands the lower tail.
     */
    public static Polarity detectPolarity(Raster r) {
        float[] v = r.sortedSample(200_000);
        double lo = v[(int) (0.002 * (v.length - 1))], med = v[v.length / 2], hi = v[(int) (0.998 * (v.length - 1))];
        return hi - med >= med - lo ? Polarity.LIGHT_BANDS : Polarity.DARK_BANDS;
    }

    /**
     * The signal value at which the detector clipped: full scale, or for deeper-than-8-bit data a
     * lower maximum shared by many pixels (a 12- or 14-bit camera in a 16-bit file).
     */
    static double clipLevel(Raster s) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : s.px) if (v > max) max = v;
        if (max < s.maxValue) {
            int n = 0, below = 0;
            for (float v : s.px) {
                if (v == max) n++;
                else if (v == max - 1) below++;
            }
            // deeper than 8 bits: many pixels sharing the maximum. 8-bit (a film's black at its
            // maximum density, scanned as dark grey): the maximum must also pile up against the
            // value below it, as clipped pixels do and a noise tail never does
            if (s.maxValue > 255 ? n >= 10 : n >= 10 && n >= PILE_UP * below) return max;
        }
        return s.maxValue;
    }

    /** The strip's lanes (drawn, or found; laneCount of them when given), with the plateau judgement of its column profile. */
    private static LaneFinder.Found lanes(Raster s, BlotOptions o, int laneCount) {
        if (o.laneRects != null) {
            List<LaneFinder.Span> out = new ArrayList<>();
            o.laneRects.stream().sorted(Comparator.comparingInt(BlotOptions.LaneRect::x)).forEach(r -> {
                int l = Math.max(0, r.x()), rt = Math.min(s.width, r.x() + r.width());
                if (rt - l < 2) throw AssayException.invalid("lane rectangle at x=" + r.x() + " lies outside the image");
                int t = Math.max(0, r.y()), b = Math.min(s.height, r.y() + r.height());
                if (b - t < 4) throw AssayException.invalid("lane rectangle at y=" + r.y() + " lies outside the image");
                out.add(new LaneFinder.Span((l + rt) / 2.0, l, rt, t, b));
            });
            return LaneFinder.Found.of(out, LaneFinder.profile(s));
        }
        LaneFinder.Found auto = LaneFinder.lanes(s);
        if (laneCount <= 0 || auto.spans().size() == laneCount) return auto;
        List<LaneFinder.Span> completed = LaneFinder.complete(auto.spans(), laneCount, s.width, s.height);
        if (completed != null) return auto.with(completed);
        // the user knows the count: divide the strip's band region (the columns its bands cover) equally. The
        // found lanes' span reaches past the bands when lanes were followed out over the membrane (athenaz2
        // July4 B1AR's upper strip, lanes=9: the span ended at x 919, the bands at 775, two lanes on one band)
        int[] region = auto.region();
        int from = region[0], to = region[1] + 1;
        if (to - from < 2 * laneCount) { from = 0; to = s.width; }
        if (to - from < 2 * laneCount)
            throw AssayException.invalid("lanes=" + laneCount + ": the image is only " + s.width + " pixels wide");
        return auto.with(LaneFinder.equal(laneCount, from, to, s.height));
    }

    private static List<String> warnings(Raster s, double clip, List<Band> bands) {
        List<String> w = new ArrayList<>();
        long sat = bands.stream().filter(Band::saturated).count();
        if (sat > 0)
            w.add(sat + " band(s) contain clipped pixels (saturated): their volumes underestimate the protein; use a shorter exposure");
        double maxPeak = bands.stream().filter(Band::detected).mapToDouble(Band::peak).max().orElse(0);
        if (maxPeak < LOW_RANGE_FRACTION * s.maxValue)
            w.add(String.format(Locale.ROOT, "low dynamic range: the strongest band peaks at %.1f%% of full scale; faint bands will be noisy",
                    100 * maxPeak / s.maxValue));
        return w;
    }

    /** A band rectangle under construction (mutable while rows are assigned). */
    static final class Box {
        final int lane;
        int x, y, w, h;
        /** Peak signal above the local baseline, for ranking and thresholds. */
        final double amplitude;
        final boolean detected;
        int row = -1;
        /** For one band of a resolved doublet: its share of the signal in image row y; null = all. */
        IntToDoubleFunction share;
        /** The other band of a resolved doublet (the two rectangles may overlap: their shares add up to 1). */
        Box pair;
        /** Cut back where it reached into a neighbour's rectangle. */
        boolean trimmed;
        /** A placeholder that reaches into a detected band's rectangle. */
        boolean overlapsBand;
        /** Drawn by the user (DrawnBands): measured as drawn. */
        boolean drawn;
        /** Several bands that could not be resolved, boxed as one. */
        boolean cluster;
        /** Holds clipped pixels: its shape is flattened, no doublet fit could split it. */
        boolean clipped;
        /** A band of a partitioned ladder lane (LadderPartition): its background is measured beside it, not above or below. */
        boolean sidesOnly;
        /** The rows other boxes' background rings leave out in its columns, when not its own (a ladder band: where the valleys put it, LadderPartition). */
        int heldTop = Integer.MAX_VALUE, heldBottom = Integer.MIN_VALUE;
        /** Found under min_band_percent, or boxed at its row's size (FaintBands): reason faint. */
        boolean faint;
        /** In a row kept because its bands fade lane by lane (RowGrouper.fading), seen in a minority of the lanes. */
        boolean fading;
        /** Taller than wide (a speck unless it is a cluster). */
        boolean tall;
        /** In a row seen in fewer than half the lanes, kept as a band of its own (a DNA gel's fragment): no placeholders beside it. */
        boolean own;

        Box(int lane, int x, int y, int w, int h, double amplitude, boolean detected) {
            this.lane = lane;
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
            this.amplitude = amplitude;
            this.detected = detected;
        }

        double cy() { return y + h / 2.0; }
    }
}
