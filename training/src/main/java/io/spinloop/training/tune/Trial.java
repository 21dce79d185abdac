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

    /** Values reported after each epoch so far. */
    public synchronized List<Double> intermediate() {
        return Collections.unmodifiableList(new ArrayList<>(intermediate));
    }

    synchronized void report(double v) {
        intermediate.add(v);
        value = v;
    }

    synchronized void finish(State s, double v, String why) {
        state = s;
        value = v;
        note = why == null ? "" : why;
    }
}
