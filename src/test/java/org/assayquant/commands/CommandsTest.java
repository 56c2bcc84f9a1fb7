package org.assayquant.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;
import org.scijava.plugin.PluginInfo;

/** Commands reads SciJava's plugin index file itself: it must list what SciJava's own PluginIndex lists. */
class CommandsTest {

    @Test
    void sameCommandsAsSciJavasPluginIndex() {
        PluginIndex index = new PluginIndex(new DefaultPluginFinder(Commands.class.getClassLoader()));
        index.discover();
        Map<String, String> expected = new TreeMap<>();
        for (PluginInfo<?> info : index.getPlugins(Command.class))
            if (info.getClassName().startsWith("org.assayquant.")) expected.put(info.getName(), info.getClassName());
        Map<String, String> found = new TreeMap<>();
        Commands.all().forEach((name, spec) -> found.put(name, spec.type.getName()));
        assertEquals(expected, found);
        // not an empty index on both sides (a new command adds itself, no count to raise here)
        assertTrue(found.keySet().containsAll(java.util.List.of("blot", "wells", "normalize", "dose-response", "synergy", "batch", "experiment")), found.keySet().toString());
    }
}
