package org.assayquant.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.core.Raster;
import org.assayquant.core.blot.BlotOptions;
import org.assayquant.core.blot.BlotQuantifier;
import org.assayquant.core.blot.BlotResult;
import org.assayquant.core.blot.Ladders;
import org.assayquant.core.blot.LaneProfiles;
import org.assayquant.core.blot.LinearRange;
import org.assayquant.core.blot.SizeCalibration;
import org.assayquant.ij.BlotOverlay;
import org.assayquant.ij.Images;
import org.assayquant.ij.ProfilePlots;
import org.assayquant.ij.Tables;
import org.assayquant.io.BlotTables;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;

/** Western-blot densitometry of one image: lanes, bands, background-corrected volumes. */
@Plugin(type = Command.class, name = "blot",
        description = "Quantify western-blot bands: lanes, bands, background-subtracted volumes, saturation flags")
public class QuantifyBlotBands extends AssayCommand {

    @Parameter(persist = false, style = "open", required = true, description = "Blot image file (8/16-bit TIFF, PNG or JPEG; RGB is converted to luminance). Empty in Fiji = the active image.")
    public String image = "";

    @Parameter(persist = false, style = "directory", required = true, description = "Output folder for bands.csv, lanes.csv, lane_rois.zip (the lanes as an ROI Manager RoiSet, to correct and run again with lanes=roi), overlay.png, profiles.png (lane profiles), run.csv, and markers.csv / linear_range.csv with marker_lane / loads. Empty in Fiji = show tables only.")
    public String out = "";

