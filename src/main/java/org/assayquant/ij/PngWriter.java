package org.assayquant.ij;

import org.assayquant.core.Parallel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An 8-bit RGB PNG encoder that compresses bands of rows in parallel (ImageIO's writer takes most
 * of a second for a 12-megapixel overlay on one core). As pigz does, each band is deflated on its
 * own, primed with the previous 32 KB of data as dictionary, and ended with a sync flush, so the
 * bands join into one valid zlib stream. Bands have a fixed height and every row the same filter:
 * the file is the same byte for byte whatever the number of threads.
 */
public final class PngWriter {
    private PngWriter() {}

    /** Rows per independently compressed band. */
    static final int BAND_ROWS = 64;
    private static final int WINDOW = 32768, LEVEL = 4;

    /** Writes {@code rgb} (0xRRGGBB per pixel, row-major) as a PNG, on as many threads as there are processors. */
    public static void write(int[] rgb, int width, int height, OutputStream out) throws IOException {
        write(rgb, width, height, out, Runtime.getRuntime().availableProcessors());
    }

    static void write(int[] rgb, int width, int height, OutputStream out, int threads) throws IOException {
        if (width < 1 || height < 1 || rgb.length != width * height) throw new IllegalArgumentException(width + "x" + height + " for " + rgb.length + " pixels");
        int stride = 1 + 3 * width; // filter byte + RGB
        int bands = (height + BAND_ROWS - 1) / BAND_ROWS;
        // fixed bands, gathered in order: the file is the same bytes on any number of threads
        List<Band> compressed = Parallel.map(bands, threads, "assayquant-png", b -> band(rgb, width, height, b, bands, stride));
        // the zlib trailer: Adler-32 of all filtered rows, combined from the bands'
        long adler = 1;
        for (Band c : compressed) adler = adlerCombine(adler, c.adler, c.length);
        header(out, width, height);
        chunk(out, "IDAT", new byte[] {0x78, 0x5e}, 0, 2); // zlib header: deflate, 32 KB window, default-ish level
        for (Band c : compressed) chunk(out, "IDAT", c.deflated, 0, c.deflated.length);
        byte[] trailer = new byte[4];
        putInt(trailer, 0, (int) adler);
        chunk(out, "IDAT", trailer, 0, 4);
        chunk(out, "IEND", new byte[0], 0, 0);
    }

    /** The IDAT chunk size and deflate level of ImageIO's PNG writer (JDK 17, PNGImageWriter). */
    private static final int IMAGEIO_CHUNK = 32768, IMAGEIO_LEVEL = 4;

