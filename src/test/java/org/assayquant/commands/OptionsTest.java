package org.assayquant.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.Macro;
import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;

import org.assayquant.core.AssayException;

/**
 * Macro/command-line option parsing, value conversion and the macro-options round trip. Parsing and
 * conversion are exact (strings, ints, booleans; doubles compared with assertEquals(.., 0): the
 * round trip must not lose a single bit).
 */
class OptionsTest {

    /**
     * A command with one parameter of every supported kind. The @Plugin type is the generic
     * SciJavaPlugin, not Command, so Commands.all() and the CLI never list this test class.
     */
    @Plugin(type = SciJavaPlugin.class, name = "options-test", description = "every parameter kind, for OptionsTest")
    public static class AllKinds extends AssayCommand {
        @Parameter(required = true, style = "open", description = "a path")
        public String path = "";
        @Parameter(required = false, choices = {"fast", "exact"}, description = "a choice")
        public String mode = "fast";
        @Parameter(required = false, min = "1", max = "96", description = "a bounded whole number")
        public int count = 6;
        @Parameter(required = false, description = "an unbounded whole number")
        public int offset = 0;
        @Parameter(required = false, min = "0", description = "a non-negative number")
        public double radius = 2.5;
        @Parameter(required = false, description = "off by default")
        public boolean verbose = false;

        @Override
        public void run() {}
    }

    /** Like AllKinds, plus a checkbox that is on by default (e.g. "subtract background"). */
    @Plugin(type = SciJavaPlugin.class, name = "options-test-on", description = "a boolean that defaults to true")
    public static class DefaultOn extends AssayCommand {
        @Parameter(required = false, description = "a number")
        public int count = 3;
        @Parameter(required = false, description = "on by default")
        public boolean smooth = true;

        @Override
        public void run() {}
    }

    private static AssayException invalid(Runnable r) {
        AssayException e = assertThrows(AssayException.class, r::run);
        assertTrue(e.usage, "bad input is a usage error (exit 2): " + e.getMessage());
        return e;
    }

    // ---- parsing ------------------------------------------------------------------------------

    /** A batch's options text from the image command's dialog: only what differs from the defaults, and it parses back to the same values. */
    @Test
    void changedOptionsStateOnlyWhatDiffersAndReplay() {
        CommandSpec blot = Commands.get("blot");
        AssayCommand cmd = blot.instantiate();
        blot.apply(cmd, Map.of("image", "/x/blot.tif", "out", "/x/out", "lanes", "8", "background", "valley", "min_band_percent", "2.5", "band_rois", "/x/my bands.zip"));
        java.util.Set<String> skip = java.util.Set.of("image", "out", "overwrite");
        String text = blot.changedOptions(cmd, skip);
        assertEquals("lanes=8 background=valley min_band_percent=2.5 band_rois=[/x/my bands.zip]", text);
        AssayCommand again = blot.instantiate();
        blot.apply(again, Options.parseMacro(text));
        assertEquals(blot.changedOptions(cmd, skip), blot.changedOptions(again, skip));
        assertEquals("", blot.changedOptions(blot.instantiate(), skip), "all defaults: no options");
    }

