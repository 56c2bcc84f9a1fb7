package org.assayquant.commands;

import java.nio.file.Path;
import java.util.List;

import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.ij.Tables;
import org.assayquant.io.OutputFolder;

/** A whole experiment from one sheet: every step through its command into one output folder, and the report (docs/experiment.md). */
@Plugin(type = Command.class, name = "experiment",
        description = "Analyze an experiment from one sheet: blots and wells on every image, normalization and fold change, dose-response and synergy, into one output folder with every table, figure and a self-contained report.html")
public class Experiment extends AssayCommand {

    @Parameter(label = "Experiment sheet (CSV)", persist = false, style = "open", required = true, description = "Experiment sheet (CSV): one row per step with columns step (a command), name, input, options (key=value as in a macro), note; paths relative to the sheet's folder.")
    public String sheet = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder: one subfolder per step, steps.csv, inputs.csv (SHA-256 of every input), warnings.csv, failures.csv, run.csv and report.html; written completely or not at all.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Report title (empty = from the sheet)", persist = false, required = false, description = "Title of the report; empty = the sheet's file name without .csv (the folder's name for a sheet called experiment.csv or sheet.csv).")
    public String title = "";

    @Parameter(persist = false, visibility = ItemVisibility.INVISIBLE, required = false, description = "Image jobs (a workflow, workflow/README.md): run only one image of this image step (a blot or wells step that reads no other step's output); out= then gets what the experiment writes for that image (<out>/<step>/<image>/) and job.properties. Empty = every step.")
    public String step = "";

    @Parameter(label = "Image file (empty = the active image)", persist = false, visibility = ItemVisibility.INVISIBLE, required = false, description = "With step=: the image's file name (a folder step's image; may be left empty for a single-image step).")
    public String image = "";

    @Parameter(persist = false, visibility = ItemVisibility.INVISIBLE, style = "directory", required = false, description = "Image jobs: a folder of the jobs' out= folders (<jobs>/<step>/<image>/): their results are taken instead of running those images here; every other step runs as usual. Empty = run every image here.")
    public String jobs = "";

    @Parameter(persist = false, visibility = ItemVisibility.INVISIBLE, required = false, description = "Image jobs: write only jobs.csv into out= (one row per image job: step, command, image, folder, path, files, options) and run nothing.")
    public boolean plan = false;

    @Override
    public void run() {
        if (sheet.isBlank()) throw AssayException.invalid("sheet: required (the experiment sheet CSV; see docs/experiment.md)");
        if (out.isBlank()) throw AssayException.invalid("out: required (the output folder)");
        if (!image.isBlank() && step.isBlank()) throw AssayException.invalid("image=" + image + ": only with step= (the image step the image belongs to)");
        if (!step.isBlank() && (plan || !jobs.isBlank())) throw AssayException.invalid("step=" + step + ": runs one image job; it cannot be combined with " + (plan ? "plan=true" : "jobs="));
        if (plan && !jobs.isBlank()) throw AssayException.invalid("plan=true writes the job list only; it cannot be combined with jobs=");
        ExperimentPlan plan = ExperimentPlan.read(sheet);
        if (this.plan || !step.isBlank()) {
            try (OutputFolder o = output(out, overwrite, plan.inputFiles().toArray(new Path[0]))) {
                if (this.plan) ExperimentJobs.writePlan(plan, o);
                else ExperimentJobs.run(plan, step, image, o, this::log);
                o.commit();
            }
            return;
        }
        ExperimentJobs.Taken taken = jobs.isBlank() ? null : ExperimentJobs.Taken.read(plan, jobs);
        String heading = title.isBlank() ? defaultTitle(plan.sheet) : title.trim();
        List<ExperimentRunner.StepResult> results;
        Path report;
        try (OutputFolder o = output(out, overwrite, plan.inputFiles().toArray(new Path[0]))) {
            results = ExperimentRunner.run(plan, o, this::progress, this::log, taken);
            ExperimentOutputs.write(o, plan, results, heading, Commands.get("experiment").values(this), reproduce(o.target()));
            o.commit();
            report = o.target().resolve("report.html");
        } finally {
            progressDone();
        }
        if (interactive()) Tables.show(ExperimentOutputs.steps(results), heading.replaceFirst("\\.[A-Za-z0-9]+$", "") + "-Experiment");
        log("report: " + report);
        List<Batch.Failure> failed = results.stream().flatMap(r -> r.failures().stream()).toList();
        if (!failed.isEmpty())
            throw AssayException.failed(failed.size() + " image" + (failed.size() == 1 ? "" : "s") + " failed and " + (failed.size() == 1 ? "was" : "were")
                    + " skipped (first: " + failed.get(0).image() + ": " + failed.get(0).error() + "); everything else is written to "
                    + report.getParent() + ", the failures are listed in failures.csv and the report");
    }

    /**
     * The report's title when none is given: the sheet's name without ".csv", or, for a sheet
     * named only "experiment" or "sheet" (as most are), the name of the folder it is in.
     */
    static String defaultTitle(Path sheet) {
        String name = sheet.getFileName().toString().replaceFirst("(?i)\\.(csv|tsv|txt)$", "");
        Path folder = sheet.toAbsolutePath().getParent();
        if (name.matches("(?i)(experiment|sheet|experiment[_ -]sheet)") && folder != null && folder.getFileName() != null)
            return folder.getFileName().toString();
        return name;
    }

    /** The command line and the macro line that run this experiment again. */
    private List<String> reproduce(Path target) {
        CommandSpec spec = Commands.get("experiment");
        Experiment again = new Experiment();
        again.sheet = Path.of(sheet).toAbsolutePath().normalize().toString();
        again.out = target.toString();
        again.title = title;
        StringBuilder cli = new StringBuilder("java -jar assayquant-cli.jar experiment");
        for (var e : spec.values(again).entrySet())
            if (!String.valueOf(e.getValue()).isEmpty()) cli.append(' ').append(shellWord(e.getKey() + "=" + e.getValue()));
        return List.of(cli.toString(), "run(\"" + Commands.label("experiment") + "\", \"" + spec.macroOptions(again).replace("\\", "\\\\").replace("\"", "\\\"") + "\");");
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_=./:+,@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
