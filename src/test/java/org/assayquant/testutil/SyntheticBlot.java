package org.assayquant.testutil;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Test fixture: a synthetic western blot with exactly known truth.
 *
 * <h2>Pixel model</h2>
 * Pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)} and is sampled at its centre
 * {@code (i + 0.5, j + 0.5)} (ImageJ ROI convention). In the "light band" signal space
 * <pre>
 *   value(x,y) = background(x,y) + sum_bands A * exp(-0.5*(|dx|/sx)^4) * exp(-0.5*(dy/sy)^2) + noise
 *   background(x,y) = backgroundLevel + gradX * (x - W/2)/W + gradY * (y - H/2)/H
 * </pre>
 * where {@code (dx, dy)} is the pixel's offset from the band centre in the blot's own
 * (un-tilted) frame. The band term is defined as exactly zero outside {@code |dx| <= 3 sx,
 * |dy| <= 5 sy} (relative truncation below 1e-6) so it can be evaluated in a small window.
 * The value is rounded, clipped to {@code [0, max]} (max = 255 / 65535 or a lower
 * {@code clipLevel}), and for {@code darkBands} stored as {@code max - value}.
 *
 * <h2>Geometry</h2>
 * <ul>
 * <li>Lane {@code l} has un-tilted centre x {@code laneCentres[l]} (default {@code (l + 0.5) * W / lanes}).</li>
 * <li>Row {@code r} has nominal centre y {@code rowYFractions[r] * H}; the smile adds
 *     {@code smileAmplitude * (1 - ((laneX - W/2) / (W/2))^2)} (positive = middle lanes lower).</li>
 * <li>A doublet adds, in every lane of a row, a second band {@code offsetPx} lower
 *     (negative: higher) with amplitude {@code ratio} times the main band's amplitude.</li>
 * <li>The whole band pattern is then rotated by {@code tiltDeg} about the image centre
 *     {@code (W/2, H/2)}; positive tilt is clockwise on screen (right-hand side lower).</li>
 * </ul>
 *
 * <h2>Truth</h2>
 * Rows of the {@link Result} are <em>band rows</em> sorted top to bottom: each input row,
 * plus one extra row per doublet (so for a doublet the upper band is its own row). All
 * truth (volumes, band sums, background) is in light-band signal space, background-free,
 * whatever the polarity of the stored image.
 */
public final class SyntheticBlot {

    /** Band term half-window in x, in units of sx: exp(-0.5*3^4) = 2.6e-18. */
    static final double WINDOW_SX = 3.0;
    /** Band term half-window in y, in units of sy: Gaussian mass outside is 5.7e-7. */
    static final double WINDOW_SY = 5.0;
    /** Fraction of the band's peak that defines {@link Result#trueBox}. */
    public static final double BOX_FRACTION = 0.05;

    private SyntheticBlot() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with defaults giving a clean, noiseless 600 x 400, 16-bit, 2-row, 6-lane blot. */
    public static final class Builder {
        private int width = 600;
        private int height = 400;
        private int lanes = 6;
        private double[] laneCentres;
        private double[] rowYFractions = {0.3, 0.7};
        private double[][] amounts;
        private double bandWidthFraction = 0.24;
        private double bandSigmaX = Double.NaN;
        private double bandSigmaY = 6.0;
        private final List<double[]> doublets = new ArrayList<>(); // {row, offsetPx, ratio}
        private int bitDepth = 16;
        private boolean darkBands;
        private double backgroundLevel = Double.NaN;
        private double gradientX;
        private double gradientY;
        private double noiseSigma;
        private long seed = 1L;
        private double tiltDeg;
        private double smileAmplitude;
        private int clipLevel = -1;
        private String title = "synthetic-blot";

        private Builder() {
        }

        public Builder width(int width) { this.width = width; return this; }

        public Builder height(int height) { this.height = height; return this; }

        public Builder size(int width, int height) { this.width = width; this.height = height; return this; }

        /** Number of lanes, evenly spaced (pitch W / lanes) unless {@link #laneCentres} is given. */
        public Builder lanes(int lanes) { this.lanes = lanes; return this; }

        /** Explicit un-tilted lane centre x positions (px), left to right; also sets the lane count. */
        public Builder laneCentres(double... xs) {
            this.laneCentres = xs == null ? null : xs.clone();
            if (xs != null) this.lanes = xs.length;
            return this;
        }

