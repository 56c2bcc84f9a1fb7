package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.assayquant.core.blot.BlotResult.Band;

/**
 * Smile and tilt of one strip from every row at once: a band of row r in lane l lies at
 * y = a(l) + b(l) Y(r), Y(r) the row's position on a common scale; a lane that runs ahead or lags
 * is shifted (a) and stretched (b), by the same law in every row (fitted by alternating least
 * squares over the detected bands outside the marker lanes). Across the strip a and b follow a
 * quadratic in x (a line with 2-3 lanes), so a lane without bands of that row, a marker lane at
 * the edge included, is placed from the whole gel's curvature, not from the 2-3 bands of one row.
 * Measured reason: on the real NEB gel (docs/sizes.md), edge marker lane 1 runs 2-9 px further
 * than lanes 2-4 (100 bp at y 591 against 578-582); a line through one row's 3 bands puts it
 * at 583, sizes +33 to +39%.
 */
final class GelSmile {
    /** Lane centre x, shift a and stretch b per lane with bands; the across-strip quadratics of a and b. */
    private final Map<Integer, double[]> lanes;
    private final double[] aOfX, bOfX;

    private GelSmile(Map<Integer, double[]> lanes, double[] aOfX, double[] bOfX) {
        this.lanes = lanes;
        this.aOfX = aOfX;
        this.bOfX = bOfX;
    }

    /**
     * The model of one strip from its detected bands outside the marker lanes; null with fewer
     * than 2 such lanes sharing a row (nothing to learn a smile from).
     */
    static GelSmile fit(List<Band> bands, int strip, MarkerLanes markers) {
        GelSmile clean = fit(bands, strip, markers, false);
        return clean != null ? clean : fit(bands, strip, markers, true);
    }

    /**
     * The parts of a resolved doublet are left out unless nothing else is left: where the band
     * finder split one band in two (the real NEB gel's 10 kb, 6 kb, 400 bp and 100 bp bands), each
     * part's centre lies 1.5-4 px off the band's, as much as the smile of the whole gel.
     */
    private static GelSmile fit(List<Band> all, int strip, MarkerLanes markers, boolean doublets) {
        List<Band> bands = doublets ? all : all.stream().filter(b -> !b.reasons().contains("doublet")).toList();
        Map<Integer, Double> rowY = new HashMap<>();
        Map<Integer, List<double[]>> byLane = new HashMap<>(); // per lane: {row, y}
        Map<Integer, double[]> laneX = new HashMap<>();       // per lane: {sum x, n}
        Map<Integer, Integer> rowCount = new HashMap<>();
        for (Band b : bands) {
            if (b.strip() != strip || !b.detected() || markers.has(strip - 1, b.lane())) continue;
            rowCount.merge(b.row(), 1, Integer::sum);
        }
        for (Band b : bands) {
            if (b.strip() != strip || !b.detected() || markers.has(strip - 1, b.lane()) || rowCount.get(b.row()) < 2) continue;
            double y = b.y() + b.height() / 2.0;
            byLane.computeIfAbsent(b.lane(), k -> new ArrayList<>()).add(new double[] {b.row(), y});
            double[] sx = laneX.computeIfAbsent(b.lane(), k -> new double[2]);
            sx[0] += b.x() + b.width() / 2.0;
            sx[1]++;
            rowY.merge(b.row(), y, Double::sum);
        }
        if (byLane.size() < 2) return null;
        for (Map.Entry<Integer, Double> e : rowY.entrySet()) e.setValue(e.getValue() / rowCount.get(e.getKey()));
        Map<Integer, double[]> ab = new HashMap<>();
        for (int l : byLane.keySet()) ab.put(l, new double[] {0, 1});
        // alternating least squares: each lane's shift and stretch given the rows, each row given the lanes
        for (int it = 0; it < 30; it++) {
            for (Map.Entry<Integer, List<double[]>> e : byLane.entrySet()) {
                List<double[]> pts = e.getValue();
                double n = pts.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
                for (double[] p : pts) {
                    double yr = rowY.get((int) p[0]);
                    sx += yr; sy += p[1]; sxx += yr * yr; sxy += yr * p[1];
                }
                double var = sxx - sx * sx / n;
                // a stretch needs rows spread along the lane: 3 rows over at least 20 px, else a shift alone
                double b = n >= 3 && var > n * 100 ? (sxy - sx * sy / n) / var : 1;
                if (!(b > 0.5 && b < 2)) b = 1; // a lane stretched 2x against the others is a misgrouped row, not a smile
                ab.put(e.getKey(), new double[] {(sy - b * sx) / n, b});
            }
            Map<Integer, double[]> acc = new HashMap<>();
            for (Map.Entry<Integer, List<double[]>> e : byLane.entrySet()) {
                double[] c = ab.get(e.getKey());
                for (double[] p : e.getValue()) {
                    double[] s = acc.computeIfAbsent((int) p[0], k -> new double[2]);
                    s[0] += c[1] * (p[1] - c[0]);
                    s[1] += c[1] * c[1];
                }
            }
            for (Map.Entry<Integer, double[]> e : acc.entrySet()) rowY.put(e.getKey(), e.getValue()[0] / e.getValue()[1]);
        }
        Map<Integer, double[]> out = new HashMap<>();
        List<double[]> aPts = new ArrayList<>(), bPts = new ArrayList<>();
        for (int l : byLane.keySet()) {
            double x = laneX.get(l)[0] / laneX.get(l)[1];
            double[] c = ab.get(l);
            out.put(l, new double[] {x, c[0], c[1]});
            aPts.add(new double[] {x, c[0]});
            bPts.add(new double[] {x, c[1]});
        }
        int d = out.size() >= 3 ? 2 : 1;
        return new GelSmile(out, polyfit(aPts, d), polyfit(bPts, d));
    }

