package org.assayquant.ij;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;
import ij.process.ImageProcessor;

import org.assayquant.core.AssayException;
import org.assayquant.core.Parallel;
import org.assayquant.core.Raster;
import org.assayquant.core.wells.PlateImage;

/** The adapter between ImageJ images and the core's {@link Raster}. */
public final class Images {
    private Images() {}

    /** A decode begun ahead ({@link #openAhead}), taken once by {@link #open} of its path. */
    private static final AtomicReference<Ahead> AHEAD = new AtomicReference<>();

    /**
     * {@link #open}(path) begun now on a thread of its own: on the command line a large photo's decode
     * (a 6-MP JPEG: 0.3-0.4 s in a fresh JVM) runs while the command is looked up and set up. The next
     * {@code open} of the same path takes its result: the same image, or the same exception, where the
     * command would have met it. Closing the handle waits for the thread to end and drops a result not taken.
     */
    public static Ahead openAhead(String path) {
        Ahead a = new Ahead(path, Parallel.fork("assayquant-open", () -> opened(path)));
        AHEAD.set(a);
        return a;
    }

    /** An open begun ahead; close it when the command is done (or has failed). */
    public static final class Ahead implements AutoCloseable {
        private final String path;
        private final Parallel.Forked<ImagePlus> image;

        private Ahead(String path, Parallel.Forked<ImagePlus> image) {
            this.path = path;
            this.image = image;
        }

        @Override
        public void close() {
            AHEAD.compareAndSet(this, null);
            image.close();
        }
    }

    /** Opens an image file for analysis, with an error naming the file when it cannot be used. */
    public static ImagePlus open(String path) {
        Ahead a = AHEAD.get();
        if (a != null && a.path.equals(path) && AHEAD.compareAndSet(a, null)) return a.image.get();
        return opened(path);
    }

