package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.assayquant.core.Components;
import org.assayquant.core.DisjointSets;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotOptions.Polarity;

/**
 * What on a scanned X-ray film is not film density (issue 20, athenaz2's GAPDH and FLG film scans):
 * coloured marker pen, typed labels pasted on and black writing, and what lies outside the film
 * (the scanner bed, a black canvas, the film's edge). Those pixels are set to the film's own base
 * level around them before lanes and bands are looked for, so they are never a lane or a band.
 * Runs on dark-band images only (film, colorimetric): a chemiluminescence image is left as it is.
 * <ul>
 * <li>Ink: a film is silver, without colour: a pixel whose RGB channels differ by more than
 * {@link #INK_CHROMA} is marker pen, when the film's base and its dark pixels are colourless (a
 * stained gel's bands are its colour, a tinted film base is no ink: then nothing is taken as ink).
 * <li>Writing: pixels darker than half-way from the film's base to its black form components;
 * typed and written glyphs are strokes (their thickness a small part of their extent), bands are
 * filled blobs. Components closer than two stroke widths (the thinner's) are one word; a word made mostly of
 * strokes is writing, whatever its bars and dots look like alone.
 * <li>Outside the film: a dark component lying along at least {@link #FRAME_CONTACT} of an image
 * side (a black canvas around a rotated scan), and the region brighter than the film reached from
 * that canvas (the scanner bed), each with {@link #EDGE} pixels of the film's edge.
 * </ul>
 */
public final class FilmScan {
    /**
     * RGB channel spread (max - min) above which a pixel is ink. Measured on the development film
     * scans: the film base 11-13 (99.9th percentile 27 where no ink is on the film), the blue
     * marker's strokes 199-238; half-way leaves the pen's softer fringe to {@link #INK_GROW}.
     */
    static final double INK_CHROMA = 60;
    /**
     * A component is a stroke when its thickness (twice its largest chessboard distance to the
     * outside, less one) is below this fraction of its bounding box's smaller side. Measured on the
     * development scans: typed glyphs 0.16-0.33 (bars of i, l, 1, _ alone 0.75-1.0), saturated
     * GAPDH bands 0.50-0.82, FLG smears and their saturated blobs 0.53-0.91.
     */
    static final double STROKE = 0.4;
    /**
     * A dark component is the frame around the film when it lies along at least this fraction of
     * one image side: the black canvas of the development scans lies along whole sides (1.00); the
     * bands of another blot cut by FLG rep 1-3's top edge along 0.03-0.04 each.
     */
    static final double FRAME_CONTACT = 0.5;
    /**
     * The thinnest stroke a word's gaps are judged by: the typed labels' strokes are 3-5 px, their
     * 2 px underscores (thickness 1) stand 4 px from the letters beside them.
     */
    static final int MIN_STROKE = 3;
    /**
     * A word holds at least this many stroke pixels: the smallest typed glyph of the development scans
     * holds 94; a 15 px noise speck of the sample film (blot_film_8bit_dark) was taken for writing.
     */
    static final int MIN_WORD = 50;
    /** Pixels of the film's edge beside the bed or canvas: a 1-2 px dark line on the development scans. */
    static final int EDGE = 3;
    /**
     * Writing is grown by this much: typed labels' anti-aliased fringe on the development scans is
     * 1 px (the 2nd ring around them is at the film's base).
     */
    static final int GROW = 2;
    /**
     * Ink is grown by this much: the blue pen's dark halo on the GAPDH scan fades over 5 px (rings
     * 1-5 around its strokes 22, 8, 4, 3 and 1 levels below the base beside it), a ghost word left at 2.
     */
    static final int INK_GROW = 5;
    /** Ink and writing take the mean of the unmasked pixels within this many pixels (the film's local base). */
    static final int FILL_RADIUS = 15;
    /** The film's black must stand this many pixel-noise sigmas below its base for writing to be told from bands. */
    static final double CONTRAST = 20;

    private FilmScan() {}

    /** The raster to measure (dark-band convention kept) and the pixels set to the film's base. */
    public record Cleaned(Raster raster, int ink, int writing, int offFilm) {
        public boolean changed() { return ink + writing + offFilm > 0; }

