package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;
import org.assayquant.core.blot.Ladders.Ladder;

/**
 * Apparent sizes from a marker lane, as gel tools do it: the marker lane's bands are matched to
 * the ladder's sizes (largest at the top), log10(size) is interpolated against migration by a
 * monotone cubic (PCHIP: exact at every marker band, never overshooting between them) and
 * extended linearly beyond the marker (flagged {@code size_extrapolated}). Smile and tilt are
 * taken out before a band is read against the marker: the band is moved along the strip's smile
 * ({@link GelSmile}, from every row's bands across the lanes) to each marker lane and read there;
 * with two marker lanes the two readings are weighted by the band's position between them.
 */
public final class SizeCalibration {
    /**
     * A marker fit whose residual scatter about a smooth (cubic) curve exceeds this in log10
     * (4.7%) is flagged {@code marker_fit_poor}: the aim is 5%, and a correctly matched
     * synthetic or real marker scatters far less (docs/sizes.md), a wrongly matched one (shifted
     * by a band) by 0.03-0.06.
     */
    static final double POOR_FIT_LOG10 = 0.02;
    /**
     * A matching that leaves out one more band than the counts require must lower the residual
     * scatter by this much (log10) per band left out: below the scatter of a good fit's noise, far
     * below the misfit of a wrong match.
     */
    static final double DROP_PENALTY = 0.004;
    /**
     * A matching that puts a ladder's reference band (loaded at 2-5x the mass of the others) on a
     * band fainter than as many other matched bands as there are reference bands matched costs
     * this (log10) per such band. Measured reason: on a real NEB 1 kb Plus lane (docs/sizes.md)
     * whose 900-600 bp bands ran together and whose 400 bp band was found twice, the match shifted
     * by two bands below 1 kb scattered only 0.017 (3.9%) about a cubic, less than the true match
     * with its 4 extra bands left out (0.016 in DROP_PENALTY); the shifted match put the 500 bp
     * reference band on a faint band. 0.01 outweighs that gap and is a fifth of a shifted match's
     * usual misfit on the synthetic ladders.
     */
    static final double REFERENCE_PENALTY = 0.01;
    /**
     * From this many matched bands the scatter is taken about a quintic, not a cubic. Measured
     * reason: a DNA ladder over two decades (NEB 1 kb Plus, 10 kb to 100 bp, docs/sizes.md) bunches
     * at both ends; its right match scattered 4.7-4.8% about a cubic (over the poor-fit limit) and a
     * match that left out the 100 bp band and shifted the bands above it scored better. About a
     * quintic the right match scatters 1.6-2.5%. 10-band protein ladders keep the cubic.
     */
    static final int LONG_LADDER = 14;
    /**
     * Weight (log10 per log10) of the spread of brightness per ng when the ladder's band masses are
     * known: a match is scored by how evenly its bands' volumes follow the masses. Measured reason:
     * the real NEB 1 kb Plus marker lane 2 (docs/sizes.md) with its 100 bp band taken away (run off
     * the gel, as on the held-out gel) was matched shifted by one band below 500 bp (400 bp read as
     * 300), unflagged, without masses, and right with them
     * ({@code RealGelArtefactsTest.theBandMassesKeepTheMatchWhenTheLastBandRanOff}).
     * On the four development lanes as found, masses change no match; 0.02-0.1 gave the same
     * matches there (with the cubic scatter of the previous step), 0.05 is their middle.
     */
    static final double MASS_WEIGHT = 0.05;

    private SizeCalibration() {}

    /**
     * One marker lane's fit: matched band centres (top to bottom) and their sizes, of a ladder of
     * {@code ladder} sizes. Poor: the matched bands scatter about a smooth curve, or fewer than 4
     * or fewer than half of the ladder's sizes matched (too few to check the curve, or the wrong
     * lane: on synthetic blots whose marker lanes the lane finder missed, a sample lane's 3 bands
     * were matched to 250/150/100 kDa with no scatter to show it).
     */
    public record Marker(int strip, int lane, double x, double[] y, double[] sizes, double scatter, int found, int ladder,
            boolean referencesOff, List<String> notes) {
        public boolean poor() { return scatter > POOR_FIT_LOG10 || sizes.length < 4 || 2 * sizes.length < ladder || referencesOff; }
    }

    /** Apparent sizes aligned with {@code result.bands()} (NaN where none), the result with size reasons added. */
    public record Result(BlotResult result, double[] sizes, String unit, List<Marker> markers, List<String> warnings) {}

