package org.assayquant.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assayquant.core.AssayException;

/**
 * The dose-response input (../shared/CONTRACT.md): columns {@code drug}, {@code dose},
 * {@code response}, optional {@code replicate}; one row per measurement (replicates are separate
 * rows), dose 0 = untreated control of that drug. Drugs keep the order of their first row.
 */
public final class DoseInput {
    private DoseInput() {}

    /** One drug's measurements; {@code row} is the 0-based input row of each point, for messages. */
    /** One drug's measurements; {@code unit}: its dose unit from the optional unit column (empty when none). */
    public record Drug(String name, double[] dose, double[] response, String[] replicate, int[] row, String unit) {
        /** Distinct non-empty replicate labels (0 without a replicate column). */
        public int replicates() {
            return (int) java.util.Arrays.stream(replicate).filter(r -> !r.isEmpty()).distinct().count();
        }
    }

    public static List<Drug> read(Cells t) {
        t.require("drug", "dose", "response");
        if (t.size() == 0) throw AssayException.invalid(t.source() + ": no data rows (expected one row per measurement: drug, dose, response)");
        boolean hasReplicate = t.has("replicate");
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        double[] dose = new double[t.size()], response = new double[t.size()];
        for (int r = 0; r < t.size(); r++) {
            String drug = t.text(r, "drug");
            if (drug.isEmpty()) throw AssayException.invalid(t.where(r, "drug") + ": empty (a drug name is required)");
            dose[r] = t.number(r, "dose");
            if (Double.isNaN(dose[r])) throw AssayException.invalid(t.where(r, "dose") + ": " + t.missing(r, "dose") + " (a dose >= 0 is required; 0 = untreated control)");
            if (dose[r] < 0) throw AssayException.invalid(t.where(r, "dose") + ": " + t.text(r, "dose") + " is negative (expected a dose >= 0)");
            response[r] = t.number(r, "response");
            if (Double.isNaN(response[r]))
                throw AssayException.invalid(t.where(r, "response") + ": " + t.missing(r, "response") + " (a number is required; delete the row to leave a failed well out)");
            rows.computeIfAbsent(drug, d -> new ArrayList<>()).add(r);
        }
        List<Drug> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            int m = e.getValue().size();
            double[] x = new double[m], y = new double[m];
            String[] rep = new String[m];
            int[] idx = new int[m];
            for (int i = 0; i < m; i++) {
                int r = e.getValue().get(i);
                x[i] = dose[r];
                y[i] = response[r];
                rep[i] = hasReplicate ? t.text(r, "replicate") : "";
                idx[i] = r;
            }
            java.util.Set<String> units = new java.util.TreeSet<>();
            if (t.has("unit")) for (int r : e.getValue()) if (!t.text(r, "unit").isEmpty()) units.add(t.text(r, "unit"));
            if (units.size() > 1)
                throw AssayException.invalid(t.source() + ": drug '" + e.getKey() + "' has doses in " + String.join(" and ", units) + " (column unit): give one unit per drug");
            out.add(new Drug(e.getKey(), x, y, rep, idx, units.isEmpty() ? "" : units.iterator().next()));
        }
        return out;
    }
}
