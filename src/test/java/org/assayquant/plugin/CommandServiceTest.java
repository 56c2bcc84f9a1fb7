package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import org.assayquant.cli.Main;
import org.assayquant.commands.DrugSynergy;
import org.assayquant.commands.QuantifyBlotBands;

/**
 * The blot and synergy commands run headless (surefire sets java.awt.headless=true) through SciJava's
 * CommandService, as Fiji scripts, ImageJ2 headless mode and pyimagej run it: with and without
 * pre/postprocessing it writes the same tables as the command line.
 *
 * <p>SciJava's pre/postprocessors (process=true) load and save unset inputs in the user's
 * java.util.prefs node of the command class (~/.java/.userPrefs on Linux, shared with Fiji); the
 * test empties that node before each test and puts the user's values back afterwards.
 */
class CommandServiceTest {

    @TempDir
    static Path tmp;

    private static Context context;
    private static CommandService commands;
    private static final Path SAMPLE = Path.of("sample-images", "blot_chemi_16bit.tif").toAbsolutePath();

    private static final String PREFS = QuantifyBlotBands.class.getName().replace('.', '/');
    private static final String PREFS_TOP = "org/assayquant";
    private static boolean hadPrefs;
    private static Map<String, String> savedPrefs;

    @BeforeAll
    static void context() throws BackingStoreException {
        hadPrefs = Preferences.userRoot().nodeExists(PREFS_TOP);
        if (Preferences.userRoot().nodeExists(PREFS)) {
            Preferences n = Preferences.userRoot().node(PREFS);
            savedPrefs = new java.util.LinkedHashMap<>();
            for (String k : n.keys()) savedPrefs.put(k, n.get(k, null));
        }
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @BeforeEach
    void forgetRememberedInputs() throws BackingStoreException {
        if (Preferences.userRoot().nodeExists(PREFS)) {
            Preferences.userRoot().node(PREFS).clear();
            Preferences.userRoot().flush();
        }
    }

    @AfterAll
    static void dispose() throws BackingStoreException {
        if (context != null) context.dispose();
        Preferences root = Preferences.userRoot();
        if (!hadPrefs) {
            if (root.nodeExists(PREFS_TOP)) root.node(PREFS_TOP).removeNode();
        } else if (root.nodeExists(PREFS)) {
            Preferences n = root.node(PREFS);
            n.clear();
            if (savedPrefs != null) savedPrefs.forEach(n::put);
        }
        root.flush();
    }

    @ParameterizedTest(name = "process={0}")
    @ValueSource(booleans = {true, false})
    void blotRunsThroughTheCommandService(boolean process) throws Exception {
        CommandInfo info = commands.getCommand(QuantifyBlotBands.class);
        assertNotNull(info, "QuantifyBlotBands is not in SciJava's plugin index");
        assertEquals("blot", info.getName());

        Path out = tmp.resolve("process-" + process);
        CommandModule m = run(process, Map.of("image", SAMPLE.toString(), "out", out.toString()));
        assertEightLanesTwoRows(out);
        // a script receives the results as outputs: every written table as a ResultsTable, and the warnings
        @SuppressWarnings("unchecked")
        Map<String, ij.measure.ResultsTable> tables = (Map<String, ij.measure.ResultsTable>) m.getOutput("tables");
        assertEquals(List.of("bands.csv", "lanes.csv"), List.copyOf(tables.keySet()));
        ij.measure.ResultsTable bands = tables.get("bands.csv");
        assertEquals(16, bands.size(), "16 bands");
        List<String> lines = Files.readAllLines(out.resolve("bands.csv"), StandardCharsets.UTF_8);
        int volume = List.of(lines.get(0).split(",")).indexOf("volume");
        assertEquals(Double.parseDouble(lines.get(1).split(",")[volume]), bands.getValue("volume", 0), 1e-6, "the written volume, at full precision");
        assertEquals("", m.getOutput("warnings"), "no warnings on the clean sample");
        if (!process) { // without an output folder, as a script that only wants the numbers
            @SuppressWarnings("unchecked")
            Map<String, ij.measure.ResultsTable> only = (Map<String, ij.measure.ResultsTable>) run(false, Map.of("image", SAMPLE.toString(), "out", "")).getOutput("tables");
            assertEquals(16, only.get("bands.csv").size(), "tables without out=");
        }

        Path cli = tmp.resolve("cli-" + process);
        assertEquals(0, Main.run(new String[] {"blot", "image=" + SAMPLE, "out=" + cli}));
        for (String f : List.of("bands.csv", "lanes.csv"))
            assertEquals(Files.readString(cli.resolve(f)), Files.readString(out.resolve(f)), f + " differs from the command line's");
    }

    /**
     * A run that leaves lanes and min_band_percent unset gets their defaults, not the values of
     * the previous run (SciJava remembers inputs of @Parameters without persist = false).
     */
    @Test
    void inputsAreNotRememberedBetweenRuns() throws Exception {
        Path first = tmp.resolve("remember-1");
        run(true, Map.of("image", SAMPLE.toString(), "out", first.toString(), "lanes", "3", "min_band_percent", 10.0));
        assertEquals(4, Files.readAllLines(first.resolve("lanes.csv")).size(), "lanes=3 gives 3 lanes");

        Path second = tmp.resolve("remember-2");
        CommandModule m = run(true, Map.of("image", SAMPLE.toString(), "out", second.toString()));
        assertEquals("auto", m.getInput("lanes"), "lanes was not given: expected its default, got the previous run's value"
                + " (remembered in java.util.prefs node /" + PREFS + ")");
        assertEquals(4.0, m.getInput("min_band_percent"), "min_band_percent was not given: expected its default");
        assertEightLanesTwoRows(second);
    }

    /** Drug synergy headless on a SynergyFinder-format file of two blocks (issue 16): the CLI's tables, every block named by its drugs. */
    @Test
    void synergyOfASynergyFinderFileRunsThroughTheCommandService() throws Exception {
        Path input = Path.of("docs", "examples", "synergyfinder_blocks.csv").toAbsolutePath();
        Path out = tmp.resolve("synergy"), cli = tmp.resolve("synergy-cli");
        CommandModule m = run(DrugSynergy.class, false, Map.of("input", input.toString(), "out", out.toString(), "response", "inhibition"));
        @SuppressWarnings("unchecked")
        Map<String, ij.measure.ResultsTable> tables = (Map<String, ij.measure.ResultsTable>) m.getOutput("tables");
        ij.measure.ResultsTable summary = tables.get("summary.csv");
        assertNotNull(summary, "tables: " + tables.keySet());
        assertEquals(List.of("Dinaciclib", "BMS-754807"), java.util.stream.IntStream.range(0, summary.size())
                .mapToObj(i -> summary.getStringValue("drug_a", i)).distinct().toList());
        assertTrue(String.valueOf(m.getOutput("warnings")).contains("block 2 (Dinaciclib x Ipatasertib)"), String.valueOf(m.getOutput("warnings")));
        assertEquals(0, Main.run(new String[] {"synergy", "input=" + input, "out=" + cli, "response=inhibition"}));
        for (String f : List.of("summary.csv", "combinations.csv", "median_effect.csv"))
            assertEquals(Files.readString(cli.resolve(f)), Files.readString(out.resolve(f)), f + " differs from the command line's");
    }

    private static CommandModule run(boolean process, Map<String, Object> inputs) throws Exception {
        return run(QuantifyBlotBands.class, process, inputs);
    }

    private static CommandModule run(Class<? extends org.scijava.command.Command> command, boolean process, Map<String, Object> inputs) throws Exception {
        CommandModule module;
        try {
            module = commands.run(command, process, inputs).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("CommandService.run(process=" + process + ") failed: " + e.getCause(), e.getCause());
        }
        assertNotNull(module, "CommandService.run returned no module (process=" + process + ")");
        assertNull(module.getCancelReason(), "cancelled: " + module.getCancelReason());
        return module;
    }

    private static void assertEightLanesTwoRows(Path out) throws java.io.IOException {
        List<String> bands = Files.readAllLines(out.resolve("bands.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(bands.get(0).split(","));
        int lane = header.indexOf("lane"), row = header.indexOf("row");
        assertTrue(lane >= 0 && row >= 0, "bands.csv header " + header);
        TreeSet<Integer> lanes = new TreeSet<>(), rows = new TreeSet<>();
        for (String line : bands.subList(1, bands.size())) {
            String[] cells = line.split(",", -1);
            lanes.add(Integer.parseInt(cells[lane]));
            rows.add(Integer.parseInt(cells[row]));
        }
        assertEquals(16, bands.size() - 1, "8 lanes x 2 rows of bands:\n" + String.join("\n", bands));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), List.copyOf(lanes));
        assertEquals(List.of(1, 2), List.copyOf(rows));
        for (String f : List.of("lanes.csv", "lane_rois.zip", "overlay.png", "run.csv"))
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
    }
}
