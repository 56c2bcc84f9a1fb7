package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin loaded the way ImageJ 1.x loads it: ij.jar on the application class path (also the
 * thread's context class loader), the plugin jar and its dependencies in a child class loader
 * shared with every other plugin (ImageJ's PluginClassLoader over plugins/ and plugins/jars/;
 * Fiji has one loader for all jars). Headless and fast; {@link MacroReplayTest} checks the same
 * end to end in a real ImageJ.
 */
class PluginClassLoaderTest {

    @TempDir
    static Path tmp;

    /** Commands are found through the plugin's own class loader, not the thread's context loader. */
    @Test
    void commandIsFoundWhenOnlyThePluginLoaderSeesThePlugin() throws Exception {
        Object spec = inImageJLoaders(List.of(), commands -> commands.getMethod("get", String.class).invoke(null, "blot"));
        assertNotNull(spec, "Commands.get(\"blot\") is null when the plugin jar is not on the context class loader"
                + " (as in ImageJ 1.x, where AssayQuantPlugin then shows a modal 'Unknown AssayQuant command' error)");
    }

    /** The menu label comes from our plugins.config, not from the first plugins.config the loader finds. */
    @Test
    void menuLabelIsOursBesideOtherPlugins() throws Exception {
        Path other = PluginJars.jar(tmp.resolve("AAA_Other_Plugin_.jar"), Map.of("plugins.config",
                "# another plugin, earlier on the class path\nPlugins>Other, \"Other Thing\", other.Thing(\"blot\")\n"));
        Object label = inImageJLoaders(List.of(other), commands -> commands.getMethod("label", String.class).invoke(null, "blot"));
        assertEquals("Quantify Blot Bands...", label, "menu label of 'blot' with another plugin's plugins.config first on the class path");
        Object path = inImageJLoaders(List.of(other), commands -> commands.getMethod("menuPath", String.class).invoke(null, "blot"));
        assertEquals("Plugins > AssayQuant > Quantify Blot Bands...", path);
    }

    /**
     * A test's plugin listed in a plugin index on the application loader (as target/test-classes
     * is in the recorder test) is skipped by its type, not loaded: such a class may not load at all.
     */
    @Test
    void otherPluginTypesInTheIndexAreNotLoaded() throws Exception {
        Path index = PluginJars.jar(tmp.resolve("test-index.jar"), Map.of("META-INF/json/org.scijava.plugin.Plugin",
                "{\"class\":\"org.assayquant.commands.NoSuchTestPlugin\",\"values\":{\"name\":\"x\",\"type\":\"org.scijava.plugin.SciJavaPlugin\"}}"));
        Object spec = inImageJLoaders(List.of(index), List.of(), commands -> commands.getMethod("get", String.class).invoke(null, "blot"));
        assertNotNull(spec, "Commands.get(\"blot\") with another plugin type listed in an index on the application class path");
    }

    interface Call {
        Object call(Class<?> commands) throws Exception;
    }

    /** Calls org.assayquant.commands.Commands as loaded by an ImageJ-like pair of class loaders. */
    private static Object inImageJLoaders(List<Path> otherPluginJars, Call call) throws Exception {
        return inImageJLoaders(List.of(), otherPluginJars, call);
    }

    /** The same with more jars on the application class path beside ij.jar. */
    private static Object inImageJLoaders(List<Path> appJars, List<Path> otherPluginJars, Call call) throws Exception {
        List<URL> app = new ArrayList<>(List.of(url(PluginJars.ijJar())));
        for (Path p : appJars) app.add(url(p));
        List<URL> plugins = new ArrayList<>();
        for (Path p : otherPluginJars) plugins.add(url(p));
        plugins.add(url(PluginJars.pluginJar(tmp.resolve("AssayQuant_.jar"))));
        for (Path p : PluginJars.dependencies()) plugins.add(url(p));
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        try (URLClassLoader appLoader = new URLClassLoader(app.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
             URLClassLoader pluginLoader = new URLClassLoader(plugins.toArray(new URL[0]), appLoader)) {
            t.setContextClassLoader(appLoader); // ImageJ 1.x runs plugins with the application loader as context loader
            Class<?> commands = Class.forName("org.assayquant.commands.Commands", true, pluginLoader);
            assertEquals(pluginLoader, commands.getClassLoader());
            return call.call(commands);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static URL url(Path p) throws MalformedURLException {
        return p.toUri().toURL();
    }
}
