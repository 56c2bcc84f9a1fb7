package org.assayquant.io;

import java.util.List;
import java.util.Locale;

import org.assayquant.core.dose.DoseResponseFit.Result;
import org.assayquant.io.DoseInput.Drug;

/**
 * The dose-response results as CSV tables: fits.csv (../shared/CONTRACT.md plus extras) and
 * points.csv. {@code drugs} and {@code results} are parallel lists.
 */
public final class DoseTables {
    private DoseTables() {}

    public static CsvTable fits(List<Drug> drugs, List<Result> results) {
        CsvTable t = new CsvTable("drug", "bottom", "top", "ic50", "ic50_low", "ic50_high", "hill", "r2",
                "scale", "absolute_ic50", "direction", "n", "doses", "dose_min", "dose_max", "replicates", "dof", "rss",
                "bottom_se", "top_se", "ic50_se", "hill_se", "top_fixed", "bottom_fixed", "interval",
                "p_no_effect", "p_lack_of_fit", "warnings");
        boolean units = drugs.stream().anyMatch(d -> !d.unit().isEmpty());
        if (units) t = new CsvTable(java.util.stream.Stream.concat(t.columns().stream(), java.util.stream.Stream.of("unit")).toArray(String[]::new));
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            Object[] row = {r.drug(), r.bottom(), r.top(), r.ic50(), r.ic50Low(), r.ic50High(), r.hill(), r.r2(),
                    r.scale().key, r.absoluteIc50(), r.fitted() ? (r.falling() ? "falling" : "rising") : "",
                    r.n(), r.positiveDoses(), r.minDose(), r.maxDose(), drugs.get(i).replicates(), r.fitted() ? r.dof() : null, r.rss(),
                    r.seBottom(), r.seTop(), r.seIc50(), r.seHill(), r.topFixed(), r.bottomFixed(), r.interval().name().toLowerCase(Locale.ROOT),
                    p(r.pNoEffect()), p(r.pLackOfFit()), String.join("; ", r.warnings())};
            if (units) {
                row = java.util.Arrays.copyOf(row, row.length + 1);
                row[row.length - 1] = drugs.get(i).unit(); // the unit of every dose and IC50 of the row
            }
            t.add(row);
        }
        return t;
    }

    /** p-values to 6 decimals: 0 means below 0.0000005 (more digits would only show rounding noise). */
    static double p(double p) {
        return Double.isNaN(p) ? p : Math.round(p * 1e6) / 1e6;
    }

    /** Every input point with the fitted value and residual on the input scale. */
    public static CsvTable points(List<Drug> drugs, List<Result> results) {
        CsvTable t = new CsvTable("drug", "dose", "replicate", "response", "fitted", "residual", "scale");
        for (int i = 0; i < drugs.size(); i++) {
            Drug d = drugs.get(i);
            Result r = results.get(i);
            for (int j = 0; j < d.dose().length; j++) {
                double fit = r.fitted() ? r.curve().value(d.dose()[j]) : Double.NaN;
                t.add(d.name(), d.dose()[j], d.replicate()[j], d.response()[j], fit, d.response()[j] - fit, r.scale().key);
            }
        }
        return t;
    }
}
