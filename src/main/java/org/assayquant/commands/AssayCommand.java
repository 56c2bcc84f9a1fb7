package org.assayquant.commands;

import java.awt.GraphicsEnvironment;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import org.assayquant.ij.Images;
import org.assayquant.ij.TableCells;
import org.assayquant.io.CsvReader;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

import org.assayquant.core.AssayException;
import org.assayquant.io.OutputFolder;

/**
 * Base of every AssayQuant command: a SciJava {@link Command} whose {@code @Parameter} fields are
 * the parameters everywhere (Fiji dialog, macro, headless, command line). Subclasses gather
 * parameters, call the core and publish; they throw {@link AssayException} for the user.
 */
public abstract class AssayCommand implements Command {
    /**
     * What the run produced, for scripts (Groovy, Jython, pyimagej through SciJava's
     * CommandService: {@code module.getOutput("tables").get("bands.csv")}): every table it writes,
     * by file name, as an ImageJ ResultsTable at full precision, also when no {@code out} is given.
     */
    @Parameter(type = ItemIO.OUTPUT, label = "Result tables")
    public Map<String, ResultsTable> tables = new LinkedHashMap<>();

    /** The run's warnings, one per line (empty when there are none). */
    @Parameter(type = ItemIO.OUTPUT, label = "Warnings")
    public String warnings = "";

    static {
        // every CSV input also takes an open Fiji table by title (null answers outside ImageJ)
        CsvReader.openTables = new CsvReader.OpenTables() {
            @Override
            public String csv(String title) {
                return TableCells.csvText(title);
            }

            @Override
            public boolean available() {
                return TableCells.inImageJ();
            }
        };
    }

    /** The image open in Fiji, used when the image key is empty (set by the Fiji menu bridge). */
    private ImagePlus activeImage;
    /** Whether to refuse an image that is not the kind the command analyses (a batch over a mixed folder). */
    private boolean checkKind;
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

    public void setCheckKind(boolean checkKind) {
        this.checkKind = checkKind;
    }

    protected boolean checkKind() {
        return checkKind;
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

    /**
     * The warning a command's log line carries ("warning: x" gives "x"), or null for the other
     * lines (progress "[3/7] ...", "note: ...", "report: ..."), which a runner passes on but never
     * records as warnings: whether a bootstrap is slow enough to report progress is no finding.
     */
    static String warningOf(String line) {
        return line.startsWith("warning: ") ? line.substring("warning: ".length()) : null;
    }

    /**
     * Progress of a long run, before item {@code done + 1} of {@code total}: Fiji's progress bar
     * and status line when interactive (where Esc stops the run here, writing nothing), else a
     * line "[3/7] blot blot_chemi_16bit.tif" to the log (stderr on the command line and in
     * headless Fiji).
     */
    protected void progress(int done, int total, String what) {
        if (interactive() && IJ.escapePressed()) {
            // Esc in Fiji stops a batch or an experiment between images; the output folder is not committed
            IJ.resetEscape();
            throw AssayException.failed("stopped (Esc pressed) before " + what + "; nothing was written");
        }
        if (interactive()) {
            IJ.showStatus("AssayQuant [" + (done + 1) + "/" + total + "] " + what);
            IJ.showProgress(done, total);
        } else {
            log("[" + (done + 1) + "/" + total + "] " + what);
        }
    }

    /** Ends the progress bar (Fiji). */
    protected void progressDone() {
        if (interactive()) IJ.showProgress(1.0);
    }

    /**
     * The output folder {@code out} under the output contract (io/OutputFolder): refused before any
     * work when it holds someone else's files (unless {@code overwrite}), locked for this run.
     */
    protected OutputFolder output(String out, boolean overwrite, Path... inputs) {
        Path dir;
        try {
            dir = Path.of(out.trim());
        } catch (InvalidPathException e) {
            throw AssayException.invalid("out=" + out + ": not a usable folder name (" + e.getReason() + ")");
        }
        return new OutputFolder(dir, overwrite, note -> log("note: " + note), inputs);
    }

    /** The image named by key {@code path}, or the active image when the path is empty. */
    protected ImagePlus imageOrActive(String key, String path) {
        if (path != null && !path.isBlank()) return Images.open(path);
        if (activeImage != null) return activeImage;
        throw AssayException.invalid(key + ": required (path of the image to analyse; in Fiji, or open the image first)");
    }
}
