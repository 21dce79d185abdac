package io.spinloop.lab.list;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.config.Limits;
import java.util.Locale;

/**
 * How long one list point really lasts, measured on the bench. A SourceMeter's list point lasts longer than its
 * source delay (the dwell): each point also measures (1 NPLC is 17-20 ms) and has a processing overhead. Every
 * zero span read against a list needs that period for its time base, so sequence recordings and device calibration
 * both measure it here, the same way.
 *
 * <p>The list holds a base drive for {@value #HOLD} points, a plateau drive one step away for {@value #PLATEAU}
 * points and the base again for {@value #HOLD}, read in one zero span long enough for any plausible point. The two
 * edges of the plateau are the best fit of three constant levels (base, plateau, base; least squares in dB, where the
 * detected noise is even) with the plateau above or below both sides, whichever way the step moves the reading; the
 * period is the time between the edges divided by {@value #PLATEAU}.
 *
 * <p>Why this one of the two algorithms spinloop had: sequence recordings took the single edge of a step
 * {@value #HOLD_BEFORE_ONE_EDGE} points in, found by a two-level split, divided by those points. That edge carries the
 * trigger's latency and the bin it falls in over 10 points; two edges 100 points apart cancel the latency, and their
 * binning error is divided by 100. And the source returns to its bias once the list ends, so the bias fills both ends
 * of a long trace: a two-level split then has little more than the noise to place its edge with, where a three-level
 * fit models what the trace shows. (Device calibration used to take the halfway crossing of a ramp 14 points in,
 * whose place within the ramp depends on the response: 1 % off, so readings near the end of a 100-point list were
 * mostly the next point's.)
 */
public final class PointPeriod {
    /** Points at the base drive before and after the plateau. */
    static final int HOLD = 6;
    /** Points of the plateau: the period is its duration divided by this. */
    static final int PLATEAU = 100;
    /** Zero-span points of the trace. */
    static final int BINS = 4001;
    /** Zero-span time per list point at least: longer than a SourceMeter's point at 1 NPLC and a short dwell. */
    static final double MIN_WINDOW_PER_POINT_S = 50e-3;
    /** The points before the single edge sequence recordings used to time (for the javadoc above). */
    private static final int HOLD_BEFORE_ONE_EDGE = 10;

    private PointPeriod() {
    }

    /**
     * Zero-span time given to each list point: at least {@value #MIN_WINDOW_PER_POINT_S} s, and twice what a point is
     * expected to last (its dwell plus a SourceMeter's measurement and overhead, {@link Limits#LIST_POINT_OVERHEAD_S})
     * for long dwells, so the whole list always falls inside the trace.
     */
    static double windowPerPoint(double dwellS) {
        return Math.max(MIN_WINDOW_PER_POINT_S, 2 * (dwellS + Limits.LIST_POINT_OVERHEAD_S));
    }

    /**
     * Measures the period of a list point held {@code dwellS}, with the zero span at {@code centerHz} and
     * {@code rbwHz}: the plateau at {@code plateauA}, the holds at {@code baseA} (at most one source step away; the
     * source refuses a larger one). Switches the source's output on (at its compliance limit) if it is off and ramps
     * it to {@code baseA} first.
     *
     * @throws IllegalStateException when the trace shows no step (no line at the zero span, a device that does not
     *                               oscillate)
     */
    public static double measure(ListPlayer player, double centerHz, double rbwHz, double dwellS, double baseA,
                                 double plateauA) {
        double[] list = new double[2 * HOLD + PLATEAU];
        for (int k = 0; k < list.length; k++) {
            list[k] = k >= HOLD && k < HOLD + PLATEAU ? plateauA : baseA;
        }
        CurrentSource src = player.rig().source();
        if (!src.isOutputOn()) {
            src.setComplianceVoltage(src.limits().maxComplianceVoltage());
            src.outputOn();
        }
        src.setCurrent(baseA);
        double window = list.length * windowPerPoint(dwellS);
        PowerVersusTime pvt = player.play(list, dwellS, new ZeroSpan(centerHz, rbwHz, window, BINS));
        int[] edges = plateauEdges(pvt.powerDbm());
        if (edges == null) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: no step seen in zero span at %.4f GHz while "
                    + "measuring the list point period (%.4g to %.4g mA); is the device oscillating, and its line "
                    + "there?", player.rig().id(), centerHz / 1e9, baseA * 1e3, plateauA * 1e3));
        }
        return (pvt.timeS()[edges[1]] - pvt.timeS()[edges[0]]) / PLATEAU;
    }

    /**
     * The best fit of three constant levels to {@code dbm} whose middle level lies above both others or below both
     * (least squares, prefix sums: minimising the squared error is maximising the sum of segment sum² / length):
     * the first point of the middle level and the first point after it, or null when no such fit exists.
     */
    static int[] plateauEdges(float[] dbm) {
        int n = dbm.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + dbm[i];
        }
        double best = Double.NEGATIVE_INFINITY;
        int[] edges = null;
        for (int a = 1; a < n - 1; a++) {
            double left = prefix[a];
            double ml = left / a;
            for (int b = a + 1; b < n; b++) {
                double mid = prefix[b] - left;
                double mm = mid / (b - a);
                double right = prefix[n] - prefix[b];
                double mr = right / (n - b);
                boolean plateau = mm > ml && mm > mr;
                boolean dip = mm < ml && mm < mr;
                if (!plateau && !dip) {
                    continue;
                }
                double explained = left * ml + mid * mm + right * mr;
                if (explained > best) {
                    best = explained;
                    edges = new int[] {a, b};
                }
            }
        }
        return edges;
    }
}
