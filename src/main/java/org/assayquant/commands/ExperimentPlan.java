package org.assayquant.commands;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assayquant.core.AssayException;
import org.assayquant.io.CsvReader;

/**
 * An experiment sheet read and checked before anything runs (docs/experiment.md): one row per
 * step, naming the command, its input and its other keys; every key, value, file and reference
 * to an earlier step's output is checked here, so that a typo stops the experiment before any
 * output exists, with an error naming the sheet's line and column. The steps come out in run
 * order: a step after the steps whose outputs it reads, image steps first, then by name, so the
 * order of the sheet's rows changes nothing.
 */
public final class ExperimentPlan {
    public static final List<String> COLUMNS = List.of("step", "name", "input", "options", "note");
    /** In a file key: the experiment's output folder, so {out}/blots/bands.csv is step blots' table. */
    public static final String OUT = "{out}";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern REF = Pattern.compile("\\{out\\}(?:[/\\\\]([^/\\\\]*))?");
    /** Commands that run other commands: not steps. */
    private static final Set<String> NOT_STEPS = Set.of("experiment", "batch");

    /**
     * One step. {@code input} is its input as written (input column or the input key in options);
     * {@code values} are the keys as written (the input under the command's input key, except for
     * a folder step, whose images are in {@code images}); {@code after} the steps whose outputs
     * it reads.
     */
    public record Step(int line, String command, String name, String input, String options, String note, CommandSpec spec,
                       String inputKey, Map<String, String> values, List<Batch.Image> images, Set<String> after) {
        public boolean batch() {
            return images != null;
        }

        boolean imageStep() {
            return inputKey.equals(Batch.IMAGE_KEY);
        }
    }

    public final Path sheet;
    public final Path dir;
    /** In run order. */
    public final List<Step> steps;

    private ExperimentPlan(Path sheet, List<Step> steps) {
        this.sheet = sheet;
        this.dir = sheet.getParent();
        this.steps = List.copyOf(steps);
    }

    /** Reads and checks the sheet at {@code path} (key {@code sheet}). */
    public static ExperimentPlan read(String path) {
        CsvReader t = CsvReader.read("sheet", path);
        Path sheet = Path.of(path).toAbsolutePath().normalize();
        Path dir = sheet.getParent();
        if (t.header().size() == 1 && t.header().get(0).contains(";"))
            throw AssayException.invalid(t.source() + ": the columns are separated by ';'; expected ',' (in Excel: Save As > CSV UTF-8 (Comma delimited))");
        t.require("step");
        for (String h : t.header())
            if (!h.isBlank() && !COLUMNS.contains(h.trim().toLowerCase(java.util.Locale.ROOT)))
                throw AssayException.invalid(t.source() + ": unknown column '" + h + "' (the sheet's columns are " + String.join(", ", COLUMNS) + ")");

        List<Row> rows = new ArrayList<>();
        Map<String, Row> byName = new HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String step = t.text(r, "step");
            if (step.startsWith("#")) continue; // a commented-out row
            Row row = row(t, r, dir);
            Row other = byName.put(row.name, row);
            if (other != null)
                throw AssayException.invalid(t.where(r, t.text(r, "name").isEmpty() ? "input" : "name") + ": the step name '" + row.name
                        + "' is also the name of line " + t.line(other.r) + "; give each step its own name (name column)");
            rows.add(row);
        }
        if (rows.isEmpty()) throw AssayException.invalid(t.source() + ": no steps (expected rows with step, input and options; rows whose step starts with # are comments)");

