package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.core.blot.BlotResult.Lane;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/**
 * Two membrane strips imaged together, as labs cut and image them (the real case: a target strip
 * above a GAPDH strip, 9 lanes each, the lower strip shifted sideways by about half a lane and
 * slightly tilted): each strip gets its own lanes and bands; nothing is found in the gap.
 */
class StripsTest {
    static final int W = 720, H1 = 180, GAP = 40, H2 = 180, LANES = 9;

    /** Strip 1 above, strip 2 below it, lanes of strip 2 shifted right by shift x pitch. */
    record TwoStrips(Raster image, SyntheticBlot.Result top, SyntheticBlot.Result bottom) {}

    static TwoStrips twoStrips(double shift, double tiltDeg, long seed) {
        double pitch = 66;
        double[] c1 = new double[LANES], c2 = new double[LANES];
        for (int i = 0; i < LANES; i++) {
            c1[i] = 50 + i * pitch;
            c2[i] = 50 + (i + shift) * pitch;
        }
        SyntheticBlot.Result top = SyntheticBlot.builder().size(W, H1).lanes(LANES).laneCentres(c1).rowYFractions(0.5)
                .bandSigmaY(5).backgroundLevel(1200).noiseSigma(40).seed(seed).build();
        SyntheticBlot.Result bottom = SyntheticBlot.builder().size(W, H2).lanes(LANES).laneCentres(c2).rowYFractions(0.5)
                .bandSigmaY(5).backgroundLevel(1200).noiseSigma(40).tiltDeg(tiltDeg).seed(seed + 1).build();
        Raster t = Images.toRaster(top.image(), new ArrayList<>()), b = Images.toRaster(bottom.image(), new ArrayList<>());
        float[] px = new float[W * (H1 + GAP + H2)];
        System.arraycopy(t.px, 0, px, 0, t.px.length);
        java.util.Random rnd = new java.util.Random(seed + 2);
        for (int i = W * H1; i < W * (H1 + GAP); i++) px[i] = Math.round(1200 + 40 * rnd.nextGaussian());
        System.arraycopy(b.px, 0, px, W * (H1 + GAP), b.px.length);
        return new TwoStrips(new Raster(W, H1 + GAP + H2, px, 65535), top, bottom);
    }

