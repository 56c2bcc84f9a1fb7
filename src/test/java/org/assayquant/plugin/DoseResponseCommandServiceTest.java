package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import org.assayquant.cli.Main;
import org.assayquant.commands.DoseResponse;

/**
 * The dose-response command run headless through SciJava's CommandService (Fiji scripts,
 * pyimagej), every input given (all are persist = false, so nothing is read from or written to
 * the user's preferences): the same tables as the command line.
 */
class DoseResponseCommandServiceTest {
    @TempDir
    static Path tmp;
    private static Context context;
    private static CommandService commands;
    private static final Path EXAMPLE = Path.of("src/test/resources/dose/example_viability.csv").toAbsolutePath();

    @BeforeAll
    static void context() {
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void dispose() {
        if (context != null) context.dispose();
    }

    @ParameterizedTest(name = "process={0}")
    @ValueSource(booleans = {true, false})
    void runsThroughTheCommandService(boolean process) throws Exception {
        CommandInfo info = commands.getCommand(DoseResponse.class);
        assertNotNull(info, "DoseResponse is not in SciJava's plugin index");
        assertEquals("dose-response", info.getName());
        Path out = tmp.resolve("service-" + process);
        CommandModule m = commands.run(DoseResponse.class, process, Map.of("input", EXAMPLE.toString(), "out", out.toString(),
                "response", "viability", "top", "", "bottom", "", "interval", "log")).get(60, TimeUnit.SECONDS);
        assertNull(m.getCancelReason(), "cancelled: " + m.getCancelReason());
        Path cli = tmp.resolve("cli-" + process);
        assertEquals(0, Main.run(new String[] {"dose-response", "input=" + EXAMPLE, "out=" + cli}));
        for (String f : List.of("fits.csv", "points.csv"))
            assertEquals(Files.readString(cli.resolve(f)), Files.readString(out.resolve(f)), f + " differs from the command line's");
    }
}
