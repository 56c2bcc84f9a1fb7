package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/**
 * Film scans: a band saturated to black on film is not at the file's 0 but at the film's maximum
 * density, which the scanner records as a dark grey (here 15 of 255). The black plateau must still
 * be flagged saturated.
 */
class FilmTest {
    @Test
    void bandsBlackAtTheFilmsMaximumDensityAreFlagged() {
        // light-band truth clipped at 240; stored as 255 - value: film black = 15, film base ~ 230
        double[][] a = {{1.2e5, 1.5e5, 4.0e5, 6.0e5, 0.8e5, 0.6e5}, {1.0e5, 1.0e5, 1.0e5, 1.0e5, 1.0e5, 1.0e5}};
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(600, 400).lanes(6).amounts(a).bitDepth(8)
                .clipLevel(240).backgroundLevel(25).noiseSigma(2).seed(31).build();
        assertTrue(truth.saturated(0, 2) && truth.saturated(0, 3) && !truth.saturated(0, 1), "fixture");
        Raster light = Images.toRaster(truth.image(), new ArrayList<>());
        float[] px = new float[light.px.length];
        for (int i = 0; i < px.length; i++) px[i] = 255 - light.px[i];
        Raster film = new Raster(light.width, light.height, px, 255);
        BlotResult r = BlotQuantifier.quantify(film, new BlotOptions());
        assertEquals(BlotOptions.Polarity.DARK_BANDS, r.polarity());
        assertEquals(240, r.clipLevel(), 0, "the film's black plateau, inverted");
        // the Raster is the film; the truth's boxes and clipped pixels are in the same pixel frame
        BlotQuantifierTest.checkSaturation("film black at 15", truth, r);
    }

    @Test
    void anUnsaturatedEightBitBlotKeepsFullScale() {
        double[][] a = {{1.2e5, 1.5e5, 1.6e5, 1.1e5, 0.8e5, 0.6e5}, {1.0e5, 1.0e5, 1.0e5, 1.0e5, 1.0e5, 1.0e5}};
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(600, 400).lanes(6).amounts(a).bitDepth(8)
                .backgroundLevel(20).noiseSigma(2).seed(32).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
        assertEquals(255, r.clipLevel(), 0);
        assertTrue(r.bands().stream().noneMatch(BlotResult.Band::saturated), r.bands().toString());
    }
}
