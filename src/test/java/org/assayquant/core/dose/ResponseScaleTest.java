package org.assayquant.core.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import org.assayquant.core.AssayException;

class ResponseScaleTest {

    @Test
    void convertsBetweenScales() {
        assertEquals(0.25, ResponseScale.VIABILITY.toFa(75), 1e-12);
        assertEquals(25, ResponseScale.VIABILITY.toInhibition(75), 1e-12);
        assertEquals(0.4, ResponseScale.INHIBITION.toFa(40), 1e-12);
        assertEquals(0.9, ResponseScale.FA.toFa(0.9), 1e-12);
        assertEquals(90, ResponseScale.FA.toInhibition(0.9), 1e-12);
        for (ResponseScale s : ResponseScale.values()) assertEquals(0.3, s.toFa(s.fromFa(0.3)), 1e-12);
    }

    @Test
    void parsesKeysAndRefusesOthers() {
        assertEquals(ResponseScale.FA, ResponseScale.parse("response", " FA "));
        AssayException e = assertThrows(AssayException.class, () -> ResponseScale.parse("response", "percent"));
        assertEquals("response=percent: expected viability (percent of untreated control), inhibition (percent) or fa (fraction affected, 0..1)", e.getMessage());
    }

    @Test
    void warnsWhenValuesLookLikeAnotherScale() {
        assertNotNull(ResponseScale.VIABILITY.scaleWarning(new double[] {1, 0.8, 0.3}));
        assertNull(ResponseScale.VIABILITY.scaleWarning(new double[] {100, 80, 30}));
        assertNotNull(ResponseScale.FA.scaleWarning(new double[] {10, 50}));
        assertNull(ResponseScale.FA.scaleWarning(new double[] {0.1, 1.02}));
    }
}
