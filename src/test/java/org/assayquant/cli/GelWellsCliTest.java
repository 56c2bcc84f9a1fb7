package org.assayquant.cli;

import static org.assayquant.testutil.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.assayquant.testutil.CliRun.Run;

/**
 * A phone photo of a two-tier DNA gel (the Ameral lab's GelRed gels, issue 20): an orange gel on a
 * dark red surround, two rows of 12 wells, a ladder in each tier's first well, gDNA smears in some
 * wells, others empty, and typed white labels (a sample number over each loaded lane, sizes beside
 * the ladder). On main the labels are erased but the lane finder sees the gel on its surround and
 * both tiers are one strip; here each tier is a strip and each well a lane.
 */
class GelWellsCliTest {
    static final int W = 640, H = 560, GEL_LEFT = 40, GEL_RIGHT = 600, PITCH = 44, X0 = 90, WELLS = 12;
    static final int[] TIER = {40, 300};
    /** Per tier and well: L ladder, S smear, - empty. */
    static final String[] LOAD = {"L-SSSSSSS---", "LSSSSSSS----"};

    @TempDir
    Path tmp;

    static ImagePlus photo(long seed) {
        Random rnd = new Random(seed);
        float[] lum = new float[W * H];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++)
            lum[y * W + x] = (float) ((x < GEL_LEFT || x >= GEL_RIGHT ? 50 : 118) + 2 * rnd.nextGaussian());
        for (int t = 0; t < TIER.length; t++) {
            int top = TIER[t];
            for (int k = 0; k < WELLS; k++) {
                int x0 = X0 + k * PITCH - 16;
                // the well: a dark slot with a bright rim
                for (int y = top; y < top + 10; y++) for (int x = x0; x < x0 + 32; x++) lum[y * W + x] += y == top || y == top + 9 ? 20 : -25;
                char load = LOAD[t].charAt(k);
                for (int y = top + 12; y < top + 160; y++) for (int x = x0; x < x0 + 32; x++) {
                    // gDNA: a high-molecular-weight band below the well and its smear
                    double dy = (y - top - 30) / 4.0, s = load == 'S' ? 70 * Math.exp(-0.5 * dy * dy) + 25 * Math.exp(-(y - top - 12) / 50.0) : 0;
                    // the ladder: 10 rungs 6 px tall
                    if (load == 'L' && (y - top - 12) % 14 < 6) s = 90;
                    lum[y * W + x] += (float) s;
                }
            }
        }
        ColorProcessor cp = new ColorProcessor(W, H);
        for (int i = 0; i < lum.length; i++) {
            // GelRed through an orange filter: red high, some green, little blue (luminance ~ the value)
            double v = Math.max(0, lum[i]);
            cp.set(i, (int) Math.min(255, 2 * v) << 16 | (int) Math.min(255, 0.67 * v) << 8 | (int) Math.min(255, 0.17 * v));
        }
        cp.setColor(Color.WHITE);
        cp.setAntialiasedText(true);
        cp.setFont(new Font("SansSerif", Font.PLAIN, 13));
        for (int t = 0; t < TIER.length; t++) {
            for (int k = 0; k < WELLS; k++) if (LOAD[t].charAt(k) == 'S') cp.drawString(String.valueOf(400 + 7 * k + t), X0 + k * PITCH - 11, TIER[t] + 52);
            String[] sizes = {"5000", "1500", "500", "75"};
            for (int k = 0; k < sizes.length; k++) cp.drawString(sizes[k], GEL_LEFT + 2, TIER[t] + 40 + 30 * k);
        }
        return new ImagePlus("gel_photo", cp);
    }

    @Test
    void eachTierIsAStripAndEachWellALane() throws Exception {
        Path img = tmp.resolve("gel_photo.png");
        new ij.io.FileSaver(photo(1)).saveAsPng(img.toString());
        Path out = tmp.resolve("out");
        Run r = run("blot", "image=" + img, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("lanes.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int lane = header.indexOf("lane"), x = header.indexOf("x"), y = header.indexOf("y"), w = header.indexOf("width"),
                strip = header.indexOf("strip"), status = header.indexOf("status");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        assertEquals(2, rows.stream().map(c -> c[strip]).distinct().count(), "one strip per tier: " + lines);
        for (int t = 0; t < TIER.length; t++) {
            String s = String.valueOf(t + 1);
            List<String[]> own = rows.stream().filter(c -> c[strip].equals(s)).toList();
            assertEquals(WELLS, own.size(), "tier " + s + ": a lane per well: " + lines);
            int tierTop = TIER[t];
            assertTrue(own.stream().allMatch(c -> Math.abs(Integer.parseInt(c[y]) - tierTop) <= 3), "tier " + s + " lanes start at their wells: " + lines);
            for (int k = 0; k < WELLS; k++) {
                int centre = X0 + k * PITCH;
                List<String[]> on = own.stream().filter(c -> Integer.parseInt(c[x]) <= centre && centre < Integer.parseInt(c[x]) + Integer.parseInt(c[w])).toList();
                assertEquals(1, on.size(), "tier " + s + " well " + (k + 1) + " in one lane: " + lines);
                String[] c = on.get(0);
                assertEquals(centre, Integer.parseInt(c[x]) + Integer.parseInt(c[w]) / 2.0, 4, "tier " + s + " well " + (k + 1) + " off centre");
                assertEquals(String.valueOf(k + 1), c[lane], "the ladder is lane 1, each well its own lane");
                assertEquals(LOAD[t].charAt(k) == '-', c[status].equals("empty"), "an empty well's lane (only), is empty: " + String.join(",", c));
            }
        }
        assertTrue(r.toString().contains("gel wells: tier 2"), r.toString());
    }
}
