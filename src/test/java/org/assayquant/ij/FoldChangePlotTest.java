package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import ij.gui.Plot;
import org.junit.jupiter.api.Test;

import org.assayquant.core.normalize.FoldChange;

/** The chart holds the numbers of the table: bars = mean fold change, error bars = SD, points = replicates. */
class FoldChangePlotTest {

    @Test
    void barsErrorBarsAndReplicatePointsOfTheHandTable() throws Exception {
        FoldChange.Result r = FoldChange.compute(org.assayquant.core.normalize.FoldChangeTestAccess.handTable(),
                new FoldChange.Options("ctrl", false, FoldChange.Scale.LOG2, true));
        Plot p = FoldChangePlot.plot(r, "hand-Fold Change");
        assertEquals("{ctrl,drug,inhib}", p.getLabel('x'), "category labels in fold_change.csv order");
        float[][] bars = p.getDataObjectArrays(0); // {x, y, x error, y error}
        assertArrayEquals(new float[] {0, 1, 2}, bars[0]);
        assertArrayEquals(new float[] {1, (float) (7.0 / 3), (float) (5.0 / 12)}, bars[1], 1e-6f);
        assertArrayEquals(new float[] {0, (float) Math.sqrt(7.0 / 3), (float) Math.sqrt(1.0 / 48)}, bars[3], 1e-6f, "error bars = SD");
        // the replicate points of drug (FC 2, 4, 1), spread around x = 1
        float[][] drug = p.getDataObjectArrays(2);
        assertArrayEquals(new float[] {2, 4, 1}, drug[1], 1e-6f);
        for (float x : drug[0]) assertTrue(Math.abs(x - 1) <= 0.15f + 1e-6, "point at x " + x);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(p.getImagePlus().getBufferedImage(), "png", png)); // headless (surefire sets java.awt.headless=true), as Publication writes it
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertNotNull(img);
        assertTrue(img.getWidth() > 300 && img.getHeight() > 300, img.getWidth() + "x" + img.getHeight());
    }

    @Test
    void longConditionNamesWrapAndSignificanceIsMarked() {
        assertEquals("ganetespib 25 nM +\ndefactinib 1 uM", FoldChangePlot.wrap("ganetespib 25 nM + defactinib 1 uM", 18));
        assertEquals("DMSO", FoldChangePlot.wrap("DMSO", 18));
        assertEquals("a_very_long_single_word_name", FoldChangePlot.wrap("a_very_long_single_word_name", 18), "a word is never cut");
        assertEquals("***", FoldChangePlot.stars(0.0009));
        assertEquals("**", FoldChangePlot.stars(0.009));
        assertEquals("*", FoldChangePlot.stars(0.049));
        assertEquals("ns", FoldChangePlot.stars(0.05));
    }
}
