package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;

import org.assayquant.core.AssayException;
import org.assayquant.core.FloatSort;
import org.assayquant.core.Parallel;
import org.assayquant.core.Profiles;

/**
 * Finds the dish or the wells of a plate. Well walls are circular edges whatever the lighting
 * (dark walls, bright rims, reflections), so candidates come from a gradient-direction circle
 * Hough transform on a copy reduced to about 600 pixels; for a multi-well format the candidates
 * must then sit on a rows x columns lattice (possibly slightly rotated) whose pitch fits the
 * wells' radius. Missing wells of a found lattice are filled in from it.
 */
public final class WellFinder {
    /** Working size: the wells of a 96-well plate spanning the image are still ~8 px in radius. */
    private static final int WORK_SIZE = 400;

    private WellFinder() {}

    /**
     * The wells found, row-major (rows x cols as the image shows them), with the format.
     * {@code doubts}: why the lattice, plausible as a plate, still needs a look (empty: none).
     */
    public record Plate(PlateFormat format, int rows, int cols, List<Circle> wells, double rotationDegrees, int wellsSeen, List<String> doubts) {
        public Plate(PlateFormat format, int rows, int cols, List<Circle> wells, double rotationDegrees, int wellsSeen) {
            this(format, rows, cols, wells, rotationDegrees, wellsSeen, List.of());
        }

        /**
         * The walls seen back less than WALL_PROOF of their circles (a plate: the median over its walls
         * seen): the circles may be no dish or plate at all.
         */
        public boolean weakWalls() {
            double[] s = wells.stream().mapToDouble(Circle::support).filter(v -> v > 0).sorted().toArray();
            return s.length > 0 && s[s.length / 2] < WALL_PROOF;
        }

        /**
         * Whether the walls found prove a plate or dish photo: most of the plate's walls seen (three
         * quarters) and no doubts about its lattice (a lattice that had to place wells it did not see is
         * no proof: the synthetic dilution blot, sample-images/dilution_marker_16bit.tif, reads as a
         * 6-well plate with 4 walls seen); walls backing at least WALL_PROOF of their circles.
         */
        public boolean proven() {
            return wellsSeen >= 0.75 * wells.size() && doubts.isEmpty() && !weakWalls();
        }
    }

    /**
     * A dish or plate found on a blot is circles touching band rows and membrane edges; a photo's
     * walls back most of their circles. The fraction of the circumference backed by edges (5-degree
     * sectors): 119 dish photos (OpenCFU webcam and high-resolution, phone, OnePetri) 0.53 (one
     * lid-covered phone dish under severe perspective), then 0.68-1.0; the dishes found on blots and
     * gels 0.40-0.50 (athenaz2 imager blots July4 B1AR GAPDH, June21 and June25 B3AR, March 19 B1AR
     * 16w, refused by a blot batch before session 12; gel photos 09-16, HM_DSC00421_Crop, cut.tif,
     * LM_5_top, LM_IMG_20171122_100604). Plates, the median over the walls seen: 62 of the 66
     * 12-well plaque photos and the two sample plates 0.79-1.0 (the other 4 plaque photos read as one
     * dish with format=auto, 0.49-0.54), the 6- and 12-well "plates" found on 5 athenaz2 blots and
     * films 0.24-0.33. Between the two, nearer the dishes' bulk: a blot batch
     * measures such a dish as a blot (in its own folder) rather than lose a blot, and the wells
     * command flags it.
     */
    public static final double WALL_PROOF = 0.6;

    /** A lattice search's outcome: the best plausible plate, or null and why the best lattice was not one. */
    record Attempt(Plate plate, String refused) {}

    /** {@code format} null = decide automatically. */
    public static Plate find(PlateImage img, PlateFormat format) {
        double scale = Math.min(1.0, WORK_SIZE / (double) Math.max(img.width, img.height));
        FloatProcessor small = reduced(img, scale);
        int w = small.getWidth(), h = small.getHeight();
        double s = Math.min(w, h);
        Edges edges = edges(small, img.maxValue);
        List<Plate> options = new ArrayList<>();
        String refused = null;
        List<Circle> rims = format == null || format == PlateFormat.DISH ? circles(edges, w, h, 0.25 * s, 0.56 * Math.max(w, h), 1) : List.of();
        if (format == null || format != PlateFormat.DISH) {
            List<Circle> cands = circles(edges, w, h, Math.max(6, 0.02 * s), 0.26 * s, 200);
            // circles larger than any well a lattice may lie in: the wells of a 6-well plate, a dish
            List<Circle> larger = new ArrayList<>(cands);
            larger.addAll(format == null ? rims : circles(edges, w, h, 0.25 * s, 0.56 * Math.max(w, h), 3));
            for (PlateFormat f : PlateFormat.values()) {
                if (f == PlateFormat.DISH || (format != null && f != format)) continue;
                Attempt a = lattice(cands, f, w, h, larger);
                if (a.plate() != null) options.add(rescaled(a.plate(), scale));
                else if (a.refused() != null && refused == null) refused = a.refused();
            }
        }
        if (format == null || format == PlateFormat.DISH) {
            // a dish shows several concentric rims (lid, lip, wall): take the outermost well-supported one
            Circle dish = rims.isEmpty() ? null : outermost(edges, centred(edges, rims.get(0), 0.25 * s, 0.56 * Math.max(w, h)), 0.25 * s, 0.56 * Math.max(w, h));
            if (dish != null && dish.support() > (format == null ? 0.4 : 0.35))
                options.add(rescaled(new Plate(PlateFormat.DISH, 1, 1, List.of(dish), 0, 1), scale));
        }
        Plate best = null;
        for (Plate p : options) {
            double frac = p.wellsSeen() / (double) p.format().wells();
            if (p.format() != PlateFormat.DISH && format == null && frac < 0.6) continue;
            if (best == null || better(p, best)) best = p;
        }
        if (best == null) {
            String what = format == null ? "no dish or plate of 6-96 wells" : format == PlateFormat.DISH ? "no dish" : "no " + format.key + "-well plate";
            if (refused != null && format != null) throw AssayException.failed(what + " found: " + refused + "; mark the wells as circle ROIs (wells=roi)");
            throw AssayException.failed(what + " found (no circular well walls); give format=, or mark the wells as circle ROIs");
        }
        return best;
    }

