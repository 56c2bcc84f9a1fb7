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

    /** GeneRuler-like rungs (a phone photo's ladder lane): 14 rungs 9 px apart below the well, sigma 1.5 px, three reference rungs heavier. */
    static final int RUNGS = 14, RUNG_FIRST = 20, RUNG_PITCH = 9;
    /** A gel without a ladder (10-29's gDNA smears): the ladder wells hold samples too. */
    static final String[] NO_LADDER = {"S-SSSSSSS---", "SSSSSSSS----"};
    /**
     * Lumps on degraded samples' smears (wells 3, 6, 8), each in a row of its own: px below the well, and height
     * (at 20 every lump was a box with every lane holding its own rows, s11-ladder; at 12 two of six, at 6 none).
     */
    static final int[] LUMP_WELL = {2, 5, 7}, LUMP_Y = {70, 100, 130};
    static final double LUMP = 20;

    static ImagePlus photo(long seed) {
        return photo(seed, LOAD, false);
    }

    static ImagePlus photo(long seed, String[] loads, boolean geneRuler) {
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
                char load = loads[t].charAt(k);
                for (int y = top + 12; y < top + 160; y++) for (int x = x0; x < x0 + 32; x++) {
                    // gDNA: a high-molecular-weight band below the well and its smear
                    double dy = (y - top - 30) / 4.0, s = load == 'S' ? 70 * Math.exp(-0.5 * dy * dy) + 25 * Math.exp(-(y - top - 12) / 50.0) : 0;
                    // the ladder: 10 rungs 6 px tall
                    if (load == 'L' && !geneRuler && (y - top - 12) % 14 < 6) s = 90;
                    for (int r = 0; load == 'L' && geneRuler && r < RUNGS; r++) {
                        double dr = (y - top - RUNG_FIRST - r * RUNG_PITCH) / 1.5;
                        s += (r == 3 || r == 7 || r == 10 ? 120 : 50) * Math.exp(-0.5 * dr * dr);
                    }
                    for (int j = 0; loads == NO_LADDER && j < LUMP_WELL.length; j++)
                        if (k == LUMP_WELL[j]) s += LUMP * Math.exp(-0.5 * Math.pow((y - top - LUMP_Y[j]) / 2.0, 2));
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
            for (int k = 0; k < WELLS; k++) if (loads[t].charAt(k) == 'S') cp.drawString(String.valueOf(400 + 7 * k + t), X0 + k * PITCH - 11, TIER[t] + 52);
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

    /** The detected boxes, as (strip, lane, top, bottom), of the blot command run on the photo. */
    List<int[]> detected(ImagePlus photo, String name) throws Exception {
        Path img = tmp.resolve(name + ".png");
        new ij.io.FileSaver(photo).saveAsPng(img.toString());
        Path out = tmp.resolve(name);
        Run r = run("blot", "image=" + img, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("bands.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int lane = header.indexOf("lane"), y = header.indexOf("y"), h = header.indexOf("height"), strip = header.indexOf("strip"), detected = header.indexOf("detected");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).filter(c -> c[detected].equals("true"))
                .map(c -> new int[] {Integer.parseInt(c[strip]), Integer.parseInt(c[lane]), Integer.parseInt(c[y]), Integer.parseInt(c[y]) + Integer.parseInt(c[h]) - 1}).toList();
    }

    /**
     * The ladder's rungs, 9 px apart, each its own box in the ladder lane (issue 20's mass-ladder aim). The sample
     * lanes share one gDNA row, so on main the rungs were rows seen in fewer than half the lanes, a western's
     * specks: dropped (the lane kept its well rim alone, as 11-12's lower tier).
     */
    @Test
    void eachLadderRungIsItsOwnBox() throws Exception {
        List<int[]> boxes = detected(photo(2, LOAD, true), "gel_ladder");
        for (int t = 0; t < TIER.length; t++) {
            final int s = t + 1;
            List<int[]> ladder = boxes.stream().filter(b -> b[0] == s && b[1] == 1).toList();
            int[] rungs = java.util.stream.IntStream.range(0, RUNGS).map(k -> RUNG_FIRST + k * RUNG_PITCH).toArray();
            for (int k = 0; k < RUNGS; k++) {
                int centre = TIER[t] + rungs[k];
                List<int[]> on = ladder.stream().filter(b -> b[2] <= centre && centre <= b[3]).toList();
                assertEquals(1, on.size(), "tier " + s + " rung " + (k + 1) + " at y " + centre + " in one box");
                long held = 0;
                for (int rung : rungs) if (on.get(0)[2] <= TIER[t] + rung && TIER[t] + rung <= on.get(0)[3]) held++;
                assertEquals(1, held, "tier " + s + " rung " + (k + 1) + "'s box holds no other rung");
            }
        }
    }

    /**
     * A gel of gDNA smears without a ladder (10-29): no lane is a ladder, so a lump on a smear, in a row of its own,
     * is no band (the sample lanes keep main's row rules), and every gDNA band is boxed. Keeping every lane's boxes
     * in rows of their own (branch s11-ladder) boxed all six lumps here, and on 10-29 boxes went 70 -> 102.
     */
    @Test
    void smearLanesWithoutALadderKeepTheirRows() throws Exception {
        List<int[]> boxes = detected(photo(3, NO_LADDER, false), "gel_smears");
        for (int t = 0; t < TIER.length; t++) {
            final int s = t + 1, top = TIER[t];
            for (int k = 0; k < WELLS; k++) {
                final int lane = k + 1;
                if (NO_LADDER[t].charAt(k) == 'S')
                    assertTrue(boxes.stream().anyMatch(b -> b[0] == s && b[1] == lane && b[2] <= top + 30 && top + 30 <= b[3]), "tier " + s + " lane " + lane + ": the gDNA band boxed");
            }
            for (int j = 0; j < LUMP_WELL.length; j++) {
                final int lane = LUMP_WELL[j] + 1, lump = top + LUMP_Y[j];
                assertTrue(boxes.stream().noneMatch(b -> b[0] == s && b[1] == lane && b[2] <= lump && lump <= b[3]), "tier " + s + " lane " + lane + ": the smear's lump is no band");
            }
        }
    }
}
