package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.assayquant.testutil.SyntheticPlate;

/**
 * Phage plaques in a bacterial lawn on a dish, photographed over a dark bench (issue 19, the
 * OnePetri photos): clear plaques look darker than the turbid lawn, and the count may be ruled by
 * debris or grain at the size floor. The tool must say so rather than print a count as fine.
 */
class LawnDishTest {
    /** Dark spots on a lawn: plaques taken as lighter by default would be the wrong ones. */
    @Test
    void darkSpotsOnALawnMakeTheDefaultPlaquePolarityUnsure() {
        SyntheticPlate.Result dish = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(420, 420).pxPerMm(4).colonies(40).colonyRadiusMm(1.0, 0.2).backgroundStain(0.25, 0).noiseSigma(2).seed(5).build();
        PlateImage img = WellQuantifierTest.channels(dish.image());
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        o.mode = WellOptions.Mode.PLAQUES;
        assertTrue(WellQuantifier.quantify(img, o).wells().get(0).reasons().contains(WellResult.Check.POLARITY_UNSURE));
        o.polarity = WellOptions.Polarity.DARK_STAIN;
        assertFalse(WellQuantifier.quantify(img, o).wells().get(0).reasons().contains(WellResult.Check.POLARITY_UNSURE), "the user chose");
        o.polarity = WellOptions.Polarity.AUTO;
        o.mode = WellOptions.Mode.COLONIES;
        assertFalse(WellQuantifier.quantify(img, o).wells().get(0).reasons().contains(WellResult.Check.POLARITY_UNSURE), "colonies: auto decides");
    }

    /** A dish of specks at the size floor (grain, debris) and a few colonies: the count is the floor's. */
    @Test
    void specksAtTheSizeFloorAreSaid() {
        SyntheticPlate.Builder b = SyntheticPlate.builder().format("dish").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB)
                .size(420, 420).pxPerMm(4).colonies(10).colonyRadiusMm(1.0, 0.2).noiseSigma(2).seed(7);
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        assertFalse(WellQuantifier.quantify(WellQuantifierTest.channels(b.build().image()), o).wells().get(0).reasons()
                .contains(WellResult.Check.AT_SIZE_FLOOR), "colonies alone");
        WellResult.Well w = WellQuantifier.quantify(WellQuantifierTest.channels(b.dust(400).dustLook(0.8, 1.5).build().image()), o).wells().get(0);
        assertTrue(w.reasons().contains(WellResult.Check.AT_SIZE_FLOOR), w.colonies() + " counted, " + w.reasons());
    }
}
