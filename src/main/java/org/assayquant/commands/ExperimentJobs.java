package org.assayquant.commands;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assayquant.core.AssayException;
import org.assayquant.io.CsvTable;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;

/**
 * Image jobs (docs/experiment.md, "Image jobs"): the images of an experiment's image steps run
 * one per process ({@code experiment step=<name> image=<file> out=<job folder>}, e.g. one
 * cluster job each from workflow/Snakefile), and the experiment takes their folders back
 * ({@code jobs=<folder>}) instead of running those images itself. A job runs its image exactly as
 * the experiment does (same plan, same options, same command) and records in {@value #RECORD}
 * what the experiment needs besides the files: the log lines, or the failure. The experiment
 * rewrites the job's folder path in run.csv, the log lines and the failure to the path the
 * files take in its own output, so its output is the one it makes alone.
 */
final class ExperimentJobs {
    private ExperimentJobs() {}

    /** The job's record beside the command's files. */
    static final String RECORD = "job.properties";
    /** What {@code plan=true} writes: one row per job. */
    static final String PLAN = "jobs.csv";

    /** One job: an image of an image step. {@code folder} is its folder under jobs=: step/image folder. */
    record Job(ExperimentPlan.Step step, Batch.Image image) {
        String folder() {
            return step.name() + "/" + image.folder();
        }
    }

    /** An image step that reads no other step's output runs as jobs; the others run inside the experiment. */
    static boolean distributed(ExperimentPlan.Step s) {
        return s.inputKey().equals(Batch.IMAGE_KEY) && s.after().isEmpty();
    }

    /** The step's images: a folder step's, or the one image of a single-image step (its folder named as in a batch). */
    static List<Batch.Image> images(ExperimentPlan plan, ExperimentPlan.Step s) {
        if (s.batch()) return s.images();
        Path f = Path.of(plan.resolved(s, plan.dir).get(Batch.IMAGE_KEY));
        return List.of(new Batch.Image(f, Batch.folderName(f.getFileName().toString())));
    }

    static List<Job> jobs(ExperimentPlan plan) {
        List<Job> out = new ArrayList<>();
        for (ExperimentPlan.Step s : plan.steps)
            if (distributed(s)) for (Batch.Image im : images(plan, s)) out.add(new Job(s, im));
        return out;
    }

    /** The keys every image of the step runs with (paths absolute), without the image. */
    static Map<String, String> options(ExperimentPlan plan, ExperimentPlan.Step s) {
        Map<String, String> o = new LinkedHashMap<>(plan.resolved(s, plan.dir));
        o.remove(Batch.IMAGE_KEY);
        return o;
    }

