package org.assayquant.core.blot;

import ij.plugin.filter.BackgroundSubtracter;
import ij.process.FloatProcessor;

import org.assayquant.core.Raster;

/**
 * ImageJ's own rolling-ball background (Process > Subtract Background), so numbers match what a
 * scientist gets in ImageJ. It uses ImageJ's pixel-processing classes only, no UI.
 */
final class RollingBall {
    private RollingBall() {}

    static float[] background(Raster s, double radius) {
        FloatProcessor fp = new FloatProcessor(s.width, s.height, s.px.clone());
        // createBackground=true leaves the background itself in fp; light-on-dark signal space;
        // presmoothing (ImageJ's default) keeps the ball from resting on single noisy pixels
        new BackgroundSubtracter().rollingBallBackground(fp, radius, true, false, false, true, true);
        return (float[]) fp.getPixels();
    }
}
