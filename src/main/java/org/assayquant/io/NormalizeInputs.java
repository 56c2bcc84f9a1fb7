package org.assayquant.io;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.assayquant.core.AssayException;
import org.assayquant.core.normalize.Flag;
import org.assayquant.core.normalize.Measurement;
import org.assayquant.core.normalize.Method;

/**
 * Reads the inputs of the normalize command into one {@link Measurement} per lane.
 *
 * <p>With a sample sheet (columns lane, condition; optional blot, replicate, sample, control)
 * the target and control are bands.csv tables of the blot command (columns lane, row, volume;
 * optional image, saturated, detected). A path may contain {@code {blot}}, replaced by the
 * sample sheet's blot name, so one key names one file per blot. Without a sample sheet the
 * target is a generic table, one row per sample, carrying its own condition column and value
 * columns.
 */
public final class NormalizeInputs {
    private NormalizeInputs() {}

    public static final String BLOT = "{blot}";

    /** The keys of the command that concern inputs. */
    public record Spec(String target, String control, String samples, Method method, int targetRow, int controlRow,
                       String targetImage, String controlImage, String targetColumn, String controlColumn) {}

    /**
     * The lanes, in sample-sheet order, the condition marked by a control column (or null), the
     * first condition listed, every file read (for run.csv) and notes.
     */
    public record Loaded(List<Measurement> lanes, String markedControl, String firstCondition, List<String> files,
                         List<String> warnings) {}

    public static Loaded load(Spec s) {
        return s.samples().isBlank() ? generic(s) : banded(s);
    }

    // ---- generic table --------------------------------------------------------------------------

