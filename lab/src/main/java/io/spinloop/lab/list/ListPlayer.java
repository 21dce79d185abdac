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

    /**
     * Fraction of a list point kept clear at each end when it is read: a bin that close to a step may show the
     * neighbouring point (the trigger's latency, the period known to a part in 10^3 to 10^5 over a list of up to
     * 2,500 points, the resolution filter's response), so only the middle half counts.
     */
    public static final double EDGE_GUARD = 0.25;

    /**
     * Mean power (averaged in W) of the zero-span bins in the middle of each of {@code points} list points, in dBm
     * ({@link #wattsPerPoint}).
     */
    public static double[] meanDbmPerPoint(PowerVersusTime pvt, int points) {
        double[] out = new double[points];
        wattsPerPoint(pvt, points, out);
        for (int t = 0; t < points; t++) {
            out[t] = 10 * Math.log10(out[t] * 1e3);
        }
        return out;
    }

    /**
     * Mean power (W) of each of {@code points} list points that fill the trace, into {@code out}. Each bin belongs to
     * the point its time falls in: the trace's time axis ({@link PowerVersusTime#timeS}, the analyzer's: its bins span
     * the sweep inclusively, bin i at i · T/(N−1)) from its first bin, against the list's point period, the sweep time
     * over the points. Only bins at least {@link #EDGE_GUARD} of a point from its edges count; a point with none there
     * (fewer than 4 bins per point) takes the one bin nearest its middle. Counting bins as if spaced T/N instead
     * carried the second bin of each point into the next from the 93rd point of a 100-point list on (README, "Bench
     * time per digits epoch").
     *
     * @throws IllegalArgumentException when a point has no bin at all (fewer bins than points)
     */
    public static void wattsPerPoint(PowerVersusTime pvt, int points, double[] out) {
        int n = pvt.points();
        double[] time = pvt.timeS();
        float[] dbm = pvt.powerDbm();
        double periodS = n > 1 ? (time[n - 1] - time[0]) / points : 0;
        if (!(periodS > 0)) {
            throw new IllegalArgumentException("a zero-span trace of " + n + " bins cannot be read as " + points
                    + " list points: it spans no time");
        }
        double[] sum = new double[points];
        int[] count = new int[points];
        int[] nearest = new int[points];
        double[] nearestOff = new double[points];
        Arrays.fill(nearest, -1);
        Arrays.fill(nearestOff, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double pos = (time[i] - time[0]) / periodS;
            int t = Math.min(points - 1, (int) Math.floor(pos));
            if (t < 0) {
                continue;
            }
            double frac = pos - t;
            double w = Math.pow(10, dbm[i] / 10.0) * 1e-3;
            if (frac >= EDGE_GUARD && frac <= 1 - EDGE_GUARD) {
                sum[t] += w;
                count[t]++;
            }
            double off = Math.abs(frac - 0.5);
            if (off < nearestOff[t]) {
                nearestOff[t] = off;
                nearest[t] = i;
            }
        }
        for (int t = 0; t < points; t++) {
            if (count[t] > 0) {
                out[t] = sum[t] / count[t];
            } else if (nearest[t] >= 0) {
                out[t] = Math.pow(10, dbm[nearest[t]] / 10.0) * 1e-3;
            } else {
                throw new IllegalArgumentException("a zero-span trace of " + n + " bins leaves list point " + t
                        + " of " + points + " without a bin");
            }
        }
    }
}
