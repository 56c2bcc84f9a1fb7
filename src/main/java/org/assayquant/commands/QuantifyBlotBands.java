package org.assayquant.commands;

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
import org.assayquant.core.blot.FilmScan;
import org.assayquant.core.blot.GelLabels;
import org.assayquant.core.blot.GelWells;
import org.assayquant.core.blot.Ladders;
import org.assayquant.core.blot.LaneProfiles;
import org.assayquant.core.blot.LinearRange;
import org.assayquant.core.blot.MarkerLanes;
import org.assayquant.core.blot.SizeCalibration;
import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.WellFinder;
import org.assayquant.ij.BlotOverlay;
import org.assayquant.ij.Images;
import org.assayquant.ij.ProfilePlots;
import org.assayquant.ij.RoiFiles;
import org.assayquant.ij.Tables;
import org.assayquant.io.BlotTables;

/** Western-blot densitometry of one image: lanes, bands, background-corrected volumes. */
@Plugin(type = Command.class, name = "blot",
        description = "Quantify western-blot bands: lanes, bands, background-subtracted volumes, saturation flags")
public class QuantifyBlotBands extends AssayCommand {

    @Parameter(label = "Image file (empty = the active image)", persist = false, style = "open", required = true, description = "Blot image file (8/16-bit TIFF, PNG or JPEG; RGB is converted to luminance). Empty in Fiji = the active image.")
    public String image = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder for bands.csv, lanes.csv, lane_rois.zip and band_rois.zip (the lanes and bands as ROI Manager RoiSets, to correct and run again with lanes=roi), overlay.png, profiles.png (lane profiles), run.csv, and markers.csv / linear_range.csv with marker_lane / loads. Empty in Fiji = show tables only.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Lanes (auto, roi, a number, or 9;12 per strip)", persist = false, required = false, description = "auto (find lanes), a number of lanes (in every strip), one number per membrane strip top to bottom (9;12), or roi (rectangles from the ROI Manager in Fiji, or from lane_rois).")
    public String lanes = "auto";

    @Parameter(label = "Band polarity", persist = false, required = false, choices = {"auto", "light_bands", "dark_bands"}, description = "Band polarity: light bands on dark (chemiluminescence, fluorescence) or dark bands on light (film, colorimetric); dark-band images are inverted against full scale.")
    public String polarity = "auto";

    @Parameter(label = "Background under bands", persist = false, required = false, choices = {"border_median", "valley", "rolling_ball"}, description = "Background under each band: median of a ring around the band, valley-to-valley baseline along the lane, or ImageJ's rolling ball.")
    public String background = "border_median";

    @Parameter(label = "Rolling-ball radius (px, 0 = automatic)", persist = false, required = false, min = "0", description = "Rolling-ball radius in pixels (background=rolling_ball); 0 = twice the tallest band.")
    public double radius = 0;

    @Parameter(label = "Minimum band (% of the strongest)", persist = false, required = false, min = "0", max = "100", description = "Ignore peaks weaker than this percent of the strongest band (on a DNA gel whose lanes share no rows: of the lane's strongest band).")
    public double min_band_percent = 4;

    @Parameter(label = "Lane ROI file (.zip; empty = ROI Manager)", persist = false, required = false, style = "open", description = "With lanes=roi outside Fiji: an ImageJ .roi or RoiSet .zip file of lane rectangles (a run's lane_rois.zip; band rectangles named L3 R2 in it count as bands).")
    public String lane_rois = "";

    @Parameter(label = "Band ROI file (.zip; empty = ROI Manager)", persist = false, required = false, style = "open", description = "With lanes=roi outside Fiji: a RoiSet .zip of band rectangles named L3 R2 (a run's band_rois.zip, corrected): a lane with bands there is measured at exactly them, the other lanes are searched for bands.")
    public String band_rois = "";

    @Parameter(label = "Size marker lane(s) (0 = none)", persist = false, required = false, description = "Size marker lane(s): 0 = none; 1 = lane 1 of every strip; 1,12 = two marker lanes (smile interpolated between them); 1;3 = one group per strip. Bands get apparent sizes (size, size_unit in bands.csv; markers.csv).")
    public String marker_lane = "0";

