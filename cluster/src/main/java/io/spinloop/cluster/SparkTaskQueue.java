package io.spinloop.cluster;

import io.spinloop.training.engine.ReportListener;
import io.spinloop.training.engine.ReportingTask;
import io.spinloop.training.engine.StudyFailedException;
import io.spinloop.training.engine.TaskQueue;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link SparkEngine}'s queue: each task is its own single-task job in its own job group (named by its key), so it
 * starts as soon as it is submitted and a core is free, and closing the queue cancels exactly the jobs still
 * running. The shared data go out once as a broadcast; reports come in on a {@link ReportServer}.
 */
final class SparkTaskQueue<D extends Serializable, R extends Serializable> implements TaskQueue<D, R> {
    private final JavaSparkContext sc;
    private final Runnable onClose;
    private final Broadcast<D> data;
    private final ReportServer server;
    private final RunReportingOnExecutor<D, R> onExecutor;
    private final Map<String, JavaFutureAction<List<Keyed<R>>>> inFlight = new LinkedHashMap<>();

    SparkTaskQueue(JavaSparkContext sc, D shared, ReportListener listener, Runnable onClose) {
        this.sc = sc;
        this.onClose = onClose;
        try {
            this.server = new ReportServer(listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the driver's report port", e);
        }
        this.data = sc.broadcast(shared);
        // The address executors reach the driver at (Spark's own RPC uses it too).
        String host = sc.getConf().get("spark.driver.host", "127.0.0.1");
        this.onExecutor = new RunReportingOnExecutor<>(data, host, server.port(), server.token());
    }

    @Override
    public void submit(ReportingTask<D, R> task) {
        if (inFlight.containsKey(task.key())) {
            throw new IllegalArgumentException("task " + task.key() + " is in flight already");
        }
        sc.setJobGroup(task.key(), "spinloop " + task.key(), true);
        try {
            inFlight.put(task.key(), sc.parallelize(List.<ReportingTask<D, R>>of(task), 1).map(onExecutor).collectAsync());
        } finally {
            sc.clearJobGroup();
        }
    }

    @Override
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public Finished<R> take() {
        if (inFlight.isEmpty()) {
            throw new IllegalStateException("no task in flight");
        }
        try {
            while (true) {
                for (var it = inFlight.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    if (e.getValue().isDone()) {
                        it.remove();
                        Keyed<R> k = get(e.getKey(), e.getValue()).get(0);
                        return new Finished<>(k.key(), k.result());
                    }
                }
                Thread.sleep(20); // polling the futures; a trial takes seconds or more
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a task", e);
        }
    }

    private static <R> List<Keyed<R>> get(String key, JavaFutureAction<List<Keyed<R>>> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new StudyFailedException(key, e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public void close() {
        inFlight.keySet().forEach(sc::cancelJobGroup);
        inFlight.clear();
        server.close();
        data.destroy();
        onClose.run();
    }
}
