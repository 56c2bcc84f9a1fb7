package org.assayquant.testutil;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.assayquant.core.wells.PlateFormat;

/**
 * Test fixture: a synthetic photograph or scan of a colony-formation assay (crystal-violet stained
 * multi-well plate or dish, or bacterial colonies on agar) with exactly known truth.
 *
 * <h2>Geometry</h2>
 * <ul>
 * <li>All lengths are chosen in mm and converted with {@code pxPerMm}. Plates have the SBS/ANSI
 *     footprint 127.76 x 85.48 mm (corner radius 3 mm), wells on a centred rows x columns lattice
 *     with the format's centre pitch and inner diameter (6-well 39.12/34.8, 12-well 26.01/22.1,
 *     24-well 19.30/15.6, 48-well 13.08/11.05, 96-well 9.00/6.86 mm). A dish is an 86-mm agar disc
 *     (its "well") inside a 90-mm dish.</li>
 * <li>The plate frame is centred at {@code plateCentre} (default: the image centre) and rotated by
 *     {@code rotationDeg} about it; positive is clockwise on screen. {@code portrait(true)} turns the
 *     plate by 90 degrees first, so e.g. a 12-well plate shows 4 rows x 3 columns.</li>
 * <li>Wells are labelled as the image shows them: rows A, B, ... top to bottom, columns 1, 2, ...
 *     left to right; well index = row * columns + column (row-major, A1 = 0).</li>
 * </ul>
 *
 * <h2>Pixel model</h2>
 * Pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)} and is sampled at its centre
 * {@code (i + 0.5, j + 0.5)}. Transmitted (or diffusely reflected) light per channel c:
 * <pre>
 *   value_c = clip(round( Wh * L(x,y) * 10^(-OD_c(x,y)) [blurred] + noise ))   [then optional JPEG]
 *   Wh      = whiteLevel * max                    (max = 255 or 65535)
 *   L(x,y)  = (1 - vignetting * rho^2) * (1 + gx * (x/W - 1/2) + gy * (y/H - 1/2)),
 *             rho = distance from the image centre / half the image diagonal
 *   OD_c    = k_c * (S(x,y) + B(x,y)) + N(x,y) + t_c * F(x,y)
 * </pre>
 * <ul>
 * <li>{@code S}: the colony stain optical density (the truth map, {@link Result#stainOd}). Colony j
 *     has outline {@code R_j(theta) = R_j (1 + a2 cos(2 theta - p2) + a3 cos(3 theta - p3))} about its
 *     centre and adds {@code peak_j * (rim + (1 - rim)(1 - u^2)) * texture_j(x, y)} for
 *     {@code u = r / R_j(theta) < 1} (dense centre, lighter rim, a sharp edge), 0 outside; overlapping
 *     colonies add. {@code texture = 1 + tex * mean of three cosines} of random direction and
 *     wavelength {@code textureScaleMm} (evaluated at the pixel centre). Pixels cut by an outline
 *     take the mean of n x n sub-samples ({@code supersample}, default 2) of the profile.</li>
 * <li>{@code B}: diffuse background stain, a constant OD per well ({@code backgroundStainOd} times
 *     {@code 1 + jitter * N(0,1)}, at least 0) on the well floor {@code F}, plus an optional haze
 *     {@code hazeOd * (1 + mean of three cosines) / 2} of random direction and wavelength
 *     {@code hazeScaleMm} (not colony stain: not in the truth map).</li>
 * <li>{@code F}: the well-floor weight, 1 inside the inner wall, 0 outside, linear over 1 px.</li>
 * <li>{@code k_c}: stain absorption per channel, relative to the reference channel whose k = 1 (the
 *     stain OD S is the OD in that channel): crystal violet RGB (0.55, 1, 0.30) (green reference; a
 *     colony of peak 0.8 is about RGB (85, 37, 135) on white 235); bacterial RGB (0.25, 0.55, 1)
 *     (blue reference, yellow-brown); gray modes k = 1.</li>
 * <li>{@code t_c}: medium tint (agar) per channel, bacterial RGB (0.03, 0.07, 0.25), else 0.</li>
 * <li>{@code N}: neutral (grey) OD of everything that is not stain. With {@code d} = distance from
 *     the nearest well's inner wall in px (negative inside): wall shadow
 *     {@code wallOd * ((d + sh) / sh)^2} for {@code -sh <= d < 0}; the wall {@code wallOd} for
 *     {@code 0 <= d < wall}; a lighter plastic rim {@code -rimLift} (negative OD = brighter) for
 *     {@code wall <= d < wall + rim}; the plate body {@code -log10(plateBodyLevel)} beyond. The plate
 *     (dish) outline: a darker skirt {@code skirtOd} over the last {@code skirtMm} inside it, the
 *     surround {@code -log10(surroundLevel)} outside. Steps are blended linearly over 1 px. Then
 *     artefacts add OD: dust specks (discs of OD {@code dustOd}, radius below half the smallest
 *     colony radius), pen marks (a curved line of width {@code penWidthMm} and OD {@code penOd}
 *     crossing a well wall), bubbles (a ring of OD 0.35 about 0.1 mm wide with a brighter centre,
 *     OD -0.04 inside 0.6 of its radius).</li>
 * <li>Optical blur (Gaussian, {@code blurPx}) acts on the light image; noise is Gaussian with
 *     {@code noiseSigma} DN, added before rounding; JPEG ({@code jpegQuality}) encodes and decodes
 *     the final 8-bit image with {@link ImageIO}.</li>
 * </ul>
 *
 * <h2>Colonies</h2>
 * Radii (mean outline radius) are log-normal (median {@code colonyRadiusMm}, log-sd) clipped to
 * {@code colonyRadiusRangeMm}; {@code a2, a3} uniform in +-{@code irregularity}; peaks
 * {@code colonyPeakOd * exp(jitter * N(0,1))} clipped to 0.5..2 times the nominal peak. Each colony's
 * outline stays inside the well circle shrunk by {@code edgeMarginFraction}. Isolated colonies keep
 * a gap of at least {@code minGapPx} between their largest possible outlines. A fraction
 * {@code touchingFraction} of each well's colonies is placed in touching groups (pairs, and triplets
 * with probability {@code tripletFraction}): a member sits at centre distance
 * {@code (1 - touchOverlap) * (Rmin_a + Rmin_b)} from another member ({@code Rmin} = smallest outline
 * radius), so touching outlines always overlap; the group keeps the gap to everything else.
 *
 * <h2>Truth</h2>
 * Colony count per well = colonies placed (a touching pair counts 2). A colony's true area is the
 * exact area inside its outline {@code pi R^2 (1 + (a2^2 + a3^2)/2)} in px^2 (and the rendered area
 * sum of sub-sample coverage). The true stained area percent of a well
 * ({@link Result#areaPercent}) counts the pixels whose centre lies in the analysed circle (the
 * inner-wall circle shrunk by {@code marginFraction}) and whose colony stain OD {@code S} exceeds
 * {@code thresholdFraction * colonyPeakOd} (the nominal peak); background stain, walls and artefacts
 * are not stain. {@link Result#coveredPercent} is the threshold-free version: the area inside the union
 * of the colony outlines (sub-sample coverage) as percent of the analysed circle. All random choices derive from {@code seed} (one stream per well for colonies, one
 * for artefacts, one for noise), so the same builder gives the same image bit for bit.
 */
public final class SyntheticPlate {

    public static final double PLATE_WIDTH_MM = 127.76;
    public static final double PLATE_HEIGHT_MM = 85.48;
    public static final double PLATE_CORNER_MM = 3.0;
    /** Outer diameter of a dish; its agar disc (the analysed "well") is {@link PlateFormat#DISH}'s 86 mm. */
    public static final double DISH_OUTER_MM = 90.0;
    private static final double LN10 = Math.log(10);

    private SyntheticPlate() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Colour / storage mode of the image. */
    public enum Mode {
        /** RGB photo of crystal-violet stained colonies (purple on white); reference channel green. */
        CRYSTAL_VIOLET_RGB(3, 255, new double[] {0.55, 1.0, 0.30}, new double[] {0, 0, 0}, 0.8),
        /** RGB photo of yellow-brown bacterial colonies on amber agar; reference channel blue. */
        BACTERIAL_RGB(3, 255, new double[] {0.25, 0.55, 1.0}, new double[] {0.03, 0.07, 0.25}, 0.5),
        /** 8-bit grayscale (dark colonies on a light background). */
        GRAY8(1, 255, new double[] {1}, new double[] {0}, 0.6),
        /** 16-bit grayscale scan. */
        GRAY16(1, 65535, new double[] {1}, new double[] {0}, 0.6);

