package org.assayquant.core.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.normalize.FoldChange.ConditionStats;
import org.assayquant.core.normalize.FoldChange.Options;
import org.assayquant.core.normalize.FoldChange.Result;
import org.assayquant.core.normalize.FoldChange.Row;
import org.assayquant.core.normalize.FoldChange.Scale;
import org.assayquant.core.normalize.FoldChange.Unit;

/**
 * Every number of a small three-blot experiment computed by hand (see {@link #handTable}), a
 * linear dilution series, and the flag rules.
 */
class FoldChangeTest {
    static final double T2 = 4.302652729911275; // t(0.975, 2), any t table
    static final double EPS = 1e-12;

    static Measurement m(String blot, int lane, String cond, String rep, double target, double control, Flag... flags) {
        return new Measurement(blot, lane, "", cond, rep, lane + 1, target, control, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags));
    }

    /**
     * Three blots, one per experiment (replicate 1, 2, 3), conditions ctrl, drug, inhib.
     * <pre>
     * blot lane cond   target control normalized  reference fold change
     * b1   1    ctrl   200    100     2           2.5       0.8
     * b1   2    ctrl   300    100     3           2.5       1.2      -> replicate 1 ctrl = 1.0
     * b1   3    drug   500    100     5           2.5       2
     * b1   4    drug   1000   200     5           2.5       2        -> replicate 1 drug = 2
     * b1   5    inhib  125    100     1.25        2.5       0.5
     * b1   6    inhib  999    0       (control_zero: no ratio)
     * b2   1    ctrl   100    50      2           2         1
     * b2   2    drug   400    50      8           2         4
     * b2   3    inhib  50     100     0.5         2         0.25
     * b2   4    drug   900    50      18          2         9        target_saturated: left out
     * b3   1    ctrl   150    100     1.5         1.5       1
     * b3   2    drug   300    200     1.5         1.5       1
     * b3   3    inhib  75     100     0.75        1.5       0.5
     * b3   4    ctrl   600    100     6           1.5       4        control_saturated: not in the reference
     * </pre>
     * Replicates: ctrl 1, 1, 1; drug 2, 4, 1 (log2 1, 2, 0); inhib 0.5, 0.25, 0.5 (log2 -1, -2, -1).
     */
    static List<Measurement> handTable() {
        List<Measurement> l = new ArrayList<>();
        l.add(m("b1", 1, "ctrl", "1", 200, 100));
        l.add(m("b1", 2, "ctrl", "1", 300, 100));
        l.add(m("b1", 3, "drug", "1", 500, 100));
        l.add(m("b1", 4, "drug", "1", 1000, 200));
        l.add(m("b1", 5, "inhib", "1", 125, 100));
        l.add(m("b1", 6, "inhib", "1", 999, 0));
        l.add(m("b2", 1, "ctrl", "2", 100, 50));
        l.add(m("b2", 2, "drug", "2", 400, 50));
        l.add(m("b2", 3, "inhib", "2", 50, 100));
        l.add(m("b2", 4, "drug", "2", 900, 50, Flag.TARGET_SATURATED));
        l.add(m("b3", 1, "ctrl", "3", 150, 100));
        l.add(m("b3", 2, "drug", "3", 300, 200));
        l.add(m("b3", 3, "inhib", "3", 75, 100));
        l.add(m("b3", 4, "ctrl", "3", 600, 100, Flag.CONTROL_SATURATED));
        return l;
    }

    static void row(Row r, double normalized, double reference, double fc, String flags, boolean used) {
        String w = r.m().where();
        assertEquals(normalized, r.normalized(), EPS, "normalized " + w);
        assertEquals(reference, r.reference(), EPS, "reference " + w);
        assertEquals(fc, r.foldChange(), EPS, "fold change " + w);
        assertEquals(fc > 0 ? Math.log(fc) / Math.log(2) : Double.NaN, r.log2Fc(), EPS, "log2 " + w);
        assertEquals(flags, r.flagText(), "flags " + w);
        assertEquals(used, r.used(), "used " + w);
    }

    @Test
    void handTableEveryNumber() {
        Result r = FoldChange.compute(handTable(), new Options("ctrl", false, Scale.LOG2, true));
        List<Row> rows = r.rows();
        row(rows.get(0), 2, 2.5, 0.8, "", true);
        row(rows.get(1), 3, 2.5, 1.2, "", true);
        row(rows.get(2), 5, 2.5, 2, "", true);
        row(rows.get(3), 5, 2.5, 2, "", true);
        row(rows.get(4), 1.25, 2.5, 0.5, "", true);
        row(rows.get(5), Double.NaN, 2.5, Double.NaN, "control_zero", false);
        row(rows.get(6), 2, 2, 1, "", true);
        row(rows.get(7), 8, 2, 4, "", true);
        row(rows.get(8), 0.5, 2, 0.25, "", true);
        row(rows.get(9), 18, 2, 9, "target_saturated", false);
        row(rows.get(10), 1.5, 1.5, 1, "", true);
        row(rows.get(11), 1.5, 1.5, 1, "", true);
        row(rows.get(12), 0.75, 1.5, 0.5, "", true);
        row(rows.get(13), 6, 1.5, 4, "control_saturated", false);

        // replicates: technical duplicates averaged (b1 ctrl: (0.8 + 1.2) / 2 = 1; b1 drug: (2 + 2) / 2 = 2)
        assertUnits(r.units("ctrl"), new double[] {1, 1, 1}, new int[] {2, 1, 1});
        assertUnits(r.units("drug"), new double[] {2, 4, 1}, new int[] {2, 1, 1});
        assertUnits(r.units("inhib"), new double[] {0.5, 0.25, 0.5}, new int[] {1, 1, 1});

        assertEquals(List.of("ctrl", "drug", "inhib"), r.conditions().stream().map(ConditionStats::condition).toList());
        ConditionStats ctrl = r.condition("ctrl");
        assertTrue(ctrl.control());
        assertEquals(3, ctrl.fc().n());
        assertEquals(5, ctrl.lanes());
        assertEquals(1, ctrl.excluded());
        assertEquals(1, ctrl.fc().mean(), EPS);
        assertEquals(0, ctrl.fc().sd(), EPS);
        assertEquals(1, ctrl.fc().ciLow(), EPS);
        assertEquals(1, ctrl.fc().ciHigh(), EPS);
        assertEquals(0, ctrl.log2().mean(), EPS);
        assertTrue(Double.isNaN(ctrl.welch().p()) && Double.isNaN(ctrl.pHolm()));

        // drug: FC 2, 4, 1: mean 7/3, SD sqrt(7/3), SEM sqrt(7/9); log2 1, 2, 0: mean 1, SD 1, SEM 1/sqrt 3
        ConditionStats drug = r.condition("drug");
        assertEquals(3, drug.fc().n());
        assertEquals(5, drug.lanes());
        assertEquals(1, drug.excluded());
        assertEquals(7.0 / 3, drug.fc().mean(), EPS);
        assertEquals(Math.sqrt(7.0 / 3), drug.fc().sd(), EPS);
        assertEquals(Math.sqrt(7.0 / 9), drug.fc().sem(), EPS);
        assertEquals(7.0 / 3 - T2 * Math.sqrt(7.0 / 9), drug.fc().ciLow(), 1e-9);
        assertEquals(7.0 / 3 + T2 * Math.sqrt(7.0 / 9), drug.fc().ciHigh(), 1e-9);
        assertEquals(1, drug.log2().mean(), EPS);
        assertEquals(1, drug.log2().sd(), EPS);
        assertEquals(1 / Math.sqrt(3), drug.log2().sem(), EPS);
        assertEquals(1 - T2 / Math.sqrt(3), drug.log2().ciLow(), 1e-9);
        assertEquals(1 + T2 / Math.sqrt(3), drug.log2().ciHigh(), 1e-9);
        // Welch on log2 vs {0, 0, 0}: t = sqrt 3, df 2, p = 1 - sqrt(3/5) (t with 2 df in closed form)
        assertEquals(Math.sqrt(3), drug.welch().statistic(), EPS);
        assertEquals(2, drug.welch().df1(), EPS);
        assertEquals(1 - Math.sqrt(0.6), drug.welch().p(), 1e-9);

        // inhib: FC 0.5, 0.25, 0.5: mean 5/12, SD sqrt(1/48); log2 -1, -2, -1: mean -4/3, SD sqrt(1/3), t = -4
        ConditionStats inhib = r.condition("inhib");
        assertEquals(4, inhib.lanes());
        assertEquals(1, inhib.excluded());
        assertEquals(5.0 / 12, inhib.fc().mean(), EPS);
        assertEquals(Math.sqrt(1.0 / 48), inhib.fc().sd(), EPS);
        assertEquals(-4.0 / 3, inhib.log2().mean(), EPS);
        assertEquals(Math.sqrt(1.0 / 3), inhib.log2().sd(), EPS);
        assertEquals(-4, inhib.welch().statistic(), 1e-12);
        assertEquals(1 - 4 / Math.sqrt(18), inhib.welch().p(), 1e-9);

        // Holm over the two comparisons: inhib 2 x 0.0571910 = 0.1143819; drug max(0.1143819, 0.2254033)
        assertEquals(2 * (1 - 4 / Math.sqrt(18)), inhib.pHolm(), 1e-9);
        assertEquals(1 - Math.sqrt(0.6), drug.pHolm(), 1e-9);

        // ANOVA on log2 {0,0,0}, {1,2,0}, {-1,-2,-1}: F = 9.25 on (2, 6) df, p = (1 + 2 x 9.25 / 6)^-3
        assertEquals(9.25, r.anova().statistic(), 1e-12);
        assertEquals(2, r.anova().df1());
        assertEquals(6, r.anova().df2());
        assertEquals(Math.pow(1 + 2 * 9.25 / 6, -3), r.anova().p(), 1e-9);

        // every excluded lane is named
        assertTrue(r.warnings().contains("blot 'b1' lane 6 (inhib): control_zero; no ratio, left out of the statistics"), r.warnings().toString());
        assertTrue(r.warnings().contains("blot 'b2' lane 4 (drug): target_saturated; left out of the statistics (include_flagged=true keeps it)"), r.warnings().toString());
        assertTrue(r.warnings().contains("blot 'b3' lane 4 (ctrl): control_saturated; left out of the statistics (include_flagged=true keeps it)"), r.warnings().toString());
        assertEquals(3, r.warnings().size(), r.warnings().toString());
    }

    @Test
    void handTableOnTheLinearScale() {
        Result r = FoldChange.compute(handTable(), new Options("ctrl", false, Scale.LINEAR, true));
        // drug {2, 4, 1} vs {1, 1, 1}: t = (4/3) / sqrt(7/9) = sqrt(16/7), p = 1 - t / sqrt(t^2 + 2) = 1 - sqrt(8/15)
        assertEquals(Math.sqrt(16.0 / 7), r.condition("drug").welch().statistic(), 1e-12);
        assertEquals(1 - Math.sqrt(8.0 / 15), r.condition("drug").welch().p(), 1e-9);
        // inhib {0.5, 0.25, 0.5}: t = (-7/12) / (sqrt(1/48) / sqrt 3) = -7, p = 1 - 7 / sqrt 51 = 0.0198039
        assertEquals(-7, r.condition("inhib").welch().statistic(), 1e-9);
        assertEquals(1 - 7 / Math.sqrt(51), r.condition("inhib").welch().p(), 1e-9);
        // ANOVA: grand mean 1.25, SS between 139/24, SS within 14/3 + 1/24 = 113/24, F = 417/113; p = (756/339)^-3
        assertEquals(417.0 / 113, r.anova().statistic(), 1e-12);
        assertEquals(Math.pow(756.0 / 339, -3), r.anova().p(), 1e-9);
        // the fold changes themselves do not depend on the scale
        assertEquals(7.0 / 3, r.condition("drug").fc().mean(), EPS);
    }

    @Test
    void includeFlaggedKeepsSaturatedLanesButNeverDividesByZero() {
        Result r = FoldChange.compute(handTable(), new Options("ctrl", true, Scale.LOG2, true));
        // b3's reference now averages lanes 1 and 4: (1.5 + 6) / 2 = 3.75
        row(r.rows().get(10), 1.5, 3.75, 0.4, "", true);
        row(r.rows().get(13), 6, 3.75, 1.6, "control_saturated", true);
        row(r.rows().get(11), 1.5, 3.75, 0.4, "", true);
        row(r.rows().get(9), 18, 2, 9, "target_saturated", true);
        row(r.rows().get(5), Double.NaN, 2.5, Double.NaN, "control_zero", false); // still no ratio
        // drug replicates: b1 2, b2 (4 + 9) / 2 = 6.5, b3 0.4; inhib: 0.5, 0.25, 0.75 / 3.75 = 0.2
        assertUnits(r.units("drug"), new double[] {2, 6.5, 0.4}, new int[] {2, 2, 1});
        assertUnits(r.units("inhib"), new double[] {0.5, 0.25, 0.2}, new int[] {1, 1, 1});
        assertUnits(r.units("ctrl"), new double[] {1, 1, 1}, new int[] {2, 1, 2});
        assertEquals(0, r.condition("drug").excluded());
        assertTrue(r.warnings().contains("blot 'b2' lane 4 (drug): target_saturated; kept in the statistics because include_flagged=true"), r.warnings().toString());
    }

    static void assertUnits(List<Unit> us, double[] fc, int[] lanes) {
        assertEquals(fc.length, us.size(), us.toString());
        for (int i = 0; i < fc.length; i++) {
            assertEquals(String.valueOf(i + 1), us.get(i).replicate());
            assertEquals(fc[i], us.get(i).foldChange(), EPS, us.get(i).toString());
            assertEquals(Math.log(fc[i]) / Math.log(2), us.get(i).log2Fc(), EPS, us.get(i).toString());
            assertEquals(lanes[i], us.get(i).lanes(), us.get(i).toString());
        }
    }

    /**
     * A linear dilution series: 5, 10, 20, 40 ug loaded; target = 120 DN/ug (ctrl) or 360 DN/ug
     * (drug, 3-fold), loading control = 800 DN/ug. Normalization must cancel the load exactly:
     * normalized 0.15 and 0.45, fold change 3 in every replicate. Without a loading control the
     * "fold change" follows the load instead (drug at 5 ug: 360 x 5 / (120 x 18.75) = 0.8).
     */
    @Test
    void dilutionSeriesNormalizesTheLoadAway() {
        double[] load = {5, 10, 20, 40};
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < load.length; i++) {
            ms.add(m("b", 2 * i + 1, "ctrl", "load" + i, 120 * load[i], 800 * load[i]));
            ms.add(m("b", 2 * i + 2, "drug", "load" + i, 360 * load[i], 800 * load[i]));
        }
        Result r = FoldChange.compute(ms, new Options("ctrl", false, Scale.LOG2, true));
        for (Row row : r.rows()) {
            boolean drug = row.m().condition().equals("drug");
            assertEquals(drug ? 0.45 : 0.15, row.normalized(), EPS, row.m().where());
            assertEquals(0.15, row.reference(), EPS);
            assertEquals(drug ? 3 : 1, row.foldChange(), EPS, row.m().where());
        }
        ConditionStats drug = r.condition("drug");
        assertEquals(4, drug.fc().n());
        assertEquals(3, drug.fc().mean(), EPS);
        assertEquals(0, drug.fc().sd(), 1e-12);
        assertEquals(Math.log(3) / Math.log(2), drug.log2().mean(), EPS);

        Result raw = FoldChange.compute(ms, new Options("ctrl", false, Scale.LOG2, false));
        double ref = 120 * (5 + 10 + 20 + 40) / 4.0; // 2250
        for (int i = 0; i < load.length; i++) {
            assertEquals(360 * load[i] / ref, raw.rows().get(2 * i + 1).foldChange(), EPS);
            assertEquals(120 * load[i] / ref, raw.rows().get(2 * i).foldChange(), EPS);
        }
        assertEquals(0.8, raw.rows().get(1).foldChange(), EPS);
        assertEquals(6.4, raw.rows().get(7).foldChange(), EPS);
    }

    @Test
    void aBlotWithoutAUsableControlGetsNoFoldChange() {
        List<Measurement> ms = new ArrayList<>(handTable().subList(0, 6));
        ms.add(m("b4", 1, "ctrl", "4", 100, 50, Flag.CONTROL_SATURATED));
        ms.add(m("b4", 2, "drug", "4", 400, 50));
        Result r = FoldChange.compute(ms, new Options("ctrl", false, Scale.LOG2, true));
        Row ctrl4 = r.rows().get(6), drug4 = r.rows().get(7);
        assertEquals(2, ctrl4.normalized(), EPS);
        assertEquals(8, drug4.normalized(), EPS);
        assertTrue(Double.isNaN(drug4.reference()) && Double.isNaN(drug4.foldChange()) && Double.isNaN(drug4.log2Fc()));
        assertEquals("control_saturated;no_usable_control", ctrl4.flagText());
        assertEquals("no_usable_control", drug4.flagText());
        assertFalse(drug4.used());
        assertTrue(r.warnings().contains("blot 'b4': no usable lane of the control condition 'ctrl' (lane 1: control_saturated); its lanes get no fold change"),
                r.warnings().toString());
        // the other blot is unaffected; one replicate per condition now: no SD, no tests
        assertEquals(1, r.condition("drug").fc().n());
        assertEquals(2, r.condition("drug").fc().mean(), EPS);
        assertTrue(Double.isNaN(r.condition("drug").fc().sd()));
        assertTrue(r.warnings().contains("condition 'drug': 1 replicate; no SD, interval or test (the sample sheet's replicate column names independent experiments)"));
        assertTrue(Double.isNaN(r.anova().p()));
    }

    @Test
    void missingAndNonPositiveValuesAreFlagged() {
        List<Measurement> ms = List.of(
                m("", 1, "ctrl", "1", 100, 100), m("", 2, "ctrl", "2", 300, 100),
                m("", 3, "kd", "1", -20, 100), m("", 4, "kd", "2", 0, 100),
                m("", 5, "kd", "3", Double.NaN, 100), m("", 6, "kd", "4", 50, Double.NaN),
                m("", 7, "kd", "5", 50, -3));
        Result r = FoldChange.compute(ms, new Options("ctrl", false, Scale.LOG2, true));
        // reference = (1 + 3) / 2 = 2
        row(r.rows().get(2), -0.2, 2, -0.1, "target_not_positive", false);
        row(r.rows().get(3), 0, 2, 0, "target_not_positive", false);
        row(r.rows().get(4), Double.NaN, 2, Double.NaN, "target_missing", false);
        row(r.rows().get(5), Double.NaN, 2, Double.NaN, "control_missing", false);
        row(r.rows().get(6), Double.NaN, 2, Double.NaN, "control_negative", false);
        assertEquals(0, r.condition("kd").fc().n());
        assertTrue(r.warnings().contains("condition 'kd': no usable lane; no fold change"), r.warnings().toString());

        // opting in on the log2 scale still cannot take log2 of <= 0
        Result in = FoldChange.compute(ms, new Options("ctrl", true, Scale.LOG2, true));
        assertFalse(in.rows().get(2).used());
        assertTrue(in.warnings().contains("lane 3 (kd): target_not_positive; left out of the statistics (no log2 of a value <= 0)"), in.warnings().toString());
        // on the linear scale it can: kd replicates 1, 2 -> -0.1, 0; mean -0.05; no log2 summary
        Result lin = FoldChange.compute(ms, new Options("ctrl", true, Scale.LINEAR, true));
        assertTrue(lin.rows().get(2).used() && lin.rows().get(3).used());
        assertEquals(-0.05, lin.condition("kd").fc().mean(), EPS);
        assertEquals(2, lin.condition("kd").fc().n());
        assertTrue(Double.isNaN(lin.condition("kd").log2().mean()));
    }

    @Test
    void noControlValuesNeededWithoutALoadingControl() {
        List<Measurement> ms = List.of(m("", 1, "a", "1", 2, Double.NaN), m("", 2, "b", "1", 3, Double.NaN));
        Result r = FoldChange.compute(ms, new Options("a", false, Scale.LOG2, false));
        row(r.rows().get(1), 3, 2, 1.5, "", true);
    }

    @Test
    void replicateLabelsSpanningBlotsAreAveragedWithAWarning() {
        List<Measurement> ms = List.of(m("b1", 1, "c", "1", 1, 1), m("b1", 2, "d", "1", 2, 1),
                m("b2", 1, "c", "1", 1, 1), m("b2", 2, "d", "1", 4, 1));
        Result r = FoldChange.compute(ms, new Options("c", false, Scale.LOG2, true));
        assertUnits(r.units("d"), new double[] {3}, new int[] {2});
        assertTrue(r.warnings().contains("condition 'd' replicate '1' has lanes on 2 blots (b1, b2): averaged as one experiment; give different experiments different replicate names"),
                r.warnings().toString());
    }

    @Test
    void refusesAnUnknownControlConditionAndABlotWithoutIt() {
        List<Measurement> ms = handTable();
        AssayException e = assertThrows(AssayException.class, () -> FoldChange.compute(ms, new Options("DMSO", false, Scale.LOG2, true)));
        assertEquals("control_condition=DMSO: no such condition; the conditions are: ctrl, drug, inhib", e.getMessage());
        assertTrue(e.usage);
        List<Measurement> more = new ArrayList<>(ms);
        more.add(m("b9", 1, "drug", "9", 1, 1));
        e = assertThrows(AssayException.class, () -> FoldChange.compute(more, new Options("ctrl", false, Scale.LOG2, true)));
        assertEquals("blot 'b9' has no lane of the control condition 'ctrl' (fold changes are relative to the control on the same blot)", e.getMessage());
    }
}
