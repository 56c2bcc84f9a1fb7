package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import ij.plugin.filter.GaussianBlur;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import org.assayquant.core.DisjointSets;
import org.assayquant.core.FastRollingBall;
import org.assayquant.core.FloatSort;
import org.assayquant.core.Medians;
import org.assayquant.core.Parallel;
import org.assayquant.core.PartlySorted;
import org.assayquant.core.wells.WellResult.Kind;

/**
 * Colonies and stain inside one analysed circle. The stain signal (high = stained; dark-stain
 * images are inverted first) is flattened by ImageJ's rolling ball, so vignetting, wall shadows
 * and illumination bands do not count as stain; pixels above a noise-based threshold make colonies,
 * pixels also above a quarter of the well's strong stain make the stained area. Touching colonies
 * are split by ImageJ's distance-map watershed, then at separate stain peaks, then by shape (an
 * elongated particle larger than a typical colony is an overlapping pair); a colony is a compact
 * particle of at least the minimum area (arcs, lines and scratches are not).
 */
final class ColonyCounter {
    /** Longest over shortest axis of a colony; a touching pair the watershed could not split is ~2. */
    private static final double MAX_ELONGATION = 3;

    /** Fraction of a well's strong stain from which a pixel counts as stained area. */
    static final double STAIN_FRACTION = 0.25;

    /** Next to the wall (outside this fraction of the radius) fragments of the rim's arcs and reflections mimic colonies: only round objects count there. */
    private static final double RIM_ZONE = 0.9, RIM_ELONGATION = 2.0;

    /** A colony fills at least this fraction of its second-moment ellipse (arcs of a wall shadow fill a tenth). */
    private static final double MIN_FILL = 0.5;

    /** Overlapping pairs: a particle at least this elongated (second-moment axis ratio; 1.41 for two equal discs one radius apart) and this many times a typical colony's area is cut in two. */
    static final double PAIR_ELONGATION = 1.3, PAIR_AREA = 0.9;

    /** Colonies rounder than this give the typical colony area, when there are at least MIN_ROUND of them. */
    private static final double ROUND = 1.2;
    private static final int MIN_ROUND = 5;

    /** Gaussian smoothing (pixels) of the background-corrected signal before colonies are thresholded. */
    static final double SMOOTH_SIGMA = 1.0;

    /** A colony shows at least this fraction of the well's strong stain (99.9th percentile). */
    static final double FAINTEST = 0.1;

    /** A second stain peak inside a particle makes a second colony when it stands this many noise SDs plus this fraction of its height above the saddle. */
    static final double SPLIT_SIGMA = 3, SPLIT_FRACTION = 0.1;

    /** A median this many background SDs above the background level means a crowded well (see baseNoise). */
    private static final double CROWDED = 20;

    /** Smallest adapted rolling-ball radius (pixels). */
    private static final double MIN_BALL = 8;

    private ColonyCounter() {}

    /** One colony: centre (image pixels), area (pixels) and peak (its highest smoothed signal above the background; NaN when not measured). */
    record Colony(double x, double y, int area, double peak) implements Spot {
        Colony(double x, double y, int area) {
            this(x, y, area, Double.NaN);
        }
    }

    /** An object of at least the minimum area that is not counted, and why (see {@link Reject}). */
    record Rejected(double x, double y, int area, Reject reason) implements Spot {}

    /** An object's centre (image pixels) and area (pixels). */
    interface Spot {
        /** Top to bottom, then left to right: the order of colonies.csv's rows. */
        Comparator<Spot> READING_ORDER = Comparator.comparingDouble(Spot::y).thenComparingDouble(Spot::x);

        double x();

        double y();

        int area();
    }

    /** Why an object above the minimum area is not a colony, and what kind of object that makes it (the overlay's colour). */
    enum Reject {
        /** Longer than MAX_ELONGATION times its width: a scratch, fibre or a chain along one. */
        ELONGATED(Kind.SCRATCH),
        /** Fills less than MIN_FILL of its moment ellipse: an arc, a ring (bubble, wall shadow) or a curved scratch. */
        NOT_FILLED(Kind.RING),
        /** Next to the wall and not round (or, on a dish with a rim band, small; or by the band and unlike the dish's colonies: see GAP_AREA): a fragment of the rim's arcs or reflections. */
        RIM(Kind.LIGHT),
        /** Far smaller than the well's typical colony: dust, debris, a noise speck. */
        SPECK(Kind.DUST),
        /** One of several pieces the watershed cut from a long or curved streak: a scratch, a fibre, a meniscus arc, a lamp's crescent (see BAND_CHAIN_ELONGATION). */
        CHAIN(Kind.SCRATCH),
        /** One of a run of objects along a thin arc concentric with the wall: the fragments of a meniscus's inner edge or a lid reflection. */
        ARC(Kind.RING),
        /** Faint light beside a bright colony: the agar's halo, the colony's shadow or a crescent of its highlight (see HALO_PEAK). */
        HALO(Kind.LIGHT),
        /** One of several faint pieces of a band the threshold broke apart: a reflected crescent, the lid rim's streaks, a scratch (see STREAK_PEAK). */
        STREAK(Kind.SCRATCH),
        /** A small piece cut from a colony's edge, its centre inside the colony's own circle: the colony's highlight under one-sided light (see {@link Caps}). */
        CAP(Kind.LIGHT),
        /** Smaller and fainter than a colony near it, at the offset where most such objects of the well lie from theirs: the colony's reflection (see {@link Reflections}). */
        REFLECTION(Kind.LIGHT),
        /** Plaque mode on a plate: by the wall at the side where most of the plate's wells hold an object: the pipette tip's scrape (see {@link TipMarks}). */
        TIP_MARK(Kind.SCRATCH),
        /** A dish's region left out as glare, shown where it lies (see {@link Glare}; added by WellQuantifier, not by the counter). */
        GLARE(Kind.LIGHT);

        final Kind kind;

        Reject(Kind kind) {
            this.kind = kind;
        }

