package org.assayquant.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A command line is one short run in a fresh JVM. HotSpot's optimising compiler (C2) then costs
 * about as much CPU as the work it speeds up: on a 6-megapixel dish (issue 19) the compiler threads
 * took 3.8 s of CPU against the main thread's 4.3 s, and the run is done before most of C2's code
 * pays back. With C2 left out (C1 only, as {@code -XX:TieredStopAtLevel=1}) the compiler took 0.9 s
 * and the main thread 4.5 s (docs/wells-speed.md). The invocation {@code java -jar ...} is fixed
 * (CONTRACT.md), so no JVM option can say this; a compiler directive can, added by the JVM's own
 * diagnostic command ({@code jcmd <pid> Compiler.directives_add}) from inside the process.
 * Only for commands that handle one input: a batch or an experiment runs the same code over many
 * images, where C2 pays back (a warm 24-well photo: 0.96 s with C2, 2.8 s with C1 only).
 * The outputs do not depend on the compiler (Java's floating point is the same in every tier).
 */
final class QuickCompile {
    private QuickCompile() {}

    static final String C1_ONLY = "[{match: \"*.*\", c2: {Exclude: true}}]";

    /** Whether a command line of this command should skip C2: every command that handles one input (not --help). */
    static boolean suits(String command) {
        return !command.startsWith("-") && !command.equals("batch") && !command.equals("experiment");
    }

    /**
     * Adds the compiler directive to this JVM; false when this JVM offers no way to (another vendor's
     * JVM, no writable temporary folder): the run then goes on as it is, only slower.
     */
    static boolean add(String directive) {
        Path file;
        try {
            file = Path.of(System.getProperty("java.io.tmpdir"), "assayquant-jit-" + ProcessHandle.current().pid() + ".json");
            // a new file only (O_EXCL): never through a link or over a file someone else left there
            Files.writeString(file, directive, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (Exception e) {
            return false;
        }
        try {
            Object[] params = {new String[] {file.toString()}};
            String[] signature = {String[].class.getName()};
            javax.management.DynamicMBean direct = direct();
            Object said = direct != null ? direct.invoke("compilerDirectivesAdd", params, signature)
                    : java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd", params, signature);
            return String.valueOf(said).startsWith("1 compiler directives added"); // else the JVM's parse error
        } catch (Exception | LinkageError e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                // left in the temporary folder: harmless, and the run goes on
            }
        }
    }

    /**
     * The JVM's diagnostic-command MBean straight from the JDK class that makes it, when the jar's
     * manifest opens that package ({@code Add-Opens}, honoured by {@code java -jar}): ~0.1 s of CPU at
     * start-up. Null otherwise; the caller then goes through the platform MBean server, which
     * registers every platform MBean first (~0.4 s).
     */
    private static javax.management.DynamicMBean direct() {
        try {
            Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl"); // loads the commands' native library
            java.lang.reflect.Method get = Class.forName("com.sun.management.internal.DiagnosticCommandImpl").getDeclaredMethod("getDiagnosticCommandMBean");
            get.setAccessible(true);
            return (javax.management.DynamicMBean) get.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
