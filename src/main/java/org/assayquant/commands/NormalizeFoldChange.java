package org.assayquant.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.assayquant.core.AssayException;
import org.assayquant.core.normalize.FoldChange;
import org.assayquant.core.normalize.Method;
import org.assayquant.ij.FoldChangePlot;
import org.assayquant.ij.Tables;
import org.assayquant.io.CsvTable;
import org.assayquant.io.NormalizeInputs;
import org.assayquant.io.NormalizeTables;
import org.assayquant.io.RunInfo;

/** Loading-control normalization, fold change against a control condition, replicate statistics. */
@Plugin(type = Command.class, name = "normalize",
        description = "Normalize band volumes to a loading control (housekeeping, total protein, phospho/total), fold change vs a control condition per blot, mean/SD/SEM/95% CI across replicates, Welch t-tests (Holm) and one-way ANOVA")
public class NormalizeFoldChange extends AssayCommand {

    @Parameter(label = "Target bands (CSV or open table)", persist = false, style = "open", required = true, description = "Target: the bands.csv of the blot command holding the target protein (with samples), or a generic table with condition and value columns (without samples). {blot} in the path is replaced by the sample sheet's blot name.")
    public String target = "";

    @Parameter(label = "Loading-control bands (CSV or open table; empty = target)", persist = false, style = "open", required = false, description = "Loading control's bands.csv when it is another file (another strip, channel or total-stain image); empty = the target file. {blot} is replaced as in target.")
    public String control = "";

    @Parameter(label = "Sample sheet (CSV or open table)", persist = false, style = "open", required = false, description = "Sample sheet CSV: lane, condition and optional blot, replicate, sample, control (true for the control condition). Required for bands.csv input; empty for a generic table.")
    public String samples = "";

    @Parameter(label = "Output folder (empty = show results only)", persist = false, style = "directory", required = true, description = "Output folder for normalized.csv, replicates.csv, fold_change.csv, statistics.csv, fold_change.png and run.csv. Empty in Fiji = show tables and chart only.")
    public String out = "";

    @Parameter(label = "Allow a folder holding other files (they are kept)", persist = false, required = false, description = "Allow an output folder that holds files AssayQuant did not write: the results are added beside them, those files are never replaced or removed (an output that would take one's name is refused).")
    public boolean overwrite = false;

    @Parameter(label = "Loading control", persist = false, required = false, choices = {"housekeeping", "phospho_total", "total_protein", "none"}, description = "Loading control: a housekeeping band (control_row), the total form of a phospho-protein (control_row), a total-protein stain (sum of every band row of the lane in control), or none (values already normalized).")
    public String method = "housekeeping";

    @Parameter(label = "Target band row (1 = top)", persist = false, required = false, min = "1", description = "Band row (1 = top) of the target protein in target.")
    public int target_row = 1;

    @Parameter(label = "Control row (0 = automatic)", persist = false, required = false, min = "0", description = "Band row (1 = top) of the loading control or total form in control (or in target when control is empty); 0 = the only other band row (row 2 of a two-row blot, row 1 of a one-row strip), an error when there are several.")
    public int control_row = 0;

    @Parameter(label = "Control condition (empty = from the sheet)", persist = false, required = false, description = "Condition that fold changes are relative to; empty = the one marked in the sample sheet's control column, else its first condition.")
    public String control_condition = "";

    @Parameter(label = "Statistics scale", persist = false, required = false, choices = {"log2", "linear"}, description = "Scale of the t-tests and ANOVA: log2 fold change (ratios become symmetric) or fold change.")
    public String scale = "log2";

    @Parameter(label = "Keep flagged lanes", persist = false, required = false, description = "Keep flagged lanes (saturated or undetected bands, target <= 0 on the linear scale) in the control mean and the statistics.")
    public boolean include_flagged = false;

    @Parameter(label = "Target image (tables of several images)", persist = false, required = false, description = "When target holds the bands of several images (its image column): the image of the target. {blot} is replaced.")
    public String target_image = "";

