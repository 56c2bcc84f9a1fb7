package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.process.FloatProcessor;

import org.assayquant.core.Raster;

/**
 * A phone photo of a two-tier DNA gel as a lab notebook shows it (the Ameral lab's GelRed gels,
 * issue 20), as luminance: two rows of wells, a ladder in the first lane of each tier, bands in the
 * others, and white typed labels on the gel (the ladder's sizes beside it, a sample number over each
 * lane). The labels are the image's only white pixels besides one saturated ladder rung; boxed, they
 * were saturated "bands" between the lanes and over the wells.
 */
class GelLabelsTest {
    static final int W = 520, H = 420, BASE = 95, PITCH = 44, LANES = 9, X0 = 110;
    static final int[] TIER = {20, 225};

    record Gel(Raster lum, float[] chroma, List<Rectangle> bands, List<Rectangle> labels, Rectangle whiteRung) {}

    static double lane(int i) { return X0 + i * PITCH; }

    static Gel gel(long seed) {
        return gel(seed, false);
    }

    /** touchingLetters: each label's digits drawn 6 px apart, so they touch and a label is one component. */
    static Gel gel(long seed, boolean touchingLetters) {
        Random rnd = new Random(seed);
        FloatProcessor fp = new FloatProcessor(W, H);
        float[] px = (float[]) fp.getPixels();
        for (int i = 0; i < px.length; i++) px[i] = (float) (BASE + 2 * rnd.nextGaussian());
        List<Rectangle> bands = new ArrayList<>(), labels = new ArrayList<>();
        Rectangle white = null;
        for (int t : TIER) {
            for (int l = 0; l < LANES; l++) {
                int x0 = (int) lane(l) - 17;
                // the well: a slot 34 x 8 with a bright rim
                for (int y = t; y < t + 8; y++) for (int x = x0; x < x0 + 34; x++) px[y * W + x] += (y == t || y == t + 7) ? 40 : -10;
                int[] at = l == 0 ? new int[] {60, 80, 100, 120, 140, 160} : new int[] {60 + 8 * l, 150};
                for (int k = 0; k < at.length; k++) {
                    int y0 = t + at[k];
                    // saturated white for the ladder's first rung of tier 1; others 60-100 above the gel
                    double amp = l == 0 && k == 0 && t == TIER[0] ? 400 : 60 + 5 * ((l + k) % 9);
                    for (int y = y0 - 6; y < y0 + 7; y++) for (int x = x0 - 2; x < x0 + 36; x++) {
                        double dy = (y - y0) / 2.5, dx = Math.max(0, Math.max(x0 + 2 - x, x - x0 - 32)) / 2.0;
                        px[y * W + x] += (float) (amp * Math.exp(-0.5 * (dy * dy + dx * dx)));
                    }
                    Rectangle r = new Rectangle(x0, y0 - 3, 34, 7);
                    bands.add(r);
                    if (amp > 200) white = r;
                }
            }
            fp.setColor(255);
            fp.setAntialiasedText(true);
            fp.setFont(new Font("SansSerif", Font.PLAIN, 15));
            // sample numbers between the wells and the first bands; the ladder's sizes left of it
            for (int l = 1; l < LANES; l++) {
                String s = String.valueOf(410 + 3 * l);
                int x = (int) lane(l) - 12, y = t + 32;
                draw(fp, s, x, y, touchingLetters);
                labels.add(new Rectangle(x - 1, y - 14, 28, 16));
            }
            // (two digits touching at this spacing are 1.3 times as wide as tall, a lone glyph's shape: not judged here)
            String[] sizes = {"20000", "5000", "1500", "500", touchingLetters ? "100" : "75"};
            for (int k = 0; k < sizes.length; k++) {
                int y = t + 66 + 22 * k;
                draw(fp, sizes[k], 30, y, touchingLetters);
                labels.add(new Rectangle(29, y - 14, 48, 16));
            }
        }
        // the orange gel's RGB spread (GelRed through an orange filter: 150-230), the white labels none
        float[] chroma = new float[W * H];
        for (int i = 0; i < px.length; i++) {
            chroma[i] = (float) Math.max(0, 180 - 4 * Math.max(0, px[i] - 200));
            px[i] = Math.round(Math.max(0, Math.min(255, px[i])));
        }
        return new Gel(new Raster(W, H, px, 255), chroma, bands, labels, white);
    }

