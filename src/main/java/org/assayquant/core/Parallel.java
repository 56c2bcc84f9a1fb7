package org.assayquant.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** An ordered parallel map on a short-lived pool (wells, the dish-centre search, PNG bands). */
public final class Parallel {
    private Parallel() {}

    /**
     * f(0), ..., f(n - 1) computed on up to {@code threads} daemon threads named {@code name}, in
     * index order (so results never depend on the thread count): {@link #pipeline} with nothing to
     * produce on the caller's thread.
     */
    public static <T> List<T> map(int n, int threads, String name, IntFunction<T> f) {
        return pipeline(n, threads, name, k -> k, f::apply);
    }

    /**
     * consume(produce(0)), ..., consume(produce(n - 1)) in index order: {@code produce} on the
     * caller's thread, one after the other (for work that must stay on one thread, such as ImageJ's
     * drawing), each {@code consume} on up to {@code threads} daemon threads named {@code name}
     * while the next items are produced. At most 2 x threads produced items wait or are being
     * consumed at a time, so a long series never holds all of them. A task's exception is rethrown
     * as if it had run on the caller's thread.
     */
    public static <S, T> List<T> pipeline(int n, int threads, String name, IntFunction<S> produce, Function<S, T> consume) {
        int t = Math.max(1, Math.min(threads, n));
        List<T> out = new ArrayList<>(Collections.nCopies(n, null));
        if (t == 1) {
            for (int k = 0; k < n; k++) out.set(k, consume.apply(produce.apply(k)));
            return out;
        }
        ExecutorService pool = daemons(t, name);
        Semaphore room = new Semaphore(2 * t);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                room.acquire();
                S item = produce.apply(k);
                futures.add(pool.submit(() -> {
                    try {
                        return consume.apply(item);
                    } finally {
                        room.release();
                    }
                }));
            }
            for (int k = 0; k < n; k++) out.set(k, futures.get(k).get());
            return out;
        } catch (InterruptedException | ExecutionException e) {
            throw rethrown(e);
        } finally {
            // a task's exception (or the caller's) leaves the others running: they are stopped where they wait and
            // waited for, so that no work outlives the call
            pool.shutdownNow();
            awaitEnd(pool);
        }
    }

    /** Waits until the pool's threads have ended. */
    private static void awaitEnd(ExecutorService pool) {
        waitThrough(() -> pool.awaitTermination(1, TimeUnit.DAYS));
    }

    /** A wait that may be interrupted; true when what it waits for has come. */
    private interface Wait {
        boolean done() throws InterruptedException;
    }

    /** Waits until w is done, not stopped by an interrupt (kept for the caller: its flag set again afterwards). */
    private static void waitThrough(Wait w) {
        boolean interrupted = false;
        while (true) {
            try {
                if (w.done()) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * f started now on a daemon thread named {@code name}. Use it in a try-with-resources block: its
     * {@link Forked#get} waits for the result and rethrows f's exception as if f had run on the caller's
     * thread; leaving the block, by a return or by an exception of the caller's own, waits for the thread
     * to end (f not yet begun is not begun). So no work is left running once the caller has its answer or
     * its exception, and the exception the caller sees is the one the one-thread path ({@link #inPlace},
     * f computed where get is called) would see: its own when it fails before it reads f's result.
     */
    public static <T> Forked<T> fork(String name, Supplier<T> f) {
        FutureTask<T> task = new FutureTask<>(f::get);
        Thread th = new Thread(task, name);
        th.setDaemon(true);
        th.start();
        return new Forked<>(task, th, null);
    }

    /** f computed on the caller's thread when {@link Forked#get} is called (fork's one-thread path). */
    public static <T> Forked<T> inPlace(Supplier<T> f) {
        return new Forked<>(null, null, f);
    }

    /** {@link #fork} when onThread (a processor is free for it), else {@link #inPlace}: the same answer either way. */
    public static <T> Forked<T> fork(String name, Supplier<T> f, boolean onThread) {
        return onThread ? fork(name, f) : inPlace(f);
    }

    /** A computation begun by {@link #fork} (or left for get, {@link #inPlace}); read once. */
    public static final class Forked<T> implements Supplier<T>, AutoCloseable {
        private final FutureTask<T> task;
        private final Thread thread;
        private final Supplier<T> here;

        private Forked(FutureTask<T> task, Thread thread, Supplier<T> here) {
            this.task = task;
            this.thread = thread;
            this.here = here;
        }

        /** The result, waited for (or computed here); the computation's exception rethrown as the caller's. */
        @Override
        public T get() {
            if (task == null) return here.get();
            try {
                return task.get();
            } catch (InterruptedException | ExecutionException e) {
                throw rethrown(e);
            }
        }

        /** Waits for the thread to end ({@link #waitThrough}); never throws. */
        @Override
        public void close() {
            if (thread == null) return;
            task.cancel(false); // not begun yet: never begun; running: left to finish (its result is not read)
            waitThrough(() -> {
                thread.join();
                return true;
            });
        }
    }

    /** A pool of t daemon threads named name (a stuck task never keeps Fiji or the CLI alive). */
    private static ExecutorService daemons(int t, String name) {
        return Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
    }

    private static RuntimeException rethrown(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted", e);
        }
        if (e.getCause() instanceof RuntimeException re) return re;
        if (e.getCause() instanceof Error err) throw err;
        return new IllegalStateException(e.getCause());
    }
}
