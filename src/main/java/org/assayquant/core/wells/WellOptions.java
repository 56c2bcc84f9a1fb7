package org.assayquant.core.wells;

import java.util.List;

/** Parameters of colony-well quantification (defaults are the documented ones). */
public final class WellOptions {
    public enum Polarity { AUTO, DARK_STAIN, LIGHT_COLONIES }

    public enum Channel { AUTO, RED, GREEN, BLUE, GRAY }

    /**
     * What is counted: stained colonies, or plaques (clearings in a stained cell monolayer or a
     * bacterial lawn: lighter than it unless {@code polarity} says otherwise; a band where the
     * monolayer peeled off along the well wall is left out of every well).
     */
    public enum Mode { COLONIES, PLAQUES }

    public Mode mode = Mode.COLONIES;

    /** null = find the format automatically. */
    public PlateFormat format;
    /** Manual wells (image pixels; the wall), used instead of detection when not empty. */
    public List<Circle> manualWells = List.of();
    /** The analysed circle leaves this percent of the well radius next to the wall (meniscus, wall shadow). */
    public double marginPercent = 4;
    /** Smallest colony area in pixels (dust, debris and noise below it are ignored). */
    public double minColonyArea = 12;
    public Polarity polarity = Polarity.AUTO;
    public Channel channel = Channel.AUTO;
    /** Rolling-ball radius in pixels for the background; 0 = automatic (a tenth of the well radius, at least 15 px; inside the well, for counting, twice the larger colonies' radius when smaller). */
    public double backgroundRadius = 0;
    /** Stain threshold above background, in noise standard deviations. */
    public double thresholdSigma = 6;
    /**
     * The photo shows the plate from below (through its bottom): left and right are swapped, so
     * column 1 is at the image's right and wells are named accordingly.
     */
    public boolean mirror = false;
}
