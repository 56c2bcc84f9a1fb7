package org.assayquant.testutil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.testutil.SyntheticPlate.Colony;
import org.assayquant.core.AssayException;
import org.assayquant.core.wells.PlateFormat;
import org.assayquant.testutil.SyntheticPlate.Mode;

/** Checks the synthetic plate generator against its own documented model (class Javadoc of SyntheticPlate). */
class SyntheticPlateTest {

    private static final double RIM = 0.4; // default colonyRimLevel

    /** Channel c (0 = R, 1 = G, 2 = B; 0 for gray) of pixel (x, y). */
    private static int channel(ImageProcessor ip, int x, int y, int c) {
        if (ip instanceof ColorProcessor) return (ip.getPixel(x, y) >> (16 - 8 * c)) & 0xff;
        return ip.get(x, y);
    }

    /** The documented colony profile, re-implemented with atan2: peak * (rim + (1 - rim)(1 - u^2)) inside the outline. */
    private static double modelOd(Colony c, double px, double py) {
        double dx = px - c.x(), dy = py - c.y(), r = Math.hypot(dx, dy);
        double rb = c.boundaryRadius(Math.atan2(dy, dx));
        if (r >= rb) return 0;
        double u = r / rb;
        return c.peakOd() * (RIM + (1 - RIM) * (1 - u * u));
    }

    /** Radial distance of (px, py) from the colony outline, positive inside. */
    private static double depth(Colony c, double px, double py) {
        double dx = px - c.x(), dy = py - c.y();
        return c.boundaryRadius(Math.atan2(dy, dx)) - Math.hypot(dx, dy);
    }

    private static boolean inCircle(SyntheticPlate.Result res, int well, double margin, int x, int y) {
        double r = res.wellRadius(well) * (1 - margin);
        double dx = x + 0.5 - res.wellX(well), dy = y + 0.5 - res.wellY(well);
        return dx * dx + dy * dy <= r * r;
    }

    /** A pixel of the well floor with no stain within 3 px and clear of the wall shadow (0.5 mm). */
    private static int[] clearFloorPixel(SyntheticPlate.Result res, int well) {
        double limit = res.wellRadius(well) - 0.5 * res.pxPerMm() - 3;
        for (int r = 0; r < limit; r++) {
            for (int a = 0; a < 64; a++) {
                int x = (int) Math.floor(res.wellX(well) + r * Math.cos(a * Math.PI / 32));
                int y = (int) Math.floor(res.wellY(well) + r * Math.sin(a * Math.PI / 32));
                boolean clear = true;
                for (int dy = -3; dy <= 3 && clear; dy++)
                    for (int dx = -3; dx <= 3; dx++) if (res.stainOd(x + dx, y + dy) != 0) clear = false;
                if (clear) return new int[] {x, y};
            }
        }
        throw new AssertionError("no clear floor in well " + res.label(well));
    }

    @Test
    void defaultsGiveTwelveWellCrystalVioletPhoto() {
        SyntheticPlate.Result res = SyntheticPlate.builder().build();
        ImagePlus imp = res.image();
        assertEquals(1200, imp.getWidth());
        assertEquals(840, imp.getHeight());
        assertInstanceOf(ColorProcessor.class, imp.getProcessor());
        assertEquals(24, res.bitDepth());
        assertEquals(PlateFormat.W12, res.format());
        assertEquals(3, res.rows());
        assertEquals(4, res.cols());
        assertEquals(12, res.wells());
        // scale: the 127.76 x 85.48 mm footprint fills the width with a 6 % margin
        double s = Math.min(1200 / (1.06 * 127.76), 840 / (1.06 * 85.48));
        assertEquals(s, res.pxPerMm(), 1e-9);
        String[] labels = {"A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4"};
        // default counts: 0.1 colonies per mm^2 of a 22.1 mm well (38.36) times 4/4, 3/4, 2/4, 1/4 across columns
        int[] perColumn = {38, 29, 19, 10};
        for (int k = 0; k < 12; k++) {
            assertEquals(labels[k], res.label(k));
            assertEquals(k, res.wellIndex(labels[k]));
            assertEquals(perColumn[k % 4], res.colonyCount(k));
            assertEquals(perColumn[k % 4], res.colonies(k).size());
            assertEquals(22.1 / 2 * s, res.wellRadius(k), 1e-9);
            // lattice centred on the image, pitch 26.01 mm
            assertEquals(600 + (k % 4 - 1.5) * 26.01 * s, res.wellX(k), 1e-9);
            assertEquals(420 + (k / 4 - 1.0) * 26.01 * s, res.wellY(k), 1e-9);
        }
        assertEquals(3 * (38 + 29 + 19 + 10), res.totalColonies());
        assertEquals(0.8, res.colonyPeakOd(), 0);
        assertArrayEquals(new double[] {0.55, 1.0, 0.30}, res.absorption(), 0);
    }

