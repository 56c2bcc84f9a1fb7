package org.assayquant.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.assayquant.core.AssayException;

/**
 * report.html of an experiment: one self-contained page (figures embedded as PNG data URIs, no
 * script, no external style sheet, so it opens offline and can be mailed or archived alone) that
 * says what was run on what: the software, every step's parameters as run, every input file
 * with its SHA-256, the warnings and failures, and the key result tables, read back from the CSV
 * files the steps wrote (so the page shows exactly the numbers in the files).
 */
public final class ExperimentReport {
    private ExperimentReport() {}

    /** Rows of a table shown in the page; the file has them all. */
    static final int MAX_ROWS = 200;

    /**
     * The tables shown open for each command (the others of the step are folded away). A command
     * not listed (a new one) shows all its tables folded.
     */
    static final Map<String, List<String>> KEY_TABLES = Map.of(
            "blot", List.of("bands.csv"),
            "wells", List.of("wells.csv"),
            "normalize", List.of("fold_change.csv", "statistics.csv"),
            "dose-response", List.of("fits.csv"),
            "synergy", List.of("summary.csv", "median_effect.csv", "ci_levels.csv"));

    /** An input file: its path relative to the sheet's folder (or absolute), checksum, size, and the steps that read it. */
    public record Input(String path, String absolute, String sha256, long bytes, List<String> steps) {}

    /**
     * One step: where it came from in the sheet, its parameters as run ({@code fromSheet}: the
     * keys the sheet set), inputs, warnings, failed images and its folder (read for the tables
     * and figures; {@code folderName} is its name in the output folder).
     */
    public record Step(String name, String command, int line, String input, String options, String note, Map<String, Object> parameters,
                       Set<String> fromSheet, List<Input> inputs, List<String> warnings, List<String[]> failures, boolean batch,
                       Path folder, String folderName) {}

    /** Everything on the page. */
    public record Model(String title, String generated, Map<String, String> software, String sheetPath, String sheetSha256,
                        List<String> sheetHeader, List<String[]> sheetRows, List<Step> steps, List<Input> inputs,
                        List<String> reproduce) {}

    public static void write(Model m, OutputStream os) throws IOException {
        os.write(html(m).getBytes(StandardCharsets.UTF_8));
    }

