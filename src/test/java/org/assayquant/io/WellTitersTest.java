package org.assayquant.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;
import org.assayquant.core.survival.ClonogenicSurvival;
import org.assayquant.core.wells.PlateFormat;
import org.assayquant.core.wells.WellOptions;
import org.assayquant.core.wells.WellResult;

/** Plaque- and colony-forming units per mL from the layout's dilution and volume_ml (issue 19). */
class WellTitersTest {

    private static WellResult plate(int... counts) {
        List<WellResult.Well> wells = new java.util.ArrayList<>();
        for (int k = 0; k < counts.length; k++)
            wells.add(new WellResult.Well(PlateFormat.W12.label(k / 4, k % 4), k / 4, k % 4, 10 + k, 10, 5, 6, counts[k], 1, 1, Double.NaN, 3,
                    100, 5, true, 0, List.of()));
        return new WellResult(PlateFormat.W12, wells, List.of(), List.of(), "green", WellOptions.Polarity.LIGHT_COLONIES, 0, counts.length, List.of());
    }

    private static CsvTable wells(WellResult r, PlateLayout l, WellOptions.Mode mode) {
        return WellTables.wells("p.png", r, l, ClonogenicSurvival.compute(WellTables.survivalInput(r, l), null), mode);
    }

    private static PlateLayout layout(String csv) {
        return PlateLayout.parse(CsvReader.parse("layout=l.csv", csv));
    }

    @Test
    void pfuPerMlIsCountOverDilutionTimesVolume() {
        PlateLayout l = layout("well,condition,dilution,volume_ml\nA1,stock,1e-5,0.1\nA2,stock,1e-6,0.1\nA3,stock,1e-6,0.2\n");
        CsvTable t = wells(plate(40, 5, 9, 0), l, WellOptions.Mode.PLAQUES);
        List<String> cols = t.columns();
        assertTrue(cols.containsAll(List.of("dilution", "volume_ml", "pfu_per_ml")) && !cols.contains("cfu_per_ml"), cols.toString());
        int pfu = cols.indexOf("pfu_per_ml");
        assertEquals(4e7, (Double) t.rows().get(0)[pfu], 1e-3);
        assertEquals(5e7, (Double) t.rows().get(1)[pfu], 1e-3);
        assertEquals(4.5e7, (Double) t.rows().get(2)[pfu], 1e-3);
        assertEquals(null, t.rows().get(3)[pfu], "a well the layout does not name");
        assertTrue(wells(plate(40, 5, 9), l, WellOptions.Mode.COLONIES).columns().contains("cfu_per_ml"), "colonies: CFU per mL");
        assertTrue(!wells(plate(40), layout("well,condition\nA1,x\n"), WellOptions.Mode.PLAQUES).columns().contains("pfu_per_ml"));
    }

    @Test
    void titersCsvGivesEachSamplesTiterOverItsOkWells() {
        PlateLayout l = layout("well,condition,dilution,volume_ml\nA1,virus,1e-5,0.1\nA2,virus,1e-5,0.1\nA3,virus,1e-6,0.1\nA4,mock,1e-5,0.1\n");
        WellResult r = plate(40, 44, 5, 0);
        CsvTable t = WellTables.titers("p.png", r, l, WellOptions.Mode.PLAQUES);
        assertEquals(List.of("condition", "wells", "wells_used", "plaques", "pfu_per_ml", "low", "high", "p_agreement", "status", "reasons", "image"), t.columns());
        assertEquals(2, t.rows().size());
        Object[] virus = t.rows().get(0);
        assertEquals("virus", virus[0]);
        assertEquals(3, virus[2]);
        assertEquals(89, virus[3]);
        assertEquals(89 / (0.1 * 2.1e-5), (Double) virus[4], 1);
        assertEquals("ok", virus[8]);
        assertEquals("mock", t.rows().get(1)[0]);
        assertEquals(0.0, (Double) t.rows().get(1)[4]);
        assertEquals(null, WellTables.titers("p.png", r, layout("well,condition\nA1,x\n"), WellOptions.Mode.PLAQUES), "no dilutions: no titers.csv");
        assertTrue(WellTables.titers("p.png", r, l, WellOptions.Mode.COLONIES).columns().contains("cfu_per_ml"));
    }

    @Test
    void badDilutionsAndVolumesAreRefusedNamingTheCell() {
        AssayException e = assertThrows(AssayException.class, () -> layout("well,condition,dilution,volume_ml\nA1,s,10000,0.1\n"));
        assertTrue(e.getMessage().contains("line 2, column dilution") && e.getMessage().contains("1e-4 for a 10^-4 dilution"), e.getMessage());
        e = assertThrows(AssayException.class, () -> layout("well,condition,dilution,volume_ml\nA1,s,1e-4,0\n"));
        assertTrue(e.getMessage().contains("column volume_ml"), e.getMessage());
        e = assertThrows(AssayException.class, () -> layout("well,condition,dilution\nA1,s,1e-4\n"));
        assertTrue(e.getMessage().contains("column volume_ml missing"), e.getMessage());
        e = assertThrows(AssayException.class, () -> layout("well,condition,dilution,volume_ml\nA1,s,,0.1\n"));
        assertTrue(e.getMessage().contains("dilution"), e.getMessage());
    }
}
