package io.spinloop.training.engine;

import java.io.Serializable;
import java.util.List;

/**
 * Where a study's independent tasks run: in this process ({@link LocalEngine}) or on a cluster (the
 * {@code cluster} module's Spark engine, found through {@link EngineFactory}). The driver keeps everything that
 * is not a task — choosing the tasks, writing results files — so results cannot depend on the engine.
 */
public interface StudyEngine extends AutoCloseable {

    /** Receives each result on the calling thread, one at a time, as tasks finish (in any order). */
    interface Results<R> {
        void accept(String key, R result);
    }

    /** The engine's name as {@code --engine} spells it. */
    String name();

    /**
     * Runs every task and returns when all have finished; each result reaches {@code results} once (a task
     * re-run by the engine after a failure is delivered once, by key). {@code parallel} bounds the tasks in
     * flight for engines that own their threads; a cluster engine uses the cluster's cores. A task that fails
     * for good ends the study with a {@link StudyFailedException} naming its key.
     */
    <D extends Serializable, R extends Serializable> void run(D shared, List<? extends StudyTask<D, R>> tasks,
            int parallel, Results<R> results);

    /**
     * A queue of {@link ReportingTask}s over {@code shared} (sent to each worker once), their reports heard by
     * {@code listener} while they run. The caller bounds the tasks in flight.
     */
    <D extends Serializable, R extends Serializable> TaskQueue<D, R> queue(D shared, ReportListener listener);

    /** What the engine measured of its own costs in the last {@link #run} (start-up, per-task overhead), or "". */
    default String report() {
        return "";
    }

    @Override
    void close();
}