        /** One line for the run's notes, or none. */
        public List<String> notes() {
            if (!changed()) return List.of();
            return List.of(String.format(Locale.ROOT, "film scan: not measured as film density (set to the film's base around them): "
                    + "%d px of coloured ink, %d px of writing or typed labels, %d px outside the film", ink, writing, offFilm));
        }
    }

    /**
     * @param lum    the image as luminance (dark bands low)
     * @param chroma each pixel's RGB channel spread (max - min), or null for a grayscale image
     */
    public static Cleaned clean(Raster lum, float[] chroma, Polarity polarity) {
        Polarity p = polarity == Polarity.AUTO ? BlotQuantifier.detectPolarity(lum) : polarity;
        if (p != Polarity.DARK_BANDS) return new Cleaned(lum, 0, 0, 0);
        int w = lum.width, h = lum.height, n = w * h;
        float[] px = lum.px;
        float[] sorted = lum.sortedSample(200_000);
        double base = sorted[sorted.length / 2];
        double sigma = BandFinder.acrossNoise(lum, 0, w - 1, 0, h) * Math.sqrt(w); // pixel noise, as the strip's

        // ink: colour on a colourless film
        boolean[] ink = new boolean[n];
        double black = Float.POSITIVE_INFINITY;
        for (float v : px) black = Math.min(black, v);
        double dark = base - 0.5 * (base - black);
        if (chroma != null && colourless(px, chroma, Float.POSITIVE_INFINITY) && colourless(px, chroma, dark)) {
            for (int i = 0; i < n; i++) ink[i] = chroma[i] > INK_CHROMA;
            ink = grow(ink, w, h, INK_GROW);
        }

        // dark components: the frame along a side, and words of strokes
        boolean[] writing = new boolean[n], frame = new boolean[n];
        if (base - black >= CONTRAST * Math.max(sigma, 0.5)) {
            boolean[] d = new boolean[n];
            for (int i = 0; i < n; i++) d[i] = px[i] < dark && !ink[i];
            words(d, w, h, frame, writing);
            writing = grow(writing, w, h, GROW);
        }
        // outside the film: the frame, and the bed brighter than the film reached from the frame (from the
        // border, the clear film of the over-exposed crops wbmage_test3 and 4, lighter at their edges, was
        // "bed": 100,000-150,000 px) (half-way from the film's base to white: the bed is white, the film's rim between;
        // none on a film whose base is within 10 noise sigmas of white, a film scanned on its own)
        double bright = base + 0.5 * (lum.maxValue - base);
        boolean[] bedPx = frame.clone();
        if (lum.maxValue - base >= 10 * sigma) for (int i = 0; i < n; i++) bedPx[i] |= px[i] > bright;
        boolean[] off = grow(fromFrame(bedPx, frame, w, h), w, h, EDGE);

        boolean[] mask = new boolean[n];
        int nInk = 0, nWriting = 0, nOff = 0;
        for (int i = 0; i < n; i++) {
            if (off[i]) nOff++;
            else if (ink[i]) nInk++;
            else if (writing[i]) nWriting++;
            mask[i] = off[i] || ink[i] || writing[i];
        }
        if (nInk + nWriting + nOff == 0) return new Cleaned(lum, 0, 0, 0);
        float[] out = fill(px, mask, w, h, base);
        // outside the film: the film's base (a local mean there takes in the film's bright rim: FLG rep 1-3's
        // lower edge became blocks lighter than the film)
        for (int i = 0; i < n; i++) if (off[i]) out[i] = (float) base;
        Raster cleaned = new Raster(w, h, out, lum.maxValue);
        // what was taken out made it a light-band image: it was the image's signal, not a film's writing (a
        // gel camera's JPEG, gel-lanes-fit LM_IMG_20171122_100612: 1.5 M px "writing", then light bands)
        if (polarity == Polarity.AUTO && BlotQuantifier.detectPolarity(cleaned) != Polarity.DARK_BANDS) return new Cleaned(lum, 0, 0, 0);
        return new Cleaned(cleaned, nInk, nWriting, nOff);
    }

