package org.assayquant.core.wells;

/** A circle in image pixels; {@code support} is the fraction of its circumference backed by edges (0..1). */
public record Circle(double x, double y, double r, double support) {
    public Circle scaled(double s) {
        return new Circle(x * s, y * s, r * s, support);
    }

    public Circle withRadius(double radius) {
        return new Circle(x, y, radius, support);
    }
}
