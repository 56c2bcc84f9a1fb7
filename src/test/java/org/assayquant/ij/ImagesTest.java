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
import org.assayquant.core.wells.PlateImage;

/** {@link Images#plateImage}: RGB channels without conversion, gray values kept exactly, the same refusals as toRaster. */
class ImagesTest {

    @Test
    void rgbGivesThreeExactChannels() {
        ColorProcessor cp = new ColorProcessor(9, 8);
        cp.set(3, 2, (10 << 16) | (200 << 8) | 255);
        cp.set(8, 7, (255 << 16) | (1 << 8));
        List<String> notes = new ArrayList<>();
        PlateImage c = Images.plateImage(new ImagePlus("rgb", cp), notes);
        assertEquals(3, c.channels());
        int p = 2 * 9 + 3, q = 7 * 9 + 8;
        assertEquals(10, c.get(0, p));
        assertEquals(200, c.get(1, p));
        assertEquals(255, c.get(2, p));
        assertEquals(255, c.get(0, q));
        assertEquals(1, c.get(1, q));
        assertEquals(0, c.get(2, q));
        assertEquals(10 / 3f + 200 / 3f + 255 / 3f, c.get(PlateImage.MEAN, p));
        assertEquals(255, c.maxValue);
        assertTrue(notes.isEmpty(), "no conversion to note: " + notes);
    }

    @Test
    void grayValuesAreKeptWithTheirFullScale() {
        ShortProcessor sp = new ShortProcessor(8, 8);
        sp.set(1, 1, 65535);
        sp.set(2, 1, 12345);
        PlateImage c = Images.plateImage(new ImagePlus("16", sp), new ArrayList<>());
        assertEquals(1, c.channels());
        assertEquals(65535, c.maxValue);
        assertEquals(65535f, c.get(0, 9));
        assertEquals(12345f, c.get(0, 10));
        assertEquals(12345f, c.get(PlateImage.MEAN, 10));
        ByteProcessor bp = new ByteProcessor(8, 8);
        bp.set(0, 0, 7);
        PlateImage b = Images.plateImage(new ImagePlus("8", bp), new ArrayList<>());
        assertEquals(255, b.maxValue);
        assertEquals(7f, b.get(0, 0));
    }

    @Test
    void aPaletteImageIsTakenAsItsColours(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // a pseudo-colour display table on a gray image (Image > Lookup Tables > Fire) changes nothing
        ByteProcessor bp = new ByteProcessor(8, 8);
        bp.setColorModel(ij.plugin.LutLoader.getLut("fire"));
        bp.set(4, 4, 5);
        List<String> notes = new ArrayList<>();
        PlateImage gray = Images.plateImage(new ImagePlus("fire", bp), notes);
        assertEquals(1, gray.channels());
        assertEquals(5f, gray.get(0, 4 * 8 + 4));
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
        PlateImage c = Images.plateImage(imp, notes);
        assertEquals(3, c.channels());
        assertArrayEquals(new float[] {120, 30, 200}, new float[] {c.get(0, 36), c.get(1, 36), c.get(2, 36)});
        assertArrayEquals(new float[] {77, 77, 77}, new float[] {c.get(0, 0), c.get(1, 0), c.get(2, 0)});
        assertEquals(1, notes.size());
    }

    @Test
    void floatImagesStacksAndTinyImagesAreRefused() {
        AssayException f = assertThrows(AssayException.class, () -> Images.plateImage(new ImagePlus("f", new FloatProcessor(8, 8)), new ArrayList<>()));
        assertTrue(f.usage && f.getMessage().contains("32-bit float"), f.getMessage());
        ImageStack st = new ImageStack(8, 8);
        st.addSlice(new ByteProcessor(8, 8));
        st.addSlice(new ByteProcessor(8, 8));
        AssayException s = assertThrows(AssayException.class, () -> Images.plateImage(new ImagePlus("s", st), new ArrayList<>()));
        assertTrue(s.getMessage().contains("stack of 2 planes"), s.getMessage());
        AssayException t = assertThrows(AssayException.class, () -> Images.plateImage(new ImagePlus("t", new ByteProcessor(4, 30)), new ArrayList<>()));
        assertTrue(t.getMessage().contains("too small"), t.getMessage());
        // toRaster refuses the same (shared checks)
        assertThrows(AssayException.class, () -> Images.toRaster(new ImagePlus("f", new FloatProcessor(8, 8)), new ArrayList<>()));
    }

