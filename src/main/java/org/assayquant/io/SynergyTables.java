package org.assayquant.io;

import java.util.List;

import org.assayquant.core.dose.LogLogistic4;
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.core.synergy.ChouTalalay;
import org.assayquant.core.synergy.DoseMatrix;
import org.assayquant.core.synergy.MedianEffect;
import org.assayquant.core.synergy.ReferenceModels;
import org.assayquant.core.synergy.Sensitivity;
import org.assayquant.core.synergy.SynergisticArea;
import org.assayquant.core.synergy.SynergyAnalysis;
import org.assayquant.core.synergy.Verdict;

/** The synergy output tables (CONTRACT.md columns first, documented extras after). */
public final class SynergyTables {
    private SynergyTables() {}

    /** What the input response column was, written into every table. */
    public static String scaleText(ResponseScale s) {
        return s.key + " (" + s.description + ")";
    }

    public static CsvTable medianEffect(SynergyAnalysis.Result r, ResponseScale scale) {
        CsvTable t = new CsvTable("agent", "m", "dm", "r", "points", "input_scale",
                "ll4_hill", "ll4_dose0_response", "ll4_plateau", "ll4_ec50", "ll4_rss", "ic50_relative", "ri", "css");
        ChouTalalay.Result c = r.chou();
        Sensitivity.Result s = r.sensitivity();
        add(t, "a", c.a(), scale, r.scores().fitA(), s.ic50A(), s.riA(), s.cssA());
        add(t, "b", c.b(), scale, r.scores().fitB(), s.ic50B(), s.riB(), s.cssB());
        if (r.constantRatio()) add(t, "a+b", c.combo(), scale, null, Double.NaN, Double.NaN, Double.NaN);
        return t;
    }

    private static void add(CsvTable t, String agent, MedianEffect f, ResponseScale scale, LogLogistic4.Fit ll4, double ic50, double ri, double css) {
        LogLogistic4 c = ll4 == null ? new LogLogistic4(Double.NaN, Double.NaN, Double.NaN, Double.NaN) : ll4.curve();
        double rss = ll4 == null ? Double.NaN : ll4.rss();
        if (f == null) t.add(agent, Double.NaN, Double.NaN, Double.NaN, 0, scaleText(scale), c.hill(), c.top(), c.bottom(), c.ec50(), rss, ic50, ri, css);
        else t.add(agent, f.m(), f.dm(), f.r(), f.points(), scaleText(scale), c.hill(), c.top(), c.bottom(), c.ec50(), rss, ic50, ri, css);
    }

    public static CsvTable combinations(SynergyAnalysis.Result r, ResponseScale scale) {
        CsvTable t = new CsvTable("dose_a", "dose_b", "fa", "ci", "bliss", "hsa", "loewe", "zip",
                "replicates", "response_mean", "inhibition_percent", "ci_nonexclusive", "dri_a", "dri_b", "ci_interpretation", "input_scale",
                "hsa_expected", "bliss_expected", "loewe_expected", "zip_expected", "zip_fitted");
        DoseMatrix m = r.matrix();
        ReferenceModels.Scores s = r.scores();
        List<DoseMatrix.Cell> combos = m.combinations();
        List<ChouTalalay.Combination> cis = r.chou().combinations();
        for (int k = 0; k < combos.size(); k++) {
            int ib = combos.get(k).ib(), ia = combos.get(k).ia();
            ChouTalalay.Combination c = cis.get(k);
            double fa = m.mean(ib, ia);
            t.add(m.doseA(ia), m.doseB(ib), fa, c.ci(), s.bliss()[ib][ia], s.hsa()[ib][ia], s.loewe()[ib][ia], s.zip()[ib][ia],
                    m.replicates(ib, ia).length, scale.fromFa(fa), 100 * fa, c.ciNonExclusive(), c.driA(), c.driB(),
                    ChouTalalay.interpret(c.ci()), scaleText(scale), s.hsaReference()[ib][ia], s.blissReference()[ib][ia],
                    s.loeweReference()[ib][ia], s.zipReference()[ib][ia], s.zipFit()[ib][ia]);
        }
        return t;
    }

