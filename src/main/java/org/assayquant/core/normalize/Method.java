package org.assayquant.core.normalize;

import java.util.Locale;

/** What the loading control is. The arithmetic is target / control for every method except NONE. */
public enum Method {
    /** A housekeeping protein (beta-actin, GAPDH, histone H3): one band row of the lane. */
    HOUSEKEEPING,
    /** The total form of a phospho-protein (p-AKT / AKT): one band row, usually of another strip or image. */
    PHOSPHO_TOTAL,
    /** Total protein stain (Ponceau S, stain-free, REVERT): the sum of every band row of the lane. */
    TOTAL_PROTEIN,
    /** No loading control: the values are already normalized; fold change of the target values. */
    NONE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean usesControl() {
        return this != NONE;
    }
}
