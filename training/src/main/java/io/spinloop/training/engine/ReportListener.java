package io.spinloop.training.engine;

/**
 * The driver's side of {@link Reporter}: hears each report of a running task, from whatever thread the engine
 * receives it on, and answers go on (true) or stop. A task re-run by the engine after a failure reports its steps
 * again; the listener decides what a repeated step means.
 */
public interface ReportListener {
    boolean heard(String key, int step, double value);
}