    @Test
    void countsEqualRequestedInEveryFormat() {
        for (PlateFormat f : PlateFormat.values()) {
            int n = f.wells();
            int[] counts = new int[n];
            for (int k = 0; k < n; k++) counts[k] = f == PlateFormat.W96 ? k % 5 : f == PlateFormat.W48 ? (3 * k) % 11 : (7 * k + 3) % 40;
            SyntheticPlate.Result res = SyntheticPlate.builder().format(f).colonies(counts).seed(11).build();
            int total = 0;
            for (int k = 0; k < n; k++) {
                assertEquals(counts[k], res.colonyCount(k), f + " well " + k);
                assertEquals(counts[k], res.colonies(k).size());
                for (Colony c : res.colonies(k)) assertEquals(k, c.well());
                total += counts[k];
            }
            assertEquals(total, res.totalColonies(), f.key);
            assertEquals(total, res.colonies().size());
        }
        // a dose series by column, 24-well; and by function, dish
        SyntheticPlate.Result dose = SyntheticPlate.builder().format("24").coloniesByColumn(120, 90, 60, 30, 10, 0)
                .colonyRadiusMm(0.4, 0.3).build();
        int[] series = {120, 90, 60, 30, 10, 0};
        for (int k = 0; k < 24; k++) assertEquals(series[k % 6], dose.colonies(k).size(), dose.label(k));
        SyntheticPlate.Result dish = SyntheticPlate.builder().format("dish").colonies(k -> 333).build();
        assertEquals(1, dish.wells());
        assertEquals("A1", dish.label(0));
        assertEquals(333, dish.colonies(0).size());
        assertEquals(43.0 * dish.pxPerMm(), dish.wellRadius(0), 1e-9);
    }

    @Test
    void coloniesStayInsideTheirWellAndApart() {
        double margin = 0.08, gap = 2;
        SyntheticPlate.Result res = SyntheticPlate.builder().format("6").colonies(150, 120, 90, 60, 30, 5)
                .touchingFraction(0.3).colonyIrregularity(0.1).edgeMarginFraction(margin).minGapPx(gap).seed(5).build();
        int pairsChecked = 0;
        for (int k = 0; k < res.wells(); k++) {
            List<Colony> cs = res.colonies(k);
            double limit = res.wellRadius(k) * (1 - margin);
            for (Colony c : cs) {
                for (int a = 0; a < 720; a++) {
                    double t = a * Math.PI / 360, rb = c.boundaryRadius(t);
                    double x = c.x() + rb * Math.cos(t), y = c.y() + rb * Math.sin(t);
                    assertTrue(Math.hypot(x - res.wellX(k), y - res.wellY(k)) <= limit + 1e-9, res.label(k) + " colony " + c.index());
                }
                assertTrue(c.minRadius() <= c.radius() && c.radius() <= c.maxRadius());
            }
            // colonies of different groups never overlap: outline points of one stay outside the other, with the gap
            for (int i = 0; i < cs.size(); i++) {
                for (int j = i + 1; j < cs.size(); j++) {
                    Colony a = cs.get(i), b = cs.get(j);
                    if (a.group() == b.group()) continue;
                    assertTrue(Math.hypot(a.x() - b.x(), a.y() - b.y()) >= a.maxRadius() + b.maxRadius() + gap - 1e-9);
                    if (Math.hypot(a.x() - b.x(), a.y() - b.y()) > a.maxRadius() + b.maxRadius() + 10) continue;
                    for (int s = 0; s < 360; s++) {
                        double t = s * Math.PI / 180, rb = a.boundaryRadius(t);
                        assertFalse(b.contains(a.x() + rb * Math.cos(t), a.y() + rb * Math.sin(t)));
                    }
                    pairsChecked++;
                }
            }
        }
        assertTrue(pairsChecked > 100, "close pairs checked: " + pairsChecked);
    }

