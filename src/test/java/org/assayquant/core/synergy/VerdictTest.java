package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The documented rule of the overall verdict (docs/synergy.md, "Overall verdict"), case by case. */
class VerdictTest {

    private static SynergyAnalysis.Summary s(String model, double score, double low, double high) {
        return new SynergyAnalysis.Summary(model, score, low, high, Double.NaN, "bootstrap");
    }

    private static Verdict.Reading of(double[]... v) {
        String[] models = {"bliss", "hsa", "loewe", "zip"};
        List<SynergyAnalysis.Summary> list = new java.util.ArrayList<>();
        for (int k = 0; k < v.length; k++) list.add(s(models[k], v[k][0], v[k][1], v[k][2]));
        list.add(s("ci_50", 0.3, 0.2, 0.4)); // not one of the four models: ignored
        return Verdict.of(list);
    }

    @Test
    void everyBranchOfTheRule() {
        assertEquals("synergistic", of(new double[] {12, 5, 19}, new double[] {20, 12, 28}, new double[] {15, 8, 22}, new double[] {11, 4, 18}).verdict());
        assertEquals("weak synergy", of(new double[] {3, 1, 5}, new double[] {8, 5, 11}, new double[] {4, 2, 6}, new double[] {2, 0.5, 3.5}).verdict());
        assertEquals("antagonistic", of(new double[] {-15, -20, -10}, new double[] {-12, -18, -6}, new double[] {-20, -30, -10}, new double[] {-14, -19, -9}).verdict());
        assertEquals("weak antagonism", of(new double[] {-3, -5, -1}, new double[] {-2, -4, -0.5}, new double[] {-4, -6, -2}, new double[] {-3, -5, -1}).verdict());
        assertEquals("additive", of(new double[] {1, -3, 5}, new double[] {4, 1, 7}, new double[] {0, -4, 4}, new double[] {-1, -5, 3}).verdict());
        Verdict.Reading disagree = of(new double[] {-6, -9, -3}, new double[] {8, 4, 12}, new double[] {2, -2, 6}, new double[] {-1, -4, 2});
        assertEquals("uncertain", disagree.verdict());
        assertTrue(disagree.reasons().contains("disagree in sign") && disagree.reasons().contains("hsa above 0") && disagree.reasons().contains("bliss below 0"), disagree.reasons());
        Verdict.Reading wide = of(new double[] {2, -15, 19}, new double[] {3, -12, 18}, new double[] {1, -14, 16}, new double[] {2, -13, 17});
        assertEquals("uncertain", wide.verdict());
        assertTrue(wide.reasons().contains("spans 0 and reaches beyond 10"), wide.reasons());
    }

    @Test
    void missingModelsAndIntervals() {
        // Loewe and ZIP not computed (too few doses): the rule reads the two that are
        Verdict.Reading two = of(new double[] {12, 5, 19}, new double[] {20, 12, 28}, new double[] {Double.NaN, Double.NaN, Double.NaN}, new double[] {Double.NaN, Double.NaN, Double.NaN});
        assertEquals("synergistic", two.verdict());
        assertTrue(two.reasons().contains("loewe, zip not computed"), two.reasons());
        Verdict.Reading noInterval = of(new double[] {12, Double.NaN, Double.NaN}, new double[] {20, 12, 28}, new double[] {15, 8, 22}, new double[] {11, 4, 18});
        assertEquals("uncertain", noInterval.verdict());
        assertTrue(noInterval.reasons().contains("bliss without an interval"), noInterval.reasons());
        assertEquals("uncertain", of(new double[] {12, 5, 19}).verdict(), "one model is no verdict");
    }
}
