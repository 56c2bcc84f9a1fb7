package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.gui.Overlay;

import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.WellOptions;
import org.assayquant.core.wells.WellResult;

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
        WellResult r = result(List.of(new WellResult.Rejected("B2", 100, 30, 15, "tip_mark")));
        Overlay o = WellOverlay.overlay(r, 300, 300, Map.of());
        // the wall, the analysed circle and the label, then the colony, the rejected object, the legend's title and line
        assertEquals(7, o.size());
        assertEquals("B2 colony", o.get(3).getName());
        assertEquals("B2 rejected: tip_mark", o.get(4).getName());
    }

    /** Issue 19: objects that are not colonies are drawn in the colour of their kind; every reason colonies.csv writes has one. */
    @Test
    void everyRejectReasonHasItsKindsColour() {
        Map<String, WellOverlay.Kind> kinds = Map.ofEntries(Map.entry("speck", WellOverlay.Kind.DUST),
                Map.entry("elongated", WellOverlay.Kind.SCRATCH), Map.entry("chain", WellOverlay.Kind.SCRATCH),
                Map.entry("streak", WellOverlay.Kind.SCRATCH), Map.entry("tip_mark", WellOverlay.Kind.SCRATCH),
                Map.entry("not_filled", WellOverlay.Kind.RING), Map.entry("arc", WellOverlay.Kind.RING),
                Map.entry("rim", WellOverlay.Kind.LIGHT), Map.entry("halo", WellOverlay.Kind.LIGHT),
                Map.entry("cap", WellOverlay.Kind.LIGHT), Map.entry("glare", WellOverlay.Kind.LIGHT));
        for (var e : kinds.entrySet()) assertTrue(e.getValue().reasons.contains(e.getKey()), e.getKey() + " listed under " + e.getValue());
        WellResult r = result(List.of(new WellResult.Rejected("B2", 100, 30, 15, "speck"), new WellResult.Rejected("B2", 60, 60, 40, "tip_mark")));
        Overlay o = WellOverlay.overlay(r, 300, 300, Map.of());
        assertEquals(WellOverlay.Kind.DUST.color, o.get(4).getStrokeColor());
        assertEquals(WellOverlay.Kind.SCRATCH.color, o.get(5).getStrokeColor());
        // and the legend names the two kinds present, in their colours
        assertEquals(9, o.size());
        assertEquals(WellOverlay.Kind.DUST.color, o.get(7).getStrokeColor());
        assertEquals("legend: " + WellOverlay.Kind.SCRATCH.label, o.get(8).getName());
    }
}
