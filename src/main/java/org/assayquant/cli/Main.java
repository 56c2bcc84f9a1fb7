package org.assayquant.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.assayquant.commands.AssayCommand;
import org.assayquant.commands.CommandSpec;
import org.assayquant.commands.Commands;
import org.assayquant.commands.Options;
import org.assayquant.core.AssayException;
import org.assayquant.ij.Images;
import org.assayquant.io.CsvReader;
import org.assayquant.io.RunInfo;

/**
 * {@code java -jar assayquant-cli.jar <command> key=value ...} (../shared/CONTRACT.md): exit 0 on
 * success, 2 on bad input, 1 on any other failure, with one "error:" line on stderr.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status = run(args, args.length > 0 && QuickCompile.suits(args[0]));
        System.out.flush();
        System.err.flush();
        System.exit(status); // ImageJ's thread pool would keep the JVM alive
    }

    /** Runs one command line and returns its exit status (no System.exit, for tests). */
    public static int run(String[] args) {
        return run(args, false);
    }

    /** With {@code quickCompile}: C2 left out of this JVM first (a fresh JVM for one input, see QuickCompile). */
    private static int run(String[] args, boolean quickCompile) {
        // a wells photo is decoded while the compiler directive is added and the command is looked up and set up
        try (Images.Ahead ahead = imageAhead(args)) {
            if (quickCompile) QuickCompile.add(QuickCompile.C1_ONLY);
            return command(args);
        }
    }

    /**
     * The wells command's JPEG or PNG {@code image=} file, its open begun ({@link Images#openAhead}) on a machine with
     * a second processor; null otherwise (other commands, other files: a TIFF's checks read the heap's state at the
     * time, so it is opened where the command opens it).
     */
    private static Images.Ahead imageAhead(String[] args) {
        if (args.length < 2 || !args[0].equals("wells") || Runtime.getRuntime().availableProcessors() < 2) return null;
        try {
            String image = Options.parseArgs(Arrays.copyOfRange(args, 1, args.length), 0).get("image");
            if (image == null || image.isBlank() || !jpegOrPng(Path.of(image))) return null;
            return Images.openAhead(image);
        } catch (RuntimeException e) {
            return null; // the command reports it where it always has
        }
    }

    /** Whether the file begins as a JPEG or a PNG does. */
    private static boolean jpegOrPng(Path p) {
        if (!Files.isRegularFile(p)) return false;
        byte[] head = new byte[4];
        try (java.io.InputStream in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, 4) < 4) return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
        boolean jpeg = (head[0] & 255) == 0xFF && (head[1] & 255) == 0xD8;
        boolean png = (head[0] & 255) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        return jpeg || png;
    }

    private static int command(String[] args) {
        boolean debug = false;
        String inputs = ""; // the files named on the command line, for an out-of-memory message
        for (String a : args) if (a.equals("debug=true") || a.equals("debug")) debug = true;
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
                System.out.print(usage());
                if (args.length > 0) return 0;
                System.err.println("error: no command given; expected one of: " + String.join(", ", Commands.all().keySet()) + " (see --help)");
                return 2;
            }
            if (args[0].equals("--version")) {
                System.out.println("AssayQuant " + RunInfo.version());
                return 0;
            }
            CommandSpec spec = Commands.get(args[0]);
            if (spec == null) throw AssayException.invalid("unknown command '" + args[0] + "'; expected one of: " + String.join(", ", Commands.all().keySet()));
            if (args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"))) {
                System.out.print(spec.help(Commands.menuPath(spec.name)));
                return 0;
            }
            String[] rest = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("debug=") && !a.equals("debug")).toArray(String[]::new);
            Map<String, String> values = Options.parseArgs(rest, 0);
            for (CommandSpec.Param p : spec.params)
                if (p.style().equals("open") && values.containsKey(p.key()) && !values.get(p.key()).isBlank()) inputs += " " + p.key() + "=" + values.get(p.key());
            for (CommandSpec.Param p : spec.params) {
                if (p.required() && (!values.containsKey(p.key()) || values.get(p.key()).isBlank()))
                    throw AssayException.invalid(p.key() + ": required (" + p.description() + ")");
            }
            AssayCommand cmd = spec.instantiate();
            cmd.setInteractive(false);
            cmd.setLog(msg -> System.err.println(oneLine(msg))); // one warning per line, even when it quotes a multi-line cell
            spec.apply(cmd, values);
            spec.preflight(cmd);
            cmd.run();
            summary(values.get("out"));
            return 0;
        } catch (AssayException e) {
            if (debug) e.printStackTrace();
            System.err.println("error: " + oneLine(e.getMessage()));
            return e.usage ? 2 : 1;
        } catch (OutOfMemoryError e) {
            System.err.println("error:" + (inputs.isEmpty() ? "" : inputs + ":") + " out of memory (give Java more with -Xmx, e.g. java -Xmx8g -jar ...)");
            return 1;
        } catch (Throwable e) {
            if (debug) e.printStackTrace();
            System.err.println("error: internal failure: " + oneLine(String.valueOf(e)) + " (run again with debug=true for details)");
            return 1;
        }
    }

    /** One line on stdout for a run that wrote its folder: where, and the counts its run.csv records. */
    private static void summary(String out) {
        if (out == null || out.isBlank()) return;
        Path run = Path.of(out.trim()).resolve("run.csv");
        if (!Files.isRegularFile(run)) return;
        List<String> counts = new ArrayList<>();
        try {
            CsvReader t = CsvReader.parse("run.csv", Files.readString(run));
            for (int r = 0; r < t.size() && counts.size() < 6; r++) {
                String k = t.text(r, "key"), v = t.text(r, "value");
                if (k.startsWith("result.") && v.matches("\\d+")) counts.add(k.substring("result.".length()) + " " + v);
            }
        } catch (IOException | AssayException e) {
            return; // the results are written; this line is only a courtesy
        }
        System.out.println("wrote " + out.trim() + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")"));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("AssayQuant " + RunInfo.version()
                + "\nusage: java -jar assayquant-cli.jar <command> key=value ...\n       java -jar assayquant-cli.jar <command> --help\n\ncommands:\n");
        for (CommandSpec s : Commands.all().values()) sb.append(String.format(Locale.ROOT, "  %-14s %s%n", s.name, s.description));
        return sb.toString();
    }
}
