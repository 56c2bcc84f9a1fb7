package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one plate image gave. Coordinates are image pixels. */
public record WellResult(PlateFormat format, List<Well> wells, List<Colony> colonies, List<Rejected> rejected, String channel,
                         WellOptions.Polarity polarity, double rotationDegrees, int wellsSeen, List<String> warnings) {

    /**
     * One well. {@code x, y, radius}: the analysed circle; {@code wallRadius}: the well as found.
     * {@code areaPercent}: stained pixels / analysed pixels x 100. {@code intensityPercent}:
     * ColonyArea's intensity percent, the stained pixels' summed stain (inverted intensity above
     * background, full scale = 100%) over the analysed pixels x 100. {@code iod}: integrated
     * optical density of the stain, sum of log10(background / intensity) over stained pixels.
     * {@code reasons}: why the well's numbers need a look (empty = status ok; see {@link Check}).
     */
    public record Well(String label, int row, int col, double x, double y, double radius, double wallRadius, int colonies,
                       double areaPercent, double intensityPercent, double iod, double meanColonyArea, int pixels,
                       double threshold, boolean found, int rejected, List<Check> reasons) {
        /** "ok", or "check" when there is a reason to look at the well before using its numbers. */
        public String status() {
            return reasons.isEmpty() ? "ok" : "check";
        }

        /** The reasons as written in wells.csv: their keys joined by ";" (empty when ok). */
        public String reasonKeys() {
            return String.join(";", reasons.stream().map(c -> c.key).toList());
        }
    }

    /** Why a well's count cannot be taken as it is. */
    public enum Check {
        /** The wall was not seen: the well was placed from the plate lattice. */
        WALL_NOT_SEEN("wall_not_seen"),
        /** The plate's well lattice is plausible but doubtful: few walls seen, or the wells seen off a regular lattice. */
        LATTICE("lattice"),
        /** The walls found back under 0.6 of their circles (a plate: the median wall seen): the circles may be no dish or plate (a blot, a gel, a lid's edge). */
        WEAK_WALL("weak_wall"),
        /** The colony threshold lies near or beyond the highest signal the image can hold above the background: colonies may be missed. */
        THRESHOLD_AT_FULL_SCALE("threshold_at_full_scale"),
        /** Many analysed pixels at full scale (glare, reflections, an over-exposed photo). */
        GLARE("glare"),
        /** Many objects were rejected (scratches, arcs, rings, rim fragments) next to the colonies counted. */
        MANY_REJECTED("many_rejected"),
        /** Many counted objects are far smaller than the well's typical colony: specks, fragments or halo pieces may be in the count. */
        SMALL_OBJECTS("small_objects"),
        /** Colonies cover so much of the well that touching colonies can no longer all be split. */
        DENSE("dense"),
        /** Plaques: a band of peeled monolayer along the wall was left out; on a plate the rest's count is scaled to the whole well. */
        PEELED("peeled"),
        /** Plaques on a plate: plaques crowding the wall made a band as deep as a peel's; counted, not left out, up to the wall's ring. */
        WALL_PLAQUES("wall_plaques"),
        /** Plaques: partly cleared spots below the plaque threshold, as many as half the count or more: plaques are likely missed. */
        FAINT_PLAQUES("faint_plaques"),
        /** Plaques: at least two small objects by a larger plaque's edge: pieces of a large mottled plaque may be counted as plaques. */
        PLAQUE_PIECES("plaque_pieces"),
        /** Plaques on a plate: the monolayer is far lighter than the plate's most intact well's: plaques grown together (too many to count) or a lysed monolayer; the count is not of the plaques. */
        CLEARED("cleared"),
        /** Half or more of the count is at the minimum object size: the typical object is a speck (lawn grain, debris), the count is set by the size floor. */
        AT_SIZE_FLOOR("at_size_floor"),
        /**
         * Polarity auto, and the objects taken may be the wrong ones (set polarity): plaques on a dish holding dark spots as strong
         * as light ones; or colonies on a plate taken as light whose lightest pixels are grey in coloured wells (the clear gaps of
         * a confluent stain).
         */
        POLARITY_UNSURE("polarity_unsure"),
        /** Colonies on a dish: the objects are dark holes in an opaque layer (far lighter than the bench around the dish, or untinted dark spots outweighing the light ones), a bacterial lawn with plaques rather than colonies on clear agar (use mode=plaques). */
        LAWN("lawn"),
        /** Colonies: many objects sit at one field of offsets from brighter, larger colonies, far more than chance: the colonies' reflections, rejected; reflections overlapping their colony may still double it in the count. */
        REFLECTION("reflection");

        public final String key;

        Check(String key) {
            this.key = key;
        }
    }

    /** One colony: its well, centre and area (pixels). */
    public record Colony(String well, double x, double y, int area) {}

    /**
     * An object of at least the minimum colony area that was not counted, why ({@code elongated}, {@code not_filled},
     * {@code rim}, {@code speck}, {@code chain}, {@code arc}, {@code halo}, {@code streak}, {@code cap}, {@code reflection}, {@code tip_mark},
     * {@code glare}) and what kind of object that makes it (each reason declares its kind).
     */
    public record Rejected(String well, double x, double y, int area, String reason, Kind kind) {}

    /** What a rejected object is, as a person looking at the plate groups the reasons (issue 19: the overlay draws each kind in its own colour). */
    public enum Kind {
        DUST("dust, specks"),
        SCRATCH("streaks (scratches, fibres, crescents, the tip's scrape)"),
        RING("rings, arcs (bubbles, a meniscus)"),
        LIGHT("wall and light (rim, halo, highlight, glare)");

        /** The overlay legend's line. */
        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * Pixels per mm from the plate: the median wall radius of the wells seen against the format's
     * well diameter (SBS catalogue values). NaN for a dish or manual wells without a plate format
     * (their diameter is not standard).
     */
    public double plateScale() {
        if (format == PlateFormat.DISH || format.diameterMm <= 0) return Double.NaN;
        List<Double> radii = new ArrayList<>();
        for (WellResult.Well w : wells) if (w.found()) radii.add(w.wallRadius());
        if (radii.isEmpty()) for (WellResult.Well w : wells) radii.add(w.wallRadius());
        double[] a = radii.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        return 2 * median / format.diameterMm;
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format.key);
        m.put("wells", wells.size());
        m.put("wells_found_by_their_walls", wellsSeen);
        m.put("rotation_degrees", rotationDegrees);
        m.put("channel", channel);
        m.put("polarity", polarity.name().toLowerCase(java.util.Locale.ROOT));
        m.put("colonies", colonies.size());
        m.put("wells_to_check", wells.stream().filter(w -> !w.reasons().isEmpty()).count());
        m.put("rejected_objects", rejected.size());
        return m;
    }
}
