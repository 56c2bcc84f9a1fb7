package org.assayquant.commands;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.Roi;

import org.assayquant.core.AssayException;
import org.assayquant.core.Parallel;
import org.assayquant.ij.PngWriter;
import org.assayquant.ij.RoiFiles;
import org.assayquant.ij.Tables;
import org.assayquant.io.CsvTable;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;

/**
 * What one run of a command produces, published in one step (the same for every command): with
 * {@code out}, every file under the output contract (all or nothing) and run.csv; in Fiji, each
 * table as a named results table ("blot_chemi_16bit-Bands", which the next command takes as its
 * input), each figure as a window (the Plot, or the picture as an image), the overlay on the
 * analysed image and its ROIs in the ROI Manager; then the warnings. A command builds it after its
 * computation and calls {@link #publish} once.
 */
public final class Publication {
    private interface Item {}

    /** A table: the file, and in Fiji a results table titled "<base>-<measure>". */
    private record Table(String file, String measure, CsvTable table) implements Item {}

    /**
     * A figure: an ImageJ Plot, or a picture drawn when it is written ({@code draw}; kept in
     * {@code drawn} only for Fiji's window).
     */
    private static final class Figure implements Item {
        final String file;
        final Plot plot;
        final Supplier<BufferedImage> draw;
        BufferedImage drawn;

        Figure(String file, Plot plot, Supplier<BufferedImage> draw) {
            this.file = file;
            this.plot = plot;
            this.draw = draw;
        }

        /** The picture (drawn now if not yet; kept when {@code keep}). */
        BufferedImage image(boolean keep) {
            if (plot != null) return plot.getImagePlus().getBufferedImage();
            BufferedImage img = drawn != null ? drawn : draw.get();
            if (keep) drawn = img;
            return img;
        }
    }

    /** A file with no Fiji window (an RoiSet, a QC picture whose Fiji form is the overlay). */
    private record File(String file, OutputFolder.Content content) implements Item {}

    /** A file whose Fiji form is a window of its own (the lane profiles' Plot stack). */
    private record Window(String file, OutputFolder.Content content, Supplier<ImagePlus> window) implements Item {}

    private final AssayCommand command;
    private final String base;
    private final List<Item> items = new ArrayList<>();
    private ImagePlus image;
    private Supplier<Overlay> overlay;
    private List<Roi> rois = List.of();

    /** {@code base}: the input whose short name titles the Fiji windows (an image title or a file path). */
    Publication(AssayCommand command, String base) {
        this.command = command;
        this.base = base;
    }

    Publication table(String file, String measure, CsvTable t) {
        items.add(new Table(file, measure, t));
        return this;
    }

    Publication plot(String file, Plot p) {
        items.add(new Figure(file, p, null));
        return this;
    }

    /** A picture drawn only when it is written (or shown): see {@link #encoded}. */
    Publication figure(String file, Supplier<BufferedImage> draw) {
        items.add(new Figure(file, null, draw));
        return this;
    }

    Publication file(String file, OutputFolder.Content content) {
        items.add(new File(file, content));
        return this;
    }

    Publication file(String file, OutputFolder.Content content, Supplier<ImagePlus> window) {
        items.add(new Window(file, content, window));
        return this;
    }

    /**
     * In Fiji: the overlay on the analysed image (shown if it was not) and these ROIs in the ROI Manager, to correct and
     * run again. The overlay is made only when shown (a command line has no use for its ImageJ shapes).
     */
    Publication onImage(ImagePlus imp, Supplier<Overlay> o, List<Roi> rs) {
        this.image = imp;
        this.overlay = o;
        this.rois = rs;
        return this;
    }

    /**
     * Writes (when {@code out} is given: every file, then run.csv from {@code runInfo}, committed
     * together; no output may replace one of the {@code inputs}, null ones are skipped), shows (when
     * interactive) and logs the warnings.
     */
    void publish(String out, boolean overwrite, Supplier<CsvTable> runInfo, List<String> warnings, String... inputs) {
        for (Item it : items) if (it instanceof Table t) command.tables.put(t.file, Tables.toResultsTable(t.table));
        command.warnings = String.join("\n", warnings);
        if (!out.isBlank()) {
            Path[] in = Arrays.stream(inputs).filter(Objects::nonNull).map(Path::of).toArray(Path[]::new);
            try (OutputFolder o = command.output(out, overwrite, in)) {
                Map<Figure, byte[]> png = encoded();
                Map<String, Path> folders = new HashMap<>();
                for (Item it : items) {
                    if (it instanceof Figure f && f.file.contains("/")) writeInFolder(o, folders, f, png.get(f), out);
                    else if (it instanceof Table t) o.write(t.file, t.table);
                    else if (it instanceof Figure f) o.write(f.file, os -> os.write(png.get(f)));
                    else if (it instanceof File f) o.write(f.file, f.content);
                    else if (it instanceof Window w) o.write(w.file, w.content);
                }
                o.write("run.csv", runInfo.get());
                o.commit();
            }
        }
        if (command.interactive()) show();
        for (String w : warnings) command.log("warning: " + w);
    }

