package org.assayquant.core.blot;

import java.util.List;

/** What the quantifier found, in image pixel coordinates and the image's linear units. */
public record BlotResult(
        BlotOptions.Polarity polarity,
        double clipLevel,
        BlotOptions.Background background,
        double rollingRadius,
        List<Lane> lanes,
        List<Band> bands,
        List<String> warnings) {

    /** Band reasons that make a volume doubtful: a band (and its lane) with one of them has status "check". */
    public static final List<String> CHECK = List.of("saturated", "edge", "cluster", "faint", "low_signal", "touching_writing", "background_step", "overlaps_band",
            "taller_than_row", "width_unlike_row", "outside_linear_range", "no_linear_range", GelWells.IN_WELL);

    /**
     * A lane; index counts within its strip (1-based), strip counts strips top to bottom (1-based).
     * reasons: "empty" when no band was detected in it and none of its placeholders measured signal
     * (all low_signal: a lane position on the strip's pitch, an empty well), then the {@link #CHECK}
     * reasons of its bands.
     */
    public record Lane(int index, int x, int y, int width, int height, int strip, List<String> reasons) {
        /** "empty" (no band, no signal), "check" (a band needs a look) or "ok". */
        public String status() {
            return reasons.contains("empty") ? "empty" : reasons.isEmpty() ? "ok" : "check";
        }
    }

    /**
     * One band. volume and background are sums over the rectangle (volume = signal - background);
     * peak is the highest pixel in the rectangle (after inversion for dark-band images), clipped
     * pixels are those at the detector's full scale. detected=false marks a placeholder measured
     * where a row has no visible band in this lane (its volume is reported, usually near 0).
     * lane counts within the band's strip; rows count over the whole image (strip 1's rows first).
     * reasons: why a person should look at the band (empty when none), see {@link #status()}.
     */
    public record Band(int lane, int row, int x, int y, int width, int height,
                       double volume, double background, double peak,
                       int clippedPixels, boolean saturated, boolean detected, int strip, List<String> reasons) {
        /**
         * "check" when a reason makes the volume doubtful ({@link #CHECK}: saturated, at the image edge,
         * an unresolved cluster of bands, low signal, bright non-band signal such as writing touching
         * it, on a background step (a membrane edge, a smear), a placeholder overlapping a band, a box
         * taller than its row's other bands or of another width, outside its row's linear range), else "ok".
         */
        public String status() {
            return reasons.stream().anyMatch(CHECK::contains) ? "check" : "ok";
        }

        public double clippedFraction() {
            return clippedPixels / (double) (width * height);
        }
    }

    /** The number of membrane strips (or gels) the lanes lie on: the highest strip number, 1 when no lane. */
    public int strips() {
        return lanes.stream().mapToInt(Lane::strip).max().orElse(1);
    }

    /** Image-level facts for run.csv. */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("polarity", polarity.name().toLowerCase(java.util.Locale.ROOT));
        m.put("clip_level", clipLevel);
        m.put("background_method", background.name().toLowerCase(java.util.Locale.ROOT));
        if (rollingRadius > 0) m.put("rolling_radius", rollingRadius);
        m.put("strips", strips());
        m.put("lanes", lanes.size());
        m.put("rows", bands.stream().mapToInt(Band::row).max().orElse(0));
        m.put("bands_detected", bands.stream().filter(Band::detected).count());
        m.put("bands_saturated", bands.stream().filter(Band::saturated).count());
        return m;
    }
}
