package org.assayquant.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.plugin.frame.RoiManager;
import org.assayquant.ij.RoiFiles;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.core.Parallel;
import org.assayquant.core.survival.ClonogenicSurvival;
import org.assayquant.core.wells.Circle;
import org.assayquant.core.wells.ManualWells;
import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.PlateImage;
import org.assayquant.core.wells.WellOptions;
import org.assayquant.core.wells.WellQuantifier;
import org.assayquant.core.wells.WellResult;
import org.assayquant.ij.Images;
import org.assayquant.ij.WellOverlay;
import org.assayquant.io.CsvTable;
import org.assayquant.io.PlateLayout;
import org.assayquant.io.RunInfo;
import org.assayquant.io.WellTables;

/** Colony-formation and crystal-violet quantification of a dish or a 6-96-well plate, with plating efficiency and surviving fraction. */
@Plugin(type = Command.class, name = "wells",
        description = "Quantify colony-formation / crystal-violet wells: finds the dish or plate wells, counts colonies, stained area and intensity percent per well; with a plate layout, plating efficiency and surviving fraction")
public class QuantifyColonyWells extends AssayCommand {

    @Parameter(label = "Image file (empty = the active image)", persist = false, style = "open", required = true, description = "Plate or dish image (RGB photo, or 8/16-bit scan; TIFF, PNG or JPEG). Empty in Fiji = the active image.")
    public String image = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder for wells.csv, colonies.csv, overlay.png and run.csv (and titers.csv with dilutions in the layout). Empty in Fiji = show tables only.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Plate format", persist = false, required = false, choices = {"auto", "dish", "6", "12", "24", "48", "96"}, description = "Plate format: auto (find it), dish (one dish), or the number of wells of an SBS plate.")
    public String format = "auto";

    @Parameter(label = "Count (colonies or plaques)", persist = false, required = false, choices = {"colonies", "plaques"}, description = "What is counted: colonies (stained or light colonies; on a dish, dark objects that are holes in an opaque layer flag it 'lawn': plaques in a bacterial lawn, count them as plaques), or plaques (clearings in a stained cell monolayer or a bacterial lawn, lighter than it unless polarity says otherwise; a band of monolayer peeled off along the wall is left out and flags the well 'peeled' (on a plate the rest's count is scaled to the whole well); on a plate, a band of round plaques crowding the wall, not a peel's crescent, is counted and flags it 'wall_plaques'; partly cleared spots below the plaque floor are not counted, and flag it 'faint_plaques' when many; on a plate, the pipette tip's scrape by the wall at one side of most wells is left out ('tip_mark'), and small pieces by a larger plaque flag the well 'plaque_pieces'; on a dish with polarity auto, dark spots as strong as light ones flag it 'polarity_unsure'). With dilution and volume_ml in the layout: plaque- (colony-) forming units per mL, per well and per sample (titers.csv).")
    public String mode = "colonies";

    @Parameter(label = "Photographed from below (columns mirrored)", persist = false, required = false, description = "The photo shows the plate from below (through its bottom): left and right are swapped, so well A1 is at the image's top right and columns are named right to left (a dish is not affected).")
    public boolean mirror = false;

    @Parameter(label = "Wells (auto or roi)", persist = false, required = false, choices = {"auto", "roi"}, description = "auto (find the well walls) or roi (circle/oval or rectangle ROIs from the ROI Manager in Fiji, or from well_rois; a rectangle's inscribed circle).")
    public String wells = "auto";

    @Parameter(label = "Well ROI file (.zip; empty = ROI Manager)", persist = false, required = false, style = "open", description = "With wells=roi outside Fiji: an ImageJ .roi or RoiSet .zip file of well circles.")
    public String well_rois = "";

    @Parameter(label = "Margin at the wall (% of radius)", persist = false, required = false, min = "0", max = "50", description = "Leave this percent of the well radius next to the wall out of the analysis (meniscus, wall shadow).")
    public double margin_percent = 4;

