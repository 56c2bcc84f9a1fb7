package org.assayquant.io;

import org.assayquant.core.blot.BlotResult;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;
import org.assayquant.core.blot.LinearRange;
import org.assayquant.core.blot.SizeCalibration;

/** The blot result as the tables of ../shared/CONTRACT.md (bands.csv, lanes.csv) plus extras. */
public final class BlotTables {
    private BlotTables() {}

    public static CsvTable bands(String image, BlotResult r) {
        return bands(image, r, null, "");
    }

    /** With apparent sizes (aligned with r.bands(); null or NaN = none), appended as size, size_unit. */
    public static CsvTable bands(String image, BlotResult r, double[] sizes, String unit) {
        CsvTable t = new CsvTable("image", "lane", "row", "x", "y", "width", "height", "volume", "background",
                "peak", "saturated", "clipped_pixels", "clipped_fraction", "detected", "background_method",
                "strip", "status", "reasons", "size", "size_unit");
        for (int i = 0; i < r.bands().size(); i++) {
            Band b = r.bands().get(i);
            boolean sized = sizes != null && !Double.isNaN(sizes[i]);
            t.add(image, b.lane(), b.row(), b.x(), b.y(), b.width(), b.height(), b.volume(), b.background(),
                    b.peak(), b.saturated(), b.clippedPixels(), b.clippedFraction(), b.detected(),
                    r.background().name().toLowerCase(java.util.Locale.ROOT), b.strip(), b.status(), String.join(";", b.reasons()),
                    sized ? SizeCalibration.round(sizes[i]) : null, sized ? unit : "");
        }
        return t;
    }

    /** markers.csv: every size of each marker lane, with the band centre it was matched to (empty: no band). */
    public static CsvTable markers(String image, SizeCalibration.Result s, double[] ladder) {
        CsvTable t = new CsvTable("image", "strip", "lane", "size", "size_unit", "y", "matched", "fit_scatter_percent");
        for (SizeCalibration.Marker m : s.markers()) {
            for (double size : ladder) {
                int k = -1;
                for (int i = 0; i < m.sizes().length; i++) if (m.sizes()[i] == size) k = i;
                t.add(image, m.strip(), m.lane(), size, s.unit(), k < 0 ? null : m.y()[k], k >= 0,
                        Double.isNaN(m.scatter()) ? null : 100 * (Math.pow(10, m.scatter()) - 1));
            }
        }
        return t;
    }

    /** linear_range.csv: one row per band row of the dilution series (LinearRange's rule). */
    public static CsvTable linearRange(String image, LinearRange.Result lr) {
        CsvTable t = new CsvTable("image", "strip", "row", "points", "usable", "used", "slope", "r2", "slope_all", "r2_all",
                "load_low", "load_high", "volume_low", "volume_high", "status");
        for (LinearRange.Fit f : lr.fits()) {
            t.add(image, f.strip(), f.row(), f.points(), f.usable(), f.used(), nan(f.slope()), nan(f.r2()), nan(f.slopeAll()), nan(f.r2All()),
                    nan(f.loadLow()), nan(f.loadHigh()), nan(f.volumeLow()), nan(f.volumeHigh()), f.found() ? "linear" : "no_linear_range");
        }
        return t;
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    public static CsvTable lanes(String image, BlotResult r) {
        CsvTable t = new CsvTable("image", "lane", "x", "y", "width", "height", "strip", "status", "reasons");
        for (Lane l : r.lanes()) t.add(image, l.index(), l.x(), l.y(), l.width(), l.height(), l.strip(), l.status(), String.join(";", l.reasons()));
        return t;
    }
}
