package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;

/**
 * Lanes on a gel photo's wells (issue 20, the Ameral lab's GelRed phone photos: one or two tiers of
 * 10-20 wells on one gel, a ladder and gDNA smears, many wells empty). The lane finder, shown the
 * bright gel on its dark surround, finds one lane; tiers are one strip. The wells are what a person
 * reads: a comb leaves a row of evenly spaced slots, and the lanes below it run on the same pitch.
 * So rows whose high-passed profile across the gel is periodic and of more than the usual contrast
 * come in blocks, one per tier (the wells and the lanes' tops); the block's rows give the wells'
 * pitch; the phase comes from the tier's lanes below the wells (the narrow dark gaps between loaded
 * lanes: the wells row itself shows bright rims on some gels, dark slots on others). Every comb
 * position on the gel is a lane: a loaded well is one lane, an empty well an empty lane.
 */
public final class GelWells {
    /**
     * High-pass half-width (pixels): the gel's slow shading removed, the wells' pitch kept. Wells
     * 32-46 px apart on the development photos.
     */
    static final int HIGH_PASS = 30;
    /** Lags searched for the wells' pitch (pixels): the development photos' pitches 32-46, and their double. */
    static final int MIN_LAG = 20, MAX_LAG = 80;
    /**
     * A row is periodic when its normalised autocorrelation reaches this at some lag: the development
     * photos' wells and lane tops 0.5-0.9, the plain gel below the lanes under 0.2 (09-12's faint
     * smears 0.2-0.35 below its wells row).
     */
    static final double PERIODIC = 0.45;
    /** ... and its contrast (RMS of the high-passed row) is this many times the median row's (noise rows stay below). */
    static final double CONTRAST = 1.3;
    /**
     * The gel is the columns whose median is at least this fraction of the median column: the dark
     * red surround at 0.5-0.6 of the gel on the development photos, the gel's vignette above 0.75.
     */
    static final double GEL = 0.75;
    /**
     * Periodic rows closer than this many pitches are one tier: gaps within a tier 3-44 rows (10-08's
     * wells and its lanes' tops 44 rows apart, pitch 39), between tiers 214-249 rows (6-7 pitches).
     */
    static final int TIER_GAP = 3;
    /** A tier's block spans at least this many rows: 09-12's wells row 12 rows, single stray rows elsewhere. */
    static final int MIN_ROWS = 5;
    /** The lanes below the wells, for the phase: 3 pitches of rows (the development photos' smears run 2-8). */
    static final int LANE_ROWS = 3;
    /**
     * A well is this fraction of the pitch tall, from the first periodic row (its top): the development
     * photos' wells 10-14 px tall on 32-46 px pitches (11-15 px at 1/3); the ladder's first band and the
     * smears start below.
     */
    static final double WELL = 1 / 3.0;
    /** A lane is this fraction of the pitch wide: the development photos' smears 30-36 px on 39-43 px pitches. */
    static final double LANE_WIDTH = 0.8;

    private GelWells() {}

    /** One tier: its rows (top inclusive, bottom exclusive), the wells' pitch and their centres. */
    record Tier(int top, int bottom, double pitch, double[] centres) {}

    /**
     * The lanes on the wells of every tier (one tier's lanes spanning its rows, from the wells' top;
     * none when no wells are found), the wells' rows (top, bottom exclusive) and a note per tier.
     */
    public record Placed(List<BlotOptions.LaneRect> lanes, List<int[]> wells, List<String> notes) {
        /**
         * Bands centred in a row of wells are {@code in_well} (a well's rim or the DNA left in it, no
         * fragment that ran); a lane whose detected bands are all in its well is empty (nothing ran).
         * The wells stay in the lanes (DNA left in a well is worth a look), flagged.
         */
        public BlotResult flag(BlotResult r) {
            if (wells.isEmpty()) return r;
            List<BlotResult.Band> bands = r.bands().stream()
                    .map(b -> inWell(b) ? SizeCalibration.withReasons(b, List.of(IN_WELL)) : b).toList();
            List<BlotResult.Lane> lanes = new ArrayList<>();
            for (BlotResult.Lane l : r.lanes()) {
                List<BlotResult.Band> own = bands.stream().filter(b -> b.strip() == l.strip() && b.lane() == l.index()).toList();
                List<String> reasons = new ArrayList<>(l.reasons());
                boolean ran = own.stream().anyMatch(b -> b.detected() && !b.reasons().contains(IN_WELL));
                if (!ran && !reasons.contains("empty")) reasons.add(0, "empty");
                if (own.stream().anyMatch(b -> b.reasons().contains(IN_WELL))) reasons.add(IN_WELL);
                lanes.add(new BlotResult.Lane(l.index(), l.x(), l.y(), l.width(), l.height(), l.strip(), List.copyOf(reasons)));
            }
            return new BlotResult(r.polarity(), r.clipLevel(), r.background(), r.rollingRadius(), lanes, bands, r.warnings());
        }

        private boolean inWell(BlotResult.Band b) {
            double c = b.y() + b.height() / 2.0;
            return wells.stream().anyMatch(w -> c >= w[0] && c < w[1]);
        }
    }

    /** The reason given to a band in a row of wells. */
    public static final String IN_WELL = "in_well";

