package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Parallel.pipeline: produced on the caller's thread in order, results in index order, few items in flight, exceptions as the caller's. */
class ParallelTest {

    @Test
    void pipelineKeepsOrderProducesOnTheCallerAndBoundsWhatWaits() {
        Thread caller = Thread.currentThread();
        AtomicInteger produced = new AtomicInteger(), consumed = new AtomicInteger(), most = new AtomicInteger();
        List<Integer> out = Parallel.pipeline(50, 2, "test-pipeline", k -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(k, produced.getAndIncrement()); // one after the other, in order
            most.accumulateAndGet(produced.get() - consumed.get(), Math::max);
            return k;
        }, k -> {
            try {
                Thread.sleep(k % 3); // finish out of order
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumed.incrementAndGet();
            return k * k;
        });
        for (int k = 0; k < 50; k++) assertEquals(k * k, out.get(k));
        assertTrue(most.get() <= 4, "at most 2 x threads produced and not yet consumed: " + most.get());
        assertEquals(List.of(0, 1, 4), Parallel.pipeline(3, 1, "test-pipeline", k -> k, k -> k * k));
    }

    @Test
    void pipelineRethrowsAConsumersException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.pipeline(10, 2, "test-pipeline", k -> k, k -> {
            if (k == 7) throw new IllegalArgumentException("seven");
            return k;
        }));
        assertEquals("seven", e.getMessage());
    }
}
