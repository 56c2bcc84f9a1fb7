package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.gui.Overlay;

import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.WellOptions;
import org.assayquant.core.wells.WellResult;
import org.assayquant.core.wells.WellResult.Kind;

/** Issue 19: a rejected object is drawn with its reason and in its kind's colour, so a person sees why it was not counted. */
class WellOverlayTest {

    /** One 12-well plate's well B2 with one colony and the given rejected objects. */
    private static WellResult result(List<WellResult.Rejected> rejected) {
        WellResult.Well b2 = new WellResult.Well("B2", 1, 1, 100, 100, 80, 90, 1, 1, 1, 1, 20, 20000, 5, true, rejected.size(), List.of());
        return new WellResult(PlateFormat.parse("format", "12"), List.of(b2), List.of(new WellResult.Colony("B2", 90, 95, 20)),
                rejected, "green", WellOptions.Polarity.DARK_STAIN, 0, 1, List.of());
    }

    @Test
    void eachObjectIsNamedByItsWellAndWhatItIs() {
        WellResult r = result(List.of(new WellResult.Rejected("B2", 100, 30, 15, "tip_mark", Kind.SCRATCH)));
        Overlay o = WellOverlay.overlay(r, 300, 300, Map.of());
        // the wall, the analysed circle and the label, then the colony, the rejected object, the legend's title and line
        assertEquals(7, o.size());
        assertEquals("B2 colony", o.get(3).getName());
        assertEquals("B2 rejected: tip_mark", o.get(4).getName());
    }

    /**
     * Issue 19: objects that are not colonies are drawn in the colour of their kind. The kind comes with the object
     * (each reason declares it: ColonyCounter.Reject cannot be written without one), not from a list of reason strings
     * here, so a reason added later cannot be drawn as another kind unnoticed; every kind has its own colour.
     */
    @Test
    void eachObjectIsDrawnInItsKindsColour() {
        assertEquals(Kind.values().length, Arrays.stream(Kind.values()).map(WellOverlay::color).distinct().count());
        WellResult r = result(List.of(new WellResult.Rejected("B2", 100, 30, 15, "speck", Kind.DUST),
                new WellResult.Rejected("B2", 60, 60, 40, "tip_mark", Kind.SCRATCH)));
        Overlay o = WellOverlay.overlay(r, 300, 300, Map.of());
        assertEquals(WellOverlay.color(Kind.DUST), o.get(4).getStrokeColor());
        assertEquals(WellOverlay.color(Kind.SCRATCH), o.get(5).getStrokeColor());
        // and the legend names the two kinds present, in their colours
        assertEquals(9, o.size());
        assertEquals(WellOverlay.color(Kind.DUST), o.get(7).getStrokeColor());
        assertEquals("legend: " + Kind.SCRATCH.label, o.get(8).getName());
    }
}
