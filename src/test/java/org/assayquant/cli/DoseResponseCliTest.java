package org.assayquant.cli;

import static org.assayquant.cli.CliTest.names;
import static org.assayquant.cli.CliTest.readCsv;
import static org.assayquant.testutil.CliRun.run;
import static org.assayquant.cli.CliTest.sha256;
import static org.assayquant.cli.CliTest.splitCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.assayquant.testutil.CliRun.Run;
import org.assayquant.ij.DosePlot;

/** The dose-response command line (../shared/CONTRACT.md), in-process through {@link Main#run}. */
class DoseResponseCliTest {
    /**
     * A viability assay simulated from known curves (docs/dose-response.md "Example"): 10 dose
     * levels (0 and 0.003 to 30 uM), triplicates, noise SD 4 percentage points. Truth: doxorubicin
     * ic50 0.08, hill 1.1, bottom 3; cisplatin ic50 4, hill 1.4, bottom 8; compound_x ic50 1,
     * hill 1, bottom 62 (never reaches 50%); top 100 for all.
     */
    static final Path EXAMPLE = Path.of("src/test/resources/dose/example_viability.csv");
    static final Path SPINACH = Path.of("src/test/resources/dose/spinach_drc.csv");
    static final List<String> FIT_COLUMNS = List.of("drug", "bottom", "top", "ic50", "ic50_low", "ic50_high", "hill", "r2");

    @TempDir
    Path tmp;
    private Locale savedLocale;

    @BeforeEach
    void germanLocale() {
        savedLocale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(savedLocale);
    }

