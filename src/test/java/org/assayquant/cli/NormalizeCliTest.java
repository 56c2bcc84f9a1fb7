package org.assayquant.cli;

import static org.assayquant.cli.CliTest.looksLikeStackTrace;
import static org.assayquant.cli.CliTest.names;
import static org.assayquant.cli.CliTest.readCsv;
import static org.assayquant.cli.CliTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import ij.IJ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.testutil.SyntheticBlot;
import org.assayquant.testutil.CliRun;

/**
 * The normalize command on the command line: the hand-computed three-blot experiment of
 * FoldChangeTest written as bands.csv files (every number of the outputs checked against the
 * hand values), the other ways of pairing target and control, a dilution series through the
 * blot command, and bad input.
 */
class NormalizeCliTest {
    static final double T2 = 4.302652729911275; // t(0.975, 2)
    static final List<String> NORMALIZED = List.of("blot", "lane", "sample", "condition", "replicate", "line", "target_value", "control_value",
            "normalized", "reference", "fold_change", "log2_fc", "flag", "used");
    static final List<String> FOLD_CHANGE = List.of("condition", "control", "n", "lanes", "excluded", "mean_fc", "sd_fc", "sem_fc", "ci_low",
            "ci_high", "mean_log2_fc", "sd_log2_fc", "log2_ci_low", "log2_ci_high", "p_value", "p_holm");

    @TempDir
    Path tmp;

    // ---- fixtures -----------------------------------------------------------------------------

    static final String BANDS_HEADER = "image,lane,row,x,y,width,height,volume,background,peak,saturated,clipped_pixels,clipped_fraction,detected,background_method\n";

