package org.assayquant.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example experiment (docs/example-experiment) run once per test JVM from the command line,
 * for every test class that reads its results: it is the suite's longest single run.
 */
public final class ExampleExperiment {
    private ExampleExperiment() {}

    public static final Path SHEET = Path.of("docs", "example-experiment", "experiment.csv");

    /** Every file the sheet reads: checksummed before the run, so a test can show none was changed. */
    public static final List<Path> INPUTS = List.of(SHEET, SHEET.resolveSibling("pakt_samples.csv"),
            Path.of("docs", "examples", "dose_response.csv"), Path.of("docs", "examples", "synergy_matrix.csv"),
            Path.of("docs", "examples", "synergyfinder_blocks.csv"), Path.of("sample-images", "blot_chemi_16bit.tif"),
            Path.of("sample-images", "blot_film_8bit_dark.tif"), Path.of("sample-images", "blot_doublet_16bit.tif"),
            Path.of("sample-images", "plate12_crystal_violet.png"), Path.of("sample-images", "plate12_crystal_violet.layout.csv"));

    /** Where the results are, how the run ended, and each input's checksum taken before the run. */
    public record Results(Path out, CliRun.Run run, Map<Path, String> inputsBefore) {}

    private static Results results;

    /** The results, running the example first if this JVM has not. */
    public static synchronized Results results() {
        if (results != null) return results;
        try {
            Map<Path, String> before = new LinkedHashMap<>();
            for (Path p : INPUTS) before.put(p, org.assayquant.io.RunInfo.sha256(p.toString()));
            Path dir = Files.createTempDirectory("assayquant-example");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            Path out = dir.resolve("example results"); // a space, as a person's folder may have
            results = new Results(out, CliRun.run("experiment", "sheet=" + SHEET, "out=" + out), before);
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
