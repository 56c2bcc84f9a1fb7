package org.assayquant.core.wells;

/**
 * A circle in image pixels; {@code support} is the fraction of its circumference backed by edges (0..1).
 * A dish seen under mild perspective is an ellipse: {@code aspect} (long over short axis, 1 for a
 * circle) and {@code angle} (of the long axis, radians, from the image's x axis towards its y
 * axis); {@code r} is then its equal-area radius, the semi-axes r sqrt(aspect) and r / sqrt(aspect).
 */
public record Circle(double x, double y, double r, double support, double aspect, double angle) {
    public Circle(double x, double y, double r, double support) {
        this(x, y, r, support, 1, 0);
    }

    public Circle scaled(double s) {
        return new Circle(x * s, y * s, r * s, support, aspect, angle);
    }

    public Circle withRadius(double radius) {
        return new Circle(x, y, radius, support, aspect, angle);
    }

    /** A circle, not an ellipse: every measurement on it is the circle's own arithmetic. */
    public boolean round() {
        return aspect == 1;
    }

    public double semiMajor() {
        return round() ? r : r * Math.sqrt(aspect);
    }

    public double semiMinor() {
        return round() ? r : r / Math.sqrt(aspect);
    }

    /** Half the width of the bounding box (r for a circle). */
    public double halfWidth() {
        if (round()) return r;
        double a = semiMajor(), b = semiMinor(), cos = Math.cos(angle), sin = Math.sin(angle);
        return Math.sqrt(a * a * cos * cos + b * b * sin * sin);
    }

    /** Half the height of the bounding box (r for a circle). */
    public double halfHeight() {
        if (round()) return r;
        double a = semiMajor(), b = semiMinor(), cos = Math.cos(angle), sin = Math.sin(angle);
        return Math.sqrt(a * a * sin * sin + b * b * cos * cos);
    }

    public Frame frame() {
        return new Frame(this);
    }

    /**
     * The linear map that takes the ellipse to the circle of radius r about the same centre (its
     * symmetric square root metric; the identity for a circle): offsets (dx, dy) from the centre
     * become (u, v), and distances and angles are measured there, so a rim band, the wall's zone
     * and the arcs concentric with the wall follow the ellipse. For a circle u = dx and v = dy
     * exactly.
     */
    public static final class Frame {
        private final boolean round;
        private final double m11, m12, m22;

        private Frame(Circle c) {
            round = c.round();
            double k = round ? 1 : Math.sqrt(c.aspect), cos = round ? 1 : Math.cos(c.angle), sin = round ? 0 : Math.sin(c.angle);
            // R diag(1 / sqrt(aspect), sqrt(aspect)) R^T: shrinks the long axis, stretches the short one
            m11 = cos * cos / k + sin * sin * k;
            m12 = cos * sin * (1 / k - k);
            m22 = sin * sin / k + cos * cos * k;
        }

        public double u(double dx, double dy) {
            return round ? dx : m11 * dx + m12 * dy;
        }

        public double v(double dx, double dy) {
            return round ? dy : m12 * dx + m22 * dy;
        }

        /** u^2 + v^2 (dx^2 + dy^2 for a circle). */
        public double dist2(double dx, double dy) {
            if (round) return dx * dx + dy * dy;
            double u = m11 * dx + m12 * dy, v = m12 * dx + m22 * dy;
            return u * u + v * v;
        }
    }
}
