package org.assayquant.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.AssayException;

/**
 * The output contract (docs/reliability.md): new, own or (with overwrite) foreign folders;
 * nothing of a user's replaced or removed; all or nothing through failures and kills at every
 * step of a commit; links resolved; one writer at a time.
 */
class OutputFolderTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noFault() {
        OutputFolder.fault = null;
    }

    private static void text(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    private static void text(OutputFolder o, String name, String s) {
        o.write(name, os -> os.write(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Relative path -> content ("/" for a folder) of everything below dir, hidden files included. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir)) return m;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList())
                if (!p.equals(dir)) m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
        }
        return m;
    }

    private static Map<String, String> visible(Path dir) throws IOException {
        Map<String, String> m = tree(dir);
        m.keySet().removeIf(k -> k.startsWith(".") || k.contains("/."));
        return m;
    }

    /** A first run's results in out: a.csv, step/b.csv (with the manifest). */
    private Path earlierResults() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "old a");
            text(o.folder("step").resolve("b.csv"), "old b");
            text(o.folder("gone").resolve("c.csv"), "old c");
            o.commit();
        }
        return out;
    }

    @Test
    void aNewFolderAppearsWholeAtCommit() throws IOException {
        Path out = tmp.resolve("new/out");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "a");
            Path step = o.folder("step1");
            assertTrue(step.startsWith(o.staging()), "a folder is staged, not written in place");
            try (OutputFolder inner = new OutputFolder(step)) { // another writer (a command) fills it
                text(inner, "b.csv", "b");
                inner.commit();
            }
            assertFalse(Files.exists(out), "nothing in the target before commit");
            o.commit();
        }
        assertEquals(Map.of("a.csv", "a", "step1", "/", "step1/b.csv", "b"), visible(out));
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MANIFEST)));
        assertEquals(List.of("out"), List.of(tmp.resolve("new").toFile().list()), "no staging folder or lock left");
        assertFalse(Files.exists(out.resolve("step1").resolve(OutputFolder.MANIFEST)), "a nested writer keeps no manifest");
    }

    @Test
    void withoutCommitNothingIsWritten() throws IOException {
        try (OutputFolder o = new OutputFolder(tmp.resolve("out"))) {
            text(o, "a.csv", "a");
            text(o.folder("step1").resolve("b.csv"), "b");
        }
        assertEquals(Map.of(), tree(tmp), "neither the target nor staging nor the lock");
    }

    @Test
    void aRerunReplacesItsOwnResultsWholeAndKeepsWhatAPersonAdded() throws IOException {
        Path out = earlierResults();
        text(out.resolve("notes.txt"), "mine");
        text(out.resolve("step/annotations.txt"), "mine too");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "new a");
            text(o.folder("step").resolve("d.csv"), "new d");
            o.commit();
        }
        // b.csv and gone/c.csv were the earlier run's and are not written now: gone, so two runs never mix
        assertEquals(Map.of("a.csv", "new a", "notes.txt", "mine", "step", "/", "step/annotations.txt", "mine too", "step/d.csv", "new d"),
                visible(out));
        assertEquals(List.of("out"), List.of(tmp.toFile().list()));
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsRefusedBeforeAnyWork() throws IOException {
        Path out = tmp.resolve("data");
        text(out.resolve("sample1.tif"), "pixels");
        text(out.resolve("sample1/annotations.txt"), "mine");
        Map<String, String> before = tree(tmp);
        AssayException e = assertThrows(AssayException.class, () -> new OutputFolder(out));
        assertTrue(e.usage);
        assertTrue(e.getMessage().contains("did not write") && e.getMessage().contains("overwrite=true") && e.getMessage().contains("sample1"), e.getMessage());
        assertEquals(before, tree(tmp), "nothing created, not even a lock");
    }

    @Test
    void overwriteAddsBesideForeignFilesAndNeverReplacesOne() throws IOException {
        Path out = tmp.resolve("data");
        Path image = out.resolve("sample1.tif");
        text(image, "pixels");
        text(out.resolve("sample1/annotations.txt"), "mine");
        text(out.resolve("overlay.png"), "a figure of the user's");
        try (OutputFolder o = new OutputFolder(out, true, n -> {}, image)) {
            text(o.folder("sample1").resolve("bands.csv"), "bands");
            text(o, "run.csv", "run");
            o.commit();
        }
        assertEquals("mine", Files.readString(out.resolve("sample1/annotations.txt")));
        assertEquals("bands", Files.readString(out.resolve("sample1/bands.csv")));
        Map<String, String> before = tree(tmp);
        try (OutputFolder o = new OutputFolder(out, true, n -> {}, image)) {
            text(o, "run.csv", "run 2");
            text(o, "overlay.png", "ours");
            AssayException e = assertThrows(AssayException.class, o::commit);
            assertTrue(e.usage && e.getMessage().contains("overlay.png") && e.getMessage().contains("did not write"), e.getMessage());
        }
        assertEquals(before, tree(tmp), "refused before anything moved");
    }

    @Test
    void aResultChangedByAPersonIsTheirs() throws IOException {
        Path out = earlierResults();
        Path a = out.resolve("a.csv");
        text(a, "old A"); // same size, other bytes
        Files.setLastModifiedTime(a, FileTime.fromMillis(0));
        Map<String, String> before = tree(tmp);
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "new a");
            AssayException e = assertThrows(AssayException.class, o::commit);
            assertTrue(e.getMessage().contains("changed after AssayQuant wrote it"), e.getMessage());
        }
        assertEquals(before, tree(tmp));
        try (OutputFolder o = new OutputFolder(out)) { // not written again: kept, and no longer ours
            text(o, "x.csv", "x");
            o.commit();
        }
        assertEquals("old A", Files.readString(a));
    }

    @Test
    void anEarlierResultReadAsAnInputIsNeitherReplacedNorRemoved() throws IOException {
        Path out = earlierResults();
        Path b = out.resolve("step/b.csv");
        try (OutputFolder o = new OutputFolder(out, false, n -> {}, b)) {
            text(o.folder("step").resolve("b.csv"), "new b");
            AssayException e = assertThrows(AssayException.class, o::commit);
            assertTrue(e.getMessage().contains("would replace the input") && e.getMessage().contains("b.csv"), e.getMessage());
        }
        try (OutputFolder o = new OutputFolder(out, false, n -> {}, b)) {
            text(o, "a.csv", "new a");
            o.commit();
        }
        assertEquals("old b", Files.readString(b));
    }

    @Test
    void linksAreResolvedSoAnInputReachedThroughOneIsStillProtected() throws IOException {
        Path data = tmp.resolve("D");
        Path fits = data.resolve("fits.csv");
        text(fits, "the user's table");
        Path link = Files.createSymbolicLink(tmp.resolve("L"), data);
        try (OutputFolder o = new OutputFolder(link, true, n -> {}, fits)) {
            assertEquals(data.toRealPath(), o.target());
            AssayException e = assertThrows(AssayException.class, () -> text(o, "fits.csv", "ours"));
            assertTrue(e.getMessage().contains("would overwrite the input"), e.getMessage());
        }
        assertEquals("the user's table", Files.readString(fits));
        assertTrue(Files.isSymbolicLink(link));
        // the staging folder went beside the real folder (same file system), not beside the link
        assertEquals(List.of("D", "L"), Stream.of(tmp.toFile().list()).sorted().toList());
    }

    @Test
    void theRootAndADanglingLinkAreRefusedCleanly() throws IOException {
        AssayException e = assertThrows(AssayException.class, () -> new OutputFolder(Path.of("/")));
        assertTrue(e.usage && e.getMessage().startsWith("out=/:"), e.getMessage());
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        e = assertThrows(AssayException.class, () -> new OutputFolder(dangling));
        assertTrue(e.getMessage().contains("link to nothing"), e.getMessage());
        assertTrue(Files.isSymbolicLink(dangling));
    }

    /**
     * Every step of a commit into earlier results, for a folder of only AssayQuant's files (exchanged
     * whole: 3 steps) and one with a person's note in it (file by file: 8 steps): a failure there
     * leaves every byte as it was.
     */
    @Test
    void aFailureAtAnyStepOfACommitPutsEverythingBack() throws IOException {
        for (boolean note : new boolean[] {false, true}) {
            for (int at = 0; ; at++) {
                Path out = earlierResults();
                if (note) text(out.resolve("notes.txt"), "mine");
                Map<String, String> before = tree(tmp);
                int[] n = {0};
                int failAt = at;
                OutputFolder.fault = step -> {
                    if (n[0]++ == failAt) throw new IOException("disk full (injected at " + step + ")");
                };
                boolean failed;
                try (OutputFolder o = new OutputFolder(out)) {
                    text(o, "a.csv", "new a");
                    text(o.folder("step").resolve("d.csv"), "new d");
                    try {
                        o.commit();
                        failed = false;
                    } catch (AssayException e) {
                        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
                        failed = true;
                    }
                }
                OutputFolder.fault = null;
                if (!failed) {
                    assertEquals(note ? 8 : 3, at, note ? "2 removals, a.csv aside and in, d.csv in, the manifest aside and in, done" : "folder aside, in, done");
                    assertEquals(note ? Map.of("a.csv", "new a", "notes.txt", "mine", "step", "/", "step/d.csv", "new d")
                            : Map.of("a.csv", "new a", "step", "/", "step/d.csv", "new d"), visible(out));
                    Cli.clear(tmp);
                    break;
                }
                assertEquals(before, tree(tmp), "failure at step " + at + (note ? " (with a note)" : ""));
                Cli.clear(tmp);
            }
        }
    }

    /**
     * A process killed at any step of a commit (staging, journal and the lock file left, nothing
     * rolled back): the next run puts the earlier results back, says so, and then succeeds.
     */
    @Test
    void aKillAtAnyStepOfACommitIsUndoneByTheNextRun() throws IOException {
        for (boolean note : new boolean[] {false, true}) {
            for (int at = 0; ; at++) {
                Path out = earlierResults();
                if (note) text(out.resolve("notes.txt"), "mine");
                Map<String, String> before = visible(out);
                int[] n = {0};
                int killAt = at;
                OutputFolder.fault = step -> {
                    if (n[0]++ == killAt) throw new Killed();
                };
                OutputFolder o = new OutputFolder(out);
                text(o, "a.csv", "new a");
                text(o.folder("step").resolve("d.csv"), "new d");
                boolean killed;
                try {
                    o.commit();
                    killed = false;
                    o.close();
                } catch (Killed k) {
                    killed = true;
                    o.abandon();
                }
                OutputFolder.fault = null;
                if (!killed) {
                    assertEquals(note ? 8 : 3, at, "every step was a kill point");
                    Cli.clear(tmp);
                    break;
                }
                List<String> notes = new ArrayList<>();
                try (OutputFolder again = new OutputFolder(out, false, notes::add)) {
                    assertEquals(before, visible(out), "kill at step " + at + ": the earlier results are back before anything else happens");
                    assertEquals(1, notes.size(), notes.toString());
                    text(again, "a.csv", "newer a");
                    again.commit();
                }
                assertEquals(note ? Map.of("a.csv", "newer a", "notes.txt", "mine") : Map.of("a.csv", "newer a"), visible(out));
                assertEquals(List.of("out"), List.of(tmp.toFile().list()), "kill at step " + at + ": staging and lock cleared");
                Cli.clear(tmp);
            }
        }
    }

    private static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    @Test
    void twoWritersOfOneFolderAreRefusedNotMixed() throws Exception {
        Path out = tmp.resolve("out");
        CountDownLatch holding = new CountDownLatch(1), done = new CountDownLatch(1);
        AtomicReference<Throwable> first = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (OutputFolder o = new OutputFolder(out)) {
                text(o, "a.csv", "first");
                holding.countDown();
                done.await();
                o.commit();
            } catch (Throwable e) {
                first.set(e);
            }
        });
        t.start();
        holding.await();
        AssayException e = assertThrows(AssayException.class, () -> new OutputFolder(out));
        assertTrue(e.getMessage().contains("another AssayQuant run"), e.getMessage());
        done.countDown();
        t.join();
        assertEquals(null, first.get());
        assertEquals(Map.of("a.csv", "first"), visible(out));
        try (OutputFolder o = new OutputFolder(out)) { // the lock went with the first run
            text(o, "a.csv", "second");
            o.commit();
        }
        assertEquals(List.of("out"), List.of(tmp.toFile().list()));
    }

    @Test
    void namesAreOnePlainSegment() {
        try (OutputFolder o = new OutputFolder(tmp.resolve("out"))) {
            for (String bad : List.of("", ".hidden", "a/b", "a\\b")) {
                assertThrows(IllegalArgumentException.class, () -> o.folder(bad), "'" + bad + "'");
                assertThrows(IllegalArgumentException.class, () -> text(o, bad, "x"), "'" + bad + "'");
            }
            o.folder("x");
            assertThrows(IllegalArgumentException.class, () -> o.folder("x"), "staged twice");
            assertThrows(IllegalArgumentException.class, () -> text(o, "x", ""), "a file over a staged folder");
        }
    }

    /** Test helper: empties a folder. */
    static final class Cli {
        static void clear(Path dir) throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) if (!p.equals(dir)) Files.delete(p);
            }
        }
    }
}