        /** Nominal row centre y as a fraction of the height, top to bottom, e.g. {0.3, 0.7}. */
        public Builder rowYFractions(double... fractions) { this.rowYFractions = fractions.clone(); return this; }

        /** True integrated band signal in DN, {@code amounts[row][lane]} (input rows, before doublets). */
        public Builder amounts(double[][] amounts) {
            this.amounts = new double[amounts.length][];
            for (int r = 0; r < amounts.length; r++) this.amounts[r] = amounts[r].clone();
            return this;
        }

        /** Band sx (super-Gaussian half-width) as a fraction of the mean lane pitch; default 0.24. */
        public Builder bandWidthFraction(double f) { this.bandWidthFraction = f; return this; }

        /** Overrides {@link #bandWidthFraction} with an absolute sx in px. */
        public Builder bandSigmaX(double px) { this.bandSigmaX = px; return this; }

        /** Band Gaussian sigma in y (px); default 6. */
        public Builder bandSigmaY(double px) { this.bandSigmaY = px; return this; }

        /** Adds an extra band to every lane of input row {@code row}, {@code offsetPx} below it (negative: above),
         *  with amplitude {@code ratio} times the main band's amplitude. */
        public Builder doublet(int row, double offsetPx, double ratio) {
            doublets.add(new double[] {row, offsetPx, ratio});
            return this;
        }

        /** 8 (ByteProcessor) or 16 (ShortProcessor). */
        public Builder bitDepth(int bits) { this.bitDepth = bits; return this; }

        /** Dark bands on a light background (film, colorimetric): stored = max - value. */
        public Builder darkBands(boolean dark) { this.darkBands = dark; return this; }

        /** Background level (light space, DN) at the image centre; default 1000 (16-bit) or 10 (8-bit). */
        public Builder backgroundLevel(double dn) { this.backgroundLevel = dn; return this; }

        /** Background change (DN, light space) across the full width and across the full height. */
        public Builder gradient(double acrossWidth, double acrossHeight) {
            this.gradientX = acrossWidth;
            this.gradientY = acrossHeight;
            return this;
        }

        /** Gaussian noise sigma in DN (light space, added before rounding and clipping). */
        public Builder noiseSigma(double dn) { this.noiseSigma = dn; return this; }

        /** Seed of the {@link java.util.Random} used for noise. */
        public Builder seed(long seed) { this.seed = seed; return this; }

        /** Rotation of the band pattern about the image centre, degrees, positive = clockwise on screen. */
        public Builder tiltDeg(double deg) { this.tiltDeg = deg; return this; }

        /** Smile amplitude (px): how much lower a band at x = W/2 sits than one at the image edge. */
        public Builder smileAmplitude(double px) { this.smileAmplitude = px; return this; }

        /** Detector saturation level (DN) below the type maximum; also the white level of dark-band images. */
        public Builder clipLevel(int dn) { this.clipLevel = dn; return this; }

        public Builder title(String title) { this.title = title; return this; }

        public Result build() {
            return new Generator(this).run();
        }
    }

    /** One band: geometry, window with the unit profile, amplitude and derived truth. */
    private static final class Band {
        int inputRow;
        boolean partner;
        int lane;
        double x0;      // un-tilted centre
        double y0;
        double nominalY; // row ordering key
        // window (image coordinates) holding the unit profile
        int wx0, wy0, ww, wh;
        double[] unit;
        double unitSum;
        double unitPeak;
        double amplitude;
        double volume;
        Rectangle box;
        int clipped;
    }

    private static final class Generator {
        final Builder b;
        final int w, h, max;
        final double cos, sin, cxImg, cyImg, sx, sy, pitch, bgLevel;
        final double[] laneX;

