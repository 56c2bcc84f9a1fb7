package org.assayquant.ij;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ImageProcessor;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;

/** The adapter between ImageJ images and the core's {@link Raster}. */
public final class Images {
    private Images() {}

    /** Opens an image file for analysis, with an error naming the file when it cannot be used. */
    public static ImagePlus open(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) throw AssayException.invalid("image=" + path + ": no such file");
        if (Files.isDirectory(p)) throw AssayException.invalid("image=" + path + ": is a folder, expected an image file");
        if (!Files.isReadable(p)) throw AssayException.invalid("image=" + path + ": not readable");
        if (p.toFile().length() == 0) throw AssayException.invalid("image=" + path + ": empty file (0 bytes)");
        // ImageJ's Opener reports an undecodable file with IJ.error, which while a macro runs goes to the
        // macro interpreter (a modal dialog; a batch macro hangs) before redirectErrorMessages is looked at:
        // refuse such files before the Opener sees them
        int type = new Opener().getFileType(p.toAbsolutePath().toString());
        if (type != Opener.TIFF && type != Opener.PNG && type != Opener.JPEG && type != Opener.GIF && type != Opener.BMP)
            throw AssayException.invalid("image=" + path + ": not a TIFF, PNG or JPEG file");
        if (type != Opener.TIFF) {
            try {
                if (javax.imageio.ImageIO.read(p.toFile()) == null) throw new java.io.IOException("no decoder for this file");
            } catch (java.io.IOException | RuntimeException e) {
                throw AssayException.invalid("image=" + path + ": cannot be decoded (" + e.getMessage() + ")");
            }
        }
        ImagePlus imp;
        try {
            IJ.redirectErrorMessages(true); // a failed open goes to the log, not to a modal dialog
            imp = new Opener().openImage(p.toAbsolutePath().toString());
        } catch (RuntimeException | OutOfMemoryError e) {
            throw AssayException.invalid("image=" + path + ": cannot be read as an image (" + e + ")");
        } finally {
            IJ.redirectErrorMessages(false);
        }
        if (imp == null || imp.getProcessor() == null)
            throw AssayException.invalid("image=" + path + ": not a readable image (expected TIFF, PNG or JPEG)");
        return imp;
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
     * The image's channels without conversion, for analyses that choose their own channel (the
     * stain's): red, green, blue of an RGB image (0..255), or the one plane of an 8/16-bit image
     * (values kept exactly). An 8-bit image whose colour table is a palette (an indexed-colour
     * photo) is taken as the colours it shows (noted in {@code notes}); a gray image with a smooth
     * pseudo-colour display table (Fire, ...) stays gray. The same refusals as {@link #toRaster}.
     */
    public static Raster[] channels(ImagePlus imp, List<String> notes) {
        double max = checkPlane(imp);
        ImageProcessor ip = imp.getProcessor();
        int w = ip.getWidth(), h = ip.getHeight();
        if (ip instanceof ij.process.ByteProcessor && ip.isColorLut() && !ip.isPseudoColorLut()) {
            notes.add("image " + imp.getTitle() + " is 8-bit indexed colour: analysed as the RGB colours it shows");
            ip = ip.convertToRGB();
        }
        if (ip instanceof ij.process.ColorProcessor cp) {
            int n = w * h;
            float[] r = new float[n], g = new float[n], b = new float[n];
            int[] rgb = (int[]) cp.getPixels();
            for (int i = 0; i < n; i++) {
                int c = rgb[i];
                r[i] = (c >> 16) & 255;
                g[i] = (c >> 8) & 255;
                b[i] = c & 255;
            }
            return new Raster[] {new Raster(w, h, r, 255), new Raster(w, h, g, 255), new Raster(w, h, b, 255)};
        }
        return new Raster[] {new Raster(w, h, (float[]) ip.convertToFloatProcessor().getPixels(), max)};
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
        String n = fi != null && fi.fileName != null ? fi.fileName.toLowerCase() : imp.getTitle().toLowerCase();
        return n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    public static String fileOf(ImagePlus imp) {
        var fi = imp.getOriginalFileInfo();
        return fi != null && fi.directory != null && fi.fileName != null ? new File(fi.directory, fi.fileName).getPath() : imp.getTitle();
    }
}