    /**
     * The pixels darker than {@code dark} (the signal; all of them: the film's base) are colourless:
     * their median channel spread is at most half of {@link #INK_CHROMA}. The development films' base 11-13;
     * the tinted film crop wbmage_test2 93 (blue-tinted base: its whole film was "ink").
     */
    private static boolean colourless(float[] px, float[] chroma, double dark) {
        int m = 0;
        for (float v : px) if (v < dark) m++;
        if (m == 0) return true;
        float[] c = new float[m];
        for (int i = 0, j = 0; i < px.length; i++) if (px[i] < dark) c[j++] = chroma[i];
        Arrays.sort(c);
        return c[m / 2] <= 0.5 * INK_CHROMA;
    }

    /**
     * Labels the dark components; marks the frame's into {@code off} and the pixels of words of
     * strokes into {@code writing}.
     */
    private static void words(boolean[] d, int w, int h, boolean[] off, boolean[] writing) {
        Components cs = Components.of(d, w, h);
        int[] label = cs.label();
        int[] dist = chessboard(d, w, h);
        List<int[]> comps = new ArrayList<>(); // x0, y0, x1, y1 (exclusive), area, thickness, on the frame
        for (int[] pix : cs.pixels()) {
            int maxD = 0;
            int x0 = w, y0 = h, x1 = 0, y1 = 0;
            int[] contact = new int[4]; // top, bottom, left, right border pixels
            for (int i : pix) {
                int x = i % w, y = i / w;
                maxD = Math.max(maxD, dist[i]);
                x0 = Math.min(x0, x); x1 = Math.max(x1, x + 1); y0 = Math.min(y0, y); y1 = Math.max(y1, y + 1);
                if (y == 0) contact[0]++;
                if (y == h - 1) contact[1]++;
                if (x == 0) contact[2]++;
                if (x == w - 1) contact[3]++;
            }
            boolean frame = Math.max(contact[0], contact[1]) >= FRAME_CONTACT * w || Math.max(contact[2], contact[3]) >= FRAME_CONTACT * h;
            comps.add(new int[] {x0, y0, x1, y1, pix.length, 2 * maxD - 1, frame ? 1 : 0});
        }
        int k = comps.size();
        // words: components closer than two stroke widths (the thinner one's: a smear 48 px below FLG rep 1-3's
        // labels, 35 px thick, took them into its "word" with the larger) are one
        int[] parent = new int[k];
        for (int i = 0; i < k; i++) parent[i] = i;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(comps.get(a)[0], comps.get(b)[0]));
        int reach = 0;
        for (int[] c : comps) if (c[6] == 0) reach = Math.max(reach, 2 * c[5] + 1);
        for (int a = 0; a < k; a++) {
            int[] ca = comps.get(order[a]);
            if (ca[6] == 1) continue;
            for (int b = a + 1; b < k; b++) {
                int[] cb = comps.get(order[b]);
                if (cb[0] > ca[2] + reach) break;
                if (cb[6] == 1) continue;
                int g = 2 * Math.max(MIN_STROKE, Math.min(ca[5], cb[5])) + 1;
                int gx = Math.max(cb[0] - ca[2], ca[0] - cb[2]), gy = Math.max(cb[1] - ca[3], ca[1] - cb[3]);
                if (gx <= g && gy <= g) DisjointSets.union(parent, order[a], order[b]);
            }
        }
        double[] strokes = new double[k], total = new double[k];
        for (int i = 0; i < k; i++) {
            int[] c = comps.get(i);
            int r = DisjointSets.find(parent, i);
            total[r] += c[4];
            if (c[5] < STROKE * Math.min(c[2] - c[0], c[3] - c[1])) strokes[r] += c[4];
        }
        for (int i = 0; i < d.length; i++) {
            if (label[i] == 0) continue;
            int c = label[i] - 1;
            if (comps.get(c)[6] == 1) off[i] = true;
            else {
                int r = DisjointSets.find(parent, c);
                if (strokes[r] >= 0.5 * total[r] && strokes[r] >= MIN_WORD) writing[i] = true;
            }
        }
    }

    /** Chessboard distance of each set pixel to the nearest unset pixel or the image's outside (1 at the rim). */
    static int[] chessboard(boolean[] d, int w, int h) {
        int[] t = new int[d.length];
        int big = w + h;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int i = y * w + x;
            if (!d[i]) continue;
            int m = big;
            m = Math.min(m, x > 0 ? t[i - 1] : 0);
            m = Math.min(m, y > 0 ? t[i - w] : 0);
            m = Math.min(m, x > 0 && y > 0 ? t[i - w - 1] : 0);
            m = Math.min(m, x < w - 1 && y > 0 ? t[i - w + 1] : 0);
            t[i] = m + 1;
        }
        for (int y = h - 1; y >= 0; y--) for (int x = w - 1; x >= 0; x--) {
            int i = y * w + x;
            if (!d[i]) continue;
            int m = t[i] - 1;
            m = Math.min(m, x < w - 1 ? t[i + 1] : 0);
            m = Math.min(m, y < h - 1 ? t[i + w] : 0);
            m = Math.min(m, x < w - 1 && y < h - 1 ? t[i + w + 1] : 0);
            m = Math.min(m, x > 0 && y < h - 1 ? t[i + w - 1] : 0);
            t[i] = m + 1;
        }
        return t;
    }

    /** The set pixels connected (8-neighbours) to a seed pixel. */
    private static boolean[] fromFrame(boolean[] d, boolean[] seed, int w, int h) {
        int[] label = Components.of(d, w, h).label();
        boolean[] seeded = new boolean[d.length + 1]; // by label; 0 (outside d) never
        for (int i = 0; i < d.length; i++) if (seed[i] && label[i] > 0) seeded[label[i]] = true;
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) out[i] = seeded[label[i]];
        return out;
    }

    /** The mask grown by r pixels (chessboard): grown along the rows, then along the columns. */
    static boolean[] grow(boolean[] m, int w, int h, int r) {
        boolean any = false;
        for (boolean v : m) any |= v;
        if (!any || r <= 0) return m;
        boolean[] rows = new boolean[m.length], out = new boolean[m.length];
        for (int y = 0; y < h; y++) grow(m, rows, y * w, 1, w, r);
        for (int x = 0; x < w; x++) grow(rows, out, x, w, h, r);
        return out;
    }

    /** One line of n pixels (from start, step apart): every pixel within r of a set pixel of in is set in out. */
    private static void grow(boolean[] in, boolean[] out, int start, int step, int n, int r) {
        int last = Integer.MIN_VALUE / 2;
        for (int i = 0, p = start; i < n; i++, p += step) {
            if (in[p]) last = i;
            if (i - last <= r) out[p] = true;
        }
        last = Integer.MAX_VALUE / 2;
        for (int i = n - 1, p = start + (n - 1) * step; i >= 0; i--, p -= step) {
            if (in[p]) last = i;
            if (last - i <= r) out[p] = true;
        }
    }

    /** Masked pixels set to the mean of the unmasked ones within {@link #FILL_RADIUS} (base where there are none). */
    private static float[] fill(float[] px, boolean[] mask, int w, int h, double base) {
        double[] sum = new double[(w + 1) * (h + 1)];
        int[] cnt = new int[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double rs = 0;
            int rc = 0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!mask[i]) { rs += px[i]; rc++; }
                int j = (y + 1) * (w + 1) + x + 1;
                sum[j] = sum[j - w - 1] + rs;
                cnt[j] = cnt[j - w - 1] + rc;
            }
        }
        float[] out = px.clone();
        int r = FILL_RADIUS;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int i = y * w + x;
            if (!mask[i]) continue;
            int xa = Math.max(0, x - r), xb = Math.min(w, x + r + 1), ya = Math.max(0, y - r), yb = Math.min(h, y + r + 1);
            int a = ya * (w + 1) + xa, b = ya * (w + 1) + xb, c = yb * (w + 1) + xa, e = yb * (w + 1) + xb;
            int k = cnt[e] - cnt[b] - cnt[c] + cnt[a];
            out[i] = (float) (k > 0 ? (sum[e] - sum[b] - sum[c] + sum[a]) / k : base);
        }
        return out;
    }
}