    @Parameter(label = "Minimum colony area (px)", persist = false, required = false, min = "1", description = "Smallest colony in pixels (area); smaller specks are dust or noise.")
    public double min_colony_area = 12;

    @Parameter(label = "Minimum colony diameter (mm, 0 = use the area)", persist = false, required = false, min = "0", description = "Smallest colony diameter in mm; 0 = off. When > 0 it replaces min_colony_area, through the image's scale (mm, um, cm or inch calibration) or else the plate format's well diameter.")
    public double min_colony_diameter_mm = 0;

    @Parameter(label = "Colony polarity", persist = false, required = false, choices = {"auto", "dark_stain", "light_colonies"}, description = "Dark stained colonies on a light well (crystal violet, most photos and scans) or light colonies on a dark background.")
    public String polarity = "auto";

    @Parameter(label = "Colour channel", persist = false, required = false, choices = {"auto", "red", "green", "blue", "gray"}, description = "Analysed channel of an RGB image (auto = where the stain stands out most; green for crystal violet); gray for a grayscale image.")
    public String channel = "auto";

    @Parameter(label = "Background radius (px, 0 = automatic)", persist = false, required = false, min = "0", description = "Rolling-ball background radius in pixels; 0 = automatic (a tenth of the well radius, at least 15 px; for counting inside the well twice the larger colonies' radius when smaller).")
    public double background_radius = 0;

    @Parameter(label = "Threshold (noise SD above background)", persist = false, required = false, min = "1", max = "100", description = "Stain threshold above the background, in noise standard deviations.")
    public double threshold_sigma = 6;

    @Parameter(label = "Plate layout (CSV or open table; optional)", persist = false, required = false, style = "open", description = "Optional plate layout CSV: well, condition, dose_a, dose_b, cells_seeded, replicate (drug optional). Adds plating efficiency and surviving fraction.")
    public String layout = "";

    @Parameter(label = "Control condition (empty = automatic)", persist = false, required = false, description = "The untreated control condition of the layout; empty = the condition with dose_a = dose_b = 0, else one named control, untreated, DMSO or vehicle.")
    public String control_condition = "";