    public static Placed place(Raster lum) {
        List<BlotOptions.LaneRect> out = new ArrayList<>();
        List<int[]> wells = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Tier> tiers = tiers(lum);
        for (int k = 0; k < tiers.size(); k++) {
            Tier t = tiers.get(k);
            int w = (int) Math.round(LANE_WIDTH * t.pitch());
            for (double c : t.centres()) {
                int x = (int) Math.round(c - w / 2.0);
                out.add(new BlotOptions.LaneRect(x, t.top(), w, t.bottom() - t.top()));
            }
            wells.add(new int[] {t.top(), t.top() + (int) Math.round(WELL * t.pitch())});
            notes.add(String.format(Locale.ROOT, "gel wells: tier %d (rows %d-%d) %d wells %.1f px apart, each a lane (an empty well an empty lane); check them on the overlay",
                    k + 1, t.top(), t.bottom() - 1, t.centres().length, t.pitch()));
        }
        if (tiers.isEmpty()) notes.add("gel wells: no row of wells found on this gel photo: lanes found from the lanes' signal");
        return new Placed(out, wells, notes);
    }

    static List<Tier> tiers(Raster lum) {
        int w = lum.width, h = lum.height;
        int[] gel = gelColumns(lum);
        int x0 = gel[0] + HIGH_PASS, x1 = gel[1] - HIGH_PASS;
        if (x1 - x0 < 2 * MAX_LAG) return List.of();
        double[] contrast = new double[h];
        int[] lag = new int[h];
        double[] ac = new double[h];
        for (int y = 0; y < h; y++) {
            double[] row = new double[w];
            for (int x = 0; x < w; x++) row[x] = lum.px[y * w + x];
            double[] d = highPass(row, HIGH_PASS, x0, x1);
            double den = 0;
            for (double v : d) den += v * v;
            contrast[y] = Math.sqrt(den / d.length);
            if (den == 0) continue;
            for (int l = MIN_LAG; l <= MAX_LAG; l++) {
                double s = 0;
                for (int i = 0; i + l < d.length; i++) s += d[i] * d[i + l];
                if (s / den > ac[y]) { ac[y] = s / den; lag[y] = l; }
            }
        }
        double median = Profiles.median(contrast);
        boolean[] periodic = new boolean[h];
        for (int y = 0; y < h; y++) periodic[y] = ac[y] >= PERIODIC && contrast[y] >= CONTRAST * median;
        // blocks of periodic rows, one per tier
        List<int[]> blocks = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            if (!periodic[y]) continue;
            int[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && y - last[1] <= TIER_GAP * last[2]) last[1] = y;
            else blocks.add(new int[] {y, y, lag[y]});
        }
        blocks.removeIf(b -> b[1] - b[0] < MIN_ROWS);
        List<Tier> out = new ArrayList<>();
        for (int k = 0; k < blocks.size(); k++) {
            int top = blocks.get(k)[0];
            int next = k + 1 < blocks.size() ? blocks.get(k + 1)[0] : h;
            // the pitch: the commonest lag of the block's first periodic rows (a row's best lag may be two pitches)
            double[] lags = IntStream.range(top, Math.min(next, top + 10)).filter(y -> periodic[y]).mapToDouble(y -> lag[y]).toArray();
            int p = (int) Profiles.median(lags);
            double[] lanes = new double[w];
            int from = top + p / 2, to = Math.min(next, top + LANE_ROWS * p);
            for (int y = from; y < to; y++) for (int x = 0; x < w; x++) lanes[x] += lum.px[y * w + x];
            double[] d = Profiles.smooth(highPass(lanes, p, 0, w), Math.max(1, p / 8));
            double[] comb = comb(d, p, gel[0] + p / 2, gel[1] - p / 2);
            double pitch = comb[0], phase = comb[1];
            List<Double> centres = new ArrayList<>();
            for (double c = phase; c < w; c += pitch) if (c >= gel[0] + pitch / 2 && c <= gel[1] - pitch / 2) centres.add(c);
            // a tier's lanes from its wells' top to the next tier's wells
            out.add(new Tier(top, next, pitch, centres.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    /**
     * The pitch (within 1.5 px of the rows' lag, 0.1 px steps) and the lane centres' phase: the comb
     * whose teeth fall darkest (the gaps between lanes), shifted half a pitch.
     */
    static double[] comb(double[] d, int lag, int from, int to) {
        double best = Double.NEGATIVE_INFINITY, pitch = lag, phase = 0;
        for (int i = -15; i <= 15; i++) {
            double p = lag + i / 10.0;
            for (double ph = 0; ph < p; ph += 0.5) {
                double s = 0;
                int n = 0;
                for (double c = ph; c < d.length; c += p) {
                    int x = (int) c;
                    if (x >= from && x < to) { s -= d[x]; n++; }
                }
                if (n > 0 && s / n > best) { best = s / n; pitch = p; phase = ph; }
            }
        }
        return new double[] {pitch, (phase + pitch / 2) % pitch};
    }

    /** The profile minus its moving average (half-width r), over [from, to), its mean removed. */
    static double[] highPass(double[] p, int r, int from, int to) {
        double[] s = Profiles.smooth(p, r);
        double[] d = new double[to - from];
        double mean = 0;
        for (int x = from; x < to; x++) mean += d[x - from] = p[x] - s[x];
        mean /= d.length;
        for (int i = 0; i < d.length; i++) d[i] -= mean;
        return d;
    }

    /** The first and last column whose median is at least {@link #GEL} of the median column's. */
    static int[] gelColumns(Raster lum) {
        int w = lum.width, h = lum.height;
        double[] med = new double[w], col = new double[h];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) col[y] = lum.px[y * w + x];
            med[x] = Profiles.median(col);
        }
        double level = GEL * Profiles.median(med);
        int a = 0, b = w - 1;
        while (a < b && med[a] < level) a++;
        while (b > a && med[b] < level) b--;
        return new int[] {a, b};
    }
}
