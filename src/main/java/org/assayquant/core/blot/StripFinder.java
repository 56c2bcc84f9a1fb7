package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;

/**
 * Membrane strips (or gels, or tiers of one gel) stacked one above the other in one image. Labs
 * often cut a membrane and image the strips together (a target strip above a loading-control
 * strip), each offset sideways and slightly tilted; every strip needs its own lanes.
 *
 * <p>The rows holding bands come in runs (one run per band row, or several band rows merged). The
 * lanes of each run are found on its own; consecutive runs whose lane centres line up (within a
 * quarter of the lane pitch) belong to one strip, a run whose lanes are shifted or spaced
 * differently starts a new strip. Strips are divided half-way across the empty rows between them.
 * One strip (the common case, and every single blot) is the whole image, unchanged.
 */
final class StripFinder {
    /** Lanes of two runs are the same lanes when their centres differ by less than this fraction of the pitch. */
    static final double ALIGN_FRACTION = 0.25;
    /** Runs of band rows shorter than this are too thin to give lanes of their own (noise, a hair). */
    static final int MIN_RUN = 3;
    /**
     * A run of band rows this tall at least can start a strip. The false strips of gel-lanes-fit
     * HM_1_3 (rows 0-88: the upper tier's well edge, rows 15-17, gave 12 lanes misaligned with the
     * bands') and Long_DSC00427_Crop (its wells row 17-20 became the reference for the rows below,
     * cut at row 472) came from runs of 3-4 rows; a band row is taller (strips of blotquant-dev,
     * the sample blots and athenaz2 development unchanged, docs/history/blots.md).
     */
    static final int MIN_STRIP_RUN = 5;
    /**
     * Ends of two rows of touching bands this fraction of a pitch off a whole number of pitches
     * (both the same way) are two membranes' (see {@link #shifted}). Measured (ends of the runs' band
     * regions in the pitch of their lanes, athenaz2 B2AR, two membranes each): April22 GAPDH 0.66 /
     * 0.62, Oct10 0.11 / 0.23, July24 1.26 / 1.35 (every one split: 158 -> 167 of 198 lab boxes; July4
     * GAPDH's shift grows along the row, 0.58 / 1.01, and is not); the ends of a band's quarter-height
     * extent move by about a tenth of a pitch with its strength.
     */
    static final double END_SHIFT = 0.1;
    /** Rows of touching bands whose ends lie this many pitches apart or more are not two membranes' (see {@link #shifted}). */
    static final double MAX_SHIFT = 2;
    /**
     * A row of touching bands whose dips are lost gets lanes this many of its bands wide at most, at any pitch up to
     * it (see {@link #shifted}): athenaz2 April22 B2AR GAPDH's upper row 1.96 pitches of its lower row, turned by
     * +-1 degree 2.37 and 2.43 (lanes over two or three bands each). gel-lanes-fit Long_5s's row of noise lanes at the
     * gel's top lies 12.8 under its lanes.
     */
    static final double MAX_BANDS_PER_LANE = 3;
    /** Strips of one experiment share the comb's lane pitch within this fraction. */
    static final double PITCH_TOLERANCE = 0.25;

    private StripFinder() {}

    /** A horizontal strip of the image: rows [top, bottom). */
    record Strip(int top, int bottom) {
        int height() { return bottom - top; }
    }

    static List<Strip> find(Raster s) {
        // a line of a few bright rows (a gel's well edge) holds no bands in lanes: it starts no strip
        List<int[]> runs = runs(s).stream().filter(r -> r[1] - r[0] >= MIN_STRIP_RUN).toList();
        if (runs.size() < 2) return List.of(new Strip(0, s.height));
        List<LaneFinder.Found> found = runs.stream().map(r -> lanesAround(s, r)).toList();
        List<double[]> centres = found.stream().map(LaneFinder.Found::centres).toList();
        List<Strip> out = new ArrayList<>();
        int top = 0;
        int refRun = 0;
        for (int i = 1; i < runs.size(); i++) {
            if (aligned(centres.get(refRun), centres.get(i)) && !shifted(found.get(refRun), found.get(i))) {
                if (centres.get(i).length > centres.get(refRun).length) refRun = i;
                continue;
            }
            int cut = (runs.get(i - 1)[1] + runs.get(i)[0]) / 2;
            out.add(new Strip(top, cut));
            top = cut;
            refRun = i;
        }
        out.add(new Strip(top, s.height));
        return out;
    }

