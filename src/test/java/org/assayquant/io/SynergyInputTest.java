package org.assayquant.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.AssayException;
import org.assayquant.core.dose.ResponseScale;
import org.assayquant.core.synergy.DoseMatrix;

/** The matrix layout holds the same design as the two-column rows (docs/synergy.md, "Input"). */
class SynergyInputTest {
    @TempDir
    Path tmp;

    static final Path EXAMPLE = Path.of("docs", "examples", "synergy_matrix.csv");

    /**
     * The example's 6 x 6 x 3 wells written as three replicate grids (rows ganetespib, columns
     * defactinib, one cell left empty): the same dose matrix, cell by cell, and the drugs named by
     * the label.
     */
    @Test
    void matrixLayoutReadsAsTheTwoColumnRows() throws Exception {
        SynergyInput.Block rows = SynergyInput.readAll(EXAMPLE.toString(), ResponseScale.VIABILITY).blocks().get(0);
        // replicate -> dose_a -> dose_b -> response
        Map<String, TreeMap<Double, TreeMap<Double, String>>> grids = new TreeMap<>();
        List<String> lines = Files.readAllLines(EXAMPLE);
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            grids.computeIfAbsent(c[3], k -> new TreeMap<>()).computeIfAbsent(Double.parseDouble(c[0]), k -> new TreeMap<>()).put(Double.parseDouble(c[1]), c[2]);
        }
        StringBuilder text = new StringBuilder();
        for (TreeMap<Double, TreeMap<Double, String>> g : grids.values()) {
            text.append("ganetespib (nM) \\ defactinib (µM)");
            for (double b : g.firstEntry().getValue().keySet()) text.append(';').append(b);
            text.append('\n');
            for (Map.Entry<Double, TreeMap<Double, String>> row : g.entrySet()) {
                text.append(row.getKey());
                for (String y : row.getValue().values()) text.append(';').append(y);
                text.append('\n');
            }
            text.append('\n');
        }
        Path grid = Files.writeString(tmp.resolve("grid.csv"), text);
        SynergyInput.Input in = SynergyInput.readAll(grid.toString(), ResponseScale.VIABILITY);
        SynergyInput.Block b = in.blocks().get(0);
        assertEquals(List.of("ganetespib", "nM", "defactinib", "µM"), List.of(b.drugA(), b.unitA(), b.drugB(), b.unitB()));
        DoseMatrix m = b.matrix(), r = rows.matrix();
        assertArrayEquals(r.dosesA(), m.dosesA());
        assertArrayEquals(r.dosesB(), m.dosesB());
        for (int i = 0; i < r.rows(); i++) assertArrayEquals(r.means()[i], m.means()[i], 1e-12);
        assertEquals(3, m.minReplicates());

        // a grid without drug A alone is refused by name
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "A \\ B,0,1,2\n1,50,60,70\n2,40,50,60\n");
        AssayException e = assertThrows(AssayException.class, () -> SynergyInput.readAll(bad.toString(), ResponseScale.VIABILITY));
        assertTrue(e.getMessage().contains("no rows for drug B alone"), e.getMessage());
        // an unnamed label: the drugs stay unnamed
        Path plain = Files.writeString(tmp.resolve("plain.csv"), "viability,0,1,2\n0,100,80,60\n1,90,50,30\n2,70,40,20\n");
        assertEquals("", SynergyInput.readAll(plain.toString(), ResponseScale.VIABILITY).blocks().get(0).drugA());
    }
}
