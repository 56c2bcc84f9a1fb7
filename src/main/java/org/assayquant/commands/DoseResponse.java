package org.assayquant.commands;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.core.dose.DoseResponseFit;
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.ij.DosePlot;
import org.assayquant.ij.TableCells;
import org.assayquant.io.Cells;
import org.assayquant.io.CsvReader;
import org.assayquant.io.DoseInput;
import org.assayquant.io.DoseTables;

/** Single-agent dose-response curves: a four-parameter log-logistic fit per drug (docs/dose-response.md). */
@Plugin(type = Command.class, name = "dose-response",
        description = "Single-agent dose-response curves: four-parameter log-logistic fit per drug, IC50 with a 95% interval, Hill slope, R^2, curve plot")
public class DoseResponse extends AssayCommand {

    @Parameter(label = "Measurements (CSV or open table)", persist = false, style = "open", required = true, description = "CSV with columns drug, dose, response (one row per measurement, replicates as separate rows, dose 0 = untreated control) and optional replicate. In Fiji: empty = the front results table, or the title of an open table.")
    public String input = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder for fits.csv, points.csv, curves.png and run.csv. Empty in Fiji = show the table and plot only.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Response scale", persist = false, required = false, choices = {"viability", "inhibition", "fa"}, description = "Scale of the response column: viability = percent of untreated control, inhibition = percent inhibition, fa = fraction affected (0..1). Fits are done and reported on this scale.")
    public String response = "viability";

    @Parameter(label = "Top plateau (empty = fitted)", persist = false, required = false, description = "Hold the upper plateau at this value (e.g. 100 for viability normalized to the untreated control); empty = fitted.")
    public String top = "";

    @Parameter(label = "Bottom plateau (empty = fitted)", persist = false, required = false, description = "Hold the lower plateau at this value (e.g. 0); empty = fitted.")
    public String bottom = "";

    @Parameter(label = "IC50 95% interval", persist = false, required = false, choices = {"log", "delta"}, description = "95% interval of ic50: log = ic50 times/divided by exp(t SE of ln ic50), always positive (Prism's interval from logIC50); delta = ic50 +- t SE (drc's ED(..., interval = \"delta\")).")
    public String interval = "log";

    /** Where the measurements come from: a CSV file, or (in Fiji) a results table. */
    private record Source(Cells cells, Path file, String name) {
        String describe() {
            return file != null ? file.toString() : "table:" + name;
        }
    }

    @Override
    public void run() {
        ResponseScale scale = ResponseScale.parse("response", response);
        DoseResponseFit.Options options = new DoseResponseFit.Options(scale, plateau("top", top, scale), plateau("bottom", bottom, scale),
                DoseResponseFit.Interval.valueOf(interval.trim().toUpperCase(Locale.ROOT)));
        Source src = source();
        List<DoseInput.Drug> drugs = DoseInput.read(src.cells());
        List<String> notes = new ArrayList<>();
        List<DoseResponseFit.Result> results = fit(src, drugs, options, notes);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scale", scale.key);
        summary.put("scale_meaning", scale.description);
        summary.put("absolute_ic50_level", DoseResponseFit.halfEffect(scale));
        summary.put("drugs", drugs.size());
        summary.put("fitted", results.stream().filter(DoseResponseFit.Result::fitted).count());
        new Publication(this, src.name())
                .table("fits.csv", "DoseResponse", DoseTables.fits(drugs, results))
                .table("points.csv", "Points", DoseTables.points(drugs, results))
                .plot("curves.png", DosePlot.plot("Dose response: " + src.name(), drugs, results, scale))
                .publish(out, overwrite, () -> Publication.runInfo(this, src.describe(), summary, notes), notes,
                        src.file() == null ? null : src.file().toString());
    }

    /** The input file, else (in Fiji) the front table or the table titled {@code input}. */
    private Source source() {
        boolean isFile;
        try {
            isFile = !input.isBlank() && Files.exists(Path.of(input));
        } catch (InvalidPathException e) {
            throw AssayException.invalid("input=" + input + ": not a valid file path (" + e.getReason() + ")");
        }
        TableCells table = isFile ? null : TableCells.find(input);
        if (table != null) return new Source(table, null, table.source().substring("input=[".length(), table.source().length() - 1));
        if (input.isBlank()) throw AssayException.invalid("input: required (a CSV file with columns drug, dose, response; in Fiji also an open results table)");
        if (!isFile && TableCells.inImageJ()) throw AssayException.invalid("input=" + input + ": no such file or open table");
        Path file = Path.of(input);
        return new Source(Cells.of(CsvReader.read("input", input)), file, file.getFileName().toString());
    }

    /** One fit per drug; warnings (prefixed with the drug) go to {@code notes}. */
    private static List<DoseResponseFit.Result> fit(Source src, List<DoseInput.Drug> drugs, DoseResponseFit.Options options, List<String> notes) {
        String scaleNote = options.scale().scaleWarning(drugs.stream().flatMapToDouble(d -> java.util.Arrays.stream(d.response())).toArray());
        if (scaleNote != null) notes.add(scaleNote);
        List<DoseResponseFit.Result> results = new ArrayList<>();
        for (DoseInput.Drug d : drugs) {
            DoseResponseFit.Result r;
            try {
                r = DoseResponseFit.fit(d.name(), d.dose(), d.response(), options);
            } catch (AssayException e) {
                throw new AssayException(e.usage, src.cells().source() + ": " + e.getMessage(), e);
            }
            results.add(r);
            for (String w : r.warnings()) notes.add("drug '" + d.name() + "': " + w);
        }
        return results;
    }

    /** An empty plateau key = fitted (NaN); otherwise the value it is held at. */
    private static double plateau(String key, String value, ResponseScale scale) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) return Double.NaN;
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw AssayException.invalid(key + "=" + value + ": expected empty (fitted) or a number (the plateau held, on the response scale)");
        }
        if (!Double.isFinite(d)) throw AssayException.invalid(key + "=" + value + ": expected a finite number");
        if (scale == ResponseScale.FA && Math.abs(d) > 1.5)
            throw AssayException.invalid(key + "=" + value + ": response=fa is a fraction affected (0..1); give the plateau as a fraction, or use response=viability/inhibition for percent");
        return d;
    }
}