    /** Text written on the image (typed labels in the gap, marker-pen writing at the side), in band-like intensity. */
    static List<Rectangle> write(Raster r, long seed) {
        ij.process.FloatProcessor fp = new ij.process.FloatProcessor(r.width, r.height, r.px);
        List<Rectangle> where = new ArrayList<>();
        fp.setColor(9000);
        fp.setAntialiasedText(true);
        fp.setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 22));
        String[][] labels = {{"GAPDH  37 kDa", "260", String.valueOf(H1 + 30)}, {"ctrl  siRNA#1  siRNA#2  dose", "40", String.valueOf(H1 + 12)}};
        for (String[] l : labels) {
            int x = Integer.parseInt(l[1]), y = Integer.parseInt(l[2]);
            fp.drawString(l[0], x, y);
            java.awt.FontMetrics fm = fp.getFontMetrics();
            where.add(new Rectangle(x, y - fm.getAscent(), fm.stringWidth(l[0]), fm.getAscent() + fm.getDescent()));
        }
        fp.setFont(new java.awt.Font("Serif", java.awt.Font.ITALIC, 18));
        fp.setLineWidth(3);
        fp.drawString("wk 3", 2, 40);
        where.add(new Rectangle(0, 20, 60, 30));
        return where;
    }

    static double iou(Rectangle a, Rectangle b) {
        return BlotQuantifierTest.iou(a, b);
    }

    @Test
    void twoOffsetStripsGetTheirOwnLanes() {
        for (double shift : new double[] {0.45, -0.35}) {
            TwoStrips s = twoStrips(shift, 0.8, 7);
            BlotResult r = BlotQuantifier.quantify(s.image(), new BlotOptions());
            String ctx = "shift " + shift + ": " + r.lanes();
            assertEquals(2, r.lanes().stream().mapToInt(Lane::strip).max().orElse(0), ctx);
            assertEquals(LANES, r.lanes().stream().filter(l -> l.strip() == 1).count(), ctx);
            assertEquals(LANES, r.lanes().stream().filter(l -> l.strip() == 2).count(), ctx);
            checkBands(s, r, ctx);
        }
    }

    @Test
    void laneCountDividesEachStrip() {
        TwoStrips s = twoStrips(0.45, 0.8, 11);
        BlotOptions o = new BlotOptions();
        o.laneCounts = List.of(LANES);
        BlotResult r = BlotQuantifier.quantify(s.image(), o);
        for (int strip = 1; strip <= 2; strip++) {
            SyntheticBlot.Result truth = strip == 1 ? s.top() : s.bottom();
            final int k = strip;
            List<Lane> lanes = r.lanes().stream().filter(l -> l.strip() == k).toList();
            assertEquals(LANES, lanes.size(), "strip " + strip + ": " + lanes);
            for (int i = 0; i < LANES; i++) {
                Lane l = lanes.get(i);
                double c = truth.laneCentreX(i);
                assertTrue(l.x() < c && c < l.x() + l.width(), "strip " + strip + " lane " + (i + 1) + " " + l + " misses centre " + c);
            }
        }
        checkBands(s, r, "lanes=9");
    }

    /**
     * Two membranes of different gels in one image: 9 lanes above, 12 narrower ones below whose
     * last two wells were left empty (an empty well beyond a strip's outer loaded lane has no
     * column peak, so neither automatic lanes nor one count for every strip find them).
     * lanes=9;12 gives each strip its own count; a count per strip that does not match the strips
     * seen is refused in one line.
     */
    @Test
    void aLaneCountPerStrip() {
        double pitch2 = 52, sx2 = 0.24 * pitch2;
        double[] c2 = new double[12];
        double[][] a2 = new double[1][12];
        for (int i = 0; i < 12; i++) {
            c2[i] = 40 + i * pitch2;
            a2[0][i] = i < 10 ? Math.rint(0.3 * (65535 - 1200) * 5.404 * sx2 * 5) : 0;
        }
        SyntheticBlot.Result bottom = SyntheticBlot.builder().size(W, H2).laneCentres(c2).rowYFractions(0.5).amounts(a2)
                .bandSigmaY(5).backgroundLevel(1200).noiseSigma(40).seed(23).build();
        TwoStrips s = twoStrips(0, 0.5, 21);
        Raster b = Images.toRaster(bottom.image(), new ArrayList<>());
        System.arraycopy(b.px, 0, s.image().px, W * (H1 + GAP), b.px.length);

        BlotOptions o = new BlotOptions();
        o.laneCounts = List.of(9, 12);
        BlotResult r = BlotQuantifier.quantify(s.image(), o);
        List<Lane> lower = r.lanes().stream().filter(l -> l.strip() == 2).toList();
        assertEquals(9, r.lanes().stream().filter(l -> l.strip() == 1).count(), r.lanes().toString());
        assertEquals(12, lower.size(), lower.toString());
        for (int i = 0; i < 12; i++) {
            Lane l = lower.get(i);
            assertTrue(l.x() < c2[i] && c2[i] < l.x() + l.width(), "lane " + (i + 1) + " " + l + " misses centre " + c2[i]);
            assertEquals(i >= 10, l.reasons().contains("empty"), "lane " + (i + 1) + ": " + l);
        }

        o.laneCounts = List.of(9, 12, 6);
        AssayException e = assertThrows(AssayException.class, () -> BlotQuantifier.quantify(s.image(), o));
        assertEquals("lanes=9;12;6: 3 counts (one per strip, ';'-separated) but the image shows 2 strip(s); "
                + "give one count for every strip, or draw the lanes (lanes=roi)", e.getMessage());
    }

    /** Every true band found once, in its strip and lane, IoU >= 0.5; nothing in the gap. */
    private static void checkBands(TwoStrips s, BlotResult r, String ctx) {
        for (int strip = 1; strip <= 2; strip++) {
            SyntheticBlot.Result truth = strip == 1 ? s.top() : s.bottom();
            int dy = strip == 1 ? 0 : H1 + GAP;
            for (int lane = 0; lane < LANES; lane++) {
                Rectangle tb = truth.trueBox(0, lane);
                tb.translate(0, dy);
                final int k = strip, ln = lane + 1;
                List<Band> inLane = r.bands().stream().filter(b -> b.detected() && b.strip() == k && b.lane() == ln).toList();
                assertEquals(1, inLane.size(), ctx + ": strip " + strip + " lane " + ln + ": " + inLane);
                Band b = inLane.get(0);
                double iou = iou(tb, new Rectangle(b.x(), b.y(), b.width(), b.height()));
                assertTrue(iou >= 0.5, ctx + ": strip " + strip + " lane " + ln + " IoU " + iou + " " + b + " vs " + tb);
            }
        }
        for (Band b : r.bands()) {
            boolean inGap = b.y() >= H1 + 5 && b.y() + b.height() <= H1 + GAP - 5;
            assertTrue(!inGap, ctx + ": band in the gap " + b);
        }
    }

    /** Typed labels in the gap and handwriting in the corner: never a lane or a band. */
    @Test
    void writingIsNotABand() {
        TwoStrips s = twoStrips(0.45, 0.8, 5);
        List<Rectangle> text = write(s.image(), 5);
        BlotResult r = BlotQuantifier.quantify(s.image(), new BlotOptions());
        assertEquals(2, r.lanes().stream().mapToInt(Lane::strip).max().orElse(0), r.lanes().toString());
        checkBands(s, r, "with writing");
        for (Band b : r.bands()) {
            if (!b.detected()) continue;
            for (Rectangle t : text) assertTrue(!t.intersects(new Rectangle(b.x(), b.y(), b.width(), b.height())), "band on writing " + t + ": " + b);
        }
    }

    /**
     * The two strips as a lab's imager shows them (athenaz2 July4 / July23 B1AR): each membrane
     * glows above the dark gap and the imager's background around it, and the 18 bands are under
     * 5% of the pixels. Capped at the 95th percentile (the membrane's level) the bands vanished
     * from the row profile, the membranes became the band rows and their edges the lanes: 1 strip,
     * 2-4 lanes, boxes in the gap.
     */
    @Test
    void membranesBrighterThanTheGapAreNotBands() {
        for (double shift : new double[] {0.45}) { // -0.35: twoOffsetStripsGetTheirOwnLanes
            TwoStrips s = twoStrips(shift, 0.8, 13);
            int pad = 260, h = s.image().height;
            java.util.Random rnd = new java.util.Random(17);
            float[] px = new float[W * (h + 2 * pad)];
            for (int i = 0; i < px.length; i++) px[i] = Math.round(700 + 40 * rnd.nextGaussian()); // imager background
            System.arraycopy(s.image().px, 0, px, W * pad, s.image().px.length);
            for (int i = W * (pad + H1); i < W * (pad + H1 + GAP); i++) px[i] = Math.round(700 + 40 * rnd.nextGaussian()); // the gap
            Raster img = new Raster(W, h + 2 * pad, px, 65535);
            BlotResult r = BlotQuantifier.quantify(img, new BlotOptions());
            String ctx = "imager, shift " + shift + ": " + r.lanes();
            assertEquals(LANES, r.lanes().stream().filter(l -> l.strip() == 1).count(), ctx);
            assertEquals(LANES, r.lanes().stream().filter(l -> l.strip() == 2).count(), ctx);
            List<Band> shifted = r.bands().stream().map(b -> new Band(b.lane(), b.row(), b.x(), b.y() - pad, b.width(), b.height(), b.volume(),
                    b.background(), b.peak(), b.clippedPixels(), b.saturated(), b.detected(), b.strip(), b.reasons())).toList();
            checkBands(s, new BlotResult(r.polarity(), r.clipLevel(), r.background(), r.rollingRadius(), r.lanes(), shifted, r.warnings()), ctx);
        }
    }

    /**
     * The lab's lanes drawn on both strips (lanes=roi, 18 rectangles at two heights): each tier's
     * bands are searched inside its own rectangles. As one region, the rows of one strip gave the
     * other strip's lanes placeholders outside their rectangles (athenaz2 July23 B1AR).
     */
    @Test
    void drawnLanesAtTwoHeightsAreMeasuredInTheirOwnRectangles() {
        TwoStrips s = twoStrips(0.45, 0.8, 19);
        BlotOptions o = new BlotOptions();
        o.laneRects = new ArrayList<>();
        for (int strip = 0; strip < 2; strip++) {
            SyntheticBlot.Result truth = strip == 0 ? s.top() : s.bottom();
            for (int i = 0; i < LANES; i++) {
                int c = (int) Math.round(truth.laneCentreX(i));
                o.laneRects.add(new BlotOptions.LaneRect(c - 28, strip == 0 ? 10 : H1 + GAP + 10, 56, H1 - 20));
            }
        }
        BlotResult r = BlotQuantifier.quantify(s.image(), o);
        assertEquals(2 * LANES, r.lanes().size(), r.lanes().toString());
        for (Band b : r.bands()) {
            Lane l = r.lanes().stream().filter(x -> x.strip() == b.strip() && x.index() == b.lane()).findFirst().orElseThrow();
            assertTrue(b.y() >= l.y() && b.y() + b.height() <= l.y() + l.height(), "band outside its lane " + l + ": " + b);
        }
        checkBands(s, r, "lanes=roi");
    }

    @Test
    void oneBlotIsOneStrip() {
        SyntheticBlot.Result one = SyntheticBlot.builder().noiseSigma(30).backgroundLevel(1000).seed(3).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(one.image(), new ArrayList<>()), new BlotOptions());
        assertTrue(r.lanes().stream().allMatch(l -> l.strip() == 1), r.lanes().toString());
        assertTrue(r.bands().stream().allMatch(b -> b.strip() == 1));
    }

    /**
     * A gel's well edge at the image's top edge: a line of 3 bright rows whose "lanes" (the well
     * walls, another pitch) do not line up with the bands' lanes started a strip of its own
     * (gel-lanes-fit HM_1_3: rows 0-88, 2 lanes). A strip must hold a run of band rows.
     */
    @Test
    void aWellEdgeLineAtTheTopStartsNoStrip() {
        int w = 800, h = 400;
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, 100);
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < px.length; i++) px[i] += (float) (5 * rnd.nextGaussian());
        for (int lane = 0; lane < 9; lane++) {
            int cx = 60 + 81 * lane;
            for (int[] rows : new int[][] {{150, 161}, {250, 263}, {320, 331}})
                for (int y = rows[0]; y < rows[1]; y++) for (int x = cx - 25; x < cx + 25; x++) px[y * w + x] += 900;
        }
        for (int well = 0; well < 9; well++)
            for (int y = 15; y < 18; y++) for (int x = 20 + 90 * well; x < 55 + 90 * well; x++) px[y * w + x] += 900;
        List<StripFinder.Strip> strips = StripFinder.find(new Raster(w, h, px, 65535));
        assertEquals(1, strips.size(), strips.toString());
    }
}
