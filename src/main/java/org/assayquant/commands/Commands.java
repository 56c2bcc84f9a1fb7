package org.assayquant.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * The AssayQuant commands, found through SciJava's plugin index (so adding a command class is
 * all it takes), with their Fiji menu paths read from plugins.config, the one place menu labels
 * are written.
 */
public final class Commands {
    private static Map<String, CommandSpec> specs;
    private static Map<String, String> menus;
    private static final String PLUGIN_CLASS = "org.assayquant.plugin.AssayQuantPlugin(";

    private Commands() {}

    @SuppressWarnings("unchecked")
    public static synchronized Map<String, CommandSpec> all() {
        if (specs == null) {
            Map<String, CommandSpec> m = new java.util.TreeMap<>();
            for (String name : indexedClasses()) {
                try {
                    Class<?> c = Class.forName(name, true, Commands.class.getClassLoader());
                    Plugin plugin = c.getAnnotation(Plugin.class); // the index entry's own source
                    if (plugin != null && AssayCommand.class.isAssignableFrom(c))
                        m.put(plugin.name(), new CommandSpec((Class<? extends AssayCommand>) c));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("plugin index names a missing class " + name, e);
                }
            }
            specs = m;
        }
        return specs;
    }

    /**
     * Our commands listed in SciJava's plugin index (META-INF/json/org.scijava.plugin.Plugin: one
     * JSON object per @Plugin, {"class":..., "values":{..., "type":...}}, written by SciJava's
     * annotation processor and kept whole in the shaded jar), by type before any class is loaded
     * (a test's plugin class on a parent loader may not even load). Read here rather than through
     * SciJava's PluginIndex, which costs ~80 ms of every command-line start for the same list
     * (CommandsTest checks that both agree). Our own class loader: inside ImageJ the plugins'
     * loader is not the context loader.
     */
    private static Set<String> indexedClasses() {
        Set<String> names = new LinkedHashSet<>();
        try {
            var urls = Commands.class.getClassLoader().getResources("META-INF/json/" + Plugin.class.getName());
            while (urls.hasMoreElements()) {
                try (InputStream in = urls.nextElement().openStream()) {
                    for (String entry : INDEX_ENTRY.split(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        Matcher name = ENTRY_CLASS.matcher(entry), type = ENTRY_TYPE.matcher(entry);
                        if (name.lookingAt() && name.group(1).startsWith("org.assayquant.")
                                && type.find() && type.group(1).equals(Command.class.getName())) names.add(name.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the plugin index: " + e.getMessage(), e);
        }
        return names;
    }

    /** Splits the index before each entry's {"class": ...}; the class name, then the plugin type within one entry. */
    private static final Pattern INDEX_ENTRY = Pattern.compile("(?=\\{\\s*\"class\"\\s*:)"),
            ENTRY_CLASS = Pattern.compile("\\{\\s*\"class\"\\s*:\\s*\"([^\"]+)\""),
            ENTRY_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    public static CommandSpec get(String name) {
        return all().get(name);
    }

    /** "Plugins > AssayQuant > Quantify Blot Bands" for a command name, from plugins.config. */
    public static synchronized String menuPath(String name) {
        if (menus == null) {
            menus = new LinkedHashMap<>();
            Pattern line = Pattern.compile("^\\s*([^,#]+),\\s*\"([^\"]+)\",\\s*[\\w.]+\\(\"([^\"]+)\"\\)");
            // every plugin jar has a plugins.config at its root: read the entries that run ours
            try {
                var urls = Commands.class.getClassLoader().getResources("plugins.config");
                while (urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                        for (String s; (s = r.readLine()) != null; ) {
                            Matcher m = line.matcher(s);
                            if (m.find() && s.contains(PLUGIN_CLASS)) menus.putIfAbsent(m.group(3), m.group(1).trim().replace(">", " > ") + " > " + m.group(2));
                        }
                    }
                }
            } catch (IOException ignored) {
                // no menu paths to show
            }
        }
        return menus.get(name);
    }

    /** The menu label alone, "Quantify Blot Bands...": the name ImageJ's recorder writes in run("...", ...). */
    public static String label(String name) {
        String p = menuPath(name);
        return p == null ? name : p.substring(p.lastIndexOf(" > ") + 3);
    }

    /** The menu label without its "...": the dialog's title and the prefix of error messages. */
    public static String title(String name) {
        return label(name).replaceFirst("\\.\\.\\.$", "");
    }
}
