package io.spinloop.training.engine;

import java.io.Serializable;

/**
 * Tasks submitted one at a time while others run, results taken as they finish: what an ask/tell search needs (a
 * new trial is chosen as soon as one ends, from everything known by then). Used from one driver thread; closing it
 * cancels what still runs.
 */
public interface TaskQueue<D extends Serializable, R extends Serializable> extends AutoCloseable {

    /** A finished task's result under its key. */
    record Finished<R>(String key, R result) {
    }

    /** Starts {@code task} now (the engine's cores permitting); its reports go to the queue's listener. */
    void submit(ReportingTask<D, R> task);

    /** Tasks submitted and not yet taken. */
    int inFlight();

    /**
     * Waits for the next task to finish and returns its result; a task that failed for good throws a
     * {@link StudyFailedException} naming its key.
     */
    Finished<R> take();

    @Override
    void close();
}
