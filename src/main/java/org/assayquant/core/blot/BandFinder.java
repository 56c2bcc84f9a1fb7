package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.List;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;

/**
 * Bands of one lane: peaks of the lane's vertical profile (its central 60%, so tilted or smiling
 * neighbours do not leak in) above a rolling baseline; each peak is then boxed where its own
 * signal exceeds {@link BlotQuantifier#EDGE_FRACTION} of its peak, first across, then along the lane.
 */
final class BandFinder {
    /** Bands are wider than tall; specks and bubbles are round. */
    static final double MIN_ASPECT = 1.1;
    /**
     * A band's 5% extent along the lane is at least this many pixels: its edges are blurred by the
     * gel and the optics (a Gaussian band of sigma 1 px spans 5 px). Thinner boxes are drawn lines
     * or scratches: athenaz2 March 19 B1AR (an 8-bit export with the lab's box frames burned in)
     * gave 22 boxes 2-3 px tall, every one a frame line, 21 of them `ok`; the shortest detected
     * band on blotquant-dev is 8 px, on the sample blots 12, on athenaz2's other images 9.
     */
    static final int MIN_HEIGHT = 4;
    /**
     * The noise measured across a lane may lower the profile's own estimate to this fraction at
     * most: 0.75 finds the crowded ladder's weak bands (OverlapsTest: prominence 0.8 x the old
     * threshold) while blotquant-dev keeps its results (with 0.5, or no floor, dev_23's
     * correlated noise gave a row of noise bands: F1 0.959 -> 0.952).
     */
    static final double ACROSS_FLOOR = 0.75;
    /**
     * Bands closer than about 2 sigma show no valley, and their group's top need not be flat (unequal
     * bands; blotquant-dev's single bands are flat-topped, so flatness says nothing); the group is
     * taller than the lane's single bands: four bands 1.5 sigma apart span 9.4 sigma against 4.9
     * (1.9x), an unresolved pair 2 sigma apart 1.4x. A box this many times the median height of its
     * lane's boxes is a cluster, in a crowded lane (a ladder: {@link #CROWDED} candidates). Tall boxes
     * elsewhere stay specks: with 3 candidates as "crowded", blotquant-dev dev_03's speckle blobs
     * (JPEG, low exposure: noise candidates beside its 2 bands) became bands, F1 0.959 -> 0.952.
     */
    static final double CLUSTER_HEIGHT = 1.8;
    /** A lane with at least this many band candidates (not taller than wide) is crowded: more than a western's targets and doublets. */
    static final int CROWDED = 6;
    /**
     * On a strip whose band region is one plateau ({@link LaneFinder#plateau}: bands side by side),
     * a band whose rise across the lane (above the valleys beside it) is below this fraction of its
     * rise along the lane touches its neighbours (see {@link #touching}). Measured on athenaz2
     * development: touching GAPDH bands 0.02-0.12 (B2AR July24 and June20 GAPDH, boxed 17-55 px
     * wide of the lab's 58-75: bumps on their tops); TouchingBandsTest's band between two brighter
     * neighbours 0.205 (0.2 dropped it as taller than wide); receptor bands standing apart 0.45 and
     * more. Not on other strips: on DNA gels a wells row or a smear, flat across the lanes, gave
     * new wide boxes (gel-lanes-fit LM_1_top: 5 more lines in bands.csv, a wells-row cluster among them).
     * On a western's row the same fraction is asked of each side alone (the fall to the first valley there): B2AR
     * July24 GAPDH's first band 0.17 towards its neighbour (a bump on its top), 1.0 towards the membrane.
     */
    static final double TOUCHING = 0.3;
    /**
     * A band widened to its lane's dips (see {@link #TOUCHING}) and taller than wide to its 5% extent
     * is still a band where its half-maximum height is at most this fraction of its width. Measured:
     * athenaz2 B2AR April22 GAPDH's lower row (touching bands trailing down the lane, 67-69 px tall to
     * 5% in boxes 45-62 wide): 0.37-0.42, kept; gel-lanes-fit gel 2's smears flat across the lanes
     * (139-151 px to 5%): 0.74-0.88, and B1AR May30's smear in an empty lane: 1.2, stay specks.
     */
    static final double WIDENED_HEIGHT = 0.55;
    /**
     * A saturated band's profile must dip below this fraction of its top between a doublet's parts for the doublet
     * to stand: the half-maximum, where two bands are seen as two (a saturated film band with a centre 4-16 levels
     * lighter than its black, 2-7 % of its height, was cut into two halves or two rows; FilmScanTest).
     */
    static final double SATURATED_VALLEY = 0.5;