    @Parameter(label = "Marker sizes (a list or a ladder name)", persist = false, required = false, description = "The marker's sizes: a list (250,150,100,... ; unit kDa, or bp when a size exceeds 1000 or the list ends in bp) or a ladder: precision_plus, pageruler_prestained, pageruler_plus, pageruler_unstained, neb_1kb, neb_100bp, generuler_1kb, generuler_100bp, generuler_1kb_plus, neb_1kb_plus.")
    public String marker_sizes = "precision_plus";

    @Parameter(label = "Relative loads per lane (linear range; optional)", persist = false, required = false, description = "Relative load of each lane for a linear-range check (a dilution series), e.g. 1,0.5,0.25,0.125,,, (empty = lane not in the series; ';' separates strips). Writes linear_range.csv; bands outside their row's linear range get status check.")
    public String loads = "";

    @Override
    public void run() {
        ImagePlus imp = imageOrActive("image", image);
        if (checkKind()) refusePlates(imp);
        List<String> notes = new ArrayList<>();
        Raster shown = Images.toRaster(imp, notes);
        // a film scan's ink, writing and the scanner bed around the film are not film density
        BlotOptions options = options();
        MarkerLanes markers = MarkerLanes.parse("marker_lane", marker_lane);
        float[] chroma = Images.chroma(imp);
        FilmScan.Cleaned film = FilmScan.clean(shown, chroma, options.polarity);
        // typed labels on a gel photo are neither lanes nor bands
        GelLabels.Cleaned labels = GelLabels.clean(film.raster(), chroma, options.polarity);
        Raster raster = labels.raster();
        notes.addAll(film.notes());
        notes.addAll(labels.notes());
        // on a gel photo with typed labels (GelLabels found words) and automatic lanes, the lanes are the wells'
        // the labels erased, the gel's dark surround outweighs its bright bands in the polarity's judgement
        // (09-12, 10-08 read dark_bands, their wells' slots "bands"): a photo GelLabels read as light bands stays so
        if (labels.glyphs() > 0 && options.polarity == BlotOptions.Polarity.AUTO) options.polarity = BlotOptions.Polarity.LIGHT_BANDS;
        GelWells.Placed wells = labels.glyphs() > 0 && options.laneRects == null && options.laneCounts.isEmpty() ? GelWells.place(raster) : null;
        if (wells != null) {
            if (!wells.lanes().isEmpty()) {
                options.laneRects = wells.lanes();
                options.wellLanes = true;
                // each tier a strip: the marker lanes per tier hold the ladder's rungs
                options.markerLanes = markers == null ? null : markers.check(wells.wells().size());
            }
            notes.addAll(wells.notes());
        }
        Ladders.Ladder ladder = Ladders.parse("marker_sizes", marker_sizes);
        BlotResult measured;
        try {
            measured = BlotQuantifier.quantify(raster, options);
            if (wells != null) measured = wells.flag(measured);
        } catch (AssayException e) {
            throw new AssayException(e.usage, "image=" + Images.fileOf(imp) + ": " + e.getMessage(), e);
        }
        Raster signal = measured.polarity() == BlotOptions.Polarity.DARK_BANDS ? raster.inverted() : raster;
        // the overlay shows the image as it is (the writing under no box), the measured raster may differ
        Raster shownSignal = shown == raster ? signal : measured.polarity() == BlotOptions.Polarity.DARK_BANDS ? shown.inverted() : shown;
        int strips = measured.strips();
        if (markers != null) markers.check(strips);
        double[][] loadList = LinearRange.parseLoads("loads", loads, strips);
        // sizes, then the linear range: each adds its reasons to the bands
        SizeCalibration.Result sizes = markers == null ? null : SizeCalibration.apply(signal, measured, markers, ladder);
        BlotResult sized = sizes == null ? measured : sizes.result();
        LinearRange.Result linear = loadList == null ? null : LinearRange.apply(sized, loadList, LinearRange.pixelNoise(signal));
        BlotResult result = linear == null ? sized : linear.result();
        double[] sizeOf = sizes == null ? null : sizes.sizes();
        if (Images.isLossy(imp)) notes.add("image " + imp.getTitle() + " is JPEG: lossy compression alters pixel values; quantify the original TIFF/PNG where possible");
        notes.addAll(result.warnings());
        if (sizes != null) notes.addAll(sizes.warnings());
        if (linear != null) notes.addAll(linear.warnings());

        String name = imp.getTitle();
        List<Roi> laneRois = laneRois(result), bandRois = bandRois(result), rois = new ArrayList<>(laneRois);
        rois.addAll(bandRois);
        List<LaneProfiles.Profile> profiles = LaneProfiles.of(signal, result);
        Publication p = new Publication(this, name)
                .table("bands.csv", "Bands", BlotTables.bands(name, result, sizeOf, ladder.unit()))
                .table("lanes.csv", "Lanes", BlotTables.lanes(name, result));
        if (sizes != null) p.table("markers.csv", "Markers", BlotTables.markers(name, sizes, ladder.sizes()));
        if (linear != null) p.table("linear_range.csv", "Linear range", BlotTables.linearRange(name, linear));
        // the lanes and bands as the ROI Manager saves them: correct them, run again with lanes=roi lane_rois=.. band_rois=..
        p.file("lane_rois.zip", os -> RoiFiles.write(laneRois, os))
                .file("band_rois.zip", os -> RoiFiles.write(bandRois, os))
                .file("overlay.png", os -> BlotOverlay.writePng(shownSignal, result, sizeOf, ladder.unit(), os))
                .file("profiles.png", os -> ProfilePlots.writePng(profiles, os), () -> ProfilePlots.plots(Tables.title(name, "Profiles"), profiles))
                .onImage(imp, () -> BlotOverlay.overlay(result, sizeOf, ladder.unit()), rois)
                .publish(out, overwrite, () -> Publication.runInfo(this, Images.fileOf(imp), result.summary(), notes), notes, Images.fileOf(imp));
    }