        Generator(Builder b) {
            this.b = b;
            if (b.width < 1 || b.height < 1) throw new IllegalArgumentException("bad size " + b.width + "x" + b.height);
            if (b.bitDepth != 8 && b.bitDepth != 16) throw new IllegalArgumentException("bitDepth must be 8 or 16");
            if (b.lanes < 1) throw new IllegalArgumentException("need at least one lane");
            if (b.rowYFractions == null || b.rowYFractions.length < 1) throw new IllegalArgumentException("need at least one row");
            w = b.width;
            h = b.height;
            int typeMax = b.bitDepth == 8 ? 255 : 65535;
            if (b.clipLevel > typeMax) throw new IllegalArgumentException("clipLevel above type maximum");
            max = b.clipLevel > 0 ? b.clipLevel : typeMax;
            double t = Math.toRadians(b.tiltDeg);
            cos = Math.cos(t);
            sin = Math.sin(t);
            cxImg = w / 2.0;
            cyImg = h / 2.0;
            if (b.laneCentres != null) {
                laneX = b.laneCentres.clone();
                for (int i = 1; i < laneX.length; i++)
                    if (!(laneX[i] > laneX[i - 1])) throw new IllegalArgumentException("laneCentres must increase");
                pitch = laneX.length > 1 ? (laneX[laneX.length - 1] - laneX[0]) / (laneX.length - 1) : w;
            } else {
                laneX = new double[b.lanes];
                pitch = (double) w / b.lanes;
                for (int l = 0; l < b.lanes; l++) laneX[l] = (l + 0.5) * pitch;
            }
            sx = Double.isNaN(b.bandSigmaX) ? b.bandWidthFraction * pitch : b.bandSigmaX;
            sy = b.bandSigmaY;
            if (!(sx > 0) || !(sy > 0)) throw new IllegalArgumentException("band sigmas must be > 0");
            bgLevel = Double.isNaN(b.backgroundLevel) ? (b.bitDepth == 8 ? 10 : 1000) : b.backgroundLevel;
        }

        double[][] amounts() {
            if (b.amounts != null) {
                if (b.amounts.length != b.rowYFractions.length)
                    throw new IllegalArgumentException("amounts has " + b.amounts.length + " rows but rowYFractions "
                            + b.rowYFractions.length);
                for (double[] row : b.amounts) {
                    if (row.length != laneX.length)
                        throw new IllegalArgumentException("amounts row has " + row.length + " lanes, expected " + laneX.length);
                    for (double a : row) if (!(a >= 0)) throw new IllegalArgumentException("amounts must be >= 0");
                }
                return b.amounts;
            }
            // Defaults: row 0 a decreasing series (peak 50% .. 12.5% of max), other rows ~30% of max.
            double approxUnitSum = 5.404 * sx * sy; // 2*Gamma(5/4)*2^(1/4) * sqrt(2 pi) * sx * sy
            int n = laneX.length;
            double[][] a = new double[b.rowYFractions.length][n];
            for (int r = 0; r < a.length; r++) {
                for (int l = 0; l < n; l++) {
                    double frac = r == 0 ? 0.5 * (1 - 0.75 * (n > 1 ? (double) l / (n - 1) : 0)) : 0.3;
                    a[r][l] = Math.rint(frac * (max - bgLevel) * approxUnitSum);
                }
            }
            return a;
        }

        double smile(double laneCentre) {
            double u = (laneCentre - w / 2.0) / (w / 2.0);
            return b.smileAmplitude * (1 - u * u);
        }

        /** Fills the band's window and unit profile. */
        void evaluate(Band band) {
            double hx = WINDOW_SX * sx, hy = WINDOW_SY * sy;
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                double u = band.x0 + ((k & 1) == 0 ? -hx : hx) - cxImg;
                double v = band.y0 + ((k & 2) == 0 ? -hy : hy) - cyImg;
                double x = cxImg + cos * u - sin * v;
                double y = cyImg + sin * u + cos * v;
                minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                minY = Math.min(minY, y); maxY = Math.max(maxY, y);
            }
            int x0 = Math.max(0, (int) Math.floor(minX - 0.5));
            int x1 = Math.min(w, (int) Math.ceil(maxX + 0.5));
            int y0 = Math.max(0, (int) Math.floor(minY - 0.5));
            int y1 = Math.min(h, (int) Math.ceil(maxY + 0.5));
            band.wx0 = x0;
            band.wy0 = y0;
            band.ww = Math.max(0, x1 - x0);
            band.wh = Math.max(0, y1 - y0);
            band.unit = new double[band.ww * band.wh];
            double sum = 0, peak = 0;
            for (int j = 0; j < band.wh; j++) {
                double py = y0 + j + 0.5 - cyImg;
                for (int i = 0; i < band.ww; i++) {
                    double px = x0 + i + 0.5 - cxImg;
                    double dx = cxImg + cos * px + sin * py - band.x0;
                    double dy = cyImg - sin * px + cos * py - band.y0;
                    if (Math.abs(dx) > hx || Math.abs(dy) > hy) continue;
                    double qx = dx / sx, qy = dy / sy;
                    double qx2 = qx * qx;
                    double val = Math.exp(-0.5 * (qx2 * qx2 + qy * qy));
                    band.unit[j * band.ww + i] = val;
                    sum += val;
                    if (val > peak) peak = val;
                }
            }
            band.unitSum = sum;
            band.unitPeak = peak;
        }

