package org.assayquant.core.survival;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.assayquant.core.AssayException;

/**
 * Plating efficiency and surviving fraction of a clonogenic (colony-formation) assay, as defined
 * by Franken et al. 2006 (Nat Protoc 1:2315, "Clonogenic assay of cells in vitro"):
 * plating efficiency PE = colonies / cells seeded; surviving fraction SF = PE of a well / mean
 * PE of the control (untreated) wells. PE is kept as a fraction (0.3 = 30 %).
 */
public final class ClonogenicSurvival {
    private ClonogenicSurvival() {}

    /** Names that mark the untreated control when the doses do not tell (case-insensitive, in this order). */
    public static final List<String> CONTROL_NAMES = List.of("control", "untreated", "DMSO", "vehicle");

    /**
     * One analysed well of the layout. {@code doseA}, {@code doseB}: NaN when not given (taken as
     * 0 to recognise the control); {@code cellsSeeded}: NaN when the layout gives none.
     */
    public record Well(String label, String condition, double doseA, double doseB, double cellsSeeded, int colonies) {}

    /**
     * Per well (in input order): plating efficiency and surviving fraction (NaN where not
     * defined); the control condition used (null when none), its mean plating efficiency and the
     * number of control wells.
     */
    public record Result(String control, double controlPe, int controlWells, double[] platingEfficiency, double[] survivingFraction,
                         List<String> warnings) {}

    /**
     * The untreated control, when the layout does not name it: the one condition all of whose
     * wells have dose_a = dose_b = 0 (empty doses count as 0; only when {@code hasDoses}); among
     * several such conditions, or without doses, the first of {@link #CONTROL_NAMES} present.
     * Null when neither tells.
     */
    public static String autoControl(List<Well> wells, boolean hasDoses) {
        Map<String, Boolean> zero = new LinkedHashMap<>();
        for (Well w : wells) {
            boolean z = zeroOrMissing(w.doseA) && zeroOrMissing(w.doseB);
            zero.merge(w.condition, z, Boolean::logicalAnd);
        }
        List<String> candidates = new ArrayList<>();
        if (hasDoses) zero.forEach((c, z) -> {
            if (z) candidates.add(c);
        });
        if (candidates.size() == 1) return candidates.get(0);
        Set<String> pool = new LinkedHashSet<>(candidates.isEmpty() ? zero.keySet() : candidates);
        for (String name : CONTROL_NAMES)
            for (String c : pool) if (c.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return c;
        if (candidates.size() > 1)
            throw AssayException.invalid("the conditions " + String.join(", ", candidates)
                    + " all have dose_a = dose_b = 0: which one is the control? (give control_condition=)");
        return null;
    }

    private static boolean zeroOrMissing(double d) {
        return Double.isNaN(d) || d == 0;
    }

    /**
     * PE per well (NaN without cells seeded) and SF relative to {@code control} (null = no
     * control: SF all NaN). The control must be a condition of {@code wells}.
     */
    public static Result compute(List<Well> wells, String control) {
        List<String> warnings = new ArrayList<>();
        double[] pe = new double[wells.size()], sf = new double[wells.size()];
        double sum = 0;
        int n = 0;
        boolean unseeded = false;
        for (int i = 0; i < wells.size(); i++) {
            Well w = wells.get(i);
            if (!(w.cellsSeeded > 0) && !Double.isNaN(w.cellsSeeded))
                throw new IllegalArgumentException("well " + w.label + ": cells seeded " + w.cellsSeeded + " (expected > 0)");
            pe[i] = Double.isNaN(w.cellsSeeded) ? Double.NaN : w.colonies / w.cellsSeeded;
            if (control != null && w.condition.equals(control)) {
                if (Double.isNaN(pe[i])) unseeded = true;
                else {
                    sum += pe[i];
                    n++;
                }
            }
        }
        double controlPe = n == 0 ? Double.NaN : sum / n;
        if (control != null && n == 0 && !unseeded)
            throw new IllegalArgumentException("no well of condition " + control);
        if (control != null && unseeded)
            warnings.add("control wells (" + control + ") without cells_seeded: surviving fraction left empty");
        else if (control != null && controlPe == 0)
            warnings.add("the control wells (" + control + ") have no colonies: plating efficiency 0, surviving fraction left empty");
        boolean ok = control != null && !unseeded && controlPe > 0;
        for (int i = 0; i < wells.size(); i++) sf[i] = ok ? pe[i] / controlPe : Double.NaN;
        return new Result(control, controlPe, n, pe, sf, warnings);
    }
}
