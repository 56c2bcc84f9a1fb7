package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotQuantifier.Box;
import org.assayquant.core.blot.BlotResult.Band;

/**
 * The artefacts of the real NEB 1 kb Plus gel (GelGenie's ladder_reference_gel.tif,
 * docs/sizes.md), reproduced on a synthetic agarose gel with known truth: four lanes of the same
 * ladder (band masses as NEB's), the marker in lane 1 at the gel's edge, which runs further than
 * the others by a stretch that grows with the distance run (2 px at 10 kb, 9 px at 100 bp on the
 * real gel); and the real marker lane's bands that the band finder split into two parts.
 */
public class RealGelArtefactsTest {
    static final Ladders.Ladder NEB = Ladders.parse("marker_sizes", "neb_1kb_plus");
    static final int W = 320, H = 500;
    static final double[] LANE_X = {40, 120, 200, 280};
    /** Distance run relative to lane 1 (the edge lane runs furthest; lanes 2-4 as the real gel's 0.975-0.985). */
    static final double[] STRETCH = {1.0, 0.982, 0.975, 0.978};

    static double centre(double size, int lane) {
        return 40 + STRETCH[lane] * (20 + 190 * (4 - Math.log10(size)));
    }

    /** The gel: the ladder in every lane, each band a Gaussian (sigma 3 px) of NEB's mass. */
    static Raster gel() {
        float[] px = new float[W * H];
        Random rnd = new Random(11);
        double sigma = 3;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = 1000 + 20 * rnd.nextGaussian();
                for (int l = 0; l < 4; l++) {
                    if (Math.abs(x - LANE_X[l]) > 25) continue;
                    for (int i = 0; i < NEB.sizes().length; i++) {
                        double dy = y - centre(NEB.sizes()[i], l);
                        if (Math.abs(dy) < 8 * sigma) v += 600 * NEB.masses()[i] / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * sq(dy / sigma));
                    }
                }
                px[y * W + x] = (float) v;
            }
        }
        return new Raster(W, H, px, 65535);
    }

    static SizeCalibration.Result sizes(Raster raster) {
        BlotOptions o = new BlotOptions();
        o.laneCounts = java.util.List.of(4);
        return SizeCalibration.apply(raster, BlotQuantifier.quantify(raster, o), MarkerLanes.parse("marker_lane", "1"), NEB);
    }

    /** The ladder size a sample band belongs to: the nearest truth centre in its lane. */
    static double truthSize(Band b) {
        double cy = b.y() + b.height() / 2.0, best = Double.NaN, d = Double.POSITIVE_INFINITY;
        for (double s : NEB.sizes()) {
            double e = Math.abs(centre(s, b.lane() - 1) - cy);
            if (e < d) { d = e; best = s; }
        }
        return best;
    }

    @Test
    void anEdgeMarkerThatRunsFurtherIsReadThroughTheWholeGelsSmile() {
        SizeCalibration.Result s = sizes(gel());
        SizeCalibration.Marker m = s.markers().get(0);
        assertFalse(m.poor(), m.notes().toString());
        // 900 bp, 9 px under the 1 kb reference band (3.6x its mass), is its shoulder, as on many gels
        assertTrue(m.sizes().length >= 18, m.notes().toString());
        int n = 0;
        for (int i = 0; i < s.result().bands().size(); i++) {
            Band b = s.result().bands().get(i);
            if (b.lane() == 1 || !b.detected() || b.reasons().contains("size_extrapolated")) continue;
            double truth = truthSize(b), err = s.sizes()[i] / truth - 1;
            assertTrue(Math.abs(err) < 0.05, "lane " + b.lane() + " " + truth + " bp read " + s.sizes()[i]);
            n++;
        }
        assertTrue(n >= 50, n + " sample bands sized");
        // the artefact is there: lane 3's 100 bp band read at its own y, without the smile, is far off
        double[] logs = Arrays.stream(m.sizes()).map(Math::log10).toArray();
        double raw = Math.pow(10, SizeCalibration.pchip(m.y(), logs, centre(100, 2)));
        assertTrue(raw / 100 - 1 > 0.08, "uncorrected 100 bp reads " + raw);
    }

    /**
     * The real development gel's marker lane 2 as the band finder boxed it (centre, height,
     * amplitude; P = one part of a fitted doublet): its 10 kb, 6 kb, 3 kb, 400 bp and 100 bp bands
     * each split in two parts 1.3-1.8 sigma apart.
     */
    static final double[][] LANE2 = {{182.5, 11, 17.2, 1}, {186.0, 10, 66.2, 1}, {197.0, 10, 50.9, 0}, {210.5, 11, 30.6, 1}, {213.5, 11, 56.1, 1},
        {225.0, 10, 50.7, 0}, {241.0, 14, 46.0, 0}, {263.0, 18, 49.1, 1}, {269.5, 17, 169.1, 1}, {311.0, 22, 53.2, 0}, {346.5, 23, 73.8, 0},
        {375.5, 19, 42.9, 0}, {404.0, 28, 112.6, 0}, {426.5, 7, 2.6, 0}, {445.0, 14, 6.2, 0}, {475.0, 32, 83.2, 0}, {501.5, 17, 15.5, 1},
        {507.5, 17, 14.2, 1}, {529.0, 22, 16.9, 0}, {555.5, 21, 8.0, 0}, {579.5, 25, 14.6, 1}, {587.5, 25, 13.6, 1}};

    static List<Box> lane2Boxes() {
        List<Box> boxes = new ArrayList<>();
        for (double[] v : LANE2) {
            Box b = new Box(1, 0, (int) Math.round(v[0] - v[1] / 2), 100, (int) v[1], v[2], true);
            if (v[3] == 1 && !boxes.isEmpty() && boxes.get(boxes.size() - 1).pair == boxes.get(boxes.size() - 1)) {
                Box o = boxes.get(boxes.size() - 1);
                o.pair = b;
                b.pair = o;
            } else if (v[3] == 1) {
                b.pair = b; // waiting for its other part
            }
            boxes.add(b);
        }
        return boxes;
    }

    static double sizeAt(SizeCalibration.Marker m, double y) {
        for (int i = 0; i < m.y().length; i++) if (Math.abs(m.y()[i] - y) < 0.05) return m.sizes()[i];
        return Double.NaN;
    }

    @Test
    void partsOfOneSplitMarkerBandAreOneBand() {
        double[][] bands = SizeCalibration.markerBands(lane2Boxes());
        assertEquals(17, bands[0].length, Arrays.toString(bands[0]));
        assertEquals(583.3, bands[0][16], 0.1); // the 100 bp parts' centre (by hand: 582)
        SizeCalibration.Marker m = SizeCalibration.match(1, 2, 0, bands[0], bands[1], NEB);
        assertFalse(m.poor(), m.notes().toString());
        double[] expected = {10000, 8000, 6000, 5000, 4000, 3000, 2000, 1500, 1200, 1000};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], sizeAt(m, bands[0][i]), "band " + i);
        assertEquals(500, sizeAt(m, bands[0][12]));
        assertEquals(400, sizeAt(m, bands[0][13]));
        assertEquals(300, sizeAt(m, bands[0][14]));
        assertEquals(200, sizeAt(m, bands[0][15]));
        assertEquals(100, sizeAt(m, bands[0][16]));
    }

    /** The same lane's 16 bands above 100 bp, parts merged (centre, amplitude x height), as if its 100 bp band had run off the gel. */
    static final double[] RUN_OFF_Y = {185.3, 197.0, 212.4, 225.0, 241.0, 268.0, 311.0, 346.5, 375.5, 404.0, 426.5, 445.0, 475.0, 504.4, 529.0, 555.5};
    static final double[] RUN_OFF_AMP = {852, 509, 953, 507, 644, 3759, 1170, 1698, 815, 3152, 18, 87, 2662, 506, 372, 169};

    @Test
    void theBandMassesKeepTheMatchWhenTheLastBandRanOff() {
        assertEquals(400, sizeAt(SizeCalibration.match(1, 2, 0, RUN_OFF_Y, RUN_OFF_AMP, NEB), 504.4));
        // without them the bottom shifts by a band (400 bp read as 300), unflagged
        Ladders.Ladder noMasses = new Ladders.Ladder("test", "bp", NEB.sizes(), NEB.reference());
        SizeCalibration.Marker shifted = SizeCalibration.match(1, 2, 0, RUN_OFF_Y, RUN_OFF_AMP, noMasses);
        assertEquals(300, sizeAt(shifted, 504.4), shifted.notes().toString());
        assertFalse(shifted.poor());
    }

    static Band band(int lane, int row, int y, int h, boolean doublet) {
        return new Band(lane, row, 0, y, 50, h, 1, 0, 1, 0, false, true, 1, doublet ? List.of("doublet") : List.of());
    }

    @Test
    void onlyPartsWithNoValleyBetweenThemAreFlagged() {
        // 8 px apart at height 25 (1.6 sigma: the real 100 bp band's parts); 14 px (2.7 sigma): two bands
        Band a = band(2, 1, 567, 25, true), b = band(2, 2, 575, 25, true), c = band(3, 1, 560, 25, true), d = band(3, 2, 574, 25, true);
        List<Band> all = List.of(a, b, c, d, band(4, 1, 567, 25, false));
        assertTrue(SizeCalibration.unresolvedPart(all, a) && SizeCalibration.unresolvedPart(all, b));
        assertFalse(SizeCalibration.unresolvedPart(all, c) || SizeCalibration.unresolvedPart(all, d));
        assertFalse(SizeCalibration.unresolvedPart(all, all.get(4)));
    }

    @Test
    void aSmileFromTwoLanesIsNotExtrapolatedToAnEdgeMarkerUnflagged() {
        List<Band> two = new ArrayList<>(), three = new ArrayList<>();
        for (int row = 1; row <= 4; row++) {
            for (int lane = 2; lane <= 4; lane++) {
                Band b = new Band(lane, row, 100 * lane - 25, 100 * row + lane, 50, 10, 1, 0, 1, 0, false, true, 1, List.of());
                three.add(b);
                if (lane < 4) two.add(b);
            }
        }
        GelSmile line = GelSmile.fit(two, 1, MarkerLanes.parse("marker_lane", "1"));
        assertTrue(line.extrapolatedLine(100) && !line.extrapolatedLine(250));
        assertFalse(GelSmile.fit(three, 1, MarkerLanes.parse("marker_lane", "1")).extrapolatedLine(100));
    }

    private static double sq(double v) {
        return v * v;
    }
}