        /** The reason as colonies.csv writes it ("tip_mark"). */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one well gave. {@code stain} holds the stained pixels' background-corrected signal;
     * {@code saturated}: analysed pixels at full scale in the analysed channel; {@code signalMax}:
     * the highest colony signal the image can hold above the well's background (full scale minus
     * the background level), against which {@code threshold} is judged; {@code inner}: rejected
     * objects away from the wall but halos (the rim's fragments are expected there); {@code excluded}: pixels of
     * the circle left out where the band reaches deeper than along most of the circumference (a
     * peeled monolayer rather than the wall's own ring; {@code pixels} does not hold them);
     * {@code faint}: plaque mode, faint plaque candidates not counted (see FAINT); {@code partly}: plaque
     * mode on a plate, the partly cleared plaque candidates (PartlyCleared), judged against the plate's
     * texture once every well is measured ({@link PartlyCleared#judged}); {@code spots}: plaque mode on a plate, a
     * well whose threshold is at full scale, its light spots at the plaque scale ({@link CrowdedPlaques}; 0 otherwise);
     * {@code wall}: plaque mode on a plate, pixels of the band kept as plaques crowding the wall, not a peel ({@link WallPlaques});
     * {@code level}: the analysed circle's median signal before flattening (colonies' or plaques' direction up; NaN
     * when unknown): a plaque well's monolayer level, judged against the plate's ({@link WellQuantifier#cleared});
     * {@code confluent}: the stain has grown together and its area was read against the clear floor (see TEXTURE).
     */
    record Measure(List<Colony> colonies, List<Rejected> rejected, int pixels, int stainedPixels, double stainSum, double iod,
                   double threshold, double noise, int saturated, double signalMax, int inner, int excluded, int faint, int glare,
                   List<Colony> partly, int spots, int wall, double level, boolean confluent) {
        Measure(List<Colony> colonies, List<Rejected> rejected, int pixels, int stainedPixels, double stainSum, double iod,
                double threshold, double noise, int saturated, double signalMax, int inner, int excluded, int faint, int glare,
                List<Colony> partly, int spots, int wall) {
            this(colonies, rejected, pixels, stainedPixels, stainSum, iod, threshold, noise, saturated, signalMax, inner, excluded, faint, glare, partly, spots, wall, Double.NaN, false);
        }

        Measure(List<Colony> colonies, List<Rejected> rejected, int pixels, int stainedPixels, double stainSum, double iod,
                double threshold, double noise, int saturated, double signalMax, int inner, int excluded, int faint, int glare,
                List<Colony> partly) {
            this(colonies, rejected, pixels, stainedPixels, stainSum, iod, threshold, noise, saturated, signalMax, inner, excluded, faint, glare, partly, 0, 0);
        }

        /** The same measure of the well's pixels with other objects. */
        Measure withObjects(List<Colony> colonies, List<Rejected> rejected, int inner, List<Colony> partly) {
            return new Measure(colonies, rejected, pixels, stainedPixels, stainSum, iod, threshold, noise, saturated, signalMax, inner, excluded, faint, glare, partly, spots, wall, level, confluent);
        }

        /** The measure with the colonies marked in {@code out} (indices of colonies()) moved to the rejected objects for {@code why} (itself when none is). */
        Measure rejecting(boolean[] out, Reject why) {
            List<Colony> kept = new ArrayList<>();
            List<Rejected> moved = new ArrayList<>(rejected);
            for (int i = 0; i < colonies.size(); i++) {
                Colony k = colonies.get(i);
                if (out[i]) moved.add(new Rejected(k.x(), k.y(), k.area(), why));
                else kept.add(k);
            }
            if (kept.size() == colonies.size()) return this;
            moved.sort(Spot.READING_ORDER);
            return withObjects(kept, moved, inner, partly);
        }
    }

    /**
     * @param ch   the analysed channel of img
     * @param dark stain darker than the well: the stain signal is maxValue - value (inverted here, in
     *             the crop, not as a full-image copy), and the value gives the optical density
     * @param fork a processor is free (a dish: one well on several cores): the stained area is
     *             measured on a thread of its own while the colonies are counted (the same numbers)
     * @param ring a dish's circle out to which colonies next to the wall are searched for when no
     *             rim band is found (see RING); null: none (plates, plaque mode)
     */
    static Measure measure(PlateImage img, int ch, boolean dark, Circle c, double ballRadius,
                           boolean adaptBall, double minArea, double thresholdSigma, int bandSectors, double fringe, Glare glare, boolean fork,
                           boolean byColour, boolean partly, Circle ring) {
        try {
            return measured(img, ch, dark, c, ballRadius, adaptBall, minArea, thresholdSigma, bandSectors, fringe, glare, fork, byColour, partly, ring);
        } finally {
            Scratch.trim();
            FloatSort.trim();
            PartlySorted.trim();
        }
    }

    private static Measure measured(PlateImage img, int ch, boolean dark, Circle c, double ballRadius,
                                    boolean adaptBall, double minArea, double thresholdSigma, int bandSectors, double fringe, Glare glare, boolean fork,
                                    boolean byColour, boolean partly, Circle ring) {
        int width = img.width, height = img.height;
        double maxValue = img.maxValue;
        int x0 = Math.max(0, (int) Math.floor(c.x() - c.r()) - 1), y0 = Math.max(0, (int) Math.floor(c.y() - c.r()) - 1);
        int x1 = Math.min(width, (int) Math.ceil(c.x() + c.r()) + 2), y1 = Math.min(height, (int) Math.ceil(c.y() + c.r()) + 2);
        int w = x1 - x0, h = y1 - y0;
        if (w < 3 || h < 3) return new Measure(List.of(), List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN, 0, maxValue, 0, 0, 0, 0, List.of());
        boolean[] inside = new boolean[w * h];
        float[] crop = new float[w * h];
        float top = (float) maxValue; // as Raster.inverted: the same float subtraction
        double r2 = c.r() * c.r();
        int n = 0, saturated = 0, glared = 0;
        for (int y = 0; y < h; y++) {
            double dy = y0 + y + 0.5 - c.y(), dy2 = dy * dy; // once per row: the same doubles
            for (int x = 0; x < w; x++) {
                double dx = x0 + x + 0.5 - c.x();
                boolean circle = dx * dx + dy2 <= r2;
                float v = img.get(ch, (y0 + y) * width + x0 + x);
                crop[y * w + x] = dark ? top - v : v;
                if (circle && glare != null && glare.at(x0 + x, y0 + y)) {
                    glared++; // left out as outside the circle
                } else if (circle) {
                    inside[y * w + x] = true;
                    n++;
                    if (dark ? v <= 0 : v >= top) saturated++; // the stain's end of the scale
                }
            }
        }
        // outside the circle: the median inside, so the wall does not pull the ball up or down
        float[] in = new float[n];
        for (int i = 0, j = 0; i < crop.length; i++) if (inside[i]) in[j++] = crop[i];
        float med = Medians.upper(in);
        for (int i = 0; i < crop.length; i++) if (!inside[i]) crop[i] = med;

        // a dish on several cores: the rolling balls in bands of rows on two threads (the same arrays)
        int balls = fork ? 2 : 1;
        float[] s = flattened(crop, w, h, ballRadius, balls); // a new array: crop stays the signal before flattening
        // a plaque and a peeled band are clear floor: brighter than the monolayer by a good part of the headroom above it
        double floor = fringe > 0 ? PEEL_CONTRAST * (top - med) : 0;
        Smoothed first = bandSectors > 0 ? smoothed(s, inside, n, w, h) : null;
        Band band = bandSectors > 0 ? region(first, inside, w, x0, y0, c, thresholdSigma, bandSectors, fringe, floor, partly) : null;
        boolean[] region = band == null ? null : band.keep();
        float[] spare = null; // an array of the crop's size no longer read
        if (region != null) {
            // the rim band (meniscus, lid rim, wall reflections) left out: measured as outside the circle
            inside = region;
            n = 0;
            for (boolean b : inside) if (b) n++;
            float[] kept = new float[n];
            for (int i = 0, j = 0; i < crop.length; i++) if (inside[i]) kept[j++] = crop[i];
            float keptMed = Medians.upper(kept);
            for (int i = 0; i < crop.length; i++) if (!inside[i]) crop[i] = keptMed;
            // the band search's signal and its smoothed copy are not read again: their arrays take the new ones
            s = flattened(crop, w, h, ballRadius, balls, s);
            spare = first.g();
            first = null; // the band search smoothed the signal before the band was left out
        }
        // the colonies between the analysed circle and the wall (see RING): a pass of its own over the wall's
        // circle, measured meanwhile when a processor is free; on a dish whose rim band is the wall itself, through
        // the band (see WALL_BAND)
        boolean wall = region != null && band.proper() >= WALL_BAND && band.proper() < Double.POSITIVE_INFINITY;
        int ringBand = wall ? 0 : bandSectors;
        Supplier<Measure> ringTask = ring == null || (region != null && !wall) ? null
                : () -> measured(img, ch, dark, ring, ballRadius, adaptBall, minArea, thresholdSigma, ringBand, fringe, glare, false, byColour, false, null);
        // the stained area needs only the flattened signal: measured meanwhile when a processor is free
        float[] fs = s, fraw = crop;
        boolean[] fin = inside;
        int fn = n;
        Supplier<Stain> stainTask = () -> stain(img, ch, dark, c, fs, fraw, fin, fn, w, h, x0, y0, thresholdSigma, fringe == 0 && byColour, ballRadius);
        // both joined when the block is left, by the return or by an exception: no pass outlives the measure, and
        // the exception reported is the one the one-thread path (fork false) reports
        try (Parallel.Forked<Measure> ringPass = ringTask == null ? null
                     : Parallel.fork("assayquant-ring", ringTask, fork);
             Parallel.Forked<Stain> stained = Parallel.fork("assayquant-stain", stainTask, fork)) {
            Smoothed counted = first != null ? first : smoothed(s, inside, n, w, h, spare);
            Look look = new Look(img, dark, byColour && img.channels() == 3, x0, y0, w);
            Found found = colonies(counted, look, inside, w, h, x0, y0, minArea, thresholdSigma, c, region != null, floor);
            int faint = floor > 0 ? faintPlaques(counted, inside, w, h, x0, y0, minArea, c, found.threshold, top - med) : 0;
            if (adaptBall && found.colonies.size() >= 3)
                found = smallBall(found, crop, inside, n, w, h, x0, y0, ballRadius, look, minArea, thresholdSigma, c, region != null, floor, ring, balls,
                        counted.g()); // not read again: the small ball's signal goes into its array

            if (region != null) found = withoutRimFragments(found, c, band.gapFrom());
            if (ringPass != null) {
                Measure out = ringPass.get();
                found = withRimColonies(found, new Found(out.colonies(), out.rejected(), 0, 0, 0), c, wall);
            }
            List<Colony> candidates = partly && floor > 0 ? PartlyCleared.find(crop, inside, w, h, x0, y0, c, found.colonies, found.rejected, top - med) : List.of();

            Stain st = stained.get();
            int spots = partly && floor > 0 && WellQuantifier.atFullScale(found.threshold, st.signalMax()) ? CrowdedPlaques.count(crop, inside, w, h, x0, y0, c, top - med) : 0;
            int inner = 0;
            // a halo is a counted colony's own light, not a foreign object (many_rejected would flag every far phone photo for it)
            for (Rejected k : found.rejected) if (!nearWall(k.x(), k.y(), c) && k.reason() != Reject.HALO && k.reason() != Reject.RIM) inner++;
            return new Measure(found.colonies, found.rejected, n, st.pixels(), st.sum(), st.iod(), found.threshold, found.noise, saturated, st.signalMax(), inner, band == null ? 0 : band.deep(), faint, glared, candidates, spots, band == null ? 0 : band.wall(), med, st.confluent());
        }
    }

    /**
     * The count again under a smaller ball, inside the wall's band, when that lowers the threshold: a ball a tenth of
     * the well wide cannot follow illumination bands or lid reflections narrower than itself; the smallest ball that
     * keeps the colonies whole is about twice the radius of the larger ones (90th percentile of the first pass). Next to
     * the wall the large ball's objects stay: the wall's own lines, arcs and reflections are narrow bands that the
     * small ball would lift into colonies. found unchanged when the small ball gains nothing. spare: an array of the
     * crop's size no longer read.
     */
    private static Found smallBall(Found found, float[] crop, boolean[] inside, int n, int w, int h, int x0, int y0, double ballRadius,
                                   Look look, double minArea, double thresholdSigma, Circle c, boolean banded, double floor, Circle ring,
                                   int threads, float[] spare) {
        int[] areas = found.colonies.stream().mapToInt(Colony::area).sorted().toArray();
        double rho = Math.sqrt(areas[(int) (0.9 * (areas.length - 1))] / Math.PI);
        double ball = Math.max(MIN_BALL, 2 * rho);
        if (ball >= 0.8 * ballRadius) return found;
        float[] small = flattened(crop, w, h, ball, threads, spare);
        Smoothed smallSmoothed = smoothed(small, inside, n, w, h);
        // kept only when it lowers the threshold (a crowded well gives the small ball nothing to gain):
        // decided before its colonies are counted
        if (smallSmoothed.threshold(thresholdSigma, floor) - smallSmoothed.noise()[0] >= found.threshold - found.base) return found;
        Found inner = colonies(smallSmoothed, look, inside, w, h, x0, y0, minArea, thresholdSigma, c, banded, floor);
        List<Colony> merged = new ArrayList<>();
        for (Colony k : inner.colonies) if (!nearWall(k.x(), k.y(), c)) merged.add(k);
        for (Colony k : found.colonies) if (nearWall(k.x(), k.y(), c)) merged.add(k);
        merged.sort(Spot.READING_ORDER);
        List<Rejected> rejected = new ArrayList<>();
        for (Rejected k : inner.rejected) if (!nearWall(k.x(), k.y(), c)) rejected.add(k);
        for (Rejected k : found.rejected) if (nearWall(k.x(), k.y(), c)) rejected.add(k);
        rejected.sort(Spot.READING_ORDER);
        Found out = new Found(merged, rejected, inner.threshold, inner.base, inner.noise);
        // next to the wall the small ball's colonies that the large ball's pass lost (see RING)
        return ring != null && !banded ? withRimColonies(out, inner, c, false) : out;
    }

    /**
     * Plaque mode: partly cleared plaques reach this fraction of the headroom above the monolayer
     * but not the plaque floor (PEEL_CONTRAST). They are not counted (a second level at 0.05-0.15
     * counted intact monolayers' texture as plaques, see docs/history/wells.md), only counted as faint
     * candidates that make the well's count doubtful (WellQuantifier.FAINT_PLAQUES). Measured on the
     * 12-well development photos: at 0.05, 0.08 and 0.12 the empty wells' texture gives as many
     * candidates as the undercounted wells (up to 15, 20 and 13 in empty wells); at 0.16 empty
     * wells give 0-6 (mostly 0-1), the wells read 0-6 for 9-36 plaques 0-12 (mostly 2-10).
     */
    static final double FAINT = 0.16;

    /**
     * Faint plaque candidates: compact particles of at least minArea on the smoothed signal above
     * FAINT x the headroom that hold no pixel above the plaque threshold (not a counted plaque).
     * Not PartlyCleared.find's candidates, though both look for plaques too faint for the floor: this is a
     * flat level over the flattened signal's base, judged on every plaque well, dish or plate, alone, and
     * only as a count for the FAINT_PLAQUES doubt; PartlyCleared's are peaks of a difference of Gaussians at
     * the plaque scale against their own local background, on plates only, counted when they clear the
     * plate's quietest wells' texture. Different signals and levels, measured each for its own use (one
     * in place of the other would move the counts or the flags).
     */
    private static int faintPlaques(Smoothed sm, boolean[] inside, int w, int h, int x0, int y0, double minArea, Circle c,
                                    double threshold, double headroom) {
        float[] g = sm.g();
        double level = sm.noise()[0] + FAINT * headroom;
        byte[] m = new byte[g.length];
        for (int i = 0; i < g.length; i++) if (inside[i] && g[i] > level) m[i] = 1;
        int out = 0;
        for (int[] part : components(m, w, h)) {
            if (part.length < minArea) continue;
            boolean clear = false;
            for (int p : part) clear |= g[p] > threshold;
            if (clear) continue;
            Shape sh = Shape.of(part, w);
            Colony k = sh.colony(x0, y0);
            if (sh.rejection(nearWall(k.x(), k.y(), c)) == null) out++;
        }
        return out;
    }

    /** The stained area: its pixels, their summed signal above the background, their optical density; the highest signal the image can hold. */
    private record Stain(int pixels, double sum, double iod, double signalMax, boolean confluent) {}

    private static Stain stain(PlateImage img, int ch, boolean dark, Circle c, float[] s, float[] raw, boolean[] inside, int n, int w,
                               int h, int x0, int y0, double thresholdSigma, boolean plateColonies, double ballRadius) {
        int width = img.width;
        double maxValue = img.maxValue;
        float[] s0 = s;
        double[] bn = baseNoise(s, inside, n);
        double base = bn[0], noise = bn[1];
        // a colony plate's well grown together (TEXTURE): its value spread is stain texture, not noise
        boolean confluent = plateColonies && dark && (bn[4] > 0 || noise >= TEXTURE * differenceNoise(s, inside, w, h));
        if (confluent) {
            s = flattened(raw, w, h, Math.max(ballRadius, c.r()), 1);
            base = new PartlySorted(s, inside, n).get((int) (FLOOR * (n - 1)));
            noise = differenceNoise(s, inside, w, h);
        }
        // stained area counts pixels with at least a quarter of the well's strong stain (99.5th
        // percentile), as one thresholds by eye: blur and faint halos find colonies but are not stain;
        // in a confluent well overlapping colonies' summed stain sets that percentile, not one colony's: noise only
        double areaThreshold = confluent ? base + thresholdSigma * noise
                : Math.max(base + thresholdSigma * noise, base + STAIN_FRACTION * (bn[2] - base));
        byte[] stain = new byte[s.length];
        for (int i = 0; i < s.length; i++) if (inside[i] && s[i] > areaThreshold) stain[i] = 1;
        // what is not shaped like stained cells is not stain: the arcs of a wall shadow, pen lines
        for (int[] part : components(stain, w, h)) {
            Shape sh = Shape.of(part, w);
            Colony k = sh.colony(x0, y0);
            if (confluent && part.length >= NETWORK * n) continue; // the grown-together stain itself
            if (sh.rejection(nearWall(k.x(), k.y(), c)) != null) for (int p : part) stain[p] = 0;
        }
        int stained = 0;
        double stainSum = 0, iod = 0;
        for (int i = 0; i < s.length; i++) {
            if (stain[i] == 0) continue;
            stained++;
            stainSum += s[i] - base;
            if (dark) {
                // optical density against the local background intensity (maxValue - the ball's level)
                double bg = maxValue - (raw[i] - s[i]);
                double t = Math.max(1, img.get(ch, (y0 + i / w) * width + x0 + i % w));
                if (bg > t) iod += Math.log10(bg / t);
            }
        }
        // the background level in image units: the ball's level at the median pixel (inverted back for dark stain)
        float[] level = new float[n];
        for (int i = 0, j = 0; i < s.length; i++) if (inside[i]) level[j++] = raw[i] - s0[i];
        double signalMax = maxValue - Medians.upper(level);
        return new Stain(stained, stainSum, iod, signalMax, confluent);
    }

    /**
     * A well of a colony plate whose crystal violet has grown together (issue 19, session 25): more than half of it
     * stained (baseNoise's crowded median), or its clipped value spread (the noise of baseNoise) at least TEXTURE times
     * the spread of neighbouring pixels' differences (differenceNoise): the stain's texture taken for noise, which put
     * the 6-sigma threshold above the stain. ColonyArea's published 12-well scan (red channel) has 2.62-5.32 in every
     * well and read 0-0.4 % for wells a third to half stained; the sample plates' wells 0.40-0.98; 1.6 is about the
     * geometric middle of that gap. Such a well's stained area is read against its clear floor instead: the signal
     * flattened by a ball as wide as the analysed circle (the well's own ball, a tenth of the radius, cannot reach the
     * floor between colonies grown together and lifts the background into the stain: synthetic 6-well wells 83-91 %
     * covered read 67-69 % with it; the synthetic 12-well's 82-91 % wells 76-84 % with a ball of half the radius, 80-89 %
     * with the whole radius), the floor its FLOOR quantile, the threshold that floor plus thresholdSigma difference
     * noises (the quarter of the strong stain is left out: overlapping colonies' summed stain sets the 99.5th
     * percentile; with it the 12-well's 82-91 % wells read 70-76 % at half the radius), and a stained part of at least
     * NETWORK of the circle is kept whatever its shape (the grown-together stain fills less than half of its moment
     * ellipse: ColonyArea's row B wells read 16-43 % without this, 37-50 % with it, both with the well's own ball).
     * FLOOR 0.01 / 0.02 / 0.05 moved ColonyArea's wells by 0 to +6 / 0 / -1 to -8 points; NETWORK 0.02 / 0.05 / 0.2
     * moved three wells by +2 to +8 / 0 / one by -5 points.
     */
    static final double TEXTURE = 1.6, FLOOR = 0.02, NETWORK = 0.05;

    /** Robust SD of the signal's neighbour differences within the circle, of the smoother direction (WellQuantifier.differenceSd). */
    static double differenceNoise(float[] s, boolean[] inside, int w, int h) {
        float[] dh = new float[s.length], dv = new float[s.length];
        int nh = 0, nv = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!inside[i]) continue;
                if (x + 1 < w && inside[i + 1]) dh[nh++] = Math.abs(s[i + 1] - s[i]);
                if (y + 1 < h && inside[i + w]) dv[nv++] = Math.abs(s[i + w] - s[i]);
            }
        return WellQuantifier.differenceSd(Arrays.copyOf(dh, nh), Arrays.copyOf(dv, nv));
    }

    /** Angular sectors and radial bins (a hundredth of the radius, at least 2 px) of the rim-band search. */
    private static final int SECTORS = 72;
    /** The band is searched for outside this fraction of the radius. */
    static final double BAND_FROM = 0.7;
    /** A sector's band: from the innermost radius beyond which at least this fraction of the pixels is above the colony threshold. */
    static final double BAND_FILL = 0.5;
    /**
     * A streak (a particle before the watershed) longer than this many times its width, or filling
     * less than MIN_FILL of its moment ellipse, that the watershed cut into at least CHAIN_PIECES
     * colony-sized pieces is a chain (a scratch, a fibre, a meniscus arc), not colonies. With 4 (and
     * 4 pieces) the dense webcam dishes F and G lost 5 and 4 real colonies in clusters (G 9.3 %
     * off); 6 leaves every webcam count as it was and still takes the phone photos' scratch arcs.
     */
    static final double CHAIN_ELONGATION = 6;
    static final int CHAIN_PIECES = 4;
    /**
     * On a dish with a rim band (phone and high-resolution photos), a streak away from the wall's
     * zone that is more than 4 times as long as wide and cut into at least 8 colony-sized pieces
     * is a chain too: the lamp's crescent where it is bright enough for the streak rule to keep
     * its pieces (easy9: one particle of 17263 px, elongation 4.3, fill 0.79, cut into 14 pieces
     * at 0.45-0.76 of the typical peak; 53 -> 35 for 31). Measured on the development phone photos
     * (median / mean / worst error, before 3.37 / 7.5 / 71 %): 4 and 8 pieces 3.37 / 4.4 / 15.8 %,
     * only easy9 and multi5 close without light (627 -> 628) changed. 3.5 and 6 pieces also took
     * the fainter crescents of easy11 (160 -> 152 for 149) and easy12 (112 -> 109 for 106), median
     * 2.83 %, but rows of touching colonies off the dense multi-dish photos (multi1 far 573 -> 559,
     * under the lid 594 -> 583, for 593). Streaks reaching the wall's zone stay with the rim rules:
     * with them, 4 and 8 took the rim reflections with 4 real colonies on them off multi5 close
     * (627 -> 617 for 642). The dense dishes' rows of 4-7 touching colonies reach elongation 3-5.
     */
    static final double BAND_CHAIN_ELONGATION = 4;
    static final int BAND_CHAIN_PIECES = 8;
    /**
     * A rim band is left out only when it runs along at least this many of the 72 sectors (40 % of
     * the circumference): the webcam dishes of the OpenCFU benchmark show 0-26 such sectors (thin
     * wall lines, marker pen), the high-resolution dish photos 32-71 and the phone photos 33-72.
     * Dishes only: in the synthetic plates' crowded wells the wall shadow and the colonies under it
     * made a band, and leaving it out lost 926 -> 801 of 934 colonies (12-well) and 650 -> 590 of
     * 644 (6-well).
     */
    static final int BAND_SECTORS = 29;
    /**
     * Plaque assays: a monolayer peeled off along the wall is a clear crescent, however short, that
     * the threshold would cut into "plaques" (issue 19: about twice the people's count). Every
     * well's band is left out where it runs along at least 3 sectors (15 degrees): the median over
     * 5 sectors that smooths the band's edge removes shorter runs anyway, so a plaque touching the
     * wall (1-2 sectors) stays.
     */
    static final int PEEL_SECTORS = 3;
    /**
     * Where a monolayer peeled, its ragged edge lifts: holes and tears within about a tenth of the
     * radius inside the clear band (a synthetic peel with tears up to 0.07 r + 1 px inside a
     * crescent whose edge wavers by 5 %: 14-19 "plaques" for 6-12 without this fringe). Left out
     * with the band.
     */
    static final double PEEL_FRINGE = 0.1;
    /**
     * Plaques and peeled monolayer (plaque mode) are clear floor: at least this fraction of the
     * headroom between the monolayer's median and full scale brighter than the monolayer (the floor
     * of the plaque and band thresholds). Without it an empty well's noise-level threshold made its
     * whole outer third a "band" and its noise 1-5 "plaques" (synthetic 12-well, monolayer OD 0.7:
     * clear floor 0.9 of the headroom; a quarter leaves room for partly cleared plaques).
     */
    static final double PEEL_CONTRAST = 0.25;
    /** A sector's band deeper than the median band by this fraction of the radius is more than the wall's ring (two radial bins). */
    static final double DEEPER = 0.02;
    /**
     * Specks: objects smaller than this fraction of the well's typical colony (median area of its
     * round objects, known from 5 of them; specks outnumbering the colonies pull it down: an
     * area-weighted median resisted that but one large blob then made real colonies "specks" in
     * the 12-well sample, 926 -> 854 of 934). On the development photos 0.05 took 6-50 dust and rim
     * specks off the high-resolution dishes without changing a webcam count; 0.08 already removed
     * real small webcam colonies (median error 2.63 -> 3.02 %), 0.1 more (4.05 %).
     */
    static final double SPECK = 0.05;

    /**
     * The analysed circle without the rim band: the bright meniscus, the lid's rim and the wall's
     * reflections inside the found wall, which the colony threshold cuts into hundreds of
     * fragments. In each of 72 sectors the band is where, from some radius outward, at least half
     * of the pixels lie above the colony threshold (sparse colonies cover a few percent, the
     * densest benchmark dish 15 %); the band's inner radius is smoothed over 5 neighbouring
     * sectors; where the band reaches deeper than along most of the circumference (by DEEPER x the
     * radius), its inner edge moves in by {@code fringe} x the radius. Counting colonies
     * ({@code fringe} 0), the region reaches out to the band proper and {@code gapFrom} keeps the
     * deeper edge per sector (see BAND_OWN).
     * Null when fewer than {@code minSectors} sectors have a band.
     */
    /** The analysed pixels without the band, how many of those left out lie deeper than the band's median inner radius, and the deeper edge per sector (null in plaque mode). */
    private record Band(boolean[] keep, int deep, double[] gapFrom, double proper, int wall) {}

    private static Band region(Smoothed sm, boolean[] inside, int w, int x0, int y0, Circle c, double thresholdSigma, int minSectors,
                                    double fringe, double floor, boolean plate) {
        float[] g = sm.g();
        double[] gn = sm.noise();
        double threshold = sm.threshold(thresholdSigma, floor);
        double bw = Math.max(2, c.r() / 100);
        int bins = (int) Math.ceil(c.r() / bw) + 1, from = (int) (BAND_FROM * c.r() / bw);
        int[] count = new int[SECTORS * bins], hit = new int[SECTORS * bins];
        for (int i = 0; i < g.length; i++) {
            if (!inside[i]) continue;
            double dx = x0 + i % w + 0.5 - c.x(), dy = y0 + i / w + 0.5 - c.y();
            int b = (int) (Math.sqrt(dx * dx + dy * dy) / bw);
            if (b < from) continue;
            int sec = sector(dx, dy);
            count[sec * bins + b]++;
            if (g[i] > threshold) hit[sec * bins + b]++;
        }
        double[] edge = new double[SECTORS], own = new double[SECTORS];
        for (int sec = 0; sec < SECTORS; sec++) {
            int tot = 0, hits = 0, inner = bins;
            for (int b = bins - 1; b >= from; b--) {
                tot += count[sec * bins + b];
                hits += hit[sec * bins + b];
                if (tot > 0 && hits >= BAND_FILL * tot) inner = b;
            }
            edge[sec] = inner * bw;
            // the band proper starts at the first bin outward that is itself mostly above the threshold
            while (inner < bins && hit[sec * bins + inner] < BAND_OWN * count[sec * bins + inner]) inner++;
            own[sec] = inner * bw;
        }
        int banded = 0;
        for (double e : edge) if (e <= c.r()) banded++;
        if (banded < minSectors) return null;
        double[] smooth = medianOf5(edge);
        double[] gapFrom = null;
        if (fringe == 0) {
            // colonies: analysed out to the band proper; what lies between the two edges is judged in withoutRimFragments
            gapFrom = smooth;
            smooth = medianOf5(own);
        }
        // the ring the thinnest fifth of the circumference still has (the wall's own, a meniscus); deeper is a peel
        double[] order = smooth.clone();
        Arrays.sort(order);
        double ring = Math.min(c.r(), order[(int) (0.8 * SECTORS)]);
        // on a plate, arcs of plaques crowding the wall are no peel: taken back to the ring (WallPlaques); before: the edges without that
        double[] before = smooth;
        if (fringe > 0 && plate) smooth = WallPlaques.plaqueArcs(g, threshold, inside, w, x0, y0, c, smooth, ring, DEEPER * c.r());
        if (fringe > 0) {
            fringed(smooth, ring, fringe, c.r());
            if (before != smooth) fringed(before, ring, fringe, c.r());
        }
        // inside every sector's edge, or beyond all of them, a pixel's sector (an atan2) is not needed
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double e : smooth) {
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
        }
        boolean[] out = new boolean[inside.length];
        int deep = 0, wall = 0;
        for (int i = 0; i < g.length; i++) {
            if (!inside[i]) continue;
            double dx = x0 + i % w + 0.5 - c.x(), dy = y0 + i / w + 0.5 - c.y(), d = Math.sqrt(dx * dx + dy * dy);
            out[i] = d < lo || d < hi && d < smooth[sector(dx, dy)];
            if (!out[i] && d < ring) deep++;
            if (out[i] && before != smooth && d < ring && d >= before[sector(dx, dy)]) wall++;
        }
        // where the median sector's band proper starts; infinite when fewer than half the sectors have one
        double[] sorted = smooth.clone();
        Arrays.sort(sorted);
        double proper = sorted[SECTORS / 2] >= bins * bw ? Double.POSITIVE_INFINITY : sorted[SECTORS / 2] / c.r();
        return new Band(out, deep, gapFrom, proper, wall);
    }

    /** The peel's fringe, also around its tips: each sector deeper than the ring takes the deepest edge of its +-3 neighbours, fringe x r deeper (in place). */
    private static void fringed(double[] smooth, double ring, double fringe, double r) {
        double[] deepest = smooth.clone();
        for (int sec = 0; sec < SECTORS; sec++)
            for (int k = -3; k <= 3; k++) deepest[sec] = Math.min(deepest[sec], smooth[(sec + k + SECTORS) % SECTORS]);
        for (int sec = 0; sec < SECTORS; sec++) if (deepest[sec] < ring - DEEPER * r) smooth[sec] = deepest[sec] - fringe * r;
    }

    /** Each sector's value as the median of it and its 2 neighbours on either side. */
    private static double[] medianOf5(double[] v) {
        double[] smooth = new double[SECTORS], win = new double[5];
        for (int sec = 0; sec < SECTORS; sec++) {
            for (int k = -2; k <= 2; k++) win[k + 2] = v[(sec + k + SECTORS) % SECTORS];
            Arrays.sort(win);
            smooth[sec] = win[2];
        }
        return smooth;
    }

    static int sector(double dx, double dy) {
        int sec = (int) ((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI) * SECTORS);
        return Math.min(SECTORS - 1, Math.max(0, sec));
    }

    /** The crop with its rolling-ball background subtracted (a new array). */
    private static float[] flattened(float[] crop, int w, int h, double ball, int threads) {
        // stain is high: the ball rolls under it (light objects on dark background in ImageJ's terms);
        // ImageJ's rolling ball (presmoothed), bit for bit, faster
        return FastRollingBall.subtracted(crop, w, h, ball, threads);
    }

    /** The same into {@code into}, an array no longer read (see FastRollingBall.subtracted). */
    private static float[] flattened(float[] crop, int w, int h, double ball, int threads, float[] into) {
        return FastRollingBall.subtracted(crop, w, h, ball, threads, into);
    }

    /**
     * A flattened signal ({@code raw}) smoothed for thresholding (Gaussian, SMOOTH_SIGMA), its
     * baseNoise over the analysed pixels and the noise of raw minus g (dust is judged on raw, see
     * SHARP). A dish without a rim band (webcam) counts its colonies on the same one the band search
     * made: computed once, not twice.
     */
    private record Smoothed(float[] raw, float[] g, double[] noise, double highPass) {
        /** The colony threshold on this signal: thresholdSigma noise SDs, a FAINTEST part of the strong stain, or the floor above the background. */
        double threshold(double thresholdSigma, double floor) {
            return noise[0] + Math.max(Math.max(thresholdSigma * noise[1], FAINTEST * (noise[3] - noise[0])), floor);
        }
    }

    private static Smoothed smoothed(float[] s, boolean[] inside, int n, int w, int h) {
        return smoothed(s, inside, n, w, h, null);
    }

    /** With the smoothed copy in {@code into}, an array of s's length no longer read (null: a new array). */
    private static Smoothed smoothed(float[] s, boolean[] inside, int n, int w, int h, float[] into) {
        float[] g = into == null ? s.clone() : into;
        if (into != null) System.arraycopy(s, 0, g, 0, s.length);
        new GaussianBlur().blurGaussian(new FloatProcessor(w, h, g), SMOOTH_SIGMA, SMOOTH_SIGMA, 0.01);
        return new Smoothed(s, g, baseNoise(g, inside, n), highPassNoise(s, g, inside, n));
    }

    /** Robust SD (1.4826 x median absolute deviation) of the signal minus its smoothed copy, over about 40000 analysed pixels. */
    private static double highPassNoise(float[] s, float[] g, boolean[] inside, int n) {
        int step = Math.max(1, n / 40000);
        float[] d = new float[n / step + 1];
        int m = 0;
        for (int i = 0, k = 0; i < s.length; i++) if (inside[i] && k++ % step == 0) d[m++] = s[i] - g[i];
        if (m == 0) return 0;
        d = Arrays.copyOf(d, m);
        return 1.4826 * Medians.mad(d, Medians.upper(d));
    }

    private record Found(List<Colony> colonies, List<Rejected> rejected, double threshold, double base, double noise) {}

    /**
     * Colonies of a flattened crop. They are thresholded on a lightly smoothed copy (averaging over
     * a colony's core lifts faint, out-of-focus colonies out of webcam/JPEG pixel noise) at the
     * larger of thresholdSigma noise SDs and a tenth of the well's strong stain (99.9th percentile):
     * once the noise is that low, agar texture and the edges of illumination bands reach a few SDs.
     */
    private static Found colonies(Smoothed sm, Look look, boolean[] inside, int w, int h, int x0, int y0, double minArea, double thresholdSigma, Circle c,
                                  boolean band, double floor) {
        float[] g = sm.g();
        double[] gn = sm.noise();
        double threshold = sm.threshold(thresholdSigma, floor);
        ByteProcessor mask = new ByteProcessor(w, h);
        byte[] m = (byte[]) mask.getPixels();
        for (int i = 0; i < g.length; i++) if (inside[i] && g[i] > threshold) m[i] = (byte) 255;
        mask.setThreshold(255, 255, ij.process.ImageProcessor.NO_LUT_UPDATE);
        // streaks before the watershed cuts them: long or curved particles (a scratch, a fibre, an arc)
        int[] streak = null; // allocated with the first streak
        int streaks = 0;
        List<Integer> need = new ArrayList<>(List.of(0)); // pieces that make each streak a chain
        for (int[] part : components(m, w, h)) {
            if (part.length < CHAIN_PIECES * minArea) continue;
            Shape sh = Shape.of(part, w);
            boolean chain = sh.fill() < MIN_FILL || sh.elongation() > CHAIN_ELONGATION;
            if (!chain && !(band && sh.elongation() > BAND_CHAIN_ELONGATION && !touchesRim(part, w, x0, y0, c))) continue;
            if (!band && touchesRim(part, w, x0, y0, c)) continue; // a wall shadow's arc and the colonies on it
            if (streak == null) streak = Scratch.forStreaks(m.length);
            streaks++;
            need.add(chain ? CHAIN_PIECES : BAND_CHAIN_PIECES);
            for (int p : part) streak[p] = streaks;
            // without a rim band, a streak reaching the wall's zone is mostly colonies along the wall's
            // line or a wall shadow's arc with colonies on it (the benchmark's webcam dishes lost 2-7 %
            // of their count, the synthetic wall-shadow plate 2 of 5 colonies, when they were cut)
        }
        // EDM.toWatershed, per particle on a large crop; its labels in the labelling's array, which label() refills
        ParticleWatershed.apply(mask, Scratch.forImage(m.length).comp);
        List<int[]> parts = label(m, g, gn[0], SPLIT_SIGMA * gn[1], w, h, minArea);
        if (streaks > 0) {
            // a streak the watershed cut into at least CHAIN_PIECES colony-sized pieces is a chain, not colonies
            int[] pieces = new int[streaks + 1];
            for (int[] p : parts) if (p.length >= minArea) pieces[streak[p[0]]]++;
            List<int[]> keep = new ArrayList<>();
            List<Rejected> chains = new ArrayList<>();
            for (int[] p : parts) {
                int id = streak[p[0]];
                Colony k = id > 0 && pieces[id] >= need.get(id) && p.length >= minArea ? Shape.of(p, w).colony(x0, y0) : null;
                if (k != null) {
                    chains.add(new Rejected(k.x(), k.y(), k.area(), Reject.CHAIN));
                } else {
                    keep.add(p);
                }
            }
            parts = keep;
            List<Rejected> rejected = new ArrayList<>(chains);
            List<Colony> found = colonies(parts, sm, look, w, x0, y0, minArea, c, rejected);
            return new Found(found, rejected, threshold, gn[0], gn[1]);
        }
        List<Rejected> rejected = new ArrayList<>();
        List<Colony> found = colonies(parts, sm, look, w, x0, y0, minArea, c, rejected);
        return new Found(found, rejected, threshold, gn[0], gn[1]);
    }

    /**
     * Dishes with a rim band (phone and high-resolution photos; the webcam dishes have none): next
     * to the wall, objects smaller than this fraction of the typical colony (median area of the
     * colonies away from the wall) are specks of the rim: the wall's reflections, the lid's rim,
     * the meniscus's broken edge. On the development photos (posthoc on their colonies.csv) 0.25
     * took the high-resolution dishes from a median error of 59 % to 15 % (H: 59 -> 18 for 9: its
     * rim specks measure 12-58 px, its colonies 176-380) and the phone dishes from 14.8 to 12.5 %;
     * 0.1 only to 27 %, 0.2 to 6.4 % and 0.3 to 4.1 % (HD, with the arcs below); 0.25 is the
     * quarter of a plate's specks (WellQuantifier.PLATE_SPECK). Applied to the webcam dishes it would remove their small real colonies
     * next to the wall (median 2.63 -> 4.65 %), which is why it needs the band.
     */
    static final double RIM_SPECK = 0.25;
    /**
     * Arcs: an object outside ARC_FROM of the radius with at least ARC_NEIGHBOURS other objects
     * (counted or rejected) within ARC_THIN of the radius of its own distance from the centre and
     * ARC_SPAN of the radius along the circumference, and those at least ARC_SHARE of the objects
     * within ARC_THICK of its distance, lies on a thin arc concentric with the wall: the meniscus's
     * inner edge or a reflection cut into beads (phone photo easy7: 24 such objects at 0.89-0.95 of
     * the radius, its 18 colonies none). Colonies scattered over the dish rarely line up: in a
     * uniform dish the thin shell holds 0.15 of the thick one's objects. Dishes with a rim band
     * only (measured on the development photos with the rim specks: phone median 12.5 -> 4.6 %,
     * worst 152 -> 139 %; HD 15 -> 5.7 %; on the webcam dishes, which have no band, it would remove
     * colonies along the wall line, median 2.63 -> 3.86 %). A thin shell of 0.02 helped the sparse
     * phone dishes (3.9 %) but took colonies along the wall off the dense ones (easy5, easy8); 3-5
     * neighbours, a span of 0.08-0.16, a share of 0.5-0.7 and a start at 0.5-0.8 moved the phone
     * median within 4.1-4.6 %, HD within 4.6-6.2 %.
     */
    static final double ARC_FROM = 0.6, ARC_THIN = 0.015, ARC_THICK = 0.1, ARC_SPAN = 0.12, ARC_SHARE = 0.6;
    static final int ARC_NEIGHBOURS = 4;

    /**
     * Halos: on a dish with a rim band, a counted object whose peak (highest smoothed signal above
     * the background) is below HALO_PEAK of the typical colony's (median peak of the counted
     * objects, from at least 5) and whose centre lies within HALO_REACH x the two radii of a colony
     * with at least HALO_BRIGHT of the typical peak is the faint light beside that colony: the
     * agar's halo or the shadow of the colony lit from one side, a crescent of its highlight
     * (issue 19 phone photos: the far photos with extra light show one beside most colonies, on the
     * same side of each). On the development phone photos the counted objects' peaks fall in two
     * groups: below 0.2-0.3 of the typical peak (multi5 far: 255 of 881 objects below 0.2, 262
     * below 0.4) and the colonies around 1; a peak below 0.3 next to a bright colony took the
     * median error 4.55 -> 3.77 % (measured with the code; 3.89 % posthoc on their colonies.csv),
     * the far photos +37 -> -1.7 % and +23 -> -6.7 %; posthoc, a reach of 1.5 x the radii kept half of them (median 4.56 %), 3 took isolated
     * faint colonies (4.71 %). Dishes with a band only: the webcam dishes' faint objects are
     * out-of-focus colonies (median 2.63 -> 2.91 % when they were taken).
     */
    static final double HALO_PEAK = 0.3, HALO_BRIGHT = 0.5, HALO_REACH = 2;
    /**
     * Colonies by the rim band (dishes in colony mode). A sector's band edge (BAND_FILL of the
     * pixels from there outward above the threshold) lies about the band's own width deeper than
     * the band (the half of the pixels outside it that are not stain): colonies there were left
     * out (easy4: at 0.78-0.89 of the radius, about ten not counted, -9.4 %; easy5 -7.6 %, multi1 -8 to -10 %).
     * The region now reaches out to the band proper (the first radial bin outward with at least
     * BAND_OWN of its pixels above the threshold); an object between the two edges counts only
     * when it looks like a colony of the dish: at least GAP_AREA of the typical colony's area and
     * GAP_PEAK of its peak, with at most GAP_CROWD objects smaller than that (counted or rejected)
     * within GAP_REACH typical colony diameters (the meniscus's broken inner edge is a crowd of
     * beads: easy7's beads there have 12-19 such neighbours, the colonies by the rim of the
     * development dishes 0-8). Measured on the development phone photos (median / mean / worst
     * error; main 3.57 / 8.7 / 71 %): every object between the edges counted 3.37 / 8.3 / 71 %
     * (easy7 +16 -> +32 %); with the colony test 3.37 / 7.5 / 71 %. Posthoc over the gap objects'
     * measures: a crowd limit of 8-11 gave the same, 2-4 dropped colonies seen on the overlays by
     * the rim (easy4 -10 %; median 2.8-3.0 % from small shifts elsewhere), 12 and more let easy7's
     * beads in; an area of 0.4-0.6 and a peak of 0.4-0.5 gave 3.37 %, a peak of 0.6-0.7 3.51 %. A bin share of 0.7 (with the colony test) gave 3.37 / 7.7 /
     * 84 % (more of easy9's bright rim counted, easy5 lost colonies).
     * Plaque mode keeps the deeper edge (the peeled band's fringe is measured from it).
     */
    static final double BAND_OWN = 0.5, GAP_AREA = 0.5, GAP_PEAK = 0.5, GAP_REACH = 2;
    static final int GAP_CROWD = 10;

    /** Objects (counted or rejected) other than k smaller than {@code small} whose centres lie within {@code reach} of k's. */
    private static int fragmentsNear(Colony k, List<Colony> colonies, List<Rejected> rejects, double reach, double small) {
        int near = 0;
        for (Colony o : colonies) if (o != k && o.area() < small && Math.hypot(o.x() - k.x(), o.y() - k.y()) < reach) near++;
        for (Rejected o : rejects) if (o.area() < small && Math.hypot(o.x() - k.x(), o.y() - k.y()) < reach) near++;
        return near;
    }

    /**
     * Colonies next to the wall of a dish without a rim band (the webcam dishes; issue 19: they
     * read low on every dish of more than ~40 colonies). Measured on the development dishes A-J
     * (main: median error 2.63 %, F -2.9 %, G -9.0 %, J -4.3 %): (1) in the outer tenth of the
     * analysed circle the large rolling ball's pass is kept (the wall's lines would become colonies
     * under the small ball), and there a colony touching the wall's inner line is one elongated
     * object with it (rejected as rim: A, D, 2 each) and in crowded parts colonies sink under the
     * large ball's background (F and G lost about 30 each there: the small ball's pass counts 182
     * and 189 where the large one counts 152 and 160 from 0.85 to 0.96 of the wall's radius);
     * (2) the analysed circle stops at 0.96 of the wall's radius (margin_percent) while colonies
     * grow up to the wall's inner edge (J's two missing colonies lie at 0.962-0.964, cut by the
     * circle and rejected). Both are searched for, as candidates that overlap no counted colony and
     * look like a colony of the dish (the gap test GAP_AREA, GAP_PEAK, GAP_CROWD of the rim band,
     * against the median colony away from the wall): (1) the small ball's colonies in the outer
     * tenth, (2) a second pass over the wall's circle shrunk by RING x the margin (WellQuantifier;
     * margin_percent 4: out to 0.98 of the wall's radius). Candidates on the
     * development dishes: real colonies peak at 0.86-1.03 of the typical colony, the wall's specks
     * and line pieces at 0.11-0.56 (B, C, D, E, H). With (1) alone the median was 2.85 % (F -0.6 %,
     * G -6.3 %), (1) and (2) out to 0.97 of the wall: 2.00 %, 0.98: 1.83 %, 0.99: 2.29 % (A and D
     * took objects inside the wall's thickness, one a pen mark).
     */
    static final double RING = 0.5;

    /**
     * Colonies at the wall of a dish whose rim band is the wall itself: the band proper starts, in the median sector,
     * at WALL_BAND of the analysed circle or beyond (the high-resolution OpenCFU dishes' wall lines: 0.99-1.00 on nine
     * of ten development dishes; the phone dishes' meniscus: 0.90-0.95 on 18 of 19), and the median sector has a band
     * (where the band runs along under half the circumference, as on one-sided lit dishes, there is none to look
     * through: CounterCulture 01 d4 read 41 -> 75 for 43 through it). There colonies cut by the band or the analysed
     * circle are rejected and those in the wall's shadow lie beyond the circle (hd-shifted B 118 for 129). The ring's
     * pass (RING) is then made through the band, and its colonies by the wall count under the gap test with a peak of
     * at least WALL_PEAK of the typical colony's (the wall's line pieces peak at 0.5-0.8 of it; 0.7 let them in, q08
     * 9 -> 16) and an area of at most WALL_AREA typical colonies (1.5 left merged pairs out, 2.5 let wall pieces in).
     * Without WALL_BAND the meniscus is counted through (easy9 35 -> 63 for 31). Every number, development dishes
     * only: docs/history/wells.md, session 22. Synthetic: WellQualityTest.coloniesUnderAThinWallBandCount,
     * aBroadMeniscusBandIsNotCountedThrough.
     */
    static final double WALL_BAND = 0.975, WALL_PEAK = 0.85, WALL_AREA = 2;

    /**
     * f with the colonies of another pass ({@code other}: the small ball's, or the pass out to
     * the ring) that lie in the outer tenth of the analysed circle c or beyond it, overlap
     * no colony of f and pass the gap test; a colony added replaces a rejected object of f it
     * overlaps, and the other pass's objects beyond c that are not colonies are rejected (as RIM
     * when it counted them).
     */
    private static Found withRimColonies(Found f, Found other, Circle c, boolean wall) {
        double[] areas = f.colonies.stream().filter(k -> !nearWall(k.x(), k.y(), c)).mapToDouble(Colony::area).sorted().toArray();
        double[] peaks = f.colonies.stream().filter(k -> !nearWall(k.x(), k.y(), c)).mapToDouble(Colony::peak).sorted().toArray();
        if (areas.length < MIN_ROUND) return f;
        double typical = areas[areas.length / 2], peak = peaks[peaks.length / 2];
        double reach = 2 * GAP_REACH * Math.sqrt(typical / Math.PI);
        List<Colony> kept = new ArrayList<>(f.colonies), added = new ArrayList<>();
        List<Rejected> beyond = new ArrayList<>();
        for (Colony k : other.colonies) {
            if (!nearWall(k.x(), k.y(), c) || overlaps(k, f.colonies)) continue;
            if (k.area() >= GAP_AREA * typical && k.peak() >= (wall ? WALL_PEAK : GAP_PEAK) * peak && (!wall || k.area() <= WALL_AREA * typical)
                    && fragmentsNear(k, other.colonies, other.rejected, reach, GAP_AREA * typical) <= GAP_CROWD) added.add(k);
            else if (wall) continue; // the pass through the band: its pieces are the band's, not objects of the dish
            else if (Math.hypot(k.x() - c.x(), k.y() - c.y()) > c.r()) beyond.add(new Rejected(k.x(), k.y(), k.area(), Reject.RIM));
        }
        if (!wall) for (Rejected k : other.rejected) if (Math.hypot(k.x() - c.x(), k.y() - c.y()) > c.r()) beyond.add(k);
        if (added.isEmpty() && beyond.isEmpty()) return f;
        kept.addAll(added);
        // a colony added replaces the rejected object it was part of (merged with the wall's line)
        List<Rejected> rejected = new ArrayList<>();
        for (Rejected k : f.rejected) if (!overlaps(k, added)) rejected.add(k);
        for (Rejected k : beyond) if (!overlaps(k, kept) && !overlaps(k, f.rejected)) rejected.add(k);
        kept.sort(Spot.READING_ORDER);
        rejected.sort(Spot.READING_ORDER);
        return new Found(kept, rejected, f.threshold, f.base, f.noise);
    }

    /** k reaches one of the objects (centres closer than the summed equal-area radii). */
    private static boolean overlaps(Spot k, List<? extends Spot> objects) {
        for (Spot o : objects) if (Math.hypot(o.x() - k.x(), o.y() - k.y()) < Math.sqrt(k.area() / Math.PI) + Math.sqrt(o.area() / Math.PI)) return true;
        return false;
    }

    /** The colonies without the rim's specks, the arcs' beads, the colonies' halos and faint streaks (rejected as RIM, ARC, HALO and STREAK). */
    private static Found withoutRimFragments(Found f, Circle c, double[] gapFrom) {
        Predicate<Colony> inGap = k -> gapFrom != null
                && Math.hypot(k.x() - c.x(), k.y() - c.y()) >= gapFrom[sector(k.x() - c.x(), k.y() - c.y())];
        double[] away = f.colonies.stream().filter(k -> !nearWall(k.x(), k.y(), c) && !inGap.test(k)).mapToDouble(Colony::area).sorted().toArray();
        double typical = away.length >= MIN_ROUND ? away[away.length / 2] : Double.NaN;
        double[] peaks = f.colonies.stream().filter(inGap.negate()).mapToDouble(Colony::peak).sorted().toArray();
        double peak = peaks.length >= MIN_ROUND ? peaks[peaks.length / 2] : Double.NaN; // NaN: no halo is judged
        int n = f.colonies.size(), all = n + f.rejected.size();
        double[] rho = new double[all], theta = new double[all];
        for (int i = 0; i < all; i++) {
            double x = i < n ? f.colonies.get(i).x() : f.rejected.get(i - n).x(), y = i < n ? f.colonies.get(i).y() : f.rejected.get(i - n).y();
            rho[i] = Math.hypot(x - c.x(), y - c.y()) / c.r();
            theta[i] = Math.atan2(y - c.y(), x - c.x());
        }
        List<Colony> kept = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>(f.rejected);
        for (int i = 0; i < n; i++) {
            Colony k = f.colonies.get(i);
            Reject why = null;
            boolean gap = inGap.test(k);
            int crowd = gap ? fragmentsNear(k, f.colonies, f.rejected, 2 * GAP_REACH * Math.sqrt(typical / Math.PI), GAP_AREA * typical) : 0;
            if (gap && !(k.area() >= GAP_AREA * typical && k.peak() >= GAP_PEAK * peak && crowd <= GAP_CROWD)) why = Reject.RIM;
            else if (nearWall(k.x(), k.y(), c) && k.area() < RIM_SPECK * typical) why = Reject.RIM;
            else if (rho[i] > ARC_FROM && onArc(i, rho, theta)) why = Reject.ARC;
            else if (k.peak() < HALO_PEAK * peak && nextToBright(k, f.colonies, peak)) why = Reject.HALO;
            if (why == null) kept.add(k);
            else rejected.add(new Rejected(k.x(), k.y(), k.area(), why));
        }
        kept = withoutStreaks(kept, rejected);
        if (kept.size() == n) return f;
        rejected.sort(Spot.READING_ORDER);
        return new Found(kept, rejected, f.threshold, f.base, f.noise);
    }

    /**
     * Faint streaks: on a dish with a rim band, at least STREAK_PIECES counted objects with a peak
     * below STREAK_PEAK of the typical colony's (median peak of the counted objects), each within
     * STREAK_LINK typical colony diameters of another of them, are the pieces of a faint band the
     * threshold broke apart: a lamp's crescent reflected in the agar, the lid rim's streaks, a
     * scratch (issue 19 phone photos: easy3, easy9 and easy12 show the same crescent cut into 9-25
     * "colonies", easy4 and easy1 a fainter one into 6, multi1 the rim's streaks into 6; their
     * pieces measure 0.14-0.4 of the typical peak, the colonies of those dishes 0.7 and more). Set
     * on the development photos' objects after the halos (posthoc): 0.4, 3 diameters and 4
     * pieces took the phone median error 3.77 -> 3.57 %, mean 12.6 -> 8.7 %, easy3 +36 -> +3 %; 3
     * pieces also took pairs of faint colonies (easy7 +16 -> 0 % but more losses elsewhere), a
     * peak of 0.3 left most crescents (mean 10.0 %), 0.5 took faint colonies (4.05 %).
     */
    static final double STREAK_PEAK = 0.4, STREAK_LINK = 3;
    static final int STREAK_PIECES = 4;

    /** The colonies without the faint streaks' pieces (moved to rejected as STREAK). */
    private static List<Colony> withoutStreaks(List<Colony> cs, List<Rejected> rejected) {
        if (cs.size() < MIN_ROUND) return cs;
        double[] peaks = cs.stream().mapToDouble(Colony::peak).sorted().toArray();
        double[] areas = cs.stream().mapToDouble(Colony::area).sorted().toArray();
        double faint = STREAK_PEAK * peaks[peaks.length / 2];
        double link = STREAK_LINK * 2 * Math.sqrt(areas[areas.length / 2] / Math.PI);
        List<Colony> weak = cs.stream().filter(k -> k.peak() < faint).toList();
        if (weak.size() < STREAK_PIECES) return cs;
        // single-linkage groups of the faint objects
        int m = weak.size();
        int[] group = new int[m];
        for (int i = 0; i < m; i++) group[i] = i;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
                if (Math.hypot(weak.get(i).x() - weak.get(j).x(), weak.get(i).y() - weak.get(j).y()) < link) DisjointSets.union(group, j, i);
        int[] size = new int[m];
        for (int i = 0; i < m; i++) size[DisjointSets.find(group, i)]++;
        Set<Colony> streak = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < m; i++) if (size[DisjointSets.find(group, i)] >= STREAK_PIECES) streak.add(weak.get(i));
        if (streak.isEmpty()) return cs;
        List<Colony> out = new ArrayList<>();
        for (Colony k : cs) {
            if (streak.contains(k)) rejected.add(new Rejected(k.x(), k.y(), k.area(), Reject.STREAK));
            else out.add(k);
        }
        return out;
    }

    /** A colony at least HALO_BRIGHT x the typical peak lies within HALO_REACH x the summed radii of k's centre. */
    private static boolean nextToBright(Colony k, List<Colony> all, double peak) {
        double rk = Math.sqrt(k.area() / Math.PI);
        for (Colony o : all) {
            if (o == k || !(o.peak() >= HALO_BRIGHT * peak)) continue;
            double reach = HALO_REACH * (rk + Math.sqrt(o.area() / Math.PI));
            if (Math.hypot(o.x() - k.x(), o.y() - k.y()) < reach) return true;
        }
        return false;
    }

    /** Object i has enough neighbours on a thin arc at its own distance from the centre (see ARC_FROM). */
    private static boolean onArc(int i, double[] rho, double[] theta) {
        int thin = 0, thick = 0;
        for (int j = 0; j < rho.length; j++) {
            if (j == i) continue;
            double dt = Math.abs(Math.IEEEremainder(theta[j] - theta[i], 2 * Math.PI));
            if (dt * rho[i] > ARC_SPAN) continue;
            double dr = Math.abs(rho[j] - rho[i]);
            if (dr < ARC_THIN) thin++;
            if (dr < ARC_THICK) thick++;
        }
        return thin >= ARC_NEIGHBOURS && thin >= ARC_SHARE * thick;
    }

    /** Some pixel of the part lies in the outer tenth of the radius. */
    private static boolean touchesRim(int[] part, int w, int x0, int y0, Circle c) {
        for (int p : part) if (nearWall(x0 + p % w + 0.5, y0 + p / w + 0.5, c)) return true;
        return false;
    }

    /**
     * The measure with the colonies smaller than {@code minArea} moved to the rejected objects as
     * specks (the plate's typical colony decides where a well's own cannot: an empty well).
     */
    static Measure withoutSpecks(Measure m, double minArea, Circle c) {
        List<Colony> kept = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>(m.rejected());
        int inner = m.inner();
        for (Colony k : m.colonies()) {
            if (k.area() >= minArea) {
                kept.add(k);
                continue;
            }
            rejected.add(new Rejected(k.x(), k.y(), k.area(), Reject.SPECK));
            if (!nearWall(k.x(), k.y(), c)) inner++;
        }
        if (kept.size() == m.colonies().size()) return m;
        rejected.sort(Spot.READING_ORDER);
        return m.withObjects(kept, rejected, inner, m.partly());
    }

    /** In the outer tenth of the radius, where the wall's arcs and reflections mimic colonies. */
    private static boolean nearWall(double x, double y, Circle c) {
        double rx = x - c.x(), ry = y - c.y();
        return rx * rx + ry * ry > RIM_ZONE * RIM_ZONE * c.r() * c.r();
    }

    /**
     * {background level, noise SD, 99.5th and 99.9th percentiles, 1 when crowded (else 0)} of the values inside the circle, by iterative
     * 3-sigma clipping of the stained tail (a prefix of the sorted values): the median of the well is
     * stain when half of it is stained.
     */
    static double[] baseNoise(float[] v, boolean[] inside, int n) {
        // the statistics read a few ranks and the mode's region of the sorted values: only those are sorted
        PartlySorted sv = new PartlySorted(v, inside, n);
        int len = n;
        double base = 0, noise = 0;
        for (int it = 0; it < 10; it++) {
            base = sv.get(len / 2);
            noise = (base - sv.get(len / 4)) / 0.6745; // median - p25 of a normal = 0.6745 sigma
            double cut = base + 3 * noise;
            // the prefix without its values above the cut, at least 16 of them
            int next = len > 16 ? Math.max(16, Math.min(len, sv.notAbove(cut))) : len;
            if (next == len) break;
            len = next;
        }
        // more than half of a crowded well (or of its smoothed copy) is stain: then the median is
        // stain, far above the background (a plain well's median lies within a few SDs of it: 3-9 on
        // the OpenCFU photos, 56 on a synthetic 12-well with 46% stained). The background is still the densest level (the mode, the
        // narrowest window holding a twentieth of the values), and its lower side gives the noise
        // (the 15.9th percentile of a normal background lies one SD below its median = mode).
        int k = Math.max(1, n / 20), at = sv.narrowest(k);
        int modeRank = Math.min(n - 1, at + k / 2);
        double mode = sv.get(modeRank), modeNoise = mode - sv.get((int) (0.3174 * modeRank));
        boolean crowded = base - mode > CROWDED * modeNoise;
        if (crowded) {
            base = mode;
            noise = modeNoise;
        }
        noise = Math.max(noise, 1e-6 + 0.002 * Math.max(1, sv.get(n - 1)));
        return new double[] {base, noise, sv.get((int) (0.995 * (n - 1))), sv.get((int) (0.999 * (n - 1))), crowded ? 1 : 0};
    }

    /**
     * 4-connected particles of at least minArea pixels, each split where the smoothed signal has
     * more than one peak: touching colonies the distance-map watershed leaves whole (they overlap
     * too much for a neck) still show one stain maximum each. A peak counts when it rises above the
     * saddle to a higher one by {@code prominence} plus a small fraction of its own height above the
     * background and the part above the saddle is colony-sized (texture inside one colony is not).
     */
    private static List<int[]> label(byte[] m, float[] g, double base, double prominence, int w, int h, double minArea) {
        int[] comp = Scratch.forImage(w * h).comp;
        Arrays.fill(comp, 0, w * h, -1);
        List<int[]> out = new ArrayList<>();
        for (int[] pix : components(m, w, h)) {
            int size = pix.length;
            if (size < minArea) continue;
            // a pixel's component is named by its rank k in the flood order (comp[p] = k), so the union-find arrays are
            // as long as the particle, not the crop (the same forest, named otherwise: the same particles)
            Scratch sc = Scratch.forParticle(size);
            int[] parent = sc.parent, count = sc.count;
            float[] peak = sc.peak;
            // flood from the top: pixels join the component of their higher neighbours; where two
            // meet, the lower one is absorbed unless its peak is prominent enough
            long[] order = new long[size];
            for (int k = 0; k < size; k++) {
                int bits = Float.floatToIntBits(g[pix[k]]);
                bits ^= (bits >> 31) & 0x7fffffff; // order-preserving for negative values
                order[k] = ((long) bits << 32) | pix[k];
            }
            FloatSort.sort(order);
            int[] roots = new int[4];
            for (int k = size - 1; k >= 0; k--) {
                int p = (int) order[k];
                int x = p % w, y = p / w, nr = 0;
                for (int d = 0; d < 4; d++) { // left, right, up, down
                    int q = switch (d) {
                        case 0 -> x > 0 ? p - 1 : -1;
                        case 1 -> x < w - 1 ? p + 1 : -1;
                        case 2 -> y > 0 ? p - w : -1;
                        default -> y < h - 1 ? p + w : -1;
                    };
                    if (q < 0 || comp[q] < 0) continue;
                    int r = DisjointSets.find(parent, comp[q]);
                    boolean dup = false;
                    for (int j = 0; j < nr; j++) dup |= roots[j] == r;
                    if (!dup) roots[nr++] = r;
                }
                if (nr == 0) {
                    comp[p] = k;
                    parent[k] = k;
                    peak[k] = g[p];
                    count[k] = 1;
                    continue;
                }
                int top = roots[0];
                for (int j = 1; j < nr; j++) if (peak[roots[j]] > peak[top]) top = roots[j];
                for (int j = 0; j < nr; j++) {
                    int r = roots[j];
                    if (r != top && (count[r] < minArea || peak[r] - g[p] < prominence + SPLIT_FRACTION * (peak[r] - base))) {
                        parent[r] = top;
                        count[top] += count[r];
                    }
                }
                comp[p] = top;
                count[top]++;
            }
            // one particle per surviving component
            // (numbered in order of first appearance; slot[root] holds the number while in use)
            int[] slot = sc.slot, which = new int[size];
            for (int k = 0; k < size; k++) slot[DisjointSets.find(parent, comp[pix[k]])] = -1;
            int groupsFound = 0;
            for (int k = 0; k < size; k++) {
                int r = DisjointSets.find(parent, comp[pix[k]]);
                if (slot[r] < 0) slot[r] = groupsFound++;
                which[k] = slot[r];
            }
            int[] counts = new int[groupsFound];
            for (int k = 0; k < size; k++) counts[which[k]]++;
            int[][] groups = new int[counts.length][];
            for (int j = 0; j < counts.length; j++) groups[j] = new int[counts[j]];
            int[] filled = new int[counts.length];
            for (int k = 0; k < size; k++) groups[which[k]][filled[which[k]]++] = pix[k];
            out.addAll(Arrays.asList(groups));
            for (int k = 0; k < size; k++) comp[pix[k]] = -1;
        }
        return out;
    }

    /** 4-connected components of the non-zero pixels of m (crop pixel indices). */
    private static List<int[]> components(byte[] m, int w, int h) {
        int fg = 0;
        for (byte b : m) if (b != 0) fg++;
        Scratch sc = Scratch.forComponents(m.length, fg);
        int[] stack = sc.stack;
        boolean[] seen = sc.seen;
        Arrays.fill(seen, 0, m.length, false);
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < m.length; start++) {
            if (m[start] == 0 || seen[start]) continue;
            int sp = 0, size = 0;
            stack[sp++] = start;
            seen[start] = true;
            int[] pix = sc.list;
            while (sp > 0) {
                int p = stack[--sp];
                pix[size++] = p;
                int x = p % w, y = p / w;
                if (x > 0 && m[p - 1] != 0 && !seen[p - 1]) { seen[p - 1] = true; stack[sp++] = p - 1; }
                if (x < w - 1 && m[p + 1] != 0 && !seen[p + 1]) { seen[p + 1] = true; stack[sp++] = p + 1; }
                if (y > 0 && m[p - w] != 0 && !seen[p - w]) { seen[p - w] = true; stack[sp++] = p - w; }
                if (y < h - 1 && m[p + w] != 0 && !seen[p + w]) { seen[p + w] = true; stack[sp++] = p + w; }
            }
            out.add(Arrays.copyOf(pix, size));
        }
        return out;
    }

