package io.spinloop.training.engine;

import java.io.Serializable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link LocalEngine}'s queue: one daemon thread per task in flight; a report is a plain call to the listener on
 * the task's thread, so the driver's answer reaches the task with no copy and no network.
 */
final class LocalTaskQueue<D extends Serializable, R extends Serializable> implements TaskQueue<D, R> {
    private final D shared;
    private final ReportListener listener;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "spinloop-task");
        t.setDaemon(true);
        return t;
    });
    private final CompletionService<Finished<R>> done = new ExecutorCompletionService<>(pool);
    private int inFlight;

    LocalTaskQueue(D shared, ReportListener listener) {
        this.shared = shared;
        this.listener = listener;
    }

    @Override
    public void submit(ReportingTask<D, R> task) {
        String key = task.key();
        done.submit(() -> {
            try {
                return new Finished<>(key, task.run(shared, (step, value) -> listener.heard(key, step, value)));
            } catch (RuntimeException | Error e) {
                throw new StudyFailedException(key, e);
            }
        });
        inFlight++;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public Finished<R> take() {
        if (inFlight == 0) {
            throw new IllegalStateException("no task in flight");
        }
        try {
            Finished<R> f = done.take().get();
            inFlight--;
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a task", e);
        } catch (ExecutionException e) {
            inFlight--;
            if (e.getCause() instanceof StudyFailedException s) {
                throw s;
            }
            throw new IllegalStateException("a task failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
