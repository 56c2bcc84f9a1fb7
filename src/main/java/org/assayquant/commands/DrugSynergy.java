package org.assayquant.commands;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.core.synergy.DoseMatrix;
import org.assayquant.core.synergy.SynergyAnalysis;
import org.assayquant.ij.SynergyPlots;
import org.assayquant.io.CsvTable;
import org.assayquant.io.SynergyInput;
import org.assayquant.io.SynergyTables;

/** Two-drug combination analysis: Chou-Talalay CI and SynergyFinder's HSA, Bliss, Loewe and ZIP. */
@Plugin(type = Command.class, name = "synergy",
        description = "Drug synergy of a two-drug dose matrix: Chou-Talalay CI (median effect, DRI, CI at fa 0.5-0.95) and SynergyFinder's HSA, Bliss, Loewe and ZIP scores with bootstrap intervals")
public class DrugSynergy extends AssayCommand {

    @Parameter(label = "Dose matrix (CSV or open table)", persist = false, style = "open", required = true, description = "CSV (comma, semicolon or tab) with columns dose_a, dose_b, response and optional replicate, drug_a, unit_a, drug_b, unit_b (dose_b = 0 is drug A alone, dose_a = 0 drug B alone, both 0 the untreated control; repeated dose pairs are replicates); or SynergyFinder's table: block_id, drug_row, drug_col, conc_r, conc_c, response, conc_r_unit, conc_c_unit, one result set per block; or a dose grid: a header of a label ('drug A (unit) \\ drug B (unit)') and the doses of drug B, then one row per dose of drug A.")
    public String input = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder for median_effect.csv, combinations.csv, summary.csv, ci_levels.csv (constant-ratio designs), the plots and run.csv. Empty in Fiji = show tables only.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Response scale", persist = false, required = false, choices = {"viability", "inhibition", "fa"}, description = "What the response column holds: viability = percent of untreated control, inhibition = percent inhibition, fa = fraction affected 0..1.")
    public String response = "viability";

    @Parameter(label = "Bootstrap resamples (0 = none)", persist = false, required = false, min = "0", max = "100000", description = "Bootstrap resamples for the 95% intervals of the summary scores (replicates resampled within each dose cell); 0 = no intervals.")
    public int bootstrap = 1000;

    @Parameter(label = "Random seed", persist = false, required = false, description = "Random seed of the bootstrap (the same seed gives the same intervals).")
    public int seed = 1;

    @Override
    public void run() {
        ResponseScale scale = ResponseScale.parse("response", response);
        if (input.isBlank()) throw AssayException.invalid("input: required (CSV with dose_a, dose_b, response, or SynergyFinder's table)");
        SynergyInput.Input in = SynergyInput.readAll(input, scale);
        if (in.synergyFinder()) runBlocks(in.blocks(), scale);
        else runOne(in.blocks().get(0), scale);
    }

    /** A long bootstrap's estimate as a note, its progress as the command's progress (where Esc stops it in Fiji). */
    private SynergyAnalysis.Listener listener(String what) {
        return new SynergyAnalysis.Listener() {
            @Override
            public void note(String message) {
                log("note: " + what + ": " + message);
            }

            @Override
            public void at(int done, int total) {
                if (done < total) progress(done, total, what + " bootstrap");
                else progressDone();
            }
        };
    }

    /** The two-column input: one matrix, the tables and plots at the top of {@code out}. */
    private void runOne(SynergyInput.Block block, ResponseScale scale) {
        DoseMatrix matrix = block.matrix();
        List<String> notes = new ArrayList<>();
        SynergyAnalysis.Result result = SynergyAnalysis.run(matrix, bootstrap, seed, listener("synergy"));
        for (String w : block.warnings()) notes.add(named(w, block));
        for (String w : result.warnings()) notes.add(named(w, block));

        String scaleText = SynergyTables.scaleText(scale);
        Publication p = new Publication(this, input)
                .table("median_effect.csv", "MedianEffect", SynergyTables.withNames(block, SynergyTables.medianEffect(result, scale)))
                .table("combinations.csv", "Combinations", SynergyTables.withNames(block, SynergyTables.combinations(result, scale)))
                .table("summary.csv", "Synergy", SynergyTables.withNames(block, SynergyTables.summary(result)));
        if (result.constantRatio()) p.table("ci_levels.csv", "CILevels", SynergyTables.withNames(block, SynergyTables.ciLevels(result)));
        for (Map.Entry<String, Supplier<BufferedImage>> f : plots(block, result, scaleText).entrySet()) p.figure(f.getKey(), f.getValue());
        p.publish(out, overwrite, () -> Publication.runInfo(this, input, results(result, scaleText), notes), notes, input);
    }

