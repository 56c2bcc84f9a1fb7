package org.assayquant.io;

import org.assayquant.core.blot.BlotResult;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;

/** The blot result as the tables of ../shared/CONTRACT.md (bands.csv, lanes.csv) plus extras. */
public final class BlotTables {
    private BlotTables() {}

    public static CsvTable bands(String image, BlotResult r) {
        CsvTable t = new CsvTable("image", "lane", "row", "x", "y", "width", "height", "volume", "background",
                "peak", "saturated", "clipped_pixels", "clipped_fraction", "detected", "background_method",
                "strip", "status", "reasons");
        for (Band b : r.bands()) {
            t.add(image, b.lane(), b.row(), b.x(), b.y(), b.width(), b.height(), b.volume(), b.background(),
                    b.peak(), b.saturated(), b.clippedPixels(), b.clippedFraction(), b.detected(),
                    r.background().name().toLowerCase(java.util.Locale.ROOT), b.strip(), b.status(), String.join(";", b.reasons()));
        }
        return t;
    }

    public static CsvTable lanes(String image, BlotResult r) {
        CsvTable t = new CsvTable("image", "lane", "x", "y", "width", "height", "strip", "status", "reasons");
        for (Lane l : r.lanes()) t.add(image, l.index(), l.x(), l.y(), l.width(), l.height(), l.strip(), l.status(), String.join(";", l.reasons()));
        return t;
    }
}
