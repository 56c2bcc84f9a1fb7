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

    /**
     * The real film scans: typed lane labels under the bands and marker-pen words above them, as
     * black as the saturated bands. Only the bands are bands; the saturated ones are flagged.
     */
    @Test
    void markerPenAndTypedLabelsOnFilmAreNotBands() {
        double[][] a = {{2.0e5, 2.2e5, 4.0e5, 6.0e5, 3.0e5, 2.5e5}};
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(600, 300).lanes(6).rowYFractions(0.5).amounts(a).bitDepth(8)
                .clipLevel(240).backgroundLevel(25).noiseSigma(2).seed(33).build();
        Raster light = Images.toRaster(truth.image(), new ArrayList<>());
        float[] px = new float[light.px.length];
        for (int i = 0; i < px.length; i++) px[i] = 255 - light.px[i];
        ij.process.FloatProcessor fp = new ij.process.FloatProcessor(light.width, light.height, px);
        fp.setColor(15); // as black as the film gets
        fp.setAntialiasedText(true);
        fp.setFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 20));
        java.util.List<java.awt.Rectangle> text = new ArrayList<>();
        String[] labels = {"ctrl", "1 uM", "5 uM", "10 uM", "ctrl", "KO"};
        for (int l = 0; l < 6; l++) {
            int x = (int) truth.laneCentreX(l) - 20, y = 270;
            fp.drawString(labels[l], x, y);
            text.add(new java.awt.Rectangle(x, y - 22, 60, 28));
        }
        fp.setFont(new java.awt.Font("Serif", java.awt.Font.BOLD | java.awt.Font.ITALIC, 28));
        fp.drawString("GAPDH 30s", 180, 60);
        text.add(new java.awt.Rectangle(175, 28, 170, 40));
        Raster film = new Raster(light.width, light.height, px, 255);
        BlotResult r = BlotQuantifier.quantify(film, new BlotOptions());
        assertEquals(6, r.lanes().size(), r.lanes().toString());
        BlotQuantifierTest.checkSaturation("film with writing", truth, r);
        for (BlotResult.Band b : r.bands()) {
            if (!b.detected()) continue;
            for (java.awt.Rectangle t : text)
                assertTrue(!t.intersects(new java.awt.Rectangle(b.x(), b.y(), b.width(), b.height())), "band on writing " + t + ": " + b);
        }
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