    static String html(Model m) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(m.title()))
                .append(" - AssayQuant report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(m.title())).append("</h1>\n");
        h.append("<p class=\"meta\">AssayQuant experiment report, generated ").append(esc(m.generated())).append(" by ")
                .append(esc(m.software().getOrDefault("AssayQuant", ""))).append(". Sheet <code>").append(esc(m.sheetPath()))
                .append("</code>, <code>").append(esc(m.sheetSha256())).append("</code>.</p>\n");

        results(h, m.steps());

        // contents and status at a glance
        h.append("<h2 id=\"steps\">Steps</h2>\n<table>\n<tr><th>#</th><th>step</th><th>command</th><th>input</th><th>sheet line</th><th>warnings</th><th>failed images</th></tr>\n");
        int i = 1;
        for (Step s : m.steps()) {
            h.append("<tr><td>").append(i++).append("</td><td><a href=\"#step-").append(esc(s.name())).append("\">").append(esc(s.name()))
                    .append("</a></td><td>").append(esc(s.command())).append("</td><td><code>").append(esc(s.input())).append("</code></td><td>")
                    .append(s.line()).append("</td><td>").append(s.warnings().size()).append("</td><td class=\"")
                    .append(s.failures().isEmpty() ? "" : "bad").append("\">").append(s.failures().size()).append("</td></tr>\n");
        }
        h.append("</table>\n");

        List<String[]> allFailures = new ArrayList<>();
        for (Step s : m.steps()) for (String[] f : s.failures()) allFailures.add(new String[] {s.name(), f[0], f[1]});
        if (!allFailures.isEmpty()) {
            h.append("<h2 id=\"failures\">Failed images (skipped)</h2>\n");
            table(h, List.of("step", "image", "error"), allFailures, "bad");
        }
        h.append("<h2 id=\"warnings\">Warnings</h2>\n");
        List<String[]> allWarnings = new ArrayList<>();
        for (Step s : m.steps()) for (String w : s.warnings()) allWarnings.add(new String[] {s.name(), w});
        if (allWarnings.isEmpty()) h.append("<p>None.</p>\n");
        else table(h, List.of("step", "warning"), allWarnings, "warn");

        Map<String, String> lanes = laneNames(m.steps());
        for (Step s : m.steps()) step(h, s, lanes);

        h.append("<h2 id=\"inputs\">Input files</h2>\n<p>Every file the experiment read from outside its output folder, with its SHA-256 checksum "
                + "(compare with <code>sha256sum</code> / <code>Get-FileHash</code> to prove a result came from these very files). Paths are relative to the sheet's folder.</p>\n");
        List<String[]> rows = new ArrayList<>();
        for (Input in : m.inputs()) rows.add(new String[] {in.path(), in.sha256(), String.valueOf(in.bytes()), String.join(", ", in.steps())});
        table(h, List.of("file", "sha256", "bytes", "read by"), rows, null);

        h.append("<h2 id=\"software\">Software</h2>\n");
        List<String[]> sw = new ArrayList<>();
        m.software().forEach((k, v) -> sw.add(new String[] {k, v}));
        table(h, List.of("component", "version"), sw, null);
        h.append("<p>To run this experiment again:</p>\n");
        for (String r : m.reproduce()) h.append("<pre>").append(esc(r)).append("</pre>\n");

        h.append("<h2 id=\"sheet\">Experiment sheet</h2>\n<p><code>").append(esc(m.sheetPath())).append("</code> (a copy is in <a href=\"experiment_sheet.csv\">experiment_sheet.csv</a>)</p>\n");
        table(h, m.sheetHeader(), m.sheetRows(), null);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The columns a reader looks for first, per command: the page opens with them (numbers to 4
     * significant digits, the exact value in the cell's tooltip; the tables below show the files).
     */
    static final Map<String, List<String>> GLANCE = Map.of(
            "wells", List.of("wells.csv", "image", "well", "condition", "colonies", "area_percent", "plating_efficiency", "surviving_fraction", "status"),
            "normalize", List.of("fold_change.csv", "condition", "n", "mean_fc", "sd_fc", "p_holm"),
            "dose-response", List.of("fits.csv", "drug", "ic50", "ic50_low", "ic50_high", "unit", "hill", "r2", "absolute_ic50", "warnings"),
            "synergy", List.of("summary.csv", "block_id", "drug_a", "drug_b", "model", "score", "low", "high", "p_value", "interpretation"));

    /** The file read for the glance; a blot's is summarised per image ({@link #blotGlance}), not shown by columns. */
    private static List<String> glance(String command) {
        return command.equals("blot") ? List.of("bands.csv") : GLANCE.get(command);
    }

    /** "Results at a glance": one short table per step, before the provenance. */
    private static void results(StringBuilder h, List<Step> steps) {
        h.append("<h2 id=\"results\">Results at a glance</h2>\n");
        for (Step s : steps) {
            List<String> spec = glance(s.command());
            if (spec == null || !Files.isRegularFile(s.folder().resolve(spec.get(0)))) continue;
            CsvReader t;
            try {
                t = CsvReader.parse(s.folderName() + "/" + spec.get(0), Files.readString(s.folder().resolve(spec.get(0)), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw AssayException.failed("cannot read back " + s.folder().resolve(spec.get(0)) + ": " + e.getMessage());
            }
            h.append("<h3><a href=\"#step-").append(esc(s.name())).append("\">").append(esc(s.name())).append("</a> <small>(").append(esc(s.command()))
                    .append(")</small></h3>\n");
            if (s.command().equals("blot")) {
                blotGlance(h, t);
                continue;
            }
            List<String> cols = spec.subList(1, spec.size()).stream().filter(t::has).toList();
            List<String[]> rows = new ArrayList<>();
            for (int r = 0; r < Math.min(t.size(), MAX_ROWS); r++) {
                String[] row = new String[cols.size()];
                for (int c = 0; c < row.length; c++) row[c] = t.text(r, cols.get(c));
                rows.add(row);
            }
            table(h, cols, rows, null);
        }
    }

    /** Per blot image: lanes, bands found, placeholders and saturated bands. */
    private static void blotGlance(StringBuilder h, CsvReader t) {
        Map<String, int[]> per = new java.util.LinkedHashMap<>(); // lanes seen (max), detected, placeholders, saturated
        Map<String, Set<String>> lanes = new java.util.HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String image = t.has("image") ? t.text(r, "image") : "";
            int[] c = per.computeIfAbsent(image, k -> new int[3]);
            lanes.computeIfAbsent(image, k -> new java.util.HashSet<>()).add(t.text(r, "strip") + "/" + t.text(r, "lane"));
            if (t.text(r, "detected").equals("false")) c[1]++;
            else c[0]++;
            if (t.text(r, "saturated").equals("true")) c[2]++;
        }
        List<String[]> rows = new ArrayList<>();
        per.forEach((image, c) -> rows.add(new String[] {image, String.valueOf(lanes.get(image).size()), String.valueOf(c[0]), String.valueOf(c[1]), String.valueOf(c[2])}));
        table(h, List.of("image", "lanes", "bands", "placeholders (no band)", "saturated bands"), rows, null);
    }

    /**
     * The samples a normalize step put on each blot's lanes ("L1 DMSO exp 1, L2 ..."), by the
     * blot's bands.csv as the step named it (its target and control): the blot overlays carry
     * them in their captions. Rows of a multi-blot sheet (a blot column) are left out.
     */
    static Map<String, String> laneNames(List<Step> steps) {
        Map<String, String> names = new java.util.HashMap<>();
        for (Step s : steps) {
            if (!s.command().equals("normalize") || !Files.isRegularFile(s.folder().resolve("normalized.csv"))) continue;
            CsvReader t;
            try {
                t = CsvReader.parse(s.folderName() + "/normalized.csv", Files.readString(s.folder().resolve("normalized.csv"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                continue;
            }
            if (!t.has("lane") || !t.has("sample")) continue;
            java.util.TreeMap<Integer, String> byLane = new java.util.TreeMap<>();
            for (int r = 0; r < t.size(); r++) {
                if (!t.text(r, "blot").isEmpty() || t.text(r, "lane").isEmpty()) continue;
                try {
                    byLane.putIfAbsent(Integer.parseInt(t.text(r, "lane")), t.text(r, "sample"));
                } catch (NumberFormatException e) {
                    // a lane that is not a number names nothing on the overlay
                }
            }
            if (byLane.isEmpty()) continue;
            String legend = byLane.entrySet().stream().map(e -> "L" + e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
            for (String key : List.of("target", "control")) {
                Object v = s.parameters().get(key);
                if (v != null && !v.toString().isBlank()) names.putIfAbsent(v.toString().replace('\\', '/'), legend);
            }
        }
        return names;
    }

    private static void step(StringBuilder h, Step s, Map<String, String> lanes) {
        h.append("<h2 id=\"step-").append(esc(s.name())).append("\">").append(esc(s.name())).append(" <small>(").append(esc(s.command()))
                .append(s.batch() ? ", every image of a folder" : "").append(")</small></h2>\n");
        if (!s.note().isBlank()) h.append("<p class=\"note\">").append(esc(s.note())).append("</p>\n");
        h.append("<p>Sheet line ").append(s.line()).append(": input <code>").append(esc(s.input())).append("</code>")
                .append(s.options().isBlank() ? "" : ", options <code>" + esc(s.options()) + "</code>")
                .append(". Output folder <a href=\"").append(href(s.folderName())).append("/\">").append(esc(s.folderName())).append("/</a>.</p>\n");

        h.append("<details><summary>Parameters (").append(s.parameters().size()).append(" keys; bold = set by the sheet, the rest are defaults)</summary>\n<table>\n<tr><th>key</th><th>value</th></tr>\n");
        s.parameters().forEach((k, v) -> {
            boolean set = s.fromSheet().contains(k);
            h.append("<tr><td>").append(set ? "<b>" : "").append(esc(k)).append(set ? "</b>" : "").append("</td><td><code>")
                    .append(esc(v == null ? "" : v instanceof Double ? CsvTable.cell(v) : String.valueOf(v))).append("</code></td></tr>\n");
        });
        h.append("</table>\n</details>\n");

        if (!s.inputs().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            for (Input in : s.inputs()) rows.add(new String[] {in.path(), in.sha256()});
            h.append("<details><summary>Input files (").append(rows.size()).append(")</summary>\n");
            table(h, List.of("file", "sha256"), rows, null);
            h.append("</details>\n");
        }
        if (!s.warnings().isEmpty()) {
            h.append("<p><b>Warnings</b></p>\n<ul class=\"warn\">\n");
            for (String w : s.warnings()) h.append("<li>").append(esc(w)).append("</li>\n");
            h.append("</ul>\n");
        }
        if (!s.failures().isEmpty()) {
            h.append("<p><b>Failed images (skipped)</b></p>\n<ul class=\"bad\">\n");
            for (String[] f : s.failures()) h.append("<li><code>").append(esc(f[0])).append("</code>: ").append(esc(f[1])).append("</li>\n");
            h.append("</ul>\n");
        }

        // tables: the command's key tables open, the rest folded; for a folder step the combined tables
        List<String> csvs = files(s.folder(), ".csv").stream().filter(n -> !n.contains("/") && !n.equals("run.csv")).toList();
        List<String> key = KEY_TABLES.getOrDefault(s.command(), List.of());
        for (String n : key) if (csvs.contains(n)) csvTable(h, s, n, true);
        for (String n : csvs) if (!key.contains(n)) csvTable(h, s, n, false);

        List<String> pngs = files(s.folder(), ".png");
        for (String n : pngs) {
            byte[] png;
            try {
                png = Files.readAllBytes(s.folder().resolve(n));
            } catch (IOException e) {
                throw AssayException.failed("cannot read back " + s.folder().resolve(n) + ": " + e.getMessage());
            }
            String bands = "/" + s.folderName() + "/" + n.replaceFirst("overlay\\.png$", "bands.csv");
            String legend = !n.endsWith("overlay.png") ? null : lanes.entrySet().stream().filter(e -> e.getKey().endsWith(bands)).map(Map.Entry::getValue).findFirst().orElse(null);
            h.append("<figure><img alt=\"").append(esc(n)).append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\"><figcaption><a href=\"").append(href(s.folderName() + "/" + n)).append("\">").append(esc(s.folderName() + "/" + n))
                    .append("</a>").append(legend == null ? "" : "<br>Lanes: " + esc(legend)).append("</figcaption></figure>\n");
        }
    }

    private static void csvTable(StringBuilder h, Step s, String name, boolean open) {
        CsvReader t;
        try {
            t = CsvReader.parse(s.folderName() + "/" + name, Files.readString(s.folder().resolve(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AssayException.failed("cannot read back " + s.folder().resolve(name) + ": " + e.getMessage());
        }
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(t.size(), MAX_ROWS); r++) {
            String[] row = new String[t.header().size()];
            for (int c = 0; c < row.length; c++) row[c] = t.text(r, t.header().get(c));
            rows.add(row);
        }
        h.append("<details").append(open ? " open" : "").append("><summary><a href=\"").append(href(s.folderName() + "/" + name)).append("\">")
                .append(esc(s.folderName() + "/" + name)).append("</a> (").append(t.size()).append(t.size() == 1 ? " row" : " rows")
                .append(t.size() > MAX_ROWS ? ", the first " + MAX_ROWS + " shown" : "").append(")</summary>\n");
        table(h, t.header(), rows, null);
        h.append("</details>\n");
    }

    /** Files under {@code dir} ending in {@code ext}, as sorted relative paths with '/'. */
    private static List<String> files(Path dir, String ext) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(ext))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw AssayException.failed("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Every table of the report shows its numbers to the same 4 significant digits, the exact value
     * (as the files keep it) as the cell's tooltip; wide tables scroll sideways.
     */
    private static void table(StringBuilder h, List<String> header, List<String[]> rows, String cls) {
        h.append("<div class=\"scroll\"><table").append(cls == null ? "" : " class=\"" + cls + "\"").append(">\n<tr>");
        for (String c : header) h.append("<th>").append(esc(c)).append("</th>");
        h.append("</tr>\n");
        for (String[] r : rows) {
            h.append("<tr>");
            for (int c = 0; c < header.size(); c++) {
                String v = c < r.length && r[c] != null ? r[c] : "";
                if (!isNumber(v)) h.append("<td>").append(esc(v)).append("</td>");
                else if (significant(v).equals(v)) h.append("<td class=\"num\">").append(esc(v)).append("</td>");
                else h.append("<td class=\"num\" title=\"").append(esc(v)).append("\">").append(esc(significant(v))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    /** A number to 4 significant digits (whole numbers of more digits stay whole), never in exponent form. */
    static String significant(String v) {
        java.math.BigDecimal b = new java.math.BigDecimal(v);
        if (b.signum() == 0) return "0";
        java.math.BigDecimal r = b.abs().compareTo(java.math.BigDecimal.valueOf(1000)) >= 0 ? b.setScale(0, java.math.RoundingMode.HALF_EVEN)
                : b.round(new java.math.MathContext(4, java.math.RoundingMode.HALF_EVEN));
        return r.stripTrailingZeros().toPlainString();
    }

    private static boolean isNumber(String v) {
        return v.matches("-?\\d+(\\.\\d+)?");
    }

    /** A relative link to a file of the output folder (each path segment percent-encoded). */
    static String href(String relative) {
        StringBuilder sb = new StringBuilder();
        for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "/-_.~".indexOf(c) >= 0) sb.append((char) c);
            else sb.append(String.format("%%%02X", c));
        }
        return sb.toString();
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h2 small { font-weight: normal; color: #666; }
            .meta, .note { color: #444; } .note { font-style: italic; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .scroll { overflow-x: auto; } code { font-size: 0.95em; word-break: break-all; }
            .warn td, ul.warn { color: #8a5a00; } .bad, td.bad, ul.bad { color: #a00000; }
            details { margin: 0.4em 0; } summary { cursor: pointer; }
            figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #ddd; } figcaption { font-size: 0.85em; color: #555; }
            pre { background: #f6f6f6; padding: 0.5em; overflow-x: auto; }
            """;
}
