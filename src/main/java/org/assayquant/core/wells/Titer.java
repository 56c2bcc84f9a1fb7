package org.assayquant.core.wells;

/** Plaque- or colony-forming units per mL of the undiluted sample. */
public final class Titer {
    private Titer() {}

    /**
     * count / (dilution x volume plated): 40 plaques from 0.1 mL of a 10^-5 dilution are 4e7 PFU/mL
     * of the stock. {@code dilution} as a fraction (1e-5), {@code volumeMl} > 0.
     */
    public static double perMl(int count, double dilution, double volumeMl) {
        return count / (dilution * volumeMl);
    }
}
