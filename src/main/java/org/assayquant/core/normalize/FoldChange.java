package org.assayquant.core.normalize;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assayquant.core.AssayException;
import org.assayquant.core.normalize.ReplicateStats.Summary;
import org.assayquant.core.normalize.ReplicateStats.Test;

/**
 * Loading-control normalization and fold change with replicate statistics.
 *
 * <ol>
 * <li>Per lane: normalized = target / control (or the target alone without a control). Missing,
 * zero or negative values get a flag and no ratio; saturated or undetected bands get a flag.</li>
 * <li>Per blot: the reference is the mean normalized value of the blot's usable lanes of the
 * control condition; fold change = normalized / reference; log2 fold change.</li>
 * <li>Per biological replicate: the lanes of one condition and replicate (technical replicates,
 * possibly on several blots) are averaged: the replicate's fold change is the mean of its lanes'
 * fold changes, its log2 fold change the log2 of that.</li>
 * <li>Per condition, across replicates: n, mean, SD, SEM, t-based 95% interval of the fold change
 * and of the log2 fold change; Welch's t-test against the control condition with Holm's
 * adjustment over the comparisons, and a one-way ANOVA across all conditions, on the log2 scale
 * (default) or the linear fold-change scale.</li>
 * </ol>
 * Flagged lanes are left out of the reference and the statistics unless includeFlagged; lanes
 * without a ratio are always left out.
 */
public final class FoldChange {
    private FoldChange() {}

    /** The scale the tests (and ANOVA) work on. */
    public enum Scale {
        LOG2, LINEAR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Options(String controlCondition, boolean includeFlagged, Scale scale, boolean useControl) {}

    /** One lane's numbers; {@code used} = it entered the statistics. */
    public record Row(Measurement m, double normalized, double reference, double foldChange, double log2Fc,
                      Set<Flag> flags, boolean used) {
        /** The flags as written in the flag column: snake_case, ';'-separated, empty when clean. */
        public String flagText() {
            return flags.stream().map(Flag::label).collect(Collectors.joining(";"));
        }
    }

    /** One biological replicate of one condition: the data point of the statistics and the plot. */
    public record Unit(String condition, String replicate, double foldChange, double log2Fc, int lanes, List<String> blots) {}

    /** The statistics of one condition. {@code welch} and {@code pHolm} are NaN for the control. */
    public record ConditionStats(String condition, boolean control, int lanes, int excluded, Summary fc, Summary log2,
                                 Test welch, double pHolm) {}

    public record Result(Options options, List<Row> rows, List<Unit> units, List<ConditionStats> conditions, Test anova,
                         List<String> warnings) {
        public ConditionStats condition(String name) {
            return conditions.stream().filter(c -> c.condition.equals(name)).findFirst().orElse(null);
        }

        public List<Unit> units(String condition) {
            return units.stream().filter(u -> u.condition.equals(condition)).toList();
        }
    }

    public static Result compute(List<Measurement> ms, Options o) {
        if (ms.isEmpty()) throw AssayException.invalid("no lanes to analyse");
        List<String> warnings = new ArrayList<>();
        Set<String> conditions = new LinkedHashSet<>();
        for (Measurement m : ms) conditions.add(m.condition());
        String ctrl = o.controlCondition();
        if (!conditions.contains(ctrl))
            throw AssayException.invalid("control_condition=" + ctrl + ": no such condition; the conditions are: " + String.join(", ", conditions));
        Map<String, List<Measurement>> byBlot = new LinkedHashMap<>();
        for (Measurement m : ms) byBlot.computeIfAbsent(m.blot(), k -> new ArrayList<>()).add(m);
        for (var e : byBlot.entrySet()) {
            if (e.getValue().stream().noneMatch(m -> m.condition().equals(ctrl)))
                throw AssayException.invalid((e.getKey().isEmpty() ? "the table" : "blot '" + e.getKey() + "'")
                        + " has no lane of the control condition '" + ctrl + "' (fold changes are relative to the control on the same blot)");
        }

        // 1. per lane: ratio and flags
        int n = ms.size();
        double[] norm = new double[n];
        List<Set<Flag>> flags = new ArrayList<>();
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            Measurement m = ms.get(i);
            Set<Flag> f = EnumSet.noneOf(Flag.class);
            f.addAll(m.source());
            if (Double.isNaN(m.target())) f.add(Flag.TARGET_MISSING);
            else if (m.target() <= 0) f.add(Flag.TARGET_NOT_POSITIVE);
            if (o.useControl()) {
                if (Double.isNaN(m.control())) f.add(Flag.CONTROL_MISSING);
                else if (m.control() == 0) f.add(Flag.CONTROL_ZERO);
                else if (m.control() < 0) f.add(Flag.CONTROL_NEGATIVE);
            }
            boolean hard = f.stream().anyMatch(x -> x.hard);
            norm[i] = hard ? Double.NaN : o.useControl() ? m.target() / m.control() : m.target();
            usable[i] = !hard && (f.isEmpty() || o.includeFlagged()) && (o.scale() == Scale.LINEAR || norm[i] > 0);
            flags.add(f);
        }