        public final int channels, max;
        private final double[] k, tint;
        /** Default nominal colony peak OD (reference channel). */
        public final double defaultPeakOd;

        Mode(int channels, int max, double[] k, double[] tint, double defaultPeakOd) {
            this.channels = channels;
            this.max = max;
            this.k = k;
            this.tint = tint;
            this.defaultPeakOd = defaultPeakOd;
        }

        /** Stain absorption per channel relative to the reference channel (k = 1 there). */
        public double[] absorption() {
            return k.clone();
        }

        /** Medium (agar) OD per channel on the well floor. */
        public double[] tint() {
            return tint.clone();
        }

        public int bitDepth() {
            return channels == 3 ? 24 : max == 255 ? 8 : 16;
        }
    }

    /** Builder; defaults give a clean, noiseless 1200 x 840 crystal-violet 12-well plate photo. */
    public static final class Builder {
        private PlateFormat format = PlateFormat.W12;
        private Mode mode = Mode.CRYSTAL_VIOLET_RGB;
        private int width = -1, height = -1;
        private double pxPerMm = Double.NaN;
        private double centreX = Double.NaN, centreY = Double.NaN;
        private double rotationDeg;
        private boolean portrait;
        private int[] counts;
        private IntUnaryOperator countFn;
        private int[] countsByColumn;
        private double radiusMedianMm = Double.NaN, radiusLogSd = 0.3;
        private double radiusMinMm = Double.NaN, radiusMaxMm = Double.NaN;
        private double peakOd = Double.NaN, peakJitter = 0.15;
        private double rimLevel = 0.4;
        private double irregularity = 0.05;
        private double texture;
        private double textureScaleMm = 0.25;
        private double touchingFraction = 0.1, touchOverlap = 0.2, tripletFraction = 0.25;
        private double edgeMargin = 0.05;
        private double minGapPx = 2;
        private double bgStainOd = 0.02, bgStainJitter = 0.3;
        private double hazeOd, hazeScaleMm = 3;
        private double whiteLevel = 0.92;
        private double vignetting;
        private double gradX, gradY;
        private double wallShadowMm = 0.5, wallMm = 0.8, wallOd = 0.45, rimMm = 0.6, rimLift = 0.03;
        private double skirtMm = 1.2, skirtOd = 0.3;
        private double plateBodyLevel = 0.9, surroundLevel = 0.35;
        private int dust;
        private double dustOd = 0.6, dustMaxRadiusPx = Double.NaN;
        private int penMarks;
        private double penOd = 0.9, penWidthMm = 0.45;
        private int bubbles;
        private double noiseSigma;
        private double blurPx;
        private int jpegQuality;
        private int supersample = 2;
        private long seed = 1L;
        private String title = "synthetic-plate";

        private Builder() {
        }

        public Builder format(PlateFormat f) { this.format = f; return this; }

        /** "dish", "6", "12", "24", "48" or "96". */
        public Builder format(String key) { this.format = PlateFormat.parse("format", key); return this; }

        public Builder mode(Mode m) { this.mode = m; return this; }

        /** Image size in px; default 1200 x 840 for plates, 1000 x 1000 for a dish. */
        public Builder size(int width, int height) { this.width = width; this.height = height; return this; }

        /** Scale; default: the (rotated) plate or 90-mm dish fills the image with a 6 % margin. */
        public Builder pxPerMm(double s) { this.pxPerMm = s; return this; }

        /** Plate (dish) centre in image px; default the image centre. */
        public Builder plateCentre(double x, double y) { this.centreX = x; this.centreY = y; return this; }

        /** Rotation of the plate about its centre, degrees, positive = clockwise on screen. */
        public Builder rotationDeg(double deg) { this.rotationDeg = deg; return this; }

        /** Plate turned by 90 degrees (a 12-well plate shows 4 rows x 3 columns). */
        public Builder portrait(boolean p) { this.portrait = p; return this; }

        /** Colony count per well, by well index (row-major as shown); length = number of wells. */
        public Builder colonies(int... perWell) {
            this.counts = perWell.clone();
            this.countFn = null;
            this.countsByColumn = null;
            return this;
        }

        /** Colony count as a function of the well index (row-major as shown, A1 = 0). */
        public Builder colonies(IntUnaryOperator byWellIndex) {
            this.countFn = byWellIndex;
            this.counts = null;
            this.countsByColumn = null;
            return this;
        }

        /** The same count down each column (columns as shown, left to right), e.g. a dose series. */
        public Builder coloniesByColumn(int... perColumn) {
            this.countsByColumn = perColumn.clone();
            this.counts = null;
            this.countFn = null;
            return this;
        }

        /** Median colony radius (mm) and log-normal spread (sd of ln radius); default min(0.8, 0.06 * well diameter), 0.3. */
        public Builder colonyRadiusMm(double median, double logSd) {
            this.radiusMedianMm = median;
            this.radiusLogSd = logSd;
            return this;
        }

        /** Clip range of the colony radius (mm); default 0.5 to 2 times the median. */
        public Builder colonyRadiusRangeMm(double min, double max) {
            this.radiusMinMm = min;
            this.radiusMaxMm = max;
            return this;
        }

        /** Nominal colony peak OD (reference channel); default 0.8 crystal violet RGB, 0.5 bacterial, 0.6 gray. */
        public Builder colonyPeakOd(double od) { this.peakOd = od; return this; }

        /** Log-sd of the per-colony peak OD (default 0.15). */
        public Builder colonyPeakJitter(double logSd) { this.peakJitter = logSd; return this; }

        /** Colony OD at its edge relative to its centre, 0..1 (default 0.4: dense centre, lighter rim). */
        public Builder colonyRimLevel(double f) { this.rimLevel = f; return this; }

        /** Amplitude bound of the 2nd and 3rd outline harmonics (default 0.05). */
        public Builder colonyIrregularity(double a) { this.irregularity = a; return this; }

        /** Textured interior: relative OD modulation amplitude (default 0) and wavelength in mm (default 0.25). */
        public Builder colonyTexture(double amplitude, double scaleMm) {
            this.texture = amplitude;
            this.textureScaleMm = scaleMm;
            return this;
        }

        /** Fraction of colonies placed in touching groups (default 0.1). */
        public Builder touchingFraction(double f) { this.touchingFraction = f; return this; }

        /** Overlap of touching colonies: centre distance = (1 - overlap) * (Rmin_a + Rmin_b); default 0.2. */
        public Builder touchOverlap(double f) { this.touchOverlap = f; return this; }

        /** Share of touching groups that are triplets (default 0.25). */
        public Builder tripletFraction(double f) { this.tripletFraction = f; return this; }

        /** Colonies stay inside the inner-wall circle shrunk by this fraction of its radius (default 0.05). */
        public Builder edgeMarginFraction(double f) { this.edgeMargin = f; return this; }

        /** Minimum gap (px) between the outlines of colonies that do not touch (default 2). */
        public Builder minGapPx(double px) { this.minGapPx = px; return this; }

        /** Diffuse background stain OD per well (reference channel) and its relative jitter; default 0.02, 0.3. */
        public Builder backgroundStain(double od, double relativeJitter) {
            this.bgStainOd = od;
            this.bgStainJitter = relativeJitter;
            return this;
        }

        /**
         * Diffuse stain haze on the well floors (stain hue, not colony stain: not in the truth map):
         * OD {@code od * (1 + mean of three cosines)/2}, from 0 to od, of random direction and
         * wavelength {@code scaleMm} (default 0: none).
         */
        public Builder haze(double od, double scaleMm) {
            this.hazeOd = od;
            this.hazeScaleMm = scaleMm;
            return this;
        }

        /** Light level of a clean floor at the image centre, as a fraction of full scale (default 0.92). */
        public Builder whiteLevel(double f) { this.whiteLevel = f; return this; }

        /** Fraction of light lost in the image corners (radial fall-off, default 0). */
        public Builder vignetting(double f) { this.vignetting = f; return this; }

        /** Relative illumination change across the full width and across the full height (default 0, 0). */
        public Builder illuminationGradient(double acrossWidth, double acrossHeight) {
            this.gradX = acrossWidth;
            this.gradY = acrossHeight;
            return this;
        }

        /** Wall shadow inside the well: width (mm) of the ramp up to the wall OD (default 0.5 mm). */
        public Builder wallShadowMm(double mm) { this.wallShadowMm = mm; return this; }

