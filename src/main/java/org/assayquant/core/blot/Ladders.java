package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.assayquant.core.AssayException;

/**
 * Size markers: a few common commercial ladders by name, or the user's own list. Sizes are the
 * manufacturers' nominal sizes (product pages and datasheets, catalogue numbers beside each);
 * a lot's datasheet wins where it differs. Bands that co-migrate on ordinary gels (NEB's 517 and
 * 500 bp) are listed once, as the one band a lane shows.
 */
public final class Ladders {
    private Ladders() {}

    /**
     * A marker: its sizes from largest (top of the gel) to smallest, their unit (kDa or bp), and
     * its reference bands: the sizes loaded at a higher mass than the rest (brighter on any stain),
     * empty when the vendor names none or for the user's own list; and the mass of each band (ng
     * per 1 ug loaded, aligned with the sizes), empty when not known.
     */
    public record Ladder(String name, String unit, double[] sizes, double[] reference, double[] masses) {
        public Ladder(String name, String unit, double[] sizes, double[] reference) {
            this(name, unit, sizes, reference, NONE);
        }
    }

    static final Map<String, Ladder> BUILT_IN = new LinkedHashMap<>();

    private static final double[] NONE = {};

    private static void add(String name, String unit, double[] reference, double... sizes) {
        BUILT_IN.put(name, new Ladder(name, unit, sizes, reference));
    }

    private static void add(String name, String unit, double[] reference, double[] masses, double... sizes) {
        if (masses.length != sizes.length) throw new IllegalStateException(name + ": one mass per size");
        BUILT_IN.put(name, new Ladder(name, unit, sizes, reference, masses));
    }

    static {
        // Bio-Rad Precision Plus Protein standards (Dual Color #1610374, All Blue #1610373,
        // Kaleidoscope #1610375, Unstained #1610363): 10 bands; their 25 and 75 kDa reference bands
        // are marked by colour in some of these products, not by mass, so none are given (nor for
        // the PageRulers, whose reference bands are coloured)
        add("precision_plus", "kDa", NONE, 250, 150, 100, 75, 50, 37, 25, 20, 15, 10);
        // Thermo Scientific PageRuler Prestained Protein Ladder (#26616), 10 bands
        add("pageruler_prestained", "kDa", NONE, 180, 130, 100, 70, 55, 40, 35, 25, 15, 10);
        // Thermo Scientific PageRuler Plus Prestained Protein Ladder (#26619), 9 bands
        add("pageruler_plus", "kDa", NONE, 250, 130, 100, 70, 55, 35, 25, 15, 10);
        // Thermo Scientific PageRuler Unstained Protein Ladder (#26614), 14 bands
        add("pageruler_unstained", "kDa", NONE, 200, 150, 120, 100, 85, 70, 60, 50, 40, 30, 25, 20, 15, 10);
        // DNA ladders' reference bands: the vendors' increased-intensity bands (2-3x the mass of
        // the others where the vendor gives masses: NEB's 125 ng at 3 kb against 33-50 ng)
        // NEB 1 kb DNA Ladder (N3232): 10.0-0.5 kb (517 + 500 bp run as one band)
        add("neb_1kb", "bp", new double[] {3000}, 10000, 8000, 6000, 5000, 4000, 3000, 2000, 1500, 1000, 500);
        // NEB 100 bp DNA Ladder (N3231): 1517-100 bp (517 + 500 bp run as one band)
        add("neb_100bp", "bp", new double[] {1000, 500}, 1517, 1200, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100);
        // Thermo Scientific GeneRuler 1 kb DNA Ladder (SM0311), 14 bands
        add("generuler_1kb", "bp", new double[] {6000, 3000, 1000}, 10000, 8000, 6000, 5000, 4000, 3500, 3000, 2500, 2000, 1500, 1000, 750, 500, 250);
        // Thermo Scientific GeneRuler 100 bp DNA Ladder (SM0241), 10 bands
        add("generuler_100bp", "bp", new double[] {500}, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100);
        // Thermo Scientific GeneRuler 1 kb Plus DNA Ladder (SM1331), 15 bands
        add("generuler_1kb_plus", "bp", new double[] {5000, 1500, 500}, 20000, 10000, 7000, 5000, 4000, 3000, 2000, 1500, 1000, 700, 500, 400, 300, 200, 75);
        // NEB 1 kb Plus DNA Ladder (N3200; Quick-Load Purple N0550), 19 bands;
        // 3.0, 1.0 and 0.5 kb carry 120-124 ng per 1 ug against 23-61 ng for the others: the
        // three reference bands; the masses (ng per band in 1 ug, 1002 ng in all) as GelGenie's
        // authors used them for this ladder (docs/sizes.md gives the sources)
        add("neb_1kb_plus", "bp", new double[] {3000, 1000, 500},
                new double[] {40, 40, 48, 40, 32, 120, 40, 57, 45, 122, 34, 31, 27, 23, 124, 49, 37, 32, 61},
                10000, 8000, 6000, 5000, 4000, 3000, 2000, 1500, 1200, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100);
    }

    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /**
     * A built-in ladder by name, or a list "250,150,100" (any order; unit kDa unless a size is
     * above 1000 or the list ends with "bp"/"kDa": "1000,500,100 bp").
     */
    public static Ladder parse(String key, String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        Ladder named = BUILT_IN.get(s);
        if (named != null) return named;
        String unit = null;
        if (s.endsWith("bp")) { unit = "bp"; s = s.substring(0, s.length() - 2); }
        else if (s.endsWith("kda")) { unit = "kDa"; s = s.substring(0, s.length() - 3); }
        List<Double> v = new ArrayList<>();
        for (String part : s.split("[,;\\s]+")) {
            if (part.isEmpty()) continue;
            try {
                double d = Double.parseDouble(part);
                if (!(d > 0) || !Double.isFinite(d)) throw new NumberFormatException();
                v.add(d);
            } catch (NumberFormatException e) {
                throw AssayException.invalid(key + "=" + spec + ": expected a ladder name (" + String.join(", ", names())
                        + ") or a list of positive sizes such as 250,150,100,75,50 (optionally ending in kDa or bp)");
            }
        }
        if (v.size() < 3) throw AssayException.invalid(key + "=" + spec + ": a marker needs at least 3 sizes");
        double[] sizes = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (int i = 1; i < sizes.length; i++)
            if (sizes[i] == sizes[i - 1]) throw AssayException.invalid(key + "=" + spec + ": size " + fmt(sizes[i]) + " is given twice");
        double[] desc = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) desc[i] = sizes[sizes.length - 1 - i];
        if (unit == null) unit = desc[0] > 1000 ? "bp" : "kDa";
        return new Ladder("custom", unit, desc, NONE);
    }

    /** Whole numbers without ".0" in messages. */
    public static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