    static double num(Map<String, String> row, String col) {
        String v = row.get(col);
        assertNotNull(v, col + " in " + row);
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /** The optional unit column: the IC50's unit in fits.csv (last column) and on the plot's axis; one unit per drug. */
    @Test
    void aUnitColumnNamesTheDoseUnit() throws Exception {
        Path in = tmp.resolve("units.csv");
        List<String> lines = Files.readAllLines(EXAMPLE);
        StringBuilder b = new StringBuilder(lines.get(0) + ",unit\n");
        for (String l : lines.subList(1, lines.size())) b.append(l).append(",\u00b5M\n");
        Files.writeString(in, b);
        Path out = tmp.resolve("units");
        Run r = run("dose-response", "input=" + in, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<String> header = splitCsv(Files.readAllLines(out.resolve("fits.csv")).get(0));
        assertEquals("unit", header.get(header.size() - 1));
        for (Map<String, String> row : readCsv(out.resolve("fits.csv"))) assertEquals("\u00b5M", row.get("unit"));
        // without the column, fits.csv is as before (no unit column)
        Path plain = tmp.resolve("plain");
        assertEquals(0, run("dose-response", "input=" + EXAMPLE, "out=" + plain).status());
        assertFalse(Files.readAllLines(plain.resolve("fits.csv")).get(0).contains("unit"));
        // two units for one drug: refused, naming the drug
        List<String> mixed = Files.readAllLines(in);
        mixed.set(1, mixed.get(1).replace("\u00b5M", "nM"));
        Files.write(in, mixed);
        Run bad = run("dose-response", "input=" + in, "out=" + tmp.resolve("bad"));
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("has doses in nM and \u00b5M (column unit)"), bad.err());
    }

    @Test
    void exampleWritesTheContractFilesAndRecoversTheTruth() throws Exception {
        String before = sha256(EXAMPLE);
        Path out = tmp.resolve("fits");
        Run r = run("dose-response", "input=" + EXAMPLE, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertEquals(before, sha256(EXAMPLE), "input modified");
        assertEquals(List.of("curves.png", "fits.csv", "points.csv", "run.csv"), names(out));
        assertEquals(List.of("fits"), names(tmp));

        List<String> header = splitCsv(Files.readAllLines(out.resolve("fits.csv")).get(0));
        assertEquals(FIT_COLUMNS, header.subList(0, FIT_COLUMNS.size()), "contract columns first: " + header);
        List<Map<String, String>> fits = readCsv(out.resolve("fits.csv"));
        assertEquals(List.of("doxorubicin", "cisplatin", "compound_x"), fits.stream().map(m -> m.get("drug")).toList());
        double[][] truth = {{0.08, 1.1, 3}, {4.0, 1.4, 8}, {1.0, 1.0, 62}};
        for (int i = 0; i < 3; i++) {
            Map<String, String> f = fits.get(i);
            assertEquals("viability", f.get("scale"));
            assertEquals("falling", f.get("direction"));
            assertEquals("30", f.get("n"));
            assertEquals("9", f.get("doses"));
            assertEquals("3", f.get("replicates"));
            assertEquals("26", f.get("dof"));
            assertEquals("log", f.get("interval"));
            double ic50 = num(f, "ic50"), low = num(f, "ic50_low"), high = num(f, "ic50_high");
            assertTrue(low < ic50 && ic50 < high, f.toString());
            assertTrue(low <= truth[i][0] && truth[i][0] <= high, "the 95% interval covers the true ic50: " + f);
            assertEquals(truth[i][1], num(f, "hill"), 0.35 * truth[i][1], f.toString());
            assertEquals(truth[i][2], num(f, "bottom"), 8, f.toString());
            assertEquals(100, num(f, "top"), 4, f.toString());
            assertTrue(num(f, "r2") > 0.9, f.toString());
        }
        // doxorubicin's absolute IC50 (50% viability) is close to its relative one; compound_x never gets there
        assertEquals(num(fits.get(0), "ic50"), num(fits.get(0), "absolute_ic50"), 0.1 * num(fits.get(0), "ic50"));
        assertEquals("", fits.get(2).get("absolute_ic50"));

        List<Map<String, String>> points = readCsv(out.resolve("points.csv"));
        assertEquals(90, points.size());
        Map<String, String> p0 = points.get(0);
        assertEquals(List.of("doxorubicin", "0", "1", "95.3"), List.of(p0.get("drug"), p0.get("dose"), p0.get("replicate"), p0.get("response")));
        assertEquals(num(p0, "response") - num(p0, "fitted"), num(p0, "residual"), 2e-6);
        assertEquals(num(fits.get(0), "top"), num(p0, "fitted"), 1e-6, "a control's fitted value is the top plateau");

        String run = Files.readString(out.resolve("run.csv"));
        for (String line : List.of("command,dose-response", "parameter.response,viability", "parameter.interval,log",
                "result.scale,viability", "result.scale_meaning,percent of untreated control", "result.absolute_ic50_level,50",
                "result.drugs,3", "result.fitted,3"))
            assertTrue(run.contains(line + "\n"), line + " in run.csv:\n" + run);
        assertTrue(run.contains("input_sha256,sha256:" + before), run);

        assertCurvesDrawn(out.resolve("curves.png"), 3);
    }

    /** The plot has axes and, for each drug, a good number of pixels in that drug's colour (points and curve). */
    static void assertCurvesDrawn(Path png, int drugs) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "curves.png is a PNG");
        assertTrue(img.getWidth() >= 640 && img.getHeight() >= 400, img.getWidth() + "x" + img.getHeight());
        int[] counts = new int[drugs];
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                if (r + g + b < 150) dark++;
                for (int i = 0; i < drugs; i++) {
                    java.awt.Color c = DosePlot.color(i);
                    if (Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) < 40) counts[i]++;
                }
            }
        }
        assertTrue(dark > 1000, "axes and labels drawn: " + dark + " dark pixels");
        for (int i = 0; i < drugs; i++) assertTrue(counts[i] > 300, "drug " + (i + 1) + " colour pixels: " + counts[i]);
    }

    /**
     * End to end against drc: the spinach data set through the CSV input and the command reproduces
     * drc's LL.4 estimates per herbicide (help("spinach"); see DoseResponseFitTest for the SEs).
     */
    @Test
    void spinachThroughTheCommandLineReproducesDrc() throws Exception {
        Path out = tmp.resolve("spinach");
        Run r = run("dose-response", "input=" + SPINACH, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> fits = readCsv(out.resolve("fits.csv"));
        // drc: b, c, d, e (SE of e) for bentazon and diuron; CSV cells keep 6 decimals
        double[][] drc = {{0.508817, 0.033202, 1.298217, 1.599804, 1.000457}, {1.750572, 0.036149, 1.979936, 0.203161, 0.022802}};
        for (int h = 0; h < 2; h++) {
            Map<String, String> f = fits.get(h);
            assertEquals(drc[h][0], num(f, "hill"), 2e-3, f.toString());
            assertEquals(drc[h][1], num(f, "bottom"), 2e-3, f.toString());
            assertEquals(drc[h][2], num(f, "top"), 1e-3, f.toString());
            assertEquals(drc[h][3], num(f, "ic50"), 0.01 * drc[h][4], f.toString());
        }
        assertEquals(List.of("bentazon", "diuron"), fits.stream().map(m -> m.get("drug")).toList());
    }

    @Test
    void fixedPlateausDeltaIntervalAndInhibitionScale() throws Exception {
        // the example as percent inhibition: same ic50; top is the upper plateau (maximal inhibition)
        List<String> lines = Files.readAllLines(EXAMPLE);
        StringBuilder inh = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            inh.append(c[0]).append(',').append(c[1]).append(',')
                    .append(new java.math.BigDecimal("100").subtract(new java.math.BigDecimal(c[2])).toPlainString()).append(',').append(c[3]).append('\n');
        }
        Path input = Files.writeString(tmp.resolve("inhibition.csv"), inh.toString());
        Path vOut = tmp.resolve("v"), iOut = tmp.resolve("i");
        assertEquals(0, run("dose-response", "input=" + EXAMPLE, "out=" + vOut, "top=100", "interval=delta").status());
        Run r = run("dose-response", "input=" + input, "out=" + iOut, "response=inhibition", "bottom=0", "interval=delta");
        assertEquals(0, r.status(), r.toString());
        List<Map<String, String>> v = readCsv(vOut.resolve("fits.csv")), i = readCsv(iOut.resolve("fits.csv"));
        for (int k = 0; k < 3; k++) {
            assertEquals("100", v.get(k).get("top"));
            assertEquals("true", v.get(k).get("top_fixed"));
            assertEquals("", v.get(k).get("top_se"));
            assertEquals("0", i.get(k).get("bottom"));
            assertEquals("true", i.get(k).get("bottom_fixed"));
            assertEquals("rising", i.get(k).get("direction"));
            assertEquals("inhibition", i.get(k).get("scale"));
            assertEquals("delta", i.get(k).get("interval"));
            assertEquals("27", i.get(k).get("dof"));
            for (String c : List.of("ic50", "ic50_low", "ic50_high", "hill", "absolute_ic50"))
                if (v.get(k).get(c).isEmpty()) assertEquals("", i.get(k).get(c), c);
                else assertEquals(num(v.get(k), c), num(i.get(k), c), 2e-6 + 1e-5 * Math.abs(num(v.get(k), c)), c + " of " + v.get(k).get("drug"));
            assertEquals(100 - num(v.get(k), "bottom"), num(i.get(k), "top"), 2e-6);
            // delta interval: symmetric around ic50
            assertEquals(num(v.get(k), "ic50") - num(v.get(k), "ic50_low"), num(v.get(k), "ic50_high") - num(v.get(k), "ic50"), 2e-6);
        }
    }

    @Test
    void sameBytesInEveryLocale() throws Exception {
        Path a = tmp.resolve("a");
        assertEquals(0, run("dose-response", "input=" + EXAMPLE, "out=" + a).status());
        byte[] fits = Files.readAllBytes(a.resolve("fits.csv")), points = Files.readAllBytes(a.resolve("points.csv"));
        Locale.setDefault(Locale.US);
        Path b = tmp.resolve("b");
        assertEquals(0, run("dose-response", "input=" + EXAMPLE, "out=" + b).status());
        assertArrayEquals(fits, Files.readAllBytes(b.resolve("fits.csv")));
        assertArrayEquals(points, Files.readAllBytes(b.resolve("points.csv")));
    }

    @Test
    void warningsGoToStderrAndRunCsv() throws Exception {
        // fractions given as viability percent: the fit runs, the scale warning is printed and recorded
        List<String> lines = Files.readAllLines(EXAMPLE);
        StringBuilder frac = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            frac.append(c[0]).append(',').append(c[1]).append(',').append(Double.parseDouble(c[2]) / 100).append(',').append(c[3]).append('\n');
        }
        Path input = Files.writeString(tmp.resolve("fractions.csv"), frac.toString());
        Path out = tmp.resolve("o");
        Run r = run("dose-response", "input=" + input, "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("warning: response=viability expects percent")), r.toString());
        assertTrue(Files.readString(out.resolve("run.csv")).contains("warning,\"response=viability expects percent"));
        assertFalse(r.errLines().stream().anyMatch(l -> l.startsWith("error:")), r.toString());
    }

    @Test
    void helpListsEveryKey() {
        Run r = run("dose-response", "--help");
        assertEquals(0, r.status(), r.toString());
        for (String key : List.of("input", "out", "response", "top", "bottom", "interval"))
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(key + " ")), key + " in: " + r.out());
        assertTrue(r.out().contains("Fiji menu: Plugins > AssayQuant > Dose Response"), r.out());
        assertTrue(run("--help").out().contains("dose-response"));
    }

    // ---- bad input: exit 2, one error line naming file/line/column or key, no output ----------------

    static final String GOOD = "drug,dose,response,replicate\n"
            + "A,0,100,1\nA,0.1,90,1\nA,1,50,1\nA,10,10,1\nA,100,5,1\n"
            + "A,0,98,2\nA,0.1,88,2\nA,1,52,2\nA,10,12,2\nA,100,4,2\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing dose column    | drug,concentration,response\\nA,1,50\\n                     | | missing column dose (the header has: drug, concentration, response)",
        "non-numeric dose       | drug,dose,response\\nA,0,100\\nA,1,50\\nA,abc,20\\n        | | line 4, column dose: 'abc' is not a number",
        "decimal comma          | drug,dose,response\\nA,0,100\\nA,\"0,5\",50\\n              | | line 3, column dose: '0,5' is not a number (use '.' as the decimal separator)",
        "negative dose          | drug,dose,response\\nA,0,100\\nA,-1,50\\n                  | | line 3, column dose: -1 is negative (expected a dose >= 0)",
        "empty dose             | drug,dose,response\\nA,0,100\\nA,,50\\n                    | | line 3, column dose: empty",
        "empty response         | drug,dose,response\\nA,0,100\\nA,1,\\n                     | | line 3, column response: empty",
        "empty drug             | drug,dose,response\\nA,0,100\\n,1,50\\n                    | | line 3, column drug: empty",
        "no rows                | drug,dose,response\\n                                     | | no data rows",
        "one dose               | GOOD\\nB,0,100\\nB,5,40\\nB,5,42\\nB,5,38\\n              | | drug 'B': only one dose above 0 (5)",
        "three levels           | GOOD\\nC,0,100\\nC,1,60\\nC,10,20\\nC,0,99\\nC,1,61\\nC,10,19\\n | | drug 'C': 3 dose levels (including 0) cannot determine 4 free curve parameters",
        "bogus scale            | GOOD | response=bogus | response=bogus: expected one of viability, inhibition, fa",
        "bogus interval         | GOOD | interval=wald  | interval=wald: expected one of log, delta",
        "top not a number       | GOOD | top=high       | top=high: expected empty (fitted) or a number",
        "top below bottom       | GOOD | top=10         | top=10 must be above bottom=20",
        "fa plateau in percent  | GOOD | response=fa    | top=100: response=fa is a fraction affected",
    })
    void badInputIsRefusedWithTheLineAndColumn(String what, String csv, String extra, String expected) throws Exception {
        String text = csv.trim().replace("GOOD\\n", GOOD).replace("GOOD", GOOD).replace("\\n", "\n");
        Path input = Files.writeString(tmp.resolve("in.csv"), text);
        Path out = tmp.resolve("out");
        String before = sha256(input);
        List<String> args = new java.util.ArrayList<>(List.of("dose-response", "input=" + input, "out=" + out));
        if (extra != null && !extra.isBlank()) args.add(extra.trim());
        if (what.equals("top below bottom")) args.add("bottom=20");
        if (what.equals("fa plateau in percent")) args.add("top=100");
        Run r = run(args.toArray(String[]::new));
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: "), r.toString());
        assertTrue(line.contains(expected.trim()), "expected '" + expected.trim() + "' in " + line);
        if (!expected.contains("=")) assertTrue(line.contains("input=" + input), "names the file: " + line);
        assertFalse(CliTest.looksLikeStackTrace(r.err()), r.toString());
        assertFalse(Files.exists(out), "no output folder on failure");
        assertEquals(List.of("in.csv"), names(tmp), "nothing else written (no staging folder)");
        assertEquals(before, sha256(input), "input modified");
    }

    @Test
    void missingInputFile() throws Exception {
        Path out = tmp.resolve("out");
        Run r = run("dose-response", "input=" + tmp.resolve("nope.csv"), "out=" + out);
        assertEquals(2, r.status(), r.toString());
        assertEquals(List.of("error: input=" + tmp.resolve("nope.csv") + ": no such file"), r.errLines());
        assertFalse(Files.exists(out));
        Run none = run("dose-response", "out=" + out);
        assertEquals(2, none.status());
        assertTrue(none.errLines().get(0).startsWith("error: input: required"), none.toString());
    }
}
