package org.assayquant.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assayquant.core.AssayException;

/**
 * A plate layout CSV (key {@code layout}): one row per used well, columns {@code well}
 * (required: A1, B03, ...), {@code condition} (required), and optional {@code dose_a},
 * {@code dose_b}, {@code cells_seeded}, {@code replicate}, {@code drug}, and for a titer
 * {@code dilution} (the inoculum's dilution as a fraction: 1e-4 for 10^-4) with {@code volume_ml}
 * (the volume of it plated in the well, mL). Numbers are checked
 * here; whether the wells exist is checked against the plate that was found ({@link #check}).
 */
public final class PlateLayout {
    public static final List<String> OPTIONAL = List.of("dose_a", "dose_b", "cells_seeded", "replicate", "drug", "dilution", "volume_ml");
    private static final Pattern WELL = Pattern.compile("([A-Za-z]{1,2})0*([1-9][0-9]*)");

    /** One row; doses and cells seeded NaN when empty or absent; {@code row} the data row, for messages. */
    public record Entry(int row, String well, String condition, String drug, double doseA, double doseB, double cellsSeeded, String replicate,
                        double dilution, double volumeMl) {}

    private final CsvReader csv;
    private final Map<String, Entry> byWell;

    private PlateLayout(CsvReader csv, Map<String, Entry> byWell) {
        this.csv = csv;
        this.byWell = byWell;
    }

    public static PlateLayout read(String key, String path) {
        return parse(CsvReader.read(key, path));
    }

    public static PlateLayout parse(CsvReader t) {
        t.require("well", "condition");
        if (t.size() == 0) throw AssayException.invalid(t.source() + ": no data rows (expected one row per well: well, condition, dose_a, dose_b, cells_seeded, replicate)");
        Map<String, Entry> byWell = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String raw = t.text(r, "well");
            Matcher m = WELL.matcher(raw);
            if (!m.matches())
                throw AssayException.invalid(t.where(r, "well") + ": '" + raw + "' is not a well name (expected a row letter and a column number, e.g. A1 or B03)");
            String well = m.group(1).toUpperCase(Locale.ROOT) + m.group(2);
            Integer before = lineOf.putIfAbsent(well, t.line(r));
            if (before != null) throw AssayException.invalid(t.where(r, "well") + ": well " + well + " is already on line " + before + " (one row per well)");
            String condition = t.text(r, "condition");
            if (condition.isEmpty()) throw AssayException.invalid(t.where(r, "condition") + ": empty (each well needs its condition, e.g. control or drug 10 nM)");
            double a = dose(t, r, "dose_a"), b = dose(t, r, "dose_b");
            double cells = Double.NaN;
            if (t.has("cells_seeded")) {
                cells = t.requiredNumber(r, "cells_seeded");
                if (!(cells > 0))
                    throw AssayException.invalid(t.where(r, "cells_seeded") + ": " + t.text(r, "cells_seeded")
                            + " cells (expected the number of cells seeded in the well, > 0)");
            }
            double dilution = Double.NaN, volume = Double.NaN;
            if (t.has("dilution") != t.has("volume_ml"))
                throw AssayException.invalid(t.source() + ": column " + (t.has("dilution") ? "volume_ml" : "dilution") + " missing (a titer needs both dilution and volume_ml)");
            if (t.has("dilution")) {
                dilution = t.requiredNumber(r, "dilution");
                if (!(dilution > 0 && dilution <= 1))
                    throw AssayException.invalid(t.where(r, "dilution") + ": " + t.text(r, "dilution")
                            + " (expected the dilution as a fraction in (0, 1], e.g. 1e-4 for a 10^-4 dilution)");
                volume = t.requiredNumber(r, "volume_ml");
                if (!(volume > 0))
                    throw AssayException.invalid(t.where(r, "volume_ml") + ": " + t.text(r, "volume_ml") + " (expected the volume plated in the well in mL, > 0)");
            }
            byWell.put(well, new Entry(r, well, condition, t.text(r, "drug"), a, b, cells, t.text(r, "replicate"), dilution, volume));
        }
        return new PlateLayout(t, byWell);
    }

    private static double dose(CsvReader t, int r, String col) {
        double d = t.number(r, col);
        if (d < 0) throw AssayException.invalid(t.where(r, col) + ": " + t.text(r, col) + " is negative (expected a dose >= 0)");
        return d;
    }

    public String source() {
        return csv.source();
    }

    public boolean has(String column) {
        return csv.has(column);
    }

    /** The entry of a well label, or null. */
    public Entry get(String well) {
        return byWell.get(well);
    }

    public Collection<Entry> entries() {
        return byWell.values();
    }

    /** Refuses a layout naming a well that is not among {@code labels} (the plate found: {@code plate}). */
    public void check(List<String> labels, String plate) {
        for (Entry e : byWell.values()) {
            if (!labels.contains(e.well)) {
                String range = labels.size() == 1 ? labels.get(0) : labels.get(0) + "-" + labels.get(labels.size() - 1);
                throw AssayException.invalid(csv.where(e.row, "well") + ": well " + e.well + " is not on the " + plate + " (wells " + range + ")");
            }
        }
    }

    /** The conditions in first-row order. */
    public List<String> conditions() {
        List<String> c = new ArrayList<>();
        for (Entry e : byWell.values()) if (!c.contains(e.condition)) c.add(e.condition);
        return c;
    }

    /** "layout=x.csv: line 3, column well" for messages. */
    public String where(Entry e, String column) {
        return csv.where(e.row, column);
    }
}