    /**
     * Labelling arrays, one set per thread, reused across wells and passes: fresh ones were a quarter of all the
     * wells command allocated (page faults and GC, not arithmetic). Only {@code seen}, {@code comp} and {@code streak}
     * (a colony pass's streak labels) are as long as the crop; the flood's stack and list are as long as the mask's
     * foreground (a flood holds no more), the union-find's arrays as long as one particle ({@link #label} names a component by its rank in the particle).
     * Arrays above MAX_KEPT elements (a dish photo: 6 M pixels) are kept only while one well is measured
     * ({@link #trim} after it), so a thread keeps at most ~20 MB between wells.
     */
    private static final class Scratch {
        private static final int MAX_KEPT = 1 << 21;
        private static final ThreadLocal<Scratch> KEPT = ThreadLocal.withInitial(Scratch::new);
        int[] stack = new int[0], list = new int[0], comp = new int[0], parent = new int[0], count = new int[0], slot = new int[0], streak = new int[0];
        float[] peak = new float[0];
        boolean[] seen = new boolean[0];

        /** seen of at least n elements, stack and list of at least fg; their contents are left over from earlier use. */
        static Scratch forComponents(int n, int fg) {
            Scratch s = KEPT.get();
            if (s.seen.length < n) s.seen = new boolean[n];
            if (s.stack.length < fg) {
                s.stack = new int[fg];
                s.list = new int[fg];
            }
            return s;
        }

