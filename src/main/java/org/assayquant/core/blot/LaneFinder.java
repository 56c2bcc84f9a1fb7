package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;

/**
 * Finds lanes from the column profile of a light-on-dark signal: the lane pitch from the
 * profile's autocorrelation, then one lane per prominent peak (so uneven spacing is followed),
 * lane borders half-way between neighbouring lane centres.
 */
final class LaneFinder {
    /**
     * A gap of this many pitches between found lanes holds a lane: an empty well leaves 2 pitches;
     * the film crop wbmage_test4 (9 loaded lanes, its first band cut by the image edge, spacing
     * drifting) has a 1.85-pitch gap between two loaded lanes, which with 1.5 or 1.8 got a false
     * empty lane.
     */
    static final double GAP = 1.9;
    /**
     * A profile pitch within this fraction of an integer multiple of a finer pitch is that multiple
     * (gel-lanes-fit dev gels: 5.0, 5.0 and 5.7 times: spacing drifts across a gel; blotquant-dev: at most 1.2 times).
     */
    static final double HARMONIC_TOLERANCE = 0.1;

    /** The cap when the 95th percentile is the membrane's level (see {@link #capped}). */
    static final double CAP_PERCENTILE = 0.99;
    /** The cap when the bands are under 1% of the pixels (see {@link #SPARSE_ROWS}). */
    static final double SPARSE_PERCENTILE = 0.999;
    /**
     * Band rows at the 95th (or 99th) percentile this many times those at the 99.9th: the bands are
     * under 1% of the pixels (a film scan's 12 GAPDH bands on a whole sheet: 0.6%) and capped there
     * they were the film's grain, whose base varies by 15 levels across the sheet against bands
     * capped to 10-29 above it: GAPDH rep 1-3 after the film stage 262 rows against 33, the jpg film
     * crops 36-77 against 9-13 (4.0-7.0x). Every guard image 1.0-2.7x (blotquant-dev at most 1.8,
     * athenaz2 1.75, the gels' Long_5s 2.7; read with the profile rule re-done offline).
     */
    static final double SPARSE_ROWS = 4;
    /** Band rows at the 95th percentile this many times those at the 99th: the membranes are the rows (see {@link #capped}). */
    static final double MEMBRANE_ROWS = 1.75;
    /**
     * A dip between touching bands is at least this fraction of the deepest (see {@link #valleyLanes}):
     * bumps on the bands' tops reach 0.07 of it (May30 B1AR GAPDH: 20 of 305) and 0.16 (July24
     * GAPDH's tilted lower row: 36 of 227), the dips between its bands 0.27 and more.
     */
    static final double DIP = 0.2;

    private LaneFinder() {}

    /** A lane: centre and borders (inclusive left/top, exclusive right/bottom) in pixels. */
    record Span(double centre, int left, int right, int top, int bottom) {
        int width() { return right - left; }
    }

    /**
     * Mean of each column over the rows that hold bands (found from the row profile: bands of
     * all lanes line up there), so empty membrane and background specks do not dilute the
     * lanes. Pixels are capped at the 95th percentile so a bright scratch cannot outweigh them.
     */
    static double[] columnProfile(Raster s) {
        return columnProfile(s, true);
    }

    /** {@code bandRowsOnly} false: the mean over every row. */
    static double[] columnProfile(Raster s, boolean bandRowsOnly) {
        return columnProfile(s, bandRowsOnly, true);
    }

    /** {@code cap} false: pixels are not capped (the dips between touching bands, see {@link #valleyLanes}). */
    static double[] columnProfile(Raster s, boolean bandRowsOnly, boolean cap) {
        Capped c = capped(s);
        float top = cap ? c.cap() : Float.POSITIVE_INFINITY;
        boolean[] use = bandRowsOnly ? c.rows() : new boolean[s.height];
        if (!bandRowsOnly) Arrays.fill(use, true);
        double[] col = new double[s.width];
        int n = 0;
        for (int y = 0; y < s.height; y++) {
            if (!use[y]) continue;
            n++;
            int o = y * s.width;
            for (int x = 0; x < s.width; x++) col[x] += Math.min(top, s.px[o + x]);
        }
        for (int x = 0; x < s.width; x++) col[x] /= n;
        return col;
    }

