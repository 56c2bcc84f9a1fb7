package org.assayquant.core;

/**
 * A single-channel image as linear floats, row-major. The core works on this and nothing else,
 * so it never depends on how the pixels were stored (8/16-bit, TIFF, PNG...). Float holds every
 * 16-bit value exactly, so no dynamic range is lost.
 */
public final class Raster {
    public final int width, height;
    public final float[] px;
    /** Full-scale value of the source detector/format (255, 65535, ...): the clipping level. */
    public final double maxValue;

    public Raster(int width, int height, float[] px, double maxValue) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("empty image " + width + "x" + height);
        if (px.length != width * height) throw new IllegalArgumentException("pixel array length " + px.length + " != " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.px = px;
        this.maxValue = maxValue;
    }

    public float get(int x, int y) {
        return px[y * width + x];
    }

    /**
     * About n pixels taken at a regular stride, sorted: enough for percentiles of a 4k x 4k
     * image without sorting all 16 M pixels.
     */
    public float[] sortedSample(int n) {
        int step = Math.max(1, px.length / n);
        float[] v = new float[(px.length + step - 1) / step];
        for (int i = 0, j = 0; i < px.length; i += step) v[j++] = px[i];
        java.util.Arrays.sort(v);
        return v;
    }

    /** A new raster with every value v replaced by maxValue - v (dark-on-light to light-on-dark). */
    public Raster inverted() {
        float[] out = new float[px.length];
        float m = (float) maxValue;
        for (int i = 0; i < px.length; i++) out[i] = m - px[i];
        return new Raster(width, height, out, maxValue);
    }
}