        /** streak of at least n elements, its first n zero. */
        static int[] forStreaks(int n) {
            Scratch s = KEPT.get();
            if (s.streak.length < n) s.streak = new int[n];
            else Arrays.fill(s.streak, 0, n, 0);
            return s.streak;
        }

        /** comp of at least n elements; its contents are left over from earlier use. */
        static Scratch forImage(int n) {
            Scratch s = KEPT.get();
            if (s.comp.length < n) s.comp = new int[n];
            return s;
        }

        /** parent, count, slot and peak of at least n elements; their contents are left over from earlier use. */
        static Scratch forParticle(int n) {
            Scratch s = KEPT.get();
            if (s.parent.length < n) {
                s.parent = new int[n];
                s.count = new int[n];
                s.slot = new int[n];
                s.peak = new float[n];
            }
            return s;
        }

        /** Lets go of this thread's arrays when they exceed MAX_KEPT elements. */
        static void trim() {
            Scratch s = KEPT.get();
            if (s.seen.length > MAX_KEPT || s.comp.length > MAX_KEPT || s.streak.length > MAX_KEPT || s.stack.length > MAX_KEPT || s.parent.length > MAX_KEPT) KEPT.remove();
        }
    }

    /** Centre, area and second-moment shape of a set of crop pixels. */
    record Shape(double mx, double my, int area, double elongation, double fill, double ux, double uy) {
        static Shape of(int[] pix, int w) {
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int p : pix) {
                double x = p % w, y = p / w;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }
            int n = pix.length;
            double mx = sx / n, my = sy / n;
            double cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
            double tr = cxx + cyy, det = cxx * cyy - cxy * cxy, disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
            double l1 = tr / 2 + disc, l2 = Math.max(1e-9, tr / 2 - disc);
            // major axis: eigenvector of the larger eigenvalue
            double ux = cxy, uy = l1 - cxx;
            if (Math.abs(ux) + Math.abs(uy) < 1e-12) { ux = cxx >= cyy ? 1 : 0; uy = cxx >= cyy ? 0 : 1; }
            double len = Math.hypot(ux, uy);
            // the area over that of the ellipse with the same second moments: 1 for a disc, 0.89 for two
            // touching discs, about W / R for a curved band of width W and radius R (a wall shadow's arc)
            double fill = n / (4 * Math.PI * Math.sqrt(Math.max(1.0 / 12, l1) * Math.max(1.0 / 12, l2)));
            return new Shape(mx, my, n, Math.sqrt(l1 / l2), fill, ux / len, uy / len);
        }