    /**
     * open() builds plain RGB PNGs and JPEGs from its own ImageIO decode: the same pixels, type,
     * title and file as ImageJ's Opener (which decodes JPEGs with AWT's decoder), for every kind
     * of file (the others still go through the Opener).
     */
    @Test
    void openGivesTheOpenersImage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.util.Random rnd = new java.util.Random(9);
        List<java.nio.file.Path> files = new ArrayList<>();
        int[] kinds = {java.awt.image.BufferedImage.TYPE_INT_RGB, java.awt.image.BufferedImage.TYPE_INT_ARGB, java.awt.image.BufferedImage.TYPE_BYTE_GRAY,
                java.awt.image.BufferedImage.TYPE_USHORT_GRAY, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED};
        for (int kind : kinds) {
            java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(67, 41, kind);
            var g = bi.createGraphics();
            for (int i = 0; i < 60; i++) {
                g.setColor(new java.awt.Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 128 + rnd.nextInt(128)));
                g.fillOval(rnd.nextInt(67), rnd.nextInt(41), 3 + rnd.nextInt(20), 3 + rnd.nextInt(20));
            }
            g.dispose();
            for (String fmt : new String[] {"png", "jpg"}) {
                java.nio.file.Path f = tmp.resolve("k" + kind + "." + fmt);
                if (javax.imageio.ImageIO.write(bi, fmt, f.toFile())) files.add(f);
            }
        }
        // a gray picture saved as an RGB JPEG (the Opener makes it 8-bit), a plain photo, the colony samples
        java.awt.image.BufferedImage gray = new java.awt.image.BufferedImage(50, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 50; x++) gray.setRGB(x, y, (x * 5) * 0x010101);
        javax.imageio.ImageIO.write(gray, "jpg", tmp.resolve("gray.jpg").toFile());
        files.add(tmp.resolve("gray.jpg"));
        files.add(java.nio.file.Path.of("sample-images", "plate12_crystal_violet.png"));
        int fast = 0;
        for (java.nio.file.Path f : files) {
            ImagePlus want = new ij.io.Opener().openImage(f.toAbsolutePath().toString()), got = Images.open(f.toString());
            String what = f.getFileName().toString();
            assertEquals(want.getType(), got.getType(), what);
            assertEquals(want.getTitle(), got.getTitle(), what);
            assertEquals(Images.fileOf(want), Images.fileOf(got), what);
            assertEquals(want.getOriginalFileInfo().fileFormat, got.getOriginalFileInfo().fileFormat, what);
            Object a = want.getProcessor().getPixels(), b = got.getProcessor().getPixels();
            if (a instanceof int[] ai) {
                int[] bi = (int[]) b;
                for (int i = 0; i < ai.length; i++) assertEquals(ai[i] & 0xffffff, bi[i] & 0xffffff, what + " pixel " + i);
            } else {
                assertTrue(java.util.Objects.deepEquals(new Object[] {a}, new Object[] {b}), what);
            }
            java.awt.image.BufferedImage dec = javax.imageio.ImageIO.read(f.toFile());
            int type = f.toString().endsWith("png") ? ij.io.Opener.PNG : ij.io.Opener.JPEG;
            if (Images.fromDecoded(dec, f, type) != null) fast++;
        }
        assertTrue(fast >= 4, "the direct path was taken for the RGB PNGs and JPEGs: " + fast);
    }

    /** A JPEG after SOI with an APP1 segment spliced in. */
    private static java.nio.file.Path withApp1(java.nio.file.Path jpeg, java.nio.file.Path out, byte[] app1) throws Exception {
        byte[] b = java.nio.file.Files.readAllBytes(jpeg);
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.write(b, 0, 2);
        o.write(0xFF);
        o.write(0xE1);
        o.write((app1.length + 2) >> 8);
        o.write((app1.length + 2) & 255);
        o.write(app1);
        o.write(b, 2, b.length - 2);
        java.nio.file.Files.write(out, o.toByteArray());
        return out;
    }

    /** "Exif\0\0" and a TIFF header whose IFD0 holds the orientation tag (and one other tag before it). */
    private static byte[] exif(boolean little, int orientation) {
        java.nio.ByteBuffer t = java.nio.ByteBuffer.allocate(6 + 8 + 2 + 24 + 4).order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        t.put("Exif".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        t.put((byte) (little ? 'I' : 'M')).put((byte) (little ? 'I' : 'M')).putShort((short) 42).putInt(8);
        t.putShort((short) 2);
        t.putShort((short) 0x010F).putShort((short) 2).putInt(4).putInt(0); // Make, ASCII
        t.putShort((short) (orientation < 0 ? 0x0131 : 0x0112)).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0); // < 0: no orientation tag
        t.putInt(0);
        return t.array();
    }

    /**
     * Phone photos carry EXIF: with orientation 1 (or none) ImageJ does not turn them, so they take
     * the direct path (decoded once) and give the Opener's pixels; any other orientation, or EXIF
     * that cannot be read, goes to the Opener.
     */
    @Test
    void exifOrientationDecidesTheDirectPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(40, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random rnd = new java.util.Random(3);
        for (int y = 0; y < 24; y++) for (int x = 0; x < 40; x++) bi.setRGB(x, y, rnd.nextInt(1 << 24));
        java.nio.file.Path plain = tmp.resolve("plain.jpg");
        javax.imageio.ImageIO.write(bi, "jpg", plain.toFile());
        java.awt.image.BufferedImage dec = javax.imageio.ImageIO.read(plain.toFile());
        byte[] xmp = "http://ns.adobe.com/xap/1.0/\0<x/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] truncated = java.util.Arrays.copyOf(exif(true, 1), 20);
        Object[][] cases = {
            {"le1", exif(true, 1), true}, {"be1", exif(false, 1), true}, {"none", exif(true, -1), true}, {"xmp", xmp, true},
            {"le6", exif(true, 6), false}, {"be3", exif(false, 3), false}, {"be8", exif(false, 8), false}, {"cut", truncated, false}};
        for (Object[] k : cases) {
            java.nio.file.Path f = withApp1(plain, tmp.resolve(k[0] + ".jpg"), (byte[]) k[1]);
            assertEquals(!(boolean) k[2], Images.mayTurn(f), (String) k[0]);
            assertEquals((boolean) k[2], Images.fromDecoded(dec, f, ij.io.Opener.JPEG) != null, (String) k[0]);
            if (!(boolean) k[2]) continue;
            int[] want = (int[]) new ij.io.Opener().openImage(f.toAbsolutePath().toString()).getProcessor().getPixels();
            int[] got = (int[]) Images.open(f.toString()).getProcessor().getPixels();
            for (int i = 0; i < want.length; i++) assertEquals(want[i] & 0xffffff, got[i] & 0xffffff, k[0] + " pixel " + i);
        }
    }

    /**
     * An open begun ahead (the command line's wells photo) gives what open gives: the same pixels and file, the same
     * refusal of a damaged file; taken once, for its own path only.
     */
    @Test
    void anOpenBegunAheadGivesWhatOpenGives(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) bi.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x + y));
        java.nio.file.Path photo = tmp.resolve("dish.jpg"), other = tmp.resolve("other.jpg"), cut = tmp.resolve("cut.jpg");
        javax.imageio.ImageIO.write(bi, "jpg", photo.toFile());
        java.nio.file.Files.copy(photo, other);
        byte[] whole = java.nio.file.Files.readAllBytes(photo);
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        ImagePlus want = Images.open(photo.toString());
        ImagePlus ahead;
        try (Images.Ahead a = Images.openAhead(photo.toString())) {
            assertEquals(other.getFileName().toString(), Images.open(other.toString()).getTitle(), "another path is opened, not taken");
            ahead = Images.open(photo.toString());
            assertTrue(ahead != Images.open(photo.toString()), "taken once: the next open decodes again");
        }
        assertArrayEquals((int[]) want.getProcessor().getPixels(), (int[]) ahead.getProcessor().getPixels());
        assertEquals(want.getTitle(), ahead.getTitle());
        assertEquals(Images.fileOf(want), Images.fileOf(ahead));
        assertEquals(Images.isLossy(want), Images.isLossy(ahead));

        AssayException direct = assertThrows(AssayException.class, () -> Images.open(cut.toString()));
        try (Images.Ahead a = Images.openAhead(cut.toString())) {
            AssayException taken = assertThrows(AssayException.class, () -> Images.open(cut.toString()));
            assertEquals(direct.getMessage(), taken.getMessage());
            assertEquals(direct.usage, taken.usage);
        }
    }
}
