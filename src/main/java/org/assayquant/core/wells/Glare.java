package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.assayquant.core.Components;

/**
 * Specular glare on a dish (issue 19: a lid reflecting the lamp or the room): patches near full
 * scale in every channel, far larger than a colony's highlight, with the bright halo around them.
 * They are left out of the pixels that choose the polarity and the channel, of the analysed
 * region and of the threshold's statistics, and flag the dish {@code glare}: without that a phone
 * dish under a glaring lid read 0 for 378 (the polarity turned to dark stain) and development
 * dishes with glare added read up to 6 times their colonies (the patches' edges cut into colonies).
 */
final class Glare {
    /**
     * A glare core pixel: every channel at least this fraction of full scale (colourless and near
     * saturated). Development phone photos without added glare: no pixel of the lid-off easy
     * dishes reaches it, the close multi-dish photos 2.3-5.2 % of their circle (meniscus reflections
     * by the rim, bright colony centres, multi5's lid glare; see PATCH). At 240 the patches of
     * added glare that stop short of it (alpha 0.85-0.9 over dark agar) were cut into colonies
     * (easy12 with glare 435 for 106; 220: 64).
     */
    static final double LEVEL = 220.0 / 255;
    /**
     * A patch: an 8-connected piece of core pixels of at least this fraction of the squared radius.
     * Development close photos: colonies' cores up to 0.0004 R^2 (a colony is 0.0007 R^2); rim
     * reflections 0.001-0.003 R^2 by the wall, multi5's own lid glare patches 0.002-0.009 R^2.
     */
    static final double PATCH = 0.001;
    /**
     * Glare is left out only when its patches cover at least this fraction of the analysed circle
     * (the `glare` reason's share): of the development photos only multi5 under the lid (3 %, its
     * real lid glare) reaches it; the other close photos' rim reflections stay with the rim band.
     */
    static final double SHARE = 0.01;
    /**
     * Core pixels on at least this share of the circle are the layer itself (the high-resolution
     * OpenCFU dishes on their light box: 0.65-0.93 of each photo), not glare on it.
     */
    static final double LAYER = 0.5;
    /**
     * The patches grow into their halo: connected pixels whose channel mean is at least this
     * fraction of the way from the dish's median to full scale. A quarter flooded multi5 under the
     * lid (26 % of its dish left out; a half: 10 %), a tenth ran into easy1's meniscus with glare
     * added and lost its rim band.
     */
    static final double HALO = 0.5;
    /** ... and then by this fraction of the radius (the halo's faint foot). */
    static final double MARGIN = 0.01;

    private final int x0, y0, w, h;
    private final boolean[] mask;

    private Glare(int x0, int y0, int w, int h, boolean[] mask) {
        this.x0 = x0;
        this.y0 = y0;
        this.w = w;
        this.h = h;
        this.mask = mask;
    }

    /** A piece of the glare (8-connected), in image pixels: a `glare` row of colonies.csv and a shape on the overlay. */
    record Piece(double x, double y, int area) {}

    /** The glare's pieces, each at its centre with its area. */
    List<Piece> pieces() {
        List<Piece> out = new ArrayList<>();
        for (int[] part : Components.of(mask, w, h).pixels()) {
            double sx = 0, sy = 0;
            for (int p : part) {
                sx += p % w;
                sy += p / w;
            }
            out.add(new Piece(x0 + sx / part.length + 0.5, y0 + sy / part.length + 0.5, part.length));
        }
        return out;
    }

    /** Whether image pixel (x, y) is glare. */
    boolean at(int x, int y) {
        int cx = x - x0, cy = y - y0;
        return cx >= 0 && cy >= 0 && cx < w && cy < h && mask[cy * w + cx];
    }