    private static Plate rescaled(Plate p, double scale) {
        List<Circle> full = new ArrayList<>();
        for (Circle c : p.wells()) full.add(c.scaled(1 / scale));
        return new Plate(p.format(), p.rows(), p.cols(), full, p.rotationDegrees(), p.wellsSeen(), p.doubts());
    }

    /** More wells explained wins; a multi-well plate beats a dish when most of its wells were seen. */
    private static boolean better(Plate a, Plate b) {
        if (a.format() == PlateFormat.DISH) return false;
        if (b.format() == PlateFormat.DISH) return a.wellsSeen() >= Math.max(4, 0.6 * a.format().wells());
        if (a.wellsSeen() != b.wellsSeen()) return a.wellsSeen() > b.wellsSeen();
        return a.wellsSeen() / (double) a.format().wells() > b.wellsSeen() / (double) b.format().wells();
    }

    /**
     * The mean of the channels reduced by {@code scale}, then lightly blurred: ImageJ's
     * blurGaussian(sigma 0.5 / scale) and bilinear resize, bit for bit, computed from the image
     * without a full-resolution copy (see {@link #blurredColumns}).
     */
    static FloatProcessor reduced(PlateImage img, double scale) {
        int w = img.width, h = img.height;
        int dw = (int) Math.round(w * scale), dh = (int) Math.round(h * scale);
        FloatProcessor fp;
        if (scale < 1 && dw < w / 2) {
            fp = resized(blurredColumns(img, 0.5 / scale, dw), w, h, dw, dh);
        } else {
            float[] gray = new float[w * h];
            for (int i = 0; i < gray.length; i++) gray[i] = img.get(PlateImage.MEAN, i);
            fp = new FloatProcessor(w, h, gray);
            if (scale < 1) {
                // average before sampling, so fine texture (colonies, agar) does not alias into edges
                fp.setInterpolationMethod(ij.process.ImageProcessor.BILINEAR);
                new GaussianBlur().blurGaussian(fp, 0.5 / scale, 0.5 / scale, 0.01);
                fp = (FloatProcessor) fp.resize(dw, dh);
            }
        }
        new GaussianBlur().blurGaussian(fp, 1.5, 1.5, 0.01);
        return fp;
    }

    /** The count columns of the full image a bilinear resize reads, their blurred values (count per row) and, for each such column x, its place index[x] among them. */
    record Columns(int count, int[] index, float[] px) {}

    /**
     * ImageJ's blurGaussian(gray, sigma, sigma, 0.01) on only the columns FloatProcessor.resize(dw, ...)
     * reads with bilinear interpolation (two per output column, of thousands). The x pass runs on
     * every row (each column's y pass needs all rows), a band of rows at a time from the image; the
     * y pass on the kept columns. Each line is blurred on its own by the same ImageJ code, so the
     * kept pixels are those of the full blur.
     */
    static Columns blurredColumns(PlateImage img, double sigma, int dw) {
        int w = img.width, h = img.height;
        // the columns FloatProcessor.resize reads with BILINEAR interpolation (its own arithmetic)
        boolean[] read = new boolean[w];
        double xScale = (double) dw / w, srcCenterX = w / 2.0, dstCenterX = dw / 2.0 + xScale / 4.0;
        for (int x = 0; x < dw; x++) {
            int xbase = (int) source(x, dstCenterX, xScale, srcCenterX, w);
            read[xbase] = true;
            read[xbase + 1] = true;
        }
        int n = 0;
        int[] cols = new int[w], index = new int[w];
        for (int x = 0; x < w; x++) if (read[x]) {
            index[x] = n;
            cols[n++] = x;
        }
        GaussianBlur gb = new GaussianBlur();
        float[] narrow = new float[n * h];
        int band = Math.max(1, Math.min(h, (1 << 20) / w));
        float[] rows = new float[band * w];
        for (int y0 = 0; y0 < h; y0 += band) {
            int k = Math.min(band, h - y0);
            float[] buf = k == band ? rows : new float[k * w];
            for (int i = 0, p = y0 * w; i < k * w; i++, p++) buf[i] = img.get(PlateImage.MEAN, p);
            gb.blur1Direction(new FloatProcessor(w, k, buf), sigma, 0.01, true, (int) Math.ceil(5 * sigma)); // as blurFloat does
            for (int y = 0; y < k; y++) for (int j = 0; j < n; j++) narrow[(y0 + y) * n + j] = buf[y * w + cols[j]];
        }
        gb.blur1Direction(new FloatProcessor(n, h, narrow), sigma, 0.01, false, 0);
        return new Columns(n, index, narrow);
    }

