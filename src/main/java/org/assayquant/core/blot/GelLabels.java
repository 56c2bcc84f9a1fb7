package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.assayquant.core.Components;
import org.assayquant.core.DisjointSets;
import org.assayquant.core.Profiles;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotOptions.Polarity;

/**
 * Typed white labels on a light-band gel photo (issue 20, the Ameral lab's GelRed phone photos:
 * the ladder's name and sizes beside it, a sample number over every lane, typed on the gel). A
 * glyph is a stroke a few pixels wide with sharp sides, reaching white; a band, a smear, a well or
 * a ladder rung is as wide as its lane. So a pixel standing far above the opening of its row by a
 * {@link #WIDTH}-pixel segment (a horizontal white top-hat) belongs to something narrower than a
 * lane, and such a thing reaching near white is a glyph. The glyphs, grown by their anti-aliased
 * fringe, are set to the row's level on either side of them (linear across), before strips, lanes
 * and bands are looked for, so they are never a lane or a band. Runs on light-band images only,
 * only on a coloured photo ({@link #COLOURED}), and only where there are words ({@link #MIN_GLYPHS}):
 * one narrow white speck is left as it is.
 */
public final class GelLabels {
    /**
     * Opening width (pixels): wider than a glyph's horizontal extent, narrower than a lane. Measured
     * on the development photos: digits 7-9 px wide, strokes 2-3 px, the vertical writing's letters
     * 10-13 px tall (their width on their side); lanes 25-40 px wide, wells and ladder rungs as wide.
     */
    static final int WIDTH = 15;
    /**
     * A glyph pixel stands above its row's opening by this fraction of the range from the gel's
     * median to full scale. Development photos: glyph cores 110-160 above their opening (range ~160),
     * the smears' and wells' edges under 35.
     */
    static final double TOPHAT = 0.25;
    /**
     * A glyph reaches this fraction of the way from the gel's median to full scale: typed labels are
     * white (255 on the development photos, range ~160, so 0.9 is 240); the brightest smear edges stay
     * below 230.
     */
    static final double WHITE = 0.9;
    /**
     * A glyph (or letters touching in one component) is no taller or wider than this (pixels): the
     * development photos' digits 11-14 px tall, "20000" one component 38 px wide (at 2 x WIDTH it stayed,
     * a saturated band left of each ladder on 11-12); a smear or band reaching white is wider than
     * WIDTH and so no candidate at all.
     */
    static final int MAX_HEIGHT = 4 * WIDTH;
    /**
     * Letters of a word lie within this many pixels of each other: 1-3 px between the development
     * photos' digits, 5 across the space of "1 kb"; specks and the ends of saturated ladder bands on
     * gel-lanes-fit 4.tif lie 20 px and more from any other.
     */
    static final int LETTER_GAP = 6;
    /**
     * A glyph at least this many times as wide as tall is letters touching (the anti-aliased fringe
     * joins a label's digits into one component), a word by itself. Two digits touching are about 1.6
     * times as wide as tall, a single letter at most 1.3 ("m", "w"). On the development photos every
     * typed label left as a lone component was such ("20000", "1500", sample numbers: 2.1-3.9, 12 of
     * them, 6 on 10-08 then boxed as saturated bands), and no other lone white component was; a solid
     * white thing that wide is no glyph at all (wider than {@link #WIDTH}, it is in the opening).
     */
    static final double TOUCHING_LETTERS = 1.5;
    /**
     * The gel is coloured when most pixels' RGB spread is at least this: on the development photos
     * (GelRed through an orange filter, with the red surround) 99.0-99.7% of the pixels, spread 140-209
     * from the 25th to the 75th percentile; a film scan's base (11-13, FilmScan) and a grayscale image
     * (no chroma) far below. On gray images the tray's white wall and saturated ladder ends of
     * gel-lanes-fit 3, 4 and LM_1_wo_tray_2 passed the shape rules as "words" (92 on 4.tif); they are
     * left alone. The gel-lanes-fit phone JPEGs (a gel on blue light) are coloured too: held off by
     * {@link #MIN_GLYPHS}. A glyph's white is also colourless (typed white, where a stain's bright core
     * keeps its hue): the same glyphs on the development photos with and without this.
     */
    static final double COLOURED = 60;
    /**
     * Typed text holds at least this many glyphs reaching colourless white: the development photos
     * 38-180 (labels of 3-4 digits over every lane, the ladder's sizes); gel-lanes-fit
     * HM_IMG_20171122_101527 (a coloured phone photo of a gel on blue light, no labels) 6 white
     * specks, with their neighbours 40 "glyphs" at a threshold on all glyphs.
     */
    static final int MIN_GLYPHS = 12;
    /** Glyphs grown by this much: the anti-aliased fringe of the typed labels is 1-2 px. */
    static final int GROW = 2;

    private GelLabels() {}

    /** The raster with the labels erased, and how many pixels and glyphs were erased. */
    public record Cleaned(Raster raster, int pixels, int glyphs) {
        public List<String> notes() {
            if (pixels == 0) return List.of();
            return List.of(String.format(Locale.ROOT, "gel labels: %d white glyphs (%d px, narrower than a lane) not measured: set to the gel beside them", glyphs, pixels));
        }
    }

