package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;

/** {@link Images#channels}: RGB split without conversion, gray values kept exactly, the same refusals as toRaster. */
class ImagesTest {

    @Test
    void rgbGivesThreeExactChannels() {
        ColorProcessor cp = new ColorProcessor(9, 8);
        cp.set(3, 2, (10 << 16) | (200 << 8) | 255);
        cp.set(8, 7, (255 << 16) | (1 << 8));
        List<String> notes = new ArrayList<>();
        Raster[] c = Images.channels(new ImagePlus("rgb", cp), notes);
        assertEquals(3, c.length);
        assertEquals(10, c[0].get(3, 2));
        assertEquals(200, c[1].get(3, 2));
        assertEquals(255, c[2].get(3, 2));
        assertEquals(255, c[0].get(8, 7));
        assertEquals(1, c[1].get(8, 7));
        assertEquals(0, c[2].get(8, 7));
        for (Raster r : c) assertEquals(255, r.maxValue);
        assertTrue(notes.isEmpty(), "no conversion to note: " + notes);
    }

    @Test
    void grayValuesAreKeptWithTheirFullScale() {
        ShortProcessor sp = new ShortProcessor(8, 8);
        sp.set(1, 1, 65535);
        sp.set(2, 1, 12345);
        Raster[] c = Images.channels(new ImagePlus("16", sp), new ArrayList<>());
        assertEquals(1, c.length);
        assertEquals(65535, c[0].maxValue);
        assertEquals(65535f, c[0].get(1, 1));
        assertEquals(12345f, c[0].get(2, 1));
        ByteProcessor bp = new ByteProcessor(8, 8);
        bp.set(0, 0, 7);
        Raster[] b = Images.channels(new ImagePlus("8", bp), new ArrayList<>());
        assertEquals(255, b[0].maxValue);
        assertEquals(7f, b[0].get(0, 0));
    }

    @Test
    void aPaletteImageIsTakenAsItsColours(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // a pseudo-colour display table on a gray image (Image > Lookup Tables > Fire) changes nothing
        ByteProcessor bp = new ByteProcessor(8, 8);
        bp.setColorModel(ij.plugin.LutLoader.getLut("fire"));
        bp.set(4, 4, 5);
        List<String> notes = new ArrayList<>();
        Raster[] gray = Images.channels(new ImagePlus("fire", bp), notes);
        assertEquals(1, gray.length);
        assertEquals(5f, gray[0].get(4, 4));
        assertTrue(notes.isEmpty());
        // a palette as an image's own colours give it: unordered
        byte[] r = new byte[256], g = new byte[256], bl = new byte[256];
        java.util.Random rnd = new java.util.Random(4);
        rnd.nextBytes(r);
        rnd.nextBytes(g);
        rnd.nextBytes(bl);
        r[5] = (byte) 120;
        g[5] = (byte) 30;
        bl[5] = (byte) 200;
        r[77] = g[77] = bl[77] = (byte) 77;
        IndexColorModel cm = new IndexColorModel(8, 256, r, g, bl);
        // an indexed-colour PNG (ImageJ opens it as COLOR_256): the colours it shows
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED, cm);
        bi.getRaster().setSample(4, 4, 0, 5);
        bi.getRaster().setSample(0, 0, 0, 77);
        java.nio.file.Path png = tmp.resolve("indexed.png");
        assertTrue(javax.imageio.ImageIO.write(bi, "png", png.toFile()));
        ImagePlus imp = Images.open(png.toString());
        Raster[] c = Images.channels(imp, notes);
        assertEquals(3, c.length);
        assertArrayEquals(new float[] {120, 30, 200}, new float[] {c[0].get(4, 4), c[1].get(4, 4), c[2].get(4, 4)});
        assertArrayEquals(new float[] {77, 77, 77}, new float[] {c[0].get(0, 0), c[1].get(0, 0), c[2].get(0, 0)});
        assertEquals(1, notes.size());
    }

    @Test
    void floatImagesStacksAndTinyImagesAreRefused() {
        AssayException f = assertThrows(AssayException.class, () -> Images.channels(new ImagePlus("f", new FloatProcessor(8, 8)), new ArrayList<>()));
        assertTrue(f.usage && f.getMessage().contains("32-bit float"), f.getMessage());
        ImageStack st = new ImageStack(8, 8);
        st.addSlice(new ByteProcessor(8, 8));
        st.addSlice(new ByteProcessor(8, 8));
        AssayException s = assertThrows(AssayException.class, () -> Images.channels(new ImagePlus("s", st), new ArrayList<>()));
        assertTrue(s.getMessage().contains("stack of 2 planes"), s.getMessage());
        AssayException t = assertThrows(AssayException.class, () -> Images.channels(new ImagePlus("t", new ByteProcessor(4, 30)), new ArrayList<>()));
        assertTrue(t.getMessage().contains("too small"), t.getMessage());
        // toRaster refuses the same (shared checks)
        assertThrows(AssayException.class, () -> Images.toRaster(new ImagePlus("f", new FloatProcessor(8, 8)), new ArrayList<>()));
    }
}
