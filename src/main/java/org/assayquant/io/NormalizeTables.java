package org.assayquant.io;

import org.assayquant.core.normalize.FoldChange;
import org.assayquant.core.normalize.FoldChange.ConditionStats;
import org.assayquant.core.normalize.FoldChange.Row;
import org.assayquant.core.normalize.FoldChange.Unit;
import org.assayquant.core.normalize.Measurement;

/** The normalize command's result as CSV tables (columns documented in docs/normalize.md). */
public final class NormalizeTables {
    private NormalizeTables() {}

    /** normalized.csv: one row per lane, in sample-sheet order, flagged lanes included. */
    public static CsvTable normalized(FoldChange.Result r) {
        CsvTable t = new CsvTable("blot", "lane", "sample", "condition", "replicate", "line", "target_value", "control_value",
                "normalized", "reference", "fold_change", "log2_fc", "flag", "used");
        boolean control = r.options().useControl();
        for (Row row : r.rows()) {
            Measurement m = row.m();
            t.add(m.blot(), m.lane() > 0 ? m.lane() : null, m.sample(), m.condition(), m.replicate(), m.line(), m.target(),
                    control ? m.control() : Double.NaN, row.normalized(), row.reference(), row.foldChange(), row.log2Fc(), row.flagText(), row.used());
        }
        return t;
    }

    /** replicates.csv: one row per condition and biological replicate (the points of the chart). */
    public static CsvTable replicates(FoldChange.Result r) {
        CsvTable t = new CsvTable("condition", "replicate", "fold_change", "log2_fc", "lanes", "blots");
        for (ConditionStats c : r.conditions())
            for (Unit u : r.units(c.condition())) t.add(u.condition(), u.replicate(), u.foldChange(), u.log2Fc(), u.lanes(), String.join(";", u.blots()));
        return t;
    }

    /** fold_change.csv: one row per condition, the control first. */
    public static CsvTable foldChange(FoldChange.Result r) {
        CsvTable t = new CsvTable("condition", "control", "n", "lanes", "excluded", "mean_fc", "sd_fc", "sem_fc", "ci_low", "ci_high",
                "mean_log2_fc", "sd_log2_fc", "log2_ci_low", "log2_ci_high", "p_value", "p_holm");
        for (ConditionStats c : r.conditions()) {
            t.add(c.condition(), c.control(), c.fc().n(), c.lanes(), c.excluded(), c.fc().mean(), c.fc().sd(), c.fc().sem(), c.fc().ciLow(),
                    c.fc().ciHigh(), c.log2().mean(), c.log2().sd(), c.log2().ciLow(), c.log2().ciHigh(), c.welch().p(), c.pHolm());
        }
        return t;
    }

    /** statistics.csv: every test with its statistic, degrees of freedom and p-value. */
    public static CsvTable statistics(FoldChange.Result r) {
        CsvTable t = new CsvTable("test", "condition", "reference", "scale", "statistic", "df1", "df2", "p_value", "p_adjusted", "adjustment", "note");
        String scale = r.options().scale().key(), ctrl = r.options().controlCondition();
        for (ConditionStats c : r.conditions()) {
            if (c.control()) continue;
            var w = c.welch();
            t.add("welch_t", c.condition(), ctrl, scale, w.statistic(), w.df1(), Double.NaN, w.p(), c.pHolm(), "holm", w.note());
        }
        var a = r.anova();
        t.add("one_way_anova", "all", "", scale, a.statistic(), a.df1(), a.df2(), a.p(), Double.NaN, "", a.note());
        return t;
    }
}
