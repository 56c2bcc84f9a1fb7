package org.assayquant.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ij.measure.ResultsTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.cli.Main;
import org.assayquant.reliability.Fixtures.Fixture;
import org.assayquant.reliability.Fixtures.Valid;
import org.assayquant.testutil.CliRun;

/**
 * Same input -> byte-identical output files (CSV and PNG), whatever the default locale, and the
 * same when the commands run at the same time in one JVM (issue 7). Every command of
 * {@link Fixtures} is covered.
 */
class DeterminismTest {
    /**
     * Locales that break naive formatting: decimal comma (de), Turkish dotless i in
     * toLowerCase/toUpperCase (tr), Arabic-Indic digits and Arabic decimal separator (ar-SA).
     */
    static final List<Locale> LOCALES = List.of(Locale.GERMANY, Locale.US, Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("ar-SA"));

    @TempDir
    Path tmp;
    private Locale saved;

    @BeforeEach
    void save() {
        saved = Locale.getDefault();
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void sameInputGivesByteIdenticalFilesInEveryLocale() throws IOException {
        for (Fixture f : Fixtures.present()) {
            Path dir = tmp.resolve(f.name());
            Valid v = f.create(dir.resolve("in"));
            Path out = dir.resolve("out");
            Map<String, String> args = new LinkedHashMap<>(v.args());
            args.put("out", out.toString());
            Map<String, byte[]> first = null;
            Locale firstLocale = null;
            for (Locale l : LOCALES) {
                for (int rep = 0; rep < (firstLocale == null ? 2 : 1); rep++) { // twice in the first locale, once in the others
                    Locale.setDefault(l);
                    CliRun.Run r = CliRun.run(Cli.args(f.command(), args));
                    assertEquals(0, r.status(), f.name() + " in " + l + ": " + r);
                    Map<String, byte[]> files = Cli.contents(out);
                    Cli.deleteTree(out);
                    if (first == null) {
                        first = files;
                        firstLocale = l;
                        assertTrue(files.keySet().stream().anyMatch(n -> n.endsWith(".csv")), f.name() + " writes CSV files");
                        continue;
                    }
                    assertEquals(first.keySet(), files.keySet(), f.name() + ": files in " + l + " vs " + firstLocale);
                    for (String n : first.keySet())
                        assertArrayEquals(first.get(n), files.get(n), f.name() + ": " + n + " differs between " + firstLocale + " and " + l
                                + (n.endsWith(".csv") ? "\n--- " + firstLocale + ":\n" + text(first.get(n)) + "\n--- " + l + ":\n" + text(files.get(n)) : ""));
                }
            }
        }
    }

    static String text(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
    }

    /**
     * Every command twice at once (all started together on a latch) in one JVM: each output equals
     * the sequential run's, except run.csv's parameter.out line; the shared "Results" table is not
     * touched.
     */
    @Test
    void parallelRunsInOneJvmMatchSequentialRuns() throws Exception {
        Locale.setDefault(Locale.GERMANY);
        ResultsTable shared = ResultsTable.getResultsTable();
        shared.reset();
        shared.incrementCounter();
        shared.addValue("sentinel", 42);
        String sharedBefore = tableText(shared);

        List<Fixture> fixtures = Fixtures.present();
        Map<String, Valid> valid = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> sequential = new LinkedHashMap<>();
        for (Fixture f : fixtures) {
            Valid v = f.create(tmp.resolve(f.name()).resolve("in"));
            valid.put(f.name(), v);
            Path out = tmp.resolve(f.name()).resolve("sequential");
            CliRun.Run r = CliRun.run(args(f, v, out));
            assertEquals(0, r.status(), f.name() + ": " + r);
            sequential.put(f.name(), withoutOut(Cli.contents(out)));
        }

        int copies = 2;
        ExecutorService pool = Executors.newFixedThreadPool(fixtures.size() * copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Fixture> which = new ArrayList<>();
        try {
            for (int c = 0; c < copies; c++)
                for (Fixture f : fixtures) {
                    Path out = tmp.resolve(f.name()).resolve("parallel-" + c);
                    List<String> a = args(f, valid.get(f.name()), out);
                    outs.add(out);
                    which.add(f);
                    runs.add(pool.submit(() -> {
                        go.await();
                        return Main.run(a.toArray(new String[0])); // stderr: warnings only, not captured (System.err is global)
                    }));
                }
            go.countDown();
            for (int i = 0; i < runs.size(); i++) assertEquals(0, runs.get(i).get(5, TimeUnit.MINUTES), which.get(i).name() + " in parallel");
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < outs.size(); i++) {
            String name = which.get(i).name();
            Map<String, byte[]> expected = sequential.get(name), got = withoutOut(Cli.contents(outs.get(i)));
            assertEquals(expected.keySet(), got.keySet(), name);
            for (String n : expected.keySet())
                assertArrayEquals(expected.get(n), got.get(n), name + ": " + n + " differs between the sequential and a parallel run"
                        + (n.endsWith(".csv") ? "\n--- sequential:\n" + text(expected.get(n)) + "\n--- parallel:\n" + text(got.get(n)) : ""));
        }
        assertEquals(sharedBefore, tableText(ResultsTable.getResultsTable()), "the shared Results table was changed");
        assertTrue(ResultsTable.getResultsTable() == shared, "the shared Results table was replaced");
        shared.reset();
    }

    static List<String> args(Fixture f, Valid v, Path out) {
        Map<String, String> a = new LinkedHashMap<>(v.args());
        a.put("out", out.toString());
        return Cli.args(f.command(), a);
    }

    /** run.csv names its own output folder; drop that one line to compare runs into different folders. */
    static Map<String, byte[]> withoutOut(Map<String, byte[]> files) {
        Map<String, byte[]> m = new LinkedHashMap<>(files);
        byte[] run = m.get("run.csv");
        if (run != null) {
            String s = new String(run, StandardCharsets.UTF_8).replaceAll("(?m)^parameter\\.out,.*\\n", "");
            m.put("run.csv", s.getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    static String tableText(ResultsTable rt) {
        StringBuilder sb = new StringBuilder(rt.getColumnHeadings()).append('\n');
        for (int i = 0; i < rt.size(); i++) sb.append(rt.getRowAsString(i)).append('\n');
        return sb.toString();
    }
}