    /** A bands.csv as the blot command writes it; volumes[row][lane]; "S" marks saturated, "U" undetected cells in flags. */
    static String bands(String image, double[][] volumes, String[][] flags) {
        StringBuilder sb = new StringBuilder(BANDS_HEADER);
        for (int r = 0; r < volumes.length; r++) {
            for (int l = 0; l < volumes[r].length; l++) {
                String f = flags == null || flags[r] == null ? "" : flags[r][l];
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,60,20,%s,5000,3000,%s,%d,%s,%s,border_median%n", image, l + 1, r + 1,
                        20 + 100 * l, 40 + 100 * r, num(volumes[r][l]), f.contains("S"), f.contains("S") ? 12 : 0, f.contains("S") ? "0.01" : "0",
                        !f.contains("U")));
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    /** FoldChangeTest.handTable as three bands.csv files (row 1 target, row 2 loading control) and a sample sheet. */
    Path handExperiment() throws IOException {
        write("b1/bands.csv", bands("b1.tif", new double[][] {{200, 300, 500, 1000, 125, 999}, {100, 100, 100, 200, 100, 0}}, null));
        write("b2/bands.csv", bands("b2.tif", new double[][] {{100, 400, 50, 900}, {50, 50, 100, 50}}, new String[][] {{"", "", "", "S"}, null}));
        write("b3/bands.csv", bands("b3.tif", new double[][] {{150, 300, 75, 600}, {100, 200, 100, 100}}, new String[][] {null, {"", "", "", "S"}}));
        return write("samples.csv", """
                blot,lane,condition,replicate,control
                b1,1,ctrl,1,true
                b1,2,ctrl,1,true
                b1,3,drug,1,false
                b1,4,drug,1,false
                b1,5,inhib,1,false
                b1,6,inhib,1,false
                b2,1,ctrl,2,true
                b2,2,drug,2,false
                b2,3,inhib,2,false
                b2,4,drug,2,false
                b3,1,ctrl,3,true
                b3,2,drug,3,false
                b3,3,inhib,3,false
                b3,4,ctrl,3,true
                """);
    }

    static double d(Map<String, String> row, String col) {
        String s = row.get(col);
        assertNotNull(s, col + " in " + row);
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** CSV output has 6 decimals (6 significant digits below 0.1): compare at that precision. */
    static void near(double expected, Map<String, String> row, String col) {
        double v = d(row, col);
        if (Double.isNaN(expected)) {
            assertEquals("", row.get(col), col + " in " + row);
            return;
        }
        double tol = Math.abs(expected) < 0.1 ? Math.max(Math.abs(expected) * 1e-5, 1e-12) : 1e-6;
        assertEquals(expected, v, tol, col + " in " + row);
    }

    static List<String> header(Path csv) throws IOException {
        return CliTest.splitCsv(Files.readAllLines(csv).get(0));
    }

    // ---- success ------------------------------------------------------------------------------

    @Test
    void handExperimentAcrossThreeBlotFilesEveryNumber() throws Exception {
        Path sheet = handExperiment();
        String before = sha256(tmp.resolve("b1/bands.csv"));
        Path out = tmp.resolve("res");
        CliRun.Run r = CliRun.run("normalize", "target=" + tmp + "/{blot}/bands.csv", "samples=" + sheet, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertEquals(before, sha256(tmp.resolve("b1/bands.csv")), "input modified");
        assertEquals(List.of("fold_change.csv", "fold_change.png", "normalized.csv", "replicates.csv", "run.csv", "statistics.csv"), names(out));
        // the three flagged lanes are named on stderr, nothing else is said
        List<String> warnings = r.errLines();
        assertEquals(List.of(
                "warning: blot 'b1' lane 6 (inhib): control_zero; no ratio, left out of the statistics",
                "warning: blot 'b2' lane 4 (drug): target_saturated; left out of the statistics (include_flagged=true keeps it)",
                "warning: blot 'b3' lane 4 (ctrl): control_saturated; left out of the statistics (include_flagged=true keeps it)"), warnings);

        assertEquals(NORMALIZED, header(out.resolve("normalized.csv")));
        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        assertEquals(14, n.size());
        double[][] expect = { // normalized, reference, fold change (FoldChangeTest.handTable)
                {2, 2.5, 0.8}, {3, 2.5, 1.2}, {5, 2.5, 2}, {5, 2.5, 2}, {1.25, 2.5, 0.5}, {Double.NaN, 2.5, Double.NaN},
                {2, 2, 1}, {8, 2, 4}, {0.5, 2, 0.25}, {18, 2, 9},
                {1.5, 1.5, 1}, {1.5, 1.5, 1}, {0.75, 1.5, 0.5}, {6, 1.5, 4}};
        String[] flags = {"", "", "", "", "", "control_zero", "", "", "", "target_saturated", "", "", "", "control_saturated"};
        for (int i = 0; i < 14; i++) {
            Map<String, String> row = n.get(i);
            assertEquals(String.valueOf(i + 2), row.get("line"), "sample-sheet line");
            near(expect[i][0], row, "normalized");
            near(expect[i][1], row, "reference");
            near(expect[i][2], row, "fold_change");
            near(expect[i][2] > 0 ? Math.log(expect[i][2]) / Math.log(2) : Double.NaN, row, "log2_fc");
            assertEquals(flags[i], row.get("flag"));
            assertEquals(String.valueOf(flags[i].isEmpty()), row.get("used"));
        }
        assertEquals("b1", n.get(5).get("blot"));
        assertEquals("6", n.get(5).get("lane"));
        assertEquals("999", n.get(5).get("target_value"));
        assertEquals("0", n.get(5).get("control_value"));
        assertEquals("", n.get(5).get("normalized"), "no division by zero");

        assertEquals(FOLD_CHANGE, header(out.resolve("fold_change.csv")));
        List<Map<String, String>> fc = readCsv(out.resolve("fold_change.csv"));
        assertEquals(List.of("ctrl", "drug", "inhib"), fc.stream().map(m -> m.get("condition")).toList());
        Map<String, String> ctrl = fc.get(0), drug = fc.get(1), inhib = fc.get(2);
        assertEquals("true", ctrl.get("control"));
        assertEquals(List.of("3", "5", "1"), List.of(ctrl.get("n"), ctrl.get("lanes"), ctrl.get("excluded")));
        near(1, ctrl, "mean_fc");
        near(0, ctrl, "sd_fc");
        near(Double.NaN, ctrl, "p_value");
        assertEquals(List.of("3", "5", "1"), List.of(drug.get("n"), drug.get("lanes"), drug.get("excluded")));
        near(7.0 / 3, drug, "mean_fc");
        near(Math.sqrt(7.0 / 3), drug, "sd_fc");
        near(Math.sqrt(7.0 / 9), drug, "sem_fc");
        near(7.0 / 3 - T2 * Math.sqrt(7.0 / 9), drug, "ci_low");
        near(7.0 / 3 + T2 * Math.sqrt(7.0 / 9), drug, "ci_high");
        near(1, drug, "mean_log2_fc");
        near(1, drug, "sd_log2_fc");
        near(1 - T2 / Math.sqrt(3), drug, "log2_ci_low");
        near(1 + T2 / Math.sqrt(3), drug, "log2_ci_high");
        near(1 - Math.sqrt(0.6), drug, "p_value");
        near(1 - Math.sqrt(0.6), drug, "p_holm");
        near(5.0 / 12, inhib, "mean_fc");
        near(Math.sqrt(1.0 / 48), inhib, "sd_fc");
        near(-4.0 / 3, inhib, "mean_log2_fc");
        near(Math.sqrt(1.0 / 3), inhib, "sd_log2_fc");
        near(1 - 4 / Math.sqrt(18), inhib, "p_value");
        near(2 * (1 - 4 / Math.sqrt(18)), inhib, "p_holm");

        List<Map<String, String>> st = readCsv(out.resolve("statistics.csv"));
        assertEquals(List.of("welch_t", "welch_t", "one_way_anova"), st.stream().map(m -> m.get("test")).toList());
        near(Math.sqrt(3), st.get(0), "statistic");
        near(2, st.get(0), "df1");
        assertEquals("log2", st.get(0).get("scale"));
        assertEquals("ctrl", st.get(0).get("reference"));
        assertEquals("holm", st.get(0).get("adjustment"));
        near(-4, st.get(1), "statistic");
        near(9.25, st.get(2), "statistic");
        near(2, st.get(2), "df1");
        near(6, st.get(2), "df2");
        near(Math.pow(1 + 2 * 9.25 / 6, -3), st.get(2), "p_value");

        List<Map<String, String>> reps = readCsv(out.resolve("replicates.csv"));
        assertEquals(9, reps.size());
        assertEquals(Map.of("condition", "drug", "replicate", "1", "fold_change", "2", "log2_fc", "1", "lanes", "2", "blots", "b1"), reps.get(3));

        // run.csv names every input file with its checksum
        String run = Files.readString(out.resolve("run.csv"));
        for (String b : List.of("b1", "b2", "b3"))
            assertTrue(run.contains("input," + tmp.resolve(b + "/bands.csv") + "\ninput_sha256,sha256:" + sha256(tmp.resolve(b + "/bands.csv"))), run);
        assertTrue(run.contains("result.control_condition,ctrl\n"), run);

        BufferedImage png = ImageIO.read(out.resolve("fold_change.png").toFile());
        assertNotNull(png, "fold_change.png is a PNG");
        assertTrue(png.getWidth() >= 300 && png.getHeight() >= 300, png.getWidth() + "x" + png.getHeight());
    }

    /** A band the blot command found outside its row's linear range (loads=) is flagged and left out, as a saturated one. */
    @Test
    void bandsOutsideTheLinearRangeAreFlagged() throws Exception {
        String[] lines = bands("b.tif", new double[][] {{300, 900, 150, 450}, {1000, 1000, 500, 500}}, null).split("\n");
        StringBuilder sb = new StringBuilder(lines[0] + ",strip,status,reasons\n");
        for (int i = 1; i < lines.length; i++) sb.append(lines[i]).append(i == 2 ? ",1,check,outside_linear_range\n" : ",1,ok,\n");
        Path b = write("lr/bands.csv", sb.toString());
        Path sheet = write("lr/s.csv", "lane,condition,replicate\n1,DMSO,A\n2,EGF,A\n3,DMSO,B\n4,EGF,B\n");
        Path out = tmp.resolve("lr-out");
        CliRun.Run r = CliRun.run("normalize", "target=" + b, "samples=" + sheet, "control_row=2", "control_condition=DMSO", "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        assertEquals("target_outside_linear_range", n.get(1).get("flag"), n.get(1).toString());
        assertEquals("false", n.get(1).get("used"));
        assertEquals("", n.get(0).get("flag"));
    }

    @Test
    void phosphoOverTotalOnSeparateStripsWithALaneCountWarning() throws Exception {
        // p-AKT and AKT strips, one band row each (control_row=0 takes the strip's only row); the AKT strip
        // has a 5th lane (a ladder)
        Path p = write("pAKT/bands.csv", bands("pAKT.tif", new double[][] {{300, 900, 150, 450}}, null));
        Path t = write("AKT/bands.csv", bands("AKT.tif", new double[][] {{1000, 1500, 500, 750, 99}}, null));
        Path sheet = write("s.csv", "lane,condition,replicate\n1,DMSO,A\n2,EGF,A\n3,DMSO,B\n4,EGF,B\n");
        Path out = tmp.resolve("o");
        CliRun.Run r = CliRun.run("normalize", "target=" + p, "control=" + t, "method=phospho_total", "samples=" + sheet,
                "control_condition=DMSO", "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("warning: target " + p + " [pAKT.tif] has lanes 1-4, control " + t + " [AKT.tif] has lanes 1-5: lanes are paired by number; check that each lane number is the same sample in both",
                "warning: condition 'EGF': no t-test: no variance in either group",
                "warning: no ANOVA: no variance within the conditions"), r.errLines());
        // one blot (no blot column): reference = mean(300/1000, 150/500) = 0.3; EGF: 0.6 / 0.3 = 2 and 0.6 / 0.3 = 2
        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        near(0.3, n.get(0), "normalized");
        near(0.6, n.get(1), "normalized");
        near(0.3, n.get(2), "normalized");
        near(0.6, n.get(3), "normalized");
        for (Map<String, String> row : n) near(0.3, row, "reference");
        Map<String, String> egf = readCsv(out.resolve("fold_change.csv")).get(1);
        assertEquals("EGF", egf.get("condition"));
        near(2, egf, "mean_fc");
        near(0, egf, "sd_fc");
        near(Double.NaN, egf, "p_value"); // both groups without variance: no t-test, said in statistics.csv
        assertEquals("no variance in either group", readCsv(out.resolve("statistics.csv")).get(0).get("note"));
    }

    @Test
    void totalProteinIsTheSumOfTheStainedLane() throws Exception {
        Path target = write("target/bands.csv", bands("t.tif", new double[][] {{100, 300, 200}}, null));
        // a total-protein stain quantified by the blot command: three band rows per lane; lane 3 has a saturated row
        Path stain = write("stain/bands.csv", bands("stain.tif", new double[][] {{400, 500, 300}, {500, 700, 300}, {100, 300, 400}},
                new String[][] {null, {"", "", "S"}, null}));
        Path sheet = write("s.csv", "lane,condition,replicate\n1,ctrl,1\n2,treated,1\n3,treated,2\n");
        Path out = tmp.resolve("o");
        CliRun.Run r = CliRun.run("normalize", "target=" + target, "control=" + stain, "method=total_protein", "samples=" + sheet, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        // lane totals 1000, 1500, 1000 -> normalized 0.1, 0.2, 0.2 (lane 3 flagged: a saturated band in the total)
        near(1000, n.get(0), "control_value");
        near(1500, n.get(1), "control_value");
        near(1000, n.get(2), "control_value");
        near(0.1, n.get(0), "normalized");
        near(0.2, n.get(1), "normalized");
        near(2, n.get(1), "fold_change");
        assertEquals("control_saturated", n.get(2).get("flag"));
        assertEquals("false", n.get(2).get("used"));
        assertTrue(r.errLines().contains("warning: control_condition not given: fold changes are relative to 'ctrl', the first condition listed"), r.toString());
    }

    @Test
    void twoImagesInOneConcatenatedBandsTable() throws Exception {
        String both = bands("pERK.tif", new double[][] {{200, 800}}, null)
                + bands("ERK.tif", new double[][] {{1000, 1000}}, null).substring(BANDS_HEADER.length());
        Path t = write("all/bands.csv", both);
        Path sheet = write("s.csv", "lane,condition\n1,ctrl\n2,drug\n");
        Path out = tmp.resolve("o");
        CliRun.Run r = CliRun.run("normalize", "target=" + t, "target_image=pERK.tif", "control_image=ERK.tif", "control_row=1",
                "samples=" + sheet, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        near(0.2, n.get(0), "normalized");
        near(4, n.get(1), "fold_change");
        // one experiment: n = 1, no SD, no test, and the user is told why
        assertTrue(r.errLines().contains("warning: condition 'drug': 1 replicate; no SD, interval or test (the sample sheet's replicate column names independent experiments)"), r.toString());
    }

    @Test
    void undetectedTargetIsFlagged() throws Exception {
        Path t = write("b/bands.csv", bands("b.tif", new double[][] {{100, 100, 4}, {100, 100, 100}}, new String[][] {{"", "", "U"}, null}));
        Path sheet = write("s.csv", "lane,condition,replicate\n1,ctrl,1\n2,ctrl,2\n3,kd,1\n");
        Path out = tmp.resolve("o");
        CliRun.Run r = CliRun.run("normalize", "target=" + t, "samples=" + sheet, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        Map<String, String> kd = readCsv(out.resolve("normalized.csv")).get(2);
        assertEquals("target_undetected", kd.get("flag"));
        near(0.04, kd, "fold_change"); // the measured signal in the empty box is still reported
        assertEquals("false", kd.get("used"));
        CliRun.Run in = CliRun.run("normalize", "target=" + t, "samples=" + sheet, "out=" + tmp.resolve("o2"), "include_flagged=true");
        assertEquals(0, in.status(), in.toString());
        assertEquals("true", readCsv(tmp.resolve("o2/normalized.csv")).get(2).get("used"));
    }

    @Test
    void genericTableWithValueColumns() throws Exception {
        Path t = write("table.csv", """
                sample,condition,replicate,target_value,control_value
                s1,vehicle,1,10,100
                s2,vehicle,2,12,100
                s3,vehicle,3,8,100
                s4,drug,1,30,100
                s5,drug,2,24,80
                s6,drug,3,,100
                """);
        Path out = tmp.resolve("o");
        CliRun.Run r = CliRun.run("normalize", "target=" + t, "control_condition=vehicle", "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        assertEquals("s5", n.get(4).get("sample"));
        assertEquals("", n.get(4).get("lane"));
        near(0.3, n.get(4), "normalized");
        near(0.1, n.get(4), "reference"); // (0.10 + 0.12 + 0.08) / 3
        near(3, n.get(4), "fold_change");
        assertEquals("target_missing", n.get(5).get("flag"));
        // vehicle FC 1, 1.2, 0.8; drug 3, 3 -> mean 3
        Map<String, String> drug = readCsv(out.resolve("fold_change.csv")).get(1);
        assertEquals("2", drug.get("n"));
        assertEquals("1", drug.get("excluded"));
        near(3, drug, "mean_fc");

        // a table of already-normalized values: method=none and the value column named
        Path v = write("values.csv", "condition,replicate,value\nA,1,2\nA,2,4\nB,1,6\nB,2,6\n");
        Path out2 = tmp.resolve("o2");
        CliRun.Run r2 = CliRun.run("normalize", "target=" + v, "method=none", "target_column=value", "scale=linear", "out=" + out2);
        assertEquals(0, r2.status(), r2.toString());
        List<Map<String, String>> n2 = readCsv(out2.resolve("normalized.csv"));
        near(Double.NaN, n2.get(0), "control_value");
        near(3, n2.get(0), "reference");
        near(2, n2.get(2), "fold_change");
        // B {2, 2} vs A {2/3, 4/3}: Welch t = (2 - 1) / sqrt((2/9) / 2) = 3, df = 1 (B has no variance); the
        // two-sided p for t with 1 df (Cauchy) = 1 - (2/pi) atan(3) = 0.2048328
        Map<String, String> t2 = readCsv(out2.resolve("statistics.csv")).get(0);
        near(3, t2, "statistic");
        near(1, t2, "df1");
        near(1 - 2 / Math.PI * Math.atan(3), t2, "p_value");
    }

    /**
     * A linear dilution series through the whole pipeline: a synthetic 16-bit blot (the generator's
     * known integrated band signals) with 5, 10, 20, 40 ug of a control and a treated sample;
     * target 3e5 DN/ug (treated: 2-fold), beta-actin 4e5 DN/ug. The blot command measures the
     * bands; normalize must give target/actin = 0.75 (control) and 1.5 (treated) in every lane
     * and a fold change of 2 whatever the load, while the raw target volumes span 8-fold.
     */
    @Test
    void dilutionSeriesThroughTheBlotCommand() throws Exception {
        double[] load = {5, 10, 20, 40, 5, 10, 20, 40};
        double[][] amounts = new double[2][8];
        for (int l = 0; l < 8; l++) {
            amounts[0][l] = 3e5 * load[l] * (l < 4 ? 1 : 2);
            amounts[1][l] = 4e5 * load[l];
        }
        SyntheticBlot.Result blot = SyntheticBlot.builder().title("dilution").size(800, 500).lanes(8).rowYFractions(0.33, 0.70)
                .amounts(amounts).bandSigmaY(7).bitDepth(16).backgroundLevel(1800).gradient(500, 250).noiseSigma(60).seed(7L).build();
        Path img = tmp.resolve("dilution.tif");
        assertTrue(IJ.saveAsTiff(blot.image(), img.toString()));
        Path bandsDir = tmp.resolve("dilution");
        CliRun.Run b = CliRun.run("blot", "image=" + img, "out=" + bandsDir);
        assertEquals(0, b.status(), b.toString());
        StringBuilder sheet = new StringBuilder("lane,condition,replicate,sample\n");
        for (int l = 0; l < 8; l++) sheet.append(l + 1).append(',').append(l < 4 ? "control" : "treated").append(",load").append(l % 4)
                .append(',').append(num(load[l])).append("ug\n");
        Path s = write("dilution-samples.csv", sheet.toString());
        Path out = tmp.resolve("dilution-norm");
        CliRun.Run r = CliRun.run("normalize", "target=" + bandsDir.resolve("bands.csv"), "samples=" + s, "control_condition=control", "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of(), r.errLines(), "no flag, no warning");

        List<Map<String, String>> n = readCsv(out.resolve("normalized.csv"));
        List<Map<String, String>> bands = readCsv(bandsDir.resolve("bands.csv"));
        double maxDev = 0;
        for (int l = 0; l < 8; l++) {
            Map<String, String> row = n.get(l);
            // wiring: exactly the ratio of the two volumes in bands.csv
            double t = volume(bands, l + 1, 1), c = volume(bands, l + 1, 2);
            near(t, row, "target_value");
            near(c, row, "control_value");
            near(t / c, row, "normalized");
            // linearity: the load cancels; measured 0.49% worst lane with seed 7 (volumes are within about
            // 2% of the truth, mostly the same fraction for both rows); 3% allowed
            double truth = l < 4 ? 0.75 : 1.5;
            maxDev = Math.max(maxDev, Math.abs(d(row, "normalized") / truth - 1));
            assertEquals(truth, d(row, "normalized"), 0.03 * truth, "lane " + (l + 1) + " (" + num(load[l]) + " ug)");
        }
        assertTrue(volume(bands, 4, 1) / volume(bands, 1, 1) > 7, "raw target volumes follow the 8-fold load");
        Map<String, String> treated = readCsv(out.resolve("fold_change.csv")).get(1);
        assertEquals("4", treated.get("n"));
        assertEquals(2, d(treated, "mean_fc"), 0.03 * 2, treated.toString());
        assertTrue(d(treated, "sd_fc") < 0.05, treated.toString());
        System.out.printf(Locale.ROOT, "dilution series: worst lane normalized error %.2f%%, treated fold change %s +/- %s%n",
                100 * maxDev, treated.get("mean_fc"), treated.get("sd_fc"));
    }

    static double volume(List<Map<String, String>> bands, int lane, int row) {
        for (Map<String, String> b : bands)
            if (b.get("lane").equals(String.valueOf(lane)) && b.get("row").equals(String.valueOf(row))) return Double.parseDouble(b.get("volume"));
        throw new AssertionError("no lane " + lane + " row " + row + " in bands.csv");
    }

    @Test
    void helpListsEveryKey() {
        CliRun.Run r = CliRun.run("normalize", "--help");
        assertEquals(0, r.status(), r.toString());
        for (String k : List.of("target", "control", "samples", "out", "method", "target_row", "control_row", "control_condition", "scale",
                "include_flagged", "target_image", "control_image", "target_column", "control_column"))
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(k + " ")), k + " in " + r.out());
        assertTrue(r.out().contains("Plugins > AssayQuant > Normalize and Fold Change"), r.out());
    }

    // ---- bad input: exit 2, one error line naming the file/key/line/column, no output ----------------

    void fails(String mustName, String... args) throws Exception {
        Path out = tmp.resolve("bad-out");
        List<String> a = new ArrayList<>(List.of(args));
        a.add(0, "normalize");
        a.add("out=" + out);
        Map<Path, String> before = new TreeMap<>();
        try (var s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) before.put(p, sha256(p));
        }
        CliRun.Run r = CliRun.run(a.toArray(new String[0]));
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: "), r.toString());
        assertTrue(line.contains(mustName), "the error names '" + mustName + "': " + line);
        assertFalse(looksLikeStackTrace(r.err()), r.toString());
        assertFalse(Files.exists(out), "no output folder on failure");
        CliTest.assertNoPartials(tmp);
        for (var e : before.entrySet()) assertEquals(e.getValue(), sha256(e.getKey()), "input modified: " + e.getKey());
    }

    @Test
    void badBandsTables() throws Exception {
        Path sheet = handExperiment();
        String target = "target=" + tmp + "/{blot}/bands.csv";
        // a sample sheet naming a lane that is not in bands.csv
        Path extra = write("extra.csv", Files.readString(sheet) + "b2,9,drug,2,false\n");
        fails("target=" + tmp.resolve("b2/bands.csv") + ": no lane 9 in image b2.tif (lanes 1-4 present; samples=" + extra + " line 16, blot 'b2' names lane 9)",
                target, "samples=" + extra);
        // a missing column
        write("nv/b1/bands.csv", "image,lane,row,x,y,width,height,vol\nb1.tif,1,1,0,0,1,1,5\n");
        fails("target=" + tmp.resolve("nv/b1/bands.csv") + ": missing column volume (the header has: image, lane, row, x, y, width, height, vol); expected a bands.csv of the blot command",
                "target=" + tmp + "/nv/{blot}/bands.csv", "samples=" + sheet);
        // a missing file for one blot, named with the sample-sheet line that asked for it
        Files.delete(tmp.resolve("b3/bands.csv"));
        fails("target=" + tmp.resolve("b3/bands.csv") + ": no such file (file for samples=" + sheet + " line 12, blot 'b3')", target, "samples=" + sheet);
        handExperiment();
        // a band row that is not there
        fails("control_row=3: target=" + tmp.resolve("b1/bands.csv") + " has no band row 3 in lane 1 (rows 1-2 present)", target, "control_row=3", "samples=" + sheet);
        // target and control the same band
        fails("target_row=2, control_row=2: target and control are the same band", target, "target_row=2", "control_row=2", "samples=" + sheet);
        // control_row=0 (automatic) when that is ambiguous or impossible
        write("three/b1/bands.csv", bands("b1.tif", new double[][] {{1, 1}, {2, 2}, {3, 3}}, null));
        Path s1 = write("s-b1.csv", "blot,lane,condition\nb1,1,ctrl\nb1,2,drug\n");
        fails("control_row=0 (automatic): " + tmp.resolve("three/b1/bands.csv") + " [b1.tif] has band rows 2-3 besides the target's; give control_row=<the loading control's row>",
                "target=" + tmp + "/three/{blot}/bands.csv", "samples=" + s1);
        write("one/b1/bands.csv", bands("b1.tif", new double[][] {{1, 1}}, null));
        fails("control_row=0 (automatic): " + tmp.resolve("one/b1/bands.csv") + " [b1.tif] has no band row besides the target's; give control_row=<the loading control's row> or control=<the loading control's bands.csv>",
                "target=" + tmp + "/one/{blot}/bands.csv", "samples=" + s1);
        // two images in one table and no image chosen
        Path both = write("both.csv", bands("x.tif", new double[][] {{1}}, null) + bands("y.tif", new double[][] {{1}}, null).substring(BANDS_HEADER.length()));
        fails("target=" + both + ": holds the bands of 2 images (x.tif, y.tif); choose one with target_image=<image>", "target=" + both,
                "samples=" + write("s1.csv", "lane,condition\n1,a\n"));
        fails("target_image=z.tif: no such image in target=" + both, "target=" + both, "target_image=z.tif", "samples=" + tmp.resolve("s1.csv"));
        // several blots read from one file (no {blot} in target): the same lane would serve two samples
        fails("samples=" + sheet + ": line 8: lane 1 of " + tmp.resolve("b1/bands.csv") + " [b1.tif] is already used by line 2 (every blot reads the same file: put {blot} in target",
                "target=" + tmp.resolve("b1/bands.csv"), "samples=" + sheet);
        // a bands.csv without a sample sheet
        fails("target=" + tmp.resolve("b1/bands.csv") + ": a bands.csv needs a sample sheet", "target=" + tmp.resolve("b1/bands.csv"));
        // total protein without its stain
        fails("control: required with method=total_protein", target, "method=total_protein", "samples=" + sheet);
        // a non-numeric volume
        write("nn/b1/bands.csv", "lane,row,volume\n1,1,12\n1,2,abc\n");
        fails("control=" + tmp.resolve("nn/b1/bands.csv") + ": line 3, column volume: 'abc' is not a number",
                "target=" + tmp.resolve("b1/bands.csv"), "control=" + tmp + "/nn/{blot}/bands.csv", "control_row=2", "samples=" + write("s2.csv", "blot,lane,condition\nb1,1,a\n"));
    }

    @Test
    void badSampleSheets() throws Exception {
        handExperiment();
        String target = "target=" + tmp + "/{blot}/bands.csv";
        fails("samples=" + write("s-nc.csv", "blot,lane,cond\nb1,1,ctrl\n") + ": missing column condition", target, "samples=" + tmp.resolve("s-nc.csv"));
        fails("samples=" + tmp.resolve("none.csv") + ": no such file", target, "samples=" + tmp.resolve("none.csv"));
        Path noBlot = write("s-nb.csv", "lane,condition\n1,ctrl\n");
        fails("samples=" + noBlot + ": no blot column, but target=" + tmp + "/{blot}/bands.csv contains {blot}", target, "samples=" + noBlot);
        Path dup = write("s-dup.csv", "blot,lane,condition\nb1,1,ctrl\nb1,2,drug\nb1,1,drug\n");
        fails("samples=" + dup + ": line 4, column lane: lane 1 of blot 'b1' is already listed on line 2 (one row per lane)", target, "samples=" + dup);
        Path frac = write("s-frac.csv", "blot,lane,condition\nb1,1.5,ctrl\n");
        fails("samples=" + frac + ": line 2, column lane: '1.5' is not a whole number >= 1", target, "samples=" + frac);
        Path empty = write("s-empty.csv", "blot,lane,condition\nb1,1,ctrl\nb1,2,\n");
        fails("samples=" + empty + ": line 3, column condition: empty (each lane needs a condition)", target, "samples=" + empty);
        // an unknown control condition, and one that disagrees with the sheet's control column
        Path ok = write("s-ok.csv", "blot,lane,condition\nb1,1,ctrl\nb1,3,drug\nb2,1,ctrl\nb2,2,drug\n");
        fails("control_condition=DMSO: no such condition; the conditions are: ctrl, drug", target, "samples=" + ok, "control_condition=DMSO");
        fails("control_condition=drug: the sample sheet's control column marks 'ctrl' as the control", target, "samples=" + tmp.resolve("samples.csv"),
                "control_condition=drug");
        Path two = write("s-two.csv", "blot,lane,condition,control\nb1,1,ctrl,true\nb1,3,drug,true\n");
        fails("samples=" + two + ": column control: more than one condition is marked as the control (ctrl, drug)", target, "samples=" + two);
        // a blot without its control lane
        Path noCtrl = write("s-noctrl.csv", "blot,lane,condition\nb1,1,ctrl\nb1,3,drug\nb2,2,drug\n");
        fails("blot 'b2' has no lane of the control condition 'ctrl'", target, "samples=" + noCtrl);
    }

    @Test
    void badGenericTablesAndKeys() throws Exception {
        Path t = write("g.csv", "condition,target_value,control_value\na,1,2\nb,abc,2\n");
        fails("target=" + t + ": line 3, column target_value: 'abc' is not a number", "target=" + t);
        Path nc = write("g2.csv", "condition,signal\na,1\n");
        fails("target=" + nc + ": missing columns target_value, control_value", "target=" + nc);
        fails("control=" + nc + ": not used without a sample sheet", "target=" + t, "control=" + nc);
        fails("method=wrong: expected one of housekeeping, phospho_total, total_protein, none", "target=" + t, "method=wrong");
        fails("target_row=0: expected at least 1", "target=" + t, "target_row=0");
        fails("control_row=-1: expected at least 0", "target=" + t, "control_row=-1");
        fails("target: required", "control_condition=a");
    }
}
