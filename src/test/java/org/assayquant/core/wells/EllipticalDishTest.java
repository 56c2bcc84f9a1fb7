package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A dish photographed under mild perspective (issue 19): its rim is an ellipse, and the analysed
 * region, the rim band and the wall's zone follow it. Synthetic phone-style dish: light colonies on
 * darker agar, a thin bright wall on a dark surround, a bright blotchy meniscus along the inside of
 * the wall, colonies near the ends of the long axis (beyond the equal-area circle) and inside.
 */
class EllipticalDishTest {
    private static final int W = 620, H = 560;
    private static final double CX = 311.3, CY = 282.6, R = 240, ASPECT = 1.15, ANGLE = 0.35;

    /** Offset (dx, dy) as a fraction of the ellipse (1 on the rim) and its parametric angle. */
    private static double rho(double dx, double dy) {
        double a = R * Math.sqrt(ASPECT), b = R / Math.sqrt(ASPECT);
        double p = dx * Math.cos(ANGLE) + dy * Math.sin(ANGLE), q = -dx * Math.sin(ANGLE) + dy * Math.cos(ANGLE);
        return Math.sqrt(p * p / (a * a) + q * q / (b * b));
    }

    /** The point at fraction rho of the ellipse at parametric angle t. */
    private static double[] at(double rho, double t) {
        double a = R * Math.sqrt(ASPECT), b = R / Math.sqrt(ASPECT), p = rho * a * Math.cos(t), q = rho * b * Math.sin(t);
        return new double[] {CX + p * Math.cos(ANGLE) - q * Math.sin(ANGLE), CY + p * Math.sin(ANGLE) + q * Math.cos(ANGLE)};
    }

    private static List<double[]> colonies() {
        List<double[]> out = new ArrayList<>();
        // three colonies at each end of the long axis, 0.92 of the way to the rim, 12 degrees apart:
        // outside the equal-area circle's analysed region (0.96 R), inside the ellipse's
        for (int end = 0; end < 2; end++)
            for (int k = -1; k <= 1; k++) out.add(at(0.92, end * Math.PI + Math.toRadians(12 * k)));
        Random rnd = new Random(7);
        while (out.size() < 40) {
            double[] p = at(0.75 * Math.sqrt(rnd.nextDouble()), 2 * Math.PI * rnd.nextDouble());
            boolean free = true;
            for (double[] q : out) free &= Math.hypot(p[0] - q[0], p[1] - q[1]) > 16;
            if (free) out.add(p);
        }
        return out;
    }

    private static PlateImage image(List<double[]> colonies) {
        double[] v = new double[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double r = rho(x + 0.5 - CX, y + 0.5 - CY);
                if (r > 1) v[y * W + x] = 25; // the dark surround
                else if (r > 0.985) v[y * W + x] = 210; // the wall
                else if (r > 0.95) v[y * W + x] = 150 + 70 * (0.5 + 0.5 * Math.sin(x / 4.0 + 3 * Math.sin(y / 5.0))); // blotchy meniscus
                else v[y * W + x] = 100; // agar
            }
        }
        for (double[] c : colonies) {
            // a disc of radius ~5 with a soft edge
            for (int y = (int) c[1] - 6; y <= (int) c[1] + 6; y++) {
                for (int x = (int) c[0] - 6; x <= (int) c[0] + 6; x++) {
                    double d = Math.hypot(x + 0.5 - c[0], y + 0.5 - c[1]);
                    if (d < 5.5) v[y * W + x] = Math.max(v[y * W + x], 100 + 100 * Math.min(1, 5.5 - d));
                }
            }
        }
        int[] px = new int[W * H];
        Random rnd = new Random(3);
        for (int i = 0; i < px.length; i++) {
            int g = (int) Math.max(0, Math.min(255, Math.round(v[i] + 2 * rnd.nextGaussian())));
            px[i] = (g << 16) | (g << 8) | g;
        }
        return PlateImage.rgb(W, H, px);
    }

    @Test
    void anEllipticalDishIsAnalysedAsItsEllipse() {
        List<double[]> truth = colonies();
        WellOptions o = new WellOptions();
        o.format = PlateFormat.DISH;
        WellResult r = WellQuantifier.quantify(image(truth), o);
        WellResult.Well w = r.wells().get(0);
        // every colony counted, the ones at the long axis's ends too, none of the meniscus's blotches
        assertEquals(truth.size(), w.colonies(), 1, "colonies " + w.colonies() + ", rejected " + r.rejected());
        assertEquals(ASPECT, w.aspect(), 0.03, "the rim's ellipse");
        assertEquals(ANGLE, w.angle(), 0.05, "its long axis");
        assertEquals(CX, w.x(), 2);
        assertEquals(CY, w.y(), 2);
        assertEquals(R, w.wallRadius(), 0.02 * R, "equal-area radius of the wall");
        for (double[] c : truth.subList(0, 6)) {
            WellResult.Colony near = r.colonies().stream().filter(k -> Math.hypot(k.x() - c[0], k.y() - c[1]) < 3).findFirst().orElse(null);
            assertNotNull(near, "the colony at the long axis's end at " + c[0] + ", " + c[1] + " is counted");
        }
    }

    @Test
    void aRoundRimStaysACircle() {
        // points on a circle (and on an ellipse of aspect 1.01, below the limit) give a circle, not an ellipse
        double[] xs = new double[360], ys = new double[360];
        for (int k = 0; k < 360; k++) {
            double t = Math.toRadians(k);
            xs[k] = 100 + 50 * Math.sqrt(1.01) * Math.cos(t);
            ys[k] = 90 + 50 / Math.sqrt(1.01) * Math.sin(t);
        }
        Circle fit = EllipseFit.fit(xs, ys, 360, 100, 90, 50, 1);
        assertNotNull(fit);
        assertEquals(1.01, fit.aspect(), 1e-6);
        assertEquals(50, fit.r(), 1e-6);
        assertEquals(0, fit.angle(), 1e-6);
        assertTrue(fit.aspect() < WellFinder.MIN_ASPECT, "below the limit the finder keeps the circle");
        // collinear points: no ellipse
        for (int k = 0; k < 360; k++) ys[k] = 2 * xs[k] + 1;
        assertEquals(null, EllipseFit.fit(xs, ys, 360, 100, 90, 50, 1));
    }
}
