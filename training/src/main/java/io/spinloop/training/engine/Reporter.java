package io.spinloop.training.engine;

/**
 * A running task's line to the driver: it reports a value after each step (a trial's validation accuracy after
 * each epoch) and hears back whether to go on. On a cluster the call crosses the network, so a task calls it only
 * between steps, never in an inner loop.
 */
public interface Reporter {
    /** Sends the value of {@code step} (0-based); false means the driver says stop: the task ends after this step. */
    boolean report(int step, double value);
}
