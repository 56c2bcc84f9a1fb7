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
            pool.shutdownNow();
        }
    }

    /**
     * f started now on a daemon thread named {@code name}; the returned supplier waits for its
     * result, and rethrows its exception as if f had run on the caller's thread.
     */
    public static <T> Supplier<T> fork(String name, Supplier<T> f) {
        FutureTask<T> task = new FutureTask<>(f::get);
        Thread th = new Thread(task, name);
        th.setDaemon(true);
        th.start();
        return () -> {
            try {
                return task.get();
            } catch (InterruptedException | ExecutionException e) {
                throw rethrown(e);
            }
        };
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