        Set<String> imageSteps = rows.stream().filter(x -> x.inputKey.equals(Batch.IMAGE_KEY)).map(x -> x.name).collect(Collectors.toCollection(TreeSet::new));
        List<Step> steps = new ArrayList<>();
        for (Row row : rows) steps.add(row.toStep(t, references(t, row, byName.keySet(), imageSteps)));
        return new ExperimentPlan(sheet, order(t, steps));
    }

    /** One row as read, before references are resolved. */
    private record Row(int r, String command, String name, String input, String options, String note, CommandSpec spec, String inputKey,
                       Map<String, String> values, Map<String, String> columnOf, List<Batch.Image> images) {
        Step toStep(CsvReader t, Set<String> after) {
            return new Step(t.line(r), command, name, input, options, note, spec, inputKey, values, images, after);
        }
    }

    private static Row row(CsvReader t, int r, Path dir) {
        String command = t.text(r, "step");
        CommandSpec spec = Commands.get(command);
        List<String> allowed = Commands.all().keySet().stream().filter(n -> !NOT_STEPS.contains(n)).toList();
        if (command.isEmpty()) throw AssayException.invalid(t.where(r, "step") + ": empty (expected one of: " + String.join(", ", allowed) + ")");
        if (spec == null || NOT_STEPS.contains(command))
            throw AssayException.invalid(t.where(r, "step") + ": '" + command + "' is not a step; expected one of: " + String.join(", ", allowed));
        String inputKey = inputKey(spec);
        if (inputKey == null) throw AssayException.invalid(t.where(r, "step") + ": the " + command + " command takes no input file");

        String optionsText = t.text(r, "options");
        Map<String, String> values;
        try {
            values = Options.parseMacro(optionsText);
        } catch (AssayException e) {
            throw AssayException.invalid(t.where(r, "options") + ": " + e.getMessage());
        }
        Map<String, String> columnOf = new HashMap<>();
        values.keySet().forEach(k -> columnOf.put(k, "options"));
        if (values.containsKey("out"))
            throw AssayException.invalid(t.where(r, "options") + ": out is set by the experiment (each step writes into <out>/<step name>)");
        if (values.containsKey("overwrite"))
            throw AssayException.invalid(t.where(r, "options") + ": overwrite is set for the whole experiment (its overwrite key), not per step");
        String input = t.text(r, "input");
        if (!input.isEmpty()) {
            if (values.containsKey(inputKey))
                throw AssayException.invalid(t.where(r, "options") + ": " + inputKey + "= is given twice, in the input column and in options");
            Map<String, String> v = new LinkedHashMap<>();
            v.put(inputKey, input); // the input first, as the command declares it
            v.putAll(values);
            values = v;
            columnOf.put(inputKey, "input");
        } else if (!values.containsKey(inputKey)) {
            throw AssayException.invalid(t.where(r, "input") + ": empty; the " + command + " step needs its " + inputKey + " (" + spec.param(inputKey).description() + ")");
        }
        // every key and value, checked on a fresh command as the command line would
        for (Map.Entry<String, String> e : values.entrySet()) {
            try {
                spec.apply(spec.instantiate(), Map.of(e.getKey(), e.getValue()));
            } catch (AssayException ex) {
                throw AssayException.invalid(t.where(r, columnOf.get(e.getKey())) + ": " + ex.getMessage());
            }
        }
        for (CommandSpec.Param p : spec.params)
            if (p.required() && !p.key().equals("out") && values.getOrDefault(p.key(), "").isBlank())
                throw AssayException.invalid(t.where(r, "options") + ": " + p.key() + "= is required for " + command + " (" + p.description() + ")");

        List<Batch.Image> images = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            CommandSpec.Param p = spec.param(e.getKey());
            String v = e.getValue().trim();
            if (v.contains(OUT) && !isPath(p))
                throw AssayException.invalid(t.where(r, columnOf.get(p.key())) + ": " + p.key() + "=" + v + ": " + OUT + " stands for the output folder and is replaced in file keys only");
            if (!isPath(p) || v.isEmpty() || v.contains("{")) continue; // {out}/{blot} paths exist only later
            boolean folderStep = p.key().equals(inputKey) && Batch.isFolderOrGlob(v, dir);
            if (folderStep && !inputKey.equals(Batch.IMAGE_KEY))
                throw AssayException.invalid(t.where(r, columnOf.get(p.key())) + ": " + p.key() + "=" + v + ": a folder or pattern; only image steps (" + Batch.IMAGE_KEY + "=) run on a folder of files");
            if (folderStep) {
                try {
                    images = Batch.images(p.key(), v, dir);
                } catch (AssayException ex) {
                    throw AssayException.invalid(t.where(r, columnOf.get(p.key())) + ": " + ex.getMessage());
                }
                continue;
            }
            Path f = resolve(dir, v);
            if (f == null || !Files.isRegularFile(f))
                throw AssayException.invalid(t.where(r, columnOf.get(p.key())) + ": " + p.key() + "=" + v + ": no such file "
                        + (f == null ? "" : f) + " (paths are relative to the sheet's folder)");
        }
        if (input.isEmpty()) input = values.get(inputKey).trim();
        if (images != null) values.remove(inputKey);

        String name = t.text(r, "name");
        if (name.isEmpty()) {
            name = defaultName(input);
        } else if (!NAME.matcher(name).matches()) {
            throw AssayException.invalid(t.where(r, "name") + ": '" + name + "' cannot name a step (letters, digits, _ and -, starting with a letter or digit; it names the step's output folder)");
        }
        return new Row(r, command, name, input, optionsText, t.text(r, "note"), spec, inputKey, values, columnOf, images);
    }

    /** The step name when the sheet gives none: the input file's name without extension. */
    static String defaultName(String input) {
        String s = input.replace('\\', '/');
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        s = s.substring(s.lastIndexOf('/') + 1);
        int dot = s.lastIndexOf('.');
        if (dot > 0) s = s.substring(0, dot);
        s = s.replaceAll("[^A-Za-z0-9_-]", "_").replaceAll("^[_-]+", "");
        return s.isEmpty() ? "step" : s;
    }

    /** The command's input: its first required file key (image for blot and wells, target for normalize, input for the others). */
    public static String inputKey(CommandSpec spec) {
        for (CommandSpec.Param p : spec.params) if (p.required() && p.style().equals("open")) return p.key();
        return null;
    }

    static boolean isPath(CommandSpec.Param p) {
        return (p.style().equals("open") || p.style().equals("directory")) && !p.key().equals("out");
    }

    private static Path resolve(Path dir, String v) {
        try {
            return dir.resolve(v).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The steps whose outputs a row's {out}/<name>/... paths read; {out}/{blot}/... reads every image step. */
    private static Set<String> references(CsvReader t, Row row, Set<String> names, Set<String> imageSteps) {
        Set<String> after = new TreeSet<>();
        for (Map.Entry<String, String> e : row.values.entrySet()) {
            Matcher m = REF.matcher(e.getValue());
            while (m.find()) {
                String seg = m.group(1);
                String where = t.where(row.r, row.columnOf.get(e.getKey())) + ": " + e.getKey() + "=" + e.getValue() + ": ";
                if (seg == null || seg.isEmpty())
                    throw AssayException.invalid(where + OUT + " must be followed by /<step name>/<file>, e.g. " + OUT + "/blots/bands.csv");
                if (seg.startsWith("{")) {
                    imageSteps.stream().filter(n -> !n.equals(row.name)).forEach(after::add);
                } else if (seg.equals(row.name)) {
                    throw AssayException.invalid(where + "a step cannot read its own output");
                } else if (!names.contains(seg)) {
                    throw AssayException.invalid(where + "there is no step named '" + seg + "' (steps: " + String.join(", ", new TreeSet<>(names)) + ")");
                } else {
                    after.add(seg);
                }
            }
        }
        return after;
    }

    /** Run order: ready steps (all they read done), image steps first, then by name. */
    private static List<Step> order(CsvReader t, List<Step> steps) {
        Comparator<Step> rank = Comparator.comparing((Step s) -> s.imageStep() ? 0 : 1).thenComparing(Step::name);
        List<Step> todo = new ArrayList<>(steps);
        List<Step> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Step next = todo.stream().filter(s -> done.containsAll(s.after())).min(rank).orElse(null);
            if (next == null) {
                Step s = todo.stream().min(Comparator.comparing(Step::line)).orElseThrow();
                throw AssayException.invalid(t.source() + ": line " + s.line() + ": step " + s.name() + " reads the output of "
                        + String.join(", ", s.after()) + ", and the steps " + todo.stream().map(Step::name).sorted().collect(Collectors.joining(", "))
                        + " read each other's outputs in a cycle: none of them can run first");
            }
            todo.remove(next);
            done.add(next.name());
            out.add(next);
        }
        return out;
    }

    /** A path of the sheet (relative to its folder) made absolute; a pattern such as blots/*.tif stays text where the platform refuses it as a path. */
    public String absolute(String path) {
        Path p = resolve(dir, path);
        return p == null ? dir + java.io.File.separator + path : p.toString();
    }

    /** The step's keys with paths made absolute: {out} becomes {@code outRoot}, relative paths are taken from the sheet's folder. */
    public Map<String, String> resolved(Step s, Path outRoot) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : s.values().entrySet()) {
            String v = e.getValue().trim();
            if (isPath(s.spec().param(e.getKey())) && !v.isEmpty()) {
                String x = v.replace(OUT, outRoot.toString());
                Path p = resolve(dir, x);
                v = p == null ? x : p.toString();
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** Every file the sheet names that exists before the run (the sheet, inputs, images), protected from being overwritten. */
    public List<Path> inputFiles() {
        Set<Path> files = new LinkedHashSet<>();
        files.add(sheet);
        for (Step s : steps) {
            if (s.batch()) s.images().forEach(i -> files.add(i.file()));
            for (Map.Entry<String, String> e : s.values().entrySet()) {
                String v = e.getValue().trim();
                if (!isPath(s.spec().param(e.getKey())) || v.isEmpty() || v.contains("{")) continue;
                Path p = resolve(dir, v);
                if (p != null && Files.isRegularFile(p)) files.add(p);
            }
        }
        return List.copyOf(files);
    }
}
