package org.assayquant.core.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.normalize.ReplicateStats.Summary;

/**
 * The statistics against published or closed-form values (never against Commons Math itself).
 * Closed forms used: for Student's t with 2 degrees of freedom the two-sided p-value is
 * 1 - t / sqrt(t^2 + 2); for F with (2, d) degrees of freedom P(F > f) = (1 + 2 f / d)^(-d / 2).
 */
class ReplicateStatsTest {

    @Test
    void welchMatchesRsSleepExample() {
        // R documentation example: t.test(extra ~ group, data = sleep) prints
        // "t = -1.8608, df = 17.776, p-value = 0.07939" (Cushny & Peebles 1905 data as in R's datasets::sleep).
        // scipy.stats.ttest_ind(equal_var=False) 1.17.1 gives t = -1.8608134674868526,
        // df = 17.776473516178488, p = 0.0793941401873583.
        double[] g1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] g2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        ReplicateStats.Test w = ReplicateStats.welch(g1, g2);
        assertEquals(-1.8608134674868526, w.statistic(), 1e-12);
        assertEquals(17.776473516178488, w.df1(), 1e-9);
        assertEquals(0.0793941401873583, w.p(), 1e-9);
        assertEquals("", w.note());
    }

    @Test
    void welchAgainstAConstantControlIsTheOneSampleTest() {
        // x = {1, 2, 0} against {0, 0, 0}: mean 1, SD 1, t = 1 / (1 / sqrt 3) = sqrt 3, df = n - 1 = 2,
        // p = 1 - sqrt(3) / sqrt(5) = 0.2254033307585167 (closed form for df = 2)
        ReplicateStats.Test w = ReplicateStats.welch(new double[] {1, 2, 0}, new double[] {0, 0, 0});
        assertEquals(Math.sqrt(3), w.statistic(), 1e-12);
        assertEquals(2, w.df1(), 1e-12);
        assertEquals(1 - Math.sqrt(3) / Math.sqrt(5), w.p(), 1e-9);
        // {-1, -2, -1}: mean -4/3, SD sqrt(1/3), t = -4 exactly, p = 1 - 4 / sqrt 18 = 0.05719095841793653
        ReplicateStats.Test v = ReplicateStats.welch(new double[] {-1, -2, -1}, new double[] {0, 0, 0});
        assertEquals(-4, v.statistic(), 1e-12);
        assertEquals(1 - 4 / Math.sqrt(18), v.p(), 1e-9);
    }

    @Test
    void welchRefusesWhatHasNoAnswer() {
        ReplicateStats.Test one = ReplicateStats.welch(new double[] {2}, new double[] {1, 1});
        assertTrue(Double.isNaN(one.p()) && Double.isNaN(one.statistic()));
        assertEquals("needs at least 2 replicates in both groups (have 1 and 2)", one.note());
        ReplicateStats.Test flat = ReplicateStats.welch(new double[] {2, 2}, new double[] {1, 1});
        assertTrue(Double.isNaN(flat.p()));
        assertEquals("no variance in either group", flat.note());
    }

    @Test
    void anovaMatchesRsPlantGrowthExample() {
        // R: anova(lm(weight ~ group, data = PlantGrowth)) prints "group 2 3.7663 1.8832 4.8461 0.01591"
        // with residual df 27 (Dobson 1983, Table 7.1); scipy.stats.f_oneway: F = 4.846087862380135,
        // p = 0.015909958325622912.
        double[] ctrl = {4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14};
        double[] trt1 = {4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69};
        double[] trt2 = {6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26};
        ReplicateStats.Test a = ReplicateStats.anova(List.of(ctrl, trt1, trt2));
        assertEquals(4.846087862380135, a.statistic(), 1e-9);
        assertEquals(2, a.df1());
        assertEquals(27, a.df2());
        assertEquals(0.015909958325622912, a.p(), 1e-9);
    }

    @Test
    void anovaSmallTableByHand() {
        // groups {0,0,0}, {1,2,0}, {-1,-2,-1}: grand mean -1/9; SS between = 3 (1/81 + 100/81 + 121/81) = 666/81,
        // SS within = 0 + 2 + 2/3 = 8/3; F = (666/81 / 2) / (8/3 / 6) = 9.25; p = (1 + 2 * 9.25 / 6)^-3
        ReplicateStats.Test a = ReplicateStats.anova(List.of(new double[] {0, 0, 0}, new double[] {1, 2, 0}, new double[] {-1, -2, -1}));
        assertEquals(9.25, a.statistic(), 1e-12);
        assertEquals(Math.pow(1 + 2 * 9.25 / 6, -3), a.p(), 1e-9);
        assertEquals(0.014687757651998735, a.p(), 1e-9);
    }

    @Test
    void anovaRefusesWhatHasNoAnswer() {
        assertEquals("needs at least 2 conditions with 2 or more replicates", ReplicateStats.anova(List.of(new double[] {1, 2})).note());
        assertEquals("every condition needs at least 2 replicates", ReplicateStats.anova(List.of(new double[] {1, 2}, new double[] {3})).note());
        ReplicateStats.Test flat = ReplicateStats.anova(List.of(new double[] {1, 1}, new double[] {3, 3}));
        assertEquals("no variance within the conditions", flat.note());
        assertTrue(Double.isNaN(flat.p()));
    }

    @Test
    void holmByHand() {
        // p = (0.01, 0.04, 0.03, 0.005): sorted 0.005, 0.01, 0.03, 0.04 -> 4 x 0.005 = 0.02, 3 x 0.01 = 0.03,
        // 2 x 0.03 = 0.06, max(0.06, 1 x 0.04) = 0.06 (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02)
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, ReplicateStats.holm(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        // NaN is not part of the family (m = 2) and the adjustment is capped at 1
        double[] a = ReplicateStats.holm(new double[] {Double.NaN, 0.6, 0.2});
        assertTrue(Double.isNaN(a[0]));
        assertEquals(0.6, a[1], 1e-15); // max(2 x 0.2, min(1, 1 x 0.6))
        assertEquals(0.4, a[2], 1e-15);
        assertArrayEquals(new double[] {1, 1}, ReplicateStats.holm(new double[] {0.7, 0.9}), 1e-15);
    }

    @Test
    void summaryByHand() {
        // {1, 2, 3, 4}: mean 2.5, SD sqrt(5/3) = 1.2909944, SEM 0.6454972, t(0.975, 3) = 3.182446305 (t table),
        // interval 2.5 -/+ 2.0542707
        Summary s = ReplicateStats.summarize(new double[] {1, 2, 3, 4});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3), s.sd(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3) / 2, s.sem(), 1e-12);
        assertEquals(2.5 - 3.182446305284263 * Math.sqrt(5.0 / 3) / 2, s.ciLow(), 1e-9);
        assertEquals(2.5 + 3.182446305284263 * Math.sqrt(5.0 / 3) / 2, s.ciHigh(), 1e-9);
        assertEquals(4.302652729911275, ReplicateStats.tQuantile975(2), 1e-9);
        assertEquals(2.7764451051977934, ReplicateStats.tQuantile975(4), 1e-9);

        Summary one = ReplicateStats.summarize(new double[] {3});
        assertEquals(1, one.n());
        assertEquals(3, one.mean());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.sem()) && Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
        assertEquals(0, ReplicateStats.summarize(new double[0]).n());
        assertTrue(Double.isNaN(ReplicateStats.summarize(new double[0]).mean()));
    }
}
