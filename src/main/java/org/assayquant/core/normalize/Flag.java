package org.assayquant.core.normalize;

import java.util.Locale;

/**
 * Why a lane's number is not trusted. A flagged lane stays in normalized.csv and is left out of
 * the control mean and of every statistic, unless the user opts in (include_flagged=true). The
 * "hard" flags leave nothing to opt into: no ratio is computed (never a division by zero).
 */
public enum Flag {
    /** Target value empty or not a number. */
    TARGET_MISSING(true),
    /** Target value <= 0 (background above signal): no log2 fold change. */
    TARGET_NOT_POSITIVE(false),
    /** The target band has detector-clipped pixels: its volume is an under-estimate. */
    TARGET_SATURATED(false),
    /** The target row has no visible band in this lane (a placeholder of the blot command). */
    TARGET_UNDETECTED(false),
    /** The target band's volume lies outside its row's linear range (blot loads=; reasons outside_linear_range / no_linear_range). */
    TARGET_OUTSIDE_LINEAR_RANGE(false),
    /** Loading-control value empty or not a number. */
    CONTROL_MISSING(true),
    /** Loading control exactly 0: the ratio is undefined. */
    CONTROL_ZERO(true),
    /** Loading control < 0 (background above signal): the ratio is meaningless. */
    CONTROL_NEGATIVE(true),
    /** The loading-control band (or a band of the total-protein lane) is saturated. */
    CONTROL_SATURATED(false),
    /** The loading-control row has no visible band in this lane. */
    CONTROL_UNDETECTED(false),
    /** The loading-control band lies outside its row's linear range. */
    CONTROL_OUTSIDE_LINEAR_RANGE(false),
    /** The lane's blot has no usable lane of the control condition: no fold change. */
    NO_USABLE_CONTROL(true);

    /** true when no normalized value or fold change can be computed at all. */
    public final boolean hard;

    Flag(boolean hard) {
        this.hard = hard;
    }

    /** The name written in the flag column (snake_case). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
