package org.assayquant.core.wells;

import org.assayquant.core.Medians;

import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;

/**
 * Plaque mode on a plate: the plaques of a well whose count is doubtful for its faint plaques
 * (WellQuantifier's FAINT_PLAQUES), counted as the light spots at the plaque scale. Faint plaques (the
 * 12-well PR8v photos: large, mottled clearings a few tens of grey levels lighter than the monolayer,
 * each with a lighter ring and a small core) stay under the plaque floor and, on a plate whose every
 * countable well holds them, under the plate's texture level (PartlyCleared: its quietest wells hold
 * plaques too); each of them, and each clear plaque, is one maximum of the scale-normalised Laplacian of
 * Gaussian at the plaque's core scale. Counted only where the well already says its faint candidates are
 * as many as its count: the same spots in intact monolayers (IBV's JPEG texture) are what kept every
 * level from counting them everywhere (docs/history/wells.md, sessions 12-14 and 23).
 */
final class FaintSpots {
    /**
     * The Gaussian's SD as a fraction of the analysed radius (the core of a plaque 0.05 of the radius
     * across over SQRT2). Development (150 wells with plaques within max(2, 25 %), main 64; session 23):
     * 0.03 / 0.04 / 0.05 / 0.06 / 0.08 of the radius over sqrt 2 gave 72 / 77 / 77 / 70 / 66.
     */
    static final double SCALE = 0.05 / Math.sqrt(2);
    /**
     * A spot is the highest in a square this many SCALE x sqrt 2 wide (one plaque, one spot). Development:
     * 1 / 1.5 / 2 / 2.5 gave 78 / 77 / 75 / 75 at CONTRAST 0.05.
     */
    static final double SPACING = 1.5;
    /**
     * A spot's response at least this fraction of the headroom above the monolayer. Development: 0.03 / 0.04 /
     * 0.05 / 0.06 / 0.08 gave 78 / 77 / 77 / 74 / 69 wells with plaques within, and 60 / 60 / 62 / 62 / 62 of the
     * 63 empty wells within 2 (main 62): the lowest that loses no empty well.
     */
    static final double CONTRAST = 0.06;
    /**
     * A spot also stands this many robust SDs of the well's response above its median, as PartlyCleared's candidates:
     * a mottled monolayer's texture at the plaque scale (PlaqueModeTest's textured plate) is no spots. Development:
     * 0 / 3 / 4 / 5 / 8 gave 77 / 73 / 73 / 72 / 70 wells with plaques within (IBV's crowded wells, whose plaques
     * raise the SD, lost from 3 on; PR8v's kept: 18 / 18 / 18 / 17 / 16 of 57).
     */
    static final double SIGMAS = 3;
    /** Spots only inside this fraction of the radius, as PartlyCleared's candidates: the wall's ring and meniscus are no plaques. */
    private static final double CORE = 0.9;

    private FaintSpots() {}

    /**
     * The light spots of a well.
     *
     * @param crop     the unflattened signal (plaques high), the analysed pixels' median outside them
     * @param inside   the analysed pixels (without a peeled band or glare)
     * @param headroom full scale minus the monolayer's median
     */
    static int count(float[] crop, boolean[] inside, int w, int h, int x0, int y0, Circle c, double headroom) {
        if (headroom <= 0) return 0;
        double s = SCALE * c.r();
        float[] g = crop.clone();
        new GaussianBlur().blurGaussian(new FloatProcessor(w, h, g), s, s, 0.01);
        // the scale-normalised Laplacian, negated: a light spot is a maximum
        float[] log = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                log[i] = (float) (s * s * (4 * g[i] - g[i - 1] - g[i + 1] - g[i - w] - g[i + w]));
            }
        }
        double rc = CORE * c.r();
        boolean[] core = new boolean[w * h];
        int m = 0;
        for (int y = 1; y < h - 1; y++) {
            double dy = y0 + y + 0.5 - c.y();
            for (int x = 1; x < w - 1; x++) {
                double dx = x0 + x + 0.5 - c.x();
                if (inside[y * w + x] && dx * dx + dy * dy <= rc * rc) { core[y * w + x] = true; m++; }
            }
        }
        if (m == 0) return 0;
        float[] v = new float[m];
        for (int i = 0, j = 0; i < log.length; i++) if (core[i]) v[j++] = log[i];
        float med = Medians.upper(v);
        double level = Math.max(CONTRAST * headroom, med + SIGMAS * 1.4826 * Medians.mad(v, med));
        int half = Math.max(1, (int) Math.round(SPACING * SCALE * Math.sqrt(2) * c.r() / 2));
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (core[i] && log[i] > level && peak(log, w, h, x, y, half)) n++;
            }
        }
        return n;
    }

    /** The highest in its (2 half + 1)-pixel square (ties: the first in scan order). */
    private static boolean peak(float[] d, int w, int h, int x, int y, int half) {
        float v = d[y * w + x];
        for (int yy = Math.max(0, y - half); yy <= Math.min(h - 1, y + half); yy++) {
            for (int xx = Math.max(0, x - half); xx <= Math.min(w - 1, x + half); xx++) {
                float u = d[yy * w + xx];
                if (u > v || (u == v && yy * w + xx < y * w + x)) return false;
            }
        }
        return true;
    }
}
