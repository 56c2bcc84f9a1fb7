package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.assayquant.core.wells.WellResult.Kind;

/** Issue 19: each reason colonies.csv writes declares the kind of object it makes (the overlay's colour). */
class RejectTest {

    /** The reasons' keys (colonies.csv's, unchanged) and kinds as the overlay drew them since session 18; a reason added later must be listed here. */
    @Test
    void eachReasonHasItsKeyAndKind() {
        Map<String, Kind> expected = Map.ofEntries(Map.entry("speck", Kind.DUST),
                Map.entry("elongated", Kind.SCRATCH), Map.entry("chain", Kind.SCRATCH),
                Map.entry("streak", Kind.SCRATCH), Map.entry("tip_mark", Kind.SCRATCH),
                Map.entry("not_filled", Kind.RING), Map.entry("arc", Kind.RING),
                Map.entry("rim", Kind.LIGHT), Map.entry("halo", Kind.LIGHT),
                Map.entry("cap", Kind.LIGHT), Map.entry("glare", Kind.LIGHT), Map.entry("reflection", Kind.LIGHT));
        Map<String, Kind> declared = Arrays.stream(ColonyCounter.Reject.values())
                .collect(Collectors.toMap(ColonyCounter.Reject::key, r -> r.kind));
        assertEquals(new TreeMap<>(expected), new TreeMap<>(declared));
    }
}