    /**
     * The level pixels are capped at in the row and column profiles, so a bright scratch cannot
     * outweigh the bands: the 95th percentile, where the bands are the brightest 5% of the image
     * (capped near the background, a dilution series' faintest lane shows as clearly as the
     * strongest: FaintLanesTest). On a lab imager's whole frame (athenaz2 B1AR) the bands are 2-4%
     * of the pixels and the 95th percentile is the membranes' own level (July4: 843, bands 6000+):
     * capped there, the bands vanished into their membranes, which became the band rows (July4:
     * 272 rows against the 78 the bands stand out in with the 99th), their edges the lanes. When
     * the band rows at the 95th are more than {@link #MEMBRANE_ROWS} times those at the
     * {@link #CAP_PERCENTILE}, the cap is the latter.
     */
    static Capped capped(Raster s) {
        float[] sample = s.sortedSample(100_000);
        float p95 = sample[(int) (0.95 * (sample.length - 1))], high = sample[(int) (CAP_PERCENTILE * (sample.length - 1))];
        boolean[] at95 = bandRows(s, p95), atHigh = bandRows(s, high);
        Capped c = count(at95) > MEMBRANE_ROWS * count(atHigh) ? new Capped(high, atHigh) : new Capped(p95, at95);
        float film = sample[(int) (SPARSE_PERCENTILE * (sample.length - 1))];
        boolean[] atFilm = bandRows(s, film);
        return count(c.rows()) > SPARSE_ROWS * count(atFilm) ? new Capped(film, atFilm) : c;
    }

