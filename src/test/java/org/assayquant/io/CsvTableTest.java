package org.assayquant.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV conventions of ../shared/CONTRACT.md: ',' separator, '.' decimals in every locale, true/false,
 * empty cell for a missing value; plus the documented number format (6 decimals at most, no
 * exponent, trailing zeros dropped). All comparisons are exact string equality: formatting has no
 * tolerance.
 */
class CsvTableTest {
    private Locale saved;

    @BeforeEach
    void germanLocale() {
        // surefire already runs with de_DE; set it here too so the test means the same from an IDE
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void missingValuesAreEmptyCells() {
        assertEquals("", CsvTable.cell(null));
        assertEquals("", CsvTable.cell(Double.NaN));
        assertEquals("", CsvTable.cell(Float.NaN));
        // infinities are not numbers a reader can use: also "missing"
        assertEquals("", CsvTable.cell(Double.POSITIVE_INFINITY));
        assertEquals("", CsvTable.cell(Double.NEGATIVE_INFINITY));
    }

    @Test
    void numbersKeepSixDecimalsOrSixSignificantDigitsWithPointInGermanLocale() {
        assertEquals("1.5", CsvTable.cell(1.5)); // not "1,5" although the default locale is German
        assertEquals("1", CsvTable.cell(1.0));
        assertEquals("0", CsvTable.cell(0.0));
        assertEquals("0", CsvTable.cell(-0.0), "no negative zero");
        assertEquals("0.123457", CsvTable.cell(0.1234567), "rounded to 6 decimals");
        assertEquals("-0.0025", CsvTable.cell(-0.0025));
        assertEquals("123456789.123457", CsvTable.cell(123456789.123456789));
        assertEquals("0.0000004", CsvTable.cell(4e-7), "small values keep 6 significant digits");
        assertEquals("0.00000000253457", CsvTable.cell(2.534567e-9), "a molar dose survives");
        assertEquals("0.0123457", CsvTable.cell(0.01234567));
        assertEquals("0.1", CsvTable.cell(0.1f), "float widened without binary noise");
        assertEquals("24043459", CsvTable.cell(24043459.0));
        assertEquals("3055367.5", CsvTable.cell(3055367.5));
    }

    @Test
    void noExponentForAnyMagnitude() {
        assertEquals("150000000000000000000", CsvTable.cell(1.5e20));
        assertEquals("-25000000000000000", CsvTable.cell(-2.5e16));
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            double v = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 34 * rnd.nextDouble());
            String s = CsvTable.cell(v);
            assertTrue(s.matches("-?\\d+(\\.\\d+)?"), v + " -> " + s);
            // within half a unit of the 6th decimal, or of the 6th significant digit below 0.1
            BigDecimal back = new BigDecimal(s);
            double tol = Math.abs(v) < 0.1 ? Math.abs(v) * 5e-6 : 5e-7;
            assertTrue(back.subtract(BigDecimal.valueOf(v)).abs().doubleValue() <= tol * (1 + 1e-9), v + " -> " + s);
        }
    }

    @Test
    void integersAndBooleansVerbatim() {
        assertEquals("3", CsvTable.cell(3));
        assertEquals("-7", CsvTable.cell(-7L));
        assertEquals("1234567", CsvTable.cell(1234567), "no grouping separator in German locale");
        assertEquals("true", CsvTable.cell(true));
        assertEquals("false", CsvTable.cell(Boolean.FALSE));
    }

    @Test
    void textWithSeparatorQuoteOrNewlineIsQuoted() {
        assertEquals("plain.tif", CsvTable.cell("plain.tif"));
        assertEquals("my blot.tif", CsvTable.cell("my blot.tif"), "spaces need no quotes");
        assertEquals("\"a,b.tif\"", CsvTable.cell("a,b.tif"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTable.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvTable.cell("two\nlines"));
    }

    @Test
    void carriageReturnIsQuoted() {
        // RFC 4180: a field containing CR must be quoted too (Python's csv module rejects a bare CR
        // in an unquoted field: "new-line character seen in unquoted field")
        assertEquals("\"a\rb\"", CsvTable.cell("a\rb"));
    }

    @Test
    void writeGivesHeaderRowsAndUnixNewlines() throws IOException {
        CsvTable t = new CsvTable("image", "lane", "volume", "saturated", "note");
        t.add("a,b.tif", 1, 1234.5, false, null);
        t.add("c.tif", 2, Double.NaN, true, "x");
        StringWriter w = new StringWriter();
        t.write(w);
        assertEquals("image,lane,volume,saturated,note\n"
                + "\"a,b.tif\",1,1234.5,false,\n"
                + "c.tif,2,,true,x\n", w.toString());
        assertFalse(w.toString().contains("\r"));
        assertEquals(2, t.rows().size());
        assertThrows(IllegalArgumentException.class, () -> t.add("only", "three", "values"));
    }
}
