package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;

class LogLogistic4Test {

    /**
     * drc's ryegrass data (Inderjit, Streibig and Olofsdotter 2002, Physiologia Plantarum 114:422;
     * shipped with R package drc) and drc's LL.4 fit of it as printed by summary(drm(rootl ~ conc,
     * data = ryegrass, fct = LL.4())) on drc's reference page for the data set (help("ryegrass")):
     * b 2.98222 (SE 0.46506), c 0.48141 (0.21219), d 7.79296 (0.18857), e 3.05795 (0.18573),
     * residual standard error 0.5196256 on 20 degrees of freedom.
     */
    static final double[] RYEGRASS_CONC = {0, 0, 0, 0, 0, 0, 0.94, 0.94, 0.94, 1.88, 1.88, 1.88, 3.75, 3.75, 3.75,
            7.5, 7.5, 7.5, 15, 15, 15, 30, 30, 30};
    static final double[] RYEGRASS_ROOTL = {7.5800000, 8.0000000, 8.3285714, 7.2500000, 7.3750000, 7.9625000,
            8.3555556, 6.9142857, 7.7500000, 6.8714286, 6.4500000, 5.9222222, 1.9250000, 2.8857143, 4.2333333,
            1.1875000, 0.8571429, 1.0571429, 0.6875000, 0.5250000, 0.8250000, 0.2500000, 0.2200000, 0.4400000};

    @Test
    void reproducesDrcOnRyegrass() {
        LogLogistic4.Fit f = LogLogistic4.fit(RYEGRASS_CONC, RYEGRASS_ROOTL);
        assertEquals(2.98222, f.curve().hill(), 5e-5);
        assertEquals(0.48141, f.curve().bottom(), 5e-5);
        assertEquals(7.79296, f.curve().top(), 5e-5);
        assertEquals(3.05795, f.curve().ec50(), 5e-5);
        assertEquals(0.46506, f.se()[0], 5e-5);
        assertEquals(0.21219, f.se()[1], 5e-5);
        assertEquals(0.18857, f.se()[2], 5e-5);
        assertEquals(0.18573, f.se()[3], 5e-5);
        assertEquals(20, f.dof());
        assertEquals(0.5196256, Math.sqrt(f.rss() / f.dof()), 1e-7);
    }

    @Test
    void recoversAnExactRisingCurveWithFixedAsymptotes() {
        LogLogistic4 truth = new LogLogistic4(1.3, 95, 2, 0.04); // inhibition rising from 2% (top, dose 0) to 95%
        double[] x = {0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = truth.value(x[i]);
        LogLogistic4.Fit free = LogLogistic4.fit(x, y);
        assertEquals(1.3, free.curve().hill(), 1e-6, "canonical form: top is the response at dose 0");
        assertEquals(2, free.curve().top(), 1e-6);
        assertEquals(0.04, free.curve().ec50(), 1e-8);
        assertEquals(1.0, free.r2(), 1e-12);
        LogLogistic4.Fit fixed = LogLogistic4.fit(x, y, 95, 2);
        assertEquals(1.3, fixed.curve().hill(), 1e-6);
        assertEquals(0.04, fixed.curve().ec50(), 1e-8);
        assertEquals(0, fixed.se()[1]);
        assertEquals(0, fixed.se()[2]);
        assertEquals(7, fixed.dof());
    }

    @Test
    void inverseIsTheDoseForAResponse() {
        LogLogistic4 c = new LogLogistic4(1.5, 10, 100, 2.0);
        assertEquals(2.0, c.dose(55), 1e-12, "halfway between the asymptotes is ec50");
        for (double x : new double[] {0.1, 1, 7, 40}) assertEquals(x, c.dose(c.value(x)), 1e-9 * x);
        assertTrue(Double.isNaN(c.dose(5)), "below the bottom asymptote");
        assertTrue(Double.isNaN(c.dose(100)), "at the top asymptote");
        assertEquals(100, c.value(0));
    }

    @Test
    void refusesDataThatCannotDetermineACurve() {
        assertThrows(AssayException.class, () -> LogLogistic4.fit(new double[] {0, 1, 1, 1, 1}, new double[] {100, 50, 51, 49, 50}));
        assertThrows(AssayException.class, () -> LogLogistic4.fit(new double[] {1, 2, 3, 4}, new double[] {90, 70, 40, 20}));
    }
}
