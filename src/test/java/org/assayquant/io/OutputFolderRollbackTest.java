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

/** All or nothing, also when the final moves into place fail half-way. */
class OutputFolderRollbackTest {
    @TempDir
    Path tmp;

    static void text(OutputFolder o, String name, String content) {
        o.write(name, os -> os.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The hidden staging folder of an open OutputFolder for {@code out}. */
    Path staging(String out) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("." + out + ".partial-")).findFirst().orElseThrow();
        }
    }

    @Test
    void commitReplacesOldFilesAndLeavesNoStaging() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("a.csv"), "old a\n");
        Files.writeString(out.resolve("mine.txt"), "keep\n");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "new a\n");
            text(o, "b.csv", "new b\n");
            o.commit();
        }
        assertEquals(List.of("a.csv", "b.csv", "mine.txt"), names(out));
        assertEquals("new a\n", Files.readString(out.resolve("a.csv")));
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void aFailedMoveHalfWayPutsTheOldFilesBack() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("a.csv"), "old a\n");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "new a\n");
            text(o, "b.csv", "new b\n");
            text(o, "c.csv", "new c\n");
            // the second file vanishes from the staging folder: its move fails after a.csv was replaced
            Files.delete(staging("out").resolve("b.csv"));
            AssayException e = assertThrows(AssayException.class, o::commit);
            assertTrue(e.getMessage().startsWith("out=" + out), e.getMessage());
        }
        assertEquals(List.of("a.csv"), names(out), "nothing new left behind");
        assertEquals("old a\n", Files.readString(out.resolve("a.csv")), "the replaced file is back");
        assertEquals(List.of("out"), names(tmp), "no staging folder");
    }

    @Test
    void aFailedCommitIntoANewFolderLeavesNoFolder() throws IOException {
        Path out = tmp.resolve("fresh");
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "new a\n");
            text(o, "b.csv", "new b\n");
            Files.delete(staging("fresh").resolve("b.csv"));
            assertThrows(AssayException.class, o::commit);
        }
        assertFalse(Files.exists(out));
        assertEquals(List.of(), names(tmp));
    }

    @Test
    void anOutputNameTakenByAFolderIsRefusedBeforeAnythingMoves() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("a.csv"), "old a\n");
        Files.createDirectories(out.resolve("run.csv"));
        try (OutputFolder o = new OutputFolder(out)) {
            text(o, "a.csv", "new a\n");
            text(o, "run.csv", "new run\n");
            AssayException e = assertThrows(AssayException.class, o::commit);
            assertTrue(e.usage, "bad input: exit 2");
            assertTrue(e.getMessage().contains("run.csv"), e.getMessage());
        }
        assertEquals("old a\n", Files.readString(out.resolve("a.csv")));
        assertEquals(List.of("a.csv", "run.csv"), names(out));
    }
}
