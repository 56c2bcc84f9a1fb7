package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assayquant.testutil.CliRun;

/** The batch command: an image command on every image of a folder, a failed image skipped. */
class BatchCliTest {
    static final Path CHEMI = Path.of("sample-images", "blot_chemi_16bit.tif");
    static final Path FILM = Path.of("sample-images", "blot_film_8bit_dark.tif");

    @TempDir
    Path tmp;

    private Path folder(Path... images) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("blots"));
        for (Path p : images) Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private Path broken(Path dir) throws Exception {
        Path p = dir.resolve("a_broken.png");
        Files.write(p, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4, 5, 6, 7, 8});
        return p;
    }

    @Test
    void everyImageIsQuantifiedAsTheBlotCommandWouldAndTheTablesAreCombined() throws Exception {
        Path dir = folder(FILM, CHEMI);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Path out = tmp.resolve("out");
        CliRun.Run r = CliRun.run("batch", "command=blot", "folder=" + dir, "out=" + out, "options=background=valley min_band_percent=5");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("[1/2] blot blot_chemi_16bit.tif", "[2/2] blot blot_film_8bit_dark.tif"),
                r.errLines().stream().filter(l -> l.startsWith("[")).toList(), "file-name order");
        assertEquals(List.of("bands.csv", "batch.csv", "blot_chemi_16bit", "blot_film_8bit_dark", "failures.csv", "lanes.csv", "run.csv"), CliTest.names(out));
        for (Path img : List.of(CHEMI, FILM)) {
            String stem = img.getFileName().toString().replace(".tif", "");
            Path alone = tmp.resolve("alone-" + stem);
            assertEquals(0, CliRun.run("blot", "image=" + img, "out=" + alone, "background=valley", "min_band_percent=5").status());
            for (String f : List.of("bands.csv", "lanes.csv"))
                ExperimentCliTest.assertSameFile(alone.resolve(f), out.resolve(stem).resolve(f));
            String run = Files.readString(out.resolve(stem).resolve("run.csv"));
            assertTrue(run.contains("parameter.out," + out.toAbsolutePath().normalize().resolve(stem)), "the final folder, not the staging one:\n" + run);
        }
        List<String> combined = Files.readAllLines(out.resolve("bands.csv"));
        List<String> expected = new ArrayList<>();
        for (String stem : List.of("blot_chemi_16bit", "blot_film_8bit_dark")) {
            List<String> l = Files.readAllLines(out.resolve(stem).resolve("bands.csv"));
            if (expected.isEmpty()) expected.add(l.get(0));
            expected.addAll(l.subList(1, l.size()));
        }
        assertEquals(expected, combined);
        // lanes.csv has no image column: the combined one gets it in front
        assertEquals("image,lane,x,y,width,height,strip,status,reasons", Files.readAllLines(out.resolve("lanes.csv")).get(0));
        assertEquals(1 + 8 + 6, Files.readAllLines(out.resolve("lanes.csv")).size());
        List<Map<String, String>> batch = CliTest.readCsv(out.resolve("batch.csv"));
        assertEquals(List.of("blot_chemi_16bit.tif", "blot_film_8bit_dark.tif"), batch.stream().map(x -> x.get("image")).toList());
        assertEquals("sha256:" + CliTest.sha256(CHEMI), batch.get(0).get("sha256"));
        assertEquals(1, Files.readAllLines(out.resolve("failures.csv")).size(), "header only");
    }

    @Test
    void aFailedImageIsSkippedTheOthersWrittenExitStatusOne() throws Exception {
        Path dir = folder(CHEMI);
        broken(dir);
        Path out = tmp.resolve("out");
        CliRun.Run r = CliRun.run("batch", "command=blot", "folder=" + dir, "out=" + out);
        assertEquals(1, r.status(), r.toString());
        List<String> lines = r.errLines();
        String error = lines.get(lines.size() - 1);
        assertTrue(error.startsWith("error: 1 of 2 images failed and were skipped (first: a_broken.png: image=") && error.contains("failures.csv"), error);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count());
        assertTrue(Files.isRegularFile(out.resolve("blot_chemi_16bit/bands.csv")));
        assertFalse(Files.exists(out.resolve("a_broken")));
        List<Map<String, String>> failures = CliTest.readCsv(out.resolve("failures.csv"));
        assertEquals(1, failures.size());
        assertEquals("a_broken.png", failures.get(0).get("image"));
        assertTrue(failures.get(0).get("error").contains("cannot be decoded"), failures.toString());
        assertEquals(List.of("failed", "ok"), CliTest.readCsv(out.resolve("batch.csv")).stream().map(x -> x.get("status")).toList());
        CliTest.assertNoPartials(tmp);
    }

    /** A plate photo in a folder of blots: skipped with the reason, the blots quantified. */
    @Test
    void aPlatePhotoAmongBlotsIsSkippedWithTheReason() throws Exception {
        Path dir = folder(CHEMI);
        // a blot whose bands and marker suggest a few round walls (4 of a 6-well lattice) is not taken for a plate
        Files.copy(Path.of("sample-images", "dilution_marker_16bit.tif"), dir.resolve("dilution_marker_16bit.tif"));
        org.assayquant.testutil.SyntheticPlate.Result plate = org.assayquant.testutil.SyntheticPlate.builder().format("6")
                .mode(org.assayquant.testutil.SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).size(600, 420).colonies(20, 20, 20, 20, 20, 20).seed(3).build();
        org.assayquant.testutil.SamplePlates.writeImage(plate.image(), dir.resolve("plate.png"));
        Path out = tmp.resolve("out");
        CliRun.Run r = CliRun.run("batch", "command=blot", "folder=" + dir, "out=" + out);
        assertEquals(1, r.status(), r.toString());
        List<Map<String, String>> failures = CliTest.readCsv(out.resolve("failures.csv"));
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("plate.png", failures.get(0).get("image"));
        assertTrue(failures.get(0).get("error").contains("looks like a colony plate photo (the walls of a 6-well plate were found), not a blot"), failures.toString());
        assertTrue(Files.isRegularFile(out.resolve("blot_chemi_16bit/bands.csv")));
        assertTrue(Files.isRegularFile(out.resolve("dilution_marker_16bit/bands.csv")));
    }

    @Test
    void refusals() throws Exception {
        Path dir = folder(CHEMI);
        Path out = tmp.resolve("out");
        expectRefusal("command=normalize: expected a command that analyses an image: blot", out, "command=normalize", "folder=" + dir);
        expectRefusal("options=lane=5: unknown key 'lane' for blot", out, "command=blot", "folder=" + dir, "options=lane=5");
        expectRefusal("options=image=x.tif: image is set by the batch for each image", out, "command=blot", "folder=" + dir, "options=image=x.tif");
        expectRefusal("folder=" + tmp.resolve("none") + ": no such folder", out, "command=blot", "folder=" + tmp.resolve("none"));
        expectRefusal("no images in", out, "command=blot", "folder=" + Files.createDirectories(tmp.resolve("empty")));
        Files.copy(CHEMI, dir.resolve("blot_chemi_16bit.png"));
        expectRefusal("blot_chemi_16bit.png and blot_chemi_16bit.tif would share the output folder 'blot_chemi_16bit'", out, "command=blot", "folder=" + dir);
        Files.delete(dir.resolve("blot_chemi_16bit.png"));
        // every image failing is not a partial result: nothing is written, exit 2 when the images are at fault
        Files.delete(dir.resolve("blot_chemi_16bit.tif"));
        broken(dir);
        CliRun.Run r = CliRun.run("batch", "command=blot", "folder=" + dir, "out=" + out);
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.errLines().get(r.errLines().size() - 1).startsWith("error: all 1 images failed, nothing written (first: a_broken.png: "), r.toString());
        assertFalse(Files.exists(out));
        CliTest.assertNoPartials(tmp);
    }

    private static void expectRefusal(String expected, Path out, String... args) {
        List<String> a = new ArrayList<>(List.of("batch", "out=" + out));
        a.addAll(List.of(args));
        CliRun.Run r = CliRun.run(a.toArray(new String[0]));
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error: ") && r.errLines().get(0).contains(expected), "expected '" + expected + "' in " + r);
        assertFalse(Files.exists(out));
    }

    @Test
    void aPatternSelectsTheImages() throws Exception {
        Path dir = folder(CHEMI, FILM);
        Path out = tmp.resolve("out");
        CliRun.Run r = CliRun.run("batch", "command=blot", "folder=" + dir.resolve("*chemi*.tif"), "out=" + out);
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("blot_chemi_16bit.tif"), CliTest.readCsv(out.resolve("batch.csv")).stream().map(x -> x.get("image")).toList());
        assertTrue(new String(Files.readAllBytes(out.resolve("run.csv")), StandardCharsets.UTF_8).contains("command,batch"));
    }
}
