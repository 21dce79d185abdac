package io.spinloop.lab.list;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.config.ModelCapabilities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plays current lists on one device: the source runs a list as a list sweep whose trigger-link pulses start the
 * analyzer's zero span, so the trace shows the device's power at one frequency while the drive steps through the
 * list. The one list player of the lab: sequence recordings, the chip channel and the point-period measurement all
 * play through {@link #play}, and every list it plays is counted in its {@link RoundTrips}.
 *
 * <p>Drives whose order does not matter (a quasi-static neuron's: every list point shows the device's stationary
 * response) are planned by {@link #inTentOrder}: sorted and played up and down ("tent" order: every second value
 * rising, the others falling back), which keeps every step between points small, including the step back to the
 * list's start; where two neighbours are farther apart than the source's step limit, filler points are inserted
 * (played, not used); lists are cut to at most the capacity of the source model ({@link #capacity}).
 */
public final class ListPlayer {
    /** How long past the end of its zero span a trace is waited for. */
    private static final double WAIT_MARGIN_S = 5.0;
    /** Steps between planned points stay this far under the source's step limit. */
    private static final double STEP_MARGIN = 0.95;

    private final DeviceRig rig;
    private final RoundTrips trips;

    /** A player whose operations are counted into {@code trips}. */
    public ListPlayer(DeviceRig rig, RoundTrips trips) {
        this.rig = rig;
        this.trips = trips;
    }

    /** A player that counts into a counter of its own. */
    public ListPlayer(DeviceRig rig) {
        this(rig, new RoundTrips());
    }

    public DeviceRig rig() {
        return rig;
    }

    /**
     * The longest list to plan for {@code source}: {@code wanted}, or less if its model holds fewer points
     * ({@link ModelCapabilities}, from its {@code *IDN?}; a model spinloop does not know is taken at {@code wanted}).
     */
    public static int capacity(CurrentSource source, int wanted) {
        return ModelCapabilities.fromIdn(source.identity().raw()).map(m -> Math.min(wanted, m.maxListPoints()))
                .orElse(wanted);
    }

    /**
     * Plays {@code currents} as one source list, each point held {@code dwellS} (the source delay; the point lasts
     * longer by the source's measurement), its trigger pulses starting {@code zeroSpan}, and returns the trace. The
     * source's output must be on at a level within one step of the first point (the source refuses anything else,
     * as it refuses a list it cannot hold).
     */
    public PowerVersusTime play(double[] currents, double dwellS, ZeroSpan zeroSpan) {
        rig.analyzer().armZeroSpan(zeroSpan.centerHz(), zeroSpan.rbwHz(), zeroSpan.sweepS(), zeroSpan.bins());
        trips.operation();
        // A list point pinned at the compliance voltage throws ComplianceTripException here, the source already safe.
        rig.source().runList(currents, Duration.ofNanos(Math.round(dwellS * 1e9)), true);
        trips.operation();
        PowerVersusTime pvt = rig.analyzer().awaitZeroSpan(
                Duration.ofNanos(Math.round((zeroSpan.sweepS() + WAIT_MARGIN_S) * 1e9)));
        trips.operation();
        trips.list(currents.length);
        return pvt;
    }

    /** One list as played: currents, and for each the index of the caller's drive (-1 for a filler). */
    public record PlayList(double[] currents, int[] origin) {
    }

    /** Cuts {@code drives} (in any order) into tent-ordered lists that respect the step limit and the capacity. */
    public static List<PlayList> inTentOrder(double[] drives, double maxStep, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("lists must hold at least one point, got a capacity of " + capacity);
        }
        Integer[] order = new Integer[drives.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(drives[a], drives[b]));
        List<PlayList> lists = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int size = Math.min(capacity, order.length - from);
            PlayList list = tent(drives, order, from, size, maxStep * STEP_MARGIN);
            while (list.currents().length > capacity) {
                size = Math.max(1, size / 2);
                list = tent(drives, order, from, size, maxStep * STEP_MARGIN);
                if (size == 1 && list.currents().length > capacity) {
                    throw new IllegalStateException("cannot play drive " + drives[order[from]] + " A within "
                            + capacity + " points");
                }
            }
            lists.add(list);
            from += size;
        }
        return lists;
    }

    private static PlayList tent(double[] drives, Integer[] order, int from, int size, double step) {
        int[] seq = new int[size];
        int k = 0;
        for (int i = 0; i < size; i += 2) {
            seq[k++] = order[from + i];
        }
        for (int i = (size % 2 == 0 ? size - 1 : size - 2); i >= 1; i -= 2) {
            seq[k++] = order[from + i];
        }
        List<Double> cur = new ArrayList<>();
        List<Integer> org = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double v = drives[seq[i]];
            if (i > 0) {
                addFillers(cur, org, cur.get(cur.size() - 1), v, step);
            }
            cur.add(v);
            org.add(seq[i]);
        }
        // the list returns to its first value after the last point: fill that gap too
        addFillers(cur, org, cur.get(cur.size() - 1), drives[seq[0]], step);
        double[] c = new double[cur.size()];
        int[] o = new int[cur.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = cur.get(i);
            o[i] = org.get(i);
        }
        return new PlayList(c, o);
    }

    private static void addFillers(List<Double> cur, List<Integer> org, double from, double to, double step) {
        int gaps = (int) Math.ceil(Math.abs(to - from) / step);
        for (int g = 1; g < gaps; g++) {
            cur.add(from + (to - from) * g / gaps);
            org.add(-1);
        }
    }

    /** Mean power (averaged in W) of the zero-span bins that fall in each of {@code points} list points, in dBm. */
    public static double[] meanDbmPerPoint(PowerVersusTime pvt, int points) {
        int bins = pvt.points();
        double[] sum = new double[points];
        int[] count = new int[points];
        for (int i = 0; i < bins; i++) {
            int t = Math.min(points - 1, (int) ((long) i * points / bins));
            sum[t] += Math.pow(10, pvt.powerDbm()[i] / 10.0);
            count[t]++;
        }
        double[] out = new double[points];
        for (int t = 0; t < points; t++) {
            out[t] = 10 * Math.log10(sum[t] / Math.max(1, count[t]));
        }
        return out;
    }

    /**
     * Mean power (W) of the zero-span bins in the middle half of each of {@code points} list points, into {@code out}:
     * away from the steps, so a small error of the point period cannot mix neighbouring points.
     */
    public static void middleHalfWattsPerPoint(PowerVersusTime pvt, int points, double[] out) {
        int n = pvt.points();
        Arrays.fill(out, 0);
        int[] count = new int[points];
        for (int i = 0; i < n; i++) {
            double pos = (i + 0.5) * points / n;
            int t = Math.min(points - 1, (int) pos);
            double frac = pos - t;
            if (frac >= 0.25 && frac <= 0.75) {
                out[t] += Math.pow(10, pvt.powerDbm()[i] / 10.0) * 1e-3;
                count[t]++;
            }
        }
        for (int t = 0; t < points; t++) {
            out[t] = count[t] > 0 ? out[t] / count[t] : 0;
        }
    }
}