    /** Runs [first, last+1) of rows that hold bands, at least MIN_RUN rows each. */
    static List<int[]> runs(Raster s) {
        boolean[] use = LaneFinder.capped(s).rows();
        List<int[]> out = new ArrayList<>();
        int n = 0;
        for (boolean u : use) if (u) n++;
        if (n == s.height) return out; // no band rows stand out: one region
        for (int y = 0; y < s.height; ) {
            if (!use[y]) { y++; continue; }
            int a = y;
            while (y < s.height && use[y]) y++;
            if (y - a < MIN_RUN) continue;
            // a row of band groups at staggered heights (a film's replicates, each a little higher: the
            // GAPDH film's groups at rows 427-443, 438-460 and 450-463) leaves a gap of a few rows in
            // the row profile; runs closer than the thinner one's height are one band row
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && a - last[1] < Math.min(last[1] - last[0], y - a)) last[1] = y;
            else out.add(new int[] {a, y});
        }
        return out;
    }

    /** The lanes of one run of band rows (image x), from the run with a run's height of context around it. */
    static LaneFinder.Found lanesAround(Raster s, int[] run) {
        int m = run[1] - run[0];
        int a = Math.max(0, run[0] - m), b = Math.min(s.height, run[1] + m);
        return LaneFinder.lanes(rows(s, a, b));
    }

    /**
     * Two rows of touching bands (both band regions plateaus) are two strips when both ends of one
     * row lie beyond the other's on the same side by a fraction of a pitch (at least
     * {@link #END_SHIFT}, off a whole number of pitches): two membranes imaged side by side, whose
     * lanes line up within a quarter pitch only one lane apart. The same lanes with a protein absent
     * at an end move that end by whole pitches, and bands of another width move the ends apart or
     * together, never both one way.
     */
    static boolean shifted(LaneFinder.Found a, LaneFinder.Found b) {
        if (!a.plateau() || !b.plateau() || a.spans().size() < 2 || b.spans().size() < 2) return false;
        double pa = pitch(a.centres()), pb = pitch(b.centres()), p = Math.min(pa, pb);
        // the rows share the comb: the same pitch, or twice it where one row's touching bands gave lanes at twice the
        // pitch (April22 B2AR GAPDH's upper row: 131 against 66.4), or, where the finer row is an even row (a comb
        // measured on 6 lanes or more), up to MAX_BANDS_PER_LANE times it: lanes over two or three bands lie at no
        // whole multiple (April22 turned by +-1 degree: 2.37, 2.43, one strip of 4 lanes for 2 x 9). A run of noise
        // "lanes" at the gel's top (gel-lanes-fit Long_5s: 90 lanes 13 px apart over lanes 166 apart, ends 4 and 2 px
        // off) made a false strip; without the even row so did a phone gel photo's 3-lane run over a 2-lane one
        // (gel-lanes-fit HM_IMG_20171122_101520, 1.78)
        double ratio = Math.max(pa, pb) / p;
        boolean sameComb = ratio <= 1 + PITCH_TOLERANCE || Math.abs(ratio / 2 - 1) < LaneFinder.HARMONIC_TOLERANCE;
        if (!sameComb && !(ratio <= MAX_BANDS_PER_LANE && LaneFinder.evenRow((pa <= pb ? a : b).spans()))) return false;
        int[] ra = a.region(), rb = b.region();
        double left = (rb[0] - ra[0]) / p, right = (rb[1] - ra[1]) / p;
        // membranes of one gel's lanes lie less than 2 lanes apart (athenaz2 B2AR: at most 1.35); rows whose
        // ends lie further apart hold other lanes: a gel's top over the tray (gel-lanes-fit LM_1_wo_tray: 5.15 /
        // 3.82, a false strip of 29 lanes), one tilted row broken into runs that each hold part of its lanes
        // (athenaz2 Oct8 B1AR: -5.17 / -6.31, 3 strips)
        if (Math.abs(left) >= MAX_SHIFT || Math.abs(right) >= MAX_SHIFT || left * right <= 0) return false;
        if (offWhole(left) && offWhole(right)) return true;
        // the ends' mean is the lanes' shift (a difference in the bands' widths moves the ends apart, not both one
        // way); more than half a pitch off a whole number of lanes, the rows' lanes line up one lane apart even where
        // one end alone lands near a whole pitch (athenaz2 July4 B2AR GAPDH: the lower membrane's pitch 2.7 % longer,
        // its shift growing along the row, ends 0.58 / 1.01, mean 0.79; rows of one membrane's lanes in one strip,
        // athenaz2 development: mean shift at most 0.33)
        double mean = (left + right) / 2;
        return Math.abs(mean) >= 0.5 && offWhole(mean);
    }

    /** x lies at least {@link #END_SHIFT} off a whole number. */
    private static boolean offWhole(double x) {
        return Math.abs(x - Math.round(x)) >= END_SHIFT;
    }

    /**
     * Two runs show the same lanes when, for the run with fewer lanes (a protein can be absent from
     * some lanes), most of its centres sit within a quarter pitch of a centre of the other.
     * Runs where fewer than two lanes were found, whose lanes are not evenly spaced, or whose lane pitches differ by more than
     * {@link #PITCH_TOLERANCE}, cannot contradict anything: strips cut from one membrane share the
     * gel's comb, so such a difference means the lanes of one run were not found well.
     */
    static boolean aligned(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2 || !regular(a) || !regular(b)) return true;
        double[] few = a.length <= b.length ? a : b, many = a.length <= b.length ? b : a;
        double pa = pitch(a), pb = pitch(b);
        if (Math.abs(pa - pb) > PITCH_TOLERANCE * Math.max(pa, pb)) return true;
        double pitch = Math.min(pa, pb);
        // only the columns both runs hold can disagree: a tilted row of bands breaks into runs that
        // each hold part of its lanes (athenaz2 Oct8 B1AR: its row falls 28 px over 800 px, the
        // right half's 5 lanes and the left half's lanes share no column and split the strip mid-band)
        double lo = Math.max(a[0], b[0]) - pitch / 2, hi = Math.min(a[a.length - 1], b[b.length - 1]) + pitch / 2;
        few = Arrays.stream(few).filter(c -> c >= lo && c <= hi).toArray();
        if (few.length < 2) return true;
        int near = 0;
        for (double c : few) {
            double d = Double.POSITIVE_INFINITY;
            for (double o : many) d = Math.min(d, Math.abs(o - c));
            if (d < ALIGN_FRACTION * pitch) near++;
        }
        return near * 3 >= few.length * 2;
    }

    /**
     * Lanes found in a run are a comb when at least two thirds of their gaps are within
     * {@link #PITCH_TOLERANCE} of the median gap. A run of a gel's wells row and the tray's edge
     * (gel-lanes-fit LM_1_top, rows 331-385) gives gaps of 46-133 px for lanes 84 apart (half of
     * them within 25%) and split the gel across its lanes; the lanes of a membrane strip's band
     * row are evenly spaced (StripsTest's strips: every gap).
     */
    static boolean regular(double[] c) {
        double p = pitch(c);
        int near = 0;
        for (int i = 1; i < c.length; i++) if (Math.abs(c[i] - c[i - 1] - p) <= PITCH_TOLERANCE * p) near++;
        return near * 3 >= (c.length - 1) * 2;
    }

    private static double pitch(double[] c) {
        double[] gaps = new double[c.length - 1];
        for (int i = 1; i < c.length; i++) gaps[i - 1] = c[i] - c[i - 1];
        return Profiles.median(gaps);
    }

    /**
     * Strips of one experiment share the comb's lane pitch (within {@link #PITCH_TOLERANCE}). A row of
     * touching bands whose dips are shallower than the bumps on their tops shows no comb of dips, and its
     * lanes come out at a coarser pitch (athenaz2 April22 B2AR GAPDH's upper row: 5 lanes 128-194 px wide
     * for 9 bands 62 apart, while its lower membrane's row has its 9 lanes, 63 apart). Such a strip (a
     * plateau whose lane pitch is more than the tolerance above the pitch of another strip's even row,
     * {@link LaneFinder#evenRow}) gets that pitch: its bands' own region (uncapped, as {@link LaneFinder#valleyLanes}
     * reads it: capped at the bands' level the region ran 48 px past April22's last band) divided into as many lanes
     * as it holds. subs: the strips' rasters; western: the strips that may give the comb, a western's rows (a
     * DNA gel's lanes hold their own rows: gel-lanes-fit LM_1_bottom's false strip on the gel's lower edge
     * took its gel's comb, 6 -> 14 lanes). Returns found itself where nothing changes.
     */
    static List<LaneFinder.Found> sharedComb(List<LaneFinder.Found> found, List<Raster> subs, boolean[] western) {
        LaneFinder.Found ref = IntStream.range(0, found.size()).filter(k -> western[k] && LaneFinder.evenRow(found.get(k).spans()))
                .mapToObj(found::get).max(Comparator.comparingInt(f -> f.spans().size())).orElse(null);
        if (ref == null) return found;
        // the comb's pitch over the whole row: the lanes of a row of touching bands are evenly spaced only roughly
        // before their bands refine them (April22's lower row: gaps 40-83 px, median 66.9, over the row 62.4)
        double[] c = ref.centres();
        double p = (c[c.length - 1] - c[0]) / (c.length - 1);
        List<LaneFinder.Found> out = new ArrayList<>(found);
        for (int k = 0; k < out.size(); k++) {
            LaneFinder.Found f = out.get(k);
            if (f == null || !f.plateau() || f.spans().size() < 2 || pitch(f.centres()) <= (1 + PITCH_TOLERANCE) * p) continue;
            Raster sub = subs.get(k);
            double[] u = Profiles.smooth(LaneFinder.columnProfile(sub, true, false), Math.max(1, sub.width / 300));
            int[] capped = f.region(), own = LaneFinder.bandRegion(u);
            int from = Math.max(own[0], capped[0]), to = Math.min(own[1], capped[1]) + 1;
            int n = (int) Math.round((to - from) / p);
            if (n > f.spans().size()) out.set(k, f.with(LaneFinder.onDips(u, from, to, n, sub.height)));
        }
        return out;
    }

    /** Rows [a, b) of a raster as a raster of their own (all columns). */
    static Raster rows(Raster s, int a, int b) {
        if (a == 0 && b == s.height) return s;
        return new Raster(s.width, b - a, Arrays.copyOfRange(s.px, a * s.width, b * s.width), s.maxValue);
    }
}
