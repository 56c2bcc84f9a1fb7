package org.assayquant.core.wells;

import java.util.Locale;

import org.assayquant.core.AssayException;

/**
 * Plate formats with their SBS/ANSI footprint geometry (Corning/Falcon catalogue values): rows x
 * columns, well centre pitch and well diameter in mm. The ratio radius/pitch tells a lattice of
 * wells from a lattice of colonies, and the diameter turns pixels into mm when the image is not
 * calibrated.
 */
public enum PlateFormat {
    DISH("dish", 1, 1, 0, 86),
    W6("6", 2, 3, 39.12, 34.8),
    W12("12", 3, 4, 26.01, 22.1),
    W24("24", 4, 6, 19.30, 15.6),
    W48("48", 6, 8, 13.08, 11.05),
    W96("96", 8, 12, 9.00, 6.86);

    /** The SBS/ANSI footprint's longer side (mm). */
    public static final double PLATE_LENGTH_MM = 127.76;

    public final String key;
    public final int rows, cols;
    public final double pitchMm, diameterMm;

    PlateFormat(String key, int rows, int cols, double pitchMm, double diameterMm) {
        this.key = key;
        this.rows = rows;
        this.cols = cols;
        this.pitchMm = pitchMm;
        this.diameterMm = diameterMm;
    }

    public int wells() {
        return rows * cols;
    }

    /** Well radius over centre pitch (0 for a dish). */
    public double radiusToPitch() {
        return pitchMm == 0 ? 0 : diameterMm / 2 / pitchMm;
    }

    /** Well name, row-major: A1, A2, ... (A1 for a dish). */
    public String label(int row, int col) {
        return (char) ('A' + row) + Integer.toString(col + 1);
    }

    /** {@code auto} gives null. */
    public static PlateFormat parse(String keyName, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) return null;
        for (PlateFormat f : values()) if (f.key.equals(v)) return f;
        throw AssayException.invalid(keyName + "=" + value + ": expected auto, dish, 6, 12, 24, 48 or 96");
    }
}
