package org.assayquant.commands;

import java.awt.GraphicsEnvironment;
import java.util.function.Consumer;

import ij.IJ;
import ij.ImagePlus;
import org.scijava.command.Command;

import org.assayquant.core.AssayException;

/**
 * Base of every AssayQuant command: a SciJava {@link Command} whose {@code @Parameter} fields are
 * the parameters everywhere (Fiji dialog, macro, headless, command line). Subclasses gather
 * parameters, call the core and publish; they throw {@link AssayException} for the user.
 */
public abstract class AssayCommand implements Command {
    /** The image open in Fiji, used when the image key is empty (set by the Fiji menu bridge). */
    private ImagePlus activeImage;
    /** Whether to publish into Fiji's UI (tables, overlays); off when headless. */
    private boolean interactive = !GraphicsEnvironment.isHeadless();
    /** Where notes and warnings go: Fiji's log, or stderr on the command line. */
    private Consumer<String> log = msg -> {
        if (GraphicsEnvironment.isHeadless()) System.err.println(msg);
        else IJ.log(msg);
    };

    public void setActiveImage(ImagePlus imp) {
        this.activeImage = imp;
    }

    public void setInteractive(boolean interactive) {
        this.interactive = interactive;
    }

    public void setLog(Consumer<String> log) {
        this.log = log;
    }

    protected boolean interactive() {
        return interactive;
    }

    protected void log(String msg) {
        log.accept(msg);
    }

    /** The image named by key {@code path}, or the active image when the path is empty. */
    protected ImagePlus imageOrActive(String key, String path) {
        if (path != null && !path.isBlank()) return org.assayquant.ij.Images.open(path);
        if (activeImage != null) return activeImage;
        throw AssayException.invalid(key + ": required (path of the image to analyse; in Fiji, or open the image first)");
    }
}
