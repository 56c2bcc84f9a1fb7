package org.assayquant.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.assayquant.core.AssayException;
import org.assayquant.io.CsvReader;
import org.assayquant.io.CsvTable;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;

/**
 * Runs the steps of an {@link ExperimentPlan} into the subfolders of one staged output folder,
 * each through its command exactly as the command line would run it (CommandSpec, fresh command,
 * not interactive), so the experiment adds no analysis of its own. A failing step stops the
 * experiment (the caller's OutputFolder then writes nothing); a failing image of a folder step is
 * recorded and skipped.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {}

    /** What a step did: its parameters as run (every key, defaults included), warnings, failed images, the outside files it read. */
    public record StepResult(ExperimentPlan.Step step, Map<String, Object> parameters, List<String> warnings, List<Batch.Failure> failures,
                             Set<Path> inputs, Path folder) {}

    public interface Progress {
        void at(int done, int total, String what);
    }

    public static List<StepResult> run(ExperimentPlan plan, OutputFolder o, Progress progress, Consumer<String> log) {
        return run(plan, o, progress, log, null);
    }

    /** As above; with {@code jobs}, the images of the steps it covers are taken from their jobs' folders instead of being run here. */
    static List<StepResult> run(ExperimentPlan plan, OutputFolder o, Progress progress, Consumer<String> log, ExperimentJobs.Taken jobs) {
        int total = plan.steps.stream().mapToInt(s -> s.batch() ? s.images().size() : 1).sum();
        int[] done = {0};
        List<StepResult> results = new ArrayList<>();
        for (ExperimentPlan.Step s : plan.steps) {
            Path dir = o.folder(s.name());
            Map<String, String> values = plan.resolved(s, o.staging());
            StepResult r;
            try {
                Batch.Runner taken = jobs != null && jobs.covers(s) ? jobs.runner(s) : null;
                r = s.batch() ? runBatch(plan, s, values, dir, o, progress, done, total, log, taken)
                        : runOne(plan, s, values, dir, o, progress, done[0]++, total, log, taken);
            } catch (AssayException e) {
                throw new AssayException(e.usage, where(plan, s) + ": " + o.finalPaths(e.getMessage()), e);
            }
            rewriteRunFiles(dir, o);
            results.add(r);
        }
        return results;
    }

    static String where(ExperimentPlan plan, ExperimentPlan.Step s) {
        return "sheet=" + plan.sheet + ": line " + s.line() + " (" + s.command() + " step " + s.name() + ")";
    }

    private static StepResult runOne(ExperimentPlan plan, ExperimentPlan.Step s, Map<String, String> values, Path dir, OutputFolder o, Progress progress,
                                     int index, int total, Consumer<String> log, Batch.Runner taken) {
        String in = values.get(s.inputKey());
        progress.at(index, total, s.command() + " " + s.name() + ": " + Path.of(in).getFileName());
        List<String> warnings = new ArrayList<>();
        AssayCommand cmd = s.spec().instantiate();
        cmd.setInteractive(false);
        Consumer<String> notes = line -> {
            String w = AssayCommand.warningOf(line);
            if (w == null) {
                log.accept(s.name() + ": " + o.finalPaths(line));
                return;
            }
            warnings.add(o.finalPaths(w));
            log.accept("warning: " + s.name() + ": " + o.finalPaths(w));
        };
        cmd.setLog(notes);
        s.spec().apply(cmd, values);
        s.spec().set(cmd, s.spec().param("out"), dir.toString());
        if (taken != null) taken.run(ExperimentJobs.images(plan, s).get(0), dir, notes); // the image's job made the files
        else cmd.run();
        Set<Path> inputs = new TreeSet<>();
        for (Map.Entry<String, String> e : values.entrySet()) if (ExperimentPlan.isPath(s.spec().param(e.getKey()))) outside(e.getValue(), o, inputs);
        for (String f : runInputs(dir.resolve("run.csv"))) outside(f, o, inputs);
        return new StepResult(s, parameters(s.spec(), cmd, o), List.copyOf(warnings), List.of(), inputs, dir);
    }

    private static StepResult runBatch(ExperimentPlan plan, ExperimentPlan.Step s, Map<String, String> values, Path dir, OutputFolder o,
                                       Progress progress, int[] done, int total, Consumer<String> log, Batch.Runner taken) {
        Batch.Result r;
        Map<String, Object> parameters;
        try (OutputFolder b = new OutputFolder(dir, s.images().stream().map(Batch.Image::file).toArray(Path[]::new))) {
            Batch.Listener listener = new Batch.Listener() {
                @Override
                public void before(int index, int n, Batch.Image image) {
                    progress.at(done[0]++, total, s.command() + " " + s.name() + ": " + image.fileName());
                }

                @Override
                public void warning(Batch.Image image, String message) {
                    log.accept("warning: " + s.name() + ": " + image.fileName() + ": " + o.finalPaths(message));
                }
            };
            r = Batch.run(s.images(), b, listener, taken != null ? taken : Batch.inProcess(s.spec(), values, true));
            for (Batch.Failure f : r.failures()) log.accept("warning: " + s.name() + ": " + f.image() + " failed and is skipped: " + o.finalPaths(f.error()));
            if (r.succeeded().isEmpty())
                throw new AssayException(r.failures().stream().allMatch(Batch.Failure::usage),
                        "all " + r.images().size() + " images failed (first: " + r.failures().get(0).image() + ": " + r.failures().get(0).error() + ")");
            // the parameters every image ran with; image and out name the folder and the per-image subfolders
            AssayCommand template = s.spec().instantiate();
            s.spec().apply(template, values);
            s.spec().set(template, s.spec().param(Batch.IMAGE_KEY), plan.absolute(s.input()));
            s.spec().set(template, s.spec().param("out"), dir.resolve("<image>").toString());
            parameters = parameters(s.spec(), template, o);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("images", r.images().size());
            res.put("succeeded", r.succeeded().size());
            res.put("failed", r.failures().size());
            List<String> notes = new ArrayList<>(r.warnings());
            for (Batch.Failure f : r.failures()) notes.add("failed: " + f.image() + ": " + f.error());
            CsvTable run = RunInfo.table(s.command(), String.valueOf(parameters.get(Batch.IMAGE_KEY)), parameters, res, notes);
            run.rows().set(3, new Object[] {"input_sha256", ""}); // a folder has no checksum; batch.csv has every image's
            b.write("run.csv", run);
            b.commit();
        }
        List<String> warnings = r.warnings().stream().map(w -> o.finalPaths(w)).toList();
        List<Batch.Failure> failures = r.failures().stream().map(f -> new Batch.Failure(f.image(), o.finalPaths(f.error()), f.usage())).toList();
        Set<Path> inputs = new TreeSet<>();
        for (Batch.Image im : r.images()) inputs.add(im.file());
        for (Map.Entry<String, String> e : values.entrySet()) if (ExperimentPlan.isPath(s.spec().param(e.getKey()))) outside(e.getValue(), o, inputs);
        return new StepResult(s, parameters, warnings, failures, inputs, dir);
    }

    /** The command's values, every staged path written as its final path. */
    private static Map<String, Object> parameters(CommandSpec spec, AssayCommand cmd, OutputFolder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        spec.values(cmd).forEach((k, v) -> m.put(k, v instanceof String str ? o.finalPaths(str) : v));
        return m;
    }

    /** Adds {@code path} to {@code inputs} when it is a file from outside the experiment's output. */
    private static void outside(String path, OutputFolder o, Set<Path> inputs) {
        if (path == null || path.isBlank() || path.contains("{")) return;
        try {
            Path p = Path.of(path).toAbsolutePath().normalize();
            if (!p.startsWith(o.staging()) && !p.startsWith(o.target()) && Files.isRegularFile(p)) inputs.add(p);
        } catch (java.nio.file.InvalidPathException ignored) {
            // not a file name
        }
    }

    /** The input rows of a command's run.csv. */
    private static List<String> runInputs(Path runCsv) {
        if (!Files.isRegularFile(runCsv)) return List.of();
        CsvReader t = CsvReader.read("run", runCsv.toString());
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) if (t.text(r, "key").equals("input")) out.add(t.text(r, "value"));
        return out;
    }

    /**
     * The commands write their run.csv (and a folder step its batch.csv and failures.csv) while
     * their output sits in the staging folder: make the paths in them (out, inputs read from
     * earlier steps, messages) the final ones.
     */
    private static void rewriteRunFiles(Path dir, OutputFolder o) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(x -> List.of("run.csv", "batch.csv", "failures.csv").contains(x.getFileName().toString())).toList()) o.finalPathsIn(p);
        } catch (IOException e) {
            throw AssayException.failed("cannot update the run.csv files in " + dir + ": " + e.getMessage());
        }
    }
}
