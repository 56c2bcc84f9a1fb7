package org.assayquant.core.blot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.Raster;
import org.assayquant.ij.Images;
import org.assayquant.ij.ProfilePlots;
import org.assayquant.testutil.SyntheticBlot;

/** Lane profiles: one per lane, named as the overlay, each band's limits and background where the profile says. */
class LaneProfilesTest {
    @Test
    void profilesCarryTheBandsAndTheirBackground() throws Exception {
        double[][] amounts = new double[2][4];
        SyntheticBlot.Result probe = SyntheticBlot.builder().size(400, 300).lanes(4).build();
        double unit = 5.404 * probe.bandSigmaX() * probe.bandSigmaY();
        for (int l = 0; l < 4; l++) { amounts[0][l] = 20000 * unit; amounts[1][l] = 8000 * unit; }
        SyntheticBlot.Result truth = SyntheticBlot.builder().size(400, 300).lanes(4).amounts(amounts).backgroundLevel(1000).noiseSigma(20).build();
        Raster raster = Images.toRaster(truth.image(), new ArrayList<>());
        BlotResult r = BlotQuantifier.quantify(raster, new BlotOptions());
        List<LaneProfiles.Profile> ps = LaneProfiles.of(raster, r);
        assertEquals(List.of("L1", "L2", "L3", "L4"), ps.stream().map(LaneProfiles.Profile::name).toList());
        for (LaneProfiles.Profile p : ps) {
            assertEquals(2, p.bands().size(), p.name());
            for (LaneProfiles.Segment s : p.bands()) {
                assertTrue(s.label().matches(p.name().substring(1) + ":[12]"), s.label());
                // the profile peaks inside the band's limits, well above the background line there (the mean over the
                // lane's central 60% is a little below the band's amplitude: its edges fall off across the lane)
                double peak = 0;
                for (int y = s.from(); y < s.to(); y++) peak = Math.max(peak, p.values()[y - p.top()]);
                assertEquals(1000, s.background(), 60, "background per pixel near the true 1000 DN");
                assertTrue(peak > s.background() + 0.7 * (s.label().endsWith(":1") ? 20000 : 8000), p.name() + " " + s + " peak " + peak);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ProfilePlots.writePng(ps, png);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.toByteArray()));
        assertEquals(4 * ProfilePlots.PANEL_W, img.getWidth());
        assertEquals(ProfilePlots.PANEL_H, img.getHeight());
        ij.ImagePlus plots = ProfilePlots.plots("t-Profiles", ps);
        assertEquals(4, plots.getStackSize(), "one Fiji Plot per lane");
        assertEquals("L3", plots.getStack().getSliceLabel(3));
    }
}