    private BandFinder() {}

    /**
     * Traits of the strip the lane is in, known before its bands are boxed.
     * touchingLanes: the strip's band region is one plateau (bands side by side, see {@link #TOUCHING}).
     * evenRow: its lanes are a western's row of touching bands, not a DNA gel's slab ({@link LaneFinder#evenRow});
     * only there is a narrow bump on a touching band, or a band widened to its lane's dips and taller than wide,
     * kept as a band (on 18 of the 37 gel-lanes-fit gels, whose slab is a plateau too, these rules made new boxes).
     * gradualClip: a dark-band image (X-ray film, a stain), whose response flattens towards its black over a range
     * of exposure (the film's shoulder) rather than clipping hard as a digital imager does: a saturated band's
     * flanks do not keep its shape there, so a shallow dip on its top is no doublet (see {@link #saturatedTop}).
     */
    record Traits(boolean touchingLanes, boolean evenRow, boolean gradualClip) {
        /** Nothing known: a lane on its own (the marker lane of a size calibration). */
        static final Traits PLAIN = new Traits(false, false, false);
    }

    static List<Box> find(Raster s, LaneFinder.Span lane, int laneIndex, double clip, Traits strip) {
        int w = lane.width();
        int c0 = (int) Math.round(lane.centre() - 0.3 * w), c1 = (int) Math.round(lane.centre() + 0.3 * w);
        c0 = Math.max(lane.left(), c0);
        c1 = Math.min(lane.right() - 1, Math.max(c0, c1));
        double[] vp = meanOverColumns(s, c0, c1, 0, s.height - 1);
        int half = Math.min(s.height / 2, Math.max(5, Math.max(s.height / 8, (int) (1.5 * w))));
        double[] base = Profiles.baseline(vp, half);
        double[] d = new double[vp.length];
        for (int i = 0; i < d.length; i++) d[i] = vp[i] - base[i];
        d = Profiles.smooth(d, 1);
        for (int i = 0; i < d.length; i++) if (i < lane.top() || i >= lane.bottom()) d[i] = 0; // a lane drawn by the user
        // a crowded lane (a ladder) has band flanks in most rows, which inflates the profile's own
        // noise estimate; the pixels' noise measured across the lane (bands are flat there) is not,
        // but it misses spatially correlated noise (blur, speckle, JPEG): it may lower the estimate
        // by a quarter at most
        double along = Profiles.noise(vp);
        double noise = Math.max(ACROSS_FLOOR * along, Math.min(along, acrossNoise(s, c0, c1, lane.top(), lane.bottom())));

        List<Profiles.Peak> peaks = Profiles.peaks(d, Math.max(4 * noise, 1e-9));
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < peaks.size(); i++) {
            // two peaks of one saturated run are one band when boxed together they make a band (wider than tall: a
            // taller black run is a smear, left to the rules for its pieces; FLG rep 4-5's were lost when merged)
            Profiles.Peak run = strip.gradualClip() && i + 1 < peaks.size() ? saturatedRun(s, c0, c1, d, peaks.get(i), peaks.get(i + 1), clip) : null;
            List<Box> one = run == null ? List.of() : box(s, lane, laneIndex, run, peaks, d, clip, noise, strip);
            if (one.size() == 1 && one.get(0).w >= MIN_ASPECT * one.get(0).h) {
                out.addAll(one);
                i++;
                continue;
            }
            out.addAll(box(s, lane, laneIndex, peaks.get(i), peaks, d, clip, noise, strip));
        }
        return dedupe(out, strip.gradualClip());
    }

    /**
     * The bands of one lane that passed the strip's threshold: in a crowded lane (at least
     * {@link #CROWDED} bands not taller than wide), a box {@link #CLUSTER_HEIGHT} times the median
     * height is a cluster; tall boxes that are not are specks and go.
     */
    static void clusters(List<Box> lane) {
        double[] heights = lane.stream().filter(b -> !b.tall).mapToDouble(b -> b.h).toArray();
        boolean crowded = heights.length >= CROWDED;
        double typical = crowded ? Profiles.median(heights) : 0;
        for (Box b : lane) b.cluster |= crowded && b.pair == null && b.h > CLUSTER_HEIGHT * typical;
        lane.removeIf(b -> b.tall && !b.cluster);
    }

    /**
     * Noise of the lane's mean profile over columns c0..c1, from the pixels: the median absolute
     * difference of horizontal neighbours (robust to bands, which vary slowly across the lane),
     * divided by the square root of the number of columns averaged.
     */
    static double acrossNoise(Raster s, int c0, int c1, int y0, int y1) {
        int cols = c1 - c0 + 1;
        if (cols < 2) return Double.POSITIVE_INFINITY;
        int rows = y1 - y0, step = Math.max(1, rows * (cols - 1) / 20_000);
        double[] d = new double[(rows * (cols - 1) + step - 1) / step];
        int n = 0, k = 0;
        for (int y = y0; y < y1; y++) {
            int o = y * s.width;
            for (int x = c0; x < c1; x++, k++) if (k % step == 0 && n < d.length) d[n++] = Math.abs(s.px[o + x + 1] - s.px[o + x]);
        }
        if (n == 0) return Double.POSITIVE_INFINITY;
        return 1.4826 * Profiles.median(java.util.Arrays.copyOf(d, n)) / Math.sqrt(2) / Math.sqrt(cols);
    }

    /**
     * A doublet whose two peaks were both found is boxed from each peak: keep one box per band
     * (centres closer than about one sigma, a fifth of the 5% height, are one band), preferring a
     * fitted doublet part, then a box not taller than wide (a tall one is a speck unless {@link #clusters}).
     * gradualClip: on film a clipped band boxed whole is one band over its rows (see {@link #saturatedTop}); a weaker
     * peak whose centre lies inside it is the second hump of its lighter centre where that hump holds no clipped pixel
     * (so {@link #saturatedRun} does not join them): a 5-row box inside a 29-row saturated band, its pixels counted
     * twice, and its lane's two boxes split the row in two, the other lanes' bands dropped as a minority row.
     */
    private static List<Box> dedupe(List<Box> boxes, boolean gradualClip) {
        List<Box> out = new ArrayList<>();
        boxes.sort(java.util.Comparator.comparing((Box b) -> b.share == null).thenComparing(b -> b.tall).thenComparing(b -> -b.amplitude));
        for (Box b : boxes) {
            if (out.stream().anyMatch(o -> Math.abs(o.cy() - b.cy()) < 0.2 * Math.min(o.h, b.h))) continue;
            if (gradualClip && out.stream().anyMatch(o -> o.clipped && o.share == null && o.y <= b.cy() && b.cy() < o.y + o.h)) continue;
            out.add(b);
        }
        return out;
    }

    /** The band at a profile peak: none (not a band), one, or the two bands of a doublet. */
    private static List<Box> box(Raster s, LaneFinder.Span lane, int laneIndex, Profiles.Peak pk,
                                 List<Profiles.Peak> all, double[] d, double clip, double noise, Traits strip) {
        int w = lane.width();
        int yc = pk.index();
        int hw = 1;
        while (yc - hw > 0 && yc + hw < d.length - 1 && d[yc - hw] > d[yc] / 2 && d[yc + hw] > d[yc] / 2) hw++;
        int r = Math.max(1, hw / 2);

        // across the lane: rows near the peak, a little wider than the lane to follow tilt
        int xa = Math.max(0, (int) Math.round(lane.centre() - 0.8 * w));
        int xb = Math.min(s.width - 1, (int) Math.round(lane.centre() + 0.8 * w));
        double[] hp = Profiles.smooth(meanOverRows(s, xa, xb, Math.max(0, yc - r), Math.min(s.height - 1, yc + r)), 1);
        int pa = (int) Math.round(lane.centre() - 0.35 * w) - xa, pb = (int) Math.round(lane.centre() + 0.35 * w) - xa;
        Extent ex = extent(hp, Math.max(0, pa), Math.min(hp.length - 1, pb), 0, hp.length - 1);
        if (ex == null) return List.of();
        int x0 = xa + ex.start, x1 = xa + ex.end;
        boolean touching = strip.touchingLanes() && ex.amplitude < TOUCHING * d[yc];
        // narrower than a quarter lane: a scratch or dust, not a band; unless the profile across hardly
        // rises (touching bands), where it is a bump on a band's top or in the dip beside it and the band
        // is looked at between the dips (B2AR April22 GAPDH's lower row, lane 3: a bump 14 px wide, 14
        // over a band 1676 high along the lane, dropped as a scratch)
        boolean narrow = x1 - x0 + 1 < Math.max(3, 0.25 * w);
        if (narrow && !(touching && strip.evenRow())) return List.of();
        if (narrow) {
            int[] cols = touching(hp, lane, xa);
            x0 = cols[0];
            x1 = cols[1];
        }

        // along the lane, over the band's own columns, between the neighbouring minima
        int ya = Math.max(lane.top(), pk.leftBase()), yb = Math.min(lane.bottom() - 1, pk.rightBase());
        double[] vp = Profiles.smooth(meanOverColumns(s, x0, x1, ya, yb), 1);
        Extent ey = extent(vp, Math.max(0, yc - hw - ya), Math.min(vp.length - 1, yc + hw - ya), 0, vp.length - 1);
        if (ey == null) return List.of();
        int y0 = ya + ey.start, y1 = ya + ey.end;
        if (y1 - y0 + 1 < MIN_HEIGHT) return List.of(); // a drawn line or a scratch
        boolean widened = touching && !step(vp, ey);
        if (narrow && !widened) return List.of(); // on a step: a scratch on a membrane's edge
        // a band touching its neighbour on one side only (a row's outer band, one beside an empty lane, one glowing
        // at an end): on that side its profile across falls less than TOUCHING of its rise along the lane to the first
        // valley, a bump on its top (B2AR July24 GAPDH's first band: 254 of 1470, boxed 44 px of its lane's 60)
        boolean oneSide = !widened && strip.evenRow() && !step(vp, ey);
        double top = Double.NEGATIVE_INFINITY;
        for (int i = ex.start; i <= ex.end; i++) top = Math.max(top, hp[i]);
        boolean touchLeft = widened || oneSide && top - ex.bgL < TOUCHING * d[yc];
        boolean touchRight = widened || oneSide && top - ex.bgR < TOUCHING * d[yc];
        int found = x1 - x0 + 1;
        if (touchLeft || touchRight) {
            // the profile across hardly falls beside the band: it touches its neighbours (a loading
            // control's bands side by side) and the extent found across is a bump on its top; the
            // band reaches the dips between it and its neighbours, at the lane's borders. Not on a
            // step (a membrane's edge is flat across every lane too, and no band)
            int[] cols = touching(hp, lane, xa);
            // never narrower than found: the outer band of a row falls to the background past its lane's border
            // (B2AR Oct10 GAPDH's last band, x 798-893 in the lab's box, its lane ending at 866)
            // widened on one side only, to its dip but not past its lane's border: a neighbour's box there would cut it
            // back to the border, narrower than found (Overlaps.splitAcross; B2AR July4 GAPDH's first band 59 -> 51 px)
            if (touchLeft) x0 = Math.min(x0, widened ? cols[0] : Math.max(cols[0], lane.left()));
            if (touchRight) x1 = Math.max(x1, widened ? cols[1] : Math.min(cols[1], lane.right() - 1));
        }

        double[] net = new double[y1 - y0 + 1];
        for (int i = 0; i < net.length; i++) net[i] = vp[ey.start + i] - ey.background(ey.start + i);
        // rows holding clipped pixels are flat-topped: fit the doublet model to the others only
        boolean[] valid = new boolean[net.length];
        for (int i = 0; i < net.length; i++) valid[i] = !anyAtLeast(s, x0, x1, y0 + i, y0 + i, clip);
        boolean clustered = cluster(net, noise);
        // on film a saturated run wider than tall is one band (blotquant-dev's saturated doublets, light bands from a
        // digital imager, dev_11 and dev_18, are resolved from their flanks and stay two); a taller one (a black
        // smear) is left to the rules below (made one box, FLG rep 4-5's saturated smears were lost)
        boolean saturatedTop = strip.gradualClip() && x1 - x0 + 1 >= MIN_ASPECT * (y1 - y0 + 1) && saturatedTop(net, valid);
        if (saturatedTop) clustered = false;
        Doublets.Split fit = Doublets.split(net, valid, Profiles.noise(vp), !clustered);
        Doublets.Split split = fit != null && !fit.oneBand() && saturatedTop
                ? new Doublets.Split(fit.a1(), fit.m1(), fit.a2(), fit.m2(), fit.sigma(), true) : fit;
        if (split != null && !split.oneBand()) {
            List<Box> two = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                double m = y0 + (k == 1 ? split.m1() : split.m2()), a = k == 1 ? split.a1() : split.a2();
                // the component's own 5% extent (a Gaussian falls to 5% at 2.45 sigma)
                int b0 = Math.max(0, (int) Math.round(m - 2.448 * split.sigma()));
                int b1 = Math.min(s.height - 1, (int) Math.round(m + 2.448 * split.sigma()));
                Box b = new Box(laneIndex, x0, b0, x1 - x0 + 1, b1 - b0 + 1, a, true);
                final int kk = k;
                b.share = y -> split.share(kk, y - y0);
                two.add(b);
            }
            two.get(0).pair = two.get(1);
            two.get(1).pair = two.get(0);
            return two;
        }
        // a wide band with a flat top can be taller than MIN_ASPECT allows; its shape was tested: no speck.
        // A band widened to its lane's dips is as wide as its lane, and its 5% extent along the lane
        // reaches into the tails its neighbours share: it is a speck only if its half-maximum height
        // (2 hw) is also more than WIDENED_HEIGHT of its width (see there)
        // widened on one side only, a band is judged on its width as found: a faint bump beside a loading control's
        // band, so widened, was no speck, and 5 of them made a row below B2AR July23 GAPDH's, off every lab box
        int across = widened ? x1 - x0 + 1 : found;
        boolean tall = split == null && across < MIN_ASPECT * (y1 - y0 + 1) && !(widened && strip.evenRow() && 2 * hw <= WIDENED_HEIGHT * across);
        if (tall && across < 0.5 * w) return List.of(); // a speck: narrower than half the lane (tall ones: see clusters)
        Box b = new Box(laneIndex, x0, y0, x1 - x0 + 1, y1 - y0 + 1, ey.amplitude, true);
        for (boolean v : valid) b.clipped |= !v;
        b.cluster = clustered;
        b.tall = tall;
        return List.of(b);
    }

    /**
     * A band holding clipped rows (a film's black) whose profile stays above {@link #SATURATED_VALLEY} of its top
     * from its first row there to its last: its top is not measured, and a dip that shallow is the black's noise or
     * a dense band's lighter centre, no valley between two bands. It is one saturated band, not a doublet or a cluster.
     */
    static boolean saturatedTop(double[] net, boolean[] valid) {
        boolean clipped = false;
        for (boolean v : valid) clipped |= !v;
        if (!clipped) return false;
        double top = Double.NEGATIVE_INFINITY;
        for (double v : net) top = Math.max(top, v);
        int a = 0, b = net.length - 1;
        while (net[a] < SATURATED_VALLEY * top) a++;
        while (net[b] < SATURATED_VALLEY * top) b--;
        for (int i = a; i <= b; i++) if (net[i] < SATURATED_VALLEY * top) return false;
        return true;
    }

    /**
     * Neighbouring peaks q and p (q above) of the lane profile d as one peak when they are one saturated run: clipped
     * pixels within 2 rows of each over the lane's columns c0..c1, and the profile between them never below
     * {@link #SATURATED_VALLEY} of the lower (see {@link #saturatedTop}); null otherwise.
     */
    static Profiles.Peak saturatedRun(Raster s, int c0, int c1, double[] d, Profiles.Peak q, Profiles.Peak p, double clip) {
        if (!clippedNear(s, c0, c1, q.index(), clip) || !clippedNear(s, c0, c1, p.index(), clip)) return null;
        for (int i = q.index(); i <= p.index(); i++) if (d[i] < SATURATED_VALLEY * Math.min(q.height(), p.height())) return null;
        Profiles.Peak hi = q.height() >= p.height() ? q : p;
        return new Profiles.Peak(hi.index(), hi.height(), Math.max(q.prominence(), p.prominence()), q.leftBase(), p.rightBase());
    }

    private static boolean clippedNear(Raster s, int c0, int c1, int y, double clip) {
        return anyAtLeast(s, c0, c1, Math.max(0, y - 2), Math.min(s.height - 1, y + 2), clip);
    }

    /**
     * The columns of a band touching its neighbours: from the lowest point of the profile across
     * (hp, from column xa) within a quarter lane of the lane's left border to the lowest within a
     * quarter lane of its right border.
     */
    static int[] touching(double[] hp, LaneFinder.Span lane, int xa) {
        int q = Math.max(1, lane.width() / 4);
        return new int[] {lowest(hp, lane.left() - q - xa, lane.left() + q - xa) + xa, lowest(hp, lane.right() - 1 - q - xa, lane.right() - 1 + q - xa) + xa};
    }

    /**
     * Whether the profile along the lane is a step where the band was found: the levels of the
     * valleys above and below differ by more than {@link BlotQuantifier#STEP} of the peak's rise
     * over the brighter one (the measure, and its measured threshold, of the background_step flag).
     */
    static boolean step(double[] vp, Extent e) {
        double hi = Math.max(e.bgL(), e.bgR()), lo = Math.min(e.bgL(), e.bgR()), peak = Double.NEGATIVE_INFINITY;
        for (int i = e.start(); i <= e.end(); i++) peak = Math.max(peak, vp[i]);
        return hi - lo > BlotQuantifier.STEP * (peak - hi);
    }

    private static int lowest(double[] p, int from, int to) {
        int a = Math.max(0, from), b = Math.min(p.length - 1, to), at = a;
        for (int i = a; i <= b; i++) if (p[i] < p[at]) at = i;
        return at;
    }

    /**
     * Several bands that could not be resolved (no doublet fit), boxed as one: the background-free
     * profile along the lane has two or more maxima with prominence above 3x the lane profile's noise.
     */
    static boolean cluster(double[] net, double noise) {
        return Profiles.peaks(Profiles.smooth(net, 1), Math.max(3 * noise, 1e-9)).size() >= 2;
    }

    /**
     * Inclusive index range of a peak, its height above the valley-to-valley line, and that line
     * (through (vl, bgL) and (vr, bgR)).
     */
    record Extent(int start, int end, double amplitude, int vl, double bgL, int vr, double bgR) {
        double background(int i) {
            return line(bgL, vl, bgR, vr, i);
        }
    }

    /**
     * The extent of the peak found in p[pa..pb], searching within [lo, hi]. From the half-maximum
     * points the profile is followed outward to where it stops falling (a valley: background or
     * the start of a neighbour); the baseline is the line between the two valleys and the extent
     * is where the profile stays above EDGE_FRACTION of the peak height over that line. Null when
     * the peak does not rise above its background.
     */
    static Extent extent(double[] p, int pa, int pb, int lo, int hi) {
        int top = pa;
        for (int i = pa; i <= pb; i++) if (p[i] > p[top]) top = i;
        double floorL = p[top], floorR = p[top];
        for (int i = lo; i <= top; i++) floorL = Math.min(floorL, p[i]);
        for (int i = top; i <= hi; i++) floorR = Math.min(floorR, p[i]);
        double halfLevel = (p[top] + Math.max(floorL, floorR)) / 2;
        int a = top, b = top;
        while (a > lo && p[a - 1] > halfLevel) a--;
        while (b < hi && p[b + 1] > halfLevel) b++;
        // half-widths from the middle of the half-maximum span: a flat top has no single maximum
        double hw = Math.max(1, (b - a + 1) / 2.0);
        double[] ps = Profiles.smooth(p, Math.max(1, (int) (hw / 4)));
        double tol = 2 * Profiles.noise(p) + 0.02 * (p[top] - Math.max(floorL, floorR));
        int reach = (int) Math.ceil(2.5 * hw);
        int vl = valley(ps, a, -1, Math.max(lo, a - reach), tol);
        int vr = valley(ps, b, +1, Math.min(hi, b + reach), tol);
        int q = Math.max(1, (int) (hw / 4));
        double bgL = mean(p, vl - q, vl + q, lo, hi), bgR = mean(p, vr - q, vr + q, lo, hi);
        double amp = p[top] - line(bgL, vl, bgR, vr, top);
        if (!(amp > 0)) return null;
        double lim = BlotQuantifier.EDGE_FRACTION * amp;
        a = top;
        b = top;
        while (a - 1 >= vl && p[a - 1] - line(bgL, vl, bgR, vr, a - 1) > lim) a--;
        while (b + 1 <= vr && p[b + 1] - line(bgL, vl, bgR, vr, b + 1) > lim) b++;
        return new Extent(a, b, amp, vl, bgL, vr, bgR);
    }

    /** Walks from i in direction dir to the lowest point before the profile rises by more than tol. */
    private static int valley(double[] ps, int i, int dir, int end, double tol) {
        int at = i;
        for (int j = i + dir; dir < 0 ? j >= end : j <= end; j += dir) {
            if (ps[j] < ps[at]) at = j;
            else if (ps[j] > ps[at] + tol) break;
        }
        return at;
    }

    private static double mean(double[] p, int from, int to, int lo, int hi) {
        double s = 0;
        int n = 0;
        for (int i = Math.max(lo, from); i <= Math.min(hi, to); i++) { s += p[i]; n++; }
        return s / n;
    }

    private static double line(double y0, double x0, double y1, double x1, double x) {
        return x1 == x0 ? (y0 + y1) / 2 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }

    private static boolean anyAtLeast(Raster s, int x0, int x1, int y0, int y1, double level) {
        for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) if (s.px[y * s.width + x] >= level) return true;
        return false;
    }

    static double[] meanOverColumns(Raster s, int x0, int x1, int y0, int y1) {
        double[] out = new double[y1 - y0 + 1];
        for (int y = y0; y <= y1; y++) {
            double sum = 0;
            int o = y * s.width;
            for (int x = x0; x <= x1; x++) sum += s.px[o + x];
            out[y - y0] = sum / (x1 - x0 + 1);
        }
        return out;
    }

    static double[] meanOverRows(Raster s, int x0, int x1, int y0, int y1) {
        double[] out = new double[x1 - x0 + 1];
        for (int y = y0; y <= y1; y++) {
            int o = y * s.width;
            for (int x = x0; x <= x1; x++) out[x - x0] += s.px[o + x];
        }
        for (int i = 0; i < out.length; i++) out[i] /= (y1 - y0 + 1);
        return out;
    }
}

