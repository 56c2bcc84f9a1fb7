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

    /** A lane; index counts within its strip (1-based), strip counts strips top to bottom (1-based). */
    public record Lane(int index, int x, int y, int width, int height, int strip) {
        public Lane(int index, int x, int y, int width, int height) {
            this(index, x, y, width, height, 1);
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
        /** "check" when a reason makes the volume doubtful (saturated, at the edge, a placeholder overlapping a band, outside the linear range), else "ok". */
        public String status() {
            return reasons.stream().anyMatch(r -> r.equals("saturated") || r.equals("edge") || r.equals("overlaps_band")
                    || r.equals("outside_linear_range") || r.equals("no_linear_range")) ? "check" : "ok";
        }

        public double clippedFraction() {
            return clippedPixels / (double) (width * height);
        }
    }

    /** Image-level facts for run.csv. */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("polarity", polarity.name().toLowerCase(java.util.Locale.ROOT));
        m.put("clip_level", clipLevel);
        m.put("background_method", background.name().toLowerCase(java.util.Locale.ROOT));
        if (rollingRadius > 0) m.put("rolling_radius", rollingRadius);
        m.put("strips", lanes.stream().mapToInt(Lane::strip).max().orElse(1));
        m.put("lanes", lanes.size());
        m.put("rows", bands.stream().mapToInt(Band::row).max().orElse(0));
        m.put("bands_detected", bands.stream().filter(Band::detected).count());
        m.put("bands_saturated", bands.stream().filter(Band::saturated).count());
        return m;
    }
}