    private static ImagePlus opened(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) throw AssayException.invalid("image=" + path + ": no such file");
        if (Files.isDirectory(p)) throw AssayException.invalid("image=" + path + ": is a folder, expected an image file");
        if (!Files.isRegularFile(p)) throw AssayException.invalid("image=" + path + ": not a regular file (a named pipe, device or socket?); expected an image file");
        if (!Files.isReadable(p)) throw AssayException.invalid("image=" + path + ": permission denied (the file is not readable)");
        if (p.toFile().length() == 0) throw AssayException.invalid("image=" + path + ": empty file (0 bytes)");
        // ImageJ's Opener reports an undecodable file with IJ.error, which while a macro runs goes to the
        // macro interpreter (a modal dialog; a batch macro hangs) before redirectErrorMessages is looked at:
        // refuse such files before the Opener sees them
        int type = new Opener().getFileType(p.toAbsolutePath().toString());
        if (type != Opener.TIFF && type != Opener.PNG && type != Opener.JPEG && type != Opener.GIF && type != Opener.BMP)
            throw AssayException.invalid("image=" + path + ": not a TIFF, PNG or JPEG file");
        java.awt.image.BufferedImage decoded = null;
        if (type == Opener.TIFF) checkTiff(path, p);
        else decoded = checkDecodes(path, p);
        ImagePlus imp = type == Opener.PNG || type == Opener.JPEG ? fromDecoded(decoded, p, type) : null;
        if (imp != null) return imp;
        try {
            IJ.redirectErrorMessages(true); // a failed open goes to the log, not to a modal dialog
            imp = new Opener().openImage(p.toAbsolutePath().toString());
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, p.toFile().length());
        } catch (RuntimeException e) {
            throw AssayException.invalid("image=" + path + ": cannot be read as an image (" + e + ")");
        } finally {
            IJ.redirectErrorMessages(false);
        }
        if (imp == null || imp.getProcessor() == null)
            throw AssayException.invalid("image=" + path + ": not a readable image (expected TIFF, PNG or JPEG)");
        return imp;
    }

    /**
     * Refuses a TIFF whose header promises more than the file holds (ImageJ would read a truncated
     * file as an image with a black tail, and on an absurd size print a stack trace) or more pixels
     * than Java can hold.
     */
    private static void checkTiff(String path, Path p) {
        checkTiffStructure(path, p);
        FileInfo[] info;
        try {
            Path abs = p.toAbsolutePath();
            info = new TiffDecoder(abs.getParent().toString() + java.io.File.separator, abs.getFileName().toString()).getTiffInfo();
        } catch (java.io.IOException | RuntimeException e) {
            throw AssayException.invalid("image=" + path + ": not a valid TIFF file (" + e.getMessage() + ")");
        }
        if (info == null || info.length == 0) throw AssayException.invalid("image=" + path + ": not a valid TIFF file (no image in it)");
        long length = p.toFile().length();
        for (FileInfo fi : info) {
            if (fi.width < 1 || fi.height < 1)
                throw AssayException.invalid("image=" + path + ": not a valid TIFF file (" + fi.width + " x " + fi.height + " pixels)");
            long pixels = (long) fi.width * fi.height;
            long planes = Math.max(1, fi.nImages);
            if (pixels > Integer.MAX_VALUE - 8)
                throw AssayException.invalid("image=" + path + ": " + fi.width + " x " + fi.height + " pixels is larger than one image plane can be (2^31 pixels)");
            int bpp = exactBytesPerPixel(fi.fileType);
            long end = 0;
            if (fi.compression <= FileInfo.COMPRESSION_NONE && bpp > 0) {
                end = fi.getOffset() + planes * pixels * bpp + (planes - 1) * Math.max(0, fi.getGap());
            } else if (fi.stripOffsets != null && fi.stripLengths != null) {
                for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++)
                    end = Math.max(end, Integer.toUnsignedLong(fi.stripOffsets[i]) + Integer.toUnsignedLong(fi.stripLengths[i]));
            }
            if (end > length)
                throw AssayException.invalid("image=" + path + ": truncated or damaged: its header describes " + fi.width + " x " + fi.height
                        + " pixels" + (planes > 1 ? " x " + planes + " planes" : "") + " ending at byte " + end + ", but the file has " + length + " bytes");
            Runtime rt = Runtime.getRuntime();
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            long needed = planes * pixels * Math.max(1, bpp);
            if (needed > free)
                throw AssayException.failed("image=" + path + ": " + fi.width + " x " + fi.height + " pixels" + (planes > 1 ? " x " + planes + " planes" : "")
                        + " need " + (needed >> 20) + " MB but Java has " + (free >> 20) + " MB free (give Java more with -Xmx, e.g. java -Xmx8g -jar ...)");
        }
    }

    /**
     * Walks the chain of image directories (IFDs) before ImageJ's TiffDecoder does: on a damaged
     * file whose chain points back to an earlier directory the decoder loops for ever, and it
     * allocates whatever count a tag claims.
     */
    private static void checkTiffStructure(String path, Path p) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p)) {
            long len = ch.size();
            java.nio.ByteBuffer h = readAt(ch, 0, 8);
            if (h == null) throw AssayException.invalid("image=" + path + ": truncated TIFF file (" + len + " bytes)");
            if (h.get(0) == 'I' && h.get(1) == 'I') h.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            else if (h.get(0) != 'M' || h.get(1) != 'M') throw AssayException.invalid("image=" + path + ": not a valid TIFF file");
            int magic = h.getShort(2) & 0xFFFF;
            if (magic == 43) throw AssayException.invalid("image=" + path + ": BigTIFF files are not supported; save the image as a standard TIFF");
            if (magic != 42) throw AssayException.invalid("image=" + path + ": not a valid TIFF file");
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (long off = Integer.toUnsignedLong(h.getInt(4)); off != 0; ) {
                if (!seen.add(off)) throw AssayException.invalid("image=" + path + ": damaged TIFF file (its image directories form a loop)");
                java.nio.ByteBuffer n = off < 8 ? null : readAt(ch, off, 2);
                if (n == null) throw AssayException.invalid("image=" + path + ": truncated or damaged TIFF file (an image directory at byte " + off + " lies outside the file)");
                int entries = n.order(h.order()).getShort(0) & 0xFFFF;
                java.nio.ByteBuffer ifd = readAt(ch, off + 2, 12L * entries + 4);
                if (ifd == null) throw AssayException.invalid("image=" + path + ": truncated TIFF file (an image directory at byte " + off + " runs past the end)");
                ifd.order(h.order());
                for (int e = 0; e < entries; e++) {
                    int tag = ifd.getShort(12 * e) & 0xFFFF, type = ifd.getShort(12 * e + 2) & 0xFFFF;
                    long count = Integer.toUnsignedLong(ifd.getInt(12 * e + 4));
                    int size = switch (type) {
                        case 1, 2, 6, 7 -> 1;
                        case 3, 8 -> 2;
                        case 4, 9, 11, 13 -> 4;
                        case 5, 10, 12 -> 8;
                        default -> 0;
                    };
                    long bytes = count * size;
                    boolean strips = tag == 273 || tag == 279; // StripOffsets, StripByteCounts
                    if (bytes > len || (strips && bytes > 4 && Integer.toUnsignedLong(ifd.getInt(12 * e + 8)) + bytes > len))
                        throw AssayException.invalid("image=" + path + ": truncated or damaged TIFF file (tag " + tag + " claims " + count + " values beyond the file's " + len + " bytes)");
                }
                off = Integer.toUnsignedLong(ifd.getInt(12 * entries));
            }
        } catch (java.io.IOException e) {
            throw AssayException.invalid("image=" + path + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** {@code n} bytes at {@code pos}, or null when the file ends before. */
    private static java.nio.ByteBuffer readAt(java.nio.channels.FileChannel ch, long pos, long n) throws java.io.IOException {
        if (pos < 0 || n > Integer.MAX_VALUE || pos + n > ch.size()) return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) n);
        while (b.hasRemaining()) if (ch.read(b, pos + b.position()) < 0) return null;
        return b;
    }

    /** Bytes per pixel in the file for the plain pixel types; 0 where it is not a whole number of bytes. */
    private static int exactBytesPerPixel(int fileType) {
        return switch (fileType) {
            case FileInfo.GRAY8, FileInfo.COLOR8 -> 1;
            case FileInfo.GRAY16_SIGNED, FileInfo.GRAY16_UNSIGNED -> 2;
            case FileInfo.RGB, FileInfo.BGR, FileInfo.RGB_PLANAR -> 3;
            case FileInfo.GRAY32_INT, FileInfo.GRAY32_UNSIGNED, FileInfo.GRAY32_FLOAT, FileInfo.ARGB, FileInfo.BARG, FileInfo.ABGR, FileInfo.CMYK -> 4;
            case FileInfo.RGB48, FileInfo.RGB48_PLANAR -> 6;
            case FileInfo.GRAY64_FLOAT -> 8;
            default -> 0;
        };
    }

    /**
     * Decodes a PNG/JPEG/GIF/BMP once with ImageIO, refusing what it cannot decode and what it
     * decodes only with a warning (a truncated JPEG is "decoded" with a grey tail).
     */
    /** Memory this JVM can still get: its limit minus what is in use. */
    private static long freeMemory() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    private static AssayException outOfMemory(String path, long fileBytes) {
        return outOfMemory(path, fileBytes * 4, "the pixels of this file");
    }

    /** "out of memory": what the image needs against what Java may use, and how to give it more. */
    static AssayException outOfMemory(String path, long needBytes, String what) {
        long mb = 1 << 20;
        return AssayException.failed("image=" + path + ": out of memory: " + what + " need about " + (needBytes + mb - 1) / mb
                + " MB, Java may use " + Runtime.getRuntime().maxMemory() / mb + " MB in all; give Java more memory (java -Xmx"
                + Math.max(2, (needBytes * 2 + (1L << 30) - 1) >> 30) + "g -jar ..., or Fiji's Edit > Options > Memory & Threads)");
    }

    private static java.awt.image.BufferedImage checkDecodes(String path, Path p) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(p.toFile())) {
            var readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new java.io.IOException("no decoder for this file");
            javax.imageio.ImageReader reader = readers.next();
            List<String> warnings = new java.util.ArrayList<>();
            java.awt.image.BufferedImage img;
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((r, w) -> warnings.add(w));
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > Integer.MAX_VALUE - 8)
                    throw AssayException.invalid("image=" + path + ": " + reader.getWidth(0) + " x " + reader.getHeight(0) + " pixels is larger than one image plane can be (2^31 pixels)");
                // the decode (3-4 bytes a pixel) and ImageJ's packed RGB copy (4) live at once
                if (pixels * 8 > freeMemory()) throw outOfMemory(path, pixels * 8, reader.getWidth(0) + " x " + reader.getHeight(0) + " pixels");
                try {
                    img = reader.read(0);
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(path, pixels * 8, reader.getWidth(0) + " x " + reader.getHeight(0) + " pixels");
                }
                if (img == null) throw new java.io.IOException("no image in the file");
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) throw AssayException.invalid("image=" + path + ": damaged or truncated (" + warnings.get(0) + ")");
            return img;
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof AssayException a) throw a;
            throw AssayException.invalid("image=" + path + ": cannot be decoded (" + e.getMessage() + ")");
        }
    }

    /**
     * The image ImageJ's Opener would make of a plain 8-bit-per-channel RGB PNG or JPEG, built from
     * the ImageIO decode of {@link #checkDecodes} instead of decoding the file a second time (and
     * grabbing its pixels through AWT twice, which is most of ImageJ's time on a large photo); null
     * for anything else (alpha, palette, gray, 16-bit, colour profiles, JPEG whose EXIF
     * orientation turns it), which the Opener opens. Same pixels, title and file info as the Opener's.
     */
    static ImagePlus fromDecoded(java.awt.image.BufferedImage img, Path p, int type) {
        if (img == null) return null;
        int kind = img.getType();
        if (kind != java.awt.image.BufferedImage.TYPE_3BYTE_BGR && kind != java.awt.image.BufferedImage.TYPE_INT_RGB) return null;
        java.awt.image.WritableRaster raster = img.getRaster();
        if (raster.getParent() != null || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) return null;
        if (type == Opener.JPEG && mayTurn(p)) return null; // ImageJ turns photos by their EXIF orientation
        int w = img.getWidth(), h = img.getHeight();
        int[] px = new int[w * h];
        if (raster.getDataBuffer() instanceof java.awt.image.DataBufferByte db
                && raster.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm && sm.getNumBands() == 3) {
            byte[] d = db.getData();
            int[] off = sm.getBandOffsets(); // red, green, blue
            int ps = sm.getPixelStride(), ss = sm.getScanlineStride();
            for (int y = 0; y < h; y++) {
                for (int x = 0, q = y * ss, i = y * w; x < w; x++, q += ps, i++)
                    px[i] = 0xff000000 | (d[q + off[0]] & 255) << 16 | (d[q + off[1]] & 255) << 8 | (d[q + off[2]] & 255);
            }
        } else if (raster.getDataBuffer() instanceof java.awt.image.DataBufferInt db
                && raster.getSampleModel() instanceof java.awt.image.SinglePixelPackedSampleModel sm && sm.getScanlineStride() == w) {
            int[] d = db.getData();
            for (int i = 0; i < px.length; i++) px[i] = 0xff000000 | d[i];
        } else {
            return null;
        }
        Path abs = p.toAbsolutePath();
        String dir = abs.getParent() == null ? "" : abs.getParent() + File.separator, name = abs.getFileName().toString();
        ImagePlus imp = new ImagePlus(name, new ij.process.ColorProcessor(w, h, px));
        FileInfo fi = new FileInfo();
        fi.fileFormat = type == Opener.JPEG ? FileInfo.GIF_OR_JPG : FileInfo.IMAGEIO;
        fi.fileName = name;
        fi.directory = dir;
        imp.setFileInfo(fi);
        if (type == Opener.JPEG) Opener.convertGrayJpegTo8Bits(imp); // as the Opener: a gray JPEG saved as RGB becomes 8-bit
        return imp;
    }

    /**
     * Whether ImageJ might turn this JPEG: it holds an EXIF segment whose orientation is not
     * "normal" (1), or one that cannot be read. Phone photos carry EXIF with orientation 1 (all 35
     * phone dishes of issue 19): those are decoded once, here, instead of a second time through
     * AWT's decoder and pixel grabber (0.5-0.9 s of CPU on a 6-megapixel photo in a fresh JVM).
     */
    static boolean mayTurn(Path p) {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(p))) {
            if (in.read() != 0xFF || in.read() != 0xD8) return true; // not a plain JPEG stream: let the Opener decide
            while (true) {
                int m = in.read();
                while (m == 0xFF) m = in.read();
                if (m < 0 || m == 0xDA || m == 0xD9) return false; // start of scan / end: no EXIF before the image
                int len = (in.read() << 8) | in.read();
                if (len < 2) return true;
                if (m == 0xE1) {
                    byte[] seg = in.readNBytes(len - 2);
                    if (seg.length < 6 || seg[0] != 'E' || seg[1] != 'x' || seg[2] != 'i' || seg[3] != 'f' || seg[4] != 0 || seg[5] != 0) continue; // XMP: no orientation
                    int orientation = exifOrientation(seg, 6);
                    if (orientation != 0 && orientation != 1) return true;
                    continue;
                }
                in.skipNBytes(len - 2);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    /** The orientation tag (0x0112) of the TIFF structure at {@code t[at..]} (EXIF's IFD0): 0 when absent; -1 when unreadable. */
    private static int exifOrientation(byte[] t, int at) {
        int n = t.length - at;
        if (n < 8) return -1;
        boolean little = t[at] == 'I' && t[at + 1] == 'I';
        if (!little && !(t[at] == 'M' && t[at + 1] == 'M')) return -1;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(t, at, n).slice().order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        long ifd = Integer.toUnsignedLong(b.getInt(4));
        if (ifd + 2 > n) return -1;
        int entries = Short.toUnsignedInt(b.getShort((int) ifd));
        if (ifd + 2 + 12L * entries > n) return -1;
        for (int k = 0; k < entries; k++) {
            int e = (int) ifd + 2 + 12 * k;
            if (Short.toUnsignedInt(b.getShort(e)) != 0x0112) continue;
            // SHORT, one value, held in the entry itself
            return Short.toUnsignedInt(b.getShort(e + 2)) == 3 && b.getInt(e + 4) == 1 ? Short.toUnsignedInt(b.getShort(e + 8)) : -1;
        }
        return 0;
    }

    /**
     * The analysed plane as linear floats. 8- and 16-bit values are kept exactly; RGB is turned
     * into luminance (noted in {@code notes}); stacks are refused, since which plane is the blot
     * is the user's call.
     */
    public static Raster toRaster(ImagePlus imp, List<String> notes) {
        double max = checkPlane(imp);
        ImageProcessor ip = imp.getProcessor();
        if (imp.getType() == ImagePlus.COLOR_RGB) {
            notes.add("image " + imp.getTitle() + " is RGB: converted to luminance (0.299 R + 0.587 G + 0.114 B); quantify the original grayscale scan where possible");
            return new Raster(ip.getWidth(), ip.getHeight(), luminance((ij.process.ColorProcessor) ip), 255);
        }
        float[] px = (float[]) ip.convertToFloatProcessor().getPixels();
        return new Raster(ip.getWidth(), ip.getHeight(), px, max);
    }

    /**
     * The image for the wells analysis, which chooses its own channel (the stain's): an RGB image
     * as its own packed pixels (shared, never written), or the one plane of an 8/16-bit image
     * (values kept exactly). An 8-bit image whose colour table is a palette (an indexed-colour
     * photo) is taken as the colours it shows (noted in {@code notes}); a gray image with a smooth
     * pseudo-colour display table (Fire, ...) stays gray. The same refusals as {@link #toRaster}.
     */
    public static PlateImage plateImage(ImagePlus imp, List<String> notes) {
        double max = checkPlane(imp);
        ImageProcessor ip = imp.getProcessor();
        int w = ip.getWidth(), h = ip.getHeight();
        if (ip instanceof ij.process.ByteProcessor && ip.isColorLut() && !ip.isPseudoColorLut()) {
            notes.add("image " + imp.getTitle() + " is 8-bit indexed colour: analysed as the RGB colours it shows");
            ip = ip.convertToRGB();
        }
        if (ip instanceof ij.process.ColorProcessor cp) return PlateImage.rgb(w, h, (int[]) cp.getPixels());
        return PlateImage.gray(new Raster(w, h, (float[]) ip.convertToFloatProcessor().getPixels(), max));
    }

    /** Refuses what no analysis can use (stacks, tiny images, 32-bit floats); returns the full-scale value. */
    private static double checkPlane(ImagePlus imp) {
        String name = imp.getTitle();
        if (imp.getStackSize() > 1)
            throw AssayException.invalid("image " + name + ": is a stack of " + imp.getStackSize()
                    + " planes; expected a single 2-D image (use Image > Stacks > Stack to Images first)");
        if (imp.getWidth() < 8 || imp.getHeight() < 8)
            throw AssayException.invalid("image " + name + ": " + imp.getWidth() + "x" + imp.getHeight() + " pixels is too small to analyse");
        return switch (imp.getType()) {
            case ImagePlus.GRAY8, ImagePlus.COLOR_256, ImagePlus.COLOR_RGB -> 255;
            case ImagePlus.GRAY16 -> 65535;
            case ImagePlus.GRAY32 -> throw AssayException.invalid("image " + name
                    + ": is 32-bit float, which has no detector full scale to judge saturation against; use the original 8- or 16-bit scan");
            default -> throw AssayException.invalid("image " + name + ": unsupported pixel type");
        };
    }

    /**
     * Each pixel's RGB channel spread (max - min) for an RGB image (ink on a film scan,
     * {@link org.assayquant.core.blot.FilmScan}); null for a grayscale one.
     */
    public static float[] chroma(ImagePlus imp) {
        if (imp.getType() != ImagePlus.COLOR_RGB) return null;
        int[] rgb = (int[]) imp.getProcessor().getPixels();
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 255, g = (rgb[i] >> 8) & 255, b = rgb[i] & 255;
            out[i] = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
        }
        return out;
    }

    private static float[] luminance(ij.process.ColorProcessor cp) {
        int[] rgb = (int[]) cp.getPixels();
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i];
            out[i] = (float) (0.299 * ((c >> 16) & 255) + 0.587 * ((c >> 8) & 255) + 0.114 * (c & 255));
        }
        return out;
    }

    /** True for formats whose pixels were changed by lossy compression. */
    public static boolean isLossy(ImagePlus imp) {
        var fi = imp.getOriginalFileInfo();
        String n = fi != null && fi.fileName != null ? fi.fileName.toLowerCase(java.util.Locale.ROOT) : imp.getTitle().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    public static String fileOf(ImagePlus imp) {
        var fi = imp.getOriginalFileInfo();
        return fi != null && fi.directory != null && fi.fileName != null ? new File(fi.directory, fi.fileName).getPath() : imp.getTitle();
    }
}
