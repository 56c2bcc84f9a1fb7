package org.assayquant.core.wells;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one plate image gave. Coordinates are image pixels. */
public record WellResult(PlateFormat format, List<Well> wells, List<Colony> colonies, String channel,
                         WellOptions.Polarity polarity, double rotationDegrees, int wellsSeen, List<String> warnings) {

    /**
     * One well. {@code x, y, radius}: the analysed circle; {@code wallRadius}: the well as found.
     * {@code areaPercent}: stained pixels / analysed pixels x 100. {@code intensityPercent}:
     * ColonyArea's intensity percent, the stained pixels' summed stain (inverted intensity above
     * background, full scale = 100%) over the analysed pixels x 100. {@code iod}: integrated
     * optical density of the stain, sum of log10(background / intensity) over stained pixels.
     */
    public record Well(String label, int row, int col, double x, double y, double radius, double wallRadius, int colonies,
                       double areaPercent, double intensityPercent, double iod, double meanColonyArea, int pixels,
                       double threshold, boolean found) {}

    /** One colony: its well, centre and area (pixels). */
    public record Colony(String well, double x, double y, int area) {}

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format.key);
        m.put("wells", wells.size());
        m.put("wells_found_by_their_walls", wellsSeen);
        m.put("rotation_degrees", rotationDegrees);
        m.put("channel", channel);
        m.put("polarity", polarity.name().toLowerCase(java.util.Locale.ROOT));
        m.put("colonies", colonies.size());
        return m;
    }
}
