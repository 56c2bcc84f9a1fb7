package org.assayquant.core.dose;

import java.util.Locale;

import org.assayquant.core.AssayException;

/**
 * The scale a response column is on (the {@code response} key of dose-response and synergy).
 * Viability and inhibition are percent of the untreated control (CONTRACT.md); fa is the
 * fraction affected, 0..1. Every output names the scale it is written on.
 */
public enum ResponseScale {
    /** Percent of untreated control; 100 = no effect. */
    VIABILITY("viability", "percent of untreated control"),
    /** Percent inhibition; 0 = no effect. */
    INHIBITION("inhibition", "percent inhibition"),
    /** Fraction affected; 0 = no effect, 1 = full effect. */
    FA("fa", "fraction affected (0..1)");

    public final String key;
    public final String description;

    ResponseScale(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public static ResponseScale parse(String keyName, String value) {
        for (ResponseScale s : values()) if (s.key.equals(value.trim().toLowerCase(Locale.ROOT))) return s;
        throw AssayException.invalid(keyName + "=" + value + ": expected viability (percent of untreated control), inhibition (percent) or fa (fraction affected, 0..1)");
    }

    /** Fraction affected (0..1 for in-range data; not clamped). */
    public double toFa(double value) {
        return switch (this) {
            case VIABILITY -> 1 - value / 100;
            case INHIBITION -> value / 100;
            case FA -> value;
        };
    }

    /** Percent inhibition, SynergyFinder's scale. */
    public double toInhibition(double value) {
        return 100 * toFa(value);
    }

    /** A value on this scale from a fraction affected. */
    public double fromFa(double fa) {
        return switch (this) {
            case VIABILITY -> 100 * (1 - fa);
            case INHIBITION -> 100 * fa;
            case FA -> fa;
        };
    }

    /**
     * A warning when the values look like they are on another scale than declared (fractions given
     * as percent or the reverse), or null. Never silently rescales.
     */
    public String scaleWarning(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
        if (this == FA && max > 1.5)
            return "response=fa but values reach " + max + ": fractions affected are 0..1 (use response=viability or inhibition for percent)";
        if (this != FA && max > 0 && max <= 1.5)
            return "response=" + key + " expects percent (0..100) but no value exceeds " + max + ": if these are fractions, multiply by 100 or use response=fa";
        return null;
    }
}