    @Parameter(label = "Control image (tables of several images)", persist = false, required = false, description = "When control holds the bands of several images: the image of the loading control; empty = target_image for the same file. {blot} is replaced.")
    public String control_image = "";

    @Parameter(label = "Target column (generic table)", persist = false, required = false, description = "Generic table only: the column holding the target values.")
    public String target_column = "target_value";

    @Parameter(label = "Control column (generic table)", persist = false, required = false, description = "Generic table only: the column holding the loading-control values.")
    public String control_column = "control_value";

    @Override
    public void run() {
        Method m = Method.valueOf(method.toUpperCase(Locale.ROOT));
        NormalizeInputs.Loaded in = NormalizeInputs.load(new NormalizeInputs.Spec(target.trim(), control.trim(), samples.trim(), m,
                target_row, control_row, target_image.trim(), control_image.trim(), target_column.trim(), control_column.trim()));
        List<String> notes = new ArrayList<>(in.warnings());
        String ctrl = controlCondition(in, notes);
        FoldChange.Result r = FoldChange.compute(in.lanes(), new FoldChange.Options(ctrl, include_flagged,
                FoldChange.Scale.valueOf(scale.toUpperCase(Locale.ROOT)), m.usesControl()));
        notes.addAll(r.warnings());
        if (r.rows().stream().noneMatch(FoldChange.Row::used)) // every output would be empty: say why instead
            throw AssayException.invalid("target=" + target.trim() + ": no lane gives a fold change"
                    + (r.warnings().isEmpty() ? "" : " (" + String.join("; ", r.warnings().subList(0, Math.min(2, r.warnings().size()))) + ")"));

        String base = in.files().get(0);
        new Publication(this, base)
                .table("normalized.csv", "Normalized", NormalizeTables.normalized(r))
                .table("replicates.csv", "Replicates", NormalizeTables.replicates(r))
                .table("fold_change.csv", "Fold Change", NormalizeTables.foldChange(r))
                .table("statistics.csv", "Statistics", NormalizeTables.statistics(r))
                .plot("fold_change.png", FoldChangePlot.plot(r, Tables.title(base, "Fold Change")))
                .publish(out, overwrite, () -> runInfo(in, r, notes), notes, in.files().toArray(new String[0]));
    }

    private String controlCondition(NormalizeInputs.Loaded in, List<String> notes) {
        String key = control_condition.trim();
        if (!key.isEmpty()) {
            if (in.markedControl() != null && !in.markedControl().equals(key))
                throw AssayException.invalid("control_condition=" + key + ": the sample sheet's control column marks '" + in.markedControl() + "' as the control");
            return key;
        }
        if (in.markedControl() != null) return in.markedControl();
        notes.add("control_condition not given: fold changes are relative to '" + in.firstCondition() + "', the first condition listed");
        return in.firstCondition();
    }

    private CsvTable runInfo(NormalizeInputs.Loaded in, FoldChange.Result r, List<String> notes) {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("control_condition", r.options().controlCondition());
        res.put("lanes", r.rows().size());
        res.put("lanes_used", r.rows().stream().filter(FoldChange.Row::used).count());
        res.put("lanes_flagged", r.rows().stream().filter(x -> !x.flags().isEmpty()).count());
        res.put("blots", in.lanes().stream().map(x -> x.blot()).distinct().count());
        res.put("conditions", r.conditions().size());
        res.put("replicates", r.units().size());
        res.put("anova_p", r.anova().p());
        CsvTable t = Publication.runInfo(this, in.files().get(0), res, notes);
        int at = 4; // every input with its checksum, after the first one
        for (String f : in.files().subList(1, in.files().size())) {
            t.rows().add(at++, new Object[] {"input", f});
            t.rows().add(at++, new Object[] {"input_sha256", RunInfo.sha256(f)});
        }
        return t;
    }
}
