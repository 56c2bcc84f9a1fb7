package org.assayquant.reliability;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;

import org.assayquant.testutil.SyntheticBlot;

/**
 * THE table behind the reliability suites (BadInputTest, FuzzTest, DeterminismTest) and the
 * benchmark: for every command, a valid set of inputs and what kind each input file is. A new
 * command is covered by adding one entry to {@link #ALL}; {@code BadInputTest.everyCommandHasAFixture}
 * fails until it is there.
 */
public final class Fixtures {
    private Fixtures() {}

    public enum Kind { IMAGE, CSV }

    /**
     * One input file of a valid run: the key that names it, its path, its kind and, for CSV
     * inputs, the columns without which the command must refuse the file.
     */
    public record InputFile(String key, Path path, Kind kind, List<String> required) {}

    /** A valid invocation: every key except {@code out}, and the files it reads. */
    public record Valid(Map<String, String> args, List<InputFile> files) {
        public InputFile file(String key) {
            return files.stream().filter(f -> f.key.equals(key)).findFirst().orElseThrow();
        }
    }

    public interface Setup {
        /** Writes valid inputs into {@code dir} (which exists) and returns the invocation. */
        Valid create(Path dir) throws IOException;
    }

    /**
     * A named valid invocation of {@code command}. {@code lenient}: case ids (see BadInputTest)
     * where this command may legitimately succeed although the generic expectation is a refusal,
     * with the reason; {@code unusedKeys}: optional file keys that this invocation does not read
     * (so a missing file there is not an error).
     */
    public record Fixture(String name, String command, Setup setup, Map<String, String> lenient, Set<String> unusedKeys) {
        public Valid create(Path dir) {
            try {
                Files.createDirectories(dir);
                return setup.create(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Path EXAMPLES = Paths.get("docs", "examples");

    public static final List<Fixture> ALL = List.of(
            new Fixture("blot", "blot", Fixtures::blot, Map.of(),
                    Set.of("lane_rois")), // read only with lanes=roi
            new Fixture("normalize", "normalize", Fixtures::normalizeBands, Map.of(), Set.of()),
            new Fixture("normalize-generic", "normalize", Fixtures::normalizeGeneric, Map.of(), Set.of()),
            new Fixture("dose-response", "dose-response", Fixtures::doseResponse, Map.of(), Set.of()),
            new Fixture("synergy", "synergy", Fixtures::synergy, Map.of(), Set.of()),
            // the lead's wells command (CONTRACT.md keys image, out, format): active once Commands.get("wells") exists
            new Fixture("wells", "wells", Fixtures::wellsDish,
                    // format=dish is the user saying there is a dish: the best circle through noise is taken
                    Map.of("image-image-noise-no-objects", "with format=dish forced, a circle is fitted to whatever edges there are"),
                    Set.of("well_rois"))); // read only with wells=roi

    /** The fixtures of commands that exist in this build. */
    public static List<Fixture> present() {
        return ALL.stream().filter(f -> org.assayquant.commands.Commands.get(f.command) != null).toList();
    }

    // ---- the fixtures ---------------------------------------------------------------------------

    /** A small 16-bit chemiluminescence-like blot: 4 lanes, 2 rows, noise. */
    static Valid blot(Path dir) {
        Path img = dir.resolve("blot.tif");
        ImagePlus imp = smallBlot().image();
        if (!IJ.saveAsTiff(imp, img.toString())) throw new IllegalStateException("cannot save " + img);
        Map<String, String> a = new LinkedHashMap<>();
        a.put("image", img.toString());
        return new Valid(a, List.of(new InputFile("image", img, Kind.IMAGE, List.of())));
    }

    static SyntheticBlot.Result smallBlot() {
        return SyntheticBlot.builder().title("blot").size(320, 200).lanes(4).noiseSigma(20).seed(7).build();
    }

    /** A bands.csv (target row 1, loading control row 2) and a sample sheet: 2 conditions x 2 replicates. */
    static Valid normalizeBands(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("image,lane,row,x,y,width,height,volume,background,peak,saturated,clipped_pixels,clipped_fraction,detected,background_method\n");
        double[][] v = {{1000, 1200, 2600, 3100}, {500, 560, 480, 520}};
        for (int r = 0; r < 2; r++)
            for (int l = 0; l < 4; l++)
                b.append(String.format(Locale.ROOT, "blot.tif,%d,%d,%d,%d,60,20,%s,5000,3000,false,0,0,true,border_median%n",
                        l + 1, r + 1, 20 + 100 * l, 40 + 100 * r, (long) v[r][l]));
        Path bands = Files.writeString(dir.resolve("bands.csv"), b);
        Path samples = Files.writeString(dir.resolve("samples.csv"), "lane,condition,replicate\n1,ctrl,1\n2,ctrl,2\n3,drug,1\n4,drug,2\n");
        Map<String, String> a = new LinkedHashMap<>();
        a.put("target", bands.toString());
        a.put("samples", samples.toString());
        return new Valid(a, List.of(new InputFile("target", bands, Kind.CSV, List.of("lane", "row", "volume")),
                new InputFile("samples", samples, Kind.CSV, List.of("lane", "condition"))));
    }

    /** A generic table with its own condition and value columns. */
    static Valid normalizeGeneric(Path dir) throws IOException {
        Path t = Files.writeString(dir.resolve("table.csv"), """
                sample,condition,replicate,target_value,control_value
                s1,vehicle,1,10,100
                s2,vehicle,2,12,100
                s3,vehicle,3,8,100
                s4,drug,1,30,100
                s5,drug,2,24,80
                s6,drug,3,27,90
                """);
        Map<String, String> a = new LinkedHashMap<>();
        a.put("target", t.toString());
        a.put("control_condition", "vehicle");
        return new Valid(a, List.of(new InputFile("target", t, Kind.CSV, List.of("condition", "target_value", "control_value"))));
    }

    /** docs/examples/dose_response.csv (the documented example). */
    static Valid doseResponse(Path dir) throws IOException {
        Path in = Files.copy(EXAMPLES.resolve("dose_response.csv"), dir.resolve("doses.csv"));
        Map<String, String> a = new LinkedHashMap<>();
        a.put("input", in.toString());
        return new Valid(a, List.of(new InputFile("input", in, Kind.CSV, List.of("drug", "dose", "response"))));
    }

    /** docs/examples/synergy_matrix.csv; 100 bootstrap resamples keep it quick. */
    static Valid synergy(Path dir) throws IOException {
        Path in = Files.copy(EXAMPLES.resolve("synergy_matrix.csv"), dir.resolve("matrix.csv"));
        Map<String, String> a = new LinkedHashMap<>();
        a.put("input", in.toString());
        a.put("bootstrap", "100");
        return new Valid(a, List.of(new InputFile("input", in, Kind.CSV, List.of("dose_a", "dose_b", "response"))));
    }

    /** A photographed dish: white paper, a light dish, 40 violet colonies (wells format=dish). */
    static Valid wellsDish(Path dir) throws IOException {
        Path img = dir.resolve("dish.png");
        ImageIO.write(dishPhoto(600, 40, 11), "png", img.toFile());
        Map<String, String> a = new LinkedHashMap<>();
        a.put("image", img.toString());
        a.put("format", "dish");
        return new Valid(a, List.of(new InputFile("image", img, Kind.IMAGE, List.of())));
    }

    /** An RGB photo of one dish of {@code size} px with {@code colonies} crystal-violet colonies. */
    public static BufferedImage dishPhoto(int size, int colonies, long seed) {
        BufferedImage bi = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = bi.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(245, 245, 245));
        g.fillRect(0, 0, size, size);
        double c = size / 2.0, r = size * 0.45;
        g.setColor(new Color(225, 222, 230));
        g.fill(new java.awt.geom.Ellipse2D.Double(c - r, c - r, 2 * r, 2 * r));
        g.setColor(new Color(120, 120, 130));
        g.setStroke(new java.awt.BasicStroke(Math.max(2f, size / 200f)));
        g.draw(new java.awt.geom.Ellipse2D.Double(c - r, c - r, 2 * r, 2 * r));
        drawColonies(g, new Random(seed), c, c, r * 0.85, colonies, size / 120.0);
        g.dispose();
        return bi;
    }

    /** An RGB photo of a well plate (rows x cols wells) of width x height px with colonies in each well. */
    public static BufferedImage platePhoto(int width, int height, int rows, int cols, int coloniesPerWell, long seed) {
        BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = bi.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(40, 40, 45));
        g.fillRect(0, 0, width, height);
        double pitch = Math.min(width * 0.9 / cols, height * 0.9 / rows), r = pitch * 0.42;
        double x0 = (width - pitch * cols) / 2 + pitch / 2, y0 = (height - pitch * rows) / 2 + pitch / 2;
        Random rnd = new Random(seed);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                double cx = x0 + j * pitch, cy = y0 + i * pitch;
                g.setColor(new Color(235, 232, 238));
                g.fill(new java.awt.geom.Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                drawColonies(g, rnd, cx, cy, r * 0.85, coloniesPerWell, pitch / 60.0);
            }
        g.dispose();
        return bi;
    }

    private static void drawColonies(Graphics2D g, Random rnd, double cx, double cy, double within, int n, double unit) {
        List<double[]> placed = new ArrayList<>();
        for (int k = 0, tries = 0; k < n && tries < 100 * n; tries++) {
            double a = rnd.nextDouble() * 2 * Math.PI, d = within * Math.sqrt(rnd.nextDouble());
            double x = cx + d * Math.cos(a), y = cy + d * Math.sin(a), cr = unit * (1.5 + 2 * rnd.nextDouble());
            boolean free = true;
            for (double[] p : placed) if (Math.hypot(p[0] - x, p[1] - y) < p[2] + cr + unit) free = false;
            if (!free) continue;
            placed.add(new double[] {x, y, cr});
            g.setColor(new Color(90 + rnd.nextInt(30), 40 + rnd.nextInt(20), 140 + rnd.nextInt(30)));
            g.fill(new java.awt.geom.Ellipse2D.Double(x - cr, y - cr, 2 * cr, 2 * cr));
            k++;
        }
    }
}
