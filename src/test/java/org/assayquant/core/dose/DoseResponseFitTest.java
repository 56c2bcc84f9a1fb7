package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.dose.DoseResponseFit.Interval;
import org.assayquant.core.dose.DoseResponseFit.Options;
import org.assayquant.core.dose.DoseResponseFit.Result;
import org.assayquant.io.Cells;
import org.assayquant.io.CsvReader;
import org.assayquant.io.DoseInput;

/**
 * The dose-response analysis against published reference outputs of R's drc package (Ritz, Baty,
 * Streibig and Gerhard 2015, PLoS ONE 10:e0146021), each quoted with the help page whose example
 * prints it (as rendered on the drc reference site hreinwald.github.io/drc/reference/&lt;topic&gt;;
 * the data sets ship with drc, CSV copies in vincentarelbundock/Rdatasets csv/drc/), and against
 * synthetic data with known parameters.
 *
 * <p>Tolerances: drc stops its optimizer earlier than ours on flat likelihood surfaces (at drc's
 * printed terbuthylazin estimates the residual sum of squares is 0.0189436979, at ours
 * 0.0189436908), so estimates are compared within 1% of drc's standard error (statistically
 * nothing) plus the printed rounding, standard errors within 0.5% and the residual standard error
 * (which does not depend on that) to 7 digits.
 */
class DoseResponseFitTest {

    static final Options VIABILITY = new Options(ResponseScale.VIABILITY, Double.NaN, Double.NaN, Interval.LOG);

    /** drc's printed coefficients b, c, d, e with their standard errors, and the residual standard error. */
    static void assertDrc(Result r, double[] est, double[] se, double rse, int dof) {
        // falling curves: drc's d is our top, c our bottom, b our hill
        double[] ours = {r.hill(), r.bottom(), r.top(), r.ic50()};
        double[] oursSe = {r.seHill(), r.seBottom(), r.seTop(), r.seIc50()};
        String[] names = {"b (hill)", "c (bottom)", "d (top)", "e (ic50)"};
        for (int i = 0; i < 4; i++) {
            assertEquals(est[i], ours[i], 0.01 * se[i] + 5e-5 * Math.abs(est[i]), names[i]);
            assertEquals(se[i], oursSe[i], 0.005 * se[i], "SE of " + names[i]);
        }
        assertEquals(dof, r.dof());
        assertEquals(rse, Math.sqrt(r.rss() / r.dof()), 5e-7 * rse, "residual standard error (7 digits)");
        assertTrue(r.falling());
    }

    // ---- drc reference outputs ------------------------------------------------------------------

    /**
     * secalonic (Gong et al. 2004; drc data set), drc help("secalonic"):
     * summary(drm(rootl ~ dose, data = secalonic, fct = LL.4())).
     */
    @Test
    void secalonicAsDrc() {
        double[] dose = {0, 0.01, 0.019, 0.038, 0.075, 0.15, 0.3};
        double[] rootl = {5.5, 5.7, 5.4, 4.6, 3.3, 0.7, 0.4};
        Result r = DoseResponseFit.fit("secalonic", dose, rootl, VIABILITY);
        assertDrc(r, new double[] {2.6542086, 0.0917852, 5.5297495, 0.0803547},
                new double[] {0.6962333, 0.3747246, 0.2010300, 0.0078829}, 0.2957497, 3);
    }