        // 2. per blot: the control condition's mean normalized value
        Map<String, Double> reference = new LinkedHashMap<>();
        for (String blot : byBlot.keySet()) {
            double sum = 0;
            int k = 0;
            for (int i = 0; i < n; i++) {
                Measurement m = ms.get(i);
                if (usable[i] && m.blot().equals(blot) && m.condition().equals(ctrl)) {
                    sum += norm[i];
                    k++;
                }
            }
            double mean = k == 0 ? Double.NaN : sum / k;
            if (!(mean > 0)) {
                mean = Double.NaN;
                warnings.add((blot.isEmpty() ? "" : "blot '" + blot + "': ") + "no usable lane of the control condition '" + ctrl
                        + "' (" + reasons(ms, flags, blot, ctrl) + "); its lanes get no fold change");
            }
            reference.put(blot, mean);
        }

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Measurement m = ms.get(i);
            double ref = reference.get(m.blot());
            Set<Flag> f = flags.get(i);
            if (Double.isNaN(ref)) f.add(Flag.NO_USABLE_CONTROL);
            double fc = norm[i] / ref; // NaN when either is NaN; ref > 0 otherwise
            double l2 = fc > 0 ? log2(fc) : Double.NaN;
            boolean used = usable[i] && !Double.isNaN(ref);
            rows.add(new Row(m, norm[i], ref, fc, l2, f, used));
            if (!f.isEmpty() && !f.equals(EnumSet.of(Flag.NO_USABLE_CONTROL))) {
                String what = m.where() + " (" + m.condition() + "): " + rows.get(i).flagText();
                if (used) warnings.add(what + "; kept in the statistics because include_flagged=true");
                else if (f.stream().anyMatch(x -> x.hard)) warnings.add(what + "; no ratio, left out of the statistics");
                else if (usable[i] || o.includeFlagged()) warnings.add(what + "; left out of the statistics (no log2 of a value <= 0)");
                else warnings.add(what + "; left out of the statistics (include_flagged=true keeps it)");
            }
        }

        // 3. per biological replicate: mean of its lanes' fold changes
        Map<List<String>, List<Row>> byUnit = new LinkedHashMap<>();
        for (Row r : rows) if (r.used) byUnit.computeIfAbsent(List.of(r.m.condition(), r.m.replicate()), k -> new ArrayList<>()).add(r);
        List<Unit> units = new ArrayList<>();
        for (var e : byUnit.entrySet()) {
            double fc = e.getValue().stream().mapToDouble(Row::foldChange).average().orElseThrow();
            List<String> blots = e.getValue().stream().map(r -> r.m.blot()).distinct().toList();
            units.add(new Unit(e.getKey().get(0), e.getKey().get(1), fc, fc > 0 ? log2(fc) : Double.NaN, e.getValue().size(), blots));
            if (blots.size() > 1)
                warnings.add("condition '" + e.getKey().get(0) + "' replicate '" + e.getKey().get(1) + "' has lanes on " + blots.size()
                        + " blots (" + String.join(", ", blots) + "): averaged as one experiment; give different experiments different replicate names");
        }

        // 4. per condition: summaries, then tests on the chosen scale
        List<String> order = new ArrayList<>();
        order.add(ctrl);
        for (String c : conditions) if (!c.equals(ctrl)) order.add(c);
        Map<String, double[]> testValues = new LinkedHashMap<>();
        Map<String, Summary[]> summaries = new LinkedHashMap<>();
        for (String c : order) {
            List<Unit> us = units.stream().filter(u -> u.condition.equals(c)).toList();
            double[] fc = us.stream().mapToDouble(Unit::foldChange).toArray();
            double[] l2 = us.stream().mapToDouble(Unit::log2Fc).toArray();
            boolean allLog = java.util.Arrays.stream(l2).allMatch(Double::isFinite);
            summaries.put(c, new Summary[] {ReplicateStats.summarize(fc), ReplicateStats.summarize(allLog ? l2 : new double[0])});
            testValues.put(c, o.scale() == Scale.LOG2 ? l2 : fc);
            if (us.isEmpty()) warnings.add("condition '" + c + "': no usable lane; no fold change");
            else if (us.size() == 1)
                warnings.add("condition '" + c + "': 1 replicate; no SD, interval or test (the sample sheet's replicate column names independent experiments)");
        }
        double[] ref = testValues.get(ctrl);
        double[] p = new double[order.size()];
        Test[] welch = new Test[order.size()];
        for (int i = 0; i < order.size(); i++) {
            welch[i] = i == 0 ? Test.none("") : ReplicateStats.welch(testValues.get(order.get(i)), ref);
            p[i] = welch[i].p();
            if (i > 0 && !welch[i].note().isEmpty()) warnings.add("condition '" + order.get(i) + "': no t-test: " + welch[i].note());
        }
        double[] holm = ReplicateStats.holm(p);
        List<ConditionStats> stats = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String c = order.get(i);
            int lanes = 0, used = 0;
            for (Row r : rows) if (r.m.condition().equals(c)) { lanes++; if (r.used) used++; }
            Summary[] s = summaries.get(c);
            stats.add(new ConditionStats(c, i == 0, lanes, lanes - used, s[0], s[1], welch[i], holm[i]));
        }
        List<double[]> groups = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String c : order) {
            if (testValues.get(c).length >= 2) groups.add(testValues.get(c));
            else skipped.add(c);
        }
        Test anova = ReplicateStats.anova(groups);
        if (!anova.note().isEmpty()) warnings.add("no ANOVA: " + anova.note());
        else if (!skipped.isEmpty()) warnings.add("ANOVA without condition(s) " + String.join(", ", skipped) + " (fewer than 2 replicates)");
        return new Result(o, rows, units, stats, anova, warnings);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static String reasons(List<Measurement> ms, List<Set<Flag>> flags, String blot, String ctrl) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            Measurement m = ms.get(i);
            if (m.blot().equals(blot) && m.condition().equals(ctrl))
                r.add(m.where().replace("blot '" + blot + "' ", "") + ": "
                        + (flags.get(i).isEmpty() ? "value <= 0" : flags.get(i).stream().map(Flag::label).collect(Collectors.joining(";"))));
        }
        return String.join(", ", r);
    }
}