    @Override
    public void run() {
        ImagePlus imp = imageOrActive("image", image);
        List<String> notes = new ArrayList<>();
        PlateLayout plan = layout.isBlank() ? null : PlateLayout.read("layout", layout);
        PlateImage plateImage = Images.plateImage(imp, notes);
        String file = Images.fileOf(imp);
        double calibrated = calibratedPxPerMm(imp);

        WellOptions o = options();
        Map<String, String> relabel = null;
        if (wells.trim().equalsIgnoreCase("roi")) relabel = manualWells(imp, o, notes);
        boolean standardWells = o.manualWells.isEmpty() ? o.format != PlateFormat.DISH : o.format != null && o.format != PlateFormat.DISH;
        if (min_colony_diameter_mm > 0 && !(calibrated > 0) && !standardWells) throw noScale(file, !o.manualWells.isEmpty()); // before the work
        WellResult result = quantify(plateImage, o, file, calibrated);
        if (result == null) throw noScale(file, !o.manualWells.isEmpty());
        double plateScale = result.plateScale();
        if (relabel != null) result = ManualWells.relabelled(result, relabel);
        if (calibrated > 0 && plateScale > 0 && Math.abs(calibrated / plateScale - 1) > 0.2)
            notes.add(String.format(Locale.ROOT, "the image's calibration (%.3g px/mm) and the %s-well plate's well size (%.3g px/mm) disagree by more than 20 %%: check the scale",
                    calibrated, result.format().key, plateScale));
        double pxPerMm = calibrated > 0 ? calibrated : plateScale;

        ClonogenicSurvival.Result survival = null;
        if (plan != null) {
            List<String> labels = result.wells().stream().map(WellResult.Well::label).toList();
            plan.check(labels, plateName(result));
            List<ClonogenicSurvival.Well> in = WellTables.survivalInput(result, plan);
            // without cells seeded there is no plating efficiency to compare (a named control is still checked)
            String control = plan.has("cells_seeded") || !control_condition.isBlank() ? control(plan, in, notes) : null;
            survival = ClonogenicSurvival.compute(in, control);
            notes.addAll(survival.warnings());
        }
        if (Images.isLossy(imp)) notes.add("image " + imp.getTitle() + " is JPEG: lossy compression alters pixel values; quantify the original TIFF/PNG where possible");
        notes.addAll(result.warnings());

        String name = imp.getTitle();
        List<String> inputs = new ArrayList<>(List.of(file));
        if (plan != null) inputs.add(Path.of(layout).toAbsolutePath().toString());
        if (!well_rois.isBlank() && relabel != null) inputs.add(Path.of(well_rois).toAbsolutePath().toString());
        WellResult res = result;
        ClonogenicSurvival.Result surv = survival;
        Map<String, String> names = new LinkedHashMap<>(); // the overlay names each well's sample from the layout
        if (plan != null) for (WellResult.Well w : result.wells()) if (plan.get(w.label()) != null) names.put(w.label(), plan.get(w.label()).condition());
        // the overlay PNG (Java2D, then its deflate: the longest output of a large photo) is drawn and encoded on a
        // thread of its own while the tables, ROIs and run.csv are made, when it is written and a processor is free
        boolean ahead = !out.isBlank() && Runtime.getRuntime().availableProcessors() >= 2;
        try (Parallel.Forked<byte[]> overlay = Parallel.fork("assayquant-overlay", () -> WellOverlay.png(plateImage, res, names), ahead)) {
            List<Roi> rois = wellRois(result);
            Publication pub = new Publication(this, name)
                    .table("wells.csv", "Wells", WellTables.wells(name, result, plan, survival, o.mode))
                    .table("colonies.csv", "Colonies", WellTables.colonies(name, result, pxPerMm));
            CsvTable titers = WellTables.titers(name, result, plan, o.mode); // a layout with dilutions: each sample's titer
            if (titers != null) pub.table("titers.csv", "Titers", titers);
            pub.file("overlay.png", os -> os.write(overlay.get()))
                    // the well walls as the ROI Manager saves them: correct them, run again with wells=roi well_rois=<this file>
                    .file("well_rois.zip", os -> RoiFiles.write(rois, os))
                    .onImage(imp, () -> WellOverlay.overlay(res, imp.getWidth(), imp.getHeight(), names), rois)
                    .publish(out, overwrite, () -> runTable(file, inputs.stream().map(Path::of).toList(), res, surv, pxPerMm, calibrated > 0, notes),
                            notes, inputs.toArray(new String[0]));
        }
    }

    private WellOptions options() {
        WellOptions o = new WellOptions();
        o.format = PlateFormat.parse("format", format);
        o.marginPercent = margin_percent;
        o.minColonyArea = min_colony_area;
        o.polarity = WellOptions.Polarity.valueOf(polarity.trim().toUpperCase(Locale.ROOT));
        o.channel = WellOptions.Channel.valueOf(channel.trim().toUpperCase(Locale.ROOT));
        o.backgroundRadius = background_radius;
        o.thresholdSigma = threshold_sigma;
        o.mirror = mirror;
        o.mode = WellOptions.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        return o;
    }

    private AssayException noScale(String file, boolean manual) {
        return AssayException.invalid("min_colony_diameter_mm=" + CommandSpec.format(min_colony_diameter_mm) + ": image=" + file
                + " has no spatial calibration in mm, um, cm or inch, and " + (manual ? "ROI wells without a plate format have" : "a dish has")
                + " no standard diameter to take the scale from (set the scale in Fiji with Analyze > Set Scale, or give min_colony_area in pixels)");
    }