        /** Null when round and full enough for a colony (rounder next to the wall, where rim arcs and reflections lie), else why not. */
        Reject rejection(boolean rim) {
            if (fill < MIN_FILL) return Reject.NOT_FILLED;
            if (elongation > MAX_ELONGATION) return Reject.ELONGATED;
            return rim && elongation > RIM_ELONGATION ? Reject.RIM : null;
        }

        Colony colony(int x0, int y0) {
            return new Colony(x0 + mx + 0.5, y0 + my + 0.5, area);
        }
    }

    /**
     * Colonies of the labelled particles. A particle that is both elongated and larger than a
     * typical colony (median area of the round ones) is two overlapping colonies that left neither
     * a neck for the watershed nor a stain saddle (same-coloured, evenly stained webcam colonies):
     * it is cut in two by 2-means on its pixel positions. Next to the wall a long particle is more
     * often a colony fused to a rim arc: not cut there.
     */
    private static List<Colony> colonies(List<int[]> particles, Smoothed sm, Look look, int w, int x0, int y0, double minArea, Circle c,
                                         List<Rejected> rejected) {
        float[] g = sm.g();
        double[] gn = sm.noise();
        List<int[]> kept = particles.stream().filter(p -> p.length >= minArea).toList();
        List<Shape> shapes = kept.stream().map(p -> Shape.of(p, w)).toList();
        boolean[] fine = new boolean[kept.size()];
        List<int[]> blunt = new ArrayList<>();
        for (int i = 0; i < fine.length; i++) {
            Shape sh = shapes.get(i);
            fine[i] = sharp(kept.get(i), sm);
            if (!fine[i] && sh.rejection(nearWall(x0 + sh.mx() + 0.5, y0 + sh.my() + 0.5, c)) == null) blunt.add(kept.get(i));
        }
        // a pixel-scale speck is dust in a well without colonies of its own (an empty well: the wall's arcs are no colonies) or, on
        // a plate, when its colour is not theirs
        boolean own = blunt.size() >= MIN_ROUND, anyFine = false;
        for (boolean f : fine) anyFine |= f;
        // the colonies' colour is read only when there is a speck to compare with it (most wells have none)
        double[] typicalHue = own && anyFine ? look.typical(blunt, sm.raw()) : null;
        boolean[] dust = new boolean[fine.length];
        for (int i = 0; i < fine.length; i++) {
            double[] hue = fine[i] && typicalHue != null ? look.colour(kept.get(i), sm.raw()) : null;
            dust[i] = fine[i] && !(own && (hue == null || angle(hue, typicalHue) <= HUE_ANGLE));
        }
        double[] round = IntStream.range(0, fine.length).filter(i -> !dust[i] && shapes.get(i).elongation() < ROUND)
                .mapToDouble(i -> shapes.get(i).area()).sorted().toArray();
        double single = round.length >= MIN_ROUND ? round[round.length / 2] : Double.POSITIVE_INFINITY;

        List<Colony> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            int[] p = kept.get(i);
            Shape sh = shapes.get(i);
            Colony k = sh.colony(x0, y0);
            if (dust[i] || Double.isFinite(single) && sh.area() < SPECK * single) {
                rejected.add(new Rejected(k.x(), k.y(), k.area(), Reject.SPECK));
                continue;
            }
            boolean rim = nearWall(k.x(), k.y(), c);
            Reject why = sh.rejection(rim);
            if (why != null) {
                rejected.add(new Rejected(k.x(), k.y(), k.area(), why));
                continue;
            }
            if (!rim && sh.elongation() >= PAIR_ELONGATION && sh.area() >= PAIR_AREA * single) {
                // once only: a half of a disc is itself elongated (1.9), so halves are not cut again
                int[][] halves = halves(p, sh, w);
                if (halves[0].length >= minArea && halves[1].length >= minArea) {
                    out.add(peaked(Shape.of(halves[0], w).colony(x0, y0), halves[0], g, gn[0]));
                    out.add(peaked(Shape.of(halves[1], w).colony(x0, y0), halves[1], g, gn[0]));
                    continue;
                }
            }
            out.add(peaked(k, p, g, gn[0]));
        }
        return out;
    }

    /**
     * Degrees between a sharp speck's colour direction and the colonies' beyond which it is dust
     * (plates photographed in colour). Grey dust on crystal violet lies about 24 degrees away; on a
     * synthetic 6-well plate with 300 grey specks 20 gave 40-42 for 40 (15: 37-42, 25: 41-47, with a
     * haze). On the webcam dishes (not applied to dishes, see docs/history/wells.md) tiny real colonies lay
     * at 13-18 degrees, grains and line pieces at 29-34.
     */
    static final double HUE_ANGLE = 20;

    private static double angle(double[] a, double[] b) {
        double dot = 0;
        for (int k = 0; k < a.length; k++) dot += a[k] * b[k];
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
    }

    /**
     * The image behind a crop, for an object's colour: the direction (unit vector) of its contrast
     * against the ring around it per channel, ln(background / value) for dark stain, ln(value /
     * background) for light colonies, at its highest unsmoothed pixel.
     */
    private record Look(PlateImage img, boolean dark, boolean byColour, int x0, int y0, int w) {
        double[] colour(int[] part, float[] raw) {
            int top = highest(part, raw);
            int x = x0 + top % w, y = y0 + top / w, ring = (int) Math.ceil(Math.sqrt(part.length / Math.PI)) + 2;
            double[] d = new double[3];
            double norm = 0;
            for (int ch = 0; ch < 3; ch++) {
                float[] around = new float[8 * ring];
                int n = 0;
                for (int k = -ring; k < ring; k++) {
                    n = add(around, n, ch, x + k, y - ring);
                    n = add(around, n, ch, x + ring, y + k);
                    n = add(around, n, ch, x - k, y + ring);
                    n = add(around, n, ch, x - ring, y - k);
                }
                if (n == 0) return null;
                double bg = Medians.upper(Arrays.copyOf(around, n)), v = img.get(ch, y * img.width + x);
                d[ch] = (dark ? 1 : -1) * Math.log((bg + 1) / (v + 1));
                norm += d[ch] * d[ch];
            }
            norm = Math.sqrt(norm);
            if (!(norm > 1e-6)) return null;
            for (int ch = 0; ch < 3; ch++) d[ch] /= norm;
            return d;
        }

        private int add(float[] to, int n, int ch, int x, int y) {
            if (x < 0 || y < 0 || x >= img.width || y >= img.height) return n;
            to[n] = img.get(ch, y * img.width + x);
            return n + 1;
        }

        /** The component-wise median of the parts' colours, made a unit vector (null: colours not compared). */
        double[] typical(List<int[]> parts, float[] raw) {
            if (!byColour) return null;
            List<double[]> all = new ArrayList<>();
            for (int[] p : parts) {
                double[] d = colour(p, raw);
                if (d != null) all.add(d);
            }
            if (all.isEmpty()) return null;
            double[] med = new double[3];
            double norm = 0;
            for (int ch = 0; ch < 3; ch++) {
                int k = ch;
                double[] v = all.stream().mapToDouble(d -> d[k]).sorted().toArray();
                med[ch] = v[v.length / 2];
                norm += med[ch] * med[ch];
            }
            norm = Math.sqrt(norm);
            for (int ch = 0; ch < 3; ch++) med[ch] /= norm;
            return med;
        }
    }

    /**
     * A speck at the pixel scale: its unsmoothed peak at least SHARP times its smoothed peak (a
     * sharp-edged disc of radius r keeps 1 - exp(-r^2/2) of it: 1.4 is r = 1.6 px, a colony of
     * radius 2 px keeps 0.86) and SHARP_SIGMA high-pass noise SDs above the smoothed signal there.
     * Synthetic dust of radius 0.5-1.5 px measured 1.4-4.1, the colonies 1.0-1.3; 1.3 lost a few
     * colonies under a haze (37 for 40), 1.6 left empty wells at 2-17; SHARP_SIGMA 3 and 10 gave
     * the same counts.
     */
    static final double SHARP = 1.4, SHARP_SIGMA = 5;

    /** The part is a speck at the pixel scale (see SHARP). */
    private static boolean sharp(int[] part, Smoothed sm) {
        float[] s = sm.raw(), g = sm.g();
        int top = highest(part, s);
        float gTop = g[highest(part, g)];
        double base = sm.noise()[0], ratio = (s[top] - base) / Math.max(1e-9, gTop - base), excess = (s[top] - g[top]) / Math.max(1e-9, sm.highPass());
        return ratio >= SHARP && excess >= SHARP_SIGMA;
    }

    /** The part's pixel of the highest value of a. */
    private static int highest(int[] part, float[] a) {
        int top = part[0];
        for (int p : part) if (a[p] > a[top]) top = p;
        return top;
    }

    /** The colony with its peak: the highest smoothed signal of its pixels above the background. */
    private static Colony peaked(Colony k, int[] pix, float[] g, double base) {
        float top = Float.NEGATIVE_INFINITY;
        for (int p : pix) top = Math.max(top, g[p]);
        return new Colony(k.x(), k.y(), k.area(), top - base);
    }

    /** Two-means of the pixel positions, started at the centre +- one SD along the major axis. */
    private static int[][] halves(int[] pix, Shape sh, int w) {
        double sd = 0;
        for (int p : pix) {
            double t = (p % w - sh.mx()) * sh.ux() + (p / w - sh.my()) * sh.uy();
            sd += t * t;
        }
        sd = Math.sqrt(sd / pix.length);
        double ax = sh.mx() + sd * sh.ux(), ay = sh.my() + sd * sh.uy(), bx = sh.mx() - sd * sh.ux(), by = sh.my() - sd * sh.uy();
        boolean[] inA = new boolean[pix.length];
        for (int it = 0; it < 10; it++) {
            double sax = 0, say = 0, sbx = 0, sby = 0;
            int na = 0;
            boolean changed = false;
            for (int i = 0; i < pix.length; i++) {
                double x = pix[i] % w, y = pix[i] / w;
                boolean a = (x - ax) * (x - ax) + (y - ay) * (y - ay) <= (x - bx) * (x - bx) + (y - by) * (y - by);
                changed |= a != inA[i];
                inA[i] = a;
                if (a) { sax += x; say += y; na++; } else { sbx += x; sby += y; }
            }
            int nb = pix.length - na;
            if (na == 0 || nb == 0) break;
            ax = sax / na; ay = say / na; bx = sbx / nb; by = sby / nb;
            if (!changed && it > 0) break;
        }
        int na = 0;
        for (boolean a : inA) if (a) na++;
        int[] a = new int[na], b = new int[pix.length - na];
        for (int i = 0, ia = 0, ib = 0; i < pix.length; i++) if (inA[i]) a[ia++] = pix[i]; else b[ib++] = pix[i];
        return new int[][] {a, b};
    }
}