    /**
     * terbuthylazin on Lemna minor (Cedergreen 2004; drc data set), drc help("terbuthylazin"):
     * summary(drm(rgr ~ dose, data = terbuthylazin, fct = LL.4())).
     */
    @Test
    void terbuthylazinAsDrc() {
        double[] conc = {12.109375, 24.21875, 48.4375, 96.875, 193.75, 387.5, 775, 1550};
        double[] rgr = {0.301773087, 0.276029147, 0.314525678, 0.266317413, 0.287130279, 0.38057718,
                0.327505284, 0.281334937, 0.310153564, 0.281363466, 0.289717585, 0.288542754,
                0.232920155, 0.265290594, 0.258416528, 0.216333408, 0.226247106, 0.199386103,
                0.103517717, 0.149762764, 0.208224879, 0.0785257, 0.091162153, 0.116551942,
                0.014877372, 0.035288521, 0.051944135, 0.012263292, 0.03711101, 0.033358339};
        double[] dose = new double[30];
        for (int i = 6; i < 30; i++) dose[i] = conc[(i - 6) / 3]; // 6 controls, then triplicates
        Result r = DoseResponseFit.fit("terbuthylazin", dose, rgr, VIABILITY);
        assertDrc(r, new double[] {1.2474, 8.0293e-04, 3.0695e-01, 1.8914e+02},
                new double[] {2.3543e-01, 2.4913e-02, 9.6088e-03, 3.7726e+01}, 0.02699266, 26);
    }

    /** etmotc rows 1-15 (Christensen et al. 2006; drc data set): 8 controls and 7 single doses. */
    static final double[] ETMOTC_DOSE = {0, 0, 0, 0, 0, 0, 0, 0, 0.36072, 0.9018, 2.7054, 5.4108, 14.4288, 36.072, 90.18};
    static final double[] ETMOTC_RGR = {0.649297642, 0.652652542, 0.649703292, 0.648224628, 0.646023399, 0.645883477,
            0.649254387, 0.643761281, 0.644775871, 0.622680536, 0.562994526, 0.496809531, 0.417300758, 0.343175157, 0.270650266};