    /**
     * SynergyFinder's table: every block analysed on its own; one table of each kind over all
     * blocks (block_id, drug and unit columns first) and each block's plots in
     * {@code block_<id>/}.
     */
    private void runBlocks(List<SynergyInput.Block> blocks, ResponseScale scale) {
        String scaleText = SynergyTables.scaleText(scale);
        List<String> notes = new ArrayList<>();
        List<SynergyAnalysis.Result> results = new ArrayList<>();
        List<CsvTable> medians = new ArrayList<>(), combos = new ArrayList<>(), summaries = new ArrayList<>(), levels = new ArrayList<>();
        List<SynergyInput.Block> rayBlocks = new ArrayList<>();
        for (SynergyInput.Block b : blocks) {
            SynergyAnalysis.Result r = SynergyAnalysis.run(b.matrix(), bootstrap, seed, listener("block " + b.id()));
            results.add(r);
            String tag = "block " + b.id() + " (" + b.drugA() + " x " + b.drugB() + "): ";
            for (String w : b.warnings()) notes.add(tag + named(w, b));
            for (String w : r.warnings()) notes.add(tag + named(w, b));
            medians.add(SynergyTables.medianEffect(r, scale));
            combos.add(SynergyTables.combinations(r, scale));
            summaries.add(SynergyTables.summary(r));
            if (r.constantRatio()) { levels.add(SynergyTables.ciLevels(r)); rayBlocks.add(b); }
        }
        Publication p = new Publication(this, input)
                .table("median_effect.csv", "MedianEffect", SynergyTables.withBlocks(blocks, medians))
                .table("combinations.csv", "Combinations", SynergyTables.withBlocks(blocks, combos))
                .table("summary.csv", "Synergy", SynergyTables.withBlocks(blocks, summaries));
        if (!levels.isEmpty()) p.table("ci_levels.csv", "CILevels", SynergyTables.withBlocks(rayBlocks, levels));
        java.util.Set<String> folders = new java.util.HashSet<>();
        for (int k = 0; k < blocks.size(); k++) {
            String name = "block_" + blocks.get(k).id().replaceAll("[^A-Za-z0-9._-]", "_");
            if (!folders.add(name)) name = name + "_" + (k + 1);
            for (Map.Entry<String, Supplier<BufferedImage>> f : plots(blocks.get(k), results.get(k), scaleText).entrySet()) p.figure(name + "/" + f.getKey(), f.getValue());
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("input_scale", scaleText);
        res.put("input_format", "SynergyFinder table");
        res.put("blocks", blocks.size());
        for (int k = 0; k < blocks.size(); k++) {
            for (SynergyAnalysis.Summary x : results.get(k).summary()) res.put("block " + blocks.get(k).id() + " " + x.model(), CsvTable.cell(x.score()));
            res.put("block " + blocks.get(k).id() + " css", CsvTable.cell(results.get(k).sensitivity().css()));
            res.put("block " + blocks.get(k).id() + " verdict", results.get(k).verdict().verdict());
        }
        p.publish(out, overwrite, () -> Publication.runInfo(this, input, res, notes), notes, input);
    }

    /** A warning with "drug A" / "drug B" named after the block's drugs. */
    private static String named(String w, SynergyInput.Block b) {
        return w.replace("drug A", b.drugA().isEmpty() ? "drug A" : "drug A (" + b.drugA() + ")")
                .replace("drug B", b.drugB().isEmpty() ? "drug B" : "drug B (" + b.drugB() + ")");
    }

    /**
     * The plots of one block, by file name, axes labelled with the drugs' names and units; each
     * drawn when it is written (a screen's 180 pictures are never all in memory at once).
     */
    private static Map<String, Supplier<BufferedImage>> plots(SynergyInput.Block b, SynergyAnalysis.Result r, String scaleText) {
        Map<String, Supplier<BufferedImage>> p = new LinkedHashMap<>();
        String a = b.drugA().isEmpty() ? "A" : b.drugA(), bb = b.drugB().isEmpty() ? "B" : b.drugB();
        String la = b.drugA().isEmpty() ? "dose A" : b.labelA(), lb = b.drugB().isEmpty() ? "dose B" : b.labelB();
        p.put("fa_ci.png", () -> SynergyPlots.faCi(r, scaleText));
        p.put("isobologram.png", () -> SynergyPlots.isobologram(r, a, bb));
        p.put("isobologram_ed.png", () -> SynergyPlots.classicIsobologram(r, a, bb, la, lb));
        p.put("fa_dri.png", () -> SynergyPlots.faDri(r, a, bb));
        p.put("median_effect.png", () -> SynergyPlots.medianEffectPlot(r, a, bb));
        p.put("heatmap_zip.png", () -> SynergyPlots.heatmap(r.matrix(), r.scores().zip(), "ZIP delta score (percent inhibition)", la, lb));
        p.put("heatmap_bliss.png", () -> SynergyPlots.heatmap(r.matrix(), r.scores().bliss(), "Bliss synergy score (percent inhibition)", la, lb));
        p.put("heatmap_hsa.png", () -> SynergyPlots.heatmap(r.matrix(), r.scores().hsa(), "HSA synergy score (percent inhibition)", la, lb));
        p.put("heatmap_loewe.png", () -> SynergyPlots.heatmap(r.matrix(), r.scores().loewe(), "Loewe synergy score (percent inhibition)", la, lb));
        return p;
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
        m.put("css", CsvTable.cell(r.sensitivity().css()));
        m.put("verdict", r.verdict().verdict());
        return m;
    }
}
