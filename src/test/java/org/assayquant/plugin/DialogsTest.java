package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.commands.CommandSpec;
import org.assayquant.commands.Commands;

/**
 * Every dialog as a person sees it, in one plain ImageJ under Xvfb (DialogHarness): plain labels
 * with units instead of keys, dropdowns for choices, the open results tables offered for each CSV
 * input, "..." on the menu entries, Help > About AssayQuant. Screenshots of the dialogs are kept
 * in target/dialog-screenshots. Skipped where Xvfb is not installed.
 */
class DialogsTest {
    @TempDir
    static Path tmp;
    private static List<String[]> seen;
    /** Kept after the build (CI can publish them): what each dialog looks like. */
    private static final Path SCREENSHOTS = Path.of("target", "dialog-screenshots").toAbsolutePath();

    @BeforeAll
    static void openEveryDialog() throws Exception {
        assumeTrue(ImageJLauncher.available(), "Xvfb not installed: dialog tests skipped");
        Path ijDir = ImageJLauncher.install(tmp);
        Path harness = Path.of(DialogHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path result = tmp.resolve("dialogs.txt"), png = Files.createDirectories(SCREENSHOTS);
        List<String> args = new ArrayList<>(List.of("-Djava.awt.headless=false", "-Xmx1g", "-Duser.home=" + tmp.resolve("home"),
                "-cp", PluginJars.ijJar() + File.pathSeparator + harness, DialogHarness.class.getName(), ijDir.toString(), result.toString(), png.toString()));
        for (String name : List.of("blot", "wells", "normalize", "dose-response", "synergy", "experiment", "batch")) args.add(Commands.label(name));
        ImageJLauncher.Launch run = ImageJLauncher.java(tmp, "dialogs", "DialogHarness: every dialog opened, read and closed", args, 60);
        assertTrue(Files.isRegularFile(result), "the harness wrote nothing\n" + run);
        seen = Files.readAllLines(result, StandardCharsets.UTF_8).stream().map(l -> l.split("\t")).toList();
    }

    private static List<String> shown(String command, String kind) {
        return seen.stream().filter(l -> l[0].equals(Commands.label(command)) && l.length > 2 && l[1].equals(kind)).map(l -> l[2]).toList();
    }

    @Test
    void everyMenuEntryHasItsDotsAndEveryDialogOpens() {
        for (String name : List.of("blot", "wells", "normalize", "dose-response", "synergy", "experiment", "batch")) {
            assertTrue(Commands.label(name).endsWith("..."), Commands.label(name));
            assertFalse(shown(name, "label").isEmpty(), name + ": no dialog\n" + String.join("\n", seen.stream().map(l -> String.join(" ", l)).toList()));
            assertTrue(Files.isRegularFile(SCREENSHOTS.resolve(Commands.title(name).replace(' ', '_') + ".png")), "screenshot of " + name);
        }
        assertTrue(seen.stream().anyMatch(l -> l[0].equals("about") && l[1].equals("About AssayQuant")), "Help > About AssayQuant opens");
    }

    /** Each visible parameter reads as its plain label (never the raw key), with units where it has one. */
    @Test
    void labelsArePlainWithUnits() {
        for (String name : List.of("blot", "wells", "normalize", "dose-response", "synergy", "experiment", "batch")) {
            CommandSpec spec = Commands.get(name);
            List<String> texts = new ArrayList<>(shown(name, "label"));
            texts.addAll(shown(name, "checkbox"));
            for (CommandSpec.Param p : spec.params) {
                if (p.hidden()) continue;
                assertTrue(texts.contains(p.label()), name + ": '" + p.label() + "' not shown; shown: " + texts);
                assertFalse(texts.contains(p.key()) && p.key().contains("_"), name + ": raw key " + p.key() + " shown");
            }
        }
        assertTrue(shown("wells", "label").contains("Minimum colony area (px)"));
        assertTrue(shown("normalize", "label").contains("Control row (0 = automatic)"));
        assertTrue(shown("blot", "label").contains("Rolling-ball radius (px, 0 = automatic)"));
    }

    /** Choices are dropdowns; each CSV input offers the open tables (here "blot-Bands"). */
    @Test
    void batchOffersTheImageCommandsOwnDialogForItsOptions() {
        assertTrue(shown("batch", "button").contains("Options of the command..."), "the batch's options are set in the command's own dialog, not typed: " + shown("batch", "button"));
        assertFalse(shown("blot", "button").contains("Options of the command..."));
    }

    @Test
    void choicesAreDropdownsAndOpenTablesAreOffered() {
        assertTrue(shown("blot", "choice").contains("auto | light_bands | dark_bands"), shown("blot", "choice").toString());
        assertTrue(shown("wells", "choice").contains("auto | dish | 6 | 12 | 24 | 48 | 96"), shown("wells", "choice").toString());
        long tableLists = shown("normalize", "choice").stream().filter(c -> c.equals("or an open table... | blot-Bands")).count();
        assertEquals(3, tableLists, "target, control and samples offer the open table: " + shown("normalize", "choice"));
        for (String name : List.of("dose-response", "synergy", "wells"))
            assertTrue(shown(name, "choice").contains("or an open table... | blot-Bands"), name + ": " + shown(name, "choice"));
        assertFalse(shown("blot", "choice").stream().anyMatch(c -> c.contains("blot-Bands")), "no table list for an image input");
    }
}
