package io.spinloop.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own account of each finished task: the time the task ran its code on the executor, and the rest of its
 * duration (launch, deserializing the task and its broadcast, sending the result back): the per-task overhead the
 * README's "On a cluster" quotes.
 */
final class TaskTimes extends SparkListener {
    private final List<double[]> times = new ArrayList<>();
    private int failed;

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
            failed++;
            return;
        }
        double run = end.taskMetrics().executorRunTime() / 1e3;
        double whole = end.taskInfo().duration() / 1e3;
        times.add(new double[] {run, Math.max(0, whole - run)});
    }

    synchronized void clear() {
        times.clear();
        failed = 0;
    }

    synchronized String summary() {
        if (times.isEmpty()) {
            return "no task finished";
        }
        double[] run = times.stream().mapToDouble(t -> t[0]).sorted().toArray();
        double[] over = times.stream().mapToDouble(t -> t[1]).sorted().toArray();
        return String.format(Locale.ROOT, "%d tasks (%d failed and re-run): run time median %.3f s, overhead median %.0f ms "
                + "(max %.0f ms)", times.size(), failed, median(run), 1e3 * median(over), 1e3 * over[over.length - 1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    @Override
    public String toString() {
        return "TaskTimes" + Arrays.toString(new int[] {times.size(), failed});
    }
}
