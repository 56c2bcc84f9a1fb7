package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.testutil.CliRun;

/**
 * Image jobs (docs/experiment.md, "Image jobs"; workflow/Snakefile): plan=true lists the jobs,
 * step= image= runs one image into its own out=, jobs= gathers them, and the gathered output is
 * the experiment's own: every file byte for byte (the folder's own path aside), a failed image
 * skipped the same way, the same exit status and error line. Stale or missing jobs are refused.
 */
class ExperimentJobsCliTest {
    static final Path SAMPLES = Path.of("sample-images");

    @TempDir
    static Path dir;
    static Path sheet;
    static CliRun.Run alone;
    static Path aloneOut;

    @BeforeAll
    static void setUp() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.copy(SAMPLES.resolve("blot_chemi_16bit.tif"), images.resolve("blot_chemi_16bit.tif"));
        Files.copy(SAMPLES.resolve("blot_film_8bit_dark.tif"), images.resolve("blot_film_8bit_dark.tif"));
        byte[] junk = new byte[5000];
        new java.util.Random(7).nextBytes(junk);
        Files.write(images.resolve("broken.tif"), junk);
        Path single = Files.createDirectories(dir.resolve("single"));
        Files.copy(SAMPLES.resolve("blot_doublet_16bit.tif"), single.resolve("doublet blot.tif"));
        Files.copy(Path.of("docs", "example-experiment", "pakt_samples.csv"), dir.resolve("samples.csv"));
        sheet = Files.writeString(dir.resolve("sheet.csv"), String.join("\n",
                "step,name,input,options,note",
                "blot,blots,images,lanes=auto,all blots",
                "normalize,pAKT,{out}/blots/blot_chemi_16bit/bands.csv,samples=samples.csv control_row=2 control_condition=DMSO,",
                "blot,doublet,single/doublet blot.tif,background=valley,one image") + "\n", StandardCharsets.UTF_8);
        aloneOut = dir.resolve("alone");
        alone = CliRun.run("experiment", "sheet=" + sheet, "out=" + aloneOut);
        assertEquals(1, alone.status(), alone.toString()); // broken.tif fails and is skipped
    }

    /** Runs plan=true and every job it lists; returns the jobs folder. */
    private static Path runJobs(String name) throws IOException {
        Path work = dir.resolve(name);
        CliRun.Run plan = CliRun.run("experiment", "sheet=" + sheet, "out=" + work.resolve("plan"), "plan=true");
        assertEquals(0, plan.status(), plan.toString());
        List<Map<String, String>> jobs = CliTest.readCsv(work.resolve("plan/jobs.csv"));
        assertEquals(List.of("blots/blot_chemi_16bit", "blots/blot_film_8bit_dark", "blots/broken", "doublet/doublet blot"),
                jobs.stream().map(j -> j.get("folder")).toList(), "image steps that read nothing of the experiment, one job per image");
        assertEquals("background=valley", jobs.get(3).get("options"));
        for (Map<String, String> j : jobs) {
            CliRun.Run r = CliRun.run("experiment", "sheet=" + sheet, "out=" + work.resolve("jobs").resolve(j.get("folder")), "step=" + j.get("step"), "image=" + j.get("image"));
            assertEquals(0, r.status(), r.toString());
            if (j.get("image").equals("broken.tif"))
                assertTrue(r.err().contains("warning: blots: broken.tif failed (recorded in job.properties"), r.toString());
        }
        return work.resolve("jobs");
    }

    @Test
    void gatheredJobsGiveTheExperimentsOwnOutput() throws Exception {
        Path jobs = runJobs("w1");
        Path out = dir.resolve("gathered");
        CliRun.Run r = CliRun.run("experiment", "sheet=" + sheet, "out=" + out, "jobs=" + jobs);
        assertEquals(alone.status(), r.status(), r.toString());
        List<String> a = alone.errLines(), g = r.errLines();
        assertEquals(a.get(a.size() - 1).replace(aloneOut.toString(), "OUT"), g.get(g.size() - 1).replace(out.toString(), "OUT"), "the same error line");
        assertEquals(ExperimentCliTest.tree(aloneOut), ExperimentCliTest.tree(out));
        int compared = 0;
        for (String f : ExperimentCliTest.tree(aloneOut)) {
            if (f.endsWith("/") || f.equals("report.html") || f.equals(".assayquant-files")) continue;
            byte[] x = Files.readAllBytes(aloneOut.resolve(f)), y = Files.readAllBytes(out.resolve(f));
            if (f.endsWith("run.csv") || f.endsWith("batch.csv") || f.endsWith("failures.csv")) {
                // these name the folder they are in
                String sx = new String(x, StandardCharsets.UTF_8).replace(aloneOut.toRealPath().toString(), "OUT");
                String sy = new String(y, StandardCharsets.UTF_8).replace(out.toRealPath().toString(), "OUT");
                if (f.equals("run.csv")) { // the experiment's own: the jobs key says where the images' results came from
                    assertTrue(sy.contains("\nparameter.jobs," + jobs + "\n"), sy);
                    sy = sy.replace("\nparameter.jobs," + jobs + "\n", "\nparameter.jobs,\n");
                }
                assertEquals(sx, sy, f);
            } else {
                assertTrue(java.util.Arrays.equals(x, y), f + " differs");
            }
            compared++;
        }
        assertTrue(compared > 20, "compared " + compared);
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("broken.tif"));
        String report = Files.readString(out.resolve("report.html")).replace(out.toRealPath().toString(), "OUT").replaceAll("generated [0-9T:+Z-]+", "");
        String expected = Files.readString(aloneOut.resolve("report.html")).replace(aloneOut.toRealPath().toString(), "OUT").replaceAll("generated [0-9T:+Z-]+", "");
        assertEquals(expected, report, "the report, time stamp aside");
    }

    @Test
    void staleMissingOrForeignJobsAreRefusedAndNothingIsWritten() throws Exception {
        Path jobs = runJobs("w2");
        Path other = Files.writeString(dir.resolve("other.csv"), Files.readString(sheet).replace("background=valley", "background=border_median"));
        CliRun.Run r = CliRun.run("experiment", "sheet=" + other, "out=" + dir.resolve("stale"), "jobs=" + jobs);
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("doublet/doublet blot (image doublet blot.tif of step doublet): made with option.background=valley, the experiment has border_median; run the job again"), r.toString());
        assertFalse(Files.exists(dir.resolve("stale")));

        deleteTree(jobs.resolve("blots/blot_film_8bit_dark"));
        r = CliRun.run("experiment", "sheet=" + sheet, "out=" + dir.resolve("missing"), "jobs=" + jobs);
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("blots/blot_film_8bit_dark (image blot_film_8bit_dark.tif of step blots): no job.properties; run its job first"), r.toString());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void jobKeysAreChecked() {
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"step=pAKT", "a normalize step; only image steps that read no other step's output run as jobs (blots, doublet)"});
        bad.add(new String[] {"step=nope", "step=nope: no step of that name"});
        bad.add(new String[] {"step=blots", "image: required with step=blots (a folder step of 3 images"});
        bad.add(new String[] {"step=blots image=other.tif", "image=other.tif: not an image of step blots (its images: blot_chemi_16bit.tif, blot_film_8bit_dark.tif, broken.tif)"});
        bad.add(new String[] {"image=broken.tif", "image=broken.tif: only with step="});
        bad.add(new String[] {"step=blots image=broken.tif plan=true", "cannot be combined with plan=true"});
        for (String[] b : bad) {
            List<String> args = new ArrayList<>(List.of("experiment", "sheet=" + sheet, "out=" + dir.resolve("refused")));
            args.addAll(List.of(b[0].split(" ")));
            CliRun.Run r = CliRun.run(args);
            assertEquals(2, r.status(), b[0] + ": " + r);
            assertTrue(r.err().contains(b[1]), b[0] + ": " + r);
            assertFalse(Files.exists(dir.resolve("refused")), b[0]);
        }
    }

    @Test
    void aFailingSingleImageJobFailsAsTheExperimentDoes() throws Exception {
        Path s = Files.writeString(dir.resolve("single.csv"), "step,name,input,options,note\nblot,one,images/broken.tif,,\n");
        CliRun.Run r = CliRun.run("experiment", "sheet=" + s, "out=" + dir.resolve("one-job"), "step=one");
        CliRun.Run e = CliRun.run("experiment", "sheet=" + s, "out=" + dir.resolve("one-alone"));
        assertEquals(e.status(), r.status(), r.toString());
        List<String> je = r.errLines(), ee = e.errLines();
        assertEquals(ee.get(ee.size() - 1), je.get(je.size() - 1));
        assertFalse(Files.exists(dir.resolve("one-job")));
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
