package org.assayquant.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.assayquant.io.CsvReader;
import org.assayquant.io.CsvTable;
import org.assayquant.io.ExperimentReport;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;

/**
 * The experiment's own files beside the step folders: steps.csv, inputs.csv, warnings.csv,
 * failures.csv, a copy of the sheet, run.csv and report.html.
 */
final class ExperimentOutputs {
    private ExperimentOutputs() {}

    static void write(OutputFolder o, ExperimentPlan plan, List<ExperimentRunner.StepResult> results, String title,
                      Map<String, Object> parameters, List<String> reproduce) {
        Map<Path, ExperimentReport.Input> inputs = inputs(plan, results);
        o.write("steps.csv", steps(results));
        CsvTable in = new CsvTable("file", "sha256", "bytes", "steps", "path");
        for (ExperimentReport.Input i : inputs.values()) in.add(i.path(), i.sha256(), i.bytes(), String.join(";", i.steps()), i.absolute());
        o.write("inputs.csv", in);
        CsvTable warnings = new CsvTable("step", "warning");
        CsvTable failures = new CsvTable("step", "image", "error");
        List<String> notes = new ArrayList<>();
        for (ExperimentRunner.StepResult r : results) {
            for (String w : r.warnings()) {
                warnings.add(r.step().name(), w);
                notes.add(r.step().name() + ": " + w);
            }
            for (Batch.Failure f : r.failures()) {
                failures.add(r.step().name(), f.image(), f.error());
                notes.add(r.step().name() + ": failed: " + f.image() + ": " + f.error());
            }
        }
        o.write("warnings.csv", warnings);
        o.write("failures.csv", failures);
        o.write("experiment_sheet.csv", os -> Files.copy(plan.sheet, os));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", results.size());
        summary.put("images", results.stream().mapToInt(r -> r.step().batch() ? r.step().images().size() : r.step().inputKey().equals(Batch.IMAGE_KEY) ? 1 : 0).sum());
        summary.put("failed_images", failures.rows().size());
        summary.put("warnings", warnings.rows().size());
        CsvTable run = RunInfo.table("experiment", plan.sheet.toString(), parameters, summary, notes);
        int at = 4; // every outside file with its checksum, after the sheet's own rows
        for (ExperimentReport.Input i : inputs.values()) {
            if (i.absolute().equals(plan.sheet.toString())) continue;
            run.rows().add(at++, new Object[] {"input", i.absolute()});
            run.rows().add(at++, new Object[] {"input_sha256", i.sha256()});
        }
        o.write("run.csv", run);

        ExperimentReport.Model model = model(plan, results, inputs, title, reproduce);
        o.write("report.html", os -> ExperimentReport.write(model, os));
    }

    /** One row per step, in run order. */
    static CsvTable steps(List<ExperimentRunner.StepResult> results) {
        CsvTable t = new CsvTable("step", "command", "line", "input", "options", "status", "images", "failed_images", "warnings", "folder");
        for (ExperimentRunner.StepResult r : results) {
            ExperimentPlan.Step s = r.step();
            int images = s.batch() ? s.images().size() : s.inputKey().equals(Batch.IMAGE_KEY) ? 1 : 0;
            t.add(s.name(), s.command(), s.line(), s.input(), s.options(), r.failures().isEmpty() ? "ok" : "images failed", images,
                    r.failures().size(), r.warnings().size(), s.name());
        }
        return t;
    }

    /** Every outside file read, by path, with the steps that read it (the sheet itself first). */
    private static Map<Path, ExperimentReport.Input> inputs(ExperimentPlan plan, List<ExperimentRunner.StepResult> results) {
        Map<Path, List<String>> readers = new TreeMap<>();
        readers.put(plan.sheet, new ArrayList<>(List.of("experiment")));
        for (ExperimentRunner.StepResult r : results)
            for (Path p : r.inputs()) readers.computeIfAbsent(p, k -> new ArrayList<>()).add(r.step().name());
        Map<Path, ExperimentReport.Input> out = new LinkedHashMap<>();
        List<Path> order = new ArrayList<>(readers.keySet());
        order.remove(plan.sheet);
        order.add(0, plan.sheet);
        for (Path p : order) {
            long bytes;
            try {
                bytes = Files.size(p);
            } catch (IOException e) {
                bytes = -1;
            }
            out.put(p, new ExperimentReport.Input(relative(plan, p), p.toString(), RunInfo.sha256(p.toString()), bytes, readers.get(p)));
        }
        return out;
    }

    /** A path relative to the sheet's folder, with '/' (absolute when on another drive). */
    private static String relative(ExperimentPlan plan, Path p) {
        try {
            return plan.dir.relativize(p).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    private static ExperimentReport.Model model(ExperimentPlan plan, List<ExperimentRunner.StepResult> results,
                                                Map<Path, ExperimentReport.Input> inputs, String title, List<String> reproduce) {
        List<ExperimentReport.Step> steps = new ArrayList<>();
        for (ExperimentRunner.StepResult r : results) {
            ExperimentPlan.Step s = r.step();
            List<ExperimentReport.Input> in = r.inputs().stream().map(inputs::get).toList();
            List<String[]> failures = r.failures().stream().map(f -> new String[] {f.image(), f.error()}).toList();
            Set<String> fromSheet = new java.util.TreeSet<>(s.values().keySet());
            fromSheet.add(s.inputKey());
            fromSheet.add("out");
            steps.add(new ExperimentReport.Step(s.name(), s.command(), s.line(), s.input(), s.options(), s.note(), r.parameters(), fromSheet, in,
                    r.warnings(), failures, s.batch(), r.folder(), s.name()));
        }
        CsvReader sheet = CsvReader.read("sheet", plan.sheet.toString());
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < sheet.size(); i++) {
            String[] row = new String[sheet.header().size() + 1];
            row[0] = String.valueOf(sheet.line(i));
            for (int c = 0; c < sheet.header().size(); c++) row[c + 1] = sheet.text(i, sheet.header().get(c));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("line"));
        header.addAll(sheet.header());
        String generated = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new ExperimentReport.Model(title, generated, software(), plan.sheet.toString(), inputs.get(plan.sheet).sha256(), header, rows,
                steps, List.copyOf(inputs.values()), reproduce);
    }

    /** The versions a result depends on. */
    static Map<String, String> software() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("AssayQuant", "AssayQuant " + RunInfo.version());
        m.put("ImageJ", ij.ImageJ.VERSION + ij.ImageJ.BUILD);
        m.put("Apache Commons Math", mavenVersion("org.apache.commons", "commons-math3"));
        m.put("SciJava Common", mavenVersion("org.scijava", "scijava-common"));
        m.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("Operating system", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** A library's version from the pom.properties its jar carries; "unknown" without one. */
    private static String mavenVersion(String group, String artifact) {
        Properties p = new Properties();
        try (InputStream in = ExperimentOutputs.class.getClassLoader().getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