        /** Dark wall: thickness (mm) and OD (default 0.8 mm, 0.45). */
        public Builder wall(double mm, double od) {
            this.wallMm = mm;
            this.wallOd = od;
            return this;
        }

        /** Lighter plastic rim beyond the wall: width (mm) and brightening (negative OD; default 0.6 mm, 0.03). */
        public Builder rim(double mm, double lift) {
            this.rimMm = mm;
            this.rimLift = lift;
            return this;
        }

        /** Darker skirt along the plate (dish) outline: width (mm) and OD (default 1.2 mm, 0.3). */
        public Builder skirt(double mm, double od) {
            this.skirtMm = mm;
            this.skirtOd = od;
            return this;
        }

        /** Brightness of the plate body between wells relative to a clean floor (default 0.9; &gt; 1 lighter). */
        public Builder plateBodyLevel(double f) { this.plateBodyLevel = f; return this; }

        /** Brightness outside the plate (table, scanner lid) relative to a clean floor (default 0.35). */
        public Builder surroundLevel(double f) { this.surroundLevel = f; return this; }

        /** Number of dust specks anywhere in the image (default 0). */
        public Builder dust(int count) { this.dust = count; return this; }

        /** Dust OD and largest radius in px (default 0.6 and half the smallest colony radius). */
        public Builder dustLook(double od, double maxRadiusPx) {
            this.dustOd = od;
            this.dustMaxRadiusPx = maxRadiusPx;
            return this;
        }

        /** Number of pen marks, each a thin curved line across the wall of a random well (default 0). */
        public Builder penMarks(int count) { this.penMarks = count; return this; }

        /** Pen mark OD and width in mm (default 0.9, 0.45). */
        public Builder penLook(double od, double widthMm) {
            this.penOd = od;
            this.penWidthMm = widthMm;
            return this;
        }

        /** Number of bubbles (rings with a bright centre, radius 0.6-1.5 mm) inside random wells (default 0). */
        public Builder bubbles(int count) { this.bubbles = count; return this; }

        /** Gaussian noise sigma in DN (default 0). */
        public Builder noiseSigma(double dn) { this.noiseSigma = dn; return this; }

        /** Gaussian optical blur sigma in px applied to the light image (default 0). */
        public Builder blurPx(double sigma) { this.blurPx = sigma; return this; }

        /** JPEG encode/decode at this quality 1..100 (0 = off, default); 8-bit modes only. */
        public Builder jpegQuality(int q) { this.jpegQuality = q; return this; }

        /** Sub-samples per axis for pixels cut by a colony outline (1..4, default 2). */
        public Builder supersample(int n) { this.supersample = n; return this; }

        public Builder seed(long seed) { this.seed = seed; return this; }

        public Builder title(String title) { this.title = title; return this; }

        /** No background stain, walls, rim, skirt, vignetting, gradient, noise, blur: an ideal image for truth checks. */
        public Builder clean() {
            bgStainOd = 0;
            vignetting = 0;
            gradX = 0;
            gradY = 0;
            wallOd = 0;
            rimLift = 0;
            skirtOd = 0;
            noiseSigma = 0;
            blurPx = 0;
            jpegQuality = 0;
            return this;
        }

        public Result build() {
            return new Generator(this).run();
        }
    }

    /** One colony, truth in image px. */
    public record Colony(int well, int index, int group, int groupSize, double x, double y, double radius,
            double area, double renderedArea, double peakOd, double a2, double phase2, double a3, double phase3) {

        /** Member of a touching pair or triplet. */
        public boolean touching() {
            return groupSize > 1;
        }

        /** Outline radius (px) in direction theta (radians, image coordinates, y down). */
        public double boundaryRadius(double theta) {
            return radius * (1 + a2 * Math.cos(2 * theta - phase2) + a3 * Math.cos(3 * theta - phase3));
        }

        public double minRadius() {
            return radius * (1 - Math.abs(a2) - Math.abs(a3));
        }

        public double maxRadius() {
            return radius * (1 + Math.abs(a2) + Math.abs(a3));
        }

        /** True if image point (px, py) is strictly inside the outline. */
        public boolean contains(double px, double py) {
            double dx = px - x, dy = py - y;
            double r = Math.hypot(dx, dy);
            return r < boundaryRadius(Math.atan2(dy, dx));
        }
    }

    /**
     * An artefact that is not a colony: kind "dust", "pen" or "bubble"; centre and size (radius, or
     * for a pen mark half its width) in px; the well it lies in or crosses ("" for dust outside wells);
     * for pen marks the polyline {x0, y0, x1, y1, ...}.
     */
    public record Artefact(String kind, String well, double x, double y, double size, double[] path) {
    }

    private static final class Shape {
        double x, y, r, a2, p2, a3, p3, peak, cp2, sp2, cp3, sp3;
        double rmin, rmax;
        double kx1, ky1, ph1, kx2, ky2, ph2, kx3, ky3, ph3;
        int group, groupSize;
        double rendered;

        double boundary(double c, double s) {
            // cos/sin of 2 theta and 3 theta from cos/sin theta
            double c2 = c * c - s * s, s2 = 2 * s * c;
            double c3 = c2 * c - s2 * s, s3 = s2 * c + c2 * s;
            return r * (1 + a2 * (c2 * cp2 + s2 * sp2) + a3 * (c3 * cp3 + s3 * sp3));
        }
    }

    private static final class Generator {
        final Builder b;
        final PlateFormat f;
        final Mode m;
        final int w, h, rows, cols, nWells;
        final double s, cos, sin, pcx, pcy, pitchPx, wellRpx;
        final double[] wellX, wellY, bgOd;
        final String[] labels;
        final double peakOd, radiusMedianPx, radiusMinPx, radiusMaxPx;
        final double footW, footH; // px, as displayed before rotation

