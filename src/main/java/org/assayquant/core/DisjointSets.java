package org.assayquant.core;

/**
 * Union-find over an int array where {@code parent[i] == i} marks a root: the grouping step of
 * connected pixels (colonies) and of linked blobs (words on film, streak pieces).
 */
public final class DisjointSets {
    private DisjointSets() {}

    /** The root of i's set, halving the path on the way (each visited entry points to its grandparent). */
    public static int find(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    /** Joins a's set to b's (a's root then points to b's root). */
    public static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