    /**
     * Refuses a colony plate or dish photo (a batch over a mixed folder): the wells' circular walls
     * are found there ({@link WellFinder.Plate#proven}). Measured: all 9 plate and dish photos at hand refused
     * (sample plates 12/12 walls seen, OpenCFU webcam A-D and phone dishes 1/1), none of the 14 blots
     * (sample images with the dilution blot, real-blots, blotquant-dev 00-05); 0.2-1.5 s a blot.
     */
    private static void refusePlates(ImagePlus imp) {
        WellFinder.Plate plate;
        try {
            plate = WellFinder.find(Images.plateImage(imp, new ArrayList<>()), null);
        } catch (AssayException e) {
            return; // no well walls: not a plate
        }
        if (!plate.proven()) return;
        String what = plate.format() == PlateFormat.DISH ? "a dish" : "a " + plate.format().key + "-well plate";
        throw AssayException.invalid("image=" + Images.fileOf(imp) + ": looks like a colony plate photo (the walls of " + what
                + " were found), not a blot: skipped (run the wells command on it)");
    }

    /** The lanes as named rectangles: "L3", or "S2 L3" when the image holds several strips. */
    static List<Roi> laneRois(BlotResult result) {
        boolean strips = result.lanes().stream().anyMatch(l -> l.strip() > 1);
        List<Roi> rois = new ArrayList<>();
        for (BlotResult.Lane l : result.lanes()) {
            Roi r = new Roi(l.x(), l.y(), l.width(), l.height());
            r.setName((strips ? "S" + l.strip() + " " : "") + "L" + l.index());
            r.setStrokeColor(java.awt.Color.YELLOW);
            rois.add(r);
        }
        return rois;
    }

    /** The bands (placeholders too) as named rectangles: "L3 R2" (lane, row), or "S2 L3 R5" with several strips. */
    static List<Roi> bandRois(BlotResult result) {
        boolean strips = result.lanes().stream().anyMatch(l -> l.strip() > 1);
        List<Roi> rois = new ArrayList<>();
        for (BlotResult.Band b : result.bands()) {
            Roi r = new Roi(b.x(), b.y(), b.width(), b.height());
            r.setName((strips ? "S" + b.strip() + " " : "") + "L" + b.lane() + " R" + b.row());
            r.setStrokeColor(b.detected() ? java.awt.Color.GREEN : java.awt.Color.GRAY);
            rois.add(r);
        }
        return rois;
    }

