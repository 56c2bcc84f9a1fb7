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
