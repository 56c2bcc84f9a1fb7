package org.assayquant.core.blot;

import java.util.Locale;

import org.assayquant.core.AssayException;

/**
 * The user's size-marker lanes (marker_lane), parsed once: "1" = lane 1 of every strip; "1,12" = two
 * marker lanes in every strip (smile from both); "1;3" = lane 1 in strip 1, lane 3 in strip 2 (one
 * group per strip; an empty group or 0 = none there). Lanes are 1-based. The strips are known only
 * once the image is measured (a gel photo's tiers of wells, or the strips found): {@link #check}.
 */
public final class MarkerLanes {
    private final String key, spec;
    private final int[][] groups; // one group: every strip's

    private MarkerLanes(String key, String spec, int[][] groups) {
        this.key = key;
        this.spec = spec;
        this.groups = groups;
    }

    /** The marker lanes of key=spec; null for "0", "none" or "" (no marker lane). */
    public static MarkerLanes parse(String key, String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("0") || s.equals("none")) return null;
        String[] parts = s.split(";", -1);
        int[][] groups = new int[parts.length][];
        for (int k = 0; k < parts.length; k++) groups[k] = group(key, spec, parts[k].trim());
        return new MarkerLanes(key, spec, groups);
    }

    private static int[] group(String key, String spec, String g) {
        if (g.isEmpty() || g.equals("0") || g.equals("none")) return new int[0];
        String[] parts = g.split("[,\\s]+");
        if (parts.length > 2) throw AssayException.invalid(key + "=" + spec + ": at most two marker lanes per strip");
        int[] lanes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                lanes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                lanes[i] = 0;
            }
            if (lanes[i] < 1)
                throw AssayException.invalid(key + "=" + spec + ": expected lane numbers >= 1 (e.g. 1, or 1,12 for two marker lanes, or 1;1 per strip), or 0 for none");
        }
        return lanes;
    }

    /** These lanes for an image of that many strips: one group for all, or one per strip; else one error line. */
    public MarkerLanes check(int strips) {
        if (groups.length > 1 && groups.length != strips)
            throw AssayException.invalid(key + "=" + spec + ": " + groups.length + " groups (one per strip, ';'-separated) but the image has " + strips + " strip(s)");
        return this;
    }

    /** The marker lanes (1-based) of strip k (0-based, as checked); empty when it has none. */
    public int[] of(int k) {
        return groups[groups.length == 1 ? 0 : k].clone();
    }

    /** Whether lane (1-based) is a marker lane of strip k (0-based). */
    public boolean has(int k, int lane) {
        for (int m : groups[groups.length == 1 ? 0 : k]) if (m == lane) return true;
        return false;
    }
}
