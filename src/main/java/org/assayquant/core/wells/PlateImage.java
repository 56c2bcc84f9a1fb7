package org.assayquant.core.wells;

import org.assayquant.core.Raster;

/**
 * The plate photo or scan as the wells analysis reads it: red, green and blue of a packed RGB
 * image, or one grayscale plane. Channels and their mean are read pixel by pixel where needed
 * instead of being copied out as full-image float arrays: on a 12-MP photo the three channels and
 * their mean were 190 MB of fresh heap per run, and growing the heap for them cost more time than
 * the arithmetic.
 */
public final class PlateImage {
    /** The channel argument of {@link #get} for the mean of the channels. */
    public static final int MEAN = -1;

    /** v / 3f for every 8-bit v: the same floats as the division, without dividing 36 M times per 12-MP photo. */
    private static final float[] THIRD = new float[256];

    static {
        for (int v = 0; v < 256; v++) THIRD[v] = v / 3f;
    }

    public final int width, height;
    /** Full-scale value (255 for RGB): the clipping level. */
    public final double maxValue;
    private final int[] rgb;
    private final Raster gray;

    private PlateImage(int width, int height, int[] rgb, Raster gray, double maxValue) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("empty image " + width + "x" + height);
        if (rgb != null && rgb.length != width * height) throw new IllegalArgumentException("pixel array length " + rgb.length + " != " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.gray = gray;
        this.maxValue = maxValue;
    }

    /** An 8-bit-per-channel RGB image, packed 0xRRGGBB per pixel (the top byte is ignored); the array is read, never written. */
    public static PlateImage rgb(int width, int height, int[] packed) {
        return new PlateImage(width, height, packed, null, 255);
    }

    /** A grayscale image (8/16-bit values as floats, no NaN). */
    public static PlateImage gray(Raster r) {
        return new PlateImage(r.width, r.height, null, r, r.maxValue);
    }

    /** The plane of a gray image; null for RGB. */
    public Raster grayPlane() {
        return gray;
    }

    /** 3 for RGB, 1 for gray. */
    public int channels() {
        return rgb != null ? 3 : 1;
    }

    /** An RGB image's pixels as 0xRRGGBB into dst (the top byte cleared): the overlay's canvas, in one pass. */
    public void copyRgb(int[] dst) {
        for (int i = 0; i < rgb.length; i++) dst[i] = rgb[i] & 0xffffff;
    }

    /**
     * Channel c (0 red, 1 green, 2 blue; 0 of a gray image) at pixel i = y * width + x, or with
     * c = {@link #MEAN} the mean of the channels: the gray image the wells are found on.
     */
    public float get(int c, int i) {
        if (rgb == null) return gray.px[i];
        int p = rgb[i];
        if (c >= 0) return (p >> (16 - 8 * c)) & 255;
        // the same float sum as adding r/3, g/3 and b/3 to a zeroed array, in this order
        return (THIRD[p >> 16 & 255] + THIRD[p >> 8 & 255]) + THIRD[p & 255];
    }
}
