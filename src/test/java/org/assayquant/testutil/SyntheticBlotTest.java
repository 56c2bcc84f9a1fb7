package org.assayquant.testutil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Rectangle;

import org.junit.jupiter.api.Test;

/** Checks the synthetic blot generator against its own definition. */
class SyntheticBlotTest {

    /** Sum of (light-space image - exact background) over r. */
    private static double measuredVolume(SyntheticBlot.Result res, Rectangle r) {
        ImageProcessor ip = res.image().getProcessor();
        double s = 0;
        for (int y = r.y; y < r.y + r.height; y++)
            for (int x = r.x; x < r.x + r.width; x++) s += lightValue(res, ip, x, y);
        return s - res.backgroundSum(r);
    }

    private static int lightValue(SyntheticBlot.Result res, ImageProcessor ip, int x, int y) {
        int v = ip.get(x, y);
        return res.darkBands() ? res.maxValue() - v : v;
    }

    /** A generous box around one band: one lane pitch wide, +-8 sy high. */
    private static Rectangle bigBox(SyntheticBlot.Result res, int row, int lane) {
        Rectangle box = res.trueBox(row, lane);
        int cx = box.x + box.width / 2, cy = box.y + box.height / 2;
        int hw = (int) Math.floor(res.lanePitch() / 2), hh = (int) Math.ceil(8 * res.bandSigmaY());
        return new Rectangle(cx - hw, cy - hh, 2 * hw, 2 * hh).intersection(new Rectangle(0, 0, res.width(), res.height()));
    }

    @Test
    void defaultsGiveCleanSixteenBitTwoRowSixLaneBlot() {
        SyntheticBlot.Result res = SyntheticBlot.builder().build();
        ImagePlus imp = res.image();
        assertEquals(600, imp.getWidth());
        assertEquals(400, imp.getHeight());
        assertEquals(16, imp.getBitDepth());
        assertInstanceOf(ShortProcessor.class, imp.getProcessor());
        assertEquals(2, res.rows());
        assertEquals(6, res.lanes());
        assertEquals(65535, res.maxValue());
        assertEquals(24.0, res.bandSigmaX(), 1e-12);
        for (int r = 0; r < 2; r++) {
            for (int l = 0; l < 6; l++) {
                assertFalse(res.saturated(r, l));
                assertTrue(res.trueVolume(r, l) > 0);
                assertEquals(100 * (l + 0.5), res.laneCentreX(l), 1e-9);
            }
        }
        // row 0 is a decreasing series
        for (int l = 1; l < 6; l++) assertTrue(res.trueVolume(0, l) < res.trueVolume(0, l - 1));
        // the band is visible: its peak well above background
        Rectangle box = res.trueBox(0, 0);
        int peak = imp.getProcessor().get(box.x + box.width / 2, box.y + box.height / 2);
        assertTrue(peak > 10000, "peak " + peak);
    }

    @Test
    void amountsAreReproducedBySummingOverLargeBoxes() {
        double[][] amounts = {
                {4.0e6, 2.5e6, 1.0e6, 5.0e5, 2.0e5, 3.0e6, 7.5e6, 6.0e5},
                {3.0e6, 3.3e6, 2.7e6, 3.1e6, 2.9e6, 3.0e6, 3.2e6, 2.8e6}};
        for (double tilt : new double[] {0, 2.0}) {
            SyntheticBlot.Result res = SyntheticBlot.builder().size(800, 500).lanes(8).rowYFractions(0.3, 0.7)
                    .amounts(amounts).bandSigmaY(7).backgroundLevel(2000).gradient(800, -300)
                    .smileAmplitude(8).tiltDeg(tilt).build();
            for (int r = 0; r < 2; r++) {
                for (int l = 0; l < 8; l++) {
                    // exact by construction
                    assertEquals(amounts[r][l], res.trueVolume(r, l), 1e-9 * amounts[r][l]);
                    assertEquals(amounts[r][l], res.bandSumInBox(r, l, new Rectangle(0, 0, 800, 500)),
                            1e-9 * amounts[r][l]);
                    // measured on the rounded image
                    double measured = measuredVolume(res, bigBox(res, r, l));
                    assertEquals(amounts[r][l], measured, 0.005 * amounts[r][l],
                            "tilt " + tilt + " row " + r + " lane " + l);
                }
            }
        }
    }