        Result run() {
            double[][] amounts = amounts();
            int nIn = b.rowYFractions.length;
            int nLanes = laneX.length;
            double[] dOffset = new double[nIn];
            double[] dRatio = new double[nIn];
            boolean[] hasDoublet = new boolean[nIn];
            for (double[] d : b.doublets) {
                int r = (int) d[0];
                if (r < 0 || r >= nIn) throw new IllegalArgumentException("doublet row out of range: " + r);
                if (hasDoublet[r]) throw new IllegalArgumentException("only one doublet per row");
                if (d[1] == 0) throw new IllegalArgumentException("doublet offset must be non-zero");
                if (!(d[2] >= 0)) throw new IllegalArgumentException("doublet ratio must be >= 0");
                hasDoublet[r] = true;
                dOffset[r] = d[1];
                dRatio[r] = d[2];
            }
            // band rows (input rows + doublet partners), sorted top to bottom by nominal y
            List<double[]> rowKeys = new ArrayList<>(); // {nominalY, inputRow, partner}
            for (int r = 0; r < nIn; r++) {
                double y = b.rowYFractions[r] * h;
                rowKeys.add(new double[] {y, r, 0});
                if (hasDoublet[r]) rowKeys.add(new double[] {y + dOffset[r], r, 1});
            }
            rowKeys.sort(Comparator.comparingDouble(k -> k[0]));
            int nRows = rowKeys.size();
            Band[][] bands = new Band[nRows][nLanes];
            Band[][] mainOf = new Band[nIn][nLanes];
            for (int pass = 0; pass < 2; pass++) { // main bands first: partners need their amplitude
                for (int row = 0; row < nRows; row++) {
                    double[] key = rowKeys.get(row);
                    boolean partner = key[2] != 0;
                    if (partner != (pass == 1)) continue;
                    int r = (int) key[1];
                    for (int l = 0; l < nLanes; l++) {
                        Band band = new Band();
                        band.inputRow = r;
                        band.partner = partner;
                        band.lane = l;
                        band.nominalY = key[0];
                        band.x0 = laneX[l];
                        band.y0 = key[0] + smile(laneX[l]);
                        evaluate(band);
                        if (!partner) {
                            double amount = amounts[r][l];
                            if (amount > 0 && band.unitSum <= 0)
                                throw new IllegalArgumentException("band row " + r + " lane " + l + " lies outside the image");
                            band.amplitude = amount > 0 ? amount / band.unitSum : 0;
                            band.volume = amount;
                            mainOf[r][l] = band;
                        } else {
                            band.amplitude = dRatio[r] * mainOf[r][l].amplitude;
                            band.volume = band.amplitude * band.unitSum;
                        }
                        bands[row][l] = band;
                    }
                }
            }

            // light-space raster
            double[] light = new double[w * h];
            double gx = b.gradientX / w, gy = b.gradientY / h;
            for (int j = 0; j < h; j++) {
                double rowBg = bgLevel + gy * (j + 0.5 - cyImg);
                int o = j * w;
                for (int i = 0; i < w; i++) light[o + i] = rowBg + gx * (i + 0.5 - cxImg);
            }
            for (Band[] row : bands) {
                for (Band band : row) {
                    if (band.amplitude == 0) continue;
                    double a = band.amplitude;
                    for (int j = 0; j < band.wh; j++) {
                        int src = j * band.ww;
                        int dst = (band.wy0 + j) * w + band.wx0;
                        for (int i = 0; i < band.ww; i++) light[dst + i] += a * band.unit[src + i];
                    }
                }
            }
            if (b.noiseSigma > 0) {
                Random rnd = new Random(b.seed);
                for (int k = 0; k < light.length; k++) light[k] += b.noiseSigma * rnd.nextGaussian();
            }
            int[] q = new int[w * h]; // rounded, clipped light values
            for (int k = 0; k < light.length; k++) {
                long v = Math.round(light[k]);
                q[k] = (int) Math.max(0, Math.min(max, v));
            }
            ImageProcessor ip;
            if (b.bitDepth == 8) {
                byte[] px = new byte[w * h];
                for (int k = 0; k < px.length; k++) px[k] = (byte) (b.darkBands ? max - q[k] : q[k]);
                ip = new ByteProcessor(w, h, px);
            } else {
                short[] px = new short[w * h];
                for (int k = 0; k < px.length; k++) px[k] = (short) (b.darkBands ? max - q[k] : q[k]);
                ip = new ShortProcessor(w, h, px, null);
            }
            ip.resetMinAndMax();

            // per band truth: tight box above 5% of peak, clipped pixels inside it
            for (Band[] row : bands) {
                for (Band band : row) {
                    int bx0 = Integer.MAX_VALUE, by0 = Integer.MAX_VALUE, bx1 = -1, by1 = -1;
                    if (band.amplitude > 0) {
                        double thr = BOX_FRACTION * band.unitPeak;
                        for (int j = 0; j < band.wh; j++) {
                            for (int i = 0; i < band.ww; i++) {
                                if (band.unit[j * band.ww + i] > thr) {
                                    bx0 = Math.min(bx0, i); bx1 = Math.max(bx1, i);
                                    by0 = Math.min(by0, j); by1 = Math.max(by1, j);
                                }
                            }
                        }
                    }
                    if (bx1 < 0) {
                        int cx = (int) Math.floor(centreX(band)), cy = (int) Math.floor(centreY(band));
                        band.box = new Rectangle(cx, cy, 0, 0);
                        band.clipped = 0;
                        continue;
                    }
                    band.box = new Rectangle(band.wx0 + bx0, band.wy0 + by0, bx1 - bx0 + 1, by1 - by0 + 1);
                    int c = 0;
                    for (int y = band.box.y; y < band.box.y + band.box.height; y++)
                        for (int x = band.box.x; x < band.box.x + band.box.width; x++)
                            if (q[y * w + x] >= max) c++;
                    band.clipped = c;
                }
            }
            ImagePlus imp = new ImagePlus(b.title, ip);
            return new Result(this, imp, bands);
        }

