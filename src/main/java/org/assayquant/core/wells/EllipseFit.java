package org.assayquant.core.wells;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Direct least-squares ellipse fit (Fitzgibbon, Pilu and Fisher 1999, in the numerically stable
 * form of Halir and Flusser 1998): the conic A x^2 + B xy + C y^2 + D x + E y + F = 0 through the
 * points that minimises the algebraic distance under 4AC - B^2 = 1, so it is always an ellipse
 * when the points allow one.
 */
final class EllipseFit {
    private EllipseFit() {}

    /**
     * The ellipse through the first n points (x[i], y[i]), as a {@link Circle} with its aspect and
     * angle, or null when the points give no ellipse. Coordinates are taken relative to (cx, cy)
     * and divided by s (about the radius) so the sums are well conditioned.
     */
    static Circle fit(double[] x, double[] y, int n, double cx, double cy, double s, double support) {
        if (n < 6) return null;
        // scatter matrices of the quadratic part D1 = [x^2 xy y^2] and the linear part D2 = [x y 1]
        double[][] s1 = new double[3][3], s2 = new double[3][3], s3 = new double[3][3];
        double[] q = new double[3], l = new double[3];
        for (int i = 0; i < n; i++) {
            double u = (x[i] - cx) / s, v = (y[i] - cy) / s;
            q[0] = u * u;
            q[1] = u * v;
            q[2] = v * v;
            l[0] = u;
            l[1] = v;
            l[2] = 1;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    s1[a][b] += q[a] * q[b];
                    s2[a][b] += q[a] * l[b];
                    s3[a][b] += l[a] * l[b];
                }
            }
        }
        try {
            RealMatrix S1 = new Array2DRowRealMatrix(s1), S2 = new Array2DRowRealMatrix(s2), S3 = new Array2DRowRealMatrix(s3);
            LUDecomposition lu = new LUDecomposition(S3);
            if (!lu.getSolver().isNonSingular()) return null;
            RealMatrix t = lu.getSolver().getInverse().multiply(S2.transpose()).scalarMultiply(-1); // linear part = t x quadratic part
            RealMatrix m = S1.add(S2.multiply(t));
            // premultiplied by the inverse of the constraint matrix's quadratic block
            double[][] mm = m.getData();
            RealMatrix reduced = new Array2DRowRealMatrix(new double[][] {
                    {mm[2][0] / 2, mm[2][1] / 2, mm[2][2] / 2},
                    {-mm[1][0], -mm[1][1], -mm[1][2]},
                    {mm[0][0] / 2, mm[0][1] / 2, mm[0][2] / 2}});
            EigenDecomposition eig = new EigenDecomposition(reduced);
            double[] a1 = null;
            for (int k = 0; k < 3; k++) {
                if (eig.getImagEigenvalue(k) != 0) continue;
                double[] v = eig.getEigenvector(k).toArray();
                if (4 * v[0] * v[2] - v[1] * v[1] > 0) {
                    a1 = v;
                    break;
                }
            }
            if (a1 == null) return null;
            double[] a2 = t.operate(a1);
            return ellipse(a1[0], a1[1], a1[2], a2[0], a2[1], a2[2], cx, cy, s, support);
        } catch (RuntimeException e) {
            return null; // a singular or complex decomposition: no ellipse from these points
        }
    }

    /** The centre, equal-area radius, aspect and long-axis angle of the conic (in units of s about (cx, cy)), or null when it is no real ellipse. */
    static Circle ellipse(double a, double b, double c, double d, double e, double f, double cx, double cy, double s, double support) {
        double det = 4 * a * c - b * b;
        if (!(det > 0)) return null;
        double x0 = (b * e - 2 * c * d) / det, y0 = (b * d - 2 * a * e) / det;
        double f0 = f + (d * x0 + e * y0) / 2; // the conic's value at its centre
        // eigenvalues of [[a, b/2], [b/2, c]]
        double mean = (a + c) / 2, diff = Math.sqrt((a - c) * (a - c) / 4 + b * b / 4);
        double l1 = mean - diff, l2 = mean + diff; // |l1| <= |l2| when both are positive
        if (mean < 0) {
            l1 = mean + diff;
            l2 = mean - diff;
        }
        double ma2 = -f0 / l1, mb2 = -f0 / l2;
        if (!(ma2 > 0) || !(mb2 > 0)) return null;
        double major = Math.sqrt(ma2), minor = Math.sqrt(mb2);
        // the long axis: the eigenvector of l1
        double angle = Math.abs(b) < 1e-15 * (Math.abs(a) + Math.abs(c)) ? (Math.abs(a) <= Math.abs(c) ? 0 : Math.PI / 2) : Math.atan2(l1 - a, b / 2);
        angle = Math.IEEEremainder(angle, Math.PI); // (-pi/2, pi/2]
        return new Circle(cx + s * x0, cy + s * y0, s * Math.sqrt(major * minor), support, major / minor, angle);
    }
}
