package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/** Artefacts of athenaz2's imager frames that a person boxing bands would never box. */
class ImagerEdgesTest {
    static SyntheticBlot.Result blot(long seed) {
        double[][] a = {{2e5, 1.5e5, 2e5, 1e5, 2e5, 1.5e5}};
        return SyntheticBlot.builder().size(480, 300).lanes(6).rowYFractions(0.3).amounts(a)
                .backgroundLevel(1000).noiseSigma(15).seed(seed).build();
    }

    /**
     * July23 / May30 B1AR: the membrane ends above the imager's dark field, its edge glowing; the
     * glow was boxed as a row of `ok` bands. Here the membrane (1000) ends at row 230 over a dark
     * field (300) with a 6 px glow (+300) along its edge.
     */
    @Test
    void theMembranesGlowingEdgeIsFlagged() {
        SyntheticBlot.Result truth = blot(31);
        Raster clean = Images.toRaster(truth.image(), new ArrayList<>());
        float[] px = clean.px.clone();
        for (int y = 224; y < clean.height; y++)
            for (int x = 0; x < clean.width; x++) px[y * clean.width + x] += y < 230 ? 300 + 40 * Math.sin(x / 9.0) : -700;
        BlotResult r = BlotQuantifier.quantify(new Raster(clean.width, clean.height, px, clean.maxValue), new BlotOptions());
        List<Band> edge = r.bands().stream().filter(b -> b.detected() && b.y() + b.height() > 215).toList();
        assertFalse(edge.isEmpty(), "fixture: the glow is boxed: " + r.bands());
        for (Band b : edge) assertEquals("check", b.status(), b.toString());
        assertTrue(edge.stream().allMatch(b -> b.reasons().contains("background_step")), edge.toString());
        for (Band b : r.bands()) if (b.y() + b.height() < 150) assertFalse(b.reasons().contains("background_step"), b.toString());
    }

    /** A band on flat membrane, and one just under a stronger band, are not on a step. */
    @Test
    void bandsAreNotSteps() {
        Raster s = new Raster(60, 80, new float[60 * 80], 65535);
        java.util.Arrays.fill(s.px, 1000);
        BlotQuantifier.Box strong = new BlotQuantifier.Box(0, 10, 20, 40, 12, 5000, true), weak = new BlotQuantifier.Box(0, 10, 33, 40, 10, 800, true);
        for (int y = 20; y < 32; y++) for (int x = 10; x < 50; x++) s.px[y * 60 + x] = 6000;
        for (int y = 33; y < 43; y++) for (int x = 10; x < 50; x++) s.px[y * 60 + x] = 1800;
        assertFalse(BlotQuantifier.onStep(s, strong, List.of(strong, weak), 6000));
        assertFalse(BlotQuantifier.onStep(s, weak, List.of(strong, weak), 1800), "its upper side is the strong band's box, not background");
        for (int y = 43; y < 80; y++) for (int x = 0; x < 60; x++) s.px[y * 60 + x] = 200; // the membrane ends under it
        assertTrue(BlotQuantifier.onStep(s, weak, List.of(strong, weak), 1800));
    }

    /**
     * March 19 B1AR: an 8-bit export with the lab's band boxes burned in (1 px lines at the band
     * value): their horizontal sides were boxed as bands 2-3 px tall, `ok`.
     */
    @Test
    void boxFramesDrawnIntoTheImageAreNoBands() {
        SyntheticBlot.Result truth = blot(32);
        Raster clean = Images.toRaster(truth.image(), new ArrayList<>());
        float[] px = clean.px.clone();
        for (int lane = 0; lane < 6; lane++) {
            Rectangle t = truth.trueBox(0, lane);
            float v = (float) (1000 + 0.5 * truth.amplitude(0, 2));
            for (int x = t.x - 3; x < t.x + t.width + 3; x++)
                for (int d = 0; d < 1; d++) {
                    px[(t.y - 8 + d) * clean.width + x] = v;
                    px[(t.y + t.height + 7 + d) * clean.width + x] = v;
                }
        }
        BlotResult r = BlotQuantifier.quantify(new Raster(clean.width, clean.height, px, clean.maxValue), new BlotOptions());
        assertEquals(6, r.lanes().size(), r.lanes().toString());
        List<Band> det = r.bands().stream().filter(Band::detected).toList();
        assertTrue(det.stream().allMatch(b -> b.height() >= BandFinder.MIN_HEIGHT), det.toString());
        for (int lane = 0; lane < 6; lane++) {
            Rectangle t = truth.trueBox(0, lane);
            final int ln = lane + 1;
            assertEquals(1, det.stream().filter(b -> b.lane() == ln && Math.abs(b.y() + b.height() / 2.0 - t.getCenterY()) < 3).count(), "lane " + ln + ": " + det);
        }
    }
}