        double centreX(Band band) {
            double u = band.x0 - cxImg, v = band.y0 - cyImg;
            return cxImg + cos * u - sin * v;
        }

        double centreY(Band band) {
            double u = band.x0 - cxImg, v = band.y0 - cyImg;
            return cyImg + sin * u + cos * v;
        }
    }

    /** Immutable generated blot plus its exact truth. Row and lane indices are 0-based here. */
    public static final class Result {
        private final ImageProcessor ip;
        private final String title;
        private final Band[][] bands;
        private final int width, height, max, bitDepth;
        private final boolean dark;
        private final double bgLevel, gradX, gradY, sx, sy, pitch, cos;
        private final double[] laneX;
        private final double[][] centreX, centreY;

        private Result(Generator g, ImagePlus imp, Band[][] bands) {
            this.ip = imp.getProcessor();
            this.title = imp.getTitle();
            this.bands = bands;
            this.width = g.w;
            this.height = g.h;
            this.max = g.max;
            this.bitDepth = g.b.bitDepth;
            this.dark = g.b.darkBands;
            this.bgLevel = g.bgLevel;
            this.gradX = g.b.gradientX;
            this.gradY = g.b.gradientY;
            this.sx = g.sx;
            this.sy = g.sy;
            this.pitch = g.pitch;
            this.cos = g.cos;
            this.laneX = g.laneX.clone();
            centreX = new double[bands.length][laneX.length];
            centreY = new double[bands.length][laneX.length];
            for (int r = 0; r < bands.length; r++) {
                for (int l = 0; l < laneX.length; l++) {
                    centreX[r][l] = g.centreX(bands[r][l]);
                    centreY[r][l] = g.centreY(bands[r][l]);
                }
            }
        }

        /** A fresh copy of the generated image (8-bit ByteProcessor or 16-bit ShortProcessor). */
        public ImagePlus image() {
            ImagePlus imp = new ImagePlus(title, ip.duplicate());
            return imp;
        }

        public int lanes() { return laneX.length; }

        /** Number of band rows (input rows plus doublet partners), top to bottom. */
        public int rows() { return bands.length; }

        public int width() { return width; }

        public int height() { return height; }

        public int bitDepth() { return bitDepth; }

        public boolean darkBands() { return dark; }

        /** The clip level: 255, 65535 or the builder's clipLevel; also the white level of dark-band images. */
        public int maxValue() { return max; }

        /** Band super-Gaussian half-width sx (px). */
        public double bandSigmaX() { return sx; }

        public double bandSigmaY() { return sy; }

        /** Mean lane pitch (px). */
        public double lanePitch() { return pitch; }

        /** True integrated band signal (DN, light space, background-free, before noise/rounding/clipping). */
        public double trueVolume(int row, int lane) { return band(row, lane).volume; }

        /** Band amplitude A (DN): the peak of the continuous band term. */
        public double amplitude(int row, int lane) { return band(row, lane).amplitude; }

        /** Tight pixel box where the band's own term exceeds 5% of its peak (empty box for a zero band). */
        public Rectangle trueBox(int row, int lane) { return new Rectangle(band(row, lane).box); }

        /** Pixels of {@link #trueBox} at the clip level (light-space value == maxValue()). */
        public int clippedPixels(int row, int lane) { return band(row, lane).clipped; }

        public boolean saturated(int row, int lane) { return band(row, lane).clipped > 0; }

        /** Band centre in image coordinates (after smile and tilt). */
        public double bandCentreX(int row, int lane) { band(row, lane); return centreX[row][lane]; }

        public double bandCentreY(int row, int lane) { band(row, lane); return centreY[row][lane]; }

        /** The input row (builder amounts/rowYFractions index) a band row comes from. */
        public int inputRow(int row) { return band(row, 0).inputRow; }

        /** True if this band row is the extra band of a doublet. */
        public boolean isDoubletPartner(int row) { return band(row, 0).partner; }

        /** Lane centre x at image mid-height (after tilt). */
        public double laneCentreX(int lane) {
            if (lane < 0 || lane >= laneX.length) throw new IndexOutOfBoundsException("lane " + lane);
            return width / 2.0 + (laneX[lane] - width / 2.0) / cos;
        }

        /** Exact (noiseless, unrounded) light-space background of pixel (x, y). */
        public double background(int x, int y) {
            return bgLevel + gradX * (x + 0.5 - width / 2.0) / width + gradY * (y + 0.5 - height / 2.0) / height;
        }

        /** Exact light-space background summed over the pixels of {@code r} inside the image. */
        public double backgroundSum(Rectangle r) {
            Rectangle c = r.intersection(new Rectangle(0, 0, width, height));
            if (c.isEmpty()) return 0;
            double n = (double) c.width * c.height;
            return n * bgLevel
                    + gradX / width * c.height * c.width * (c.x + c.width / 2.0 - width / 2.0)
                    + gradY / height * c.width * c.height * (c.y + c.height / 2.0 - height / 2.0);
        }

        /** The band's own noiseless, unclipped signal summed over the pixels of {@code r}. */
        public double bandSumInBox(int row, int lane, Rectangle r) {
            Band band = band(row, lane);
            if (band.amplitude == 0) return 0;
            Rectangle c = r.intersection(new Rectangle(band.wx0, band.wy0, band.ww, band.wh));
            if (c.isEmpty()) return 0;
            double s = 0;
            for (int y = c.y; y < c.y + c.height; y++) {
                int o = (y - band.wy0) * band.ww - band.wx0;
                for (int x = c.x; x < c.x + c.width; x++) s += band.unit[o + x];
            }
            return band.amplitude * s;
        }

        /** Sum over all bands of {@link #bandSumInBox}. */
        public double allBandsSumInBox(Rectangle r) {
            double s = 0;
            for (int row = 0; row < rows(); row++)
                for (int lane = 0; lane < lanes(); lane++) s += bandSumInBox(row, lane, r);
            return s;
        }

        /**
         * Truth as CSV, header {@code image,lane,row,x,y,width,height,true_volume,saturated};
         * lane and row 1-based, lanes left to right, rows top to bottom (lane-major order).
         */
        public String truthCsv(String imageName) {
            StringBuilder sb = new StringBuilder("image,lane,row,x,y,width,height,true_volume,saturated\n");
            for (int lane = 0; lane < lanes(); lane++) {
                for (int row = 0; row < rows(); row++) {
                    Rectangle box = trueBox(row, lane);
                    sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%.1f,%s\n", imageName, lane + 1, row + 1,
                            box.x, box.y, box.width, box.height, trueVolume(row, lane), saturated(row, lane)));
                }
            }
            return sb.toString();
        }

        private Band band(int row, int lane) {
            if (row < 0 || row >= bands.length) throw new IndexOutOfBoundsException("row " + row);
            if (lane < 0 || lane >= laneX.length) throw new IndexOutOfBoundsException("lane " + lane);
            return bands[row][lane];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "SyntheticBlot[%dx%d %d-bit%s, %d rows x %d lanes, sx=%.2f sy=%.2f]",
                    width, height, bitDepth, dark ? " dark" : "", rows(), lanes(), sx, sy) + Arrays.toString(laneX);
        }
    }
}
