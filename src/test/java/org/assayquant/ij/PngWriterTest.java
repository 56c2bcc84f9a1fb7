package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** PngWriter: a valid PNG that decodes to the same pixels, the same bytes on any number of threads; ImageIO's bytes from imageIoCompatible. */
class PngWriterTest {

    @Test
    void decodesToTheSamePixelsAndIsTheSameOnAnyThreadCount() throws Exception {
        Random rnd = new Random(1);
        // tiny, one band, band edges, many bands, rows wider than the 32 KB dictionary window
        int[][] sizes = {{1, 1}, {3, 2}, {17, 63}, {40, 64}, {41, 65}, {300, 200}, {11000, 70}};
        for (int[] s : sizes) {
            int w = s[0], h = s[1];
            int[] rgb = new int[w * h];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) // smooth areas, edges and noise 
                    rgb[y * w + x] = ((x * 3 + y) & 255) << 16 | ((rnd.nextInt(4) == 0 ? rnd.nextInt(256) : y * 2) & 255) << 8 | ((x / 7 * 40) & 255);
            byte[] one = png(rgb, w, h, 1);
            for (int threads : new int[] {2, 3, 8}) assertArrayEquals(one, png(rgb, w, h, threads), w + "x" + h + ", " + threads + " threads");
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(one));
            assertEquals(w, back.getWidth());
            assertEquals(h, back.getHeight());
            int[] got = back.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < got.length; i++) assertEquals(rgb[i], got[i] & 0xffffff, w + "x" + h + " pixel " + i);
        }
    }

    @Test
    void imageIoCompatibleIsImageIosPngByteForByte() throws Exception {
        Random rnd = new Random(2);
        // one pixel; a plot-like picture (white, lines, text-like specks) under one IDAT chunk; noise over several chunks
        int[][] sizes = {{1, 1}, {616, 445}, {300, 200}};
        for (int[] s : sizes) {
            int w = s[0], h = s[1];
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    img.setRGB(x, y, w == 300 ? rnd.nextInt(1 << 24) : (x % 97 == 0 || y % 61 == 0 || rnd.nextInt(50) == 0) ? rnd.nextInt(1 << 24) : 0xffffff);
            ByteArrayOutputStream ref = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(img, "png", ref));
            int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) rgb[i] |= 0xff000000; // the alpha byte of an int RGB raster is not written
            byte[] got = PngWriter.imageIoCompatible(rgb, w, h);
            assertArrayEquals(ref.toByteArray(), got, w + "x" + h);
            if (w == 300) assertTrue(got.length > 2 * 32768, "noise spans several IDAT chunks: " + got.length);
        }
    }

    @Test
    void adlerCombineMatchesAdler32OfTheWhole() {
        Random rnd = new Random(2);
        byte[] data = new byte[200_000];
        rnd.nextBytes(data);
        java.util.zip.Adler32 whole = new java.util.zip.Adler32(), a = new java.util.zip.Adler32(), b = new java.util.zip.Adler32();
        whole.update(data);
        a.update(data, 0, 70_001);
        b.update(data, 70_001, data.length - 70_001);
        assertEquals(whole.getValue(), PngWriter.adlerCombine(a.getValue(), b.getValue(), data.length - 70_001));
    }

    private static byte[] png(int[] rgb, int w, int h, int threads) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngWriter.write(rgb, w, h, out, threads);
        return out.toByteArray();
    }
}
