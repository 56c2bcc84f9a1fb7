package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The plugin as a user installs it, for tests that run before {@code mvn package}: the thin
 * AssayQuant_.jar built from target/classes, its runtime dependencies and ij.jar, all taken from
 * the test class path.
 */
final class PluginJars {
    private PluginJars() {}

    /** Writes the plugin jar (classes, plugins.config at the root, SciJava plugin index) to {@code jar}. */
    static Path pluginJar(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(AssayQuantPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        assertTrue(Files.isDirectory(classes), "expected compiled classes in a folder, got " + classes);
        assertTrue(Files.isRegularFile(classes.resolve("plugins.config")), "plugins.config is not in " + classes);
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/json/org.scijava.plugin.Plugin")),
                "SciJava plugin index missing from " + classes);
        jar(classes, jar);
        return jar;
    }

    /** A jar holding only these files (name to text), e.g. another plugin's plugins.config. */
    static Path jar(Path jar, Map<String, String> files) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, manifest())) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                jos.putNextEntry(new JarEntry(f.getKey()));
                jos.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return jar;
    }

    /** ij-*.jar from the test class path. */
    static Path ijJar() {
        Path ij = classPath().stream().filter(p -> p.getFileName().toString().matches("ij-\\d.*\\.jar")).findFirst().orElse(null);
        assertNotNull(ij, "ij-*.jar not found on the test class path " + classPath());
        return ij;
    }

    /** The plugin's runtime dependencies: every jar on the test class path but ImageJ itself and the test framework. */
    static List<Path> dependencies() {
        List<Path> deps = new ArrayList<>();
        for (Path p : classPath()) {
            String n = p.getFileName().toString();
            if (!n.endsWith(".jar") || n.matches("ij-\\d.*\\.jar")) continue;
            if (n.startsWith("junit-") || n.startsWith("opentest4j-") || n.startsWith("apiguardian-")
                    || n.startsWith("surefire") || n.startsWith("maven-surefire") || n.startsWith("common-java5")
                    || n.startsWith("common-junit") || n.startsWith("junit5-")) continue;
            deps.add(p);
        }
        for (String needed : List.of("scijava-common-", "commons-math3-"))
            assertTrue(deps.stream().anyMatch(p -> p.getFileName().toString().startsWith(needed)),
                    needed + "*.jar not found on the test class path " + classPath());
        return deps;
    }

    /** The test JVM's class path (surefire puts the real one in java.class.path, or in surefire.test.class.path). */
    static List<Path> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String prop : List.of("java.class.path", "surefire.test.class.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) for (String e : v.split(File.pathSeparator)) if (!e.isBlank()) entries.add(e);
        }
        return entries.stream().map(Path::of).filter(Files::exists).distinct().toList();
    }

    private static Manifest manifest() {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return mf;
    }

    private static void jar(Path dir, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, manifest());
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
                if (name.isEmpty() || name.equals("META-INF") || name.equals("META-INF/MANIFEST.MF")) continue;
                if (Files.isDirectory(f)) {
                    jos.putNextEntry(new JarEntry(name + "/"));
                } else {
                    jos.putNextEntry(new JarEntry(name));
                    Files.copy(f, jos);
                }
                jos.closeEntry();
            }
        }
    }
}