        Generator(Builder b) {
            this.b = b;
            f = b.format;
            m = b.mode;
            if (f == null || m == null) throw new IllegalArgumentException("format and mode are required");
            boolean dish = f == PlateFormat.DISH;
            w = b.width > 0 ? b.width : dish ? 1000 : 1200;
            h = b.height > 0 ? b.height : dish ? 1000 : 840;
            if ((b.width != -1 && b.width < 1) || (b.height != -1 && b.height < 1))
                throw new IllegalArgumentException("bad size " + b.width + "x" + b.height);
            rows = b.portrait ? f.cols : f.rows;
            cols = b.portrait ? f.rows : f.cols;
            nWells = rows * cols;
            double fw = dish ? DISH_OUTER_MM : b.portrait ? PLATE_HEIGHT_MM : PLATE_WIDTH_MM;
            double fh = dish ? DISH_OUTER_MM : b.portrait ? PLATE_WIDTH_MM : PLATE_HEIGHT_MM;
            double t = Math.toRadians(b.rotationDeg);
            cos = Math.cos(t);
            sin = Math.sin(t);
            if (Double.isNaN(b.pxPerMm)) {
                double bw = dish ? fw : fw * Math.abs(cos) + fh * Math.abs(sin);
                double bh = dish ? fh : fw * Math.abs(sin) + fh * Math.abs(cos);
                s = Math.min(w / (1.06 * bw), h / (1.06 * bh));
            } else {
                s = b.pxPerMm;
            }
            if (!(s > 0)) throw new IllegalArgumentException("pxPerMm must be > 0");
            footW = fw * s;
            footH = fh * s;
            pcx = Double.isNaN(b.centreX) ? w / 2.0 : b.centreX;
            pcy = Double.isNaN(b.centreY) ? h / 2.0 : b.centreY;
            pitchPx = f.pitchMm * s;
            wellRpx = f.diameterMm / 2 * s;
            wellX = new double[nWells];
            wellY = new double[nWells];
            labels = new String[nWells];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int k = i * cols + j;
                    double u = (j - (cols - 1) / 2.0) * pitchPx, v = (i - (rows - 1) / 2.0) * pitchPx;
                    wellX[k] = pcx + cos * u - sin * v;
                    wellY[k] = pcy + sin * u + cos * v;
                    labels[k] = (char) ('A' + i) + Integer.toString(j + 1);
                    if (wellX[k] - wellRpx < 0 || wellY[k] - wellRpx < 0 || wellX[k] + wellRpx > w || wellY[k] + wellRpx > h)
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "well %s (centre %.1f, %.1f, radius %.1f px) lies partly outside the %dx%d image: "
                                        + "reduce pxPerMm or move the plate", labels[k], wellX[k], wellY[k], wellRpx, w, h));
                }
            }
            peakOd = Double.isNaN(b.peakOd) ? m.defaultPeakOd : b.peakOd;
            double med = Double.isNaN(b.radiusMedianMm) ? Math.min(0.8, 0.06 * f.diameterMm) : b.radiusMedianMm;
            radiusMedianPx = med * s;
            radiusMinPx = (Double.isNaN(b.radiusMinMm) ? 0.5 * med : b.radiusMinMm) * s;
            radiusMaxPx = (Double.isNaN(b.radiusMaxMm) ? 2.0 * med : b.radiusMaxMm) * s;
            if (!(radiusMinPx > 0) || radiusMaxPx < radiusMinPx || !(radiusMedianPx > 0))
                throw new IllegalArgumentException("colony radius range must satisfy 0 < min <= max and median > 0");
            if (!(peakOd > 0)) throw new IllegalArgumentException("colonyPeakOd must be > 0");
            if (b.rimLevel < 0 || b.rimLevel > 1) throw new IllegalArgumentException("colonyRimLevel must be in 0..1");
            if (b.irregularity < 0 || b.irregularity >= 0.25) throw new IllegalArgumentException("colonyIrregularity must be in [0, 0.25)");
            if (b.texture < 0 || b.texture >= 1) throw new IllegalArgumentException("colony texture amplitude must be in [0, 1)");
            if (b.touchingFraction < 0 || b.touchingFraction > 1) throw new IllegalArgumentException("touchingFraction must be in 0..1");
            if (b.touchOverlap < 0 || b.touchOverlap >= 0.8) throw new IllegalArgumentException("touchOverlap must be in [0, 0.8)");
            if (b.edgeMargin < 0 || b.edgeMargin >= 0.9) throw new IllegalArgumentException("edgeMarginFraction must be in [0, 0.9)");
            if (b.supersample < 1 || b.supersample > 4) throw new IllegalArgumentException("supersample must be 1..4");
            if (b.jpegQuality < 0 || b.jpegQuality > 100) throw new IllegalArgumentException("jpegQuality must be 0..100");
            if (b.jpegQuality > 0 && m == Mode.GRAY16) throw new IllegalArgumentException("JPEG needs an 8-bit mode, not GRAY16");
            if (!(b.whiteLevel > 0) || !(b.plateBodyLevel > 0) || !(b.surroundLevel > 0))
                throw new IllegalArgumentException("whiteLevel, plateBodyLevel and surroundLevel must be > 0");
            if (b.vignetting < 0 || b.vignetting >= 1) throw new IllegalArgumentException("vignetting must be in [0, 1)");
            if (b.dust < 0 || b.penMarks < 0 || b.bubbles < 0) throw new IllegalArgumentException("artefact counts must be >= 0");
            bgOd = new double[nWells];
        }

        int[] counts() {
            int[] c = new int[nWells];
            if (b.counts != null) {
                if (b.counts.length != nWells)
                    throw new IllegalArgumentException("colonies: " + b.counts.length + " counts for " + nWells + " wells");
                c = b.counts.clone();
            } else if (b.countFn != null) {
                for (int k = 0; k < nWells; k++) c[k] = b.countFn.applyAsInt(k);
            } else if (b.countsByColumn != null) {
                if (b.countsByColumn.length != cols)
                    throw new IllegalArgumentException("coloniesByColumn: " + b.countsByColumn.length + " counts for " + cols + " columns");
                for (int k = 0; k < nWells; k++) c[k] = b.countsByColumn[k % cols];
            } else {
                // default: a dose series across columns, ~0.1 colonies per mm^2 in the first (150 in a dish)
                double area = Math.PI * f.diameterMm * f.diameterMm / 4;
                double top = f == PlateFormat.DISH ? 150 : 0.1 * area;
                for (int k = 0; k < nWells; k++) c[k] = (int) Math.round(top * (cols - k % cols) / cols);
            }
            for (int k = 0; k < nWells; k++)
                if (c[k] < 0) throw new IllegalArgumentException("well " + labels[k] + ": negative colony count " + c[k]);
            return c;
        }

        static SplittableRandom stream(long seed, long id) {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
        }

        /** Standard normal from the polar method (own code, so the stream is fixed by this file). */
        static double gauss(SplittableRandom r) {
            double u, v, q;
            do {
                u = 2 * r.nextDouble() - 1;
                v = 2 * r.nextDouble() - 1;
                q = u * u + v * v;
            } while (q >= 1 || q == 0);
            return u * Math.sqrt(-2 * Math.log(q) / q);
        }

        Shape newShape(SplittableRandom r) {
            Shape c = new Shape();
            double rad = radiusMedianPx * Math.exp(b.radiusLogSd * gauss(r));
            c.r = Math.max(radiusMinPx, Math.min(radiusMaxPx, rad));
            c.a2 = b.irregularity * (2 * r.nextDouble() - 1);
            c.a3 = b.irregularity * (2 * r.nextDouble() - 1);
            c.p2 = 2 * Math.PI * r.nextDouble();
            c.p3 = 2 * Math.PI * r.nextDouble();
            c.cp2 = Math.cos(c.p2);
            c.sp2 = Math.sin(c.p2);
            c.cp3 = Math.cos(c.p3);
            c.sp3 = Math.sin(c.p3);
            c.rmin = c.r * (1 - Math.abs(c.a2) - Math.abs(c.a3));
            c.rmax = c.r * (1 + Math.abs(c.a2) + Math.abs(c.a3));
            c.peak = peakOd * Math.max(0.5, Math.min(2.0, Math.exp(b.peakJitter * gauss(r))));
            double lambda = Math.max(3.0, b.textureScaleMm * s);
            double kk = 2 * Math.PI / lambda;
            double[] ang = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            c.kx1 = kk * Math.cos(2 * Math.PI * ang[0]);
            c.ky1 = kk * Math.sin(2 * Math.PI * ang[0]);
            c.kx2 = kk * Math.cos(2 * Math.PI * ang[1]);
            c.ky2 = kk * Math.sin(2 * Math.PI * ang[1]);
            c.kx3 = kk * Math.cos(2 * Math.PI * ang[2]);
            c.ky3 = kk * Math.sin(2 * Math.PI * ang[2]);
            c.ph1 = 2 * Math.PI * r.nextDouble();
            c.ph2 = 2 * Math.PI * r.nextDouble();
            c.ph3 = 2 * Math.PI * r.nextDouble();
            return c;
        }

        /** Places one well's colonies (well-centred px coordinates become image px). */
        List<Shape> place(int well, int n, SplittableRandom r) {
            List<Shape> placed = new ArrayList<>();
            if (n == 0) return placed;
            double allow = wellRpx * (1 - b.edgeMargin);
            int touching = (int) Math.round(b.touchingFraction * n);
            if (touching == 1) touching = n >= 2 ? 2 : 0;
            List<Integer> sizes = new ArrayList<>();
            int left = touching;
            while (left >= 2) {
                int size = left >= 3 && r.nextDouble() < b.tripletFraction ? 3 : 2;
                if (left - size == 1) size = size == 2 ? 3 : 2;
                sizes.add(size);
                left -= size;
            }
            int singles = n - (touching - left);
            for (int k = 0; k < singles; k++) sizes.add(1);
            // spatial hash: cell at least the largest outline diameter plus the gap
            double cell = 2 * radiusMaxPx * (1 + 2 * b.irregularity) + b.minGapPx + 1;
            Map<Long, List<Shape>> grid = new HashMap<>();
            int group = 0;
            for (int size : sizes) {
                List<Shape> members = null;
                for (int attempt = 0; attempt < 20000 && members == null; attempt++) members = tryGroup(size, allow, r, grid, cell);
                if (members == null)
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "well %s: cannot place %d colonies (median radius %.1f px) in a %.1f px well with gap %.1f px; "
                                    + "placed %d: fewer or smaller colonies", labels[well], n, radiusMedianPx, wellRpx, b.minGapPx,
                            placed.size()));
                for (Shape c : members) {
                    c.group = group;
                    c.groupSize = size;
                    placed.add(c);
                    grid.computeIfAbsent(key(c.x, c.y, cell), kk -> new ArrayList<>()).add(c);
                }
                group++;
            }
            for (Shape c : placed) { // well-centred -> image coordinates
                c.x += wellX[well];
                c.y += wellY[well];
            }
            return placed;
        }

        static long key(double x, double y, double cell) {
            long i = (long) Math.floor(x / cell), j = (long) Math.floor(y / cell);
            return (i << 32) ^ (j & 0xffffffffL);
        }

        /** One attempt at a group; coordinates relative to the well centre. Null if it does not fit. */
        List<Shape> tryGroup(int size, double allow, SplittableRandom r, Map<Long, List<Shape>> grid, double cell) {
            List<Shape> g = new ArrayList<>();
            Shape first = newShape(r);
            double room = allow - first.rmax;
            if (room <= 0) return null;
            double rr = room * Math.sqrt(r.nextDouble()), a = 2 * Math.PI * r.nextDouble();
            first.x = rr * Math.cos(a);
            first.y = rr * Math.sin(a);
            g.add(first);
            for (int k = 1; k < size; k++) {
                Shape c = newShape(r);
                boolean ok = false;
                for (int t = 0; t < 30 && !ok; t++) {
                    Shape anchor = g.get(r.nextInt(g.size()));
                    double d = (1 - b.touchOverlap) * (anchor.rmin + c.rmin);
                    double dir = 2 * Math.PI * r.nextDouble();
                    c.x = anchor.x + d * Math.cos(dir);
                    c.y = anchor.y + d * Math.sin(dir);
                    ok = Math.hypot(c.x, c.y) + c.rmax <= allow;
                    for (Shape o : g) {
                        if (o == anchor || !ok) continue;
                        // no more overlap with the other members than with the anchor
                        if (Math.hypot(c.x - o.x, c.y - o.y) < (1 - b.touchOverlap) * (o.rmin + c.rmin)) ok = false;
                    }
                }
                if (!ok) return null;
                g.add(c);
            }
            if (Math.hypot(first.x, first.y) + first.rmax > allow) return null;
            for (Shape c : g) {
                long ci = (long) Math.floor(c.x / cell), cj = (long) Math.floor(c.y / cell);
                for (long di = -1; di <= 1; di++) {
                    for (long dj = -1; dj <= 1; dj++) {
                        List<Shape> list = grid.get(((ci + di) << 32) ^ ((cj + dj) & 0xffffffffL));
                        if (list == null) continue;
                        for (Shape o : list)
                            if (Math.hypot(c.x - o.x, c.y - o.y) < c.rmax + o.rmax + b.minGapPx) return null;
                    }
                }
            }
            return g;
        }

        /**
         * Adds a colony's stain to the map and its sub-samples to the coverage masks (bit sy * n + sx set when
         * that sub-sample is inside the outline); returns its rendered area (sum of its sub-sample coverage).
         */
        double render(Shape c, float[] stain, short[] mask) {
            int x0 = Math.max(0, (int) Math.floor(c.x - c.rmax - 1)), x1 = Math.min(w - 1, (int) Math.ceil(c.x + c.rmax + 1));
            int y0 = Math.max(0, (int) Math.floor(c.y - c.rmax - 1)), y1 = Math.min(h - 1, (int) Math.ceil(c.y + c.rmax + 1));
            int n = b.supersample;
            double rim = b.rimLevel, tex = b.texture / 3;
            double inner = c.rmin - 0.75, outer = c.rmax + 0.75;
            double covered = 0;
            short full = (short) ((1 << (n * n)) - 1);
            for (int y = y0; y <= y1; y++) {
                double dy = y + 0.5 - c.y;
                for (int x = x0; x <= x1; x++) {
                    double dx = x + 0.5 - c.x;
                    double r = Math.sqrt(dx * dx + dy * dy);
                    if (r >= outer) continue;
                    double v, cover;
                    if (r <= inner) {
                        v = profile(c, dx, dy, rim);
                        cover = 1;
                        mask[y * w + x] = full;
                    } else {
                        double sum = 0;
                        int in = 0, bits = 0;
                        for (int sy = 0; sy < n; sy++) {
                            double ddy = dy + (sy + 0.5) / n - 0.5;
                            for (int sx = 0; sx < n; sx++) {
                                double p = profile(c, dx + (sx + 0.5) / n - 0.5, ddy, rim);
                                if (p > 0) {
                                    in++;
                                    bits |= 1 << (sy * n + sx);
                                }
                                sum += p;
                            }
                        }
                        if (in == 0) continue;
                        v = sum / (n * n);
                        cover = in / (double) (n * n);
                        mask[y * w + x] |= (short) bits;
                    }
                    if (tex > 0) {
                        double px = x + 0.5, py = y + 0.5;
                        v *= 1 + tex * (Math.cos(c.kx1 * px + c.ky1 * py + c.ph1) + Math.cos(c.kx2 * px + c.ky2 * py + c.ph2)
                                + Math.cos(c.kx3 * px + c.ky3 * py + c.ph3));
                    }
                    stain[y * w + x] += (float) (c.peak * v);
                    covered += cover;
                }
            }
            return covered;
        }

        /** Unit-peak colony profile at offset (dx, dy) from the centre: rim + (1 - rim)(1 - u^2) inside, 0 outside. */
        static double profile(Shape c, double dx, double dy, double rim) {
            double r2 = dx * dx + dy * dy;
            if (r2 == 0) return 1;
            double r = Math.sqrt(r2);
            double rb = c.boundary(dx / r, dy / r);
            if (r >= rb) return 0;
            double u2 = r2 / (rb * rb);
            return rim + (1 - rim) * (1 - u2);
        }

        static double ramp(double d, double edge) {
            double t = d - edge + 0.5;
            return t <= 0 ? 0 : t >= 1 ? 1 : t;
        }

        /** Neutral OD of the wall structure at signed distance d (px) from the inner wall; bodyOd beyond the rim. */
        double wallOd(double d, double sh, double wall, double rim, double bodyOd) {
            if (d < -0.5 && d <= -sh) return 0;
            double shadow = sh > 0 ? b.wallOd * sq(Math.max(0, Math.min(1, (d + sh) / sh))) : 0;
            double tWall = ramp(d, 0), tRim = ramp(d, wall), tBody = ramp(d, wall + rim);
            return shadow * (1 - tWall) + b.wallOd * (tWall - tRim) - b.rimLift * (tRim - tBody) + bodyOd * tBody;
        }

        static double sq(double v) {
            return v * v;
        }

        /** Signed distance (px) to the rounded-rectangle footprint centred at the origin (negative inside). */
        double plateSd(double u, double v) {
            double rc = PLATE_CORNER_MM * s;
            double qx = Math.abs(u) - (footW / 2 - rc), qy = Math.abs(v) - (footH / 2 - rc);
            double ox = Math.max(qx, 0), oy = Math.max(qy, 0);
            return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - rc;
        }

        Result run() {
            int[] counts = counts();
            float[] stain = new float[w * h];
            short[] mask = new short[w * h];
            List<Colony> colonies = new ArrayList<>();
            List<List<Colony>> perWell = new ArrayList<>();
            for (int k = 0; k < nWells; k++) {
                SplittableRandom r = stream(b.seed, k + 1);
                bgOd[k] = Math.max(0, b.bgStainOd * (1 + b.bgStainJitter * gauss(r)));
                List<Shape> shapes = place(k, counts[k], r);
                List<Colony> list = new ArrayList<>();
                for (int i = 0; i < shapes.size(); i++) {
                    Shape c = shapes.get(i);
                    c.rendered = render(c, stain, mask);
                    double area = Math.PI * c.r * c.r * (1 + (c.a2 * c.a2 + c.a3 * c.a3) / 2);
                    Colony col = new Colony(k, i, c.group, c.groupSize, c.x, c.y, c.r, area, c.rendered, c.peak,
                            c.a2, c.p2, c.a3, c.p3);
                    list.add(col);
                    colonies.add(col);
                }
                perWell.add(Collections.unmodifiableList(list));
            }
            List<Artefact> artefacts = new ArrayList<>();
            float[] extra = artefacts(artefacts);
            float[][] light = lightImage(stain, extra);
            if (b.blurPx > 0) for (float[] ch : light) blur(ch, b.blurPx);
            ImageProcessor ip = quantize(light);
            if (b.jpegQuality > 0) ip = jpeg(ip, b.jpegQuality);
            return new Result(this, new ImagePlus(b.title, ip), stain, mask, perWell, colonies, artefacts, counts);
        }

        /** Dust, pen marks and bubbles into an extra neutral-OD layer (null when there are none). */
        float[] artefacts(List<Artefact> out) {
            if (b.dust == 0 && b.penMarks == 0 && b.bubbles == 0) return null;
            float[] extra = new float[w * h];
            SplittableRandom r = stream(b.seed, 1_000_003);
            double dustMax = Double.isNaN(b.dustMaxRadiusPx) ? Math.max(0.6, 0.5 * radiusMinPx) : b.dustMaxRadiusPx;
            for (int k = 0; k < b.dust; k++) {
                double x = w * r.nextDouble(), y = h * r.nextDouble();
                double rad = 0.5 + (dustMax - 0.5) * r.nextDouble();
                disc(extra, x, y, rad, b.dustOd);
                out.add(new Artefact("dust", wellAt(x, y), x, y, rad, null));
            }
            for (int k = 0; k < b.penMarks; k++) {
                int well = r.nextInt(nWells);
                double phi = 2 * Math.PI * r.nextDouble();
                double len = Math.min(6.0 * s, 0.8 * wellRpx);
                double ax = wellX[well] + (wellRpx + 0.45 * len) * Math.cos(phi - 0.15), ay = wellY[well] + (wellRpx + 0.45 * len) * Math.sin(phi - 0.15);
                double bx = wellX[well] + (wellRpx - 0.55 * len) * Math.cos(phi + 0.15), by = wellY[well] + (wellRpx - 0.55 * len) * Math.sin(phi + 0.15);
                double bend = (r.nextDouble() - 0.5) * 0.6 * len;
                double mx = (ax + bx) / 2 - bend * Math.sin(phi), my = (ay + by) / 2 + bend * Math.cos(phi);
                int nSeg = 24;
                double[] path = new double[2 * (nSeg + 1)];
                for (int i = 0; i <= nSeg; i++) {
                    double t = i / (double) nSeg, u = 1 - t;
                    path[2 * i] = u * u * ax + 2 * u * t * mx + t * t * bx;
                    path[2 * i + 1] = u * u * ay + 2 * u * t * my + t * t * by;
                }
                double half = Math.max(0.6, b.penWidthMm * s / 2);
                polyline(extra, path, half, b.penOd);
                int mid = nSeg / 2;
                out.add(new Artefact("pen", labels[well], path[2 * mid], path[2 * mid + 1], half, path));
            }
            for (int k = 0; k < b.bubbles; k++) {
                int well = r.nextInt(nWells);
                double rb = (0.6 + 0.9 * r.nextDouble()) * s;
                double room = Math.max(0, wellRpx * (1 - b.edgeMargin) - rb);
                double rr = room * Math.sqrt(r.nextDouble()), a = 2 * Math.PI * r.nextDouble();
                double x = wellX[well] + rr * Math.cos(a), y = wellY[well] + rr * Math.sin(a);
                bubble(extra, x, y, rb);
                out.add(new Artefact("bubble", labels[well], x, y, rb, null));
            }
            return extra;
        }

        String wellAt(double x, double y) {
            for (int k = 0; k < nWells; k++) if (Math.hypot(x - wellX[k], y - wellY[k]) < wellRpx) return labels[k];
            return "";
        }

        void disc(float[] a, double cx, double cy, double rad, double od) {
            int x0 = Math.max(0, (int) Math.floor(cx - rad - 1)), x1 = Math.min(w - 1, (int) Math.ceil(cx + rad + 1));
            int y0 = Math.max(0, (int) Math.floor(cy - rad - 1)), y1 = Math.min(h - 1, (int) Math.ceil(cy + rad + 1));
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) {
                    double cover = ramp(rad - Math.hypot(x + 0.5 - cx, y + 0.5 - cy), 0);
                    a[y * w + x] += (float) (od * cover);
                }
        }

        void polyline(float[] a, double[] p, double half, double od) {
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int i = 0; i < p.length; i += 2) {
                minX = Math.min(minX, p[i]);
                maxX = Math.max(maxX, p[i]);
                minY = Math.min(minY, p[i + 1]);
                maxY = Math.max(maxY, p[i + 1]);
            }
            int x0 = Math.max(0, (int) Math.floor(minX - half - 1)), x1 = Math.min(w - 1, (int) Math.ceil(maxX + half + 1));
            int y0 = Math.max(0, (int) Math.floor(minY - half - 1)), y1 = Math.min(h - 1, (int) Math.ceil(maxY + half + 1));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5, py = y + 0.5, best = Double.MAX_VALUE;
                    for (int i = 0; i + 3 < p.length; i += 2) {
                        double ax = p[i], ay = p[i + 1], dx = p[i + 2] - ax, dy = p[i + 3] - ay;
                        double l2 = dx * dx + dy * dy;
                        double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
                        best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
                    }
                    a[y * w + x] += (float) (od * ramp(half - best, 0));
                }
            }
        }

        void bubble(float[] a, double cx, double cy, double rb) {
            double ringHalf = Math.max(0.8, 0.05 * s);
            int x0 = Math.max(0, (int) Math.floor(cx - rb - ringHalf - 1)), x1 = Math.min(w - 1, (int) Math.ceil(cx + rb + ringHalf + 1));
            int y0 = Math.max(0, (int) Math.floor(cy - rb - ringHalf - 1)), y1 = Math.min(h - 1, (int) Math.ceil(cy + rb + ringHalf + 1));
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) {
                    double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                    double od = 0.35 * Math.max(0, 1 - Math.abs(d - rb) / ringHalf) - 0.04 * ramp(0.6 * rb - d, 0);
                    a[y * w + x] += (float) od;
                }
        }

        /** The noiseless light image per channel (before blur, noise and rounding). */
        float[][] lightImage(float[] stain, float[] extra) {
            int nc = m.channels;
            float[][] light = new float[nc][w * h];
            double white = b.whiteLevel * m.max;
            double[] k = m.k, tint = m.tint;
            boolean dish = f == PlateFormat.DISH;
            double sh = b.wallShadowMm * s, wall = b.wallMm * s, rim = b.rimMm * s, skirt = b.skirtMm * s;
            double bodyOd = -Math.log10(b.plateBodyLevel), surroundOd = -Math.log10(b.surroundLevel);
            double dishOuter = DISH_OUTER_MM / 2 * s;
            double halfDiag2 = (w * w + h * h) / 4.0;
            double gx = b.gradX / w, gy = b.gradY / h;
            double[] od = new double[nc];
            double[] haze = new double[6]; // three wave vectors and phases
            SplittableRandom hr = stream(b.seed, 3_000_003);
            double hk = 2 * Math.PI / Math.max(1, b.hazeScaleMm * s);
            for (int i = 0; i < 3; i++) {
                double a = 2 * Math.PI * hr.nextDouble();
                haze[2 * i] = hk * Math.cos(a);
                haze[2 * i + 1] = hk * Math.sin(a);
            }
            double[] hazePhase = {2 * Math.PI * hr.nextDouble(), 2 * Math.PI * hr.nextDouble(), 2 * Math.PI * hr.nextDouble()};
            for (int y = 0; y < h; y++) {
                double py = y + 0.5 - pcy;
                double ry = y + 0.5 - h / 2.0;
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    double px = x + 0.5 - pcx;
                    double u = cos * px + sin * py, v = -sin * px + cos * py; // plate frame, px
                    double d, outer;
                    int well;
                    if (dish) {
                        double rr = Math.sqrt(u * u + v * v);
                        d = rr - wellRpx;
                        outer = rr - dishOuter;
                        well = 0;
                    } else {
                        int j = (int) Math.round(u / pitchPx + (cols - 1) / 2.0);
                        int i = (int) Math.round(v / pitchPx + (rows - 1) / 2.0);
                        j = Math.max(0, Math.min(cols - 1, j));
                        i = Math.max(0, Math.min(rows - 1, i));
                        double du = u - (j - (cols - 1) / 2.0) * pitchPx, dv = v - (i - (rows - 1) / 2.0) * pitchPx;
                        d = Math.sqrt(du * du + dv * dv) - wellRpx;
                        outer = plateSd(u, v);
                        well = i * cols + j;
                    }
                    double floor = 1 - ramp(d, 0);
                    double neutral = wallOd(d, sh, wall, rim, bodyOd);
                    if (outer > -skirt - 1) {
                        double tSkirt = ramp(outer, -skirt), tOut = ramp(outer, 0);
                        neutral = neutral * (1 - tSkirt) + b.skirtOd * (tSkirt - tOut) + surroundOd * tOut;
                        floor *= 1 - tSkirt;
                    }
                    if (extra != null) neutral += extra[p];
                    double st = stain[p] + bgOd[well] * floor;
                    if (b.hazeOd > 0) {
                        double wave = 0;
                        for (int i = 0; i < 3; i++) wave += Math.cos(haze[2 * i] * (x + 0.5) + haze[2 * i + 1] * (y + 0.5) + hazePhase[i]);
                        st += b.hazeOd * (1 + wave / 3) / 2 * floor;
                    }
                    double rx = x + 0.5 - w / 2.0;
                    double illum = white * (1 - b.vignetting * (rx * rx + ry * ry) / halfDiag2)
                            * (1 + gx * (x + 0.5 - w / 2.0) + gy * ry);
                    for (int c = 0; c < nc; c++) {
                        od[c] = k[c] * st + neutral + tint[c] * floor;
                        light[c][p] = (float) (illum * Math.exp(-LN10 * od[c]));
                    }
                }
            }
            return light;
        }

        /** Separable Gaussian blur in place, kernel radius ceil(3.5 sigma), edges clamped (no ImageJ thread pool). */
        void blur(float[] a, double sigma) {
            int rad = (int) Math.ceil(3.5 * sigma);
            double[] k = new double[2 * rad + 1];
            double sum = 0;
            for (int i = -rad; i <= rad; i++) sum += k[i + rad] = Math.exp(-0.5 * i * i / (sigma * sigma));
            for (int i = 0; i < k.length; i++) k[i] /= sum;
            float[] line = new float[w];
            for (int y = 0; y < h; y++) {
                System.arraycopy(a, y * w, line, 0, w);
                for (int x = 0; x < w; x++) {
                    double v = 0;
                    for (int i = -rad; i <= rad; i++) v += k[i + rad] * line[Math.max(0, Math.min(w - 1, x + i))];
                    a[y * w + x] = (float) v;
                }
            }
            float[] src = a.clone(); // columns: whole rows at a time, cache-friendly
            double[] acc = new double[w];
            for (int y = 0; y < h; y++) {
                Arrays.fill(acc, 0);
                for (int i = -rad; i <= rad; i++) {
                    int o = Math.max(0, Math.min(h - 1, y + i)) * w;
                    double kk = k[i + rad];
                    for (int x = 0; x < w; x++) acc[x] += kk * src[o + x];
                }
                for (int x = 0; x < w; x++) a[y * w + x] = (float) acc[x];
            }
        }

        ImageProcessor quantize(float[][] light) {
            SplittableRandom r = stream(b.seed, 2_000_003);
            double sigma = b.noiseSigma;
            int max = m.max, n = w * h;
            if (m.channels == 3) {
                int[] px = new int[n];
                for (int p = 0; p < n; p++) {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        double v = light[c][p] + (sigma > 0 ? sigma * gauss(r) : 0);
                        rgb = (rgb << 8) | clip(v, max);
                    }
                    px[p] = rgb;
                }
                return new ColorProcessor(w, h, px);
            }
            if (max == 255) {
                byte[] px = new byte[n];
                for (int p = 0; p < n; p++) px[p] = (byte) clip(light[0][p] + (sigma > 0 ? sigma * gauss(r) : 0), max);
                return new ByteProcessor(w, h, px);
            }
            short[] px = new short[n];
            for (int p = 0; p < n; p++) px[p] = (short) clip(light[0][p] + (sigma > 0 ? sigma * gauss(r) : 0), max);
            ShortProcessor sp = new ShortProcessor(w, h, px, null);
            sp.resetMinAndMax();
            return sp;
        }

        static int clip(double v, int max) {
            long q = Math.round(v);
            return (int) Math.max(0, Math.min(max, q));
        }

        /** JPEG round trip through ImageIO (deterministic for a given JDK). */
        static ImageProcessor jpeg(ImageProcessor ip, int quality) {
            int w = ip.getWidth(), h = ip.getHeight();
            boolean rgb = ip instanceof ColorProcessor;
            BufferedImage bi = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster wr = bi.getRaster();
            if (rgb) {
                bi.setRGB(0, 0, w, h, (int[]) ip.getPixels(), 0, w);
            } else {
                byte[] px = (byte[]) ip.getPixels();
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) row[x] = px[y * w + x] & 0xff;
                    wr.setPixels(0, y, w, 1, row);
                }
            }
            try {
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(bi, null, null), param);
                } finally {
                    writer.dispose();
                }
                BufferedImage back = ImageIO.read(new ByteArrayInputStream(bos.toByteArray()));
                if (rgb) {
                    int[] px = new int[w * h];
                    back.getRGB(0, 0, w, h, px, 0, w);
                    for (int i = 0; i < px.length; i++) px[i] &= 0xffffff;
                    return new ColorProcessor(w, h, px);
                }
                byte[] px = new byte[w * h];
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    back.getRaster().getPixels(0, y, w, 1, row);
                    for (int x = 0; x < w; x++) px[y * w + x] = (byte) row[x];
                }
                return new ByteProcessor(w, h, px);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The generated image plus its exact truth. Well indices are 0-based, row-major as shown (A1 = 0). */
    public static final class Result {
        private final ImageProcessor ip;
        private final String title;
        private final PlateFormat format;
        private final Mode mode;
        private final int width, height, rows, cols;
        private final double pxPerMm, rotationDeg, peakOd, white, vignetting, gradX, gradY;
        private final double[] wellX, wellY, bgOd;
        private final double wellR;
        private final String[] labels;
        private final float[] stain;
        private final short[] mask;
        private final int subsamples;
        private final List<List<Colony>> perWell;
        private final List<Colony> colonies;
        private final List<Artefact> artefacts;
        private final int[] counts;

        private Result(Generator g, ImagePlus imp, float[] stain, short[] mask, List<List<Colony>> perWell,
                List<Colony> colonies, List<Artefact> artefacts, int[] counts) {
            this.mask = mask;
            this.subsamples = g.b.supersample * g.b.supersample;
            this.ip = imp.getProcessor();
            this.title = imp.getTitle();
            this.format = g.f;
            this.mode = g.m;
            this.width = g.w;
            this.height = g.h;
            this.rows = g.rows;
            this.cols = g.cols;
            this.pxPerMm = g.s;
            this.rotationDeg = g.b.rotationDeg;
            this.peakOd = g.peakOd;
            this.white = g.b.whiteLevel * g.m.max;
            this.vignetting = g.b.vignetting;
            this.gradX = g.b.gradX;
            this.gradY = g.b.gradY;
            this.wellX = g.wellX.clone();
            this.wellY = g.wellY.clone();
            this.bgOd = g.bgOd.clone();
            this.wellR = g.wellRpx;
            this.labels = g.labels.clone();
            this.stain = stain;
            this.perWell = Collections.unmodifiableList(perWell);
            this.colonies = Collections.unmodifiableList(colonies);
            this.artefacts = Collections.unmodifiableList(artefacts);
            this.counts = counts.clone();
        }

        /** A fresh copy of the image (ColorProcessor, ByteProcessor or ShortProcessor). */
        public ImagePlus image() {
            return new ImagePlus(title, ip.duplicate());
        }

        public String title() { return title; }

        public PlateFormat format() { return format; }

        public Mode mode() { return mode; }

        public int width() { return width; }

        public int height() { return height; }

        /** 24 (RGB), 8 or 16. */
        public int bitDepth() { return mode.bitDepth(); }

        /** 255 or 65535. */
        public int maxValue() { return mode.max; }

        public double pxPerMm() { return pxPerMm; }

        public double rotationDeg() { return rotationDeg; }

        /** Rows and columns of wells as shown (1 x 1 for a dish). */
        public int rows() { return rows; }

        public int cols() { return cols; }

        /** Nominal colony peak OD (reference channel): the unit of {@code thresholdFraction}. */
        public double colonyPeakOd() { return peakOd; }

        /** Stain absorption per channel relative to the reference channel. */
        public double[] absorption() { return mode.absorption(); }

        public int wells() { return labels.length; }

        /** "A1", "A2", ... (row-major as shown). */
        public String label(int well) { check(well); return labels[well]; }

        /** Index of a label such as "B3". */
        public int wellIndex(String label) {
            for (int k = 0; k < labels.length; k++) if (labels[k].equalsIgnoreCase(label.trim())) return k;
            throw new IllegalArgumentException("no well " + label + " in a " + format.key + " plate");
        }

        /** Well centre x (px, image coordinates, continuous: pixel i covers [i, i+1)). */
        public double wellX(int well) { check(well); return wellX[well]; }

        public double wellY(int well) { check(well); return wellY[well]; }

        /** Radius (px) of the well's inner wall (the agar disc of a dish). */
        public double wellRadius(int well) { check(well); return wellR; }

        /** Diffuse background stain OD of the well floor (reference channel). */
        public double backgroundStainOd(int well) { check(well); return bgOd[well]; }

        public int colonyCount(int well) { check(well); return counts[well]; }

        public int totalColonies() { return colonies.size(); }

        public List<Colony> colonies(int well) { check(well); return perWell.get(well); }

        public List<Colony> colonies() { return colonies; }

        /** Number of touching groups (pairs and triplets) in a well. */
        public int touchingGroups(int well) {
            return (int) colonies(well).stream().filter(Colony::touching).mapToInt(Colony::group).distinct().count();
        }

        /** Number of separate objects in a well: isolated colonies plus touching groups. */
        public int objects(int well) {
            return (int) colonies(well).stream().mapToInt(Colony::group).distinct().count();
        }

        public List<Artefact> artefacts() { return artefacts; }

        public List<Artefact> artefacts(String kind) {
            return artefacts.stream().filter(a -> a.kind().equals(kind)).toList();
        }

        /** Colony stain OD (reference channel) of pixel (x, y): the truth map S. */
        public double stainOd(int x, int y) {
            if (x < 0 || y < 0 || x >= width || y >= height) throw new IndexOutOfBoundsException(x + "," + y);
            return stain[y * width + x];
        }

        /** A copy of the truth map S, row-major. */
        public float[] stainMap() { return stain.clone(); }

        /** Illumination Wh * L(x, y) at pixel (x, y): the noiseless value of a clean, unstained floor (DN). */
        public double illumination(int x, int y) {
            double rx = x + 0.5 - width / 2.0, ry = y + 0.5 - height / 2.0;
            double halfDiag2 = (width * (double) width + height * (double) height) / 4.0;
            return white * (1 - vignetting * (rx * rx + ry * ry) / halfDiag2) * (1 + gradX * rx / width + gradY * ry / height);
        }

        /** True if the centre of pixel (x, y) lies in the well's circle shrunk by marginFraction of its radius. */
        public boolean inAnalysedCircle(int well, double marginFraction, int x, int y) {
            check(well);
            double r = wellR * (1 - marginFraction);
            double dx = x + 0.5 - wellX[well], dy = y + 0.5 - wellY[well];
            return dx * dx + dy * dy <= r * r;
        }

        /** Pixels whose centre lies in the analysed circle. */
        public int analysedPixels(int well, double marginFraction) {
            int[] n = {0};
            forEachAnalysed(well, marginFraction, p -> n[0]++);
            return n[0];
        }

        /** Analysed pixels whose colony stain OD exceeds thresholdFraction * colonyPeakOd(). */
        public int stainedPixels(int well, double marginFraction, double thresholdFraction) {
            double t = thresholdFraction * peakOd;
            int[] n = {0};
            forEachAnalysed(well, marginFraction, p -> {
                if (stain[p] > t) n[0]++;
            });
            return n[0];
        }

        /** True stained area percent: 100 * stainedPixels / analysedPixels. */
        public double areaPercent(int well, double marginFraction, double thresholdFraction) {
            int n = analysedPixels(well, marginFraction);
            return n == 0 ? 0 : 100.0 * stainedPixels(well, marginFraction, thresholdFraction) / n;
        }

        /**
         * Stain-intensity-weighted area percent (ColonyArea style): 100 * sum over stained analysed pixels
         * of the fraction of light the stain absorbs in the reference channel, (1 - 10^-S), divided by the
         * analysed pixels. 100 would be a well fully covered by black stain.
         */
        public double intensityPercent(int well, double marginFraction, double thresholdFraction) {
            double t = thresholdFraction * peakOd;
            double[] sum = {0};
            int[] n = {0};
            forEachAnalysed(well, marginFraction, p -> {
                n[0]++;
                if (stain[p] > t) sum[0] += 1 - Math.pow(10, -stain[p]);
            });
            return n[0] == 0 ? 0 : 100.0 * sum[0] / n[0];
        }

        /**
         * Fraction (0..1) of pixel (x, y) covered by the union of the colony outlines, in sub-samples
         * ({@code supersample} x {@code supersample} per pixel where an outline cuts it).
         */
        public double coverage(int x, int y) {
            if (x < 0 || y < 0 || x >= width || y >= height) throw new IndexOutOfBoundsException(x + "," + y);
            return Integer.bitCount(mask[y * width + x] & 0xffff) / (double) subsamples;
        }

        /**
         * Threshold-free true colony area percent: 100 * (summed {@link #coverage} of the analysed pixels) /
         * analysed pixels, i.e. the area inside the union of the colony outlines.
         */
        public double coveredPercent(int well, double marginFraction) {
            long[] bits = {0};
            int[] n = {0};
            forEachAnalysed(well, marginFraction, p -> {
                n[0]++;
                bits[0] += Integer.bitCount(mask[p] & 0xffff);
            });
            return n[0] == 0 ? 0 : 100.0 * bits[0] / subsamples / n[0];
        }

        /** Sum of the colony stain OD S over the analysed pixels (OD * px). */
        public double integratedOd(int well, double marginFraction) {
            double[] sum = {0};
            forEachAnalysed(well, marginFraction, p -> sum[0] += stain[p]);
            return sum[0];
        }

        private void forEachAnalysed(int well, double marginFraction, java.util.function.IntConsumer action) {
            check(well);
            if (marginFraction < 0 || marginFraction >= 1) throw new IllegalArgumentException("marginFraction must be in [0, 1)");
            double r = wellR * (1 - marginFraction), r2 = r * r;
            int y0 = Math.max(0, (int) Math.floor(wellY[well] - r - 1)), y1 = Math.min(height - 1, (int) Math.ceil(wellY[well] + r + 1));
            int x0 = Math.max(0, (int) Math.floor(wellX[well] - r - 1)), x1 = Math.min(width - 1, (int) Math.ceil(wellX[well] + r + 1));
            for (int y = y0; y <= y1; y++) {
                double dy = y + 0.5 - wellY[well];
                for (int x = x0; x <= x1; x++) {
                    double dx = x + 0.5 - wellX[well];
                    if (dx * dx + dy * dy <= r2) action.accept(y * width + x);
                }
            }
        }

        /** Truth per well with margin 0 (the inner-wall circle) and threshold 0.25 of the peak OD. */
        public String truthCsv() {
            return truthCsv(0, 0.25);
        }

        /**
         * Header {@code well,x,y,radius,colonies,area_percent,intensity_percent,objects,covered_percent}; x, y,
         * radius of the analysed circle in px; area and intensity percent as in {@link #areaPercent} and
         * {@link #intensityPercent}; objects = isolated colonies plus touching groups; covered percent as in
         * {@link #coveredPercent}.
         */
        public String truthCsv(double marginFraction, double thresholdFraction) {
            StringBuilder sb = new StringBuilder("well,x,y,radius,colonies,area_percent,intensity_percent,objects,covered_percent\n");
            for (int k = 0; k < wells(); k++) {
                sb.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%d,%.3f,%.3f,%d,%.3f\n", labels[k], wellX[k], wellY[k],
                        wellR * (1 - marginFraction), counts[k], areaPercent(k, marginFraction, thresholdFraction),
                        intensityPercent(k, marginFraction, thresholdFraction), objects(k), coveredPercent(k, marginFraction)));
            }
            return sb.toString();
        }

        /**
         * Per-colony truth, header {@code well,colony,group,group_size,x,y,radius,area,peak_od}: colony and
         * group numbered from 1 within the well; x, y, radius (mean outline radius) in px; area in px^2.
         */
        public String coloniesCsv() {
            StringBuilder sb = new StringBuilder("well,colony,group,group_size,x,y,radius,area,peak_od\n");
            for (Colony c : colonies) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.2f,%.2f,%.2f,%.1f,%.3f\n", labels[c.well()], c.index() + 1,
                        c.group() + 1, c.groupSize(), c.x(), c.y(), c.radius(), c.area(), c.peakOd()));
            }
            return sb.toString();
        }

        private void check(int well) {
            if (well < 0 || well >= labels.length) throw new IndexOutOfBoundsException("well " + well);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "SyntheticPlate[%dx%d %s, format %s (%d x %d), %.2f px/mm, rotation %.2f deg, "
                    + "well radius %.1f px, %d colonies, counts %s]", width, height, mode, format.key, rows, cols, pxPerMm,
                    rotationDeg, wellR, colonies.size(), Arrays.toString(counts));
        }
    }
}
