package org.assayquant.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** TEMPORARY (session 23 profiling, removed before merge): stage marks to stderr when AQ_MARKS is set. */
public final class Marks {
    private Marks() {}

    private static final boolean ON = System.getenv("AQ_MARKS") != null;
    private static long lastWall = -1, lastProc, lastMain;
    private static final long T0 = System.nanoTime();

    private static long ticks(String statFile) {
        try {
            String s = Files.readString(Path.of(statFile));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    public static synchronized void mark(String stage) {
        if (!ON) return;
        long wall = System.nanoTime() / 1_000_000;
        long proc = ticks("/proc/self/stat") * 10, main = ticks("/proc/thread-self/stat") * 10;
        if (lastWall < 0) {
            long up = -1;
            try {
                String st = Files.readString(Path.of("/proc/self/stat"));
                long start = Long.parseLong(st.substring(st.lastIndexOf(')') + 2).split(" ")[19]) * 10;
                up = (long) (Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]) * 1000) - start;
            } catch (Exception e) {
                // diagnostics only
            }
            System.err.printf("MARK %-40s wall %5d proc %5d thread %5d (jvm uptime %d)%n", stage, 0, proc, main, up);
        } else {
            System.err.printf("MARK %-40s wall %5d proc %5d thread %5d [%s]%n", stage, wall - lastWall, proc - lastProc, main - lastMain, Thread.currentThread().getName());
        }
        lastWall = wall;
        lastProc = proc;
        lastMain = main;
    }

    public static void threads() {
        if (!ON) return;
        try (var ds = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : ds) {
                String comm = Files.readString(t.resolve("comm")).trim();
                long c = ticks(t.resolve("stat").toString()) * 10;
                if (c > 0) System.err.printf("THREAD %-30s %5d ms%n", comm, c);
            }
        } catch (Exception e) {
            // diagnostics only
        }
    }
}