    /** The files among the options (layouts, ROI sets), which a job reads besides its image. */
    private static List<Path> files(ExperimentPlan.Step s, Map<String, String> options) {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!ExperimentPlan.isPath(s.spec().param(e.getKey())) || e.getValue().isBlank()) continue;
            Path p = Path.of(e.getValue());
            if (Files.isRegularFile(p)) out.add(p);
        }
        return out;
    }

    /** {@code plan=true}: jobs.csv, one row per job: step, command, image (the value for image=), folder, path, files (;-separated), options. */
    static void writePlan(ExperimentPlan plan, OutputFolder o) {
        CsvTable t = new CsvTable("step", "command", "image", "folder", "path", "files", "options");
        for (Job j : jobs(plan)) {
            Map<String, String> opts = options(plan, j.step());
            t.add(j.step().name(), j.step().command(), j.image().fileName(), j.folder(), j.image().file().toString(),
                    files(j.step(), opts).stream().map(Path::toString).collect(Collectors.joining(";")),
                    opts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        o.write(PLAN, t);
    }

    /**
     * {@code step=<name> image=<file>}: runs one image into the staging folder of {@code o} (the
     * job's out=) and writes the record. A failing image of a folder step is recorded, not thrown
     * (the experiment skips it as it would have); a failing single-image step fails the job as it
     * fails the experiment.
     */
    static void run(ExperimentPlan plan, String stepName, String imageName, OutputFolder o, Consumer<String> log) {
        ExperimentPlan.Step s = plan.steps.stream().filter(x -> x.name().equals(stepName.trim())).findFirst().orElse(null);
        List<String> imageSteps = plan.steps.stream().filter(ExperimentJobs::distributed).map(ExperimentPlan.Step::name).toList();
        if (s == null)
            throw AssayException.invalid("step=" + stepName + ": no step of that name in sheet=" + plan.sheet + " (steps that run as image jobs: " + String.join(", ", imageSteps) + ")");
        if (!distributed(s))
            throw AssayException.invalid("step=" + stepName + ": " + (s.inputKey().equals(Batch.IMAGE_KEY) ? "reads the output of step " + String.join(", ", s.after())
                    : "a " + s.command() + " step") + "; only image steps that read no other step's output run as jobs (" + String.join(", ", imageSteps)
                    + "), the others run in the experiment that gathers the jobs");
        List<Batch.Image> images = images(plan, s);
        Batch.Image im;
        if (imageName.isBlank()) {
            if (images.size() != 1) throw AssayException.invalid("image: required with step=" + s.name() + " (a folder step of " + images.size() + " images; image= names one by its file name)");
            im = images.get(0);
        } else {
            im = images.stream().filter(i -> i.fileName().equals(imageName.trim())).findFirst().orElseThrow(() -> AssayException.invalid("image=" + imageName
                    + ": not an image of step " + s.name() + " (its images: " + images.stream().limit(5).map(Batch.Image::fileName).collect(Collectors.joining(", "))
                    + (images.size() > 5 ? ", ..." : "") + ")"));
        }
        Map<String, String> opts = options(plan, s);
        List<String> lines = new ArrayList<>();
        Batch.Failure failed = Batch.attempt(Batch.inProcess(s.spec(), opts, s.batch()), im, o.staging(), lines::add);
        if (failed != null && !s.batch())
            throw new AssayException(failed.usage(), ExperimentRunner.where(plan, s) + ": " + o.finalPaths(failed.error()));
        if (failed == null) o.finalPathsIn(o.staging().resolve("run.csv"));

        Map<String, String> rec = new LinkedHashMap<>();
        rec.put("software", "AssayQuant " + RunInfo.version());
        rec.put("step", s.name());
        rec.put("command", s.command());
        rec.put("image", im.file().toString());
        rec.put("image_sha256", RunInfo.sha256(im.file().toString()));
        rec.put("out", o.target().toString());
        opts.forEach((k, v) -> rec.put("option." + k, v));
        for (Path f : files(s, opts)) rec.put("sha256." + f, RunInfo.sha256(f.toString()));
        rec.put("status", failed == null ? "ok" : "failed");
        if (failed != null) {
            rec.put("error", o.finalPaths(failed.error()));
            rec.put("usage", String.valueOf(failed.usage()));
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = o.finalPaths(lines.get(i));
            rec.put("log." + (i + 1), line);
            String w = AssayCommand.warningOf(line);
            log.accept(w == null ? s.name() + ": " + im.fileName() + ": " + line : "warning: " + s.name() + ": " + im.fileName() + ": " + w);
        }
        o.write(RECORD, os -> os.write(properties(rec).getBytes(StandardCharsets.ISO_8859_1)));
        if (failed != null)
            log.accept("warning: " + s.name() + ": " + im.fileName() + " failed (recorded in " + RECORD + "; the experiment that gathers the jobs skips it and lists it in failures.csv): "
                    + o.finalPaths(failed.error()));
    }

    /** key=value lines that {@link Properties#load} reads back exactly (every character escaped that it would change), in this order. */
    static String properties(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : m.entrySet()) b.append(escape(e.getKey())).append('=').append(escape(e.getValue())).append('\n');
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case ' ', '=', ':', '#', '!' -> b.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** The jobs' results the experiment takes (jobs=), checked before anything runs. */
    static final class Taken {
        private final Path root;
        private final Map<String, Properties> records = new HashMap<>();

        private Taken(Path root) {
            this.root = root;
        }

        /**
         * Reads and checks the record of every job of the plan under {@code jobs}: present, from
         * this AssayQuant version, for this step, command, image (same SHA-256), options and option
         * files; anything else is refused (the results would not be the experiment's own).
         */
        static Taken read(ExperimentPlan plan, String jobs) {
            Path root = Path.of(jobs.trim()).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) throw AssayException.invalid("jobs=" + jobs + ": no such folder " + root);
            Taken t = new Taken(root);
            String version = "AssayQuant " + RunInfo.version();
            for (Job j : jobs(plan)) {
                Path rec = root.resolve(j.step().name()).resolve(j.image().folder()).resolve(RECORD);
                String where = "jobs=" + jobs + ": " + j.folder() + " (image " + j.image().fileName() + " of step " + j.step().name() + "): ";
                if (!Files.isRegularFile(rec))
                    throw AssayException.invalid(where + "no " + RECORD + "; run its job first (experiment sheet=... step=" + j.step().name() + " image="
                            + j.image().fileName() + " out=" + root.resolve(j.folder()) + "), or leave jobs= out to run every image here");
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(rec, StandardCharsets.ISO_8859_1)) {
                    p.load(r);
                } catch (IOException | IllegalArgumentException e) {
                    throw AssayException.invalid(where + "cannot read " + rec + " (" + e.getMessage() + ")");
                }
                Map<String, String> want = new LinkedHashMap<>();
                want.put("software", version);
                want.put("step", j.step().name());
                want.put("command", j.step().command());
                want.put("image_sha256", RunInfo.sha256(j.image().file().toString()));
                Map<String, String> opts = options(plan, j.step());
                opts.forEach((k, v) -> want.put("option." + k, v));
                for (Path f : files(j.step(), opts)) want.put("sha256." + f, RunInfo.sha256(f.toString()));
                for (Map.Entry<String, String> e : want.entrySet()) {
                    String got = p.getProperty(e.getKey());
                    if (!e.getValue().equals(got))
                        throw AssayException.invalid(where + "made with " + e.getKey() + "=" + (got == null ? "(none)" : got) + ", the experiment has "
                                + e.getValue() + "; run the job again");
                }
                for (String k : p.stringPropertyNames())
                    if (k.startsWith("option.") && !want.containsKey(k))
                        throw AssayException.invalid(where + "made with " + k.substring("option.".length()) + "=" + p.getProperty(k) + ", which the experiment does not set; run the job again");
                if (p.getProperty("out") == null || p.getProperty("status") == null) throw AssayException.invalid(where + rec + " is incomplete; run the job again");
                t.records.put(j.folder(), p);
            }
            return t;
        }

        boolean covers(ExperimentPlan.Step s) {
            return distributed(s);
        }

        /** Makes an image's files from its job: copies them into {@code dir}, the job's folder path in run.csv, log and failure rewritten to {@code dir}. */
        Batch.Runner runner(ExperimentPlan.Step s) {
            return (im, dir, log) -> {
                Path job = root.resolve(s.name()).resolve(im.folder());
                Properties p = records.get(s.name() + "/" + im.folder());
                String from = p.getProperty("out");
                if (p.getProperty("status").equals("failed"))
                    throw new AssayException(Boolean.parseBoolean(p.getProperty("usage")), p.getProperty("error", "").replace(from, dir.toString()));
                try {
                    Files.createDirectories(dir);
                    try (Stream<Path> files = Files.walk(job)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            Path rel = job.relativize(f);
                            if (rel.toString().equals(RECORD) || rel.toString().equals(OutputFolder.MANIFEST)) continue;
                            boolean hidden = false;
                            for (Path part : rel) hidden |= part.toString().startsWith(".");
                            if (hidden) continue;
                            Path to = dir.resolve(rel.toString());
                            Files.createDirectories(to.getParent());
                            if (rel.toString().equals("run.csv")) {
                                Files.writeString(to, Files.readString(f, StandardCharsets.UTF_8).replace(from, dir.toString()), StandardCharsets.UTF_8);
                            } else {
                                Files.copy(f, to);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw AssayException.failed("jobs=" + root + ": cannot copy " + job + " (" + OutputFolder.describe(e) + ")");
                }
                for (int i = 1; p.getProperty("log." + i) != null; i++) log.accept(p.getProperty("log." + i).replace(from, dir.toString()));
            };
        }
    }
}
