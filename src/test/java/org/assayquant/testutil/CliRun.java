package org.assayquant.testutil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.assayquant.cli.Main;

/** The command line run in-process ({@link Main#run}) with stdout and stderr captured: the one helper every CLI test uses. */
public final class CliRun {
    private CliRun() {}

    public record Run(int status, String out, String err) {
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /**
     * The start of a command line for a child JVM (a CLI or ImageJ run the test kills, watches or drives under
     * Xvfb): this JVM's java with only the quick C1 compiler. A child runs a few seconds of cold code, and C2
     * compiling it costs more than it saves: a batch of the three sample blots took 3.7 s CPU instead of 6.6 s.
     * What a child computes does not depend on the compiler tier.
     */
    public static List<String> childJava() {
        return List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1");
    }

    /** Serialized on one lock: System.out and System.err are global. */
    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int status;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(po);
            System.setErr(pe);
            status = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    public static Run run(List<String> args) {
        return run(args.toArray(new String[0]));
    }
}