    private static void draw(FloatProcessor fp, String s, int x, int y, boolean touching) {
        if (!touching) fp.drawString(s, x, y);
        else for (int i = 0; i < s.length(); i++) fp.drawString(s.substring(i, i + 1), x + 6 * i, y);
    }

    private static List<BlotResult.Band> onLabels(Gel g, BlotResult r) {
        return r.bands().stream().filter(BlotResult.Band::detected)
                .filter(b -> g.labels().stream().anyMatch(l -> l.intersects(new Rectangle(b.x(), b.y(), b.width(), b.height())))).toList();
    }

    @Test
    void typedLabelsAreErasedAndNeverBands() {
        Gel g = gel(1);
        // as published the ladder's sizes are a lane of their own and the lanes' pitch is lost (5 lanes for 9)
        BlotResult raw = BlotQuantifier.quantify(g.lum(), new BlotOptions());
        assertTrue(raw.lanes().stream().anyMatch(l -> l.x() + l.width() / 2.0 < X0 - PITCH / 2.0), "no lane on the size labels: " + raw.lanes());
        GelLabels.Cleaned c = GelLabels.clean(g.lum(), g.chroma(), BlotOptions.Polarity.AUTO);
        assertTrue(c.glyphs() >= 2 * 13, "glyphs " + c.glyphs());
        // every label pixel is back near the gel's level; the saturated ladder rung (as wide as its lane) is kept
        for (Rectangle l : g.labels()) for (int y = l.y; y < l.y + l.height; y++) for (int x = l.x; x < l.x + l.width; x++)
            assertTrue(c.raster().get(x, y) < BASE + 40, "label pixel " + x + "," + y + " = " + c.raster().get(x, y));
        Rectangle w = g.whiteRung();
        assertEquals(255, c.raster().get((int) w.getCenterX(), (int) w.getCenterY()), 0, "the white rung was erased");
        BlotResult r = BlotQuantifier.quantify(c.raster(), new BlotOptions());
        assertEquals(LANES, r.lanes().size(), "lanes " + r.lanes());
        for (BlotResult.Lane l : r.lanes())
            assertEquals(lane(l.index() - 1), l.x() + l.width() / 2.0, PITCH / 4.0, "lane " + l.index() + " off its well");
        assertEquals(List.of(), onLabels(g, r), "boxes on the labels");
        List<BlotResult.Band> found = r.bands().stream().filter(BlotResult.Band::detected).toList();
        for (Rectangle b : g.bands())
            assertEquals(1, found.stream().filter(x -> new Rectangle(x.x(), x.y(), x.width(), x.height()).contains(b.getCenterX(), b.getCenterY())).count(),
                    "band " + b + " not boxed once: " + found);
        assertEquals(1, found.stream().filter(BlotResult.Band::saturated).count(), "saturated boxes besides the white rung");
    }

    @Test
    void labelsWhoseLettersTouchAreErasedToo() {
        // the anti-aliased fringe joins a label's digits into one component (Ameral 10-08's "20000", "1500",
        // sample numbers): a word of one glyph; they were left and boxed as saturated bands
        Gel g = gel(3, true);
        GelLabels.Cleaned c = GelLabels.clean(g.lum(), g.chroma(), BlotOptions.Polarity.AUTO);
        for (Rectangle l : g.labels()) for (int y = l.y; y < l.y + l.height; y++) for (int x = l.x; x < l.x + l.width; x++)
            assertTrue(c.raster().get(x, y) < BASE + 40, "label pixel " + x + "," + y + " = " + c.raster().get(x, y));
        BlotResult r = BlotQuantifier.quantify(c.raster(), new BlotOptions());
        assertEquals(List.of(), onLabels(g, r), "boxes on the labels");
    }

    @Test
    void grayImagesAreLeftAsTheyAre() {
        // a gray camera's gel (its white tray wall and saturated ladder ends pass the shape rules) and the same photo without colour
        Raster camera = GelLanesTest.gel(1);
        assertTrue(GelLabels.clean(camera, null, BlotOptions.Polarity.AUTO).raster() == camera);
        Gel g = gel(2);
        assertTrue(GelLabels.clean(g.lum(), new float[W * H], BlotOptions.Polarity.AUTO).raster() == g.lum());
    }
}
