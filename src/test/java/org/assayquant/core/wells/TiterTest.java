package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** A sample's titer over its wells: pooled over dilutions and replicates, with its interval and the wells' agreement. */
class TiterTest {

    private static Titer.Estimate one(Titer.Well... wells) {
        Map<String, List<Titer.Well>> m = new LinkedHashMap<>();
        m.put("virus", List.of(wells));
        return Titer.perSample(m).get(0);
    }

    private static Titer.Well well(double dilution, int count) {
        return new Titer.Well("A1", dilution, 0.1, count, true, false);
    }

    @Test
    void theTiterIsAllPlaquesOverAllTheStockPlatedWithAnExactPoissonInterval() {
        // 40 plaques from 0.1 mL of 10^-5: 4e7 PFU/mL, exact 95 % interval of 40 counts 28.58-54.47 (Garwood)
        Titer.Estimate e = one(well(1e-5, 40));
        assertEquals("ok", e.status(), e.reasons().toString());
        assertEquals(4e7, e.perMl(), 1);
        assertEquals(28.58 / 40 * 4e7, e.low(), 1e-3 * 4e7);
        assertEquals(54.47 / 40 * 4e7, e.high(), 1e-3 * 4e7);
        assertTrue(Double.isNaN(e.agreement()), "one well: nothing to agree with");
        // two dilutions and replicates: (40 + 44 + 5 + 3) / (0.1 x (2e-5 + 2e-6)) = 4.18e7, the 10^-5 wells weigh ten times more
        e = one(well(1e-5, 40), well(1e-5, 44), well(1e-6, 5), well(1e-6, 3));
        assertEquals(92 / (0.1 * 2.2e-5), e.perMl(), 1);
        assertEquals("ok", e.status(), e.reasons().toString());
        assertTrue(e.agreement() > 0.5, "Poisson-like counts agree: " + e.agreement());
        // no plaque at all: titer 0, the interval's top from 3.69 plaques; no well of 10 plaques: the titer is an estimate
        e = one(well(1e-5, 0), well(1e-5, 0));
        assertEquals(0, e.perMl());
        assertEquals(3.689 / (0.1 * 2e-5), e.high(), 1e-3 / (0.1 * 2e-5));
        assertEquals(List.of(Titer.Reason.FEW_PLAQUES), e.reasons());
        assertEquals(List.of(Titer.Reason.FEW_PLAQUES), one(well(1e-1, 1), well(1e-1, 0), well(1e-2, 1), well(1e-3, 0)).reasons(),
                "a plate without plaques read 1, 0, 1, 0 (PR8v 14's specks): no titer to stand behind");
        assertEquals(List.of(Titer.Reason.FEW_PLAQUES), one(well(1e-5, 9), well(1e-5, 8)).reasons(), "no well reaches 10 (ISO 7218)");
        assertEquals("ok", one(well(1e-5, 10), well(1e-5, 8)).status(), "a well of 10");
    }

    @Test
    void wellsThatDisagreeBeyondCountingNoiseAreFlaggedAndWellsToCheckAreLeftOut() {
        // a lysed first dilution read as nearly empty and ok (issue 19, PR8v): 10^-3 reads 1 where 10^-4 holds 20
        Titer.Estimate e = one(well(1e-3, 1), well(1e-4, 20), well(1e-4, 18));
        assertTrue(e.reasons().contains(Titer.Reason.COUNTS_DISAGREE), e.reasons().toString());
        // a replicate that got no virus (the people's counts of Brisbane plate 10's second column: 23 / 2 / 24)
        assertTrue(one(well(1e-4, 23), well(1e-4, 2), well(1e-4, 24)).reasons().contains(Titer.Reason.COUNTS_DISAGREE));
        // replicates as far apart as the people's 60 / 75 / 94 (p 0.02) are counting noise
        assertEquals("ok", one(well(1e-4, 60), well(1e-4, 75), well(1e-4, 94)).status());
        // a well to check is left out, the titer is of the rest and says so
        e = one(well(1e-4, 20), new Titer.Well("B1", 1e-4, 0.1, 75, false, false), well(1e-4, 22));
        assertEquals(List.of(Titer.Reason.WELLS_LEFT_OUT), e.reasons());
        assertEquals(2, e.used());
        assertEquals(42 / (0.1 * 2e-4), e.perMl(), 1);
        // a well too crowded to count (cleared) is left out without a doubt, as the people leave it out
        e = one(new Titer.Well("A1", 1e-3, 0.1, 1, false, true), well(1e-4, 20), well(1e-4, 18));
        assertEquals("ok", e.status(), e.reasons().toString());
        assertEquals(38 / (0.1 * 2e-4), e.perMl(), 1);
        e = one(new Titer.Well("A1", 1e-4, 0.1, 75, false, false));
        assertEquals(List.of(Titer.Reason.NO_COUNTABLE_WELL), e.reasons());
        assertTrue(Double.isNaN(e.perMl()));
    }

    /** The interval holds the true titer about 95 % of the time (Poisson wells drawn at a known titer). */
    @Test
    void theIntervalCoversTheTrueTiter() {
        SplittableRandom rnd = new SplittableRandom(4);
        double titer = 3e6;
        int covered = 0, flagged = 0, runs = 2000;
        for (int i = 0; i < runs; i++) {
            Titer.Well[] w = new Titer.Well[6];
            for (int k = 0; k < 6; k++) {
                double d = k < 3 ? 1e-4 : 1e-5;
                w[k] = well(d, poisson(rnd, titer * d * 0.1));
            }
            Titer.Estimate e = one(w);
            if (e.low() <= titer && titer <= e.high()) covered++;
            if (!e.reasons().isEmpty()) flagged++;
        }
        assertTrue(covered >= 0.93 * runs && covered <= 0.98 * runs, covered + " of " + runs);
        assertTrue(flagged <= 0.02 * runs, "Poisson wells flagged at about the 1 % level: " + flagged + " of " + runs);
    }

    private static int poisson(SplittableRandom rnd, double mean) {
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
