package org.assayquant.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assayquant.core.AssayException;
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.core.synergy.DoseMatrix;

/**
 * The synergy input CSV (CONTRACT.md): dose_a, dose_b, response, optional replicate. Rows with
 * dose_b = 0 are drug A alone, dose_a = 0 drug B alone, both 0 the untreated control; repeated
 * dose pairs are replicates. Responses are converted to fraction affected by the declared scale.
 */
public final class SynergyInput {
    private SynergyInput() {}

    public static DoseMatrix read(String path, ResponseScale scale, List<String> warnings) {
        return parse(CsvReader.read("input", path), scale, warnings);
    }

    public static DoseMatrix parse(CsvReader csv, ResponseScale scale, List<String> warnings) {
        csv.require("dose_a", "dose_b", "response");
        if (csv.size() == 0) throw AssayException.invalid(csv.source() + ": no data rows (expected one row per well: dose_a, dose_b, response)");
        boolean hasRep = csv.has("replicate");
        Map<String, Integer> seen = new HashMap<>();
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        double[] raw = new double[csv.size()];
        boolean aloneA = false, aloneB = false, combo = false;
        for (int r = 0; r < csv.size(); r++) {
            double a = csv.nonNegative(r, "dose_a"), b = csv.nonNegative(r, "dose_b");
            double y = csv.requiredNumber(r, "response");
            if (scale == ResponseScale.FA && y > 1)
                throw AssayException.invalid(csv.where(r, "response") + ": " + csv.text(r, "response")
                        + " is above 1, but response=fa expects fractions affected 0..1 (for percent use response=inhibition or response=viability)");
            if (hasRep && !csv.text(r, "replicate").isEmpty()) {
                String key = a + "|" + b + "|" + csv.text(r, "replicate");
                Integer before = seen.putIfAbsent(key, csv.line(r));
                if (before != null)
                    throw AssayException.invalid(csv.where(r, "replicate") + ": replicate '" + csv.text(r, "replicate") + "' of dose_a=" + csv.text(r, "dose_a")
                            + ", dose_b=" + csv.text(r, "dose_b") + " already appears on line " + before + " (each replicate once per dose pair)");
            }
            raw[r] = y;
            aloneA |= a > 0 && b == 0;
            aloneB |= a == 0 && b > 0;
            combo |= a > 0 && b > 0;
            ms.add(new DoseMatrix.Measurement(a, b, scale.toFa(y)));
        }
        if (!aloneA)
            throw AssayException.invalid(csv.source() + ": no rows for drug A alone (dose_a > 0 with dose_b = 0); every synergy model needs each drug's own dose response");
        if (!aloneB)
            throw AssayException.invalid(csv.source() + ": no rows for drug B alone (dose_b > 0 with dose_a = 0); every synergy model needs each drug's own dose response");
        if (!combo)
            throw AssayException.invalid(csv.source() + ": no combination rows (dose_a > 0 and dose_b > 0)");
        String w = scale.scaleWarning(raw);
        if (w != null) warnings.add(w);
        return DoseMatrix.of(ms, warnings);
    }
}