    @Test
    void imageEqualsModelPixelByPixel() {
        // noiseless: every pixel is clip(round(background + sum of band terms)), with clipping
        SyntheticBlot.Result res = SyntheticBlot.builder().size(300, 200).lanes(4).bitDepth(8)
                .amounts(new double[][] {{3e4, 1.5e5, 2e4, 1e4}, {1e4, 1e4, 1e4, 1e4}})
                .backgroundLevel(20).gradient(10, 6).tiltDeg(-1.2).smileAmplitude(3).clipLevel(250).build();
        ImageProcessor ip = res.image().getProcessor();
        int mismatches = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                Rectangle px = new Rectangle(x, y, 1, 1);
                double model = res.backgroundSum(px) + res.allBandsSumInBox(px);
                assertEquals(res.background(x, y), res.backgroundSum(px), 1e-9);
                long expected = Math.max(0, Math.min(250, Math.round(model)));
                if (ip.get(x, y) != expected) mismatches++;
            }
        }
        assertEquals(0, mismatches);
        assertTrue(res.saturated(0, 1));
    }

    @Test
    void backgroundSumMatchesPixelwiseSum() {
        SyntheticBlot.Result res = SyntheticBlot.builder().size(123, 77).backgroundLevel(500).gradient(321, -77).build();
        Rectangle r = new Rectangle(-5, 10, 60, 200); // partly outside: only in-image pixels count
        double s = 0;
        for (int y = 10; y < 77; y++)
            for (int x = 0; x < 55; x++) s += res.background(x, y);
        assertEquals(s, res.backgroundSum(r), 1e-6);
        assertEquals(500.0 * 123 * 77, res.backgroundSum(new Rectangle(0, 0, 123, 77)), 1e-6);
    }

    @Test
    void darkBandsAreMaxMinusLight() {
        for (int bits : new int[] {8, 16}) {
            for (int clip : new int[] {-1, bits == 8 ? 200 : 40000}) {
                SyntheticBlot.Builder b = SyntheticBlot.builder().bitDepth(bits).noiseSigma(bits == 8 ? 3 : 50).seed(7)
                        .gradient(bits == 8 ? 8 : 300, 0).clipLevel(clip);
                SyntheticBlot.Result light = b.darkBands(false).build();
                SyntheticBlot.Result dark = b.darkBands(true).build();
                int max = clip > 0 ? clip : (bits == 8 ? 255 : 65535);
                assertEquals(max, dark.maxValue());
                ImageProcessor lp = light.image().getProcessor(), dp = dark.image().getProcessor();
                for (int y = 0; y < lp.getHeight(); y++)
                    for (int x = 0; x < lp.getWidth(); x++)
                        assertEquals(max - lp.get(x, y), dp.get(x, y), "bits " + bits + " at " + x + "," + y);
                // truth does not depend on polarity
                for (int r = 0; r < light.rows(); r++)
                    for (int l = 0; l < light.lanes(); l++) {
                        assertEquals(light.trueVolume(r, l), dark.trueVolume(r, l), 0);
                        assertEquals(light.trueBox(r, l), dark.trueBox(r, l));
                        assertEquals(light.clippedPixels(r, l), dark.clippedPixels(r, l));
                    }
                // and the background is light in the dark image
                Rectangle box = dark.trueBox(0, 0);
                assertTrue(dp.get(2, 2) > dp.get(box.x + box.width / 2, box.y + box.height / 2));
            }
        }
    }

    @Test
    void clippingProducesSaturatedFlags() {
        // 8-bit, light space: band (0,2) peaks near 3x the clip level, everything else well below it
        SyntheticBlot.Builder b = SyntheticBlot.builder().size(600, 400).lanes(6).bitDepth(8).backgroundLevel(20)
                .bandSigmaY(6).noiseSigma(2).seed(3);
        double unit = 5.404 * 24 * 6; // approximate unit-amplitude band sum
        double[][] amounts = new double[2][6];
        for (int l = 0; l < 6; l++) {
            amounts[0][l] = 120 * unit;
            amounts[1][l] = 80 * unit;
        }
        amounts[0][2] = 700 * unit;
        SyntheticBlot.Result res = b.amounts(amounts).build();
        SyntheticBlot.Result dark = b.darkBands(true).build();
        ImageProcessor ip = res.image().getProcessor();
        ImageProcessor dp = dark.image().getProcessor();
        for (int r = 0; r < 2; r++) {
            for (int l = 0; l < 6; l++) {
                boolean expectSat = r == 0 && l == 2;
                assertEquals(expectSat, res.saturated(r, l), "row " + r + " lane " + l);
                assertEquals(expectSat, dark.saturated(r, l));
                // independent count of clipped pixels in the true box
                Rectangle box = res.trueBox(r, l);
                int c = 0, black = 0;
                for (int y = box.y; y < box.y + box.height; y++)
                    for (int x = box.x; x < box.x + box.width; x++) {
                        if (ip.get(x, y) == 255) c++;
                        if (dp.get(x, y) == 0) black++;
                    }
                assertEquals(c, res.clippedPixels(r, l));
                assertEquals(c, black);
            }
        }
        assertTrue(res.clippedPixels(0, 2) > 100, "clipped " + res.clippedPixels(0, 2));
        // the true volume is the unclipped one: the clipped image under-measures it
        double measured = measuredVolume(res, bigBox(res, 0, 2));
        assertTrue(measured < 0.8 * res.trueVolume(0, 2), "measured " + measured);
        // a lower clip level (16-bit detector saturating at 50000)
        SyntheticBlot.Result c16 = SyntheticBlot.builder().clipLevel(50000)
                .amounts(new double[][] {{6e7, 1e7, 1e7, 1e7, 1e7, 1e7}, {1e7, 1e7, 1e7, 1e7, 1e7, 6e7}}).build();
        assertTrue(c16.saturated(0, 0));
        assertTrue(c16.saturated(1, 5));
        assertFalse(c16.saturated(0, 1));
        assertEquals(50000, (int) c16.image().getProcessor().getStatistics().max);
    }

    @Test
    void deterministicForSeed() {
        SyntheticBlot.Builder b = SyntheticBlot.builder().noiseSigma(80).seed(12345).tiltDeg(1).smileAmplitude(4);
        short[] a1 = (short[]) b.build().image().getProcessor().getPixels();
        short[] a2 = (short[]) b.build().image().getProcessor().getPixels();
        assertArrayEquals(a1, a2);
        short[] a3 = (short[]) b.seed(12346).build().image().getProcessor().getPixels();
        int diff = 0;
        for (int k = 0; k < a1.length; k++) if (a1[k] != a3[k]) diff++;
        assertTrue(diff > a1.length / 2, "different seeds should give different noise: " + diff);
    }

    @Test
    void noiseHasRequestedSigma() {
        SyntheticBlot.Result res = SyntheticBlot.builder().noiseSigma(50).seed(9).backgroundLevel(3000).build();
        ImageProcessor ip = res.image().getProcessor();
        // band-free strip between the rows (rows at 0.3 H = 120 and 0.7 H = 280, sy = 6)
        double s = 0, s2 = 0;
        int n = 0;
        for (int y = 180; y < 220; y++)
            for (int x = 0; x < 600; x++) {
                double d = ip.get(x, y) - res.background(x, y);
                s += d;
                s2 += d * d;
                n++;
            }
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(0, mean, 1.0);
        assertEquals(50, sd, 1.5);
    }

    @Test
    void eightAndSixteenBitTypes() {
        SyntheticBlot.Result r8 = SyntheticBlot.builder().bitDepth(8).build();
        assertInstanceOf(ByteProcessor.class, r8.image().getProcessor());
        assertEquals(8, r8.image().getBitDepth());
        assertEquals(255, r8.maxValue());
        assertTrue(r8.image().getProcessor().getStatistics().max < 255, "8-bit defaults must not clip");
        SyntheticBlot.Result r16 = SyntheticBlot.builder().bitDepth(16).build();
        assertInstanceOf(ShortProcessor.class, r16.image().getProcessor());
        assertEquals(16, r16.image().getBitDepth());
        assertThrows(IllegalArgumentException.class, () -> SyntheticBlot.builder().bitDepth(32).build());
    }

    @Test
    void trueBoxIsTightAtFivePercentOfPeak() {
        SyntheticBlot.Result res = SyntheticBlot.builder().tiltDeg(3).smileAmplitude(5).build();
        for (int r = 0; r < res.rows(); r++) {
            for (int l = 0; l < res.lanes(); l++) {
                Rectangle box = res.trueBox(r, l);
                double peak = 0;
                for (int y = box.y; y < box.y + box.height; y++)
                    for (int x = box.x; x < box.x + box.width; x++)
                        peak = Math.max(peak, res.bandSumInBox(r, l, new Rectangle(x, y, 1, 1)));
                assertEquals(res.amplitude(r, l), peak, 0.01 * peak);
                double thr = SyntheticBlot.BOX_FRACTION * peak;
                // every pixel of a 3-px ring outside the box is at or below the threshold
                Rectangle outer = new Rectangle(box.x - 3, box.y - 3, box.width + 6, box.height + 6);
                for (int y = outer.y; y < outer.y + outer.height; y++)
                    for (int x = outer.x; x < outer.x + outer.width; x++)
                        if (!box.contains(x, y))
                            assertTrue(res.bandSumInBox(r, l, new Rectangle(x, y, 1, 1)) <= thr, x + "," + y);
                // each edge of the box has a pixel above the threshold
                assertTrue(edgeMax(res, r, l, new Rectangle(box.x, box.y, 1, box.height)) > thr);
                assertTrue(edgeMax(res, r, l, new Rectangle(box.x + box.width - 1, box.y, 1, box.height)) > thr);
                assertTrue(edgeMax(res, r, l, new Rectangle(box.x, box.y, box.width, 1)) > thr);
                assertTrue(edgeMax(res, r, l, new Rectangle(box.x, box.y + box.height - 1, box.width, 1)) > thr);
                // the box holds nearly all of the band
                double inBox = res.bandSumInBox(r, l, box);
                assertTrue(inBox > 0.9 * res.trueVolume(r, l) && inBox < res.trueVolume(r, l));
            }
        }
    }

    private static double edgeMax(SyntheticBlot.Result res, int r, int l, Rectangle edge) {
        double m = 0;
        for (int y = edge.y; y < edge.y + edge.height; y++)
            for (int x = edge.x; x < edge.x + edge.width; x++)
                m = Math.max(m, res.bandSumInBox(r, l, new Rectangle(x, y, 1, 1)));
        return m;
    }

    @Test
    void bandProfileIsSuperGaussianInXAndGaussianInY() {
        // un-tilted, no smile: band (0, 2) centred at x = 250, y = 0.3 * 400 = 120; pixel centres at i + 0.5
        SyntheticBlot.Result res = SyntheticBlot.builder().bandSigmaY(6).build();
        double a = res.amplitude(0, 2), sx = res.bandSigmaX(), sy = 6;
        assertEquals(24, sx, 1e-12);
        for (int i = 200; i < 300; i++) {
            double dx = i + 0.5 - 250, dy = 0.5;
            double expected = a * Math.exp(-0.5 * Math.pow(Math.abs(dx) / sx, 4)) * Math.exp(-0.5 * (dy / sy) * (dy / sy));
            assertEquals(expected, res.bandSumInBox(0, 2, new Rectangle(i, 120, 1, 1)), 1e-9 * a, "x " + i);
        }
        for (int j = 80; j < 160; j++) {
            double dy = j + 0.5 - 120;
            double expected = Math.abs(dy) > 5 * sy ? 0 : a * Math.exp(-0.5 * Math.pow(0.5 / sx, 4)) * Math.exp(-0.5 * (dy / sy) * (dy / sy));
            assertEquals(expected, res.bandSumInBox(0, 2, new Rectangle(249, j, 1, 1)), 1e-9 * a, "y " + j);
        }
        // 2 Gamma(5/4) 2^(1/4) sqrt(2 pi) sx sy: the continuous integral of the unit band
        double unitIntegral = 2 * 0.9064024770554771 * Math.pow(2, 0.25) * Math.sqrt(2 * Math.PI) * sx * sy;
        assertEquals(res.trueVolume(0, 2), a * unitIntegral, 1e-4 * res.trueVolume(0, 2));
    }

    @Test
    void smileMakesMiddleLanesSitLower() {
        SyntheticBlot.Result res = SyntheticBlot.builder().size(700, 400).lanes(7).smileAmplitude(10).build();
        double edgeY = res.bandCentreY(0, 0), midY = res.bandCentreY(0, 3);
        assertEquals(10 * (1 - Math.pow((50 - 350) / 350.0, 2)), edgeY - 0.3 * 400, 1e-9);
        assertEquals(10, midY - 0.3 * 400, 1e-9);
        Rectangle mid = res.trueBox(0, 3), edge = res.trueBox(0, 0);
        assertTrue(mid.getCenterY() > edge.getCenterY() + 5, mid + " vs " + edge);
    }

    @Test
    void tiltRotatesPatternClockwise() {
        double tilt = 2.0;
        SyntheticBlot.Result res = SyntheticBlot.builder().size(600, 400).lanes(6).tiltDeg(tilt).build();
        double t = Math.toRadians(tilt);
        // right-hand bands sit lower than left-hand bands of the same row
        assertTrue(res.bandCentreY(0, 5) - res.bandCentreY(0, 0) > 500 * Math.sin(t) - 1);
        // band centre = rotation of the un-tilted centre about the image centre
        double u = 550 - 300, v = 0.3 * 400 - 200;
        assertEquals(300 + Math.cos(t) * u - Math.sin(t) * v, res.bandCentreX(0, 5), 1e-9);
        assertEquals(200 + Math.sin(t) * u + Math.cos(t) * v, res.bandCentreY(0, 5), 1e-9);
        Rectangle box = res.trueBox(0, 5);
        assertEquals(res.bandCentreX(0, 5), box.getCenterX(), 1.0);
        assertEquals(res.bandCentreY(0, 5), box.getCenterY(), 1.0);
        // lane centre at mid-height
        assertEquals(300 + 250 / Math.cos(t), res.laneCentreX(5), 1e-9);
        assertEquals(300 - 250 / Math.cos(t), res.laneCentreX(0), 1e-9);
    }

    @Test
    void unevenLaneCentresAreHonoured() {
        double[] xs = {45, 150, 240, 362, 455, 560};
        SyntheticBlot.Result res = SyntheticBlot.builder().laneCentres(xs).build();
        assertEquals(6, res.lanes());
        assertEquals((560 - 45) / 5.0, res.lanePitch(), 1e-12);
        assertEquals(0.24 * (560 - 45) / 5.0, res.bandSigmaX(), 1e-12);
        for (int l = 0; l < 6; l++) {
            assertEquals(xs[l], res.laneCentreX(l), 1e-9);
            assertEquals(xs[l], res.trueBox(0, l).getCenterX(), 0.51);
        }
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticBlot.builder().laneCentres(10, 5, 20).amounts(new double[][] {{1, 1, 1}, {1, 1, 1}}).build());
    }

    @Test
    void doubletAddsItsOwnRowInTopToBottomOrder() {
        double[][] amounts = {{2e6, 2e6, 2e6, 2e6}, {1e6, 1e6, 1e6, 1e6}};
        // extra band ABOVE input row 0, amplitude ratio 0.7
        SyntheticBlot.Result res = SyntheticBlot.builder().size(480, 300).lanes(4).amounts(amounts).bandSigmaY(5)
                .doublet(0, -12.5, 0.7).build();
        assertEquals(3, res.rows());
        assertTrue(res.isDoubletPartner(0));
        assertFalse(res.isDoubletPartner(1));
        assertEquals(0, res.inputRow(0));
        assertEquals(0, res.inputRow(1));
        assertEquals(1, res.inputRow(2));
        for (int l = 0; l < 4; l++) {
            assertEquals(-12.5, res.bandCentreY(0, l) - res.bandCentreY(1, l), 1e-9);
            assertEquals(2e6, res.trueVolume(1, l), 1e-3);
            assertEquals(1e6, res.trueVolume(2, l), 1e-3);
            assertEquals(0.7, res.amplitude(0, l) / res.amplitude(1, l), 1e-12);
            assertEquals(0.7 * 2e6, res.trueVolume(0, l), 0.001 * 2e6);
            assertTrue(res.trueBox(0, l).y < res.trueBox(1, l).y);
            // the two bands together are reproduced by a box around both
            Rectangle both = res.trueBox(0, l).union(res.trueBox(1, l));
            both.grow(0, 20);
            both = new Rectangle((int) (res.laneCentreX(l) - 60), both.y, 120, both.height);
            double measured = measuredVolume(res, both);
            double truth = res.trueVolume(0, l) + res.trueVolume(1, l);
            assertEquals(truth, measured, 0.005 * truth);
        }
        String csv = res.truthCsv("x.tif");
        String[] lines = csv.split("\n");
        assertEquals("image,lane,row,x,y,width,height,true_volume,saturated", lines[0]);
        assertEquals(1 + 3 * 4, lines.length);
        assertTrue(lines[1].startsWith("x.tif,1,1,"), lines[1]);
        assertTrue(lines[1].endsWith(",false"), lines[1]);
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticBlot.builder().doublet(5, 10, 0.5).build());
    }

    @Test
    void rejectsMismatchedAmounts() {
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticBlot.builder().lanes(5).amounts(new double[][] {{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}}).build());
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticBlot.builder().amounts(new double[][] {{1, 2, 3, 4, 5, 6}}).build());
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticBlot.builder().amounts(new double[][] {{1, 2, 3, 4, 5, -6}, {1, 2, 3, 4, 5, 6}}).build());
    }

    @Test
    void zeroAmountGivesNoBand() {
        SyntheticBlot.Result res = SyntheticBlot.builder()
                .amounts(new double[][] {{0, 1e6, 1e6, 1e6, 1e6, 1e6}, {1e6, 1e6, 1e6, 1e6, 1e6, 1e6}}).build();
        assertEquals(0, res.trueVolume(0, 0));
        assertTrue(res.trueBox(0, 0).isEmpty());
        assertFalse(res.saturated(0, 0));
        assertEquals(0, measuredVolume(res, bigBox(res, 0, 1).intersection(new Rectangle(0, 0, 100, 400))), 200);
    }

    @Test
    void committedSampleImagesMatchTheirGenerator() throws Exception {
        // sample-images/ is regenerated by SampleImages; this catches drift between generator, files and truth
        java.nio.file.Path dir = java.nio.file.Paths.get("sample-images");
        int saturatedBands = 0;
        for (SampleImages.Sample s : SampleImages.samples()) {
            SyntheticBlot.Result res = s.builder().build();
            java.nio.file.Path tif = dir.resolve(s.file());
            assertTrue(java.nio.file.Files.isRegularFile(tif), "missing " + tif);
            assertTrue(java.nio.file.Files.size(tif) < 1_500_000, tif + " too large");
            ImagePlus imp = ij.IJ.openImage(tif.toString());
            ImageProcessor expected = res.image().getProcessor(), actual = imp.getProcessor();
            assertEquals(expected.getBitDepth(), actual.getBitDepth(), s.file());
            assertEquals(expected.getWidth(), actual.getWidth(), s.file());
            assertEquals(expected.getHeight(), actual.getHeight(), s.file());
            for (int y = 0; y < actual.getHeight(); y++)
                for (int x = 0; x < actual.getWidth(); x++)
                    assertEquals(expected.get(x, y), actual.get(x, y), s.file() + " at " + x + "," + y);
            java.nio.file.Path csv = dir.resolve(s.file().replace(".tif", ".truth.csv"));
            assertEquals(res.truthCsv(s.file()), java.nio.file.Files.readString(csv), csv.toString());
            for (int r = 0; r < res.rows(); r++)
                for (int l = 0; l < res.lanes(); l++)
                    if (res.saturated(r, l)) saturatedBands++;
        }
        assertEquals(3, saturatedBands, "exactly three saturated bands (film image lane 3 row 1; dilution_marker protein A at load 1 and in the sample lane)");
        String readme = java.nio.file.Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("## Western blots") && readme.contains(SampleImages.END), "README section");
    }
}
