package io.spinloop.training.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One sampled configuration and what became of it. */
public final class Trial {
    /** How a trial ended. */
    public enum State { RUNNING, COMPLETE, PRUNED, FAILED }

    private final int number;
    private final Map<String, Double> params;
    private final List<Double> intermediate = new ArrayList<>();
    private volatile State state = State.RUNNING;
    private volatile double value = Double.NaN;
    private volatile String note = "";
    private volatile int taskEpochs;

    Trial(int number, Map<String, Double> params) {
        this.number = number;
        this.params = Map.copyOf(params);
    }

    public int number() {
        return number;
    }

    public Map<String, Double> params() {
        return params;
    }

    public State state() {
        return state;
    }

    /** The objective (validation accuracy); for a pruned trial, its last reported value. */
    public double value() {
        return value;
    }

    public String note() {
        return note;
    }

    /**
     * Epochs its task trained, by the task's own count (sent back when it ended): for a pruned trial, the epoch the
     * driver said stop after, which shows the task did stop there.
     */
    public int taskEpochs() {
        return taskEpochs;
    }

    synchronized void taskEpochs(int n) {
        taskEpochs = n;
    }

    /** Values reported after each epoch so far. */
    public synchronized List<Double> intermediate() {
        return Collections.unmodifiableList(new ArrayList<>(intermediate));
    }

    synchronized void report(double v) {
        intermediate.add(v);
        value = v;
    }

    /** Ends the trial with the values its task reported, as the task sent them back (they are the ones heard). */
    synchronized void settle(List<Double> values, State s, double v, String why) {
        intermediate.clear();
        intermediate.addAll(values);
        finish(s, v, why);
    }

    /** A trial read back from a results file. */
    static Trial restored(int number, Map<String, Double> params, List<Double> values, State s, double v, String why,
            int taskEpochs) {
        Trial t = new Trial(number, params);
        t.taskEpochs = taskEpochs;
        t.settle(values, s, v, why);
        return t;
    }

    synchronized void finish(State s, double v, String why) {
        state = s;
        value = v;
        note = why == null ? "" : why;
    }
}
