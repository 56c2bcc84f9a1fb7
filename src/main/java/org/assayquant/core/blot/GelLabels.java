package org.assayquant.core.blot;

import java.util.List;
import java.util.Locale;

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
 * and only where there are words ({@link #MIN_GLYPHS}): one narrow white speck is left as it is.
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
    /** Words of glyphs: at least this many white components (each label 3-4 digits, a gel several labels). */
    static final int MIN_GLYPHS = 6;
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

    public static Cleaned clean(Raster lum, Polarity polarity) {
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
        // components reaching white are glyphs
        boolean[] glyph = new boolean[n];
        int[] stack = new int[n];
        boolean[] seen = new boolean[n];
        int glyphs = 0;
        double white = base + WHITE * range;
        for (int s = 0; s < n; s++) {
            if (!cand[s] || seen[s]) continue;
            int top = 0;
            boolean reaches = false;
            stack[top++] = s;
            seen[s] = true;
            java.util.ArrayList<Integer> comp = new java.util.ArrayList<>();
            while (top > 0) {
                int i = stack[--top], x = i % w, y = i / w;
                comp.add(i);
                reaches |= px[i] >= white;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                    int j = yy * w + xx;
                    if (cand[j] && !seen[j]) { seen[j] = true; stack[top++] = j; }
                }
            }
            if (!reaches) continue;
            glyphs++;
            for (int i : comp) glyph[i] = true;
        }
        if (glyphs < MIN_GLYPHS) return new Cleaned(lum, 0, 0);
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

    /** Each row's grey opening by a {@link #WIDTH}-pixel segment (erosion then dilation). */
    static float[] opening(float[] px, int w, int h) {
        int r = WIDTH / 2;
        float[] ero = new float[px.length], out = new float[px.length];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int x = 0; x < w; x++) {
                float m = Float.POSITIVE_INFINITY;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) m = Math.min(m, px[o + k]);
                ero[o + x] = m;
            }
            for (int x = 0; x < w; x++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) m = Math.max(m, ero[o + k]);
                out[o + x] = m;
            }
        }
        return out;
    }
}
