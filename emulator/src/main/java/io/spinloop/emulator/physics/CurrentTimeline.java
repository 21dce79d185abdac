package io.spinloop.emulator.physics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The current one source drives through its output, as a step function of bench time: what actually flows
 * (zero while the output is off, limited in compliance). Sources append; devices and analyzers read it at
 * any time, past or scheduled (a list sweep schedules its steps ahead).
 * Thread-safe.
 */
public final class CurrentTimeline {
    /** Told of every step, so a device can notice a damaging current. */
    public interface Listener {
        void stepped(double time, double current);
    }

    private static final int MAX_ENTRIES = 1 << 20;

    private double[] times = new double[64];
    private double[] values = new double[64];
    private int size;
    private final List<Listener> listeners = new ArrayList<>();

    public CurrentTimeline() {
        times[0] = Double.NEGATIVE_INFINITY;
        values[0] = 0;
        size = 1;
    }

    public synchronized void addListener(Listener l) {
        listeners.add(l);
    }

    /**
     * The current is {@code value} from {@code time} on. Steps scheduled at or after {@code time} (the rest of
     * an aborted list sweep) are dropped.
     */
    public void set(double time, double value) {
        Listener[] ls;
        synchronized (this) {
            while (size > 1 && times[size - 1] >= time) {
                size--;
            }
            if (values[size - 1] == value) {
                return;
            }
            append(time, value);
            ls = listeners.toArray(new Listener[0]);
        }
        for (Listener l : ls) {
            l.stepped(time, value);
        }
    }

    private void append(double t, double value) {
        if (size == times.length) {
            if (size >= MAX_ENTRIES) { // forget the oldest half; nothing reads that far back
                int keep = size / 2;
                System.arraycopy(times, size - keep, times, 1, keep - 1);
                System.arraycopy(values, size - keep, values, 1, keep - 1);
                values[0] = values[1];
                size = keep;
            } else {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
        }
        times[size] = t;
        values[size] = value;
        size++;
    }

    /** The current flowing at time {@code t}. */
    public synchronized double valueAt(double t) {
        return values[indexAt(t)];
    }

    /** The time of the last step at or before {@code t} (negative infinity if it never changed). */
    public synchronized double lastChangeAtOrBefore(double t) {
        return times[indexAt(t)];
    }

    /** The time of the first step strictly after {@code t} (positive infinity if none is scheduled). */
    public synchronized double nextChangeAfter(double t) {
        int i = indexAt(t) + 1;
        return i < size ? times[i] : Double.POSITIVE_INFINITY;
    }

    private int indexAt(double t) {
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Copies the steps that matter between {@code t0} and {@code t1}: the value in force at {@code t0} (with its
     * time) and every step in {@code (t0, t1]}.
     *
     * @return {@code {times, values}}
     */
    public synchronized double[][] window(double t0, double t1) {
        int first = indexAt(t0);
        int last = indexAt(t1);
        return new double[][] {Arrays.copyOfRange(times, first, last + 1), Arrays.copyOfRange(values, first, last + 1)};
    }
}
