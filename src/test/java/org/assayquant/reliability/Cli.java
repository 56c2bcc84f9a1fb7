package org.assayquant.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Argument lists and file helpers for the reliability suites (runs: {@link org.assayquant.testutil.CliRun}). */
final class Cli {
    private Cli() {}

    /** The command line {@code command key=value ...} for an argument map (values with spaces stay one argument). */
    static List<String> args(String command, Map<String, String> values) {
        List<String> a = new ArrayList<>();
        a.add(command);
        values.forEach((k, v) -> a.add(k + "=" + v));
        return a;
    }

    static boolean looksLikeStackTrace(String s) {
        return s.contains("\tat ") || s.matches("(?s).*\\n\\s*at [\\w$.]+\\(.*") || s.contains("Exception in thread")
                || s.contains("Caused by:");
    }

    static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Relative path -> sha256 of every file below {@code dir} (folders as "/"), to compare before and after. */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir)) return m;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (p.equals(dir)) continue;
                String rel = dir.relativize(p).toString();
                m.put(rel, Files.isDirectory(p) ? "/" : Files.isReadable(p) ? sha256(p) : "unreadable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** File name -> bytes of every file directly in {@code dir}; not the manifest, which holds run.csv's checksum (its out= differs). */
    static Map<String, byte[]> contents(Path dir) {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) if (Files.isRegularFile(p) && !p.getFileName().toString().equals(org.assayquant.io.OutputFolder.MANIFEST)) m.put(p.getFileName().toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names below {@code dir} (recursively) that look like OutputFolder staging folders. */
    static List<String> partials(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).filter(n -> n.contains("assayquant-staging-") || n.contains("assayquant-lock")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                p.toFile().setReadable(true);
                p.toFile().setExecutable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