    private WellResult quantify(PlateImage img, WellOptions o, String file, double calibrated) {
        try {
            return WellQuantifier.quantify(img, o, min_colony_diameter_mm, calibrated);
        } catch (AssayException e) {
            throw new AssayException(e.usage, "image=" + file + ": " + e.getMessage(), e);
        }
    }

    private static String plateName(WellResult r) {
        return r.format() == PlateFormat.DISH ? (r.wells().size() == 1 ? "dish" : r.wells().size() + " ROI wells") : r.format().key + "-well plate";
    }

    // ---- scale ---------------------------------------------------------------------------------

    /** Pixels per mm from the image's spatial calibration (mm, um, cm, inch), or NaN. */
    static double calibratedPxPerMm(ImagePlus imp) {
        Calibration c = imp.getCalibration();
        if (c == null || !c.scaled() || !(c.pixelWidth > 0) || !(c.pixelHeight > 0)) return Double.NaN;
        double mmPerUnit = switch (c.getUnit().trim().toLowerCase(Locale.ROOT)) {
            case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> 1;
            case "um", "µm", "\u03bcm", "micron", "microns", "micrometer", "micrometers" -> 0.001;
            case "cm", "centimeter", "centimeters" -> 10;
            case "inch", "inches", "in" -> 25.4;
            default -> Double.NaN;
        };
        return 1 / (Math.sqrt(c.pixelWidth * c.pixelHeight) * mmPerUnit);
    }

    // ---- manual wells ----------------------------------------------------------------------------