    @Test
    void touchingGroupsReallyOverlapAndAddTheirStain() {
        // large colonies (about 18 px) so that their overlap holds pixels well inside both outlines
        SyntheticPlate.Result res = SyntheticPlate.builder().format("6").size(2400, 1680).colonies(40, 40, 40, 20, 20, 7)
                .colonyRadiusMm(1.0, 0.2).touchingFraction(0.4).tripletFraction(0.5).touchOverlap(0.2).seed(9).build();
        int groups = 0, triplets = 0, pixelsChecked = 0;
        for (int k = 0; k < res.wells(); k++) {
            int n = res.colonyCount(k);
            int expectTouching = (int) Math.round(0.4 * n);
            Map<Integer, List<Colony>> byGroup = new HashMap<>();
            for (Colony c : res.colonies(k)) byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
            int touching = 0;
            for (List<Colony> g : byGroup.values()) {
                for (Colony c : g) assertEquals(g.size(), c.groupSize());
                if (g.size() == 1) {
                    assertFalse(g.get(0).touching());
                    continue;
                }
                assertTrue(g.size() == 2 || g.size() == 3, "group size " + g.size());
                touching += g.size();
                groups++;
                if (g.size() == 3) triplets++;
                // every member overlaps another member: some point on the line of centres is inside both outlines
                for (Colony a : g) {
                    assertTrue(a.touching());
                    boolean overlaps = false;
                    for (Colony b : g) {
                        if (a == b) continue;
                        for (int s = 0; s <= 400 && !overlaps; s++) {
                            double t = s / 400.0, x = a.x() + t * (b.x() - a.x()), y = a.y() + t * (b.y() - a.y());
                            if (a.contains(x, y) && b.contains(x, y)) overlaps = true;
                        }
                    }
                    assertTrue(overlaps, res.label(k) + " colony " + a.index() + " does not overlap its group");
                }
                // where two outlines overlap by more than a pixel the rendered stain is the sum of both profiles
                Colony a = g.get(0), b = g.get(1);
                int x0 = (int) Math.min(a.x(), b.x()) - 40, x1 = (int) Math.max(a.x(), b.x()) + 40;
                int y0 = (int) Math.min(a.y(), b.y()) - 40, y1 = (int) Math.max(a.y(), b.y()) + 40;
                int both = 0;
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        if (depth(a, x + 0.5, y + 0.5) > 1.2 && depth(b, x + 0.5, y + 0.5) > 1.2 && (g.size() == 2
                                || Math.abs(depth(g.get(2), x + 0.5, y + 0.5)) > 1.2)) {
                            double expected = 0;
                            for (Colony c : g) expected += modelOd(c, x + 0.5, y + 0.5);
                            assertEquals(expected, res.stainOd(x, y), 2e-3, "overlap pixel " + x + "," + y);
                            assertTrue(res.stainOd(x, y) >= RIM * (a.peakOd() + b.peakOd()) - 2e-3);
                            both++;
                        }
                    }
                }
                assertTrue(both > 0, "no pixel deep inside both colonies of a pair");
                pixelsChecked += both;
            }
            assertEquals(expectTouching == 1 ? 2 : expectTouching, touching, res.label(k));
            assertEquals(byGroup.size(), res.objects(k));
            assertEquals(n - touching + res.touchingGroups(k), res.objects(k));
        }
        assertTrue(groups > 20 && triplets > 5, groups + " groups, " + triplets + " triplets");
        assertTrue(pixelsChecked > 1000, "pixels checked " + pixelsChecked);
    }

    @Test
    void stainMapFollowsTheColonyModel() {
        SyntheticPlate.Result res = SyntheticPlate.builder().format("12").size(1800, 1260).colonies(k -> 25).seed(3).build();
        int checked = 0;
        for (int k = 0; k < res.wells(); k++) {
            List<Colony> cs = res.colonies(k);
            int r = (int) Math.ceil(res.wellRadius(k));
            int cx = (int) res.wellX(k), cy = (int) res.wellY(k);
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    double px = x + 0.5, py = y + 0.5, expected = 0;
                    boolean clear = true; // centre more than 1 px from every outline: no sub-sampling there
                    for (Colony c : cs) {
                        if (Math.hypot(px - c.x(), py - c.y()) > c.maxRadius() + 2) continue;
                        double d = depth(c, px, py);
                        if (Math.abs(d) <= 1) clear = false;
                        expected += modelOd(c, px, py);
                    }
                    if (!clear) continue;
                    // 3e-3: pixels just inside small outlines are sub-sampled (mean of 2 x 2 profile values)
                    assertEquals(expected, res.stainOd(x, y), 3e-3, x + "," + y);
                    checked++;
                }
            }
        }
        assertTrue(checked > 500_000, "checked " + checked);
    }

    @Test
    void areaAndIntegratedOdMatchTheColoniesExactArea() {
        // integral of rim + (1 - rim)(1 - u^2) over the outline = area * (rim + (1 - rim)/2), exactly, for any outline
        SyntheticPlate.Result res = SyntheticPlate.builder().format("6").size(1600, 1120).colonies(60, 40, 30, 20, 10, 1)
                .colonyIrregularity(0.12).seed(21).build();
        for (int k = 0; k < res.wells(); k++) {
            double expected = 0, area = 0, rendered = 0;
            for (Colony c : res.colonies(k)) {
                double exact = Math.PI * c.radius() * c.radius() * (1 + (c.a2() * c.a2() + c.a3() * c.a3()) / 2);
                assertEquals(exact, c.area(), 1e-9 * exact);
                // numeric check of the closed form: 0.5 * integral of R(theta)^2
                double num = 0;
                for (int s = 0; s < 3600; s++) num += 0.5 * Math.pow(c.boundaryRadius(s * 2 * Math.PI / 3600), 2) * 2 * Math.PI / 3600;
                assertEquals(num, c.area(), 1e-9 * num);
                assertEquals(c.area(), c.renderedArea(), 0.1 * c.area() + 2, res.label(k) + " colony " + c.index());
                expected += c.peakOd() * c.area() * (RIM + (1 - RIM) / 2);
                area += c.area();
                rendered += c.renderedArea();
            }
            assertEquals(expected, res.integratedOd(k, 0), 0.01 * expected + 1e-9, res.label(k));
            assertEquals(area, rendered, 0.01 * area + 1e-9, res.label(k));
        }
    }

    @Test
    void coverageIsTheUnionOfTheOutlines() {
        // independent sub-sampling with Colony.contains (atan2) against the renderer's masks (Chebyshev harmonics)
        SyntheticPlate.Result res = SyntheticPlate.builder().format("12").colonies(k -> 40).touchingFraction(0.5)
                .colonyIrregularity(0.12).seed(29).build();
        int mismatches = 0, n = 0;
        for (int k = 0; k < 4; k++) {
            double covered = 0;
            for (int y = 0; y < res.height(); y++) {
                for (int x = 0; x < res.width(); x++) {
                    if (!inCircle(res, k, 0, x, y)) continue;
                    int in = 0;
                    for (int s = 0; s < 4; s++) {
                        double px = x + 0.25 + 0.5 * (s % 2), py = y + 0.25 + 0.5 * (s / 2);
                        for (Colony c : res.colonies(k)) {
                            if (c.contains(px, py)) {
                                in++;
                                break;
                            }
                        }
                    }
                    covered += in / 4.0;
                    n++;
                    if (Math.abs(in / 4.0 - res.coverage(x, y)) > 1e-12) mismatches++;
                }
            }
            double pct = 100 * covered / res.analysedPixels(k, 0);
            assertEquals(pct, res.coveredPercent(k, 0), 1e-3);
            // overlaps are counted once: below the sum of the colonies' exact areas, above it minus the overlaps' bound
            double sumArea = 0;
            for (Colony c : res.colonies(k)) sumArea += c.area();
            double sumPct = 100 * sumArea / res.analysedPixels(k, 0);
            assertTrue(pct < sumPct && pct > 0.85 * sumPct, pct + " vs " + sumPct);
        }
        assertTrue(mismatches <= 2, mismatches + " of " + n);
        // without touching colonies the union is the sum of the exact areas (within the pixel sampling error)
        SyntheticPlate.Result apart = SyntheticPlate.builder().format("12").colonies(k -> 40).touchingFraction(0).seed(29).build();
        for (int k = 0; k < 12; k++) {
            double sumArea = 0;
            for (Colony c : apart.colonies(k)) sumArea += c.area();
            double sumPct = 100 * sumArea / apart.analysedPixels(k, 0);
            assertEquals(sumPct, apart.coveredPercent(k, 0), 0.01 * sumPct);
        }
    }

    @Test
    void areaPercentMatchesDirectPixelCountOnNoiseFreeRender() {
        // GRAY16, clean: inside the wells the image is white * 10^-S, so -log10(value / white) gives S back
        SyntheticPlate.Result res = SyntheticPlate.builder().format("12").mode(Mode.GRAY16).clean()
                .coloniesByColumn(90, 60, 30, 5).colonyTexture(0.3, 0.25).seed(17).build();
        ImageProcessor ip = res.image().getProcessor();
        assertInstanceOf(ShortProcessor.class, ip);
        for (int k = 0; k < res.wells(); k++) {
            for (double margin : new double[] {0, 0.05, 0.2}) {
                double r = res.wellRadius(k) * (1 - margin);
                int x0 = (int) Math.floor(res.wellX(k) - r - 1), x1 = (int) Math.ceil(res.wellX(k) + r + 1);
                int y0 = (int) Math.floor(res.wellY(k) - r - 1), y1 = (int) Math.ceil(res.wellY(k) + r + 1);
                for (double thr : new double[] {0.1, 0.25, 0.5, 0.9}) {
                    int n = 0, stained = 0;
                    double weighted = 0, sumOd = 0;
                    for (int y = y0; y <= y1; y++) {
                        for (int x = x0; x <= x1; x++) {
                            if (!inCircle(res, k, margin, x, y)) continue;
                            n++;
                            double t = ip.get(x, y) / res.illumination(x, y);
                            double od = -Math.log10(t);
                            sumOd += od;
                            if (od > thr * res.colonyPeakOd()) {
                                stained++;
                                weighted += 1 - t;
                            }
                        }
                    }
                    assertEquals(n, res.analysedPixels(k, margin));
                    assertEquals(stained, res.stainedPixels(k, margin, thr), Math.max(2, 0.002 * stained),
                            res.label(k) + " margin " + margin + " thr " + thr);
                    assertEquals(100.0 * stained / n, res.areaPercent(k, margin, thr), 0.01 + 0.002 * res.areaPercent(k, margin, thr));
                    assertEquals(100.0 * weighted / n, res.intensityPercent(k, margin, thr), 0.01 + 0.002 * res.intensityPercent(k, margin, thr));
                    assertEquals(sumOd, res.integratedOd(k, margin), 1e-3 * sumOd + 0.5);
                }
            }
        }
        assertTrue(res.areaPercent(0, 0, 0.25) > 10, "dense well: " + res.areaPercent(0, 0, 0.25));
        assertTrue(res.areaPercent(3, 0, 0.25) > 0, "5 colonies are not nothing");
    }

    @Test
    void imageEqualsModelInsideTheWellsForEveryMode() {
        for (Mode mode : Mode.values()) {
            SyntheticPlate.Result res = SyntheticPlate.builder().format("24").mode(mode).clean().backgroundStain(0.05, 0.5)
                    .vignetting(0.25).illuminationGradient(0.1, -0.08).colonyTexture(0.2, 0.3).seed(2).build();
            ImageProcessor ip = res.image().getProcessor();
            double[] k = mode.absorption(), tint = mode.tint();
            assertEquals(mode.channels, k.length);
            int mismatches = 0, n = 0;
            for (int w = 0; w < res.wells(); w++) {
                double bg = res.backgroundStainOd(w);
                int r = (int) Math.ceil(res.wellRadius(w));
                for (int y = (int) res.wellY(w) - r; y <= (int) res.wellY(w) + r; y++) {
                    for (int x = (int) res.wellX(w) - r; x <= (int) res.wellX(w) + r; x++) {
                        if (!inCircle(res, w, 0.02, x, y)) continue;
                        // documented: value_c = round(white * L(x,y) * 10^-(k_c (S + B) + t_c)), L from the formula
                        double rx = x + 0.5 - res.width() / 2.0, ry = y + 0.5 - res.height() / 2.0;
                        double rho2 = (rx * rx + ry * ry) / ((res.width() * (double) res.width() + res.height() * (double) res.height()) / 4);
                        double illum = 0.92 * res.maxValue() * (1 - 0.25 * rho2) * (1 + 0.1 * rx / res.width() - 0.08 * ry / res.height());
                        assertEquals(illum, res.illumination(x, y), 1e-9 * illum);
                        for (int c = 0; c < k.length; c++) {
                            double v = illum * Math.pow(10, -(k[c] * (res.stainOd(x, y) + bg) + tint[c]));
                            long expected = Math.max(0, Math.min(res.maxValue(), Math.round(v)));
                            n++;
                            if (Math.abs(channel(ip, x, y, c) - expected) > 1) mismatches++;
                        }
                    }
                }
            }
            // off by more than one only where float rounding of S flips a rounding: none expected
            assertEquals(0, mismatches, mode + ": " + mismatches + " of " + n);
        }
    }

    @Test
    void coloursOfTheStainsAndTypesOfTheModes() {
        // crystal violet at peak OD 0.8 on white 235: about RGB (85, 37, 135) (the brief's typical (90, 40, 140))
        SyntheticPlate.Result cv = SyntheticPlate.builder().format("dish").clean().colonyPeakJitter(0).touchingFraction(0)
                .colonies(20).seed(4).build();
        ImageProcessor ip = cv.image().getProcessor();
        for (Colony c : cv.colonies(0)) {
            assertEquals(0.8, c.peakOd(), 1e-12);
            int x = (int) Math.floor(c.x()), y = (int) Math.floor(c.y());
            int r = channel(ip, x, y, 0), g = channel(ip, x, y, 1), b = channel(ip, x, y, 2);
            assertTrue(r >= 78 && r <= 95 && g >= 32 && g <= 45 && b >= 125 && b <= 145, r + "," + g + "," + b);
        }
        // bacterial: yellow-brown colonies (R > G > B) on amber agar (R > G > B, lighter)
        SyntheticPlate.Result bac = SyntheticPlate.builder().format("dish").mode(Mode.BACTERIAL_RGB).clean()
                .colonyPeakJitter(0).touchingFraction(0).colonies(20).seed(4).build();
        ImageProcessor bp = bac.image().getProcessor();
        Colony c0 = bac.colonies(0).get(0);
        int cx = (int) c0.x(), cy = (int) c0.y();
        int[] floor = clearFloorPixel(bac, 0);
        int fx = floor[0], fy = floor[1];
        int[] col = {channel(bp, cx, cy, 0), channel(bp, cx, cy, 1), channel(bp, cx, cy, 2)};
        int[] agar = {channel(bp, fx, fy, 0), channel(bp, fx, fy, 1), channel(bp, fx, fy, 2)};
        assertTrue(col[0] > col[1] && col[1] > col[2] && col[2] < 60, Arrays.toString(col));
        assertTrue(agar[0] > agar[1] && agar[1] > agar[2] && agar[2] > 110, Arrays.toString(agar));
        // storage types
        assertInstanceOf(ByteProcessor.class, SyntheticPlate.builder().mode(Mode.GRAY8).build().image().getProcessor());
        SyntheticPlate.Result g16 = SyntheticPlate.builder().mode(Mode.GRAY16).build();
        assertInstanceOf(ShortProcessor.class, g16.image().getProcessor());
        assertEquals(16, g16.bitDepth());
        assertEquals(65535, g16.maxValue());
        assertEquals(8, SyntheticPlate.builder().mode(Mode.GRAY8).build().bitDepth());
        // a clean floor pixel of the 16-bit image is 0.92 * 65535 (margin of the well, beyond the colonies)
        int[] f = clearFloorPixel(g16, 0);
        int x = f[0], y = f[1];
        assertEquals(0.92 * 65535 * Math.pow(10, -g16.backgroundStainOd(0)), g16.image().getProcessor().get(x, y), 1.0);
    }

    @Test
    void wallsRimBodyAndSurroundFollowTheirLevels() {
        // 6-well, no colonies, flat light: walk from a well centre towards its right neighbour
        SyntheticPlate.Result res = SyntheticPlate.builder().format("6").mode(Mode.GRAY16).colonies(k -> 0).seed(8).build();
        ImageProcessor ip = res.image().getProcessor();
        double s = res.pxPerMm(), R = res.wellRadius(0), white = 0.92 * 65535;
        int y = (int) Math.floor(res.wellY(0));
        double cx = res.wellX(0);
        java.util.function.DoubleUnaryOperator at = d -> {
            int x = (int) Math.floor(cx + R + d);
            return ip.get(x, y) / white;
        };
        // floor: background stain only
        assertEquals(Math.pow(10, -res.backgroundStainOd(0)), ip.get((int) cx, y) / white, 2e-4);
        // in the wall (0.8 mm thick): OD 0.45
        assertEquals(Math.pow(10, -0.45), at.applyAsDouble(0.4 * s), 2e-3);
        // shadow half way: OD 0.45 * (1/2)^2 (plus the background stain of the floor)
        double half = -0.25 * s;
        double dHalf = Math.floor(cx + R + half) + 0.5 - (cx + R);
        double shOd = 0.45 * Math.pow((dHalf + 0.5 * s) / (0.5 * s), 2) + res.backgroundStainOd(0);
        assertEquals(Math.pow(10, -shOd), at.applyAsDouble(half), 2e-3);
        // rim (0.8 .. 1.4 mm): brighter than white by 10^0.03; body between wells: 0.9
        assertEquals(Math.pow(10, 0.03), at.applyAsDouble(1.1 * s), 2e-3);
        double mid = res.wellX(1) - res.wellX(0);
        assertEquals(0.9, ip.get((int) (cx + mid / 2), y) / white, 2e-3);
        // surround (outside the plate, image corner): 0.35
        assertEquals(0.35, ip.get(1, 1) / white, 2e-3);
        // skirt: just inside the plate outline, OD 0.3
        double platePx = (res.height() - 85.48 * s) / 2; // top edge of the plate at the image centre column
        assertEquals(Math.pow(10, -0.3), ip.get(res.width() / 2, (int) Math.floor(platePx + 0.6 * s)) / white, 2e-3);
    }

    @Test
    void noiseHasRequestedSigma() {
        SyntheticPlate.Result res = SyntheticPlate.builder().format("dish").mode(Mode.GRAY16).clean().colonies(0)
                .noiseSigma(200).seed(31).build();
        ImageProcessor ip = res.image().getProcessor();
        double sum = 0, sum2 = 0;
        int n = 0;
        for (int y = 0; y < res.height(); y++)
            for (int x = 0; x < res.width(); x++) {
                if (!inCircle(res, 0, 0.05, x, y)) continue;
                double d = ip.get(x, y) - res.illumination(x, y);
                sum += d;
                sum2 += d * d;
                n++;
            }
        double mean = sum / n, sd = Math.sqrt(sum2 / n - mean * mean);
        assertEquals(0, mean, 2);
        assertEquals(200, sd, 3);
    }

    @Test
    void deterministicForSeedAndPerWellStreams() {
        SyntheticPlate.Builder b = SyntheticPlate.builder().format("12").noiseSigma(3).jpegQuality(85).blurPx(0.7).dust(20)
                .penMarks(1).bubbles(2).colonyTexture(0.3, 0.2).vignetting(0.2).rotationDeg(2).seed(77);
        int[] p1 = (int[]) b.build().image().getProcessor().getPixels();
        int[] p2 = (int[]) b.build().image().getProcessor().getPixels();
        assertArrayEquals(p1, p2);
        int[] p3 = (int[]) b.seed(78).build().image().getProcessor().getPixels();
        int diff = 0;
        for (int i = 0; i < p1.length; i++) if (p1[i] != p3[i]) diff++;
        assertTrue(diff > p1.length / 2, "another seed changes the noise: " + diff);
        // changing one well's count leaves every other well's colonies as they were
        int[] counts = {30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
        SyntheticPlate.Result a = SyntheticPlate.builder().colonies(counts).seed(5).build();
        counts[6] = 70;
        SyntheticPlate.Result c = SyntheticPlate.builder().colonies(counts).seed(5).build();
        for (int k = 0; k < 12; k++) {
            if (k == 6) assertNotEquals(a.colonies(k), c.colonies(k));
            else assertEquals(a.colonies(k), c.colonies(k), "well " + k);
        }
    }

    @Test
    void jpegKeepsTheImageCloseButLossy() {
        SyntheticPlate.Builder b = SyntheticPlate.builder().format("6").seed(12);
        int[] raw = (int[]) b.build().image().getProcessor().getPixels();
        int[] jpg = (int[]) b.jpegQuality(80).build().image().getProcessor().getPixels();
        double err = 0;
        int changed = 0;
        for (int i = 0; i < raw.length; i++) {
            int dg = ((raw[i] >> 8) & 0xff) - ((jpg[i] >> 8) & 0xff);
            err += dg * dg;
            if (raw[i] != jpg[i]) changed++;
        }
        double rms = Math.sqrt(err / raw.length);
        assertTrue(rms > 0.3 && rms < 6, "rms " + rms);
        assertTrue(changed > raw.length / 10, "changed " + changed);
        ByteProcessor g8 = (ByteProcessor) SyntheticPlate.builder().mode(Mode.GRAY8).jpegQuality(80).build().image().getProcessor();
        assertEquals(8, g8.getBitDepth());
    }

    @Test
    void artefactsAreNotStain() {
        SyntheticPlate.Builder b = SyntheticPlate.builder().format("6").size(1600, 1120).seed(19);
        SyntheticPlate.Result plain = b.build();
        SyntheticPlate.Result dirty = b.dust(60).penMarks(2).bubbles(3).build();
        assertArrayEquals(plain.stainMap(), dirty.stainMap());
        assertEquals(plain.truthCsv(), dirty.truthCsv());
        assertEquals(plain.coloniesCsv(), dirty.coloniesCsv());
        assertEquals(60, dirty.artefacts("dust").size());
        assertEquals(2, dirty.artefacts("pen").size());
        assertEquals(3, dirty.artefacts("bubble").size());
        double minColony = 0.5 * Math.min(0.8, 0.06 * 34.8) * dirty.pxPerMm(); // default range: 0.5 x the median
        ImageProcessor pi = plain.image().getProcessor(), di = dirty.image().getProcessor();
        int darker = 0;
        for (SyntheticPlate.Artefact d : dirty.artefacts("dust")) {
            assertTrue(d.size() <= 0.5 * minColony + 1e-9 && d.size() >= 0.5, "dust radius " + d.size());
            int x = (int) Math.floor(d.x()), y = (int) Math.floor(d.y());
            if (((di.getPixel(x, y) >> 8) & 0xff) < ((pi.getPixel(x, y) >> 8) & 0xff)) darker++;
        }
        assertTrue(darker >= 50, "dust specks visible: " + darker);
        for (SyntheticPlate.Artefact p : dirty.artefacts("pen")) {
            int k = dirty.wellIndex(p.well());
            boolean in = false, out = false;
            for (int i = 0; i < p.path().length; i += 2) {
                double d = Math.hypot(p.path()[i] - dirty.wellX(k), p.path()[i + 1] - dirty.wellY(k));
                if (d < dirty.wellRadius(k) - 2) in = true;
                if (d > dirty.wellRadius(k) + 2) out = true;
            }
            assertTrue(in && out, "pen mark crosses the wall of " + p.well());
        }
        for (SyntheticPlate.Artefact u : dirty.artefacts("bubble")) {
            int k = dirty.wellIndex(u.well());
            assertTrue(Math.hypot(u.x() - dirty.wellX(k), u.y() - dirty.wellY(k)) + u.size() <= dirty.wellRadius(k));
        }
    }

    @Test
    void geometryOfFormatsRotationAndPortrait() {
        for (PlateFormat f : PlateFormat.values()) {
            if (f == PlateFormat.DISH) continue;
            SyntheticPlate.Result res = SyntheticPlate.builder().format(f).rotationDeg(3).colonies(k -> 0).build();
            double s = res.pxPerMm();
            assertEquals(f.diameterMm / 2 * s, res.wellRadius(0), 1e-9);
            // A1 -> A2 is one pitch at +3 degrees (clockwise on screen: y grows to the right)
            double dx = res.wellX(1) - res.wellX(0), dy = res.wellY(1) - res.wellY(0);
            assertEquals(f.pitchMm * s, Math.hypot(dx, dy), 1e-9);
            assertEquals(3.0, Math.toDegrees(Math.atan2(dy, dx)), 1e-9);
            int b1 = f.cols; // first well of row B
            assertEquals(93.0, Math.toDegrees(Math.atan2(res.wellY(b1) - res.wellY(0), res.wellX(b1) - res.wellX(0))), 1e-9);
        }
        SyntheticPlate.Result p = SyntheticPlate.builder().format("12").portrait(true).size(840, 1200).build();
        assertEquals(4, p.rows());
        assertEquals(3, p.cols());
        assertEquals("D3", p.label(11));
        assertTrue(p.wellX(p.wellIndex("A1")) < p.wellX(p.wellIndex("A3")));
        assertTrue(p.wellY(p.wellIndex("A1")) < p.wellY(p.wellIndex("D1")));
        // an off-centre plate moves every well
        SyntheticPlate.Result c = SyntheticPlate.builder().format("6").size(1400, 1000).pxPerMm(9).plateCentre(720, 480).build();
        assertEquals(720 - 39.12 * 9, c.wellX(0), 1e-9);
        assertEquals(480 - 39.12 * 9 / 2, c.wellY(0), 1e-9);
    }

    @Test
    void truthCsvAgreesWithTheAccessors() {
        SyntheticPlate.Result res = SyntheticPlate.builder().format("6").seed(23).build();
        String[] lines = res.truthCsv(0.05, 0.3).split("\n");
        assertEquals("well,x,y,radius,colonies,area_percent,intensity_percent,objects,covered_percent", lines[0]);
        assertEquals(7, lines.length);
        for (int k = 0; k < 6; k++) {
            String[] f = lines[k + 1].split(",");
            assertEquals(res.label(k), f[0]);
            assertEquals(res.wellX(k), Double.parseDouble(f[1]), 0.005);
            assertEquals(res.wellY(k), Double.parseDouble(f[2]), 0.005);
            assertEquals(res.wellRadius(k) * 0.95, Double.parseDouble(f[3]), 0.005);
            assertEquals(res.colonyCount(k), Integer.parseInt(f[4]));
            assertEquals(res.areaPercent(k, 0.05, 0.3), Double.parseDouble(f[5]), 0.0005);
            assertEquals(res.intensityPercent(k, 0.05, 0.3), Double.parseDouble(f[6]), 0.0005);
            assertEquals(res.objects(k), Integer.parseInt(f[7]));
            assertEquals(res.coveredPercent(k, 0.05), Double.parseDouble(f[8]), 0.0005);
        }
        assertEquals(res.truthCsv(0, 0.25), res.truthCsv());
        String[] cl = res.coloniesCsv().split("\n");
        assertEquals("well,colony,group,group_size,x,y,radius,area,peak_od", cl[0]);
        assertEquals(res.totalColonies() + 1, cl.length);
        Colony first = res.colonies(0).get(0);
        String[] f = cl[1].split(",");
        assertEquals("A1", f[0]);
        assertEquals("1", f[1]);
        assertEquals(first.x(), Double.parseDouble(f[4]), 0.005);
        assertEquals(first.area(), Double.parseDouble(f[7]), 0.05);
    }

    @Test
    void rejectsImpossibleRequests() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticPlate.builder().colonies(1, 2, 3).build());
        assertTrue(e.getMessage().contains("3 counts for 12 wells"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticPlate.builder().format("96").colonies(k -> 400).build());
        assertTrue(e.getMessage().contains("well A1") && e.getMessage().contains("cannot place 400"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticPlate.builder().colonies(k -> k == 5 ? -1 : 3).build());
        assertTrue(e.getMessage().contains("B2"), e.getMessage());
        AssayException format = assertThrows(AssayException.class, () -> SyntheticPlate.builder().format("7"));
        assertTrue(format.getMessage().contains("format=7"), format.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticPlate.builder().mode(Mode.GRAY16).jpegQuality(90).build());
        assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticPlate.builder().pxPerMm(30).build());
        assertTrue(e.getMessage().contains("well A1") && e.getMessage().contains("outside"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticPlate.builder().coloniesByColumn(1, 2).build());
        assertTrue(e.getMessage().contains("2 counts for 4 columns"), e.getMessage());
    }

    @Test
    void samplePlatesRegenerateIdenticallyAndMatchTheCommittedFiles(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b"));
        SamplePlates.main(new String[] {a.toString()});
        SamplePlates.main(new String[] {b.toString()});
        List<Path> files;
        try (var stream = Files.list(a)) {
            files = stream.sorted().toList();
        }
        assertEquals(2 * 3 + 1 + 1, files.size(), files.toString()); // + the 12-well sample's layout
        for (Path f : files) assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())), f.toString());
        // the committed copies (sample-images/ once merged, docs/sample-plates/ on the helper branch)
        Path committed = Path.of("sample-images");
        if (!Files.exists(committed.resolve(SamplePlates.samples().get(0).file()))) committed = Path.of("docs", "sample-plates");
        for (SamplePlates.Sample s : SamplePlates.samples()) {
            Path img = committed.resolve(s.file());
            assertTrue(Files.isRegularFile(img), "missing " + img);
            assertTrue(Files.size(img) < 3_500_000, img + " too large");
            ImageProcessor expected = ij.IJ.openImage(a.resolve(s.file()).toString()).getProcessor();
            ImageProcessor actual = ij.IJ.openImage(img.toString()).getProcessor();
            assertEquals(expected.getBitDepth(), actual.getBitDepth(), s.file());
            assertEquals(expected.getWidth(), actual.getWidth());
            assertEquals(expected.getHeight(), actual.getHeight());
            if (expected instanceof ColorProcessor) assertArrayEquals((int[]) expected.getPixels(), (int[]) actual.getPixels(), s.file());
            else assertArrayEquals((short[]) expected.getPixels(), (short[]) actual.getPixels(), s.file());
            if (SamplePlates.layout(s) != null)
                assertEquals(Files.readString(a.resolve(s.base() + ".layout.csv")), Files.readString(committed.resolve(s.base() + ".layout.csv")),
                        s.base() + ".layout.csv");
            for (String suffix : new String[] {".truth.csv", ".colonies.csv"})
                assertEquals(Files.readString(a.resolve(s.base() + suffix)), Files.readString(committed.resolve(s.base() + suffix)),
                        s.base() + suffix);
        }
        String readme = Files.readString(committed.resolve("README.md"));
        assertTrue(readme.contains("## Colony plates") && readme.contains(SamplePlates.END), "README section");
    }
}