    /**
     * @param lum    the image as luminance (light bands high)
     * @param chroma each pixel's RGB channel spread (max - min), or null for a grayscale image
     */
    public static Cleaned clean(Raster lum, float[] chroma, Polarity polarity) {
        if (chroma == null || !coloured(chroma)) return new Cleaned(lum, 0, 0);
        Polarity p = polarity == Polarity.AUTO ? BlotQuantifier.detectPolarity(lum) : polarity;
        if (p != Polarity.LIGHT_BANDS) return new Cleaned(lum, 0, 0);
        int w = lum.width, h = lum.height, n = w * h;
        if (w < 2 * WIDTH) return new Cleaned(lum, 0, 0);
        float[] px = lum.px;
        float[] sorted = lum.sortedSample(200_000);
        double base = sorted[sorted.length / 2], range = lum.maxValue - base;
        if (range <= 0) return new Cleaned(lum, 0, 0);
        float[] open = opening(px, w, h);
        boolean[] cand = new boolean[n];
        for (int i = 0; i < n; i++) cand[i] = px[i] - open[i] > TOPHAT * range;
        // components of the top-hat, no taller or wider than a glyph, are glyph candidates
        Components cs = Components.of(cand, w, h);
        int[] label = cs.label();
        List<int[]> boxes = new ArrayList<>();
        double whiteLevel = base + WHITE * range;
        for (int[] pix : cs.pixels()) {
            int x0 = w, y0 = h, x1 = 0, y1 = 0;
            boolean reaches = false;
            for (int i : pix) {
                int x = i % w, y = i / w;
                x0 = Math.min(x0, x); x1 = Math.max(x1, x + 1); y0 = Math.min(y0, y); y1 = Math.max(y1, y + 1);
                reaches |= px[i] >= whiteLevel && chroma[i] < COLOURED; // white: no colour on the coloured gel
            }
            // x0, y0, x1, y1 (exclusive), reaches white; null when taller or wider than a glyph
            boxes.add(y1 - y0 <= MAX_HEIGHT && x1 - x0 <= MAX_HEIGHT ? new int[] {x0, y0, x1, y1, reaches ? 1 : 0} : null);
        }
        // glyphs come in words: candidates within a letter's gap of each other are one word, and a word of two
        // or more reaching white is typed text (the anti-aliased strokes of a small font's letters reach white
        // only here and there); a lone speck, the two ends of a saturated band a lane apart, are no words
        int m = boxes.size();
        int[] parent = new int[m];
        for (int a = 0; a < m; a++) parent[a] = a;
        // pairs looked at in order of their tops: past a letter's gap below a glyph no later one can join it
        // (a noisy photo's top-hat has thousands of components, and all pairs were quadratic)
        int[] byTop = IntStream.range(0, m).filter(a -> boxes.get(a) != null).boxed()
                .sorted(Comparator.comparingInt(a -> boxes.get(a)[1])).mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < byTop.length; i++) {
            int[] e = boxes.get(byTop[i]);
            for (int j = i + 1; j < byTop.length; j++) {
                int[] q = boxes.get(byTop[j]);
                if (q[1] - e[3] > LETTER_GAP) break;
                if (Math.max(q[0] - e[2], e[0] - q[2]) <= LETTER_GAP) DisjointSets.union(parent, byTop[i], byTop[j]);
            }
        }
        int[] members = new int[m], white = new int[m];
        for (int a = 0; a < m; a++) {
            int[] e = boxes.get(a);
            if (e == null) continue;
            int r = DisjointSets.find(parent, a);
            members[r] += e[2] - e[0] >= TOUCHING_LETTERS * (e[3] - e[1]) ? 2 : 1;
            white[r] += e[4];
        }
        boolean[] text = new boolean[m];
        int glyphs = 0, whiteGlyphs = 0;
        for (int a = 0; a < m; a++) {
            int r = DisjointSets.find(parent, a);
            text[a] = boxes.get(a) != null && members[r] >= 2 && white[r] > 0;
            if (text[a]) { glyphs++; whiteGlyphs += boxes.get(a)[4]; }
        }
        boolean[] glyph = new boolean[n];
        for (int i = 0; i < n; i++) glyph[i] = label[i] != 0 && text[label[i] - 1];
        if (whiteGlyphs < MIN_GLYPHS) return new Cleaned(lum, 0, 0);
        boolean[] mask = FilmScan.grow(glyph, w, h, GROW);
        float[] out = px.clone();
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; ) {
                if (!mask[y * w + x]) { x++; continue; }
                int a = x;
                while (x < w && mask[y * w + x]) x++;
                // the row's level on either side, linear across (one side at the image's edge)
                double left = a > 0 ? px[y * w + a - 1] : x < w ? px[y * w + x] : base;
                double right = x < w ? px[y * w + x] : left;
                for (int k = a; k < x; k++) {
                    double t = (k - a + 1.0) / (x - a + 1.0);
                    out[y * w + k] = (float) (left + t * (right - left));
                    count++;
                }
            }
        }
        return new Cleaned(new Raster(w, h, out, lum.maxValue), count, glyphs);
    }

    /** Most pixels carry colour: a stained gel photographed through a filter, on which white labels were typed. */
    static boolean coloured(float[] chroma) {
        int n = 0;
        for (float c : chroma) if (c >= COLOURED) n++;
        return 2 * n > chroma.length;
    }

    /** Each row's grey opening by a {@link #WIDTH}-pixel segment (erosion then dilation: the running minimum, then maximum). */
    static float[] opening(float[] px, int w, int h) {
        int r = WIDTH / 2;
        float[] out = new float[px.length];
        double[] row = new double[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) row[x] = px[y * w + x];
            double[] open = Profiles.max(Profiles.min(row, r), r);
            for (int x = 0; x < w; x++) out[y * w + x] = (float) open[x];
        }
        return out;
    }
}