    @Test
    void macroOptionsWithBracketsBareKeysAndCase() {
        Map<String, String> m = Options.parseMacro("  image=[/data/my blot.tif]  out=[C:\\my results\\a=b] Lanes=6 debug polarity=dark_bands lane_rois=[] ");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("image", "/data/my blot.tif");
        expected.put("out", "C:\\my results\\a=b"); // '=' and '\' inside brackets are part of the value
        expected.put("lanes", "6");                 // keys are lower-cased, as ImageJ records them
        expected.put("debug", "true");              // a bare key is a checked checkbox
        expected.put("polarity", "dark_bands");
        expected.put("lane_rois", "");
        assertEquals(expected, m);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.keySet()), "order kept");
        assertEquals(Map.of(), Options.parseMacro("   "));
    }

    @Test
    void macroOptionsParseLikeImageJ() {
        // ImageJ's own reader (ij.Macro.getValue) is the reference for what a recorded line means
        for (String o : List.of(
                "image=[/data/my blot.tif] out=[/tmp/out dir] lanes=6",
                "image=[/data/[2024] blot.tif] lanes=6",
                "lanes=auto image=/data/blot.tif")) {
            Map<String, String> m = Options.parseMacro(o);
            for (String key : List.of("image", "lanes")) {
                assertEquals(Macro.getValue(o, key, null), m.get(key), key + " in: " + o + " -> " + m);
            }
        }
    }

    @Test
    void duplicateKeysAreRefused() {
        AssayException e = invalid(() -> Options.parseMacro("lanes=5 lanes=6"));
        assertTrue(e.getMessage().contains("lanes"), e.getMessage());
        invalid(() -> Options.parseMacro("lanes=5 LANES=6"));
        invalid(() -> Options.parseMacro("debug image=a.tif debug"));
        e = invalid(() -> Options.parseArgs(new String[] {"lanes=5", "out=x", "lanes=6"}, 0));
        assertTrue(e.getMessage().contains("lanes"), e.getMessage());
    }

    @Test
    void unclosedBracketIsRefusedNamingTheKey() {
        AssayException e = invalid(() -> Options.parseMacro("lanes=6 image=[/data/my blot.tif"));
        assertTrue(e.getMessage().startsWith("image="), e.getMessage());
    }

    @Test
    void commandLineArguments() {
        Map<String, String> m = Options.parseArgs(new String[] {"blot", "image=[/a b/c.tif]", "out=/x/y=z", "lanes=", "Polarity=auto"}, 1);
        assertEquals("/a b/c.tif", m.get("image"));
        assertEquals("/x/y=z", m.get("out"), "only the first '=' separates");
        assertEquals("", m.get("lanes"));
        assertEquals("auto", m.get("polarity"));
        assertEquals(4, m.size());
        assertTrue(invalid(() -> Options.parseArgs(new String[] {"image"}, 0)).getMessage().contains("'image'"));
        invalid(() -> Options.parseArgs(new String[] {"=5"}, 0));
    }

    // ---- conversion ---------------------------------------------------------------------------

    @Test
    void conversionOfGoodValues() {
        CommandSpec spec = new CommandSpec(AllKinds.class);
        assertEquals(12, spec.convert(spec.param("count"), " 12 "));
        assertEquals(6, spec.convert(spec.param("count"), "6.0"), "a Fiji dialog's numeric field gives 6.0");
        assertEquals(1000, spec.convert(spec.param("offset"), "1e3"));
        assertEquals(-4, spec.convert(spec.param("offset"), "-4"));
        assertEquals(0.001, spec.convert(spec.param("radius"), "1e-3"));
        assertEquals(true, spec.convert(spec.param("verbose"), "TRUE"));
        assertEquals(false, spec.convert(spec.param("verbose"), "false"));
        assertEquals("exact", spec.convert(spec.param("mode"), "exact"));
        assertEquals("/a b.tif", spec.convert(spec.param("path"), "/a b.tif"));
    }

    @Test
    void conversionErrorsNameKeyValueAndExpectation() {
        CommandSpec spec = new CommandSpec(AllKinds.class);
        Object[][] cases = {
                {"count", "abc", "number"},
                {"count", "2.5", "whole number"},
                {"count", "0", "at least 1"},
                {"count", "97", "at most 96"},
                {"radius", "-0.1", "at least 0"},
                {"radius", "NaN", "finite"},
                {"radius", "Infinity", "finite"},
                {"mode", "slow", "fast, exact"},
                {"verbose", "yes", "true or false"},
        };
        for (Object[] c : cases) {
            CommandSpec.Param p = spec.param((String) c[0]);
            AssayException e = invalid(() -> spec.convert(p, (String) c[1]));
            assertTrue(e.getMessage().startsWith(c[0] + "=" + c[1] + ":"), e.getMessage());
            assertTrue(e.getMessage().contains((String) c[2]), c[0] + "=" + c[1] + " -> " + e.getMessage());
        }
        // the blot command's own bounds and choices
        CommandSpec blot = new CommandSpec(QuantifyBlotBands.class);
        assertTrue(invalid(() -> blot.convert(blot.param("min_band_percent"), "101")).getMessage().contains("at most 100"));
        assertTrue(invalid(() -> blot.convert(blot.param("radius"), "-5")).getMessage().contains("at least 0"));
        assertTrue(invalid(() -> blot.convert(blot.param("polarity"), "dark")).getMessage().contains("light_bands"));
        AssayException e = invalid(() -> blot.apply(blot.instantiate(), Map.of("lane", "5")));
        assertTrue(e.getMessage().contains("'lane'") && e.getMessage().contains("lanes"), e.getMessage());
    }

    @Test
    void wholeNumbersOutsideIntRangeAreRefused() {
        // 1e10 is a whole number but no int: it must not silently become 2147483647
        CommandSpec spec = new CommandSpec(AllKinds.class);
        invalid(() -> spec.convert(spec.param("offset"), "1e10"));
        invalid(() -> spec.convert(spec.param("offset"), "-3000000000"));
    }

    // ---- round trip ---------------------------------------------------------------------------

    private static void assertRoundTrip(CommandSpec spec, AssayCommand cmd) {
        String options = spec.macroOptions(cmd);
        AssayCommand back = spec.instantiate();
        spec.applyMacro(back, Options.parseMacro(options));
        // Map.equals on boxed values: doubles must match exactly (Double.equals compares bits)
        assertEquals(spec.values(cmd), spec.values(back), "via \"" + options + "\"");
    }

    @Test
    void roundTripOfTheBlotCommand() {
        CommandSpec spec = new CommandSpec(QuantifyBlotBands.class);
        QuantifyBlotBands cmd = (QuantifyBlotBands) spec.instantiate();
        assertRoundTrip(spec, cmd); // defaults
        cmd.image = "/data/my blot (1).tif";
        cmd.out = "/tmp/out dir";
        cmd.lanes = "6";
        cmd.polarity = "dark_bands";
        cmd.background = "rolling_ball";
        cmd.radius = 12.5;
        cmd.min_band_percent = 0.1 + 0.2; // 0.30000000000000004: needs all 17 digits
        cmd.lane_rois = "";
        assertTrue(spec.macroOptions(cmd).contains("image=[/data/my blot (1).tif]"), spec.macroOptions(cmd));
        assertRoundTrip(spec, cmd);
    }

    @Test
    void roundTripOfEveryParameterKind() {
        CommandSpec spec = new CommandSpec(AllKinds.class);
        AllKinds cmd = (AllKinds) spec.instantiate();
        assertRoundTrip(spec, cmd);
        cmd.path = "C:\\Users\\me\\blot 2.tif";
        cmd.mode = "exact";
        cmd.count = 96;
        cmd.offset = -7;
        cmd.radius = 1e20;
        cmd.verbose = true;
        assertRoundTrip(spec, cmd);
        cmd.radius = 1.0 / 3;
        cmd.verbose = false;
        assertRoundTrip(spec, cmd);
    }

    @Test
    void roundTripOfACheckboxThatDefaultsToTrue() {
        // ImageJ records an unchecked box by leaving its key out, and in a macro a missing checkbox
        // key means false; replaying the recorded options must give false back, not the default
        CommandSpec spec = new CommandSpec(DefaultOn.class);
        DefaultOn cmd = (DefaultOn) spec.instantiate();
        cmd.smooth = false;
        assertRoundTrip(spec, cmd);
    }

    @Test
    void roundTripOfAPathWithBrackets() {
        // ImageJ itself parses "image=[/data/[2024] blot.tif]" (see macroOptionsParseLikeImageJ)
        CommandSpec spec = new CommandSpec(QuantifyBlotBands.class);
        QuantifyBlotBands cmd = (QuantifyBlotBands) spec.instantiate();
        cmd.image = "/data/[2024] blot.tif";
        cmd.out = "/data/out";
        assertRoundTrip(spec, cmd);
    }
}
