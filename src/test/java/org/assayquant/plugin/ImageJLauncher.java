package org.assayquant.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.assayquant.testutil.CliRun;

/**
 * Real ImageJ 1.x runs for the tests that need a display (GenericDialog, macro run()): the plugin
 * installed as a user installs it, each launch a fresh JVM on one Xvfb server shared by every launch
 * of this test JVM. (A server per launch, as xvfb-run starts, cost 0.9 s of each 1.5-3 s launch.)
 */
final class ImageJLauncher {
    private ImageJLauncher() {}

    private static String display;

    /** What one launch printed. */
    record Launch(String what, String stdout, String stderr, long millis) {
        @Override
        public String toString() {
            return "--- " + what + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr + "--- took " + millis + " ms";
        }
    }

    /** Whether Xvfb is installed (apt-get install -y xvfb); the tests that need it are skipped otherwise. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, "Xvfb"))) return true;
        return false;
    }

    /** An ImageJ folder under {@code dir} with plugins/AssayQuant_.jar and its dependencies in plugins/jars. */
    static Path install(Path dir) throws IOException {
        Path ijDir = Files.createDirectories(dir.resolve("ImageJ"));
        Path jars = Files.createDirectories(ijDir.resolve("plugins").resolve("jars"));
        PluginJars.pluginJar(ijDir.resolve("plugins").resolve("AssayQuant_.jar"));
        for (Path dep : PluginJars.dependencies())
            Files.copy(dep, jars.resolve(dep.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        return ijDir;
    }

    /** {@code ij.jar -ijpath ijDir -batch file [argument]}: a macro file as Fiji's --headless -macro runs it. */
    static Launch batch(Path ijDir, Path workDir, Path macroFile, String argument, long timeoutS) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-Djava.awt.headless=false", "-Xmx1g", "-jar", PluginJars.ijJar().toString(),
                "-ijpath", ijDir.toString(), "-batch", macroFile.toString()));
        if (argument != null) args.add(argument);
        String what = "macro " + macroFile.getFileName() + (argument == null ? "" : " " + argument) + ":\n" + Files.readString(macroFile);
        return java(workDir, macroFile.getFileName().toString(), what, args, timeoutS);
    }

    /**
     * Runs java with these arguments on the shared display; fails, with the macro thread's stack, when it has not
     * finished within {@code timeoutS} (a modal dialog in a batch macro hangs) or exits with a status other than 0.
     */
    static Launch java(Path workDir, String name, String what, List<String> javaArgs, long timeoutS) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(workDir, name, ".out"), stderr = Files.createTempFile(workDir, name, ".err");
        List<String> cmd = new ArrayList<>(CliRun.childJava());
        cmd.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("DISPLAY", display());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            String stack = macroThread(p.pid());
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            fail("ImageJ did not finish within " + timeoutS + " s (a modal dialog in a batch macro?)\n"
                    + new Launch(what, read(stdout), read(stderr), timeoutS * 1000) + "\n--- macro thread:\n" + stack);
        }
        Launch l = new Launch(what, read(stdout), read(stderr), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertEquals(0, p.exitValue(), "java exit status\n" + l);
        return l;
    }

    /** The display of this JVM's Xvfb server, started on first use on a free display number. */
    private static synchronized String display() throws IOException {
        if (display != null) return display;
        Process x = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String n = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.US_ASCII)).readLine(); // written once it accepts clients
        if (n == null || !n.trim().matches("\\d+")) {
            x.destroyForcibly();
            throw new IOException("Xvfb did not start (it printed no display number)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(x::destroyForcibly));
        return display = ":" + n.trim();
    }

    /** The stack of the macro thread (or main) of a hung JVM, for a useful failure message. */
    private static String macroThread(long pid) {
        try {
            Process d = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                    "Thread.print").redirectErrorStream(true).start();
            String dump = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            d.waitFor(10, TimeUnit.SECONDS);
            int i = dump.indexOf("\"Run$_");
            if (i < 0) i = dump.indexOf("\"main\"");
            int end = i < 0 ? -1 : dump.indexOf("\n\n", i);
            return i < 0 ? dump : end < 0 ? dump.substring(i) : dump.substring(i, end);
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
