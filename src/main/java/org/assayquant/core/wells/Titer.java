package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Plaque- or colony-forming units per mL of the undiluted sample: per well, and per sample over its wells (all its
 * dilutions and replicates), with a confidence interval and a check that the wells agree with one titer.
 */
public final class Titer {
    private Titer() {}

    /**
     * count / (dilution x volume plated): 40 plaques from 0.1 mL of a 10^-5 dilution are 4e7 PFU/mL
     * of the stock. {@code dilution} as a fraction (1e-5), {@code volumeMl} > 0.
     */
    public static double perMl(int count, double dilution, double volumeMl) {
        return count / (dilution * volumeMl);
    }

    /**
     * One well of a sample: its dilution (a fraction), the volume plated, its count, whether that count is {@code ok},
     * and whether the well is too crowded to count ({@code tooMany}: plaques grown together, WellResult.Check.CLEARED),
     * as a dilution series' first wells are: left out as a person leaves them out, not a doubt on the titer.
     */
    public record Well(String label, double dilution, double volumeMl, int count, boolean ok, boolean tooMany) {
        boolean used() {
            return ok && !tooMany;
        }
    }

    /**
     * A sample's titer: {@code wells} of the sample on the plate, {@code used} of them counted in ({@code ok}, not too many),
     * their {@code count}, the titer per mL with its 95 % interval ({@code low}, {@code high}), the p-value of the
     * wells' agreement with one titer ({@code agreement}; NaN with fewer than two wells used) and the reasons to check it.
     */
    public record Estimate(String sample, int wells, int used, int count, double perMl, double low, double high, double agreement,
                           List<Reason> reasons) {
        public String status() {
            return reasons.isEmpty() ? "ok" : "check";
        }
    }

    /** Why a sample's titer needs a look. */
    public enum Reason {
        /** Some of the sample's wells are {@code check} for another reason than too many plaques: left out, the titer is of the rest. */
        WELLS_LEFT_OUT("wells_left_out"),
        /** None of the sample's wells is {@code ok} and countable: no titer. */
        NO_COUNTABLE_WELL("no_countable_well"),
        /** The wells' counts disagree with one titer beyond counting (Poisson) noise: a replicate or a dilution is off. */
        COUNTS_DISAGREE("counts_disagree"),
        /** No well used holds FEW plaques (colonies): the titer is an estimate (a few specks make one). */
        FEW_PLAQUES("few_plaques");

        public final String key;

        Reason(String key) {
            this.key = key;
        }
    }

    /**
     * Below this p-value the wells disagree with one titer (COUNTS_DISAGREE). On the 12-well plaque plates'
     * development photos the people's own counts (`measure/plaque_titers.py`: the replicate wells of a dilution, 57
     * with plaques) reach p < 0.01 in 6, each holding a well 3x or more off its replicates (4 / 102, 21 / 0 / 19,
     * 23 / 2 / 24, 9 / 14 / 0, 11 / 36 / 15, 4 / 1 / 13: a well that got little or no virus); 60 / 75 / 94 and 4 / 0 / 0,
     * counting noise, stay at 0.02 and 0.012.
     */
    static final double DISAGREE = 0.01;

    /**
     * When no well used holds this many plaques (colonies) the titer is an estimate (FEW_PLAQUES): ISO 7218:2007's
     * rule for colony counts (none of the plates reaches 10 colonies: an "estimated count"; its rule 1, the sum of
     * the colonies over the sum of the inoculum of two dilutions, is the pooled titer here). On a plate without
     * plaques a few specks read as plaques make a titer: PR8v 14 (development), 6 single objects over 12 wells, 60
     * PFU/mL for none.
     */
    static final int FEW = 10;

    /** Two-sided 95 % (exact Poisson interval on the total count). */
    private static final double ALPHA = 0.05;

    /**
     * The titer of each sample (in the order first met) from its {@code ok} wells that are not too crowded, pooled over dilutions and
     * replicates as the maximum-likelihood estimate under Poisson counting: all plaques over all the stock plated,
     * sum(count) / sum(dilution x volume), so a well weighs by how much of the stock it holds; its 95 % interval is
     * the exact (Garwood) interval of the total count over the same sum. The wells' agreement is the Poisson
     * deviance of their counts against that one titer (chi-squared, wells - 1 degrees of freedom): a replicate that
     * got no virus, or a dilution read far off the others (a lysed well read as nearly empty), disagrees.
     */
    public static List<Estimate> perSample(Map<String, List<Well>> samples) {
        List<Estimate> out = new ArrayList<>();
        for (Map.Entry<String, List<Well>> e : samples.entrySet()) out.add(estimate(e.getKey(), e.getValue()));
        return out;
    }

    static Estimate estimate(String sample, List<Well> wells) {
        List<Reason> reasons = new ArrayList<>();
        int count = 0, used = 0, doubtful = 0, most = 0;
        double stock = 0; // mL of the undiluted sample plated over the wells used
        for (Well w : wells) {
            if (!w.ok() && !w.tooMany()) doubtful++;
            if (!w.used()) continue;
            used++;
            count += w.count();
            most = Math.max(most, w.count());
            stock += w.dilution() * w.volumeMl();
        }
        if (used == 0) {
            reasons.add(Reason.NO_COUNTABLE_WELL);
            return new Estimate(sample, wells.size(), 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, reasons);
        }
        if (doubtful > 0) reasons.add(Reason.WELLS_LEFT_OUT);
        if (most < FEW) reasons.add(Reason.FEW_PLAQUES);
        double titer = count / stock;
        double low = count == 0 ? 0 : new ChiSquaredDistribution(2.0 * count).inverseCumulativeProbability(ALPHA / 2) / 2 / stock;
        double high = new ChiSquaredDistribution(2.0 * count + 2).inverseCumulativeProbability(1 - ALPHA / 2) / 2 / stock;
        double p = Double.NaN;
        if (used >= 2 && count == 0) p = 1;
        else if (used >= 2) {
            double deviance = 0;
            for (Well w : wells) {
                if (!w.used()) continue;
                double expected = titer * w.dilution() * w.volumeMl();
                deviance += 2 * ((w.count() > 0 ? w.count() * Math.log(w.count() / expected) : 0) - (w.count() - expected));
            }
            p = 1 - new ChiSquaredDistribution(used - 1).cumulativeProbability(Math.max(0, deviance));
            if (p < DISAGREE) reasons.add(Reason.COUNTS_DISAGREE);
        }
        return new Estimate(sample, wells.size(), used, count, titer, low, high, p, reasons);
    }
}
