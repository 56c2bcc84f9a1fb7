package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ij.Macro;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.cli.Main;
import org.assayquant.commands.AssayCommand;
import org.assayquant.commands.CommandSpec;
import org.assayquant.commands.Commands;

/**
 * The normalize command through the ImageJ 1.x menu bridge with macro options (as a macro's
 * run("Normalize and Fold Change...", "...") line calls it, headless), in-process: the recorded
 * options string replays and writes the same tables as the command line.
 */
class NormalizeMacroTest {
    @TempDir
    Path tmp;

    @Test
    void macroLineWritesWhatTheCommandLineWrites() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("my blots"));
        Path bands = Files.writeString(dir.resolve("bands.csv"), """
                image,lane,row,volume,saturated,detected
                b.tif,1,1,100,false,true
                b.tif,2,1,300,false,true
                b.tif,3,1,90,false,true
                b.tif,4,1,200,false,true
                b.tif,1,2,1000,false,true
                b.tif,2,2,1000,false,true
                b.tif,3,2,1000,false,true
                b.tif,4,2,800,false,true
                """);
        Path sheet = Files.writeString(dir.resolve("samples.csv"), "lane,condition,replicate\n1,ctrl,1\n2,drug,1\n3,ctrl,2\n4,drug,2\n");
        Path cli = tmp.resolve("cli"), macro = tmp.resolve("macro out");
        assertEquals(0, Main.run(new String[] {"normalize", "target=" + bands, "samples=" + sheet, "control_condition=ctrl", "out=" + cli}));

        CommandSpec spec = Commands.get("normalize");
        AssayCommand cmd = spec.instantiate();
        spec.set(cmd, spec.param("target"), bands.toString());
        spec.set(cmd, spec.param("samples"), sheet.toString());
        spec.set(cmd, spec.param("control_condition"), "ctrl");
        spec.set(cmd, spec.param("out"), macro.toString());
        String options = spec.macroOptions(cmd); // what ImageJ's recorder writes from the dialog
        assertTrue(options.contains("target=[" + bands + "]"), options);
        assertEquals("Normalize and Fold Change...", Commands.label("normalize"));

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> { // ImageJ hands macro options only to threads named Run$_...
            try {
                Macro.setOptions(options);
                new AssayQuantPlugin().run("normalize");
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                Macro.setOptions(null);
            }
        }, "Run$_normalize-test");
        t.start();
        t.join(60_000);
        assertNull(failure.get(), () -> "macro run failed: " + failure.get());
        for (String f : List.of("normalized.csv", "replicates.csv", "fold_change.csv", "statistics.csv"))
            assertEquals(Files.readString(cli.resolve(f)), Files.readString(macro.resolve(f)), f + " differs from the command line's");
        assertTrue(Files.isRegularFile(macro.resolve("fold_change.png")));
    }
}
