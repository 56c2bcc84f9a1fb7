package org.assayquant.core.synergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Chou-Talalay against CompuSyn's own printed numbers. A CompuSyn Report (the HTML page CompuSyn
 * 1.0 exports; Chou and Martin 2005, ComboSyn Inc.) holds the dose-effect data as they were entered
 * and CompuSyn's results for them: each agent's m, Dm and r, the CI and total dose at Fa 0.05..0.97,
 * the CI at the experimental points, and the DRI tables. This test reads such a report, runs our
 * median-effect fits, CI and DRI on its data and compares every printed number.
 *
 * <p>Run it with {@code -Dassayquant.compusynReport=path/to/report.html}; without it the test is
 * skipped. The one public CompuSyn report with its data that we found (sorafenib + doxorubicin 5:1
 * on PANC-1 cells, github.com/mJjJ-bit/- at commit f314029, pharma-figures/panc1_dox_sor/
 * compusyn_report.html) carries no licence, so it is not copied into this repository; docs/synergy.md
 * says how to fetch it and gives the numbers this test measured on it.
 *
 * <p>Tolerance of each number: 0.1 % (issue 16's aim), or the report's own precision where that is
 * coarser: half a unit in the last printed digit of the number, and at the experimental points the
 * change in Dx that half a unit in the last printed digit of Fa makes, (1/m) dFa / (Fa (1 - Fa)):
 * CompuSyn computes with the Fa as entered and prints it to 5 decimals, which moves Dx by 0.1 % at
 * Fa = 0.987 for a drug with m = 0.36.
 */
class CompuSynReportTest {

    static final String PROPERTY = "assayquant.compusynReport";

    @Test
    void ourChouTalalayMatchesCompuSynsPrintedReport() throws IOException {
        String path = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(path != null && !path.isBlank(), "no CompuSyn report given (-D" + PROPERTY + "=report.html)");
        Report rep = Report.parse(Files.readString(Path.of(path), StandardCharsets.ISO_8859_1));
        assertEquals(2, rep.drugs.size(), "a report of two drugs and their combination");
        assertNotNull(rep.combo, "a report with a constant-ratio combination");

        Agent a = rep.drugs.get(rep.combo.nameA), b = rep.drugs.get(rep.combo.nameB);
        assertNotNull(a, "drug " + rep.combo.nameA + " of the combination has its own data");
        assertNotNull(b, "drug " + rep.combo.nameB + " of the combination has its own data");
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (String[] row : a.rows) ms.add(new DoseMatrix.Measurement(num(row[0]), 0, num(row[1])));
        for (String[] row : b.rows) ms.add(new DoseMatrix.Measurement(0, num(row[0]), num(row[1])));
        double bPerA = rep.combo.partB / rep.combo.partA;
        for (String[] row : rep.combo.rows) ms.add(new DoseMatrix.Measurement(num(row[0]), num(row[0]) * bPerA, num(row[1])));
        List<String> warnings = new ArrayList<>();
        ChouTalalay.Result r = ChouTalalay.analyze(DoseMatrix.of(ms, warnings), warnings);
        assertEquals(1 / bPerA, r.ratio(), 1e-9 / bPerA, "the combination is recognised as a constant ratio");

        List<Check> checks = new ArrayList<>();
        fit(checks, a, r.a());
        fit(checks, b, r.b());
        fit(checks, rep.combo, r.combo());
        for (String[] row : rep.ciCurve) {
            double fa = num(row[0]);
            ChouTalalay.Level l = ChouTalalay.level(fa, r.combo(), r.ratio(), r.a(), r.b());
            checks.add(new Check("CI at Fa " + row[0], l.ci(), row[1], 0));
            checks.add(new Check("total dose at Fa " + row[0], l.doseA() + l.doseB(), row[2], 0));
        }
        for (String[] row : rep.driCurve) {
            double fa = num(row[0]);
            ChouTalalay.Level l = ChouTalalay.level(fa, r.combo(), r.ratio(), r.a(), r.b());
            checks.add(new Check("Dx " + a.name + " at Fa " + row[0], r.a().dose(fa), row[1], 0));
            checks.add(new Check("Dx " + b.name + " at Fa " + row[0], r.b().dose(fa), row[2], 0));
            checks.add(new Check("DRI " + a.name + " at Fa " + row[0], l.driA(), row[3], 0));
            checks.add(new Check("DRI " + b.name + " at Fa " + row[0], l.driB(), row[4], 0));
        }
        for (String[] row : rep.ciPoints) {
            ChouTalalay.Combination c = point(r, num(row[1]), num(row[0]));
            double fromFa = faRounding(row[1], Math.max(1 / r.a().m(), 1 / r.b().m()));
            checks.add(new Check("CI at the point of total dose " + row[0] + ", Fa " + row[1], c.ci(), row[2], fromFa));
        }
        for (String[] row : rep.driPoints) {
            ChouTalalay.Combination c = point(r, num(row[0]), Double.NaN);
            double fromA = faRounding(row[0], 1 / r.a().m()), fromB = faRounding(row[0], 1 / r.b().m());
            checks.add(new Check("Dx " + a.name + " at the point Fa " + row[0], r.a().dose(c.fa()), row[1], fromA));
            checks.add(new Check("Dx " + b.name + " at the point Fa " + row[0], r.b().dose(c.fa()), row[2], fromB));
            checks.add(new Check("DRI " + a.name + " at the point Fa " + row[0], c.driA(), row[3], fromA));
            checks.add(new Check("DRI " + b.name + " at the point Fa " + row[0], c.driB(), row[4], fromB));
        }

        double worst = 0;
        List<String> failed = new ArrayList<>();
        for (Check c : checks) {
            worst = Math.max(worst, c.relative());
            System.out.printf(Locale.ROOT, "%-55s ours %-12.6g CompuSyn %-10s rel %.2e (tol %.2e)%n", c.what, c.ours, c.printed, c.relative(), c.tolerance());
            if (!(c.relative() <= c.tolerance())) failed.add(c.what);
        }
        System.out.printf(Locale.ROOT, "%d numbers compared, largest relative difference %.2e%n", checks.size(), worst);
        assertTrue(checks.size() >= 9 + 2 * rep.ciCurve.size(), "the report's tables were read");
        assertTrue(failed.isEmpty(), "outside the tolerance: " + failed);
    }

    private static void fit(List<Check> checks, Agent printed, MedianEffect ours) {
        assertNotNull(ours, printed.name + " has a median-effect fit");
        checks.add(new Check("m of " + printed.name, ours.m(), printed.m, 0));
        checks.add(new Check("Dm of " + printed.name, ours.dm(), printed.dm, 0));
        checks.add(new Check("r of " + printed.name, ours.r(), printed.r, 0));
    }

    /** Our combination with fraction affected {@code fa} (and total dose {@code total} unless NaN). */
    private static ChouTalalay.Combination point(ChouTalalay.Result r, double fa, double total) {
        for (ChouTalalay.Combination c : r.combinations())
            if (c.fa() == fa && (Double.isNaN(total) || Math.abs(c.doseA() + c.doseB() - total) <= 1e-3 * total)) return c;
        throw new AssertionError("no combination with Fa " + fa + (Double.isNaN(total) ? "" : " and total dose " + total));
    }

    /** Relative change of Dx = Dm (fa/fu)^(1/m) for half a unit in the last printed digit of fa. */
    static double faRounding(String printedFa, double invM) {
        double fa = num(printedFa);
        return invM * halfUnit(printedFa) / (fa * (1 - fa));
    }

    /** Half a unit in the last printed digit: 0.00765 -> 5e-6, 5.47E-6 -> 5e-9, 100.425 -> 5e-4. */
    static double halfUnit(String printed) {
        String s = printed.replace("+", "").trim().toUpperCase(Locale.ROOT);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        int decimals = dot < 0 ? 0 : mantissa.length() - dot - 1;
        return 0.5 * Math.pow(10, exp - decimals);
    }

    static double num(String printed) {
        return Double.parseDouble(printed.replace("+", "").trim());
    }

    record Check(String what, double ours, String printed, double fromFa) {
        double relative() {
            return Math.abs(ours / num(printed) - 1);
        }

        double tolerance() {
            return Math.max(1e-3, Math.max(halfUnit(printed) / Math.abs(num(printed)), fromFa));
        }
    }

    /**
     * One agent of the report: its data rows (dose, or dose A for the mixture, and Fa) as printed
     * and its printed m, Dm, r; for the mixture also its drugs and ratio, "SOR+DOX [5:1]".
     */
    static final class Agent {
        final String name;
        final List<String[]> rows = new ArrayList<>();
        String m, dm, r;
        String nameA, nameB;
        double partA, partB;

        Agent(String name) {
            this.name = name;
        }
    }

    /**
     * The tables of a CompuSyn Report. Each table row is read as its cells; a section starts at
     * CompuSyn's headings ("Data for Drug: SOR [ug/ml]", "Data for Drug Combo: DOXSOR (SOR+DOX
     * [5:1])", "CI Data for Drug Combo", "CI values for actual experimental points", "DRI Data for
     * Drug Combo", "DRI values calculated at experimental points") and any other heading ends it.
     */
    static final class Report {
        final Map<String, Agent> drugs = new LinkedHashMap<>();
        Agent combo;
        final List<String[]> ciCurve = new ArrayList<>(), ciPoints = new ArrayList<>(), driCurve = new ArrayList<>(), driPoints = new ArrayList<>();

        private static final Pattern DRUG = Pattern.compile("Data for Drug:\\s*(.+?)\\s*(\\[.*\\])?");
        private static final Pattern CELL = Pattern.compile("(?i)<t[dh][\\s>]");
        private static final Pattern COMBO = Pattern.compile("Data for Drug Combo:\\s*(.+?)\\s*\\((.+)\\+(.+)\\s+\\[([0-9.]+):([0-9.]+)\\]\\)");

        static Report parse(String html) {
            Report rep = new Report();
            List<String[]> table = null;
            Agent agent = null; // the agent whose m, Dm and r rows come next
            for (String line : html.replaceAll("(?i)<tr>", "\n<tr>").split("\n")) {
                String text = line.replaceAll("(?i)<t[dh](\\s[^>]*)?>", "\t").replaceAll("<[^>]*>", "").replace("&nbsp;", " ").trim();
                if (text.isEmpty()) continue;
                if (!CELL.matcher(line).find()) { // a heading or free text between the tables
                    Matcher c = COMBO.matcher(text), d = DRUG.matcher(text);
                    table = null;
                    if (c.matches()) {
                        agent = rep.combo = new Agent(c.group(1));
                        agent.nameA = c.group(2).trim();
                        agent.nameB = c.group(3).trim();
                        agent.partA = Double.parseDouble(c.group(4));
                        agent.partB = Double.parseDouble(c.group(5));
                        table = agent.rows;
                    } else if (d.matches()) {
                        agent = new Agent(d.group(1));
                        rep.drugs.put(agent.name, agent);
                        table = agent.rows;
                    } else if (!text.endsWith("data points entered.")) {
                        agent = null;
                        if (text.startsWith("CI Data for Drug Combo")) table = rep.ciCurve;
                        else if (text.startsWith("CI values for actual experimental points")) table = rep.ciPoints;
                        else if (text.startsWith("DRI Data for Drug Combo")) table = rep.driCurve;
                        else if (text.startsWith("DRI values calculated at experimental points")) table = rep.driPoints;
                    }
                    continue;
                }
                String[] cells = cells(text);
                if (agent != null && table == null && cells.length >= 2 && cells[0].endsWith(":")) {
                    String value = cells[1].split("\\s+")[0];
                    switch (cells[0]) {
                        case "m:" -> agent.m = value;
                        case "Dm:" -> agent.dm = value;
                        case "r:" -> agent.r = value;
                        default -> { }
                    }
                } else if (table != null && numeric(cells)) table.add(cells);
            }
            for (Agent g : rep.drugs.values()) assertFalse(g.rows.isEmpty() || g.m == null, "drug " + g.name + ": data and m, Dm, r read");
            return rep;
        }

        private static String[] cells(String text) {
            List<String> out = new ArrayList<>();
            for (String c : text.split("\t")) if (!c.isBlank()) out.add(c.trim());
            return out.toArray(new String[0]);
        }

        private static boolean numeric(String[] cells) {
            if (cells.length < 2) return false;
            for (String c : cells)
                try {
                    num(c);
                } catch (NumberFormatException e) {
                    return false;
                }
            return true;
        }
    }
}
