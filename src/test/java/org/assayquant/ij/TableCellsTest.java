package org.assayquant.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ij.measure.ResultsTable;
import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.io.DoseInput;

/** An ImageJ results table as dose-response input, without ImageJ running (the macro tests cover Fiji). */
class TableCellsTest {

    static ResultsTable table() {
        ResultsTable rt = new ResultsTable();
        String[] drug = {"A", "A", "A", "B"};
        double[] dose = {0, 1.23456789e-9, 2.5e-8, 0};
        for (int i = 0; i < drug.length; i++) {
            rt.incrementCounter();
            rt.addValue("Drug", drug[i]);
            rt.addValue("Dose", dose[i]);
            rt.addValue("Response", 100 - 10 * i + 0.123456789);
        }
        rt.setDecimalPlaces(1, 2); // what the window shows must not matter
        return rt;
    }

    @Test
    void readsColumnsCaseInsensitivelyAtFullPrecision() {
        TableCells t = new TableCells(table(), "plate 1");
        assertEquals("input=[plate 1]", t.source());
        assertEquals(4, t.size());
        assertTrue(t.has("dose") && t.has(" RESPONSE ") && !t.has("replicate"));
        assertEquals(1.23456789e-9, t.number(1, "dose"));
        assertEquals(90.123456789, t.number(1, "response"), 1e-12);
        assertEquals("A", t.text(0, "drug"));
        assertEquals("", t.text(0, "replicate"));
        assertEquals("input=[plate 1]: row 2, column dose", t.where(1, "dose"));
        List<DoseInput.Drug> drugs = DoseInput.read(t);
        assertEquals(List.of("A", "B"), drugs.stream().map(DoseInput.Drug::name).toList());
        assertEquals(0, drugs.get(0).replicates());
    }

    @Test
    void textWhereANumberIsExpectedNamesTheRow() {
        ResultsTable rt = table();
        rt.setValue("Dose", 2, "high");
        AssayException e = assertThrows(AssayException.class, () -> DoseInput.read(new TableCells(rt, "plate 1")));
        assertEquals("input=[plate 1]: row 3, column dose: 'high' is not a number", e.getMessage());
        ResultsTable noDose = new ResultsTable();
        noDose.incrementCounter();
        noDose.addValue("drug", "A");
        noDose.addValue("response", 50);
        AssayException m = assertThrows(AssayException.class, () -> DoseInput.read(new TableCells(noDose, "t")));
        assertTrue(m.getMessage().startsWith("input=[t]: missing column dose"), m.getMessage());
    }

    @Test
    void noTablesOutsideImageJ() {
        assertNull(TableCells.find(""));
        assertNull(TableCells.find("Results"));
    }
}
