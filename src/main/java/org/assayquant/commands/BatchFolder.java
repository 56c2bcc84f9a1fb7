package org.assayquant.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.ij.Tables;
import org.assayquant.io.CsvTable;
import org.assayquant.io.OutputFolder;

/** An image command on every image of a folder (docs/experiment.md, "Batch"). */
@Plugin(type = Command.class, name = "batch",
        description = "Run an image command (blot, wells) on every image of a folder, in file-name order: one subfolder per image, combined tables, a failed image reported and skipped")
public class BatchFolder extends AssayCommand {

    @Parameter(label = "Command for each image", persist = false, required = false, description = "The command to run on each image: a command with an image key (blot, wells).")
    public String command = "blot";

    @Parameter(label = "Image folder (or folder/pattern)", persist = false, style = "directory", required = true, description = "Folder of images (every .tif, .tiff, .png, .jpg, .jpeg file, not its subfolders), or a folder and a file pattern such as /data/blots/*_pAKT.tif.")
    public String folder = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder: one subfolder per image (named after the image file), the combined tables, batch.csv, failures.csv and run.csv.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Command options (key=value ...)", persist = false, required = false, description = "The command's own keys for every image, as in a macro: lanes=8 background=valley (image and out are set by the batch).")
    public String options = "";

    @Override
    public void run() {
        CommandSpec spec = imageCommand("command", command);
        Map<String, String> opts = commandOptions(spec, "options", options);
        if (folder.isBlank()) throw AssayException.invalid("folder: required (a folder of images, or folder/pattern such as blots/*.tif)");
        if (out.isBlank()) throw AssayException.invalid("out: required (the output folder)");
        List<Batch.Image> images = Batch.images("folder", folder, Path.of("").toAbsolutePath());
        Batch.Result r;
        try (OutputFolder o = output(out, overwrite, images.stream().map(Batch.Image::file).toArray(Path[]::new))) {
            r = Batch.run(spec, opts, images, o, new Batch.Listener() {
                @Override
                public void before(int index, int total, Batch.Image image) {
                    progress(index, total, spec.name + " " + image.fileName());
                }

                @Override
                public void warning(Batch.Image image, String message) {
                    log("warning: " + image.fileName() + ": " + message);
                }
            });
            progressDone();
            if (r.succeeded().isEmpty()) {
                Batch.Failure f = r.failures().get(0);
                throw new AssayException(r.failures().stream().allMatch(Batch.Failure::usage),
                        "all " + images.size() + " images failed, nothing written (first: " + f.image() + ": " + f.error() + ")");
            }
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("images", images.size());
            results.put("succeeded", r.succeeded().size());
            results.put("failed", r.failures().size());
            List<String> notes = new ArrayList<>(r.warnings());
            for (Batch.Failure f : r.failures()) notes.add("failed: " + f.image() + ": " + f.error());
            o.write("run.csv", Publication.runInfo(this, folder, results, notes));
            o.commit();
        }
        if (interactive()) {
            CsvTable t = new CsvTable("image", "status", "error");
            for (Batch.Image im : images) {
                String err = r.failures().stream().filter(f -> f.image().equals(im.fileName())).map(Batch.Failure::error).findFirst().orElse("");
                t.add(im.fileName(), err.isEmpty() ? "ok" : "failed", err);
            }
            Tables.show(t, Path.of(out).getFileName() + "-Batch");
        }
        for (Batch.Failure f : r.failures()) log("warning: failed: " + f.image() + ": " + f.error());
        if (!r.failures().isEmpty())
            throw AssayException.failed(Batch.failureSummary(r) + "; the other images are written to " + out + ", the failures listed in failures.csv");
    }

    /** The command named by {@code key}, which must take an image. */
    static CommandSpec imageCommand(String key, String name) {
        CommandSpec spec = Commands.get(name.trim());
        List<String> imageCommands = Commands.all().values().stream()
                .filter(s -> s.param(Batch.IMAGE_KEY) != null && s.param("out") != null).map(s -> s.name).toList();
        if (spec == null || !imageCommands.contains(spec.name))
            throw AssayException.invalid(key + "=" + name + ": expected a command that analyses an image: " + String.join(", ", imageCommands));
        return spec;
    }

    /** The command's options, checked on a fresh command (unknown keys, malformed values); image and out are refused. */
    static Map<String, String> commandOptions(CommandSpec spec, String key, String text) {
        Map<String, String> opts;
        try {
            opts = Options.parseMacro(text == null ? "" : text);
            for (String k : List.of(Batch.IMAGE_KEY, "out", "overwrite"))
                if (opts.containsKey(k)) throw AssayException.invalid(k + " is set by the batch for each image");
            spec.apply(spec.instantiate(), opts);
        } catch (AssayException e) {
            throw AssayException.invalid(key + "=" + text + ": " + e.getMessage());
        }
        return opts;
    }
}
