package org.assayquant.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assayquant.core.survival.ClonogenicSurvival;
import org.assayquant.core.wells.Titer;
import org.assayquant.core.wells.WellOptions;
import org.assayquant.core.wells.WellResult;
import org.assayquant.core.wells.WellResult.Colony;
import org.assayquant.core.wells.WellResult.Well;

/**
 * The colony-well result as tables: wells.csv (the columns of ../shared/CONTRACT.md first, then
 * extras and, with a plate layout, the layout and clonogenic-survival columns) and colonies.csv.
 */
public final class WellTables {
    private WellTables() {}

    public static final List<String> CONTRACT = List.of("well", "x", "y", "radius", "colonies", "area_percent", "intensity_percent");
    public static final List<String> EXTRA = List.of("wall_radius", "iod", "mean_colony_area", "found", "threshold", "status", "reasons",
            "rejected_objects", "image");
    public static final List<String> LAYOUT = List.of("condition", "dose_a", "dose_b", "cells_seeded", "replicate",
            "plating_efficiency", "surviving_fraction", "response");

    /** The wells of {@code r} that the layout names, in plate order, as input of the survival computation. */
    public static List<ClonogenicSurvival.Well> survivalInput(WellResult r, PlateLayout layout) {
        List<ClonogenicSurvival.Well> in = new ArrayList<>();
        for (Well w : r.wells()) {
            PlateLayout.Entry e = layout.get(w.label());
            if (e != null) in.add(new ClonogenicSurvival.Well(w.label(), e.condition(), e.doseA(), e.doseB(), e.cellsSeeded(), w.colonies()));
        }
        return in;
    }

    /**
     * wells.csv. With a layout ({@code layout}, {@code survival} from {@link #survivalInput}),
     * the layout's columns, plating efficiency, surviving fraction and {@code response} = 100 x
     * surviving fraction (percent of the control, the viability scale of dose-response and
     * synergy); with a {@code drug} column in the layout also {@code drug} and {@code dose} (=
     * dose_a), the dose-response input columns; with {@code dilution} and {@code volume_ml} these
     * two and the titer, {@code pfu_per_ml} (plaques) or {@code cfu_per_ml} (colonies). Wells the
     * layout does not name have these empty.
     */
    public static CsvTable wells(String image, WellResult r, PlateLayout layout, ClonogenicSurvival.Result survival, WellOptions.Mode mode) {
        List<String> cols = new ArrayList<>(CONTRACT);
        cols.addAll(EXTRA);
        boolean drug = layout != null && layout.has("drug");
        boolean titer = layout != null && layout.has("dilution");
        if (layout != null) {
            cols.addAll(LAYOUT);
            if (drug) cols.addAll(List.of("drug", "dose"));
            if (titer) cols.addAll(List.of("dilution", "volume_ml", mode == WellOptions.Mode.PLAQUES ? "pfu_per_ml" : "cfu_per_ml"));
        }
        CsvTable t = new CsvTable(cols.toArray(new String[0]));
        Map<String, Integer> index = new HashMap<>();
        if (layout != null) {
            int i = 0;
            for (Well w : r.wells()) if (layout.get(w.label()) != null) index.put(w.label(), i++);
        }
        for (Well w : r.wells()) {
            List<Object> row = new ArrayList<>(List.of(w.label(), w.x(), w.y(), w.radius(), w.colonies(), w.areaPercent(), w.intensityPercent(),
                    w.wallRadius(), w.iod(), w.meanColonyArea(), w.found(), w.threshold(), w.status(), w.reasonKeys(), w.rejected(), image));
            if (layout != null) {
                PlateLayout.Entry e = layout.get(w.label());
                if (e == null) {
                    for (int k = 0; k < LAYOUT.size() + (drug ? 2 : 0) + (titer ? 3 : 0); k++) row.add(null);
                } else {
                    int i = index.get(w.label());
                    double sf = survival.survivingFraction()[i];
                    row.addAll(java.util.Arrays.asList(e.condition(), e.doseA(), e.doseB(), e.cellsSeeded(), e.replicate(),
                            survival.platingEfficiency()[i], sf, 100 * sf));
                    if (drug) row.addAll(java.util.Arrays.asList(e.drug(), e.doseA()));
                    if (titer) row.addAll(java.util.Arrays.asList(e.dilution(), e.volumeMl(), Titer.perMl(w.colonies(), e.dilution(), e.volumeMl())));
                }
            }
            t.add(row.toArray());
        }
        return t;
    }

    /**
     * titers.csv (a layout with {@code dilution} and {@code volume_ml}; else null): per sample (the layout's
     * condition, in the layout's order) its wells, those counted in (status {@code ok}; a well {@code cleared}, too
     * crowded to count, is left out as a person leaves it), their plaques (colonies),
     * the titer per mL of the undiluted sample with its 95 % interval, the p-value of the wells' agreement with one
     * titer, and the sample's status and reasons ({@link Titer#perSample}).
     */
    public static CsvTable titers(String image, WellResult r, PlateLayout layout, WellOptions.Mode mode) {
        if (layout == null || !layout.has("dilution")) return null;
        boolean plaques = mode == WellOptions.Mode.PLAQUES;
        Map<String, List<Titer.Well>> samples = new java.util.LinkedHashMap<>();
        for (Well w : r.wells()) {
            PlateLayout.Entry e = layout.get(w.label());
            if (e != null) samples.computeIfAbsent(e.condition(), k -> new ArrayList<>())
                    .add(new Titer.Well(w.label(), e.dilution(), e.volumeMl(), w.colonies(), w.status().equals("ok"), w.reasons().contains(WellResult.Check.CLEARED)));
        }
        CsvTable t = new CsvTable("condition", "wells", "wells_used", plaques ? "plaques" : "colonies", plaques ? "pfu_per_ml" : "cfu_per_ml",
                "low", "high", "p_agreement", "status", "reasons", "image");
        for (Titer.Estimate e : Titer.perSample(samples))
            t.add(e.sample(), e.wells(), e.used(), e.count(), e.perMl(), e.low(), e.high(), e.agreement(), e.status(),
                    String.join(";", e.reasons().stream().map(x -> x.key).toList()), image);
        return t;
    }

    /**
     * colonies.csv: per colony its well, number within the well, centre and area in pixels, and
     * the area in mm^2 when a scale is known ({@code pxPerMm} > 0; else empty, so that the columns
     * are the same for every image of a batch); {@code status} {@code counted}. Then the objects
     * that were not counted, {@code status} {@code rejected} with the {@code reason} and an empty
     * colony number.
     */
    public static CsvTable colonies(String image, WellResult r, double pxPerMm) {
        CsvTable t = new CsvTable("well", "colony", "x", "y", "area", "area_mm2", "status", "reason", "image");
        Map<String, Integer> n = new HashMap<>();
        for (Colony c : r.colonies()) {
            int k = n.merge(c.well(), 1, Integer::sum);
            t.add(c.well(), k, c.x(), c.y(), c.area(), pxPerMm > 0 ? c.area() / (pxPerMm * pxPerMm) : Double.NaN, "counted", "", image);
        }
        for (WellResult.Rejected c : r.rejected())
            t.add(c.well(), null, c.x(), c.y(), c.area(), pxPerMm > 0 ? c.area() / (pxPerMm * pxPerMm) : Double.NaN, "rejected", c.reason(), image);
        return t;
    }
}