    /** A band ROI's name: "L3 R2" or "S2 L3 R2" (group 1 the lane's name, group 2 the row). */
    private static final java.util.regex.Pattern BAND_NAME = java.util.regex.Pattern.compile("((?:S\\d+ )?L\\d+) R(\\d+)");

    private BlotOptions options() {
        BlotOptions o = new BlotOptions();
        o.polarity = BlotOptions.Polarity.valueOf(polarity.toUpperCase(Locale.ROOT));
        o.background = BlotOptions.Background.valueOf(background.toUpperCase(Locale.ROOT));
        o.rollingRadius = radius;
        o.minBandPercent = min_band_percent;
        String l = lanes.trim().toLowerCase(Locale.ROOT);
        if (l.equals("roi")) {
            roiLanesAndBands(o);
        } else if (!band_rois.isBlank()) {
            throw AssayException.invalid("band_rois=" + band_rois + ": drawn bands need their lanes: give lanes=roi (with lane_rois= outside Fiji)");
        } else if (!l.equals("auto")) {
            List<Integer> counts = new ArrayList<>();
            for (String part : l.split(";", -1)) {
                int n;
                try {
                    n = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    n = 0;
                }
                if (n < 1) throw AssayException.invalid("lanes=" + lanes + ": expected auto, roi, a whole number of lanes >= 1, or one per strip (9;12)");
                counts.add(n);
            }
            o.laneCounts = List.copyOf(counts);
        }
        return o;
    }

    /**
     * Lanes and drawn bands from the ROI Manager (in Fiji) or from lane_rois / band_rois: a
     * rectangle named like "L3 R2" is a band of the lane named "L3", any other ROI is a lane.
     */
    private void roiLanesAndBands(BlotOptions o) {
        List<Roi> rois = new ArrayList<>();
        if (!lane_rois.isBlank()) {
            rois.addAll(List.of(RoiFiles.read("lane_rois", lane_rois)));
        } else {
            RoiManager rm = interactive() ? RoiManager.getInstance() : null;
            if (rm == null || rm.getCount() == 0)
                throw AssayException.invalid("lanes=roi: no lane rectangles (add them to the ROI Manager, or give lane_rois=<file.zip>)");
            rois.addAll(List.of(rm.getRoisAsArray()));
        }
        if (!band_rois.isBlank()) rois.addAll(List.of(RoiFiles.read("band_rois", band_rois)));
        List<Roi> lanes = new ArrayList<>(), bands = new ArrayList<>();
        for (Roi r : rois) (r.getName() != null && BAND_NAME.matcher(r.getName()).matches() ? bands : lanes).add(r);
        if (lanes.isEmpty()) throw AssayException.invalid("lanes=roi: the ROI set holds no lanes (only bands named like L3 R2)");
        lanes.sort(java.util.Comparator.comparingInt(r -> r.getBounds().x)); // as the quantifier orders them
        o.laneRects = new ArrayList<>();
        for (Roi r : lanes) {
            var b = r.getBounds();
            o.laneRects.add(new BlotOptions.LaneRect(b.x, b.y, b.width, b.height));
        }
        if (bands.isEmpty()) return;
        List<String> laneNames = lanes.stream().map(Roi::getName).toList();
        o.bandRects = new ArrayList<>();
        for (Roi r : bands) {
            var m = BAND_NAME.matcher(r.getName());
            m.matches();
            int lane = laneNames.indexOf(m.group(1));
            if (lane < 0) throw AssayException.invalid("lanes=roi: band " + r.getName() + " has no lane ROI named " + m.group(1));
            var b = r.getBounds();
            o.bandRects.add(new BlotOptions.BandRect(r.getName(), lane, Integer.parseInt(m.group(2)), b.x, b.y, b.width, b.height));
        }
    }
}
