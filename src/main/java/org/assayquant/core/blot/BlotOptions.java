package org.assayquant.core.blot;

import java.util.List;

/** Everything the blot quantifier can be told; defaults are the documented, measured ones. */
public final class BlotOptions implements Cloneable {
    public enum Polarity { AUTO, LIGHT_BANDS, DARK_BANDS }

    /** How the background under each band is estimated (see README, "Background"). */
    public enum Background { BORDER_MEDIAN, VALLEY, ROLLING_BALL }

    /** A lane given by the user (e.g. a rectangle from the ROI Manager), in image pixels. */
    public record LaneRect(int x, int y, int width, int height) {}

    /** A band drawn by the user ("L3 R2"): lane is the 0-based index of its lane left to right, row 1-based. */
    public record BandRect(String name, int lane, int row, int x, int y, int width, int height) {}

    public Polarity polarity = Polarity.AUTO;
    /** Lanes per strip: empty = find lanes automatically; one count = every strip's; else one per strip, top to bottom. */
    public List<Integer> laneCounts = List.of();
    /** Non-null: use these lanes as given. */
    public List<LaneRect> laneRects = null;
    /** Non-null (with laneRects): each lane holding drawn bands is measured at exactly these rectangles. */
    public List<BandRect> bandRects = null;
    public Background background = Background.BORDER_MEDIAN;
    /** Rolling-ball radius in pixels; 0 = automatic (twice the tallest band). */
    public double rollingRadius = 0;
    /** Bands fainter than this percent of the strongest band's peak (on a DNA gel whose lanes share no rows: of the lane's strongest) are not reported as detected. */
    public double minBandPercent = 4;
    /**
     * The lanes were placed on a gel photo's wells (GelWells): its ladder lane's rungs never share rows with the
     * samples, so each is a band of its own there (a western's row rule dropped them as specks on 09-12 and 11-12's
     * lower tier). Only the ladder lane: the sample lanes' rows follow the usual rules.
     */
    public boolean wellLanes = false;
    /** With wellLanes, the user's marker lanes (marker_lane, one strip per tier); null = a ladder lane is found by its rungs. */
    public MarkerLanes markerLanes = null;
    /** Add a measured placeholder (detected=false) where a row has no band in some lane. */
    public boolean fillMissing = true;

    /** The lane count given for strip k (0-based) of strips; 0 = automatic. */
    int laneCount(int k) {
        return laneCounts.isEmpty() ? 0 : laneCounts.get(laneCounts.size() == 1 ? 0 : k);
    }

    /** These options with other lanes (one tier of drawn lanes, measured as a strip of its own). */
    BlotOptions withLanes(List<LaneRect> lanes) {
        try {
            BlotOptions c = (BlotOptions) clone(); // every option, also one added later
            c.laneRects = lanes;
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
