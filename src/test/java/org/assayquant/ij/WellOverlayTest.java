package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.gui.Overlay;

import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.WellOptions;
import org.assayquant.core.wells.WellResult;

/** Issue 19: a rejected object is drawn with its reason, so a person sees in Fiji why it was not counted. */
class WellOverlayTest {

    @Test
    void eachObjectIsNamedByItsWellAndWhatItIs() {
        WellResult.Well b2 = new WellResult.Well("B2", 1, 1, 100, 100, 80, 90, 1, 1, 1, 1, 20, 20000, 5, true, 1, List.of());
        WellResult r = new WellResult(PlateFormat.parse("format", "12"), List.of(b2), List.of(new WellResult.Colony("B2", 90, 95, 20)),
                List.of(new WellResult.Rejected("B2", 100, 30, 15, "tip_mark")), "green", WellOptions.Polarity.DARK_STAIN, 0, 1, List.of());
        Overlay o = WellOverlay.overlay(r, 300, 300, Map.of());
        // the wall, the analysed circle and the label, then the colony, then the rejected object
        assertEquals(5, o.size());
        assertEquals("B2 colony", o.get(3).getName());
        assertEquals("B2 rejected: tip_mark", o.get(4).getName());
    }
}
