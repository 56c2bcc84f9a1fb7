package org.assayquant.core.normalize;

import java.util.EnumSet;
import java.util.Set;

/**
 * One lane (or one row of a generic table): where it is, what it is, and the two raw values.
 *
 * @param blot      the group within which fold changes are taken (one membrane / exposure)
 * @param lane      1-based lane, or 0 when the input has no lanes
 * @param sample    a free label (may be empty)
 * @param condition the treatment
 * @param replicate the biological replicate (experiment); lanes with the same condition and
 *                  replicate are technical replicates and are averaged
 * @param line      the line of the sample sheet (or generic table) this came from, for messages
 * @param target    target signal (NaN when missing)
 * @param control   loading-control signal (NaN when missing; ignored with {@link Method#NONE})
 * @param source    input facts about the bands (saturated, undetected); value flags are added by
 *                  {@link FoldChange}
 */
public record Measurement(String blot, int lane, String sample, String condition, String replicate, int line,
                          double target, double control, Set<Flag> source) {
    public Measurement {
        source = source.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(source);
    }

    /** "blot 'b1' lane 3" or "line 7" for messages. */
    public String where() {
        String b = blot.isEmpty() ? "" : "blot '" + blot + "' ";
        return lane > 0 ? b + "lane " + lane : b + "line " + line;
    }
}
