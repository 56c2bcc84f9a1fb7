package org.assayquant.cli;

import static org.assayquant.testutil.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.blot.SizeCalibrationTest;
import org.assayquant.testutil.CliRun.Run;
import org.assayquant.testutil.SyntheticBlot;

/** The size and linear-range keys from the command line: columns, files, one error line for a bad key. */
class BlotSizesCliTest {
    @TempDir
    Path tmp;

    @Test
    void markerLaneGivesSizesAndLoadsGiveALinearRange() throws Exception {
        SyntheticBlot.Result truth = SizeCalibrationTest.blot(SizeCalibrationTest.PP.sizes(), new int[] {0}, new double[0], 10, 0, 1);
        Path img = tmp.resolve("marker.tif");
        ij.IJ.saveAsTiff(truth.image(), img.toString());
        Path out = tmp.resolve("out");
        Run r = run("blot", "image=" + img, "out=" + out, "lanes=9", "marker_lane=1", "marker_sizes=precision_plus", "loads=,1,0.8,0.6,0.5,0.4,0.3,0.2,0.1");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("band_rois.zip", "bands.csv", "lane_rois.zip", "lanes.csv", "linear_range.csv", "markers.csv", "overlay.png", "profiles.png", "run.csv"),
                CliTest.names(out));
        List<String> lines = Files.readAllLines(out.resolve("bands.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(List.of("size", "size_unit"), header.subList(header.size() - 2, header.size()), "appended at the end");
        int lane = header.indexOf("lane"), size = header.indexOf("size"), y = header.indexOf("y"), h = header.indexOf("height");
        int sized = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c[lane].equals("1")) continue;
            double fy = (Integer.parseInt(c[y]) + Integer.parseInt(c[h]) / 2.0) / truth.height(), best = 0;
            for (double p : SizeCalibrationTest.PROTEINS) if (best == 0 || Math.abs(SizeCalibrationTest.rf(p) - fy) < Math.abs(SizeCalibrationTest.rf(best) - fy)) best = p;
            assertEquals(best, Double.parseDouble(c[size]), 0.05 * best, line);
            assertEquals("kDa", c[size + 1]);
            sized++;
        }
        assertEquals(24, sized);
        assertTrue(Files.readString(out.resolve("markers.csv")).contains(",250,kDa,"));
        assertEquals(4, Files.readAllLines(out.resolve("linear_range.csv")).size(), "one line per row plus the header");
    }

    @Test
    void aBadLadderIsOneErrorLine() throws Exception {
        Run r = run("blot", "image=" + CliTest.CHEMI, "out=" + tmp.resolve("o"), "marker_lane=1", "marker_sizes=biorad");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error: marker_sizes=biorad"), r.toString());
        assertTrue(!Files.exists(tmp.resolve("o")));
        Run l = run("blot", "image=" + CliTest.CHEMI, "out=" + tmp.resolve("o"), "loads=1,2");
        assertEquals(2, l.status(), l.toString());
        assertTrue(l.errLines().get(0).startsWith("error: loads=1,2"), l.toString());
    }
}