    private static Loaded generic(Spec s) {
        if (!s.control().isBlank())
            throw AssayException.invalid("control=" + s.control() + ": not used without a sample sheet (the generic table target="
                    + s.target() + " carries the control in its " + s.controlColumn() + " column); leave control empty, or give samples=<sheet> for bands.csv tables");
        if (s.method() == Method.TOTAL_PROTEIN)
            throw AssayException.invalid("method=total_protein: needs bands.csv tables and a sample sheet (samples=...); with a generic table use method=housekeeping and the total protein in the "
                    + s.controlColumn() + " column");
        CsvReader t = CsvReader.read("target", s.target());
        if (t.has("volume") && t.has("lane") && t.has("row") && !t.has("condition"))
            throw AssayException.invalid("target=" + s.target() + ": a bands.csv needs a sample sheet: give samples=<csv> (columns blot, lane, condition, replicate)");
        List<String> cols = new ArrayList<>(List.of("condition", s.targetColumn()));
        if (s.method().usesControl()) cols.add(s.controlColumn());
        t.require(cols.toArray(new String[0]));
        Sheet sheet = Sheet.of(t, false);
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Set<Flag> f = EnumSet.noneOf(Flag.class);
            if (t.bool(i, "target_saturated", false)) f.add(Flag.TARGET_SATURATED);
            if (s.method().usesControl() && t.bool(i, "control_saturated", false)) f.add(Flag.CONTROL_SATURATED);
            double control = s.method().usesControl() ? t.number(i, s.controlColumn()) : Double.NaN;
            SheetRow r = sheet.rows.get(i);
            out.add(new Measurement(r.blot, r.lane, r.sample, r.condition, r.replicate, t.line(i), t.number(i, s.targetColumn()), control, f));
        }
        return new Loaded(out, sheet.markedControl, sheet.firstCondition, List.of(s.target()), List.of());
    }

    // ---- bands.csv tables + sample sheet ----------------------------------------------------------

    private static Loaded banded(Spec s) {
        boolean sameFile = s.control().isBlank();
        if (s.method() == Method.TOTAL_PROTEIN && sameFile)
            throw AssayException.invalid("control: required with method=total_protein (the bands.csv of the total-protein stain image, e.g. Ponceau S or stain-free)");
        if (s.method() == Method.NONE && !sameFile)
            throw AssayException.invalid("control=" + s.control() + ": not used with method=none (no loading control); leave it empty or choose a method");
        String controlPath = sameFile ? s.target() : s.control();
        String controlImage = s.controlImage().isBlank() && sameFile ? s.targetImage() : s.controlImage();

        CsvReader sheetCsv = CsvReader.read("samples", s.samples());
        sheetCsv.require("lane", "condition");
        Sheet sheet = Sheet.of(sheetCsv, true);
        for (String p : List.of(s.target(), controlPath, s.targetImage(), controlImage)) {
            if (p.contains(BLOT) && !sheetCsv.has("blot"))
                throw AssayException.invalid(sheetCsv.source() + ": no blot column, but " + (p.equals(s.target()) ? "target=" : p.equals(controlPath) ? "control=" : "an image key=") + p
                        + " contains " + BLOT + " (the sample sheet's blot column names the file of each lane)");
        }

        Map<String, BandsTable> tables = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Set<String> laneCountChecked = new LinkedHashSet<>();
        Map<String, Integer> laneUse = new LinkedHashMap<>();
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < sheet.rows.size(); i++) {
            SheetRow r = sheet.rows.get(i);
            String tPath = fill(s.target(), r.blot), cPath = fill(controlPath, r.blot);
            String tImg = fill(s.targetImage(), r.blot), cImg = fill(controlImage, r.blot);
            String context = sheetCsv.source() + " line " + r.line + (r.blot.isEmpty() ? "" : ", blot '" + r.blot + "'");
            BandsTable.View tv = table(tables, "target", tPath, s.target().contains(BLOT), context).view("target_image", tImg, context);
            BandsTable.View cv = table(tables, "control", cPath, controlPath.contains(BLOT), context).view("control_image", cImg, context);
            int controlRow = s.method() == Method.TOTAL_PROTEIN || !s.method().usesControl() ? 0
                    : s.controlRow() > 0 ? s.controlRow() : autoControlRow(tv, cv, s.targetRow());
            if (controlRow > 0 && tv.equals(cv) && s.targetRow() == controlRow)
                throw AssayException.invalid("target_row=" + s.targetRow() + ", control_row=" + controlRow
                        + ": target and control are the same band of " + tPath + " (set control_row, or control=<the loading control's bands.csv>)");
            if (s.method().usesControl() && !tv.equals(cv) && laneCountChecked.add(tv + "|" + cv) && !tv.lanes().equals(cv.lanes()))
                warnings.add("target " + tv + " has lanes " + BandsTable.ranges(tv.lanes()) + ", control " + cv + " has lanes " + BandsTable.ranges(cv.lanes())
                        + ": lanes are paired by number; check that each lane number is the same sample in both");

            // one lane of one image belongs to one sample: catches several blots read from one file
            Integer first = laneUse.putIfAbsent(tv + "|" + r.lane, r.line);
            if (first != null)
                throw AssayException.invalid(sheetCsv.source() + ": line " + r.line + ": lane " + r.lane + " of " + tv + " is already used by line " + first
                        + (sheetCsv.has("blot") && !s.target().contains(BLOT) && !s.targetImage().contains(BLOT)
                                ? " (every blot reads the same file: put " + BLOT + " in target, e.g. target=results/" + BLOT + "/bands.csv)" : ""));
            Set<Flag> f = EnumSet.noneOf(Flag.class);
            int tr = tv.row("target", r.lane, s.targetRow(), context);
            double target = tv.t().number(tr, "volume");
            if (tv.t().bool(tr, "saturated", false)) f.add(Flag.TARGET_SATURATED);
            if (!tv.t().bool(tr, "detected", true)) f.add(Flag.TARGET_UNDETECTED);
            if (outsideLinearRange(tv.t(), tr)) f.add(Flag.TARGET_OUTSIDE_LINEAR_RANGE);
            double control = Double.NaN;
            if (s.method() == Method.TOTAL_PROTEIN) {
                // total-protein stain: the sum of every band row of the lane
                List<Integer> all = cv.laneRows("control", r.lane, context);
                control = 0;
                for (int k : all) {
                    control += cv.t().number(k, "volume"); // NaN propagates: CONTROL_MISSING
                    if (cv.t().bool(k, "saturated", false)) f.add(Flag.CONTROL_SATURATED);
                }
            } else if (s.method().usesControl()) {
                int cr = cv.row("control", r.lane, controlRow, context);
                control = cv.t().number(cr, "volume");
                if (cv.t().bool(cr, "saturated", false)) f.add(Flag.CONTROL_SATURATED);
                if (!cv.t().bool(cr, "detected", true)) f.add(Flag.CONTROL_UNDETECTED);
                if (outsideLinearRange(cv.t(), cr)) f.add(Flag.CONTROL_OUTSIDE_LINEAR_RANGE);
            }
            out.add(new Measurement(r.blot, r.lane, r.sample, r.condition, r.replicate, r.line, target, control, f));
        }
        List<String> files = new ArrayList<>();
        files.add(s.samples());
        files.addAll(tables.keySet());
        return new Loaded(out, sheet.markedControl, sheet.firstCondition, files, warnings);
    }

    /**
     * control_row=0: the one band row of the control image that is not the target's (row 2 of a
     * two-row blot; row 1 of a one-row strip). Several candidates: the user must choose.
     */
    private static int autoControlRow(BandsTable.View tv, BandsTable.View cv, int targetRow) {
        Set<Integer> rows = new TreeSet<>(cv.rows());
        if (tv.equals(cv)) rows.remove(targetRow);
        if (rows.size() == 1) return rows.iterator().next();
        throw AssayException.invalid("control_row=0 (automatic): " + cv + " has " + (rows.isEmpty() ? "no band row besides the target's" : "band rows "
                + BandsTable.ranges(rows) + (tv.equals(cv) ? " besides the target's" : "")) + "; give control_row=<the loading control's row>"
                + (tv.equals(cv) && rows.isEmpty() ? " or control=<the loading control's bands.csv>" : ""));
    }

    static String fill(String pattern, String blot) {
        return pattern.replace(BLOT, blot);
    }

    private static BandsTable table(Map<String, BandsTable> cache, String key, String path, boolean filled, String context) {
        BandsTable t = cache.get(path);
        if (t == null) {
            try {
                t = new BandsTable(CsvReader.read(key, path));
            } catch (AssayException e) {
                // name the sample-sheet line whose blot chose this file
                throw filled ? AssayException.invalid(e.getMessage() + " (file for " + context + ")") : e;
            }
            cache.put(path, t);
        }
        return t;
    }

    // ---- the sample sheet (also the generic table's condition columns) ------------------------------

    private record SheetRow(String blot, int lane, String sample, String condition, String replicate, int line) {}

    private static final class Sheet {
        final List<SheetRow> rows = new ArrayList<>();
        String markedControl;
        String firstCondition;

        static Sheet of(CsvReader t, boolean lanes) {
            if (t.size() == 0) throw AssayException.invalid(t.source() + ": no data rows");
            Sheet s = new Sheet();
            Map<String, Integer> seen = new LinkedHashMap<>();
            Set<String> marked = new LinkedHashSet<>(), unmarked = new LinkedHashSet<>();
            for (int i = 0; i < t.size(); i++) {
                String blot = t.text(i, "blot");
                if (t.has("blot") && blot.isEmpty()) throw AssayException.invalid(t.where(i, "blot") + ": empty (a blot name is required when the column is present)");
                String cond = t.text(i, "condition");
                if (cond.isEmpty()) throw AssayException.invalid(t.where(i, "condition") + ": empty (each lane needs a condition)");
                int lane = 0;
                if (lanes || t.has("lane")) {
                    if (lanes || !t.text(i, "lane").isEmpty()) lane = wholeNumber(t, i, "lane");
                }
                if (lanes) {
                    Integer prev = seen.putIfAbsent(blot + "\u0000" + lane, t.line(i));
                    if (prev != null)
                        throw AssayException.invalid(t.where(i, "lane") + ": lane " + lane + (blot.isEmpty() ? "" : " of blot '" + blot + "'")
                                + " is already listed on line " + prev + " (one row per lane)");
                }
                String rep = t.text(i, "replicate");
                if (rep.isEmpty()) rep = blot.isEmpty() ? "1" : blot; // one blot = one experiment unless told otherwise
                if (t.has("control")) (t.bool(i, "control", false) ? marked : unmarked).add(cond);
                if (s.firstCondition == null) s.firstCondition = cond;
                s.rows.add(new SheetRow(blot, lane, t.text(i, "sample"), cond, rep, t.line(i)));
            }
            Set<String> both = new TreeSet<>(marked);
            both.retainAll(unmarked);
            if (!both.isEmpty())
                throw AssayException.invalid(t.source() + ": column control: condition '" + both.iterator().next() + "' is marked true on some rows and false on others");
            if (marked.size() > 1)
                throw AssayException.invalid(t.source() + ": column control: more than one condition is marked as the control (" + String.join(", ", marked) + ")");
            s.markedControl = marked.isEmpty() ? null : marked.iterator().next();
            return s;
        }
    }

    static int wholeNumber(CsvReader t, int row, String col) {
        double d = t.requiredNumber(row, col);
        if (d < 1 || d != Math.rint(d) || d > Integer.MAX_VALUE)
            throw AssayException.invalid(t.where(row, col) + ": '" + t.text(row, col) + "' is not a whole number >= 1");
        return (int) d;
    }

    // ---- one bands.csv ---------------------------------------------------------------------------

    /** A bands.csv indexed by image, lane and row. */
    private static final class BandsTable {
        final CsvReader t;
        final Map<String, Map<Integer, Map<Integer, Integer>>> byImage = new LinkedHashMap<>();

        BandsTable(CsvReader t) {
            this.t = t;
            try {
                t.require("lane", "row", "volume");
            } catch (AssayException e) {
                throw AssayException.invalid(e.getMessage() + "; expected a bands.csv of the blot command (for a generic table leave samples empty)");
            }
            for (int i = 0; i < t.size(); i++) {
                String img = t.text(i, "image");
                int lane = wholeNumber(t, i, "lane"), row = wholeNumber(t, i, "row");
                Integer prev = byImage.computeIfAbsent(img, k -> new java.util.TreeMap<>()).computeIfAbsent(lane, k -> new java.util.TreeMap<>()).putIfAbsent(row, i);
                if (prev != null)
                    throw AssayException.invalid(t.where(i, "row") + ": lane " + lane + " row " + row + (img.isEmpty() ? "" : " of image " + img)
                            + " is already on line " + t.line(prev));
            }
            if (byImage.isEmpty()) throw AssayException.invalid(t.source() + ": no bands (no data rows)");
        }

        View view(String key, String image, String context) {
            if (image.isEmpty()) {
                if (byImage.size() > 1)
                    throw AssayException.invalid(t.source() + ": holds the bands of " + byImage.size() + " images (" + String.join(", ", byImage.keySet())
                            + "); choose one with " + key + "=<image>");
                return new View(this, byImage.keySet().iterator().next());
            }
            if (!t.has("image")) throw AssayException.invalid(key + "=" + image + ": " + t.source() + " has no image column");
            if (!byImage.containsKey(image))
                throw AssayException.invalid(key + "=" + image + ": no such image in " + t.source() + " (for " + context + "); the images are: "
                        + String.join(", ", byImage.keySet()));
            return new View(this, image);
        }

        /** The bands of one image of the table. */
        record View(BandsTable table, String image) {
            CsvReader t() {
                return table.t;
            }

            Map<Integer, Map<Integer, Integer>> lanesMap() {
                return table.byImage.get(image);
            }

            Set<Integer> lanes() {
                return lanesMap().keySet();
            }

            /** Every band row of the image, over all lanes. */
            Set<Integer> rows() {
                Set<Integer> rows = new TreeSet<>();
                for (Map<Integer, Integer> l : lanesMap().values()) rows.addAll(l.keySet());
                return rows;
            }

            List<Integer> laneRows(String key, int lane, String context) {
                Map<Integer, Integer> rows = lanesMap().get(lane);
                if (rows == null)
                    throw AssayException.invalid(table.t.source() + ": no lane " + lane + (image.isEmpty() ? "" : " in image " + image)
                            + " (lanes " + ranges(lanes()) + " present; " + context + " names lane " + lane + ")");
                return new ArrayList<>(rows.values());
            }

            int row(String key, int lane, int row, String context) {
                laneRows(key, lane, context);
                Integer i = lanesMap().get(lane).get(row);
                if (i == null)
                    throw AssayException.invalid(key + "_row=" + row + ": " + table.t.source() + " has no band row " + row + " in lane " + lane
                            + " (rows " + ranges(lanesMap().get(lane).keySet()) + " present)");
                return i;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof View v && v.table == table && v.image.equals(image);
            }

            @Override
            public int hashCode() {
                return Objects.hash(System.identityHashCode(table), image);
            }

            @Override
            public String toString() {
                return table.t.source().replaceFirst("^[a-z_]+=", "") + (image.isEmpty() ? "" : " [" + image + "]");
            }
        }

        /** "1-6, 8" */
        static String ranges(Set<Integer> s) {
            StringBuilder sb = new StringBuilder();
            Integer start = null, prev = null;
            for (int v : new TreeSet<>(s)) {
                if (prev != null && v == prev + 1) { prev = v; continue; }
                if (start != null) sb.append(sb.length() > 0 ? ", " : "").append(start.equals(prev) ? "" + start : start + "-" + prev);
                start = v;
                prev = v;
            }
            if (start != null) sb.append(sb.length() > 0 ? ", " : "").append(start.equals(prev) ? "" + start : start + "-" + prev);
            return sb.toString();
        }
    }

    /** The blot command's reasons name the band outside its row's linear range (a dilution series was given). */
    private static boolean outsideLinearRange(CsvReader t, int row) {
        return java.util.Arrays.asList(t.text(row, "reasons").split(";")).stream()
                .anyMatch(r -> r.equals("outside_linear_range") || r.equals("no_linear_range"));
    }
}