    /**
     * drc help("etmotc"): summary(drm(rgr1 ~ dose1, data = etmotc[1:15, ], fct = LL.4())) and
     * modelFit(...): ANOVA 7 df RSS 5.413e-05, DRC model 11 df RSS 5.978e-04, F 17.5773, p 0.0009.
     */
    @Test
    void etmotcAsDrcWithItsLackOfFitTest() {
        Result r = DoseResponseFit.fit("etmotc", ETMOTC_DOSE, ETMOTC_RGR, VIABILITY);
        assertDrc(r, new double[] {0.9365452, 0.2225885, 0.6496673, 11.6675539},
                new double[] {0.0680380, 0.0199342, 0.0025117, 1.6207593}, 0.007371964, 11);
        assertEquals(5.978e-04, r.rss(), 5e-8);
        DoseResponseFit.LackOfFit lof = DoseResponseFit.lackOfFit(ETMOTC_DOSE, ETMOTC_RGR, r.rss(), r.dof());
        assertNotNull(lof);
        assertEquals(7, lof.dfPure());
        assertEquals(5.413e-05, lof.pureError(), 5e-9);
        assertEquals(4, lof.dfLack());
        assertEquals(17.5773, lof.f(), 5e-5);
        assertEquals(0.0009, lof.p(), 5e-5);
        assertEquals(lof.p(), r.pLackOfFit(), 1e-15);
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("lack of fit (p = 0.00093)")), r.warnings().toString());
    }

    /**
     * ryegrass (Inderjit et al. 2002; drc data set; LogLogistic4Test reproduces the fit), drc
     * help("ED.drc"): ED(ryegrass.m1, 50, interval = "delta") = 3.05795, SE 0.18573, 95% interval
     * 2.67053 to 3.44538 (help("coef.drc") prints e to more digits: 3.0579550). Our default log interval is drc's interval = "tfls" (ED.drc.R: exp of the
     * t interval of log(ED) with SE(ED) / ED), computed here from drc's printed estimate and SE.
     */
    @Test
    void ryegrassIc50IntervalsAsDrc() {
        double[] x = LogLogistic4Test.RYEGRASS_CONC, y = LogLogistic4Test.RYEGRASS_ROOTL;
        Result delta = DoseResponseFit.fit("ryegrass", x, y, new Options(ResponseScale.VIABILITY, Double.NaN, Double.NaN, Interval.DELTA));
        assertEquals(3.0579550, delta.ic50(), 5e-7);
        assertEquals(0.18573, delta.seIc50(), 5e-6);
        assertEquals(2.67053, delta.ic50Low(), 2e-5);
        assertEquals(3.44538, delta.ic50High(), 2e-5);

        Result log = DoseResponseFit.fit("ryegrass", x, y, VIABILITY);
        double t = new TDistribution(20).inverseCumulativeProbability(0.975);
        assertEquals(2.085963, t, 1e-6); // qt(0.975, 20)
        double seLog = 0.18573 / 3.05795;
        assertEquals(3.05795 * Math.exp(-t * seLog), log.ic50Low(), 2e-5);
        assertEquals(3.05795 * Math.exp(t * seLog), log.ic50High(), 2e-5);
        assertTrue(log.ic50Low() > delta.ic50Low() && log.ic50High() > delta.ic50High(), "the log interval is shifted up (asymmetric)");
    }

    /**
     * drc help("noEffect"): noEffect(ryegrass.LL.4) = chi-square 91.87776 on 3 df; drc
     * help("modelFit"): the ANOVA (pure error) row for ryegrass is RSS 5.1799 on 17 df.
     */
    @Test
    void ryegrassNoEffectAndPureErrorAsDrc() {
        double[] x = LogLogistic4Test.RYEGRASS_CONC, y = LogLogistic4Test.RYEGRASS_ROOTL;
        Result r = DoseResponseFit.fit("ryegrass", x, y, VIABILITY);
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double tss = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
        assertEquals(91.87776, DoseResponseFit.noEffectChiSquare(24, tss, r.rss()), 5e-5);
        assertTrue(r.pNoEffect() < 1e-18);
        DoseResponseFit.LackOfFit lof = DoseResponseFit.lackOfFit(x, y, r.rss(), r.dof());
        assertEquals(17, lof.dfPure());
        assertEquals(5.1799, lof.pureError(), 5e-5);
    }

    /**
     * spinach (Streibig 1998; drc data set), drc help("spinach"):
     * summary(drm(SLOPE ~ DOSE, HERBICIDE, data = spinach, fct = LL.4())). drc fits both herbicides
     * in one model with all parameters per herbicide, so the estimates are the separate fits' and
     * the standard errors use the pooled residual variance (0.2022188^2 on 97 df): ours are scaled
     * by s_pooled / s_drug to compare. Read through the CSV input path (one row per measurement,
     * assays as replicates).
     */
    @Test
    void spinachPerHerbicideAsDrc() {
        List<DoseInput.Drug> drugs = DoseInput.read(Cells.of(CsvReader.read("input", Path.of("src/test/resources/dose/spinach_drc.csv").toString())));
        assertEquals(List.of("bentazon", "diuron"), drugs.stream().map(DoseInput.Drug::name).toList());
        assertEquals(List.of(63, 42), drugs.stream().map(d -> d.dose().length).toList());
        assertEquals(List.of(3, 2), drugs.stream().map(DoseInput.Drug::replicates).toList());
        Result ben = DoseResponseFit.fit("bentazon", drugs.get(0).dose(), drugs.get(0).response(), VIABILITY);
        Result diu = DoseResponseFit.fit("diuron", drugs.get(1).dose(), drugs.get(1).response(), VIABILITY);
        double pooled = Math.sqrt((ben.rss() + diu.rss()) / 97);
        assertEquals(0.2022188, pooled, 1e-7);
        double[][] drc = {
                {0.508817, 0.033202, 1.298217, 1.599804}, {0.161880, 0.159736, 0.067350, 1.000457},
                {1.750572, 0.036149, 1.979936, 0.203161}, {0.334200, 0.080884, 0.055804, 0.022802}};
        Result[] rs = {ben, diu};
        for (int h = 0; h < 2; h++) {
            Result r = rs[h];
            double scale = pooled / Math.sqrt(r.rss() / r.dof());
            double[] est = {r.hill(), r.bottom(), r.top(), r.ic50()};
            double[] se = {r.seHill(), r.seBottom(), r.seTop(), r.seIc50()};
            for (int i = 0; i < 4; i++) {
                assertEquals(drc[2 * h][i], est[i], 0.01 * drc[2 * h + 1][i] + 5e-6, r.drug() + " parameter " + i);
                assertEquals(drc[2 * h + 1][i], se[i] * scale, 0.005 * drc[2 * h + 1][i], r.drug() + " SE " + i);
            }
        }
    }

    // ---- synthetic data with known answers ------------------------------------------------------

    static final double[] DOSES = {0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30};

    static double[][] viabilityData(LogLogistic4 truth, int replicates, double sd, Random rnd) {
        double[] x = new double[DOSES.length * replicates], y = new double[x.length];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < DOSES.length; i++) {
                x[r * DOSES.length + i] = DOSES[i];
                y[r * DOSES.length + i] = truth.value(DOSES[i]) + sd * rnd.nextGaussian();
            }
        }
        return new double[][] {x, y};
    }

    /**
     * A viability assay (top 100, bottom 10, IC50 0.5, hill 1.2; 9 doses in triplicate, noise SD
     * 5 percentage points) simulated 400 times: the estimates centre on the truth and the 95%
     * intervals cover it about 95% of the time (binomial SD of the coverage 1.1%).
     */
    @Test
    void syntheticViabilityRecoversTheTruthAndIntervalsCoverIt() {
        LogLogistic4 truth = new LogLogistic4(1.2, 10, 100, 0.5);
        Random rnd = new Random(20240607L);
        int sims = 400, coveredLog = 0, coveredDelta = 0;
        double sumLogIc50 = 0, sumHill = 0, sumTop = 0, sumBottom = 0;
        Options delta = new Options(ResponseScale.VIABILITY, Double.NaN, Double.NaN, Interval.DELTA);
        for (int s = 0; s < sims; s++) {
            double[][] d = viabilityData(truth, 3, 5, rnd);
            Result r = DoseResponseFit.fit("sim", d[0], d[1], VIABILITY);
            Result rd = DoseResponseFit.fit("sim", d[0], d[1], delta);
            assertTrue(r.fitted(), r.warnings().toString());
            if (r.ic50Low() <= 0.5 && 0.5 <= r.ic50High()) coveredLog++;
            if (rd.ic50Low() <= 0.5 && 0.5 <= rd.ic50High()) coveredDelta++;
            sumLogIc50 += Math.log(r.ic50());
            sumHill += r.hill();
            sumTop += r.top();
            sumBottom += r.bottom();
        }
        assertEquals(Math.log(0.5), sumLogIc50 / sims, 0.02, "mean ln ic50");
        assertEquals(1.2, sumHill / sims, 0.05, "mean hill");
        assertEquals(100, sumTop / sims, 0.5, "mean top");
        assertEquals(10, sumBottom / sims, 1, "mean bottom");
        double covLog = coveredLog / (double) sims, covDelta = coveredDelta / (double) sims;
        assertTrue(covLog >= 0.91 && covLog <= 0.985, "log interval coverage " + covLog);
        assertTrue(covDelta >= 0.91 && covDelta <= 0.985, "delta interval coverage " + covDelta);
    }

    /**
     * The same noisy assay as viability, as inhibition (100 - viability) and as fa (1 - viability /
     * 100): one curve, so ic50, hill, interval, R^2 and the absolute IC50 agree; the plateaus mirror
     * (the inhibition top is 100 minus the viability bottom) and the curve direction flips.
     */
    @Test
    void viabilityInhibitionAndFaDescribeOneCurve() {
        double[][] d = viabilityData(new LogLogistic4(1.5, 20, 100, 2.0), 3, 4, new Random(7));
        double[] inh = java.util.Arrays.stream(d[1]).map(v -> 100 - v).toArray();
        double[] fa = java.util.Arrays.stream(d[1]).map(v -> 1 - v / 100).toArray();
        Result v = DoseResponseFit.fit("x", d[0], d[1], VIABILITY);
        Result i = DoseResponseFit.fit("x", d[0], inh, new Options(ResponseScale.INHIBITION, Double.NaN, Double.NaN, Interval.LOG));
        Result f = DoseResponseFit.fit("x", d[0], fa, new Options(ResponseScale.FA, Double.NaN, Double.NaN, Interval.LOG));
        assertTrue(v.falling());
        assertFalse(i.falling());
        assertFalse(f.falling());
        for (Result r : List.of(i, f)) {
            assertEquals(v.ic50(), r.ic50(), 1e-6 * v.ic50());
            assertEquals(v.hill(), r.hill(), 1e-5);
            assertEquals(v.ic50Low(), r.ic50Low(), 1e-5 * v.ic50());
            assertEquals(v.ic50High(), r.ic50High(), 1e-5 * v.ic50());
            assertEquals(v.r2(), r.r2(), 1e-9);
            assertEquals(v.absoluteIc50(), r.absoluteIc50(), 1e-6 * v.ic50());
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        }
        assertEquals(100 - v.bottom(), i.top(), 1e-5);
        assertEquals(100 - v.top(), i.bottom(), 1e-5);
        assertEquals(v.seBottom(), i.seTop(), 1e-5);
        assertEquals(v.seTop(), i.seBottom(), 1e-5);
        assertEquals(1 - v.bottom() / 100, f.top(), 1e-7);
        assertEquals(1 - v.top() / 100, f.bottom(), 1e-7);
    }

    /** Held plateaus: exactly at the given value, one parameter fewer, no standard error for it. */
    @Test
    void heldPlateausOnBothScales() {
        double[][] d = viabilityData(new LogLogistic4(1.0, 5, 100, 0.3), 3, 4, new Random(11));
        Result free = DoseResponseFit.fit("x", d[0], d[1], VIABILITY);
        Result top = DoseResponseFit.fit("x", d[0], d[1], new Options(ResponseScale.VIABILITY, 100, Double.NaN, Interval.LOG));
        assertEquals(100, top.top());
        assertTrue(top.topFixed() && !top.bottomFixed());
        assertTrue(Double.isNaN(top.seTop()));
        assertEquals(free.dof() + 1, top.dof());
        assertTrue(top.rss() >= free.rss() - 1e-9, "holding a parameter cannot improve the fit");

        double[] inh = java.util.Arrays.stream(d[1]).map(v -> 100 - v).toArray();
        Result both = DoseResponseFit.fit("x", d[0], inh, new Options(ResponseScale.INHIBITION, 100, 0, Interval.LOG));
        assertEquals(100, both.top());
        assertEquals(0, both.bottom());
        assertFalse(both.falling());
        assertEquals(d[0].length - 2, both.dof());
        // the same held curve fitted on the viability scale (top 100, bottom 0)
        Result same = DoseResponseFit.fit("x", d[0], d[1], new Options(ResponseScale.VIABILITY, 100, 0, Interval.LOG));
        assertEquals(same.ic50(), both.ic50(), 1e-6 * same.ic50());
        assertEquals(same.hill(), both.hill(), 1e-6);

        assertThrows(AssayException.class, () -> new Options(ResponseScale.VIABILITY, 10, 20, Interval.LOG));

        // an outlier at the top dose makes the data's extremes look rising: the held top still holds
        // the upper plateau of the falling curve (both directions are fitted, the better one kept)
        double[][] o = viabilityData(new LogLogistic4(1.2, 10, 100, 0.5), 2, 2, new Random(5));
        o[1][DOSES.length - 1] = 140;
        o[1][2 * DOSES.length - 1] = 140;
        Result held = DoseResponseFit.fit("x", o[0], o[1], new Options(ResponseScale.VIABILITY, 100, Double.NaN, Interval.LOG));
        assertTrue(held.falling());
        assertEquals(100, held.top());
        assertTrue(held.topFixed());
        assertTrue(held.ic50() > 0.01 && held.ic50() < 30, held.toString());
        assertTrue(held.warnings().stream().noneMatch(w -> w.startsWith("the held")), held.warnings().toString());

        // growth stimulated above the control with top=100 held: the held value is the lower plateau, said so
        double[][] up = viabilityData(new LogLogistic4(1, 150, 100, 1), 2, 2, new Random(9));
        Result above = DoseResponseFit.fit("x", up[0], up[1], new Options(ResponseScale.VIABILITY, 100, Double.NaN, Interval.LOG));
        assertEquals(100, above.bottom());
        assertTrue(above.bottomFixed() && !above.topFixed() && Double.isNaN(above.seBottom()) && !Double.isNaN(above.seTop()));
        assertTrue(above.warnings().contains("the held top=100 ended up as the lower plateau: the data go beyond it"), above.warnings().toString());
    }

    /**
     * The absolute IC50 is where the fitted curve crosses 50 on the scale. Hand-computed: top 100,
     * bottom 20, ic50 2, hill 1.5 crosses 50 at 2 * ((100 - 50) / (50 - 20))^(1 / 1.5) = 2.811442;
     * a curve that bottoms out at 60 never crosses (empty).
     */
    @Test
    void absoluteIc50IsWhereTheCurveCrossesHalfEffect() {
        double[] x = {0, 0, 0.1, 0.1, 0.3, 0.3, 1, 1, 3, 3, 10, 10, 30, 30, 100, 100};
        LogLogistic4 c = new LogLogistic4(1.5, 20, 100, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = c.value(x[i]) + (i % 2 == 0 ? 0.5 : -0.5);
        Result r = DoseResponseFit.fit("x", x, y, VIABILITY);
        assertEquals(2.811442, r.absoluteIc50(), 1e-5);
        assertEquals(2.0, r.ic50(), 1e-6);

        LogLogistic4 partial = new LogLogistic4(1.5, 60, 100, 2);
        for (int i = 0; i < x.length; i++) y[i] = partial.value(x[i]) + (i % 2 == 0 ? 0.5 : -0.5);
        Result p = DoseResponseFit.fit("x", x, y, VIABILITY);
        assertTrue(Double.isNaN(p.absoluteIc50()));
        assertEquals(2.0, p.ic50(), 1e-6);
        // a curve that levels off at 60% viability: its ic50 is flagged as relative, never shown as if it were a 50% dose
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("the curve levels off between 60") && w.contains("never reaches 50")), p.warnings().toString());
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("levels off")), r.warnings().toString());
        assertEquals(50, DoseResponseFit.halfEffect(ResponseScale.INHIBITION));
        assertEquals(0.5, DoseResponseFit.halfEffect(ResponseScale.FA));
    }

    // ---- what the data cannot support -----------------------------------------------------------

    @Test
    void refusesDesignsThatCannotDetermineTheCurve() {
        AssayException one = assertThrows(AssayException.class,
                () -> DoseResponseFit.fit("drugA", new double[] {0, 0, 1, 1, 1}, new double[] {100, 98, 50, 52, 49}, VIABILITY));
        assertTrue(one.usage);
        assertTrue(one.getMessage().startsWith("drug 'drugA': only one dose above 0 (1)"), one.getMessage());
        AssayException levels = assertThrows(AssayException.class,
                () -> DoseResponseFit.fit("drugB", new double[] {0, 0, 1, 1, 10, 10}, new double[] {100, 98, 50, 52, 9, 11}, VIABILITY));
        assertTrue(levels.getMessage().contains("3 dose levels (including 0) cannot determine 4 free curve parameters"), levels.getMessage());
        AssayException points = assertThrows(AssayException.class,
                () -> DoseResponseFit.fit("drugC", new double[] {0, 1, 3, 10}, new double[] {100, 80, 40, 10}, VIABILITY));
        assertTrue(points.getMessage().contains("4 points cannot fit 4 free curve parameters"), points.getMessage());
        // the same 3 levels are enough with both plateaus held
        Result held = DoseResponseFit.fit("drugB", new double[] {0, 0, 1, 1, 10, 10}, new double[] {100, 98, 50, 52, 9, 11},
                new Options(ResponseScale.VIABILITY, 100, 0, Interval.LOG));
        assertTrue(held.fitted());
    }

    @Test
    void warnsWhenTheDataDoNotSupportTheCurve() {
        Random rnd = new Random(3);
        // no effect: flat viability with noise
        double[][] flat = viabilityData(new LogLogistic4(1, 99.9, 100, 1), 3, 5, rnd);
        Result f = DoseResponseFit.fit("flat", flat[0], flat[1], VIABILITY);
        assertTrue(!f.fitted() || f.warnings().stream().anyMatch(w -> w.startsWith("no significant dose effect")), f.warnings().toString());
        // a drug that does nothing up to 30: noise fitted as a tiny step, flagged as a small, undetermined effect
        double[][] none = viabilityData(new LogLogistic4(1.5, 0, 100, 3000), 3, 2, rnd);
        Result n = DoseResponseFit.fit("none", none[0], none[1], VIABILITY);
        assertTrue(!n.fitted() || n.warnings().stream().anyMatch(s -> s.startsWith("the curve spans only")), n.warnings().toString());
        assertTrue(!n.fitted() || n.warnings().stream().anyMatch(s -> s.startsWith("the 95% interval of the ic50 spans more than 100-fold")), n.warnings().toString());
        // ic50 beyond the highest dose, with the plateaus held at 100 and 0
        double[][] weak = viabilityData(new LogLogistic4(1.5, 0, 100, 60), 3, 2, rnd);
        Result w = DoseResponseFit.fit("weak", weak[0], weak[1], new Options(ResponseScale.VIABILITY, 100, 0, Interval.LOG));
        assertEquals(60, w.ic50(), 15);
        assertTrue(w.warnings().stream().anyMatch(s -> s.contains("outside the tested doses (0.01 to 30): extrapolated")), w.warnings().toString());
        // a step between two doses: no dose on the slope
        double[] x = {0, 0, 0, 0.1, 0.1, 0.1, 1, 1, 1, 10, 10, 10, 100, 100, 100};
        double[] y = {100, 99, 101, 99, 100, 101, 101, 100, 99, 2, 1, 0, 1, 0, 2};
        Result s = DoseResponseFit.fit("step", x, y, VIABILITY);
        assertTrue(!s.fitted() || s.warnings().stream().anyMatch(m -> m.startsWith("no tested dose lies on the slope")), s.warnings().toString());
        // as many levels as parameters
        Result exact = DoseResponseFit.fit("four", new double[] {0, 0, 1, 1, 3, 3, 10, 10}, new double[] {100, 98, 80, 82, 40, 42, 9, 11}, VIABILITY);
        assertTrue(exact.warnings().stream().anyMatch(m -> m.startsWith("4 dose levels for 4 free parameters")), exact.warnings().toString());
        // inhibition data declared as viability
        double[][] inh = viabilityData(new LogLogistic4(1, 100, 0, 1), 3, 2, rnd);
        Result wrong = DoseResponseFit.fit("inh", inh[0], inh[1], VIABILITY);
        assertTrue(wrong.warnings().stream().anyMatch(m -> m.contains("is it inhibition")), wrong.warnings().toString());
    }

    @Test
    void constantResponsesGiveAnEmptyResultWithAReason() {
        Result r = DoseResponseFit.fit("const", new double[] {0, 0, 1, 1, 3, 3, 10, 10, 30, 30}, new double[10], VIABILITY);
        assertFalse(r.fitted());
        assertTrue(Double.isNaN(r.ic50()) && Double.isNaN(r.top()));
        assertEquals(List.of("every response is 0: no dose response to fit"), r.warnings());
    }
}
