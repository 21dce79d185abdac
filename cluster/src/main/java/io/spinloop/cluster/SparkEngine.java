package io.spinloop.cluster;

import io.spinloop.training.engine.ReportListener;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.engine.StudyFailedException;
import io.spinloop.training.engine.StudyTask;
import io.spinloop.training.engine.TaskQueue;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A {@link StudyEngine} on Apache Spark. Each study task is its own single-task job (a one-element RDD in one
 * partition), all submitted at once and queued by Spark's scheduler on the cluster's cores, so results come back
 * as each task finishes, not when the slowest does. The study's data go to each executor once as a broadcast. A
 * failed task (an executor lost, a JVM killed) is re-run by Spark up to {@code spark.task.maxFailures} times; the
 * driver takes one result per key whatever happens.
 */
public final class SparkEngine implements StudyEngine {
    public static final String NAME = "spark";

    private final JavaSparkContext sc;
    private final TaskTimes times = new TaskTimes();
    private final double startSeconds;
    private double studySeconds;

    /** A Spark context on {@code master}, or the one spark-submit set, or local[*]. */
    public SparkEngine(String master) {
        this(SparkSettings.conf(master));
    }

    public SparkEngine(SparkConf conf) {
        long t0 = System.nanoTime();
        this.sc = new JavaSparkContext(conf);
        this.startSeconds = (System.nanoTime() - t0) / 1e9;
        sc.sc().addSparkListener(times);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The Spark context (tests listen to its tasks). */
    JavaSparkContext context() {
        return sc;
    }

    /** The master this engine runs on (for the progress line). */
    public String master() {
        return sc.master();
    }

    @Override
    public <D extends Serializable, R extends Serializable> void run(D shared, List<? extends StudyTask<D, R>> tasks,
            int parallel, Results<R> results) {
        if (tasks.isEmpty()) {
            return;
        }
        times.clear();
        long t0 = System.nanoTime();
        Broadcast<D> data = sc.broadcast(shared);
        Map<String, JavaFutureAction<List<Keyed<R>>>> inFlight = new LinkedHashMap<>();
        try {
            for (StudyTask<D, R> t : tasks) {
                sc.setJobDescription("spinloop " + t.key());
                inFlight.put(t.key(), sc.parallelize(List.<StudyTask<D, R>>of(t), 1).map(new RunOnExecutor<>(data)).collectAsync());
            }
            Set<String> delivered = new HashSet<>();
            while (!inFlight.isEmpty()) {
                boolean any = false;
                for (var it = inFlight.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    if (!e.getValue().isDone()) {
                        continue;
                    }
                    it.remove();
                    any = true;
                    for (Keyed<R> k : get(e.getKey(), e.getValue())) {
                        if (delivered.add(k.key())) {
                            results.accept(k.key(), k.result());
                        }
                    }
                }
                if (!any) {
                    Thread.sleep(50); // polling the futures; the tasks themselves take seconds to hours
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } finally {
            inFlight.values().forEach(f -> f.cancel(true));
            data.destroy();
            studySeconds = (System.nanoTime() - t0) / 1e9;
        }
    }

    @Override
    public <D extends Serializable, R extends Serializable> TaskQueue<D, R> queue(D shared, ReportListener listener) {
        times.clear();
        long t0 = System.nanoTime();
        return new SparkTaskQueue<>(sc, shared, listener, () -> studySeconds = (System.nanoTime() - t0) / 1e9);
    }

    private static <R> List<Keyed<R>> get(String key, JavaFutureAction<List<Keyed<R>>> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new StudyFailedException(key, e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public String report() {
        // The listener hears of tasks asynchronously: let it catch up first.
        try {
            sc.sc().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            // report what has been heard so far
        }
        return String.format(java.util.Locale.ROOT, "spark %s: context started in %.1f s; tasks done in %.1f s; %s", sc.master(),
                startSeconds, studySeconds, times.summary());
    }

    @Override
    public void close() {
        sc.stop();
    }

    @Override
    public String toString() {
        return "SparkEngine[" + sc.master() + "]";
    }
}