    /** The cap and the band rows it gives. */
    record Capped(float cap, boolean[] rows) {}

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) if (v) n++;
        return n;
    }

    /** Rows where the row profile rises clearly above its baseline (all rows if none does). */
    static boolean[] bandRows(Raster s, float cap) {
        double[] row = new double[s.height];
        for (int y = 0; y < s.height; y++) {
            int o = y * s.width;
            double sum = 0;
            for (int x = 0; x < s.width; x++) sum += Math.min(cap, s.px[o + x]);
            row[y] = sum / s.width;
        }
        row = Profiles.smooth(row, 1);
        double[] base = Profiles.baseline(row, Math.max(3, s.height / 8));
        double top = 0;
        for (int y = 0; y < s.height; y++) top = Math.max(top, row[y] - base[y]);
        boolean[] use = new boolean[s.height];
        int n = 0;
        for (int y = 0; y < s.height; y++) if (top > 0 && row[y] - base[y] > 0.25 * top) { use[y] = true; n++; }
        if (n < 3) Arrays.fill(use, true);
        return use;
    }

    /** Dominant period of a profile (autocorrelation peak after its first zero), or -1. */
    static int pitch(double[] p) {
        int n = p.length;
        double[] trend = Profiles.smooth(p, Math.max(2, n / 8));
        double[] h = new double[n];
        for (int i = 0; i < n; i++) h[i] = p[i] - trend[i];
        int maxLag = n / 2;
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double s = 0;
            for (int i = 0; i + k < n; i++) s += h[i] * h[i + k];
            r[k] = s / (n - k);
        }
        if (r[0] <= 0) return -1;
        int k = 1;
        while (k <= maxLag && r[k] > 0) k++;
        // the first strong local maximum: the highest one may be a multiple of the pitch
        double top = 0;
        for (int j = k; j <= maxLag; j++) top = Math.max(top, r[j]);
        if (top <= 0.1 * r[0]) return -1;
        for (int j = Math.max(k, 1); j < maxLag; j++) {
            if (r[j] >= 0.5 * top && r[j] >= r[j - 1] && r[j] >= r[j + 1]) return j;
        }
        return -1;
    }

    /**
     * Lanes found, with the column profile over the band rows (smoothed as the lanes are looked for
     * in it) and whether its band region is one plateau (touching bands, {@link #plateau}), which
     * the band boxes need too.
     */
    record Found(List<Span> spans, double[] profile, boolean plateau) {
        /** These lanes with the plateau judgement of this profile. */
        static Found of(List<Span> spans, double[] profile) {
            return new Found(spans, profile, LaneFinder.plateau(profile, bandRegion(profile)));
        }

        /** Other lanes (completed, or divided by a given count) over the same profile. */
        Found with(List<Span> other) {
            return new Found(other, profile, plateau);
        }

        /** The profile's band region, {@link #bandRegion}. */
        int[] region() {
            return bandRegion(profile);
        }

        double[] centres() {
            return spans.stream().mapToDouble(Span::centre).toArray();
        }
    }

    static List<Span> find(Raster s) {
        return lanes(s).spans();
    }

    static Found lanes(Raster s) {
        double[] col = profile(s);
        List<Span> lanes = find(s, col, false);
        if (lanes.size() > 1) return Found.of(lanes, col);
        // few lanes on a wide field (GelGenie's overheated_ref: two ladders on a gel a third of the image wide):
        // rows spanning the whole tray (the gel's top edge, its wells) outshine the lanes' band rows, whose
        // column profile then shows no lane; over every row the lanes show
        List<Span> all = find(s, Profiles.smooth(columnProfile(s, false), Math.max(1, s.width / 300)), true);
        return Found.of(all.size() > 1 ? all : lanes, col);
    }

    /** The column profile over the band rows, smoothed over a 300th of the width (the lanes are looked for in it). */
    static double[] profile(Raster s) {
        return Profiles.smooth(columnProfile(s), Math.max(1, s.width / 300));
    }

    /** {@code few}: the retry for few lanes, where a pitch longer than half the band region is the tray's, not the lanes'. */
    private static List<Span> find(Raster s, double[] col, boolean few) {
        int period = pitch(col);
        if (period < 0) {
            // the blot fills only part of the width (a strip, a gel beside empty tray): the steps at
            // its ends outweigh the lanes' ripple in the autocorrelation; look inside the band region only
            int[] region = bandRegion(col);
            if (region[1] - region[0] + 1 < col.length)
                period = pitch(Arrays.copyOfRange(col, region[0], region[1] + 1));
        }
        if (period > 0) {
            // a pitch longer than half the band region is no lane's: a row of touching bands (a GAPDH
            // strip, athenaz2 Oct8 B1AR: 9 bands 88 px apart on a plateau 802 px wide) shows its plateau's
            // steps (pitch 464), its lanes only as dips inside it. Lanes apart from each other, whose
            // profile falls back to the background between them, are what they seem: two ladder lanes
            // of a narrow gel (SizeCalibrationTest.aBroadReferenceBandStillCountsAsBright) got a finer
            // "pitch" per run of band rows, misaligned lanes and 8 strips
            int[] region = bandRegion(col);
            if (2 * period > region[1] - region[0] + 1 && (few || plateau(col, region))) {
                int inner = pitch(Arrays.copyOfRange(col, region[0], region[1] + 1));
                if (few || inner > 0) period = inner;
            }
        }
        int coarse = period;
        period = harmonic(col, period, Math.max(1, s.width / 300), true);
        int[] plateauRegion = bandRegion(col);
        if (plateau(col, plateauRegion)) {
            double[] u = Profiles.smooth(columnProfile(s, !few, false), Math.max(1, s.width / 300));
            // the bands' own region too: capped at a membrane's level the region is the membrane's (July4 B1AR's
            // upper strip: 143-1013 for bands at 242-716, and 17 lanes)
            int[] own = bandRegion(u);
            List<Double> v = valleyLanes(u, new int[] {Math.max(own[0], plateauRegion[0]), Math.min(own[1], plateauRegion[1])}, coarse);
            if (v != null) return spans(v, s.width, s.height, null);
        }
        int pitch = period < 0 ? s.width : period;
        double[] base = Profiles.baseline(col, Math.min(pitch, s.width / 2));
        double[] d = new double[col.length];
        for (int i = 0; i < d.length; i++) d[i] = col[i] - base[i];
        double noise = Profiles.noise(col);
        // smoothed over an eighth of the pitch, a wide flat (saturated) band gives one peak, not several
        List<Profiles.Peak> peaks = Profiles.peaks(Profiles.smooth(d, Math.max(1, Math.min(pitch, s.width) / 8)), 3 * noise);
        double top = period != coarse ? typicalLane(peaks, bandRegion(col), period)
                : peaks.stream().mapToDouble(Profiles.Peak::prominence).max().orElse(0);
        if (top <= 0) return List.of();
        // strongest first; drop peaks closer than half a pitch to a stronger one (split lanes)
        peaks.sort(Comparator.comparingDouble(Profiles.Peak::prominence).reversed());
        List<Double> centres = new ArrayList<>(), weak = new ArrayList<>();
        for (Profiles.Peak pk : peaks) {
            double c = centroid(d, pk.index(), Math.max(1, (int) (0.4 * pitch)));
            if (pk.prominence() < 0.2 * top) weak.add(c);
            else if (centres.stream().allMatch(o -> Math.abs(o - c) >= 0.55 * Math.min(pitch, s.width))) centres.add(c);
        }
        centres.sort(null);
        if (period > 0) follow(centres, weak, period, s.width);
        if (period != coarse || few) {
            // a gel's lanes lie on the gel: weak ripples on the dark tray beside it are no lanes
            // (HM_1_1: three lanes followed out over the tray, its profile 15% of the gel's)
            int[] region = bandRegion(col);
            centres.removeIf(c -> c < region[0] || c > region[1]);
        }
        return spans(centres, s.width, s.height, d);
    }

    /**
     * The lanes' pitch when the profile's pitch is a multiple of it. On a DNA gel the steps of the
     * profile (the gel's edge against the tray, a run of bright smear lanes beside dim ones)
     * outweigh the lanes' ripple: the autocorrelation's first strong maximum is where the ripples
     * realign after several lanes (gel-lanes-fit dev gels: 410, 412 and 461 px for lanes 82-84 px
     * apart; GelLanesTest's gel: 167 for 42). The profile's differences, or the profile less its
     * running mean over half its pitch, lose the steps and keep the ripple; their pitch is taken
     * when the profile's is an integer k >= 2 times it within {@link #HARMONIC_TOLERANCE} (the dev
     * gels: 5.0, 5.0, 5.7 times), and checked again in turn (lanes alternating strong and weak give
     * twice the pitch). On blots whose lanes the profile shows (blotquant-dev, the western crops)
     * no finer pitch is a whole fraction of the profile's, so nothing changes there. first: the
     * profile's own pitch (not one already found finer).
     */
    static int harmonic(double[] col, int period, int smoothing, boolean first) {
        if (period < 0) return period;
        int[] region = bandRegion(col);
        double[] r = Arrays.copyOfRange(col, region[0], region[1] + 1);
        if (r.length < 2 * period) return period;
        // the band region alone loses the tray's steps at its ends; differences turn a step into one
        // spike and keep the ripple (a gel camera's lanes, smoothly rounded); a running mean over
        // half the profile's pitch removes the steps and keeps a ripple of half that pitch or less
        // whole (flat-topped lanes, whose differences are pairs of edge spikes)
        double[] diff = new double[r.length - 1];
        for (int i = 0; i < diff.length; i++) diff[i] = r[i + 1] - r[i];
        double[] trend = Profiles.smooth(r, period / 4), high = new double[r.length];
        for (int i = 0; i < r.length; i++) high[i] = r[i] - trend[i];
        for (double[] d : new double[][] {r, diff, high}) {
            int fine = pitch(d);
            // the band region alone shows the same pitch: no steps made it a multiple (gelquant's
            // crop 1, 5 protein lanes 36 px apart: its differences' pitch, 18, is half a lane);
            // once steps were found, a region pitch of twice the lanes' is strong and weak lanes alternating
            if (first && d == r && Math.abs(period / (double) fine - 1) < HARMONIC_TOLERANCE) return period;
            // smoothed noise has ripples about one smoothing window long: no lane pitch is that short
            if (fine < 3 * (2 * smoothing + 1)) continue;
            double ratio = period / (double) fine;
            long k = Math.round(ratio);
            // the finer pitch may itself be a multiple (lanes alternating strong and weak)
            if (k >= 2 && Math.abs(ratio / k - 1) < HARMONIC_TOLERANCE) return harmonic(col, fine, smoothing, false);
        }
        return period;
    }

    /**
     * The prominence a lane is measured against on a gel whose profile is dominated by steps (see
     * {@link #harmonic}): the median of the n strongest column peaks, n the lanes the band region
     * holds at this pitch. The strongest peak there is often no lane's (the tray's wall in
     * gel-lanes-fit LM_1_top, 10x a ladder lane's), and a fifth of it left every lane weak.
     */
    static double typicalLane(List<Profiles.Peak> peaks, int[] region, int pitch) {
        double[] p = peaks.stream().mapToDouble(Profiles.Peak::prominence).sorted().toArray();
        if (p.length == 0) return 0;
        int n = Math.max(1, Math.min(p.length, (region[1] - region[0] + 1) / pitch));
        return Profiles.median(Arrays.copyOfRange(p, p.length - n, p.length));
    }

    /**
     * Lanes follow the comb's pitch to the strip's edges: a faint lane (a dilution series' last
     * lanes, a knocked-down protein) has a column peak far below the strongest lane's, so it was
     * not among the lanes. A gap between lanes wider than {@link #GAP} pitches gets evenly spaced lanes
     * (an empty well is a lane position too: it becomes a lane holding only placeholders), at a
     * weak column peak (above 3x the profile's noise) where one lies within a quarter pitch; beyond
     * the outer lanes, a lane is added one pitch further while a weak peak is there and the lane fits.
     */
    static void follow(List<Double> centres, List<Double> weak, int pitch, int width) {
        if (centres.size() < 2) return;
        for (int i = centres.size() - 1; i > 0; i--) {
            double a = centres.get(i - 1), gap = centres.get(i) - a;
            int k = (int) Math.round(gap / pitch) - 1;
            if (gap <= GAP * pitch || k < 1) continue;
            for (int j = k; j >= 1; j--) centres.add(i, near(weak, a + j * gap / (k + 1), pitch).orElse(a + j * gap / (k + 1)));
        }
        for (int dir : new int[] {-1, 1}) {
            while (true) {
                double end = dir < 0 ? centres.get(0) : centres.get(centres.size() - 1);
                Optional<Double> next = near(weak, end + dir * pitch, pitch);
                if (next.isEmpty() || next.get() - pitch / 2.0 < 0 || next.get() + pitch / 2.0 > width) break;
                if (dir < 0) centres.add(0, next.get());
                else centres.add(next.get());
            }
        }
    }

    /** The weak peak within a quarter pitch of at, if any. */
    private static Optional<Double> near(List<Double> weak, double at, int pitch) {
        return weak.stream().filter(c -> Math.abs(c - at) < 0.25 * pitch).min(Comparator.comparingDouble(c -> Math.abs(c - at)));
    }

    /**
     * The columns the lanes occupy: from the first to the last column whose profile rises above a
     * quarter of the way from the profile's 5th to its 95th percentile (inclusive indices).
     */
    /**
     * Whether the band region stays above its floor ({@link #bandRegion}'s level) for at least 80%
     * of its columns: touching bands (a plateau with dips), not lanes with background between them
     * (two 50 px lanes 120 apart: 60%).
     */
    static boolean plateau(double[] col, int[] region) {
        double lim = floor(col);
        int above = 0;
        for (int i = region[0]; i <= region[1]; i++) if (col[i] > lim) above++;
        return above >= 0.8 * (region[1] - region[0] + 1);
    }

    /**
     * Lanes on a plateau ({@link #plateau}) that are a western's row of touching bands (a loading control
     * across the membrane's wells) rather than a DNA gel's slab: at least this many lanes, evenly spaced
     * as a comb is ({@link StripFinder#regular}: two thirds of the gaps within a quarter of the median).
     * Measured on the lanes as found before any band is boxed: athenaz2 development, the strips where
     * BandFinder's rules for touching bands add or move boxes: 8-9 lanes, 0.75-1.00 of the gaps within
     * (April22 B2AR GAPDH's lower row 0.75, lanes 40-83 apart); gel-lanes-fit gels on a plateau where
     * they did: 2-5 lanes (a few lanes as wide as a group of wells), or 16 lanes with 0.47 of the gaps
     * within (LM_IMG_20171122_100604, 109-330 apart).
     */
    static final int ROW_LANES = 6;

    /**
     * Whether these lanes are a row of touching bands ({@link #ROW_LANES}): evenly spaced by their gaps, or by their
     * places, two thirds of the centres within {@link StripFinder#PITCH_TOLERANCE} of a pitch of the least-squares
     * comb: one lane placed off the comb (its dips moved by bands of unequal width) spoils two gaps but one place.
     * April22 B2AR GAPDH's lower row: 6 of its 8 gaps within (0.75), 5 of 8 once noise of sigma 40 was added (one
     * gap 18.5 off a median of 66.5, 0.2 px past the tolerance), and the row lost the touching rules and the upper
     * row its comb: 16 -> 4 lab boxes; 8 of its 9 places within either way.
     */
    static boolean evenRow(List<Span> spans) {
        double[] c = spans.stream().mapToDouble(Span::centre).toArray();
        return spans.size() >= ROW_LANES && (StripFinder.regular(c) || onComb(c));
    }

    /** Two thirds of the centres within {@link StripFinder#PITCH_TOLERANCE} of a pitch of the least-squares line through (index, centre). */
    static boolean onComb(double[] c) {
        int n = c.length;
        double mi = (n - 1) / 2.0, mc = Arrays.stream(c).average().orElse(0), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) { sxy += (i - mi) * (c[i] - mc); sxx += (i - mi) * (i - mi); }
        double pitch = sxy / sxx;
        int near = 0;
        for (int i = 0; i < n; i++) if (Math.abs(c[i] - (mc + (i - mi) * pitch)) <= StripFinder.PITCH_TOLERANCE * pitch) near++;
        return pitch > 0 && near * 3 >= n * 2;
    }

    /**
     * Lanes of a row of touching bands (a loading-control strip: GAPDH bands wide and strong, side
     * by side) from the dips between them: the band region is one plateau in the column profile,
     * and its autocorrelation gives twice the lanes' pitch or the plateau's steps (athenaz2 May30
     * B1AR GAPDH: 113 and 289 for bands 57 apart, 7 lanes for 9; March 19 GAPDH: 126 and 444 for
     * 61), while every border between two bands is a dip (the lab's box borders lie on them). The
     * profile is not capped here: capped near the bands' level (the 95th percentile) the dips fill
     * up (March 19 GAPDH's lower strip: 1300-1427 with dips of 30-90, uncapped 2000-2600 with dips
     * of 150-400). The dips deeper than 3x the profile's noise and {@link #DIP} of the deepest, evenly spaced (two thirds of
     * their gaps within {@link StripFinder#PITCH_TOLERANCE} of the median, at least 2 dips) give
     * the lanes: between consecutive dips, and a pitch further out while the profile there is a band's. Null when the dips are no comb, or when their
     * pitch is the profile's own (within a quarter; Oct8 B1AR's GAPDH: 88), where the peaks find the lanes.
     */
    static List<Double> valleyLanes(double[] u, int[] region, int period) {
        double[] neg = new double[region[1] - region[0] + 1];
        for (int i = 0; i < neg.length; i++) neg[i] = -u[region[0] + i];
        List<Profiles.Peak> all = Profiles.peaks(neg, 3 * Profiles.noise(neg));
        double deepest = all.stream().mapToDouble(Profiles.Peak::prominence).max().orElse(0);
        double[] at = all.stream().filter(pk -> pk.prominence() >= DIP * deepest).mapToDouble(pk -> pk.index() + region[0]).toArray();
        if (at.length < 2 || !StripFinder.regular(at)) return null;
        List<Double> weak = all.stream().map(pk -> (double) (pk.index() + region[0])).toList();
        at = alternating(at, weak);
        double[] gaps = new double[at.length - 1];
        for (int i = 1; i < at.length; i++) gaps[i - 1] = at[i] - at[i - 1];
        double p = Profiles.median(gaps);
        if (period > 0 && p > 0.75 * period) return null;
        at = withoutNotches(at, p);
        // a shallow dip left out (athenaz2 July24 GAPDH's upper strip: 83 beside a gap of 611) leaves a gap of
        // two pitches: the weaker dip nearest each pitch step, else the step itself
        List<Double> dips = new ArrayList<>();
        for (double a : at) {
            if (!dips.isEmpty()) {
                double b = dips.get(dips.size() - 1), gap = a - b;
                int k = (int) Math.round(gap / p) - 1;
                for (int j = 1; j <= k && gap > 1.5 * p; j++) {
                    double step = b + j * gap / (k + 1);
                    dips.add(nearest(weak, step, p));
                }
            }
            dips.add(a);
        }
        List<Double> c = new ArrayList<>();
        for (int i = 1; i < dips.size(); i++) c.add((dips.get(i - 1) + dips.get(i)) / 2);
        double last = dips.get(dips.size() - 1);
        // and beyond the outer dips while a band as bright as half the typical one is there (touching bands of
        // a loading control are alike; the membrane beside them is not: May30 B1AR GAPDH, 104 above the
        // dark against the bands' 650, and 3 lanes more without this; March 19 GAPDH's first dip is 118 beside 647)
        double[] sorted = u.clone();
        Arrays.sort(sorted);
        double dark = sorted[(int) (0.05 * (sorted.length - 1))];
        double typical = Profiles.median(c.stream().mapToDouble(x -> u[(int) Math.round(x)] - dark).toArray());
        // (each step from the outer dip to the weak dip nearest a pitch further, so a pitch a little off does not drift)
        for (double a = dips.get(0), x = a - p / 2; x - p / 2 >= 0 && u[(int) Math.round(x)] - dark >= 0.5 * typical; ) {
            double b = nearest(weak, a - p, p);
            c.add(0, (a + b) / 2);
            a = b;
            x = a - p / 2;
        }
        for (double a = last, x = a + p / 2; x + p / 2 <= u.length && u[(int) Math.round(x)] - dark >= 0.5 * typical; ) {
            double b = nearest(weak, a + p, p);
            c.add((a + b) / 2);
            a = b;
            x = a + p / 2;
        }
        // a row of touching bands is 3 lanes or more (two dips and a band beyond; gel-lanes-fit's
        // LM_IMG_20171122_100612 gave one lane between two dips)
        return c.size() >= 3 ? c : null;
    }

    /**
     * Two dips, one gap, are no measured pitch: with a weak dip (above 3x the noise, under {@link #DIP} of the deepest)
     * at its middle, within a quarter of half the gap, they are three. The dips of a row whose samples alternate (lean
     * and fatty rats side by side) alternate deep and shallow (athenaz2 July23 B2AR GAPDH with Gaussian noise of sigma
     * 40 added: the dip at 423, 54 of the deepest 275, fell under DIP's 55, and the row got 7 lanes for 9). Not on a
     * comb of more gaps: there it split two DNA gels' wide lanes (gel-lanes-fit cut.tif 6 lanes -> 16,
     * LM_IMG_20171122_100612 2 strips -> 3).
     */
    static double[] alternating(double[] at, List<Double> weak) {
        if (at.length != 2) return at;
        double mid = (at[0] + at[1]) / 2, quarter = 0.25 * (at[1] - at[0]) / 2;
        return weak.stream().filter(w -> Math.abs(w - mid) < quarter).min(Comparator.comparingDouble(w -> Math.abs(w - mid)))
                .map(m -> new double[] {at[0], m, at[1]}).orElse(at);
    }

    /**
     * The dips of a comb (pitch p) without those that split one gap of the comb into two: a notch inside a band
     * (athenaz2 Oct8 B2AR, the upper membrane's second band: a dip 45 and 52 px from its neighbours in an 89 px
     * comb made two lanes of one) leaves two gaps each shorter than the pitch by more than
     * {@link StripFinder#PITCH_TOLERANCE}, together within it of one pitch.
     */
    static double[] withoutNotches(double[] at, double p) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            double before = out.isEmpty() ? Double.NaN : at[i] - out.get(out.size() - 1);
            double after = i + 1 < at.length ? at[i + 1] - at[i] : Double.NaN;
            double lim = (1 - StripFinder.PITCH_TOLERANCE) * p;
            boolean notch = before < lim && after < lim && Math.abs(before + after - p) <= StripFinder.PITCH_TOLERANCE * p;
            if (!notch) out.add(at[i]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * n lanes over [from, to) of a row of touching bands whose pitch is known (StripFinder.sharedComb): each
     * border between two lanes on the dip of u (deeper than 3x its noise) nearest its even step, within a
     * quarter lane, else at the step (April22 B2AR GAPDH's upper row: bands 52-82 px wide in a 62 px comb).
     */
    static List<Span> onDips(double[] u, int from, int to, int n, int height) {
        double[] neg = new double[to - from];
        for (int i = 0; i < neg.length; i++) neg[i] = -u[from + i];
        List<Double> dips = Profiles.peaks(neg, 3 * Profiles.noise(neg)).stream().map(pk -> (double) (pk.index() + from)).toList();
        double step = (to - from) / (double) n;
        List<Double> b = new ArrayList<>(List.of((double) from));
        for (int i = 1; i < n; i++) b.add(nearest(dips, from + i * step, step));
        b.add((double) to);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Span((b.get(i) + b.get(i + 1)) / 2, (int) Math.round(b.get(i)), (int) Math.round(b.get(i + 1)), 0, height));
        return out;
    }

    /** The weak dip within a quarter pitch of at, else at itself. */
    private static double nearest(List<Double> weak, double at, double p) {
        return weak.stream().filter(w -> Math.abs(w - at) < 0.25 * p).min(Comparator.comparingDouble(w -> Math.abs(w - at))).orElse(at);
    }

    static int[] bandRegion(double[] col) {
        double lim = floor(col);
        int a = 0, b = col.length - 1;
        while (a < b && col[a] <= lim) a++;
        while (b > a && col[b] <= lim) b--;
        return new int[] {a, b};
    }

    /** A quarter of the way from the profile's 5th to its 95th percentile: above it lies the band region. */
    private static double floor(double[] col) {
        double[] v = col.clone();
        Arrays.sort(v);
        double lo = v[(int) (0.05 * (v.length - 1))], hi = v[(int) (0.95 * (v.length - 1))];
        return lo + 0.25 * (hi - lo);
    }

    private static double centroid(double[] d, int at, int half) {
        double sw = 0, sx = 0;
        for (int i = Math.max(0, at - half); i <= Math.min(d.length - 1, at + half); i++) {
            if (d[i] > 0) { sw += d[i]; sx += d[i] * i; }
        }
        return sw > 0 ? sx / sw : at;
    }

    /** Borders half-way between centres; the outer lanes as wide as their neighbour spacing. */
    static List<Span> spans(List<Double> c, int width, int height, double[] d) {
        List<Span> out = new ArrayList<>();
        int n = c.size();
        if (n == 1) {
            // a single lane: where the profile is above 5% of its peak, plus a fifth on each side
            int at = (int) Math.round(c.get(0));
            double lim = 0.05 * d[at];
            int l = at, r = at;
            while (l > 0 && d[l - 1] > lim) l--;
            while (r < width - 1 && d[r + 1] > lim) r++;
            int m = Math.max(2, (r - l + 1) / 5);
            out.add(new Span(c.get(0), Math.max(0, l - m), Math.min(width, r + 1 + m), 0, height));
            return out;
        }
        for (int i = 0; i < n; i++) {
            double left = i > 0 ? (c.get(i - 1) + c.get(i)) / 2 : c.get(i) - (c.get(1) - c.get(0)) / 2;
            double right = i < n - 1 ? (c.get(i) + c.get(i + 1)) / 2 : c.get(i) + (c.get(n - 1) - c.get(n - 2)) / 2;
            out.add(new Span(c.get(i), Math.max(0, (int) Math.round(left)), Math.min(width, (int) Math.round(right)), 0, height));
        }
        return out;
    }

    /** n equal lanes over [from, to). */
    static List<Span> equal(int n, int from, int to, int height) {
        List<Span> out = new ArrayList<>();
        double w = (to - from) / (double) n;
        for (int i = 0; i < n; i++) {
            int l = (int) Math.round(from + i * w), r = (int) Math.round(from + (i + 1) * w);
            out.add(new Span((l + r) / 2.0, l, r, 0, height));
        }
        return out;
    }

    /**
     * The user says there are n lanes but fewer were found (empty lanes have no bands to see):
     * lanes of the found lanes' median pitch are added into gaps wider than 1.5 pitches, then
     * at the ends where there is room. Null when that cannot give n lanes.
     */
    static List<Span> complete(List<Span> found, int n, int width, int height) {
        if (found.size() < 2 || found.size() > n) return null;
        List<Double> c = new ArrayList<>();
        for (Span s : found) c.add(s.centre());
        double[] gaps = new double[c.size() - 1];
        for (int i = 1; i < c.size(); i++) gaps[i - 1] = c.get(i) - c.get(i - 1);
        double pitch = Profiles.median(gaps);
        for (int i = 1; i < c.size() && c.size() < n; i++) {
            if (c.get(i) - c.get(i - 1) > 1.5 * pitch) { c.add(i, c.get(i - 1) + pitch); }
        }
        while (c.size() < n) {
            double left = c.get(0) - pitch, right = c.get(c.size() - 1) + pitch;
            boolean roomRight = right + pitch / 2 <= width + 1, roomLeft = left - pitch / 2 >= -1;
            if (roomRight && (width - right >= left || !roomLeft)) c.add(right);
            else if (roomLeft) c.add(0, left);
            else return null;
        }
        return spans(c, width, height, null);
    }
}
