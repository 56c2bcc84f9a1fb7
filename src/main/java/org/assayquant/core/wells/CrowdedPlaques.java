package org.assayquant.core.wells;

/**
 * Plaque mode on a plate: a crowded well, whose plaques cover so much of it that its own monolayer level is the
 * cleared floor and its threshold lies at full scale (threshold_at_full_scale: nothing passes, the well reads 0-2 for
 * 60-110 distinct plaques on the 12-well IBV development photos), counted as its light spots at the plaque scale.
 * Each plaque, clear or faint, is one maximum of the scale-normalised Laplacian of Gaussian at its core's scale, a
 * local measure that needs no level of the well's own. Not in other wells: there a large mottled plaque is several
 * spots, a sharp ring three or four, and a spotty intact monolayer's patches spots too (docs/history/wells.md,
 * session 23); a well at full scale is already one whose count says nothing.
 */
final class CrowdedPlaques {
    /**
     * The Gaussian's SD as a fraction of the analysed radius (over sqrt 2: a light disc about 0.05 of the radius
     * across answers most). Development, the wells at full scale counted so (`measure/plaque_spots.py`; 150 wells with
     * plaques within max(2, 25 %), main 64; at SPACING 1.5, CONTRAST 0.05): 0.04 / 0.05 / 0.06 / 0.08 gave 68 / 68 /
     * 65 / 64 (IBV's crowded plaques merge at the larger scales).
     */
    static final double SCALE = 0.05 / Math.sqrt(2);
    /**
     * A spot is the highest in a square this many SCALE x sqrt 2 x the radius wide (one plaque, one spot). Development:
     * 1 / 1.5 / 2.5 / 4 gave 68 / 68 / 67 / 65.
     */
    static final double SPACING = 1.5;
    /**
     * A spot's response at least this fraction of the headroom (full scale minus the well's median). Development:
     * 0.04 / 0.05 / 0.06 / 0.08 gave 68 / 68 / 67 / 65; no empty development well is at full scale (62 of 63 within 2
     * in each). The same spots as a well's count wherever it is flagged faint_plaques (session 23, not kept): 0.05 the
     * lowest that left every empty well within 2. No SD guard: a crowded well's plaques are its SD (SIGMAS 3: 64).
     */
    static final double CONTRAST = 0.05;
    /** Spots only inside this fraction of the radius, as PartlyCleared's candidates: the wall's ring and meniscus are no plaques. */
    private static final double CORE = 0.9;

    private CrowdedPlaques() {}

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
        float[] g = PartlyCleared.blurred(crop, w, h, s);
        // the scale-normalised Laplacian, negated: a light spot is a maximum
        float[] log = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                log[i] = (float) (s * s * (4 * g[i] - g[i - 1] - g[i + 1] - g[i - w] - g[i + w]));
            }
        }
        double level = CONTRAST * headroom, rc = CORE * c.r();
        int half = Math.max(1, (int) Math.round(SPACING * SCALE * Math.sqrt(2) * c.r() / 2));
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            double dy = y0 + y + 0.5 - c.y();
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double dx = x0 + x + 0.5 - c.x();
                if (!inside[i] || dx * dx + dy * dy > rc * rc || log[i] <= level) continue;
                if (PartlyCleared.peak(log, w, h, x, y, half)) n++;
            }
        }
        return n;
    }
}
