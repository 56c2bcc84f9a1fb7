package org.assayquant.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sheet as a plan: run order, references, paths, the input files it protects. */
class ExperimentPlanTest {
    @TempDir
    Path tmp;

    private ExperimentPlan plan(String... rows) throws Exception {
        Files.copy(Path.of("sample-images", "blot_chemi_16bit.tif"), tmp.resolve("chemi.tif"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("sample-images", "blot_film_8bit_dark.tif"), tmp.resolve("film.tif"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("docs", "example-experiment", "pakt_samples.csv"), tmp.resolve("samples.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("docs", "examples", "dose_response.csv"), tmp.resolve("dose.csv"), StandardCopyOption.REPLACE_EXISTING);
        Path sheet = tmp.resolve("sheet.csv");
        Files.writeString(sheet, "step,name,input,options\n" + String.join("\n", rows) + "\n");
        return ExperimentPlan.read(sheet.toString());
    }

    @Test
    void aStepRunsAfterTheStepsItReadsWhateverTheirNames() throws Exception {
        ExperimentPlan p = plan(
                "dose-response,a_second,{out}/z_first/points.csv,",
                "dose-response,z_first,dose.csv,",
                "normalize,norm,{out}/{blot}/bands.csv,samples=samples.csv",
                "blot,y_blot,chemi.tif,",
                "blot,b_blot,film.tif,");
        assertEquals(List.of("b_blot", "y_blot", "norm", "z_first", "a_second"), p.steps.stream().map(ExperimentPlan.Step::name).toList());
        Map<String, ExperimentPlan.Step> by = new java.util.HashMap<>();
        p.steps.forEach(s -> by.put(s.name(), s));
        assertEquals(Set.of("z_first"), by.get("a_second").after());
        assertEquals(Set.of("b_blot", "y_blot"), by.get("norm").after(), "{out}/{blot}/ reads every image step");
        assertEquals(Set.of(), by.get("y_blot").after());
        assertEquals("input", by.get("a_second").inputKey());
        assertEquals("target", by.get("norm").inputKey());
        assertEquals("image", by.get("y_blot").inputKey());
    }

    @Test
    void pathsAreTakenFromTheSheetsFolderAndOutFromTheRunsFolder() throws Exception {
        ExperimentPlan p = plan("blot,b,chemi.tif,", "normalize,n,{out}/b/bands.csv,samples=samples.csv control_condition=DMSO");
        ExperimentPlan.Step n = p.steps.get(1);
        Path root = tmp.resolve("staging");
        Map<String, String> v = p.resolved(n, root);
        assertEquals(root.resolve("b").resolve("bands.csv").toString(), v.get("target"));
        assertEquals(tmp.resolve("samples.csv").toString(), v.get("samples"));
        assertEquals("DMSO", v.get("control_condition"), "not a file key: as written");
        assertEquals(List.of(tmp.resolve("sheet.csv"), tmp.resolve("chemi.tif"), tmp.resolve("samples.csv")), p.inputFiles());
    }

    @Test
    void aFolderInputMakesAFolderStep() throws Exception {
        ExperimentPlan p = plan("blot,all,*.tif,lanes=auto");
        ExperimentPlan.Step s = p.steps.get(0);
        assertTrue(s.batch());
        assertEquals(List.of("chemi.tif", "film.tif"), s.images().stream().map(Batch.Image::fileName).toList());
        assertEquals("*.tif", s.input());
        assertNull(s.values().get("image"), "the images are set one by one");
        assertEquals("auto", s.values().get("lanes"));
        ExperimentPlan q = plan("blot,,chemi.tif,");
        assertTrue(!q.steps.get(0).batch());
        assertEquals("chemi", q.steps.get(0).name(), "named after its input");
    }
}
