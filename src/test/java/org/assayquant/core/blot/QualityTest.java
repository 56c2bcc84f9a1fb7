package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotResult.Band;
import org.assayquant.ij.Images;
import org.assayquant.testutil.SyntheticBlot;

/** Per-band and per-lane status with reasons: cluster, low_signal, touching_writing. */
class QualityTest {
    /**
     * The real mass-ladder gel: four bands in a tight cluster (here 1.5 sigma apart, no valley
     * between them) were never boxed, because the cluster is taller than the narrow lane is wide.
     * It is now one box flagged cluster; the resolvable bands around it are each boxed, unflagged.
     */
    @Test
    void anUnresolvableClusterInACrowdedLadderIsOneBoxFlaggedCluster() {
        double sy = 3;
        List<Double> ys = new ArrayList<>();
        for (double y = 30; y <= 130; y += 16) ys.add(y);
        int first = ys.size();
        for (int k = 0; k < 4; k++) ys.add(160 + k * 1.5 * sy);
        int last = ys.size() - 1;
        for (double y = 200; y <= 300; y += 16) ys.add(y);
        int rows = ys.size();
        double[] fy = new double[rows];
        double[][] amounts = new double[rows][6];
        for (int i = 0; i < rows; i++) {
            fy[i] = ys.get(i) / 340.0;
            for (int l = 0; l < 6; l++) amounts[i][l] = 30000 + 15000 * ((i * 3) % 4);
        }
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(240, 340).lanes(6).rowYFractions(fy).amounts(amounts)
                .bandSigmaY(sy).bandSigmaX(7).noiseSigma(15).backgroundLevel(900).seed(12).build();
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), new BlotOptions());
        assertEquals(6, r.lanes().size(), r.lanes().toString());
        OverlapsTest.assertNoSharedPixels(r, "cluster ladder");
        for (int lane = 0; lane < 6; lane++) {
            final int ln = lane + 1;
            List<Band> own = r.bands().stream().filter(b -> b.detected() && b.lane() == ln).toList();
            for (int row = 0; row < rows; row++) {
                if (row >= first && row <= last) continue;
                Rectangle t = truth.trueBox(row, lane);
                List<Band> hits = own.stream().filter(b -> BlotQuantifierTest.iou(t, OverlapsTest.rect(b)) >= 0.5).toList();
                assertEquals(1, hits.size(), "lane " + ln + " band " + (row + 1) + " at " + t + ": " + describe(own));
                assertFalse(hits.get(0).reasons().contains("cluster"), "a resolved band is no cluster: " + hits.get(0));
            }
            double top = truth.bandCentreY(first, lane), bottom = truth.bandCentreY(last, lane);
            List<Band> cluster = own.stream().filter(b -> b.y() <= top && b.y() + b.height() >= bottom).toList();
            assertEquals(1, cluster.size(), "lane " + ln + ": one box over the cluster " + top + "-" + bottom + ": " + describe(own));
            assertTrue(cluster.get(0).reasons().contains("cluster") && cluster.get(0).status().equals("check"), cluster.get(0).toString());
            assertTrue(r.lanes().get(lane).reasons().contains("cluster"), r.lanes().get(lane).toString());
        }
    }

    /**
     * low_signal against the truth: a band whose true volume is below 3 standard errors of pixel
     * noise (sigma x sqrt(box pixels)) is flagged, one above 30 is not; the lanes say so too.
     */
    @Test
    void faintBandsAreFlaggedLowSignal() {
        double noise = 40;
        double[][] a = {{4e5, 1e5, 2.5e4, 6e3, 1.5e3, 4e5}};
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(480, 200).lanes(6).rowYFractions(0.5).amounts(a)
                .backgroundLevel(1000).noiseSigma(noise).seed(21).build();
        BlotOptions o = new BlotOptions();
        o.laneCounts = java.util.List.of(6);
        BlotResult r = BlotQuantifier.quantify(Images.toRaster(truth.image(), new ArrayList<>()), o);
        assertEquals(6, r.lanes().size(), r.lanes().toString());
        int checked = 0;
        for (int lane = 0; lane < 6; lane++) {
            Rectangle t = truth.trueBox(0, lane);
            double snr = truth.trueVolume(0, lane) / (noise * Math.sqrt(t.width * t.height));
            final int ln = lane + 1;
            Band b = r.bands().stream().filter(x -> x.lane() == ln).findFirst().orElseThrow();
            if (snr < 3) { assertTrue(b.reasons().contains("low_signal") && b.status().equals("check"), snr + ": " + b); checked++; }
            if (snr > 30) { assertFalse(b.reasons().contains("low_signal"), snr + ": " + b); checked++; }
            assertEquals(b.reasons().contains("low_signal"), r.lanes().get(lane).reasons().contains("low_signal"), r.lanes().get(lane).toString());
        }
        assertTrue(checked >= 4, "fixture: bands on both sides of the limit");
    }

    /**
     * A pen stroke touching a band (as bright as the band, outside every band box): the band's
     * background ring is not background, so it is flagged touching_writing; the others are not.
     */
    @Test
    void writingTouchingABandIsFlagged() {
        double[][] a = {{2e5, 2e5, 2e5, 2e5, 2e5, 2e5}, {1e5, 1e5, 1e5, 1e5, 1e5, 1e5}};
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(480, 300).lanes(6).amounts(a)
                .backgroundLevel(1000).noiseSigma(20).seed(22).build();
        Raster clean = Images.toRaster(truth.image(), new ArrayList<>());
        ij.process.FloatProcessor fp = new ij.process.FloatProcessor(clean.width, clean.height, clean.px.clone());
        Rectangle t = truth.trueBox(1, 2);
        fp.setColor(1000 + truth.amplitude(1, 2));
        fp.setLineWidth(3);
        fp.drawLine(t.x + t.width - 12, t.y + t.height + 1, t.x + t.width + 2, t.y + t.height + 14); // a tick mark under its end
        Raster pen = new Raster(clean.width, clean.height, (float[]) fp.getPixels(), clean.maxValue);
        BlotResult r = BlotQuantifier.quantify(pen, new BlotOptions());
        assertEquals(6, r.lanes().size(), r.lanes().toString());
        for (Band b : r.bands()) {
            boolean marked = b.lane() == 3 && b.y() > t.y - t.height;
            assertEquals(marked, b.reasons().contains("touching_writing"), b.toString());
            if (marked) assertEquals("check", b.status());
        }
        assertEquals(List.of("touching_writing"), r.lanes().get(2).reasons());
        assertEquals("ok", r.lanes().get(0).status());
    }

    private static List<String> describe(List<Band> bands) {
        return bands.stream().map(b -> b.y() + "+" + b.height() + b.reasons()).toList();
    }
}