    public static CsvTable summary(SynergyAnalysis.Result r) {
        CsvTable t = new CsvTable("model", "score", "low", "high", "unit", "interpretation", "resamples", "p_value", "interval", "reasons",
                "msa", "msa_dose_a", "msa_dose_b");
        DoseMatrix m = r.matrix();
        for (int k = 0; k < r.summary().size(); k++) {
            SynergyAnalysis.Summary s = r.summary().get(k);
            boolean ci = s.model().startsWith("ci_");
            SynergisticArea.Area msa = k < 4 ? SynergisticArea.of(m, SynergyAnalysis.scoreMatrix(r.scores(), k)) : null;
            t.add(s.model(), s.score(), s.low(), s.high(),
                    ci ? "combination index (Chou-Talalay, mutually exclusive)" : "percentage points of inhibition, observed minus expected",
                    ci ? ChouTalalay.interpret(s.score()) : synergyFinderBand(s.score()), r.resamples(), pText(s.pValue()), s.interval(), "",
                    msa == null ? Double.NaN : msa.mean(),
                    msa == null ? "" : CsvTable.cell(m.doseA(msa.fromA())) + "-" + CsvTable.cell(m.doseA(msa.toA())),
                    msa == null ? "" : CsvTable.cell(m.doseB(msa.fromB())) + "-" + CsvTable.cell(m.doseB(msa.toB())));
        }
        t.add("css", r.sensitivity().css(), Double.NaN, Double.NaN, "percent inhibition (SynergyFinder's combination sensitivity score)",
                "", 0, "", "", "", Double.NaN, "", "");
        Verdict.Reading v = r.verdict();
        t.add("overall", v.average(), Double.NaN, Double.NaN, "average of the four models' mean scores, percentage points of inhibition",
                v.verdict(), r.resamples(), "", "", v.reasons(), Double.NaN, "", "");
        return t;
    }

    /** A p-value to 3 significant digits (1.23e-45, as synergyfinder prints it, not 45 zeros); empty for none. */
    static String pText(double p) {
        return Double.isNaN(p) ? "" : String.format(java.util.Locale.ROOT, "%.3g", p);
    }

    /** SynergyFinder's reading of a mean score: below -10 likely antagonistic, above 10 likely synergistic. */
    static String synergyFinderBand(double score) {
        if (Double.isNaN(score)) return "";
        if (score < -10) return "likely antagonistic";
        if (score > 10) return "likely synergistic";
        return "likely additive";
    }

    /** CI at fa = 0.5, 0.75, 0.9, 0.95 for a constant-ratio design (CompuSyn's ED50..ED95 table). */
    public static CsvTable ciLevels(SynergyAnalysis.Result r) {
        CsvTable t = new CsvTable("fa", "dose_a", "dose_b", "ci", "ci_low", "ci_high", "ci_nonexclusive", "dri_a", "dri_b", "interpretation");
        List<ChouTalalay.Level> levels = r.chou().levels();
        for (int k = 0; k < levels.size(); k++) {
            ChouTalalay.Level l = levels.get(k);
            SynergyAnalysis.Summary s = r.summary().get(4 + k);
            t.add(l.fa(), l.doseA(), l.doseB(), l.ci(), s.low(), s.high(), l.ciNonExclusive(), l.driA(), l.driB(), ChouTalalay.interpret(l.ci()));
        }
        return t;
    }

    /**
     * The two-column input's table with the drugs' names and units (its optional {@code drug_a},
     * {@code unit_a}, {@code drug_b}, {@code unit_b} columns; empty when it has none) as the last
     * columns, so the contract's columns keep their places.
     */
    public static CsvTable withNames(SynergyInput.Block b, CsvTable table) {
        List<String> cols = new java.util.ArrayList<>(table.columns());
        cols.addAll(List.of("drug_a", "unit_a", "drug_b", "unit_b"));
        CsvTable t = new CsvTable(cols.toArray(new String[0]));
        for (Object[] row : table.rows()) {
            Object[] r = java.util.Arrays.copyOf(row, row.length + 4);
            r[row.length] = b.drugA(); r[row.length + 1] = b.unitA(); r[row.length + 2] = b.drugB(); r[row.length + 3] = b.unitB();
            t.add(r);
        }
        return t;
    }

    /**
     * One table over the blocks of a SynergyFinder-format input: the columns {@code block_id},
     * {@code drug_a}, {@code unit_a}, {@code drug_b}, {@code unit_b} (drug A = the block's
     * drug_row, B = drug_col) and then the columns of each block's own table, block after block.
     */
    public static CsvTable withBlocks(List<SynergyInput.Block> blocks, List<CsvTable> tables) {
        List<String> cols = new java.util.ArrayList<>(List.of("block_id", "drug_a", "unit_a", "drug_b", "unit_b"));
        cols.addAll(tables.get(0).columns());
        CsvTable t = new CsvTable(cols.toArray(new String[0]));
        for (int k = 0; k < blocks.size(); k++) {
            SynergyInput.Block b = blocks.get(k);
            for (Object[] row : tables.get(k).rows()) {
                Object[] r = new Object[row.length + 5];
                r[0] = b.id(); r[1] = b.drugA(); r[2] = b.unitA(); r[3] = b.drugB(); r[4] = b.unitB();
                System.arraycopy(row, 0, r, 5, row.length);
                t.add(r);
            }
        }
        return t;
    }
}