    /**
     * The bytes ImageIO's PNG writer (JDK 17) writes for an opaque 8-bit RGB image, made straight
     * from the pixels: signature, IHDR, the rows unfiltered (filter byte 0: that writer filters
     * only palette images) deflated at level 4 by one zlib stream and cut into IDAT chunks of
     * 32 768 bytes, IEND. zlib's output does not depend on how its input is handed over, so the
     * file is ImageIO's byte for byte (PngWriterTest compares them), without ImageIO's copy of
     * every row into a new raster and an int per sample: on a 20-block synergy screen (180 plots)
     * that copying was 9% of the command's CPU samples and its garbage most of the GC's work.
     */
    public static byte[] imageIoCompatible(int[] rgb, int width, int height) {
        if (width < 1 || height < 1 || rgb.length != width * height) throw new IllegalArgumentException(width + "x" + height + " for " + rgb.length + " pixels");
        int stride = 1 + 3 * width;
        byte[] raw = new byte[height * stride]; // filter byte 0 at the start of every row
        for (int y = 0, i = 0, q = 0; y < height; y++) {
            q++;
            for (int x = 0; x < width; x++, i++) {
                int c = rgb[i];
                raw[q++] = (byte) (c >> 16);
                raw[q++] = (byte) (c >> 8);
                raw[q++] = (byte) c;
            }
        }
        Deflater d = new Deflater(IMAGEIO_LEVEL);
        ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 8 + 64);
        try {
            d.setInput(raw);
            d.finish();
            byte[] buf = new byte[65536];
            while (!d.finished()) z.write(buf, 0, d.deflate(buf));
        } finally {
            d.end();
        }
        byte[] zlib = z.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(zlib.length + 64 + 12 * (zlib.length / IMAGEIO_CHUNK));
        try {
            header(out, width, height);
            int off = 0;
            do {
                int n = Math.min(IMAGEIO_CHUNK, zlib.length - off);
                chunk(out, "IDAT", zlib, off, n);
                off += n;
            } while (off < zlib.length);
            chunk(out, "IEND", new byte[0], 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    /** The PNG signature and the IHDR chunk of an 8-bit truecolour RGB image. */
    private static void header(OutputStream out, int width, int height) throws IOException {
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour RGB
        chunk(out, "IHDR", ihdr, 0, ihdr.length);
    }

    /** One band: raw deflate data, Adler-32 and length of its filtered bytes. */
    private record Band(byte[] deflated, long adler, long length) {}

    /** Band b deflated (sync-flushed, or finished for the last band). */
    private static Band band(int[] rgb, int width, int height, int b, int bands, int stride) {
        int y0 = b * BAND_ROWS, y1 = Math.min(height, y0 + BAND_ROWS);
        // filtered rows of the band, preceded by the filtered rows just before it (the dictionary)
        int before = Math.min(y0, (WINDOW + stride - 1) / stride);
        byte[] data = new byte[(y1 - y0 + before) * stride];
        byte[] prev = new byte[stride], row = new byte[stride];
        int start = y0 - before;
        if (start > 0) raw(rgb, width, start - 1, prev);
        for (int y = start; y < y1; y++) {
            filterRow(rgb, width, y, prev, row, data, (y - start) * stride);
            byte[] s = prev;
            prev = row;
            row = s;
        }
        int off = before * stride;
        Adler32 a = new Adler32();
        a.update(data, off, data.length - off);
        Deflater d = new Deflater(LEVEL, true);
        try {
            if (off > 0) {
                int dict = Math.min(WINDOW, off);
                d.setDictionary(data, off - dict, dict);
            }
            d.setInput(data, off, data.length - off);
            ByteArrayOutputStream bo = new ByteArrayOutputStream(Math.max(1024, (data.length - off) / 2));
            byte[] buf = new byte[65536];
            if (b == bands - 1) {
                d.finish();
                while (!d.finished()) bo.write(buf, 0, d.deflate(buf));
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    bo.write(buf, 0, n);
                } while (n == buf.length);
            }
            return new Band(bo.toByteArray(), a.getValue(), data.length - off);
        } finally {
            d.end();
        }
    }

    /** Adler-32 of the concatenation, from the parts' checksums (zlib's adler32_combine). */
    static long adlerCombine(long adler1, long adler2, long len2) {
        final long base = 65521;
        long rem = len2 % base;
        long sum1 = adler1 & 0xffff;
        long sum2 = (rem * sum1) % base;
        sum1 += (adler2 & 0xffff) + base - 1;
        sum2 += ((adler1 >> 16) & 0xffff) + ((adler2 >> 16) & 0xffff) + base - rem;
        if (sum1 >= base) sum1 -= base;
        if (sum1 >= base) sum1 -= base;
        if (sum2 >= base << 1) sum2 -= base << 1;
        if (sum2 >= base) sum2 -= base;
        return sum1 | (sum2 << 16);
    }

    /** Row y as RGB bytes (after the filter byte position). */
    private static void raw(int[] rgb, int width, int y, byte[] row) {
        for (int x = 0, i = y * width, q = 1; x < width; x++, i++) {
            int c = rgb[i];
            row[q++] = (byte) (c >> 16);
            row[q++] = (byte) (c >> 8);
            row[q++] = (byte) c;
        }
    }

    /**
     * Row y filtered into {@code out} at {@code o} (filter byte first) with PNG's Up filter (the
     * difference to the row above): on photos it compresses as well as libpng's per-row choice
     * at a fraction of the time. {@code prev} holds row y-1 raw (zeros for y = 0), {@code row}
     * receives row y raw.
     */
    private static void filterRow(int[] rgb, int width, int y, byte[] prev, byte[] row, byte[] out, int o) {
        raw(rgb, width, y, row);
        if (y == 0) Arrays.fill(prev, (byte) 0);
        out[o] = 2; // Up
        for (int i = 1; i < row.length; i++) out[o + i] = (byte) (row[i] - prev[i]);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int off, int len) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        for (int i = 0; i < 4; i++) head[4 + i] = (byte) type.charAt(i);
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data, off, len);
        out.write(head);
        out.write(data, off, len);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