    /** The source coordinate FloatProcessor.resize samples for destination coordinate d with bilinear interpolation (its arithmetic and clamping). */
    private static double source(int d, double dstCenter, double scale, double srcCenter, int size) {
        double s = (d - dstCenter) / scale + srcCenter;
        if (s < 0.0) s = 0.0;
        if (s >= size - 1.0) s = size - 1.001;
        return s;
    }

    /**
     * FloatProcessor.resize(dw, dh) with bilinear interpolation of a w x h image of which only
     * the columns c hold values: ImageJ's arithmetic (no NaN in 8/16-bit data).
     */
    static FloatProcessor resized(Columns c, int w, int h, int dw, int dh) {
        int n = c.count();
        float[] px = c.px(), out = new float[dw * dh];
        double xScale = (double) dw / w, yScale = (double) dh / h;
        double srcCenterX = w / 2.0, srcCenterY = h / 2.0;
        double dstCenterX = dw / 2.0 + xScale / 4.0, dstCenterY = dh / 2.0 + (dh != h ? yScale / 4.0 : 0);
        for (int y = 0; y < dh; y++) {
            double ys = source(y, dstCenterY, yScale, srcCenterY, h);
            int ybase = (int) ys;
            double yFraction = ys - ybase;
            for (int x = 0; x < dw; x++) {
                double xs = source(x, dstCenterX, xScale, srcCenterX, w);
                int xbase = (int) xs;
                double xFraction = xs - xbase;
                int lower = ybase * n + c.index()[xbase], upper = lower + n; // column xbase + 1 is the next kept one
                double lowerLeft = px[lower], lowerRight = px[lower + 1];
                double upperLeft = px[upper], upperRight = px[upper + 1];
                double upperAverage = upperLeft + xFraction * (upperRight - upperLeft);
                double lowerAverage = lowerLeft + xFraction * (lowerRight - lowerLeft);
                out[y * dw + x] = (float) (lowerAverage + yFraction * (upperAverage - lowerAverage));
            }
        }
        return new FloatProcessor(dw, dh, out);
    }

    /** Edge pixels: the strongest gradients, with unit direction. */
    private record Edges(int[] x, int[] y, float[] ux, float[] uy, float[] mag, Grid grid) {
        Edges(int[] x, int[] y, float[] ux, float[] uy, float[] mag) {
            this(x, y, ux, uy, mag, new Grid(x, y));
        }

        /** Indices, ascending, of the edges that may lie at a distance in [lo, hi] from (cx, cy) (a superset). */
        int[] near(double cx, double cy, double lo, double hi) {
            return grid.near(cx, cy, lo - 1, hi + 1);
        }
    }

    /**
     * Edge indices by image row (edges are listed row by row, x ascending): a search for the edges
     * in a ring around a point takes from each row the x intervals the ring crosses and computes
     * nothing else differently. Indices come back in ascending order, the order of a scan over all
     * edges (least-squares sums depend on it).
     */
    static final class Grid {
        final int[] x, rowStart;

        Grid(int[] x, int[] y) {
            this.x = x;
            int maxY = 0;
            for (int k = 0; k < y.length; k++) {
                maxY = Math.max(maxY, y[k]);
                if (k > 0 && (y[k] < y[k - 1] || (y[k] == y[k - 1] && x[k] <= x[k - 1]))) throw new IllegalStateException("edges not in row order");
            }
            rowStart = new int[maxY + 2];
            for (int yy : y) rowStart[yy + 1]++;
            for (int r = 0; r <= maxY; r++) rowStart[r + 1] += rowStart[r];
        }

        private static final ThreadLocal<int[]> NEAR = ThreadLocal.withInitial(() -> new int[256]);

