package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.List;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;

/**
 * Each lane's profile along the lane (mean signal of its central 60% of columns, as the band
 * finder sees it) with its bands' limits and the background subtracted under each band: the plot
 * a person checks to see why a volume is what it is. Names are the overlay's and the ROI set's
 * ("L3", "S2 L3" with several strips; bands "lane:row").
 */
public final class LaneProfiles {
    private LaneProfiles() {}

    /** A band on the profile: rows from..to (image y, exclusive end), mean background per pixel, its label. */
    public record Segment(String label, int from, int to, double background, boolean detected, boolean saturated) {}

    /** values[i] is the mean signal at image row top + i. */
    public record Profile(String name, int top, double[] values, List<Segment> bands) {}

    public static List<Profile> of(Raster signal, BlotResult r) {
        boolean strips = r.lanes().stream().anyMatch(l -> l.strip() > 1);
        List<Profile> out = new ArrayList<>();
        for (Lane l : r.lanes()) {
            double centre = l.x() + l.width() / 2.0;
            int c0 = Math.max(l.x(), (int) Math.round(centre - 0.3 * l.width()));
            int c1 = Math.min(l.x() + l.width() - 1, Math.max(c0, (int) Math.round(centre + 0.3 * l.width())));
            double[] v = BandFinder.meanOverColumns(signal, c0, c1, l.y(), l.y() + l.height() - 1);
            List<Segment> segs = new ArrayList<>();
            for (Band b : r.bands()) {
                if (b.strip() != l.strip() || b.lane() != l.index()) continue;
                segs.add(new Segment(b.lane() + ":" + b.row(), b.y(), b.y() + b.height(), b.background() / ((double) b.width() * b.height()),
                        b.detected(), b.saturated()));
            }
            out.add(new Profile((strips ? "S" + l.strip() + " " : "") + "L" + l.index(), l.y(), v, segs));
        }
        return out;
    }
}
