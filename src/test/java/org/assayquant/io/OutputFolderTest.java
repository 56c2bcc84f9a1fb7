package org.assayquant.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.AssayException;

/** All-or-nothing output, with the staged subfolders an experiment writes its steps into. */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private static void text(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static List<String> top(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesAndFoldersAppearTogetherAtCommit() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder o = new OutputFolder(out)) {
            o.write("a.csv", os -> os.write("a\n".getBytes(StandardCharsets.UTF_8)));
            Path step = o.folder("step1");
            assertTrue(step.startsWith(o.staging()), "a folder is staged, not written in place");
            // another writer (a command) fills the folder through its own OutputFolder
            try (OutputFolder inner = new OutputFolder(step)) {
                inner.write("b.csv", os -> os.write("b\n".getBytes(StandardCharsets.UTF_8)));
                inner.commit();
            }
            assertFalse(Files.exists(out), "nothing in the target before commit");
            o.commit();
        }
        assertEquals(List.of("a.csv", "step1", "step1/b.csv"), tree(out));
        assertEquals("b\n", Files.readString(out.resolve("step1/b.csv")));
        assertEquals(List.of("out"), top(tmp), "no staging folder left");
    }

    @Test
    void withoutCommitNothingIsWritten() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder o = new OutputFolder(out)) {
            o.write("a.csv", os -> os.write(1));
            text(o.folder("step1").resolve("b.csv"), "b");
        }
        assertEquals(List.of(), tree(tmp), "a failed run leaves neither the target nor staging");
    }

    @Test
    void aFolderReplacesTheOldOneWholeAndLeavesTheRestOfTheTarget() throws IOException {
        Path out = tmp.resolve("out");
        text(out.resolve("step1/stale.csv"), "from an earlier run");
        text(out.resolve("step2/keep.csv"), "not written this time");
        text(out.resolve("notes.txt"), "the user's");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o.folder("step1").resolve("new.csv"), "new");
            o.folder("step2"); // nothing written into it: the old one stays
            o.commit();
        }
        assertEquals(List.of("notes.txt", "step1", "step1/new.csv", "step2", "step2/keep.csv"), tree(out));
        assertEquals(List.of("out"), top(tmp), "the replaced folder went away with the staging folder");
    }

    @Test
    void aFolderHoldingAnInputIsNotReplaced() throws IOException {
        Path out = tmp.resolve("out");
        Path input = out.resolve("images/blot.tif");
        text(input, "pixels");
        try (OutputFolder o = new OutputFolder(out, input)) {
            AssayException e = assertThrows(AssayException.class, () -> o.folder("images"));
            assertTrue(e.usage);
            assertTrue(e.getMessage().contains("would replace the folder") && e.getMessage().contains("blot.tif"), e.getMessage());
        }
        assertEquals("pixels", Files.readString(input));
    }

    @Test
    void folderNamesAreOnePlainSegment() throws IOException {
        try (OutputFolder o = new OutputFolder(tmp.resolve("out"))) {
            for (String bad : List.of("", ".hidden", "a/b", "a\\b"))
                assertThrows(IllegalArgumentException.class, () -> o.folder(bad), "'" + bad + "'");
            o.folder("x");
            assertThrows(IllegalArgumentException.class, () -> o.folder("x"), "staged twice");
            assertThrows(IllegalArgumentException.class, () -> o.write("x", os -> {}), "a file over a staged folder");
        }
    }
}
