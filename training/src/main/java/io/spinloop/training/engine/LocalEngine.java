package io.spinloop.training.engine;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Today's in-process execution: {@code parallel} daemon threads, results handed to the caller's thread as they
 * finish. Tasks see the shared data as it is, without serialization, so a laptop pays nothing for the seam.
 */
public final class LocalEngine implements StudyEngine {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public <D extends Serializable, R extends Serializable> void run(D shared, List<? extends StudyTask<D, R>> tasks,
            int parallel, Results<R> results) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, tasks.size()), r -> {
            Thread t = new Thread(r, "spinloop-study");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Done<R>> done = new ExecutorCompletionService<>(pool);
        try {
            for (StudyTask<D, R> t : tasks) {
                done.submit(() -> {
                    try {
                        return new Done<>(t.key(), t.run(shared));
                    } catch (RuntimeException | Error e) {
                        throw new StudyFailedException(t.key(), e);
                    }
                });
            }
            for (int i = 0; i < tasks.size(); i++) {
                Future<Done<R>> f = done.take();
                Done<R> d = f.get();
                results.accept(d.key, d.result);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StudyFailedException s) {
                throw s;
            }
            throw new IllegalStateException("a study task failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public <D extends Serializable, R extends Serializable> TaskQueue<D, R> queue(D shared, ReportListener listener) {
        return new LocalTaskQueue<>(shared, listener);
    }

    private record Done<R>(String key, R result) {
    }

    @Override
    public void close() {
        // nothing held between studies
    }

    @Override
    public String toString() {
        return "LocalEngine";
    }
}
