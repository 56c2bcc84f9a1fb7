package org.assayquant.ij;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipInputStream;

import ij.gui.Roi;
import ij.io.RoiDecoder;

import org.assayquant.core.AssayException;

/** ImageJ ROI files outside Fiji: one .roi, or a RoiSet .zip as the ROI Manager saves it. */
public final class RoiFiles {
    private RoiFiles() {}

    /**
     * A RoiSet .zip as the ROI Manager saves it (entries "name.roi" in order; ROI Manager >
     * More > Open reads it, names included), so a person can correct what a run found and run again.
     */
    public static void write(List<Roi> rois, java.io.OutputStream os) throws IOException {
        java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(os);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Roi r : rois) {
            String name = r.getName() == null ? "roi" : r.getName();
            String entry = name;
            for (int k = 2; !used.add(entry); k++) entry = name + "-" + k;
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(entry + ".roi");
            e.setTimeLocal(java.time.LocalDateTime.of(2000, 1, 1, 0, 0)); // the same bytes for the same lanes, any day, any time zone
            zip.putNextEntry(e);
            zip.write(ij.io.RoiEncoder.saveAsByteArray(r));
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Puts a run's ROIs into the ROI Manager in place of what it held (named, e.g. L1.., L3 R2 or
     * B4), attached to the image: the person corrects them there and runs again with lanes=roi or
     * wells=roi, which measures exactly these ROIs.
     */
    public static void toManager(ij.ImagePlus imp, List<Roi> rois) {
        ij.plugin.frame.RoiManager rm = ij.plugin.frame.RoiManager.getInstance(); // in a batch-mode macro: the macro's hidden one
        if (rm == null) rm = ij.plugin.frame.RoiManager.getRoiManager();
        rm.reset();
        for (Roi r : rois) rm.add(imp, (Roi) r.clone(), -1);
        rm.runCommand("Show All with labels");
    }

    /** The ROIs of {@code path}; {@code key} (e.g. lane_rois) names it in errors. Never empty. */
    public static Roi[] read(String key, String path) {
        File f = new File(path);
        if (!f.isFile()) throw AssayException.invalid(key + "=" + path + ": no such file");
        try {
            if (path.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                List<Roi> rois = new ArrayList<>();
                try (ZipInputStream zin = new ZipInputStream(new FileInputStream(f))) {
                    for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                        if (!e.getName().endsWith(".roi")) continue;
                        Roi r = RoiDecoder.openFromByteArray(zin.readAllBytes());
                        if (r != null) rois.add(r);
                    }
                }
                if (rois.isEmpty()) throw AssayException.invalid(key + "=" + path + ": no ImageJ ROIs in the zip file");
                return rois.toArray(new Roi[0]);
            }
            Roi r = new RoiDecoder(path).getRoi();
            if (r == null) throw AssayException.invalid(key + "=" + path + ": not an ImageJ ROI file");
            return new Roi[] {r};
        } catch (IOException | RuntimeException e) {
            if (e instanceof AssayException a) throw a;
            throw AssayException.invalid(key + "=" + path + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