    /** lanesOf: the marker lanes, checked against r's strips ({@link MarkerLanes#check}). */
    public static Result apply(Raster signal, BlotResult r, MarkerLanes lanesOf, Ladder ladder) {
        List<Band> bands = r.bands();
        double[] size = new double[bands.size()];
        Arrays.fill(size, Double.NaN);
        List<List<String>> extra = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) extra.add(new ArrayList<>());
        List<Marker> markers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int k = 0; k < r.strips(); k++) {
            int strip = k + 1;
            if (lanesOf.of(k).length == 0) continue;
            List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == strip).toList();
            List<Marker> ms = new ArrayList<>();
            for (int lane : lanesOf.of(k)) {
                if (lane > lanes.size())
                    throw AssayException.invalid("marker_lane=" + lane + ": strip " + strip + " has " + lanes.size() + " lanes");
                Marker m = fitMarker(signal, r, lanes.get(lane - 1), ladder);
                markers.add(m);
                warnings.addAll(m.notes());
                if (m.y().length >= 3) ms.add(m);
            }
            if (ms.isEmpty()) continue;
            boolean poor = ms.stream().anyMatch(Marker::poor);
            GelSmile smile = GelSmile.fit(bands, strip, lanesOf);
            Marker left = ms.get(0), right = ms.get(ms.size() - 1);
            if (left.x() > right.x()) { Marker t = left; left = right; right = t; }
            for (int i = 0; i < bands.size(); i++) {
                Band b = bands.get(i);
                if (b.strip() != strip) continue;
                double x = b.x() + b.width() / 2.0, y = b.y() + b.height() / 2.0;
                boolean outside = false;
                double logSize;
                // the band moved along the strip's smile to each marker lane (a marker lane's own band stays)
                boolean moved = smile != null && !lanesOf.has(k, b.lane()) && !Double.isNaN(smile.move(b, x));
                if (ms.size() == 2 && !moved) {
                    // no smile to follow: the two marker curves interpolated to the band's lane (tilt, not smile)
                    double[][] curve = between(ms.get(0), ms.get(1), x);
                    if (curve[0].length < 2) continue;
                    logSize = pchip(curve[0], curve[1], y);
                    outside = y < curve[0][0] || y > curve[0][curve[0].length - 1];
                } else {
                    // read at each marker lane, two markers weighted by distance
                    double f = ms.size() == 1 ? 0 : Math.max(0, Math.min(1, (x - left.x()) / (right.x() - left.x())));
                    double yl = moved ? smile.move(b, left.x()) : y, yr = moved ? smile.move(b, right.x()) : y;
                    logSize = (1 - f) * pchip(left.y(), log10(left.sizes()), yl) + f * pchip(right.y(), log10(right.sizes()), yr);
                    outside = outside(left, yl) || outside(right, yr);
                    if (moved && (smile.extrapolatedLine(left.x()) || smile.extrapolatedLine(right.x()))) extra.get(i).add("size_smile_extrapolated");
                }
                size[i] = Math.pow(10, logSize);
                if (outside) extra.get(i).add("size_extrapolated");
                if (unresolvedPart(bands, b)) extra.get(i).add("size_doublet_part");
                if (poor) extra.get(i).add("marker_fit_poor");
            }
        }
        List<Band> out = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) out.add(withReasons(bands.get(i), extra.get(i)));
        BlotResult annotated = new BlotResult(r.polarity(), r.clipLevel(), r.background(), r.rollingRadius(), r.lanes(), out, r.warnings());
        return new Result(annotated, size, ladder.unit(), markers, warnings);
    }

    /** A size as reported: 3 significant digits (a 5% method; more digits would claim more). */
    public static double round(double size) {
        if (!(size > 0) || Double.isInfinite(size)) return size;
        double scale = Math.pow(10, 2 - Math.floor(Math.log10(size)));
        return Math.round(size * scale) / scale;
    }

    static Band withReasons(Band b, List<String> more) {
        if (more.isEmpty()) return b;
        List<String> reasons = new ArrayList<>(b.reasons());
        for (String m : more) if (!reasons.contains(m)) reasons.add(m);
        return new Band(b.lane(), b.row(), b.x(), b.y(), b.width(), b.height(), b.volume(), b.background(), b.peak(),
                b.clippedPixels(), b.saturated(), b.detected(), b.strip(), List.copyOf(reasons));
    }

    /** The marker lane's bands (found on their own: a marker's rows are not the samples' rows) matched to the ladder. */
    static Marker fitMarker(Raster signal, BlotResult r, Lane lane, Ladder ladder) {
        LaneFinder.Span span = new LaneFinder.Span(lane.x() + lane.width() / 2.0, lane.x(), lane.x() + lane.width(), lane.y(), lane.y() + lane.height());
        List<Box> boxes = new ArrayList<>(BandFinder.find(signal, span, lane.index() - 1, r.clipLevel(), BandFinder.Traits.PLAIN));
        BandFinder.clusters(boxes);
        boxes.removeIf(b -> !b.cluster && b.w < BandFinder.MIN_ASPECT * b.h);
        double[][] bands = markerBands(boxes);
        return match(lane.strip(), lane.index(), lane.x() + lane.width() / 2.0, bands[0], bands[1], ladder);
    }

    /**
     * A marker lane's band centres (top to bottom) and brightnesses from its boxes; the two parts
     * of an {@link #unresolved} doublet count as one band at their amplitude-weighted centre.
     */
    static double[][] markerBands(List<Box> found) {
        List<Box> boxes = new ArrayList<>(found);
        boxes.sort(Comparator.comparingDouble(Box::cy));
        List<double[]> bands = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            // Brightness as peak x height, a band volume up to a shape factor: a reference band holds more
            // DNA, not a higher peak (the 0.5 kb band of an overrun NEB gel, broadened, peaked below the
            // 6 kb band while holding 2.6x its mass; docs/sizes.md)
            double amp = b.amplitude * b.h;
            Box o = i + 1 < boxes.size() ? boxes.get(i + 1) : null;
            if (o != null && b.pair == o && unresolved(b, o)) {
                bands.add(new double[] {(b.cy() * b.amplitude + o.cy() * o.amplitude) / (b.amplitude + o.amplitude), amp + o.amplitude * o.h});
                i++;
            } else {
                bands.add(new double[] {b.cy(), amp});
            }
        }
        return new double[][] {bands.stream().mapToDouble(v -> v[0]).toArray(), bands.stream().mapToDouble(v -> v[1]).toArray()};
    }

    /**
     * Two fitted parts of one profile peak closer than 2 sigma (two equal bands show no valley
     * between them before 2 sigma): in a marker lane one ladder band, as a lane whose close ladder
     * bands run together shows them as one. Measured reason: on the real NEB 1 kb Plus gel
     * (docs/sizes.md) the band finder split the 10 kb, 6 kb, 3 kb, 400 bp and 100 bp bands of the
     * marker lanes into parts 1.3-1.8 sigma apart; matched alone, a part put the 100 bp size 5.5 px
     * (6%) below the band's centre and shifted lanes 3 and 4 out of a match.
     */
    static boolean unresolved(Box a, Box b) {
        double sigma = (a.h + b.h) / 2.0 / (2 * 2.448); // each part is boxed over its mean +-2.448 sigma
        return Math.abs(a.cy() - b.cy()) < 2 * sigma;
    }

    /**
     * Band b is one part of a doublet the band finder resolved with no valley between the parts
     * (closer than 2 sigma, as {@link #unresolved}): its centre is the fit's, and the profile cannot
     * tell two bands from one skewed band. Measured reason: every such pair on the real NEB gel's
     * sample lanes (docs/sizes.md) was one ladder band split in two, its parts' sizes 5-19% off.
     */
    static boolean unresolvedPart(List<Band> bands, Band b) {
        if (!b.reasons().contains("doublet")) return false;
        double cy = b.y() + b.height() / 2.0;
        for (Band o : bands) {
            if (o == b || o.strip() != b.strip() || o.lane() != b.lane() || !o.reasons().contains("doublet")) continue;
            double sigma = (b.height() + o.height()) / 2.0 / (2 * 2.448);
            if (Math.abs(o.y() + o.height() / 2.0 - cy) < 2 * sigma) return true;
        }
        return false;
    }

    /**
     * Matches band centres y (top to bottom) with brightnesses to the ladder's sizes (largest
     * first), both in order. When the counts differ, or one band is missing and another extra,
     * every way of leaving bands out (up to one more than the counts require, on each side) is
     * scored by the residual scatter of log10(size) about a cubic in y, plus DROP_PENALTY per band
     * left out beyond the required; the best is kept and the left-out bands are named.
     */
    static Marker match(int strip, int lane, double x, double[] y, double[] amp, Ladder ladder) {
        double[] sizes = ladder.sizes();
        String where = "strip " + strip + ", marker lane " + lane;
        List<String> notes = new ArrayList<>();
        int[] keepPeaks = strongest(amp, sizes.length + 4);
        double[] yy = Arrays.stream(keepPeaks).mapToDouble(i -> y[i]).toArray();
        int m = yy.length, n = sizes.length;
        if (Math.min(m, n) < 3) {
            notes.add(where + ": " + m + " band(s) found for a marker of " + n + " sizes; no sizes (at least 3 marker bands are needed)");
            return new Marker(strip, lane, x, new double[0], new double[0], Double.NaN, y.length, n, false, notes);
        }
        double[] logs = log10(sizes);
        double[] aa = Arrays.stream(keepPeaks).mapToDouble(i -> amp[i]).toArray();
        boolean[] ref = new boolean[n];
        for (int j = 0; j < n; j++) for (double r : ladder.reference()) ref[j] |= r == sizes[j];
        int min = Math.min(m, n);
        double[][] perNg = perNg(aa, ladder.masses());
        boolean[] top = brightest(aa, ref);
        double best = Double.POSITIVE_INFINITY;
        int[] bestP = null, bestS = null;
        // Two more left out on each side with reference bands: a DNA ladder's close bands run together
        // (the NEB 1 kb Plus lane of docs/sizes.md shows 2 of its 900-600 bp bands) while a speck or a
        // split band adds one
        int deepest = ladder.reference().length > 0 ? min - 2 : min - 1;
        for (int k = min; k >= Math.max(3, deepest); k--) {
            int extraDrops = (m - k) + (n - k) - Math.abs(m - n);
            List<int[]> sizeSets = subsets(n, k);
            for (int[] ps : subsets(m, k)) {
                Fit fit = null;
                double[] pl = new double[k];
                for (int[] ss : sizeSets) {
                    double bound = DROP_PENALTY * extraDrops + REFERENCE_PENALTY * misplacedReferences(top, ps, ss, ref);
                    if (bound >= best - 1e-12) continue;
                    bound += MASS_WEIGHT * massScatter(perNg, ps, ss);
                    if (bound >= best - 1e-12) continue;
                    if (fit == null) {
                        double[] py = new double[k];
                        for (int i = 0; i < k; i++) py[i] = yy[ps[i]];
                        fit = new Fit(py);
                    }
                    for (int i = 0; i < k; i++) pl[i] = logs[ss[i]];
                    double score = fit.scatter(pl) + bound;
                    if (score < best - 1e-12) { best = score; bestP = ps; bestS = ss; }
                }
            }
        }
        int k = bestP.length;
        double[] my = new double[k], msz = new double[k];
        for (int i = 0; i < k; i++) { my[i] = yy[bestP[i]]; msz[i] = sizes[bestS[i]]; }
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < n; j++) if (!contains(bestS, j)) missing.add(Ladders.fmt(sizes[j]));
        int extra = y.length - k;
        double sc = scatter(my, log10(msz));
        // Even the best matching leaves a reference band off the brightest bands: bands of the
        // ladder are lost or split beyond what the search tries (a real NEB 1 kb Plus edge lane with
        // 4 split bands and 2 specks, docs/sizes.md), so the sizes are not to be trusted
        boolean referencesOff = misplacedReferences(top, bestP, bestS, ref) > 0;
        if (!missing.isEmpty() || extra > 0)
            notes.add(String.format(Locale.ROOT, "%s: %d of %d marker sizes matched%s%s", where, k, n,
                    missing.isEmpty() ? "" : " (no band for " + String.join(", ", missing) + " " + ladder.unit() + ")",
                    extra > 0 ? "; " + extra + " extra band(s) in the marker lane not used" : ""));
        if (sc > POOR_FIT_LOG10)
            notes.add(String.format(Locale.ROOT, "%s: the marker bands scatter %.1f%% about a smooth size curve: sizes are doubtful (marker_fit_poor); check marker_lane and marker_sizes",
                    where, 100 * (Math.pow(10, sc) - 1)));
        else if (referencesOff)
            notes.add(String.format(Locale.ROOT, "%s: the ladder's reference bands (%s %s) are not the brightest bands the sizes were matched to: sizes are doubtful (marker_fit_poor);"
                    + " check marker_sizes, or give the sizes the image shows", where,
                    String.join(", ", Arrays.stream(ladder.reference()).mapToObj(Ladders::fmt).toList()), ladder.unit()));
        else if (k < 4 || 2 * k < n)
            notes.add(String.format(Locale.ROOT, "%s: only %d of %d marker sizes matched: sizes are doubtful (marker_fit_poor); check that lane %d is the marker"
                    + " (lanes.csv, overlay.png; lanes=<n> or lanes=roi when it was missed), or give the sizes the image shows as marker_sizes", where, k, n, lane));
        return new Marker(strip, lane, x, my, msz, sc, y.length, n, referencesOff, notes);
    }

    /** log10(brightness / mass) of every band against every ladder size; null without masses. */
    static double[][] perNg(double[] amp, double[] masses) {
        if (masses.length == 0) return null;
        double[][] v = new double[amp.length][masses.length];
        for (int p = 0; p < amp.length; p++)
            for (int j = 0; j < masses.length; j++) v[p][j] = Math.log10(Math.max(amp[p], 1e-12) / masses[j]);
        return v;
    }

    /**
     * Spread (standard deviation, log10) of the matched bands' brightness per ng of the ladder's
     * band masses ({@link #perNg}): 0 without masses; a match shifted by a band pairs bright bands
     * with light masses and spreads it.
     */
    static double massScatter(double[][] perNg, int[] ps, int[] ss) {
        if (perNg == null || ps.length < 2) return 0;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < ps.length; i++) {
            double v = perNg[ps[i]][ss[i]];
            sum += v;
            sum2 += v * v;
        }
        int k = ps.length;
        return Math.sqrt(Math.max(0, (sum2 - sum * sum / k) / (k - 1)));
    }

    /**
     * How many of the lane's q brightest bands (q = the ladder's reference bands) the matching does
     * not put on a reference size: left out, or given an ordinary size.
     */
    static int misplacedReferences(boolean[] brightest, int[] ps, int[] ss, boolean[] ref) {
        int top = 0, on = 0;
        for (boolean t : brightest) if (t) top++;
        for (int i = 0; i < ps.length; i++) if (brightest[ps[i]] && ref[ss[i]]) on++;
        return top - on;
    }

    /** The lane's q brightest bands (fewer than q brighter than each), q = the ladder's reference bands. */
    static boolean[] brightest(double[] amp, boolean[] ref) {
        int q = 0;
        for (boolean r : ref) if (r) q++;
        boolean[] out = new boolean[amp.length];
        if (q == 0) return out;
        for (int b = 0; b < amp.length; b++) {
            int brighter = 0;
            for (double a : amp) if (a > amp[b]) brighter++;
            out[b] = brighter < q;
        }
        return out;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    /** Indices of the (at most) max largest amplitudes, in their original order. */
    private static int[] strongest(double[] amp, int max) {
        Integer[] idx = new Integer[amp.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> -amp[i]));
        return Arrays.stream(idx).limit(max).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** All k-element subsets of 0..n-1, each ascending. */
    static List<int[]> subsets(int n, int k) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[k];
        for (int i = 0; i < k; i++) c[i] = i;
        while (true) {
            out.add(c.clone());
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) i--;
            if (i < 0) return out;
            c[i]++;
            for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        }
    }

    /**
     * Residual standard deviation of v about a least-squares polynomial in y (cubic from 6 points,
     * quintic from {@link #LONG_LADDER}, lower with fewer; y scaled to [-1, 1]); 0 when the points
     * leave no degree of freedom.
     */
    static double scatter(double[] y, double[] v) {
        return new Fit(y).scatter(v);
    }

    /**
     * The least-squares polynomial fit of {@link #scatter} for one set of band positions, solved
     * once (the inverse of its normal matrix): the matching scores every subset of sizes against
     * the same bands, up to a million candidates on a 19-band ladder.
     */
    static final class Fit {
        private final int n, d;
        private final double[][] pw, inv;

        Fit(double[] y) {
            n = y.length;
            d = Math.min(n >= LONG_LADDER ? 5 : 3, n - 3);
            int c = Math.max(d, 0) + 1;
            pw = new double[n][c];
            double lo = y[0], hi = y[n - 1], mid = (lo + hi) / 2, half = Math.max(1e-9, (hi - lo) / 2);
            for (int i = 0; i < n; i++) {
                double t = (y[i] - mid) / half, p = 1;
                for (int j = 0; j < c; j++) { pw[i][j] = p; p *= t; }
            }
            inv = d < 1 ? null : invert(pw, c);
        }

        double scatter(double[] v) {
            if (d < 1) return 0;
            if (inv == null) return Double.POSITIVE_INFINITY;
            int c = d + 1;
            double mean = 0;
            for (int i = 0; i < n; i++) mean += v[i];
            mean /= n;
            // residual sum of squares = |v|^2 - b' A^-1 b (b = P'v), v centred: the constant term absorbs the mean
            double vv = 0;
            double[] b = new double[c];
            for (int i = 0; i < n; i++) {
                double vi = v[i] - mean;
                vv += vi * vi;
                for (int j = 0; j < c; j++) b[j] += pw[i][j] * vi;
            }
            double explained = 0;
            for (int j = 0; j < c; j++) {
                double coef = 0;
                for (int l = 0; l < c; l++) coef += inv[j][l] * b[l];
                explained += b[j] * coef;
            }
            return Math.sqrt(Math.max(0, vv - explained) / (n - d - 1));
        }

        /** Inverse of P'P by Gauss-Jordan with partial pivoting; null when singular. */
        private static double[][] invert(double[][] pw, int c) {
            double[][] a = new double[c][2 * c];
            for (double[] row : pw)
                for (int j = 0; j < c; j++) for (int l = 0; l < c; l++) a[j][l] += row[j] * row[l];
            for (int j = 0; j < c; j++) a[j][c + j] = 1;
            for (int j = 0; j < c; j++) {
                int piv = j;
                for (int r = j + 1; r < c; r++) if (Math.abs(a[r][j]) > Math.abs(a[piv][j])) piv = r;
                double[] tmp = a[j]; a[j] = a[piv]; a[piv] = tmp;
                if (Math.abs(a[j][j]) < 1e-12) return null;
                double f0 = a[j][j];
                for (int l = 0; l < 2 * c; l++) a[j][l] /= f0;
                for (int r = 0; r < c; r++) {
                    if (r == j) continue;
                    double f = a[r][j];
                    for (int l = 0; l < 2 * c; l++) a[r][l] -= f * a[j][l];
                }
            }
            double[][] out = new double[c][c];
            for (int j = 0; j < c; j++) System.arraycopy(a[j], c, out[j], 0, c);
            return out;
        }
    }

    static double[] log10(double[] v) {
        return Arrays.stream(v).map(Math::log10).toArray();
    }

    /** The marker curve at lane position x, interpolated (or extended) between two marker lanes, over the sizes both matched. */
    private static double[][] between(Marker a, Marker b, double x) {
        if (a.x() > b.x()) { Marker t = a; a = b; b = t; }
        double f = (x - a.x()) / (b.x() - a.x());
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < a.sizes().length; i++)
            for (int j = 0; j < b.sizes().length; j++)
                if (a.sizes()[i] == b.sizes()[j]) pts.add(new double[] {a.y()[i] + f * (b.y()[j] - a.y()[i]), Math.log10(a.sizes()[i])});
        pts.sort(Comparator.comparingDouble(p -> p[0]));
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static boolean outside(Marker m, double y) {
        return y < m.y()[0] || y > m.y()[m.y().length - 1];
    }

    /**
     * Monotone piecewise-cubic Hermite interpolation (Fritsch-Carlson slopes) of f over ascending
     * x; outside [x0, xn] the end segment's straight line.
     */
    static double pchip(double[] x, double[] f, double q) {
        int n = x.length;
        if (n == 1) return f[0];
        if (q <= x[0]) return f[0] + (q - x[0]) * (f[1] - f[0]) / (x[1] - x[0]);
        if (q >= x[n - 1]) return f[n - 1] + (q - x[n - 1]) * (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
        double[] h = new double[n - 1], delta = new double[n - 1];
        for (int i = 0; i < n - 1; i++) { h[i] = x[i + 1] - x[i]; delta[i] = (f[i + 1] - f[i]) / h[i]; }
        double[] s = new double[n];
        s[0] = delta[0];
        s[n - 1] = delta[n - 2];
        for (int i = 1; i < n - 1; i++) {
            if (delta[i - 1] * delta[i] <= 0) { s[i] = 0; continue; }
            double w1 = 2 * h[i] + h[i - 1], w2 = h[i] + 2 * h[i - 1];
            s[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
        }
        int i = 0;
        while (q > x[i + 1]) i++;
        double t = (q - x[i]) / h[i], t2 = t * t, t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * f[i] + (t3 - 2 * t2 + t) * h[i] * s[i] + (-2 * t3 + 3 * t2) * f[i + 1] + (t3 - t2) * h[i] * s[i + 1];
    }
}