    /**
     * Whether the smile at lane position x is a straight line extrapolated beyond the lanes it was
     * fitted on (2 lanes, x outside them): the curvature there is unknown. Measured reason: on the
     * real NEB gel with the two edge lanes as markers, the line through lanes 2 and 3 misplaced the
     * edge lanes' 200-300 bp bands by 4-7 px (sizes +5 to +8.5%); on the held-out gel (2 sample
     * lanes, edge marker) the 8 kb band read +5.5% (docs/sizes.md).
     */
    boolean extrapolatedLine(double x) {
        if (lanes.size() >= 3) return false;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] l : lanes.values()) { lo = Math.min(lo, l[0]); hi = Math.max(hi, l[0]); }
        return x < lo || x > hi;
    }

    /**
     * Where band b's row lies at lane position x (its position y moved along the strip's smile);
     * NaN when b's lane took no part in the fit.
     */
    double move(Band b, double x) {
        double[] own = lanes.get(b.lane());
        if (own == null) return Double.NaN;
        double y = b.y() + b.height() / 2.0;
        double common = (y - own[1]) / own[2];
        return poly(aOfX, x) + poly(bOfX, x) * common - (poly(aOfX, own[0]) + poly(bOfX, own[0]) * common) + y;
    }

    private static double[] polyfit(List<double[]> pts, int d) {
        double mx = pts.stream().mapToDouble(p -> p[0]).average().orElse(0);
        RealMatrix a = MatrixUtils.createRealMatrix(pts.size(), d + 1);
        double[] v = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            double p = 1;
            for (int j = 0; j <= d; j++) { a.setEntry(i, j, p); p *= pts.get(i)[0] - mx; }
            v[i] = pts.get(i)[1];
        }
        double[] c = new QRDecomposition(a).getSolver().solve(MatrixUtils.createRealVector(v)).toArray();
        double[] out = new double[c.length + 1];
        out[0] = mx;
        System.arraycopy(c, 0, out, 1, c.length);
        return out;
    }

    /** c = {centre, c0, c1, ...}: c0 + c1 (x - centre) + ... */
    private static double poly(double[] c, double x) {
        double f = 0, p = 1;
        for (int i = 1; i < c.length; i++) { f += c[i] * p; p *= x - c[0]; }
        return f;
    }
}