        int[] near(double cx, double cy, double lo, double hi) {
            int n = 0;
            int[] out = NEAR.get(); // grown once per thread, copied out exactly at the end
            int y0 = Math.max(0, (int) Math.floor(cy - hi)), y1 = Math.min(rowStart.length - 2, (int) Math.ceil(cy + hi));
            for (int yy = y0; yy <= y1; yy++) {
                int a = rowStart[yy], b = rowStart[yy + 1];
                if (a == b) continue;
                double dy2 = (yy - cy) * (yy - cy);
                if (dy2 > hi * hi) continue;
                double outer = Math.sqrt(hi * hi - dy2);
                int xa = (int) Math.floor(cx - outer), xb = (int) Math.ceil(cx + outer);
                int ia = xb + 1, ib = xb; // the excluded inner interval [ia, ib] (empty unless the row crosses the hole)
                if (lo > 0 && dy2 < lo * lo) {
                    double inner = Math.sqrt(lo * lo - dy2);
                    ia = (int) Math.ceil(cx - inner);
                    ib = (int) Math.floor(cx + inner);
                }
                for (int k = lowerBound(a, b, xa); k < b && x[k] <= xb; k++) {
                    if (x[k] >= ia && x[k] <= ib) {
                        k = lowerBound(k, b, ib + 1) - 1;
                        continue;
                    }
                    if (n == out.length) NEAR.set(out = Arrays.copyOf(out, 2 * n));
                    out[n++] = k;
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** The first index in [a, b) whose x is >= v. */
        private int lowerBound(int a, int b, int v) {
            while (a < b) {
                int m = (a + b) >>> 1;
                if (x[m] < v) a = m + 1;
                else b = m;
            }
            return a;
        }
    }

    private static Edges edges(FloatProcessor fp, double fullScale) {
        int w = fp.getWidth(), h = fp.getHeight();
        float[] p = (float[]) fp.getPixels();
        float[] gx = new float[w * h], gy = new float[w * h], m = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                float a = p[i - w - 1], b = p[i - w], c = p[i - w + 1], d = p[i - 1], f = p[i + 1], g = p[i + w - 1], hh = p[i + w], k = p[i + w + 1];
                gx[i] = (c + 2 * f + k) - (a + 2 * d + g);
                gy[i] = (g + 2 * hh + k) - (a + 2 * b + c);
                m[i] = (float) len(gx[i], gy[i]);
            }
        }
        float[] sorted = m.clone();
        FloatSort.sort(sorted); // Arrays.sort's order, faster
        // the strongest tenth, not below a step of ~0.1% of full scale (a blank field has no walls)
        float t = Math.max(sorted[(int) (0.90 * (sorted.length - 1))], (float) (0.004 * fullScale));
        int n = 0;
        for (float v : m) if (v > t) n++;
        int[] ex = new int[n], ey = new int[n];
        float[] ux = new float[n], uy = new float[n], mag = new float[n];
        int j = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (m[i] <= t) continue;
                ex[j] = x;
                ey[j] = y;
                ux[j] = gx[i] / m[i];
                uy[j] = gy[i] / m[i];
                mag[j++] = m[i];
            }
        }
        return new Edges(ex, ey, ux, uy, mag);
    }

    /**
     * Circle candidates with radii in [rmin, rmax], strongest first: edge pixels vote for centres
     * along their gradient (both ways: a wall may be darker or brighter than the well), then each
     * centre takes the radius that most of the circumference supports.
     */
    static List<Circle> circles(Edges e, int w, int h, double rmin, double rmax, int max) {
        float[] acc = new float[w * h];
        int r0 = (int) Math.floor(rmin), r1 = (int) Math.ceil(rmax);
        float[] weight = new float[r1 + 1]; // 1/r: big circles have more edge
        for (int r = Math.max(1, r0); r <= r1; r++) weight[r] = 1f / r;
        for (int k = 0; k < e.x.length; k++) {
            int x = e.x[k], y = e.y[k];
            float ux = e.ux[k], uy = e.uy[k];
            for (int r = r0; r <= r1; r++) {
                for (int sgn = -1; sgn <= 1; sgn += 2) {
                    int cx = (int) Math.round(x + sgn * r * ux);
                    int cy = (int) Math.round(y + sgn * r * uy);
                    if (cx >= 0 && cy >= 0 && cx < w && cy < h) acc[cy * w + cx] += weight[r];
                }
            }
        }
        FloatProcessor a = new FloatProcessor(w, h, acc);
        new GaussianBlur().blurGaussian(a, 2, 2, 0.01);
        // local maxima (no pixel of the (2 win + 1)^2 window around them is higher), strongest first
        List<int[]> peaks = new ArrayList<>();
        int win = Math.max(2, (int) (rmin / 2));
        float[] around = windowMax(acc, w, h, win);
        for (int i = 0; i < acc.length; i++) if (acc[i] > 0 && acc[i] >= around[i]) peaks.add(new int[] {i % w, i / w});
        peaks.sort(Comparator.comparingDouble(pk -> -acc[pk[1] * w + pk[0]]));
        List<Circle> out = new ArrayList<>();
        // each peak's circle is a pure function of the peak: fitted ahead in parallel, a batch at
        // a time, and taken in peak order (what follows the last one taken is discarded)
        int threads = Runtime.getRuntime().availableProcessors(), batch = 8 * threads;
        for (int from = 0; from < peaks.size() && out.size() < max * 3 && out.size() <= 400; from += batch) {
            int first = from;
            List<Circle> fitted = Parallel.map(Math.min(batch, peaks.size() - from), threads, "assayquant-wells", i -> {
                int[] pk = peaks.get(first + i);
                Circle c = radius(e, pk[0], pk[1], r0, r1);
                return c == null ? null : refine(e, c);
            });
            for (Circle c : fitted) {
                if (out.size() >= max * 3 || out.size() > 400) break;
                if (c == null) continue;
                boolean near = false;
                for (Circle o : out) if (Math.hypot(o.x() - c.x(), o.y() - c.y()) < 0.5 * Math.min(o.r(), c.r())) near = true;
                if (!near) out.add(c);
            }
        }
        out.sort(Comparator.comparingDouble(c -> -c.support()));
        return out.size() > max ? out.subList(0, max) : out;
    }

    /** The maximum of each pixel's (2 win + 1)^2 window, clipped at the borders: the running maximum of the rows, then of the columns. */
    static float[] windowMax(float[] a, int w, int h, int win) {
        float[] out = new float[w * h];
        double[] row = new double[w], column = new double[h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) row[x] = a[y * w + x];
            double[] max = Profiles.max(row, win);
            for (int x = 0; x < w; x++) out[y * w + x] = (float) max[x];
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) column[y] = out[y * w + x];
            double[] max = Profiles.max(column, win);
            for (int y = 0; y < h; y++) out[y * w + x] = (float) max[y];
        }
        return out;
    }

    /** The radius around (cx, cy) best supported by edges whose gradient points along the radius. */
    private static Circle radius(Edges e, int cx, int cy, int r0, int r1) {
        double[] hist = new double[r1 + 2];
        int[] near = e.near(cx, cy, r0 - 0.5, r1 + 0.5);
        for (int k : near) {
            double dx = e.x[k] - cx, dy = e.y[k] - cy;
            if (surelyOff(dx, dy, e.ux[k], e.uy[k], r0 - 0.5, r1 + 0.5, 0.8)) continue;
            double d = len(dx, dy);
            if (d < r0 - 0.5 || d > r1 + 0.5) continue;
            double cos = (dx * e.ux[k] + dy * e.uy[k]) / d;
            if (Math.abs(cos) < 0.9) continue;
            hist[(int) Math.round(d)] += 1;
        }
        int best = -1;
        double bestCount = 0;
        for (int r = Math.max(r0, 1); r <= r1; r++) {
            double count = (hist[r - 1] + hist[r] + hist[r + 1]) / r; // per unit circumference
            if (count > bestCount) {
                bestCount = count;
                best = r;
            }
        }
        if (best < 0) return null;
        // support: the fraction of 5-degree sectors of the circumference where an edge backs the circle
        boolean[] sector = new boolean[72];
        for (int k : near) { // |d - best| <= 1.5 lies within [r0 - 0.5, r1 + 0.5]
            double dx = e.x[k] - cx, dy = e.y[k] - cy;
            if (surelyOff(dx, dy, e.ux[k], e.uy[k], best - 1.5, best + 1.5, 0.8)) continue;
            double d = len(dx, dy);
            if (Math.abs(d - best) > 1.5 || Math.abs((dx * e.ux[k] + dy * e.uy[k]) / d) < 0.9) continue;
            int a = (int) ((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI) * 72);
            sector[Math.min(71, a)] = true;
        }
        int covered = 0;
        for (boolean b : sector) if (b) covered++;
        return new Circle(cx, cy, best, covered / 72.0);
    }

    /**
     * The centre within a tenth of the image (work scale) of the Hough one around which some ring
     * of radius in [rmin, rmax] collects the most radial edges: a dish's rims are concentric, and
     * colonies crowding one side of a dense plate pull the Hough centre by more than the local search
     * of {@link #sharpest} corrects. Coarse grid (3 px, rings 3 px thick), then +-2 px at 1 px.
     */
    private static Circle centred(Edges e, Circle c, double rmin, double rmax) {
        int reach = (int) Math.ceil(0.1 * WORK_SIZE);
        double[] best = ringScore(e, c.x(), c.y(), rmin, rmax, 1);
        double bx = c.x(), by = c.y(), br = best[1];
        // the grid's scores in parallel (each a pure function of its position), then taken in scan order
        int side = 2 * reach / 3 + 1, first = -reach; // dx, dy = -reach, -reach + 3, ... <= reach
        List<double[]> scores = Parallel.map(side * side, Runtime.getRuntime().availableProcessors(), "assayquant-wells",
                i -> ringScore(e, c.x() + first + 3 * (i % side), c.y() + first + 3 * (i / side), rmin, rmax, 1));
        for (int i = 0; i < side * side; i++) {
            int dx = first + 3 * (i % side), dy = first + 3 * (i / side);
            double[] r = scores.get(i);
            if (r[0] > best[0]) { best = r; bx = c.x() + dx; by = c.y() + dy; br = r[1]; }
        }
        double cx = bx, cy = by;
        best = ringScore(e, cx, cy, rmin, rmax, 0);
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                double[] r = ringScore(e, cx + dx, cy + dy, rmin, rmax, 0);
                if (r[0] > best[0]) { best = r; bx = cx + dx; by = cy + dy; br = r[1]; }
            }
        }
        return new Circle(bx, by, br, c.support());
    }

    /** {count, radius} of the ring (2 half + 1 px thick) around (cx, cy) holding the most radial edges. */
    private static double[] ringScore(Edges e, double cx, double cy, double rmin, double rmax, int half) {
        int r0 = (int) rmin, r1 = (int) Math.ceil(rmax);
        int[] hist = new int[r1 + 2];
        for (int k = 0; k < e.x.length; k++) {
            double ex = e.x[k] - cx, ey = e.y[k] - cy;
            if (surelyOff(ex, ey, e.ux[k], e.uy[k], r0, r1, 0.9)) continue;
            double d = Math.sqrt(ex * ex + ey * ey), dot = ex * e.ux[k] + ey * e.uy[k];
            if (d < r0 || d > r1 || Math.abs(dot) < 0.95 * d) continue;
            hist[(int) Math.round(d)]++;
        }
        double best = -1, br = 0;
        for (int r = r0 + half; r <= r1 - half; r++) {
            int sum = 0;
            for (int j = -half; j <= half; j++) sum += hist[r + j];
            if (sum > best) { best = sum; br = r; }
        }
        return new double[] {best, br};
    }

    /** Among the rims concentric with {@code c}, the outermost with at least 60% of the strongest one's edge support. */
    private static Circle outermost(Edges e, Circle c, double rmin, double rmax) {
        int r0 = (int) rmin, r1 = (int) Math.ceil(rmax);
        double[] hist = new double[r1 + 2];
        for (int k = 0; k < e.x.length; k++) {
            double dx = e.x[k] - c.x(), dy = e.y[k] - c.y(), d = len(dx, dy);
            if (d < r0 || d > r1 || Math.abs((dx * e.ux[k] + dy * e.uy[k]) / d) < 0.9) continue;
            hist[(int) Math.round(d)] += 1;
        }
        double max = 0;
        double[] per = new double[r1 + 2];
        for (int r = Math.max(1, r0); r <= r1; r++) {
            per[r] = (hist[r - 1] + hist[r] + hist[r + 1]) / r;
            max = Math.max(max, per[r]);
        }
        int best = (int) Math.round(c.r());
        for (int r = r1; r > best; r--) {
            if (per[r] >= 0.6 * max && per[r] >= per[r - 1] && per[r] >= per[r + 1]) {
                best = r;
                break;
            }
        }
        Circle out = refine(e, sharpest(e, c.withRadius(best)));
        Circle scored = radius(e, (int) Math.round(out.x()), (int) Math.round(out.y()), (int) (out.r() - 2), (int) (out.r() + 2));
        return scored == null ? out : new Circle(out.x(), out.y(), out.r(), scored.support());
    }

    /**
     * The centre within +-8 px (work scale) and radius within +-6 px where one thin ring collects
     * the most radial edges: the Hough centre of a dish drifts when colonies crowd the rim.
     */
    private static Circle sharpest(Edges e, Circle c) {
        int n = 0;
        int[] idx = new int[e.x.length];
        for (int k = 0; k < e.x.length; k++) {
            double d = len(e.x[k] - c.x(), e.y[k] - c.y());
            if (Math.abs(d - c.r()) <= 16) idx[n++] = k;
        }
        int rmin = (int) c.r() - 6, bins = 13;
        double bestScore = -1, bx = c.x(), by = c.y(), br = c.r();
        for (int dy = -8; dy <= 8; dy++) {
            for (int dx = -8; dx <= 8; dx++) {
                double cx = c.x() + dx, cy = c.y() + dy;
                int[] hist = new int[bins];
                for (int j = 0; j < n; j++) {
                    int k = idx[j];
                    double ex = e.x[k] - cx, ey = e.y[k] - cy;
                    if (surelyOff(ex, ey, e.ux[k], e.uy[k], rmin - 0.5, rmin + bins - 0.5, 0.9)) continue; // round(d) outside the bins, or not radial
                    double d = len(ex, ey);
                    int b = (int) Math.round(d) - rmin;
                    if (b < 0 || b >= bins || Math.abs((ex * e.ux[k] + ey * e.uy[k]) / d) < 0.95) continue;
                    hist[b]++;
                }
                for (int b = 0; b < bins; b++) {
                    if (hist[b] > bestScore) {
                        bestScore = hist[b];
                        bx = cx;
                        by = cy;
                        br = rmin + b;
                    }
                }
            }
        }
        return new Circle(bx, by, br, c.support());
    }

    /**
     * True when the edge at offset (dx, dy) with gradient (ux, uy) surely lies outside distances
     * [lo, hi] or surely has cos^2 < cos2 with the radius: squares with a margin, no square root. It never contradicts the exact tests after it (given a cos2 a little below the
     * square of their cosine limit) and lets them run on few edges.
     */
    static boolean surelyOff(double dx, double dy, float ux, float uy, double lo, double hi, double cos2) {
        double d2 = dx * dx + dy * dy, dot = dx * ux + dy * uy;
        return (lo > 0 && d2 < lo * lo * (1 - 1e-9)) || d2 > hi * hi * (1 + 1e-9) || dot * dot < cos2 * d2;
    }

    /** sqrt(dx^2 + dy^2): Math.hypot guards against overflow that pixel distances never reach, at several times the cost. */
    private static double len(double dx, double dy) {
        return Math.sqrt(dx * dx + dy * dy);
    }

    /**
     * Least-squares (Kasa) circle through the edge pixels near the candidate whose gradient is
     * radial, twice with a narrowing band: the Hough centre is only as good as its vote grid.
     */
    private static Circle refine(Edges e, Circle c) {
        for (double band : new double[] {0.05, 0.025}) {
            double tol = Math.max(1.5, band * c.r());
            // Kasa's algebraic fit, x^2 + y^2 + D x + E y + F = 0 by least squares, on coordinates
            // centred on their mean (well conditioned; the normal equations then split into a 2 x 2
            // system and F): sums only, as the finder refines every candidate of a rim with
            // thousands of edges
            int[] near = e.near(c.x(), c.y(), c.r() - tol, c.r() + tol);
            int n = 0;
            double sx = 0, sy = 0;
            for (int k : near) {
                if (!onRing(e, k, c, tol)) continue;
                n++;
                sx += e.x[k];
                sy += e.y[k];
            }
            if (n < 10) return c;
            double mx = sx / n, my = sy / n, suu = 0, svv = 0, suv = 0, suz = 0, svz = 0, sz = 0;
            for (int k : near) {
                if (!onRing(e, k, c, tol)) continue;
                double u = e.x[k] - mx, v = e.y[k] - my, z = -(u * u + v * v);
                suu += u * u;
                svv += v * v;
                suv += u * v;
                suz += u * z;
                svz += v * z;
                sz += z;
            }
            double det = suu * svv - suv * suv;
            if (!(Math.abs(det) > 1e-12 * suu * svv)) return c; // edges on a line: no circle
            double d = (suz * svv - svz * suv) / det, f = (svz * suu - suz * suv) / det;
            double cx = mx - d / 2, cy = my - f / 2, r = Math.sqrt(d * d / 4 + f * f / 4 - sz / n);
            if (!Double.isFinite(r) || Math.hypot(cx - c.x(), cy - c.y()) > 0.2 * c.r() || Math.abs(r - c.r()) > 0.2 * c.r()) return c;
            c = new Circle(cx, cy, r, c.support());
        }
        return c;
    }

    /** Edge k lies within tol of circle c's ring and its gradient points along the radius. */
    private static boolean onRing(Edges e, int k, Circle c, double tol) {
        double dx = e.x[k] - c.x(), dy = e.y[k] - c.y(), d = len(dx, dy);
        return d != 0 && Math.abs(d - c.r()) <= tol && Math.abs((dx * e.ux[k] + dy * e.uy[k]) / d) >= 0.9;
    }

    /**
     * The best rows x cols lattice through the candidates in a w x h image: every candidate in
     * turn is taken as every well of the plate, the lattice so placed is scored by the candidates
     * it explains, and the best one is refined by least squares on its matched centres. A lattice
     * that cannot be a plate in this image ({@link #implausible}; circles {@code larger} than its
     * wells may contain it) is passed over, so a better-supported ruler, label or grid inside one
     * well never hides the plate.
     */
    static Attempt lattice(List<Circle> cands, PlateFormat f, int w, int h, List<Circle> larger) {
        if (cands.size() < 2) return new Attempt(null, null);
        // typical radius among well-supported candidates -> expected pitch
        Plate best = null;
        Plate refusedPlate = null;
        String refused = null;
        int refs = 0;
        for (Circle ref : cands) {
            if (ref.support() < 0.3) continue;
            if (++refs > 24) break; // candidates come strongest first; a real well is among the first
            double pitch = ref.r() / f.radiusToPitch();
            List<Circle> similar = new ArrayList<>();
            for (Circle c : cands) if (Math.abs(c.r() - ref.r()) < 0.2 * ref.r() && c.support() > 0.2) similar.add(c);
            if (similar.size() < 2) continue;
            double angle = angle(similar, pitch);
            for (boolean portrait : new boolean[] {false, true}) {
                int rows = portrait ? f.cols : f.rows, cols = portrait ? f.rows : f.cols;
                double cos = Math.cos(angle), sin = Math.sin(angle);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        // place ref at (row i, col j)
                        double ox = ref.x() - (j * pitch * cos - i * pitch * sin), oy = ref.y() - (j * pitch * sin + i * pitch * cos);
                        Circle[][] match = new Circle[rows][cols];
                        int seen = 0;
                        for (Circle c : similar) {
                            double dx = c.x() - ox, dy = c.y() - oy;
                            double u = (dx * cos + dy * sin) / pitch, v = (-dx * sin + dy * cos) / pitch;
                            int jj = (int) Math.round(u), ii = (int) Math.round(v);
                            if (ii < 0 || jj < 0 || ii >= rows || jj >= cols) continue;
                            if (Math.hypot(u - jj, v - ii) > 0.2) continue;
                            if (match[ii][jj] == null) seen++;
                            if (match[ii][jj] == null || match[ii][jj].support() < c.support()) match[ii][jj] = c;
                        }
                        if (best == null || seen > best.wellsSeen()) {
                            Plate p = refine(match, rows, cols, f, seen);
                            if (p == null) continue;
                            String why = implausible(p, w, h, larger);
                            if (why == null) best = p;
                            else if (refusedPlate == null || seen > refusedPlate.wellsSeen()) {
                                refusedPlate = p;
                                refused = why;
                            }
                        }
                    }
                }
            }
        }
        return new Attempt(best, best == null ? refused : null);
    }

    /**
     * A plate is the photo's subject: the plate these wells imply (its 127.76-mm side from the
     * well radius and the format's well diameter) spans at least this fraction of the image's
     * longer side. The sample plates span 0.99 and 1.0, a synthetic upright 6-well photo with room
     * around the plate 0.69; the grid placed inside one well of a 6-well plate photo (issue 19:
     * radius 59 px for 205) implies a plate of about 0.2, a ruler's marks less.
     */
    static final double MIN_PLATE_SPAN = 0.3;

    /**
     * A lattice lies inside one larger circle when at least this fraction of its walls seen do. A
     * grid inside one well has all of them there (the synthetic one 6 of 6); on a real 12-well
     * plaque photo (issue 19, Colony_counter Brisbane plate 1) the circle enveloping a 2 x 2 block
     * of the plate's own wells held 4 of the 6 walls seen (two thirds, the old limit was a half)
     * and the plate was refused.
     */
    static final double INSIDE_ONE = 0.75;

    /**
     * Why the lattice p cannot be a plate in a w x h image, or null when it can: a plate far
     * smaller than the image ({@link #MIN_PLATE_SPAN}), three quarters of the wells seen inside one
     * larger circle with a wall seen around at least half of it (a grid inside one well or a
     * dish), or a well centre outside the image (the photo shows every well of the plate).
     */
    static String implausible(Plate p, int w, int h, List<Circle> larger) {
        double r = p.wells().get(0).r();
        double span = PlateFormat.PLATE_LENGTH_MM * r / (p.format().diameterMm / 2) / Math.max(w, h);
        if (span < MIN_PLATE_SPAN)
            return String.format(Locale.ROOT, "the best %d x %d lattice of circles (a ruler, a label?) implies a plate %.0f %% of the image long", p.rows(), p.cols(), 100 * span);
        int seen = 0;
        for (Circle c : p.wells()) if (c.support() > 0) seen++;
        for (Circle big : larger) {
            if (big.support() < 0.5 || big.r() < 1.5 * r) continue;
            int inside = 0;
            for (Circle c : p.wells()) if (c.support() > 0 && len(c.x() - big.x(), c.y() - big.y()) + r <= 1.05 * big.r()) inside++;
            if (inside >= Math.max(2, INSIDE_ONE * seen))
                return String.format(Locale.ROOT, "the best %d x %d lattice of circles lies inside one larger circle (one well, or a dish)", p.rows(), p.cols());
        }
        for (Circle c : p.wells())
            if (c.x() < 0 || c.y() < 0 || c.x() > w || c.y() > h)
                return String.format(Locale.ROOT, "the best %d x %d lattice of circles has wells outside the image", p.rows(), p.cols());
        return null;
    }

    /** Lattice angle (radians, within +-45 degrees) from neighbour vectors about one pitch long. */
    private static double angle(List<Circle> cs, double pitch) {
        List<Double> as = new ArrayList<>();
        for (Circle a : cs) {
            for (Circle b : cs) {
                double d = Math.hypot(b.x() - a.x(), b.y() - a.y());
                if (a == b || Math.abs(d - pitch) > 0.25 * pitch) continue;
                double t = Math.atan2(b.y() - a.y(), b.x() - a.x());
                t = t - Math.PI / 2 * Math.round(t / (Math.PI / 2)); // fold into +-45 degrees
                as.add(t);
            }
        }
        if (as.isEmpty()) return 0;
        as.sort(null);
        return as.get(as.size() / 2);
    }

    /**
     * The wells seen may lie this fraction of the radius (RMS) off the fitted lattice before its
     * wells need a look: matched centres are within 0.2 of a pitch (about 0.45 radius) by
     * construction; the sample plates fit within 0.001 (moulded plates are regular to a fraction
     * of a mm), so 0.1 is a plate photographed with strong perspective or circles that are not wells.
     */
    static final double LATTICE_RMS = 0.1;

    /** Least-squares lattice (origin, two axis vectors) through the matched centres; wells not seen are placed on it. */
    private static Plate refine(Circle[][] match, int rows, int cols, PlateFormat f, int seen) {
        // x = ox + j*ax - i*ay ... fit x and y separately as planes in (i, j)
        org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression rx = new org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression();
        List<double[]> ij = new ArrayList<>();
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), rs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                Circle c = match[i][j];
                if (c == null) continue;
                ij.add(new double[] {i, j});
                xs.add(c.x());
                ys.add(c.y());
                rs.add(c.r());
            }
        }
        if (seen < 2) return null;
        rs.sort(null);
        double r = rs.get(rs.size() / 2);
        double[] px, py;
        if (seen >= 3 && distinctRowsAndCols(ij, rows, cols)) {
            double[][] x = ij.toArray(new double[0][]);
            rx.newSampleData(xs.stream().mapToDouble(Double::doubleValue).toArray(), x);
            org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression ry = new org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression();
            ry.newSampleData(ys.stream().mapToDouble(Double::doubleValue).toArray(), x);
            try {
                px = rx.estimateRegressionParameters();
                py = ry.estimateRegressionParameters();
            } catch (RuntimeException e) {
                return null;
            }
        } else {
            return null;
        }
        // px = [x0, dx/di, dx/dj]; py = [y0, dy/di, dy/dj]
        double pitchJ = Math.hypot(px[2], py[2]), pitchI = Math.hypot(px[1], py[1]);
        if (rows > 1 && cols > 1 && Math.abs(pitchI - pitchJ) > 0.1 * Math.max(pitchI, pitchJ)) return null;
        double pitch = cols > 1 ? pitchJ : pitchI;
        double ratio = r / pitch;
        if (Math.abs(ratio - f.radiusToPitch()) > 0.12) return null;
        List<Circle> wells = new ArrayList<>();
        double sq = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                Circle c = match[i][j];
                double x = px[0] + px[1] * i + px[2] * j, y = py[0] + py[1] * i + py[2] * j;
                wells.add(new Circle(x, y, r, c == null ? 0 : c.support()));
                if (c != null) sq += (c.x() - x) * (c.x() - x) + (c.y() - y) * (c.y() - y);
            }
        }
        double rot = Math.toDegrees(Math.atan2(py[2], px[2]));
        List<String> doubts = new ArrayList<>();
        if (seen < (rows * cols + 1) / 2) doubts.add(seen + " of " + rows * cols + " well walls seen");
        double rms = Math.sqrt(sq / seen);
        if (rms > LATTICE_RMS * r)
            doubts.add(String.format(Locale.ROOT, "the wells seen lie %.0f %% of a radius off the lattice (RMS)", 100 * rms / r));
        return new Plate(f, rows, cols, wells, rot, seen, doubts);
    }

    private static boolean distinctRowsAndCols(List<double[]> ij, int rows, int cols) {
        long ni = ij.stream().mapToDouble(a -> a[0]).distinct().count(), nj = ij.stream().mapToDouble(a -> a[1]).distinct().count();
        return (ni >= 2 || rows == 1) && (nj >= 2 || cols == 1) && (ni >= 2 && nj >= 2);
    }
}
