package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A well's objects as hosts of the points within their reach, {@code factor} times their equivalent
 * radius: so that the objects that may hold a point there are read from a few cells instead of from all
 * of them (each object against all was quadratic: a crowded dish holds thousands). The objects are put
 * on one grid per octave of reach (reach below 2^(L + 1) px, cells 2^(L + 1) + 1 px wide), so a point's
 * hosts of that octave lie in its own cell or one of the eight around it, and a large object does not
 * widen the cells of the small ones. A point reads 9 cells of each octave present; a cell holds only
 * objects whose reach is at least half its width, few where they are compact and apart (a well's counted
 * objects are), so a well costs O(n) per octave of its objects' sizes.
 */
final class Hosts<T extends ColonyCounter.Spot> {
    private final List<T> objects;
    /** Per octave (index: L), its cells by key; null where no object has that octave. */
    private final List<Map<Long, List<Integer>>> octaves = new ArrayList<>();

    Hosts(List<T> objects, double factor) {
        this.objects = objects;
        for (int i = 0; i < objects.size(); i++) {
            ColonyCounter.Spot o = objects.get(i);
            int octave = Math.getExponent(Math.max(1, factor * Math.sqrt(o.area() / Math.PI)));
            while (octaves.size() <= octave) octaves.add(null);
            if (octaves.get(octave) == null) octaves.set(octave, new HashMap<>());
            double cell = width(octave);
            octaves.get(octave).computeIfAbsent(key(Math.floor(o.x() / cell), Math.floor(o.y() / cell)), k -> new ArrayList<>()).add(i);
        }
    }

    /**
     * The indices (ascending: the objects' order) of every object whose reach could hold (x, y): each one
     * closer than its reach is among them (with a pixel of the cell's width to spare for rounding), others may be.
     */
    int[] near(double x, double y) {
        List<Integer> near = new ArrayList<>();
        for (int octave = 0; octave < octaves.size(); octave++) {
            Map<Long, List<Integer>> cells = octaves.get(octave);
            if (cells == null) continue;
            double cell = width(octave);
            double cx = Math.floor(x / cell), cy = Math.floor(y / cell);
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) near.addAll(cells.getOrDefault(key(cx + dx, cy + dy), List.of()));
        }
        int[] out = near.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /** The objects {@link #near} object i's centre, in the objects' order (i among them). */
    List<T> near(int i) {
        List<T> out = new ArrayList<>();
        for (int j : near(objects.get(i).x(), objects.get(i).y())) out.add(objects.get(j));
        return out;
    }

    /** Cells wider than any reach of the octave (below 2^(L + 1)), by a pixel. */
    private static double width(int octave) {
        return Math.scalb(2.0, octave) + 1;
    }

    private static long key(double cx, double cy) {
        return (long) cx << 32 ^ ((long) cy & 0xffffffffL);
    }
}
