package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/** A pixel is never counted twice: the invariant, on random rectangles and on whole blots. */
class OverlapsTest {

    /** Random boxes in random lanes (nested, touching, crossing lane borders, doublet pairs, placeholders). */
    @Test
    void detectedRectanglesNeverShareAPixelAfterResolve() {
        Random rnd = new Random(20);
        for (int trial = 0; trial < 3000; trial++) {
            int lanes = 1 + rnd.nextInt(4), pitch = 20 + rnd.nextInt(30), w = lanes * pitch, h = 60 + rnd.nextInt(60);
            float[] px = new float[w * h];
            for (int i = 0; i < px.length; i++) px[i] = rnd.nextInt(1000);
            Raster s = new Raster(w, h, px, 65535);
            List<LaneFinder.Span> spans = new ArrayList<>();
            for (int l = 0; l < lanes; l++) spans.add(new LaneFinder.Span(l * pitch + pitch / 2.0, l * pitch, (l + 1) * pitch, 0, h));
            List<Box> boxes = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                int lane = rnd.nextInt(lanes);
                int bw = 1 + rnd.nextInt(Math.min(2 * pitch, w)), bh = 1 + rnd.nextInt(h / 3);
                int x = Math.max(0, Math.min(w - bw, lane * pitch + rnd.nextInt(pitch) - bw / 2));
                int y = rnd.nextInt(h - bh + 1);
                Box b = new Box(lane, x, y, bw, bh, rnd.nextDouble(), rnd.nextInt(8) > 0);
                boxes.add(b);
                if (b.detected && rnd.nextInt(6) == 0 && y + bh + 2 < h) { // a fitted doublet: two overlapping parts
                    Box partner = new Box(lane, x, y + 1 + rnd.nextInt(Math.max(1, bh)), bw, Math.min(bh, h - y - bh), rnd.nextDouble(), true);
                    if (partner.y + partner.h > h) continue;
                    b.pair = partner;
                    partner.pair = b;
                    boxes.add(partner);
                }
            }
            Overlaps.resolve(boxes, spans, s);
            for (Box b : boxes) {
                if (b.w < 1 || b.h < 1 || b.x < 0 || b.y < 0 || b.x + b.w > w || b.y + b.h > h)
                    fail("trial " + trial + ": degenerate or outside box " + str(b));
            }
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    Box a = boxes.get(i), b = boxes.get(j);
                    if (!a.detected || !b.detected || a.pair == b) continue;
                    if (Overlaps.overlap(a, b)) fail("trial " + trial + ": " + str(a) + " and " + str(b) + " share pixels");
                }
            }
        }
    }

    private static String str(Box b) {
        return "lane " + b.lane + " [" + b.x + "," + b.y + " " + b.w + "x" + b.h + "]" + (b.detected ? "" : " placeholder");
    }

    /** Whole synthetic blots: no two detected bands share a pixel unless they are the two halves of a fitted doublet. */
    @Test
    void bandsOfWholeBlotsDoNotOverlap() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 12; trial++) {
            SyntheticBlot.Builder b = SyntheticBlot.builder().lanes(4 + rnd.nextInt(4)).noiseSigma(20 + rnd.nextInt(60))
                    .backgroundLevel(800 + rnd.nextInt(800)).tiltDeg(rnd.nextDouble() * 3 - 1.5).smileAmplitude(rnd.nextInt(8)).seed(trial);
            if (trial % 3 == 0) b.doublet(0, 9 + rnd.nextInt(6), 0.6 + 0.4 * rnd.nextDouble());
            SyntheticBlot.Result truth = b.build();
            BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
            assertNoSharedPixels(r, "trial " + trial);
        }
    }

    static void assertNoSharedPixels(BlotResult r, String ctx) {
        List<Band> d = r.bands().stream().filter(Band::detected).toList();
        for (int i = 0; i < d.size(); i++) {
            for (int j = i + 1; j < d.size(); j++) {
                Band a = d.get(i), b = d.get(j);
                boolean doublet = a.strip() == b.strip() && a.lane() == b.lane() && Math.abs(a.row() - b.row()) == 1
                        && a.reasons().contains("doublet") && b.reasons().contains("doublet");
                if (!doublet && rect(a).intersects(rect(b))) fail(ctx + ": " + a + " and " + b + " share pixels");
            }
        }
    }

    static Rectangle rect(Band b) {
        return new Rectangle(b.x(), b.y(), b.width(), b.height());
    }

    /**
     * A crowded ladder (the real gel: 15-25 bands per lane): bands 12-20 px apart with sigma 3 px
     * all resolved, one box each, none sharing a pixel, and identical lanes within 3%.
     */
    @Test
    void crowdedLadderLanes() {
        int rows = 18;
        double[] fy = new double[rows];
        double y = 30;
        double[] gaps = {20, 18, 16, 15, 14, 20, 13, 12, 18, 15, 14, 13, 20, 16, 12, 14, 17};
        for (int i = 0; i < rows; i++) { fy[i] = y / 340.0; if (i < gaps.length) y += gaps[i]; }
        double[][] amounts = new double[rows][4];
        for (int i = 0; i < rows; i++) for (int l = 0; l < 4; l++) amounts[i][l] = 20000 + 9000 * ((i * 7) % 5);
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(320, 340).lanes(4).rowYFractions(fy).amounts(amounts)
                .bandSigmaY(3).noiseSigma(15).backgroundLevel(900).seed(9).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
        assertEquals(4, r.lanes().size(), r.lanes().toString());
        assertNoSharedPixels(r, "ladder");
        for (int lane = 0; lane < 4; lane++) {
            for (int row = 0; row < rows; row++) {
                Rectangle t = truth.trueBox(row, lane);
                final int ln = lane + 1;
                long hits = r.bands().stream().filter(b -> b.detected() && b.lane() == ln && BlotQuantifierTest.iou(t, rect(b)) >= 0.5).count();
                assertEquals(1, hits, "lane " + ln + " band " + (row + 1) + " at " + t + "; found "
                        + r.bands().stream().filter(b -> b.lane() == ln).map(b -> b.y() + "+" + b.height() + (b.detected() ? "" : "p") + b.reasons()).toList());
            }
        }
        double[] totals = new double[4];
        for (Band b : r.bands()) if (b.detected()) totals[b.lane() - 1] += b.volume();
        double mean = (totals[0] + totals[1] + totals[2] + totals[3]) / 4;
        for (double t : totals) assertTrue(Math.abs(t / mean - 1) < 0.03, "lane totals " + java.util.Arrays.toString(totals));
    }
}
