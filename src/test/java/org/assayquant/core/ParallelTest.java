package org.assayquant.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Parallel.pipeline and fork: produced on the caller's thread in order, results in index order, few items in flight, exceptions as the caller's, no work left running. */
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

    /** A fork read: its result, or its exception as the caller's; the one-thread path the same. */
    @Test
    void aForkGivesItsResultOrItsException() {
        try (Parallel.Forked<Integer> f = Parallel.fork("test-fork", () -> 6 * 7)) {
            assertEquals(42, f.get());
        }
        for (boolean thread : new boolean[] {true, false}) {
            Supplier<Integer> failing = () -> {
                throw new IllegalArgumentException("the fork's");
            };
            try (Parallel.Forked<Integer> f = Parallel.fork("test-fork", failing, thread)) {
                assertEquals("the fork's", assertThrows(IllegalArgumentException.class, f::get).getMessage());
            }
        }
    }

    /**
     * The caller fails while its fork still works (and would fail too): leaving the block waits for the fork's
     * thread to end, and the caller's exception is the one seen, as on one thread, where the fork's work would
     * come after it.
     */
    @Test
    void aFailingCallerWaitsForItsForkAndReportsItsOwnException() throws InterruptedException {
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch begun = new CountDownLatch(1);
        IllegalStateException own = new IllegalStateException("the caller's");
        Thread[] forked = new Thread[1];
        IllegalStateException seen = assertThrows(IllegalStateException.class, () -> {
            try (Parallel.Forked<Integer> f = Parallel.fork("test-fork", () -> {
                forked[0] = Thread.currentThread();
                begun.countDown();
                try {
                    Thread.sleep(100); // still at work when the caller fails
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.set(true);
                throw new IllegalArgumentException("the fork's");
            })) {
                begun.await();
                throw own;
            }
        });
        assertSame(own, seen);
        assertTrue(ended.get(), "the fork had ended");
        assertFalse(forked[0].isAlive());
    }

    /** A task's exception: the other tasks have ended when the caller sees it. */
    @Test
    void pipelineWaitsForItsOtherTasksWhenOneFails() {
        CountDownLatch begun = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.pipeline(2, 2, "test-pipeline", k -> k, k -> {
            try {
                if (k == 0) {
                    begun.await();
                    throw new IllegalArgumentException("zero");
                }
                begun.countDown();
                Thread.sleep(100); // at work (or stopped here) when task 0 fails
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            } finally {
                if (k == 1) ended.set(true);
            }
            return k;
        }));
        assertEquals("zero", e.getMessage());
        assertTrue(ended.get(), "task 1 had ended");
    }
}