    /** A figure named "folder/file.png" (a synergy block's plots): into that subfolder of the output. */
    private static void writeInFolder(OutputFolder o, Map<String, Path> folders, Figure f, byte[] png, String out) {
        String folder = f.file.substring(0, f.file.indexOf('/'));
        try {
            Path dir = folders.computeIfAbsent(folder, o::folder);
            Files.createDirectories(dir);
            Files.write(dir.resolve(f.file.substring(folder.length() + 1)), png);
        } catch (IOException e) {
            throw AssayException.failed("cannot write " + Path.of(out).resolve(f.file) + ": " + OutputFolder.describe(e));
        }
    }

    /**
     * Every figure as PNG bytes: drawn here in order (ImageJ's drawing is not meant for several
     * threads), each encoded on every core while the next ones are drawn, and let go once encoded
     * unless Fiji shows it. A 20-block synergy screen writes 180 plots: encoding them one by one
     * was half of its output time, and the 180 pictures held at once (210 MB) were most of the
     * work of its garbage collector.
     */
    private Map<Figure, byte[]> encoded() {
        List<Figure> figures = items.stream().filter(Figure.class::isInstance).map(Figure.class::cast).toList();
        boolean keep = command.interactive();
        List<byte[]> png = Parallel.pipeline(figures.size(), Runtime.getRuntime().availableProcessors(), "assayquant-figures",
                k -> figures.get(k).image(keep), Publication::png);
        Map<Figure, byte[]> byFigure = new IdentityHashMap<>();
        for (int k = 0; k < figures.size(); k++) byFigure.put(figures.get(k), png.get(k));
        return byFigure;
    }

    /**
     * PNG bytes: an opaque 8-bit RGB picture straight from its pixels
     * ({@link PngWriter#imageIoCompatible}, the bytes ImageIO writes), anything else through
     * ImageIO's own PNG writer and an in-memory stream (ImageIO.write's default caches each stream
     * in a temporary file).
     */
    private static byte[] png(BufferedImage img) {
        int[] rgb = packedRgb(img);
        if (rgb != null) return PngWriter.imageIoCompatible(rgb, img.getWidth(), img.getHeight());
        Iterator<javax.imageio.ImageWriter> writers = javax.imageio.ImageIO.getImageWriters(javax.imageio.ImageTypeSpecifier.createFromRenderedImage(img), "png");
        if (!writers.hasNext()) throw new IllegalStateException("no PNG writer for " + img);
        javax.imageio.ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(ios);
            writer.write(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The pixels of a TYPE_INT_RGB picture whose raster is exactly its own width x height array (as drawn here), else null. */
    private static int[] packedRgb(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_INT_RGB) return null;
        java.awt.image.WritableRaster r = img.getRaster();
        if (r.getParent() != null || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0
                || !(r.getDataBuffer() instanceof java.awt.image.DataBufferInt data) || data.getNumBanks() != 1 || data.getOffset() != 0
                || !(r.getSampleModel() instanceof java.awt.image.SinglePixelPackedSampleModel sm) || sm.getScanlineStride() != img.getWidth()) return null;
        int[] rgb = data.getData();
        return rgb.length == img.getWidth() * img.getHeight() ? rgb : null;
    }

    private void show() {
        for (Item it : items) {
            if (it instanceof Table t) command.tables.get(t.file).show(Tables.title(base, t.measure)); // the output's table, converted once
            else if (it instanceof Figure f && f.plot != null) f.plot.show();
            else if (it instanceof Figure f) new ImagePlus(Tables.title(base, f.file.replaceFirst("\\.png$", "").replace('/', '-')), f.image(false)).show();
            else if (it instanceof Window w) w.window.get().show();
        }
        if (image != null) {
            image.setOverlay(overlay.get());
            if (image.getWindow() == null) image.show(); // opened from image=<file>: the person sees what was measured
            else ij.IJ.selectWindow(image.getID()); // the measured image stays the active one, so a second run (lanes=roi) takes it, not a figure
            if (!rois.isEmpty()) RoiFiles.toManager(image, rois);
        }
    }

    /** run.csv of a command: its name, input, every parameter, results and warnings (RunInfo). */
    static CsvTable runInfo(AssayCommand command, String input, Map<String, ?> results, List<String> notes) {
        String name = command.getClass().getAnnotation(org.scijava.plugin.Plugin.class).name();
        return RunInfo.table(name, input, Commands.get(name).values(command), results, notes);
    }
}
