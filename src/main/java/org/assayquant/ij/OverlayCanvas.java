package org.assayquant.ij;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;

import org.assayquant.core.Raster;

/**
 * The RGB image an overlay PNG is drawn on (blots, wells): its own pixel array (0xRRGGBB) is
 * filled, drawn on with Java2D and handed to {@link PngWriter} without copies.
 */
final class OverlayCanvas {
    final BufferedImage image;
    final int[] rgb;

    OverlayCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** A grayscale plane as gray, contrast-stretched between its 0.1 and 99.9 percentiles (display only). */
    void fillStretched(Raster r) {
        float[] sorted = r.sortedSample(200_000);
        double lo = sorted[(int) (0.001 * (sorted.length - 1))], hi = sorted[(int) (0.999 * (sorted.length - 1))];
        if (hi <= lo) hi = lo + 1;
        for (int i = 0; i < rgb.length; i++) {
            int v = (int) Math.max(0, Math.min(255, 255 * (r.px[i] - lo) / (hi - lo)));
            rgb[i] = (v << 16) | (v << 8) | v;
        }
    }

    void writePng(OutputStream out) throws IOException {
        PngWriter.write(rgb, image.getWidth(), image.getHeight(), out);
    }
}
