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
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.core.synergy.DoseMatrix;
import org.assayquant.core.synergy.SynergyAnalysis;
import org.assayquant.ij.SynergyPlots;
import org.assayquant.ij.Tables;
import org.assayquant.io.CsvTable;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;
import org.assayquant.io.SynergyInput;
import org.assayquant.io.SynergyTables;

/** Two-drug combination analysis: Chou-Talalay CI and SynergyFinder's HSA, Bliss, Loewe and ZIP. */
@Plugin(type = Command.class, name = "synergy",
        description = "Drug synergy of a two-drug dose matrix: Chou-Talalay CI (median effect, DRI, CI at fa 0.5-0.95) and SynergyFinder's HSA, Bliss, Loewe and ZIP scores with bootstrap intervals")
public class DrugSynergy extends AssayCommand {

    @Parameter(persist = false, style = "open", required = true, description = "CSV with columns dose_a, dose_b, response and optional replicate; dose_b = 0 is drug A alone, dose_a = 0 drug B alone, both 0 the untreated control; repeated dose pairs are replicates.")
    public String input = "";

    @Parameter(persist = false, style = "directory", required = true, description = "Output folder for median_effect.csv, combinations.csv, summary.csv, ci_levels.csv (constant-ratio designs), the plots and run.csv. Empty in Fiji = show tables only.")
    public String out = "";

    @Parameter(persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(persist = false, required = false, choices = {"viability", "inhibition", "fa"}, description = "What the response column holds: viability = percent of untreated control, inhibition = percent inhibition, fa = fraction affected 0..1.")
    public String response = "viability";

    @Parameter(persist = false, required = false, min = "0", max = "100000", description = "Bootstrap resamples for the 95% intervals of the summary scores (replicates resampled within each dose cell); 0 = no intervals.")
    public int bootstrap = 1000;

    @Parameter(persist = false, required = false, description = "Random seed of the bootstrap (the same seed gives the same intervals).")
    public int seed = 1;

    @Override
    public void run() {
        ResponseScale scale = ResponseScale.parse("response", response);
        if (input.isBlank()) throw AssayException.invalid("input: required (CSV with dose_a, dose_b, response)");
        List<String> notes = new ArrayList<>();
        DoseMatrix matrix = SynergyInput.read(input, scale, notes);
        SynergyAnalysis.Result result = SynergyAnalysis.run(matrix, bootstrap, seed);
        notes.addAll(result.warnings());

        String scaleText = SynergyTables.scaleText(scale);
        CsvTable median = SynergyTables.medianEffect(result, scale);
        CsvTable combos = SynergyTables.combinations(result, scale);
        CsvTable summary = SynergyTables.summary(result);
        if (!out.isBlank()) {
            try (OutputFolder o = output(out, overwrite, Path.of(input))) {
                o.write("median_effect.csv", median);
                o.write("combinations.csv", combos);
                o.write("summary.csv", summary);
                if (result.constantRatio()) o.write("ci_levels.csv", SynergyTables.ciLevels(result));
                o.write("fa_ci.png", os -> SynergyPlots.writePng(SynergyPlots.faCi(result, scaleText), os));
                o.write("isobologram.png", os -> SynergyPlots.writePng(SynergyPlots.isobologram(result), os));
                o.write("heatmap_zip.png", os -> SynergyPlots.writePng(SynergyPlots.heatmap(matrix, result.scores().zip(), "ZIP delta score (percent inhibition)"), os));
                o.write("heatmap_bliss.png", os -> SynergyPlots.writePng(SynergyPlots.heatmap(matrix, result.scores().bliss(), "Bliss synergy score (percent inhibition)"), os));
                o.write("run.csv", RunInfo.table("synergy", input, Commands.get("synergy").values(this), results(result, scaleText), notes));
                o.commit();
            }
        }
        if (interactive()) {
            String base = Path.of(input).getFileName().toString().replaceFirst("\\.[A-Za-z0-9]+$", "");
            Tables.show(summary, base + "-Synergy");
            Tables.show(combos, base + "-Combinations");
            Tables.show(median, base + "-MedianEffect");
        }
        for (String n : notes) log("warning: " + n);
    }

    private static Map<String, Object> results(SynergyAnalysis.Result r, String scaleText) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_scale", scaleText);
        m.put("design", r.constantRatio() ? "constant ratio a:b = " + CsvTable.cell(r.chou().ratio()) + ":1" : "checkerboard / non-constant ratio");
        m.put("doses_a", r.matrix().columns());
        m.put("doses_b", r.matrix().rows());
        m.put("combinations", r.matrix().combinations().size());
        m.put("min_replicates", r.matrix().minReplicates());
        m.put("bootstrap_resamples", r.resamples());
        for (SynergyAnalysis.Summary s : r.summary()) m.put(s.model(), CsvTable.cell(s.score()));
        return m;
    }
}