    /** The glare in the circle, or null when its patches cover less than SHARE of it (or the layer itself is near full scale). */
    static Glare find(PlateImage img, Circle c) {
        int x0 = Math.max(0, (int) Math.floor(c.x() - c.r()) - 1), y0 = Math.max(0, (int) Math.floor(c.y() - c.r()) - 1);
        int x1 = Math.min(img.width, (int) Math.ceil(c.x() + c.r()) + 2), y1 = Math.min(img.height, (int) Math.ceil(c.y() + c.r()) + 2);
        int w = x1 - x0, h = y1 - y0;
        if (w < 3 || h < 3) return null;
        double level = LEVEL * img.maxValue, r2 = c.r() * c.r();
        // counted first, without the masks and the channel mean: most dishes have no glare
        int n = 0, cores = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x0 + x + 0.5 - c.x(), dy = y0 + y + 0.5 - c.y();
                if (dx * dx + dy * dy > r2) continue;
                n++;
                if (core(img, (y0 + y) * img.width + x0 + x, level)) cores++;
            }
        }
        // a layer mostly near full scale (a dish on a light box) is the layer, not glare on it
        if (cores < SHARE * n || cores >= LAYER * n) return null;
        boolean[] inside = new boolean[w * h];
        boolean[] core = new boolean[w * h];
        float[] mean = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x0 + x + 0.5 - c.x(), dy = y0 + y + 0.5 - c.y();
                if (dx * dx + dy * dy > r2) continue;
                int i = y * w + x, p = (y0 + y) * img.width + x0 + x;
                inside[i] = true;
                mean[i] = img.get(PlateImage.MEAN, p);
                core[i] = core(img, p, level);
            }
        }
        boolean[] mask = new boolean[w * h];
        int patches = 0;
        for (int[] part : Components.of(core, w, h).pixels()) {
            if (part.length < PATCH * r2) continue;
            for (int p : part) mask[p] = true;
            patches += part.length;
        }
        if (patches < SHARE * n) return null;
        float[] layer = new float[n - cores];
        for (int i = 0, j = 0; i < mean.length; i++) if (inside[i] && !core[i]) layer[j++] = mean[i];
        Arrays.sort(layer);
        double med = layer[layer.length / 2];
        grow(mask, inside, mean, w, h, (float) (med + HALO * (img.maxValue - med)));
        dilate(mask, inside, w, h, MARGIN * c.r());
        return new Glare(x0, y0, w, h, mask);
    }

    /** Whether pixel p is near full scale in every channel. */
    private static boolean core(PlateImage img, int p, double level) {
        for (int ch = 0; ch < img.channels(); ch++) if (img.get(ch, p) < level) return false;
        return true;
    }

    /** The mask grown into 8-connected inside pixels of at least {@code above}. */
    private static void grow(boolean[] mask, boolean[] inside, float[] v, int w, int h, float above) {
        int[] queue = new int[mask.length];
        int head = 0, tail = 0;
        for (int i = 0; i < mask.length; i++) if (mask[i]) queue[tail++] = i;
        while (head < tail) {
            int i = queue[head++], x = i % w, y = i / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                    int j = ny * w + nx;
                    if (!mask[j] && inside[j] && v[j] >= above) {
                        mask[j] = true;
                        queue[tail++] = j;
                    }
                }
            }
        }
    }

    /** The mask dilated by a disc of this radius, within the inside pixels. */
    private static void dilate(boolean[] mask, boolean[] inside, int w, int h, double radius) {
        int rad = (int) Math.ceil(radius);
        if (rad < 1) return;
        boolean[] src = mask.clone();
        int[] span = new int[2 * rad + 1];
        for (int d = -rad; d <= rad; d++) span[d + rad] = (int) Math.floor(Math.sqrt(radius * radius - d * d));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!src[y * w + x]) continue;
                // only border pixels spread: an interior pixel's disc is covered by its neighbours'
                if (x > 0 && y > 0 && x < w - 1 && y < h - 1 && src[y * w + x - 1] && src[y * w + x + 1] && src[(y - 1) * w + x] && src[(y + 1) * w + x]) continue;
                for (int dy = -rad; dy <= rad; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) continue;
                    int s = span[dy + rad];
                    for (int nx = Math.max(0, x - s); nx <= Math.min(w - 1, x + s); nx++) if (inside[ny * w + nx]) mask[ny * w + nx] = true;
                }
            }
        }
    }
}