    /**
     * Sets the ROI circles as manual wells, ordered row-major when they form the plate's grid,
     * and returns the labels to give them instead of the core's W1, W2, ...: A1 for a single
     * ROI, A1.. row-major when their number is the well count of the format (or, with
     * format=auto, of one of the formats) and they sort into its rows; otherwise W1.. in ROI order.
     */
    private Map<String, String> manualWells(ImagePlus imp, WellOptions o, List<String> notes) {
        List<Circle> circles = new ArrayList<>();
        Roi[] rois = rois();
        for (int i = 0; i < rois.length; i++) {
            Roi r = rois[i];
            int type = r.getType();
            if (type != Roi.OVAL && type != Roi.RECTANGLE)
                throw AssayException.invalid("wells=roi: ROI " + (i + 1) + " (" + (r.getName() == null ? r.getTypeAsString() : r.getName())
                        + ") is a " + r.getTypeAsString().toLowerCase(Locale.ROOT) + "; expected circles/ovals or rectangles around the wells");
            var b = r.getFloatBounds();
            if (type == Roi.OVAL && Math.abs(b.width / b.height - 1) > 0.1)
                notes.add("ROI " + (i + 1) + " is an oval of " + Math.round(b.width) + " x " + Math.round(b.height) + " px: analysed as the circle inside it");
            circles.add(new Circle(b.x + b.width / 2, b.y + b.height / 2, Math.min(b.width, b.height) / 2, 1));
        }
        if (circles.isEmpty()) throw AssayException.invalid("wells=roi: the ROI set is empty");
        for (Circle c : circles)
            if (c.x() - c.r() < -0.5 || c.y() - c.r() < -0.5 || c.x() + c.r() > imp.getWidth() + 0.5 || c.y() + c.r() > imp.getHeight() + 0.5)
                throw AssayException.invalid(String.format(Locale.ROOT, "wells=roi: the well circle at (%.0f, %.0f) with radius %.0f px lies partly outside the %dx%d image",
                        c.x(), c.y(), c.r(), imp.getWidth(), imp.getHeight()));

        int n = circles.size();
        PlateFormat f = o.format;
        if (f == null) for (PlateFormat p : PlateFormat.values()) if (p.wells() == n) f = p;
        PlateFormat named = ManualWells.namedFormat(Arrays.stream(rois).map(Roi::getName).toList(), f);
        if (named != null) {
            // ROIs named as wells (a run's well_rois.zip, corrected): each keeps its name, so a moved or removed well changes nothing else
            Map<String, String> labels = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) labels.put("W" + (k + 1), rois[k].getName().trim());
            o.format = named;
            o.manualWells = circles;
            return labels;
        }
        ManualWells.Placed placed = ManualWells.place(circles, o.format);
        if (placed.note() != null) notes.add(placed.note());
        o.format = placed.format();
        o.manualWells = placed.circles();
        return placed.labels();
    }

    /** The well walls as circles named by their labels ("B4"): what wells=roi takes back, margin and all. */
    static List<Roi> wellRois(WellResult r) {
        List<Roi> rois = new ArrayList<>();
        for (WellResult.Well w : r.wells()) {
            Roi c = new ij.gui.OvalRoi(w.x() - w.wallRadius(), w.y() - w.wallRadius(), 2 * w.wallRadius(), 2 * w.wallRadius());
            c.setName(w.label());
            rois.add(c);
        }
        return rois;
    }

    private Roi[] rois() {
        if (!well_rois.isBlank()) return RoiFiles.read("well_rois", well_rois);
        RoiManager rm = interactive() ? RoiManager.getInstance() : null;
        if (rm == null || rm.getCount() == 0)
            throw AssayException.invalid("wells=roi: no well circles (add them to the ROI Manager, or give well_rois=<file.zip>)");
        return rm.getRoisAsArray();
    }


    // ---- layout ----------------------------------------------------------------------------------

    private String control(PlateLayout plan, List<ClonogenicSurvival.Well> in, List<String> notes) {
        String c = control_condition.trim();
        List<String> conditions = plan.conditions();
        if (!c.isEmpty()) {
            if (!conditions.contains(c))
                throw AssayException.invalid("control_condition=" + c + ": no such condition in " + plan.source() + " (conditions: " + String.join(", ", conditions) + ")");
            if (in.stream().noneMatch(w -> w.condition().equals(c)))
                throw AssayException.invalid("control_condition=" + c + ": none of its wells is on the plate");
            return c;
        }
        String auto;
        try {
            auto = ClonogenicSurvival.autoControl(in, plan.has("dose_a") || plan.has("dose_b"));
        } catch (AssayException e) {
            throw AssayException.invalid(plan.source() + ": " + e.getMessage());
        }
        if (auto == null)
            notes.add(plan.source() + ": no control condition (none has dose_a = dose_b = 0 and none is named "
                    + String.join(", ", ClonogenicSurvival.CONTROL_NAMES) + "): surviving fraction left empty; give control_condition= to set it");
        return auto;
    }

    // ---- run.csv ---------------------------------------------------------------------------------

    private CsvTable runTable(String file, List<Path> inputs, WellResult r, ClonogenicSurvival.Result s, double pxPerMm, boolean calibrated,
                              List<String> notes) {
        Map<String, Object> res = new LinkedHashMap<>(r.summary());
        res.put("px_per_mm", pxPerMm);
        res.put("scale_from", pxPerMm > 0 ? calibrated ? "image calibration" : r.format().key + "-well plate (well diameter " + CommandSpec.format(r.format().diameterMm) + " mm)" : "none");
        if (s != null) {
            res.put("control_condition", s.control() == null ? "" : s.control());
            res.put("control_wells", s.controlWells());
            res.put("control_plating_efficiency", s.controlPe());
        }
        CsvTable t = Publication.runInfo(this, file, res, notes);
        int at = 4; // every input with its checksum, after the image
        for (Path p : inputs.subList(1, inputs.size())) {
            t.rows().add(at++, new Object[] {"input", p.toString()});
            t.rows().add(at++, new Object[] {"input_sha256", RunInfo.sha256(p.toString())});
        }
        return t;
    }
}
