package org.assayquant.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assayquant.core.AssayException;

class CsvReaderTest {

    @Test
    void readsQuotedCellsBomCrLfAndBlankLines() {
        CsvReader t = CsvReader.parse("input=t.csv", "\uFEFFDrug, Dose ,response\r\n\"A, the first\",1.5,\"90\"\r\n\r\nB,2e-9,\"say \"\"hi\"\"\"\n");
        assertEquals(2, t.size());
        assertEquals("A, the first", t.text(0, "drug"));
        assertEquals(1.5, t.number(0, "DOSE"));
        assertEquals(2e-9, t.number(1, "dose"));
        assertEquals("say \"hi\"", t.text(1, "response"));
        assertEquals(4, t.line(1), "header is line 1, the blank line 3 is skipped");
    }

    @Test
    void quotedNewlineStaysInTheCellAndLinesStayRight() {
        CsvReader t = CsvReader.parse("s", "a,b\n\"x\ny\",1\nz,oops\n");
        assertEquals("x\ny", t.text(0, "a"));
        AssayException e = assertThrows(AssayException.class, () -> t.number(1, "b"));
        assertEquals("s: line 4, column b: 'oops' is not a number", e.getMessage());
    }

    @Test
    void emptyAndNaCellsAreMissingNumbers() {
        CsvReader t = CsvReader.parse("s", "a,b\n,NA\n");
        assertTrue(Double.isNaN(t.number(0, "a")));
        assertTrue(Double.isNaN(t.number(0, "b")));
        assertTrue(Double.isNaN(t.number(0, "absent")));
        AssayException e = assertThrows(AssayException.class, () -> t.requiredNumber(0, "a"));
        assertEquals("s: line 2, column a: empty (a number is required)", e.getMessage());
    }

    @Test
    void errorsNameWhatWasExpected() {
        assertEquals("s: line 2, column x: '1,5' is not a number (use '.' as the decimal separator)",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "x,y\n\"1,5\",2\n").number(0, "x")).getMessage());
        assertEquals("s: line 2, column x: -1 is negative (expected >= 0)",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "x\n-1\n").nonNegative(0, "x")).getMessage());
        assertEquals("s: missing columns dose, response (the header has: drug, conc)",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "drug,conc\nA,1\n").require("drug", "dose", "response")).getMessage());
        assertEquals("s: column 'Dose' appears twice in the header",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "dose,Dose\n1,2\n")).getMessage());
        assertEquals("s: line 3: 3 cells but the header has 2 columns",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "a,b\n1,2\n1,2,3\n")).getMessage());
        assertEquals("s: empty file (expected a header row and data rows)",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", " \n\n")).getMessage());
        assertEquals("s: line 2: a quoted cell is never closed",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "a\n\"open\n")).getMessage());
        assertEquals("s: line 5: a quoted cell is never closed",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "a\n\"x\ny\"\n\n\"open\n")).getMessage());
        assertEquals("s: line 3: text after a quoted cell's closing quote (a quote inside a cell is written as two quotes)",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "a,b\n1,2\n\"x\"y,3\n")).getMessage());
        // a text that is no table (a README given as input) says so
        assertEquals("s: line 3: text after a quoted cell's closing quote (a quote inside a cell is written as two quotes); its first line has no ',': "
                + "is it a CSV table (a header row of column names, then data rows)?",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "# AssayQuant\n\n\"Quantify Blot Bands\" comes first.\n")).getMessage());
        // lines as a spreadsheet numbers them, past a quoted line break and blank lines
        assertEquals("s: line 6, column x: 'q' is not a number",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "x,y\n1,\"two\nlines\"\n\n  \nq,2\n").number(1, "x")).getMessage());
        assertEquals("s: line 2, column ok: 'maybe' is not true or false",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "ok\nmaybe\n").bool(0, "ok", false)).getMessage());
        assertEquals("s: line 2, column x: 'Infinity' is not a number",
                assertThrows(AssayException.class, () -> CsvReader.parse("s", "x\nInfinity\n").number(0, "x")).getMessage());
    }

    @Test
    void trailingEmptyCellsFromSpreadsheetsAreAccepted() {
        CsvReader t = CsvReader.parse("s", "a,b\n1,2,,\n");
        assertEquals(2.0, t.number(0, "b"));
    }

    @Test
    void filesAreCheckedBeforeParsing(@TempDir Path dir) throws Exception {
        assertEquals("input=" + dir.resolve("none.csv") + ": no such file",
                assertThrows(AssayException.class, () -> CsvReader.read("input", dir.resolve("none.csv").toString())).getMessage());
        assertEquals("input=" + dir + ": is a folder, expected a CSV file",
                assertThrows(AssayException.class, () -> CsvReader.read("input", dir.toString())).getMessage());
        Path bin = Files.write(dir.resolve("x.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertEquals("input=" + bin + ": not a UTF-8 text (CSV) file",
                assertThrows(AssayException.class, () -> CsvReader.read("input", bin.toString())).getMessage());
        Path ok = Files.writeString(dir.resolve("ok.csv"), "a\n1\n");
        assertEquals(1.0, CsvReader.read("input", ok.toString()).number(0, "a"));
    }

    static CsvReader detecting(String text) {
        return CsvReader.parse("s", text, CsvReader.separator(text));
    }

    /** With detection the separator is the header line's: ',' ';' or tab, whichever it holds most outside quotes. */
    @Test
    void separatorComesFromTheHeaderLine() {
        CsvReader semi = detecting("dose_a;dose_b;response\n0,5;1;80\n");
        assertEquals(3, semi.header().size());
        assertEquals("0,5", semi.text(0, "dose_a"), "a decimal comma stays in its cell (and is refused as a number)");
        assertEquals(80.0, semi.number(0, "response"));
        CsvReader tab = detecting("\nblock_id\tdrug_row\tconc_r\n1\t\"A, B\"\t10\n");
        assertEquals("A, B", tab.text(0, "drug_row"));
        assertEquals(10.0, tab.number(0, "conc_r"));
        CsvReader comma = detecting("\"a;b\",c\n1,2\n");
        assertEquals(List.of("a;b", "c"), comma.header(), "a ';' inside quotes does not count");
        assertEquals(',', CsvReader.separator("single\n1\n"));
        assertEquals(',', CsvReader.separator("a,b;c\n"), "a tie keeps ','");
        assertEquals(1, CsvReader.parse("s", "a;b\n1;2\n").header().size(), "without detection ',' only (the experiment sheet refuses ';' itself)");
    }
}
