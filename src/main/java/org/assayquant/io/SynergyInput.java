package org.assayquant.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * One drug pair's dose matrix. Drug A is SynergyFinder's row drug ({@code drug_row},
     * {@code conc_r}), drug B its column drug; in the two-column format the drugs are unnamed
     * ({@code name} and {@code unit} empty).
     */
    public record Block(String id, String drugA, String drugB, String unitA, String unitB, DoseMatrix matrix, List<String> warnings) {
        /** "drug (unit)" for a label; "drug A" when unnamed. */
        public String labelA() {
            return label(drugA.isEmpty() ? "drug A" : drugA, unitA);
        }

        public String labelB() {
            return label(drugB.isEmpty() ? "drug B" : drugB, unitB);
        }

        private static String label(String name, String unit) {
            return unit.isEmpty() ? name : name + " (" + unit + ")";
        }
    }

    /** The blocks of an input file; {@code synergyFinder} when it is in SynergyFinder's table format. */
    public record Input(boolean synergyFinder, List<Block> blocks) {}

    /**
     * Reads either format: SynergyFinder's input table (block_id, drug_row, drug_col, conc_r,
     * conc_c, response, conc_r_unit, conc_c_unit; also its older names PairIndex, Drug1, Drug2,
     * Conc1, Conc2, ConcUnit), one block per block_id in file order, or the two-column format
     * (dose_a, dose_b, response) as one unnamed block. Each block's warnings are its own.
     */
    public static Input readAll(String path, ResponseScale scale) {
        CsvReader csv = CsvReader.read("input", path, true);
        if (!csv.has("dose_a") && (csv.has("block_id") || csv.has("pairindex") || csv.has("conc_r") || csv.has("conc1")))
            return new Input(true, blocks(csv, scale));
        if (!csv.has("dose_a") && isMatrix(csv)) return new Input(false, List.of(matrix(csv, scale)));
        List<String> w = new ArrayList<>();
        DoseMatrix m = parse(csv, scale, w);
        List<Integer> all = java.util.stream.IntStream.range(0, csv.size()).boxed().toList();
        String where = csv.source() + ": the file";
        return new Input(false, List.of(new Block("", same(csv, all, "drug_a", where), same(csv, all, "drug_b", where),
                same(csv, all, "unit_a", where), same(csv, all, "unit_b", where), m, w)));
    }

    /**
     * The matrix layout: the header row holds a label and the doses of the column drug (drug B),
     * every other row a dose of the row drug (drug A, as SynergyFinder's drug_row) and the
     * responses at each dose of B (empty = not measured). A line repeating the header starts a
     * replicate grid of the same doses. The label may name the drugs, "row drug (unit) \ column
     * drug (unit)" (or with '/'); any other label leaves them unnamed.
     */
    static boolean isMatrix(CsvReader csv) {
        List<String> h = csv.header();
        if (h.size() < 3 || number(h.get(0))) return false;
        for (int k = 1; k < h.size(); k++) if (!number(h.get(k))) return false;
        return true;
    }

    private static boolean number(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern MATRIX_LABEL =
            java.util.regex.Pattern.compile("\\s*([^()\\\\/]*?)\\s*(?:\\(([^()]*)\\))?\\s*[\\\\/]\\s*([^()\\\\/]*?)\\s*(?:\\(([^()]*)\\))?\\s*");

    static Block matrix(CsvReader csv, ResponseScale scale) {
        List<String> h = csv.header();
        String label = h.get(0);
        java.util.regex.Matcher names = MATRIX_LABEL.matcher(label);
        boolean named = names.matches();
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            if (csv.text(r, label).equals(label.trim())) { // a replicate grid's header: the same doses of B
                for (int k = 1; k < h.size(); k++)
                    if (Double.parseDouble(h.get(k)) != CsvReader.parseNumber(csv.text(r, h.get(k)), csv.where(r, h.get(k))))
                        throw AssayException.invalid(csv.where(r, h.get(k)) + ": '" + csv.text(r, h.get(k)) + "' but the first grid's header has "
                                + h.get(k) + " (every replicate grid has the same doses)");
                continue;
            }
            double a = csv.nonNegative(r, label);
            for (int k = 1; k < h.size(); k++) {
                double b = Double.parseDouble(h.get(k));
                if (b < 0) throw AssayException.invalid(csv.source() + ": line 1, column " + (k + 1) + ": " + h.get(k) + " is negative (expected a dose >= 0)");
                double y = csv.number(r, h.get(k));
                if (Double.isNaN(y)) continue;
                if (scale == ResponseScale.FA && y > 1)
                    throw AssayException.invalid(csv.where(r, h.get(k)) + ": " + csv.text(r, h.get(k))
                            + " is above 1, but response=fa expects fractions affected 0..1 (for percent use response=inhibition or response=viability)");
                raw.add(y);
                ms.add(new DoseMatrix.Measurement(a, b, scale.toFa(y)));
            }
        }
        List<String> w = new ArrayList<>();
        DoseMatrix m = checked(csv.source(), ms, raw.stream().mapToDouble(Double::doubleValue).toArray(), scale, w,
                "the first column > 0 with the header's dose 0", "the header's dose > 0 with the first column's dose 0");
        return named ? new Block("", names.group(1), names.group(3), nz(names.group(2)), nz(names.group(4)), m, w)
                : new Block("", "", "", "", "", m, w);
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }

    /** The measurements of one matrix as a DoseMatrix, refused (naming the file) without both drugs alone and a combination. */
    private static DoseMatrix checked(String source, List<DoseMatrix.Measurement> ms, double[] raw, ResponseScale scale, List<String> warnings,
                                      String aloneA, String aloneB) {
        boolean hasA = false, hasB = false, combo = false;
        for (DoseMatrix.Measurement x : ms) {
            hasA |= x.doseA() > 0 && x.doseB() == 0;
            hasB |= x.doseA() == 0 && x.doseB() > 0;
            combo |= x.doseA() > 0 && x.doseB() > 0;
        }
        if (!hasA) throw AssayException.invalid(source + ": no rows for drug A alone (" + aloneA + "); every synergy model needs each drug's own dose response");
        if (!hasB) throw AssayException.invalid(source + ": no rows for drug B alone (" + aloneB + "); every synergy model needs each drug's own dose response");
        if (!combo) throw AssayException.invalid(source + ": no combination (both doses > 0)");
        String w = scale.scaleWarning(raw);
        if (w != null) warnings.add(w);
        return DoseMatrix.of(ms, warnings);
    }

    /** SynergyFinder's column names, current first, then its older ones. */
    private static String column(CsvReader csv, String current, String older) {
        return csv.has(current) || older == null || !csv.has(older) ? current : older;
    }

    static List<Block> blocks(CsvReader csv, ResponseScale scale) {
        String id = column(csv, "block_id", "pairindex"), dr = column(csv, "drug_row", "drug1"), dc = column(csv, "drug_col", "drug2");
        String cr = column(csv, "conc_r", "conc1"), cc = column(csv, "conc_c", "conc2");
        String ur = column(csv, "conc_r_unit", csv.has("conc_unit") ? "conc_unit" : "concunit"), uc = column(csv, "conc_c_unit", csv.has("conc_unit") ? "conc_unit" : "concunit");
        csv.require(id, cr, cc, "response");
        if (csv.size() == 0) throw AssayException.invalid(csv.source() + ": no data rows (expected one row per well: " + id + ", " + cr + ", " + cc + ", response)");
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            String b = csv.text(r, id);
            if (b.isEmpty()) throw AssayException.invalid(csv.where(r, id) + ": empty (every row needs the block it belongs to)");
            rows.computeIfAbsent(b, k -> new ArrayList<>()).add(r);
        }
        List<Block> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            List<Integer> rs = e.getValue();
            String where = csv.source() + ": block " + e.getKey();
            String a = same(csv, rs, dr, where), b = same(csv, rs, dc, where), ua = same(csv, rs, ur, where), ub = same(csv, rs, uc, where);
            List<DoseMatrix.Measurement> ms = new ArrayList<>();
            double[] raw = new double[rs.size()];
            boolean aloneA = false, aloneB = false, combo = false;
            for (int k = 0; k < rs.size(); k++) {
                int r = rs.get(k);
                double x = csv.nonNegative(r, cr), z = csv.nonNegative(r, cc), y = csv.requiredNumber(r, "response");
                if (scale == ResponseScale.FA && y > 1)
                    throw AssayException.invalid(csv.where(r, "response") + ": " + csv.text(r, "response")
                            + " is above 1, but response=fa expects fractions affected 0..1 (for percent use response=inhibition or response=viability)");
                raw[k] = y;
                aloneA |= x > 0 && z == 0;
                aloneB |= x == 0 && z > 0;
                combo |= x > 0 && z > 0;
                ms.add(new DoseMatrix.Measurement(x, z, scale.toFa(y)));
            }
            String nameA = a.isEmpty() ? "the row drug" : a, nameB = b.isEmpty() ? "the column drug" : b;
            if (!aloneA)
                throw AssayException.invalid(where + ": no rows for " + nameA + " alone (" + cr + " > 0 with " + cc + " = 0); every synergy model needs each drug's own dose response");
            if (!aloneB)
                throw AssayException.invalid(where + ": no rows for " + nameB + " alone (" + cc + " > 0 with " + cr + " = 0); every synergy model needs each drug's own dose response");
            if (!combo) throw AssayException.invalid(where + ": no combination rows (" + cr + " > 0 and " + cc + " > 0)");
            List<String> w = new ArrayList<>();
            String sw = scale.scaleWarning(raw);
            if (sw != null) w.add(sw);
            DoseMatrix m = DoseMatrix.of(ms, w);
            out.add(new Block(e.getKey(), a, b, ua, ub, m, w));
        }
        return out;
    }

    /** The one value a column holds on every row of a block (empty when the column is absent). */
    private static String same(CsvReader csv, List<Integer> rows, String column, String where) {
        String v = csv.text(rows.get(0), column);
        for (int r : rows)
            if (!csv.text(r, column).equals(v))
                throw AssayException.invalid(csv.where(r, column) + ": '" + csv.text(r, column) + "' but earlier rows of " + where.substring(where.lastIndexOf(": ") + 2)
                        + " have '" + v + "' (one drug pair and one unit per " + (where.endsWith("the file") ? "file; a SynergyFinder table holds many)" : "block)"));
        return v;
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
