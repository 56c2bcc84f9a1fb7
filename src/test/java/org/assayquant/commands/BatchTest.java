package org.assayquant.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.AssayException;

/** Which files a folder step takes, and in which order. */
class BatchTest {
    @TempDir
    Path tmp;

    @Test
    void imagesComeInFileNameOrderWhateverOrderTheyWereMadeIn() throws Exception {
        // created in reverse (and mixed-case) order: the listing order of the folder must not matter
        for (String n : List.of("c.tif", "B.png", "b.jpeg", "a.TIFF", "a0.jpg", "notes.txt", ".hidden.tif", "sub.tif/"))
            if (n.endsWith("/")) Files.createDirectories(tmp.resolve(n));
            else Files.writeString(tmp.resolve(n), n);
        List<Batch.Image> images = Batch.images("folder", tmp.toString(), Path.of(""));
        assertEquals(List.of("B.png", "a.TIFF", "a0.jpg", "b.jpeg", "c.tif"), images.stream().map(Batch.Image::fileName).toList(),
                "Unicode order of the names (upper case first), images only, no hidden files, no folders");
        assertEquals(List.of("B", "a", "a0", "b", "c"), images.stream().map(Batch.Image::folder).toList());
    }

    @Test
    void aPatternIsRelativeToTheBaseFolder() throws Exception {
        Path blots = Files.createDirectories(tmp.resolve("blots"));
        for (String n : List.of("x_pAKT.tif", "x_AKT.tif", "y_pAKT.tif")) Files.writeString(blots.resolve(n), n);
        assertEquals(List.of("x_pAKT.tif", "y_pAKT.tif"), Batch.images("input", "blots/*_pAKT.tif", tmp).stream().map(Batch.Image::fileName).toList());
        assertTrue(Batch.isFolderOrGlob("blots", tmp));
        assertTrue(Batch.isFolderOrGlob("blots/*.tif", tmp));
        assertTrue(!Batch.isFolderOrGlob("blots/x_AKT.tif", tmp));
        AssayException e = assertThrows(AssayException.class, () -> Batch.images("input", "blots/*.png", tmp));
        assertTrue(e.usage && e.getMessage().startsWith("input=blots/*.png: no images in "), e.getMessage());
    }

    @Test
    void defaultStepNames() {
        assertEquals("blot_chemi_16bit", ExperimentPlan.defaultName("../../sample-images/blot_chemi_16bit.tif"));
        assertEquals("blots", ExperimentPlan.defaultName("data/blots/"));
        assertEquals("my_blot_1", ExperimentPlan.defaultName("C:\\data\\my blot.1.tif"));
        assertEquals("bands", ExperimentPlan.defaultName("{out}/pAKT/bands.csv"));
    }
}