    @Parameter(persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(persist = false, required = false, description = "auto (find lanes), a number of lanes, or roi (rectangles from the ROI Manager in Fiji, or from lane_rois).")
    public String lanes = "auto";

    @Parameter(persist = false, required = false, choices = {"auto", "light_bands", "dark_bands"}, description = "Band polarity: light bands on dark (chemiluminescence, fluorescence) or dark bands on light (film, colorimetric); dark-band images are inverted against full scale.")
    public String polarity = "auto";

    @Parameter(persist = false, required = false, choices = {"border_median", "valley", "rolling_ball"}, description = "Background under each band: median of a ring around the band, valley-to-valley baseline along the lane, or ImageJ's rolling ball.")
    public String background = "border_median";

    @Parameter(persist = false, required = false, min = "0", description = "Rolling-ball radius in pixels (background=rolling_ball); 0 = twice the tallest band.")
    public double radius = 0;

    @Parameter(persist = false, required = false, min = "0", max = "100", description = "Ignore peaks weaker than this percent of the strongest band.")
    public double min_band_percent = 4;

    @Parameter(persist = false, required = false, style = "open", description = "With lanes=roi outside Fiji: an ImageJ .roi or RoiSet .zip file of lane rectangles.")
    public String lane_rois = "";

    @Parameter(persist = false, required = false, description = "Size marker lane(s): 0 = none; 1 = lane 1 of every strip; 1,12 = two marker lanes (smile interpolated between them); 1;3 = one group per strip. Bands get apparent sizes (size, size_unit in bands.csv; markers.csv).")
    public String marker_lane = "0";

    @Parameter(persist = false, required = false, description = "The marker's sizes: a list (250,150,100,... ; unit kDa, or bp when a size exceeds 1000 or the list ends in bp) or a ladder: precision_plus, pageruler_prestained, pageruler_plus, pageruler_unstained, neb_1kb, neb_100bp, generuler_1kb, generuler_100bp, generuler_1kb_plus.")
    public String marker_sizes = "precision_plus";

    @Parameter(persist = false, required = false, description = "Relative load of each lane for a linear-range check (a dilution series), e.g. 1,0.5,0.25,0.125,,, (empty = lane not in the series; ';' separates strips). Writes linear_range.csv; bands outside their row's linear range get status check.")
    public String loads = "";

    @Override
    public void run() {
        ImagePlus imp = imageOrActive("image", image);
        List<String> notes = new ArrayList<>();
        Raster raster = Images.toRaster(imp, notes);
        Ladders.Ladder ladder = Ladders.parse("marker_sizes", marker_sizes);
        BlotResult measured;
        try {
            measured = BlotQuantifier.quantify(raster, options(imp));
        } catch (AssayException e) {
            throw new AssayException(e.usage, "image=" + Images.fileOf(imp) + ": " + e.getMessage(), e);
        }
        Raster signal = measured.polarity() == BlotOptions.Polarity.DARK_BANDS ? raster.inverted() : raster;
        int strips = measured.lanes().stream().mapToInt(BlotResult.Lane::strip).max().orElse(1);
        int[][] markerLanes = SizeCalibration.parseLanes("marker_lane", marker_lane, strips);
        double[][] loadList = LinearRange.parseLoads("loads", loads, strips);
        // sizes, then the linear range: each adds its reasons to the bands
        SizeCalibration.Result sizes = markerLanes == null ? null : SizeCalibration.apply(signal, measured, markerLanes, ladder);
        BlotResult sized = sizes == null ? measured : sizes.result();
        LinearRange.Result linear = loadList == null ? null : LinearRange.apply(sized, loadList, LinearRange.pixelNoise(signal));
        BlotResult result = linear == null ? sized : linear.result();
        double[] sizeOf = sizes == null ? null : sizes.sizes();
        if (Images.isLossy(imp)) notes.add("image " + imp.getTitle() + " is JPEG: lossy compression alters pixel values; quantify the original TIFF/PNG where possible");
        notes.addAll(result.warnings());
        if (sizes != null) notes.addAll(sizes.warnings());
        if (linear != null) notes.addAll(linear.warnings());

        String name = imp.getTitle();
        if (!out.isBlank()) {
            Path input = Path.of(Images.fileOf(imp));
            try (OutputFolder o = output(out, overwrite, input)) {
                o.write("bands.csv", BlotTables.bands(name, result, sizeOf, ladder.unit()));
                if (sizes != null) o.write("markers.csv", BlotTables.markers(name, sizes, ladder.sizes()));
                if (linear != null) o.write("linear_range.csv", BlotTables.linearRange(name, linear));
                o.write("lanes.csv", BlotTables.lanes(name, result));
                // the lanes as the ROI Manager saves them: correct them in Fiji, run again with lanes=roi lane_rois=<this file>
                o.write("lane_rois.zip", os -> org.assayquant.ij.RoiFiles.write(laneRois(result), os));
                o.write("overlay.png", os -> BlotOverlay.writePng(signal, result, sizeOf, ladder.unit(), os));
                o.write("profiles.png", os -> ProfilePlots.writePng(LaneProfiles.of(signal, result), os));
                o.write("run.csv", RunInfo.table("blot", Images.fileOf(imp), Commands.get("blot").values(this), result.summary(), notes));
                o.commit();
            }
        }
        if (interactive()) {
            Tables.show(BlotTables.bands(name, result, sizeOf, ladder.unit()), Tables.title(name, "Bands"));
            if (linear != null) Tables.show(BlotTables.linearRange(name, linear), Tables.title(name, "Linear range"));
            imp.setOverlay(BlotOverlay.overlay(result, sizeOf, ladder.unit()));
            ProfilePlots.plots(Tables.title(name, "Profiles"), LaneProfiles.of(signal, result)).show();
        }
        for (String n : notes) log("warning: " + n);
    }

    /** The lanes as named rectangles: "L3", or "S2 L3" when the image holds several strips. */
    static List<Roi> laneRois(BlotResult result) {
        boolean strips = result.lanes().stream().anyMatch(l -> l.strip() > 1);
        List<Roi> rois = new ArrayList<>();
        for (BlotResult.Lane l : result.lanes()) {
            Roi r = new Roi(l.x(), l.y(), l.width(), l.height());
            r.setName((strips ? "S" + l.strip() + " " : "") + "L" + l.index());
            rois.add(r);
        }
        return rois;
    }

    private BlotOptions options(ImagePlus imp) {
        BlotOptions o = new BlotOptions();
        o.polarity = BlotOptions.Polarity.valueOf(polarity.toUpperCase(Locale.ROOT));
        o.background = BlotOptions.Background.valueOf(background.toUpperCase(Locale.ROOT));
        o.rollingRadius = radius;
        o.minBandPercent = min_band_percent;
        String l = lanes.trim().toLowerCase(Locale.ROOT);
        if (l.equals("roi")) {
            o.laneRects = laneRects(imp);
        } else if (!l.equals("auto")) {
            int n;
            try {
                n = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw AssayException.invalid("lanes=" + lanes + ": expected auto, roi or a whole number of lanes >= 1");
            }
            if (n < 1) throw AssayException.invalid("lanes=" + lanes + ": expected auto, roi or a whole number of lanes >= 1");
            o.laneCount = n;
        }
        return o;
    }

    private List<BlotOptions.LaneRect> laneRects(ImagePlus imp) {
        Roi[] rois;
        if (!lane_rois.isBlank()) {
            rois = org.assayquant.ij.RoiFiles.read("lane_rois", lane_rois);
        } else {
            RoiManager rm = interactive() ? RoiManager.getInstance() : null;
            if (rm == null || rm.getCount() == 0)
                throw AssayException.invalid("lanes=roi: no lane rectangles (add them to the ROI Manager, or give lane_rois=<file.zip>)");
            rois = rm.getRoisAsArray();
        }
        List<BlotOptions.LaneRect> out = new ArrayList<>();
        for (Roi r : rois) {
            var b = r.getBounds();
            out.add(new BlotOptions.LaneRect(b.x, b.y, b.width, b.height));
        }
        if (out.isEmpty()) throw AssayException.invalid("lanes=roi: the ROI set is empty");
        return out;
    }
}
