package org.assayquant.core.synergy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one overall reading of a block from SynergyFinder's four models (HSA, Bliss, Loewe, ZIP),
 * each a mean score with its 95% interval. The models disagree by construction (HSA expects the
 * least of a combination, Bliss and ZIP more), so no single model is the verdict:
 * <ul>
 * <li>{@code synergistic} / {@code antagonistic}: every computed model's interval lies above /
 *     below 0 and the models' average mean is beyond +10 / -10 (SynergyFinder's bands: a mean
 *     score beyond 10 is "likely synergistic", below -10 "likely antagonistic");</li>
 * <li>{@code weak synergy} / {@code weak antagonism}: every interval on one side of 0, the average
 *     within -10..10;</li>
 * <li>{@code additive}: every interval within -10..10 and not all on one side of 0;</li>
 * <li>{@code uncertain}: anything else (the models disagree in sign, an interval spans 0 and
 *     reaches beyond 10, a computed model has no interval, or fewer than two models were computed).</li>
 * </ul>
 * A model the data cannot support (Loewe and ZIP need four doses of each drug alone) is left out
 * of the rule and named in the reasons.
 * Every verdict comes with its reasons: the models on each side and those that are missing.
 */
public final class Verdict {
    private Verdict() {}

    /** SynergyFinder's band of a mean score read as additive. */
    static final double BAND = 10;

    public record Reading(String verdict, double average, String reasons) {}

    /** The reading of the summaries of bliss, hsa, loewe and zip (others are ignored). */
    public static Reading of(List<SynergyAnalysis.Summary> summaries) {
        List<String> above = new ArrayList<>(), below = new ArrayList<>(), across = new ArrayList<>();
        List<String> notComputed = new ArrayList<>(), noInterval = new ArrayList<>();
        boolean withinBand = true;
        double sum = 0;
        int n = 0;
        StringBuilder scores = new StringBuilder();
        for (SynergyAnalysis.Summary s : summaries) {
            if (!List.of("bliss", "hsa", "loewe", "zip").contains(s.model())) continue;
            if (Double.isNaN(s.score())) { notComputed.add(s.model()); continue; }
            if (Double.isNaN(s.low()) || Double.isNaN(s.high())) { noInterval.add(s.model()); continue; }
            sum += s.score();
            n++;
            scores.append(scores.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f [%.2f, %.2f]", s.model(), s.score(), s.low(), s.high()));
            if (s.low() > 0) above.add(s.model());
            else if (s.high() < 0) below.add(s.model());
            else across.add(s.model());
            withinBand &= s.low() > -BAND && s.high() < BAND;
        }
        double average = n == 0 ? Double.NaN : sum / n;
        List<String> why = new ArrayList<>();
        if (!above.isEmpty()) why.add(String.join(", ", above) + " above 0");
        if (!below.isEmpty()) why.add(String.join(", ", below) + " below 0");
        if (!across.isEmpty()) why.add(String.join(", ", across) + " include 0");
        if (!noInterval.isEmpty()) why.add(String.join(", ", noInterval) + " without an interval");
        if (!notComputed.isEmpty()) why.add(String.join(", ", notComputed) + " not computed");
        String verdict;
        if (n < 2) {
            verdict = "uncertain";
            why.add(0, "fewer than two models have a score and an interval");
        } else if (!noInterval.isEmpty()) {
            verdict = "uncertain";
        } else if (above.size() == n) {
            verdict = average > BAND ? "synergistic" : "weak synergy";
        } else if (below.size() == n) {
            verdict = average < -BAND ? "antagonistic" : "weak antagonism";
        } else if (withinBand) {
            verdict = "additive";
            why.add("every interval within -10..10");
        } else {
            verdict = "uncertain";
            why.add(!above.isEmpty() && !below.isEmpty() ? "the models disagree in sign" : "an interval spans 0 and reaches beyond 10");
        }
        String text = String.join("; ", why);
        if (n > 0) text += String.format(Locale.ROOT, "; average of the models %.2f; 95%% intervals: %s", average, scores);
        return new Reading(verdict, average, text);
    }
}
