package io.spinloop.lab.list;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListPointTiming;
import io.spinloop.lab.bench.DeviceRig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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
 * <p>Why this one of the two algorithms spinloop had: sequence recordings timed the first edge of a step
 * {@value #HOLD_BEFORE_ONE_EDGE} points into a list, divided by those points (first by a two-level split, which the
 * bias filling both ends of the trace after the list left to the noise, then, for issue 12, by the same three-level
 * fit). One edge carries the trigger's latency, and its bin's error is divided by 10; two edges 100 points apart
 * cancel the latency and divide the binning error by 100. (Device calibration used to take the halfway crossing of
 * a ramp 14 points in, whose place within the ramp depends on the response: 1 % off, so readings near the end of a
 * 100-point list were mostly the next point's.)
 *
 * <p>A measured period is then checked against what the source's settings allow ({@link ListPointTiming}: its dwell,
 * and the integration time and line frequency it reports): shorter than the dwell plus the integration is impossible
 * and refused before anything is recorded; far longer is kept, with a warning to tell and to store with the data.
 * Either means the trace did not show one undisturbed list, most likely because another client was talking to the
 * source or the analyzer (issue 12).
 */
public final class PointPeriod {
    /** Points at the base drive before and after the plateau. */
    static final int HOLD = 6;
    /** Points of the plateau: the period is its duration divided by this. */
    static final int PLATEAU = 100;
    /** Zero-span points of the trace. */
    static final int BINS = 4001;
    /**
     * Zero-span points of a fine measurement: the period of lists thousands of points long must be known to a part in
     * 10^4, or their last points are read in their neighbours' time (an X-series analyzer takes 40,001 points).
     */
    public static final int FINE_BINS = 40001;
    /** Zero-span time per list point at least, s. */
    static final double MIN_WINDOW_PER_POINT_S = 2e-3;
    /** Integrations a reading may take: with auto zero on, the reference and the zero as well (the manuals). */
    static final int AUTO_ZERO_INTEGRATIONS = 3;
    /** Time for the source's processing per point, s, on top of twice its delays and integrations. */
    static final double PROCESSING_MARGIN_S = 1e-3;
    /** The points before the single edge sequence recordings used to time (for the javadoc above). */
    private static final int HOLD_BEFORE_ONE_EDGE = 10;

    private PointPeriod() {
    }

    /**
     * Zero-span time given to each list point: twice the longest point the source's settings make (dwell plus the
     * integration three times over, as auto zero takes it) and its processing, at least
     * {@value #MIN_WINDOW_PER_POINT_S} s, so the whole list falls inside the trace and the trace's bins stay short
     * against the point (the period is read to a bin: a window much longer than the point wastes resolution).
     */
    static double windowPerPoint(ListPointTiming allowed) {
        return Math.max(MIN_WINDOW_PER_POINT_S, 2 * (allowed.dwellS() + AUTO_ZERO_INTEGRATIONS * allowed.integrationS())
                + PROCESSING_MARGIN_S);
    }

    /**
     * A measured list point period, checked.
     *
     * @param periodS how long one list point lasts, s
     * @param warning why the period is doubtful (longer than the source's settings explain), or null
     */
    public record Measured(double periodS, String warning) {
    }

    /**
     * Measures the period of a list point held {@code dwellS}, with the zero span at {@code centerHz} and
     * {@code rbwHz}: the plateau at {@code plateauA}, the holds at {@code baseA} (at most one source step away; the
     * source refuses a larger one), then checks it ({@link #check}). Switches the source's output on (at its
     * compliance limit) if it is off and ramps it to {@code baseA} first.
     *
     * @param instrumentLimitsLifted an emulated bench whose instruments' real limits are lifted: a point lasts its
     *                               dwell alone, so the period is checked against the dwell
     * @throws IllegalStateException when the trace shows no step (no line at the zero span, a device that does not
     *                               oscillate) or the period is one the source's settings cannot produce
     */
    public static Measured measure(ListPlayer player, double centerHz, double rbwHz, double dwellS, double baseA,
                                   double plateauA, boolean instrumentLimitsLifted) {
        return measure(player, centerHz, rbwHz, dwellS, baseA, plateauA, instrumentLimitsLifted, BINS);
    }

    /**
     * {@link #measure(ListPlayer, double, double, double, double, double, boolean)} read with {@code bins} zero-span
     * points ({@link #FINE_BINS} for lists of thousands of points, where the analyzer takes them).
     */
    public static Measured measure(ListPlayer player, double centerHz, double rbwHz, double dwellS, double baseA,
                                   double plateauA, boolean instrumentLimitsLifted, int bins) {
        double[] list = new double[2 * HOLD + PLATEAU];
        for (int k = 0; k < list.length; k++) {
            list[k] = k >= HOLD && k < HOLD + PLATEAU ? plateauA : baseA;
        }
        CurrentSource src = player.rig().source();
        ListPointTiming allowed = timing(player.rig(), dwellS, instrumentLimitsLifted);
        if (!src.isOutputOn()) {
            src.setComplianceVoltage(src.limits().maxComplianceVoltage());
            src.outputOn();
        }
        src.setCurrent(baseA);
        double window = list.length * windowPerPoint(allowed);
        PowerVersusTime pvt = player.play(list, dwellS, new ZeroSpan(centerHz, rbwHz, window, bins));
        int[] edges = plateauEdges(pvt.powerDbm());
        if (edges == null) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: no step seen in zero span at %.4f GHz while "
                    + "measuring the list point period (%.4g to %.4g mA); is the device oscillating, and its line "
                    + "there?", player.rig().id(), centerHz / 1e9, baseA * 1e3, plateauA * 1e3));
        }
        double period = (pvt.timeS()[edges[1]] - pvt.timeS()[edges[0]]) / PLATEAU;
        String who = player.rig().id() + ": " + src.name();
        return new Measured(period, allowed.check(who, period, resolution(allowed, bins)).orElse(null));
    }

    /**
     * What the settings of {@code rig}'s source allow for a list point held {@code dwellS}: its dwell, and the
     * integration time and line frequency it reports; the dwell alone on an emulated bench with its instrument limits
     * lifted.
     */
    public static ListPointTiming timing(DeviceRig rig, double dwellS, boolean instrumentLimitsLifted) {
        return instrumentLimitsLifted ? ListPointTiming.delayOnly(dwellS)
                : rig.source().listPointTiming(Duration.ofNanos(Math.round(dwellS * 1e9)));
    }

    /**
     * Checks a list point period measured on {@code rig} with {@code dwellS} against what its source's settings allow
     * ({@link #timing}): refused when impossible (shorter than dwell plus integration, beyond what this measurement
     * resolves), a warning when far longer than they explain.
     *
     * @throws IllegalStateException for an impossible period
     */
    public static Optional<String> check(DeviceRig rig, double dwellS, double periodS, boolean instrumentLimitsLifted) {
        ListPointTiming allowed = timing(rig, dwellS, instrumentLimitsLifted);
        return allowed.check(rig.id() + ": " + rig.source().name(), periodS, resolution(allowed));
    }

    /** What the edge fit cannot tell apart: two zero-span bins, over the plateau's points. */
    static double resolution(ListPointTiming allowed) {
        return resolution(allowed, BINS);
    }

    static double resolution(ListPointTiming allowed, int bins) {
        return 2 * (2 * HOLD + PLATEAU) * windowPerPoint(allowed) / (bins - 1) / PLATEAU;
    }

    /**
     * The best fit of three constant levels to {@code dbm} whose middle level lies above both others or below both
     * (least squares, prefix sums: minimising the squared error is maximising the sum of segment sum² / length):
     * the first point of the middle level and the first point after it, or null when no such fit exists.
     */
    static int[] plateauEdges(float[] dbm) {
        if (dbm.length <= BINS) {
            return plateauEdges(dbm, 1, dbm.length - 1, 1, dbm.length - 1);
        }
        // A fine trace: the fit on block means (at most BINS of them) finds the edges to a block, the fit at full
        // resolution within a block either side of each finds them to a bin (the full search is quadratic in bins).
        int f = (dbm.length + BINS - 1) / BINS;
        float[] coarse = new float[(dbm.length + f - 1) / f];
        for (int c = 0; c < coarse.length; c++) {
            double sum = 0;
            int to = Math.min(dbm.length, (c + 1) * f);
            for (int i = c * f; i < to; i++) {
                sum += dbm[i];
            }
            coarse[c] = (float) (sum / (to - c * f));
        }
        int[] e = plateauEdges(coarse, 1, coarse.length - 1, 1, coarse.length - 1);
        if (e == null) {
            return null;
        }
        return plateauEdges(dbm, Math.max(1, (e[0] - 1) * f), Math.min(dbm.length - 1, (e[0] + 1) * f),
                Math.max(1, (e[1] - 1) * f), Math.min(dbm.length - 1, (e[1] + 1) * f));
    }

    /** The fit of {@link #plateauEdges(float[])} with the first edge in {@code [a0, a1)}, the second in {@code [b0, b1]}. */
    private static int[] plateauEdges(float[] dbm, int a0, int a1, int b0, int b1) {
        int n = dbm.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + dbm[i];
        }
        double best = Double.NEGATIVE_INFINITY;
        int[] edges = null;
        for (int a = a0; a < Math.min(a1, n - 1); a++) {
            double left = prefix[a];
            double ml = left / a;
            for (int b = Math.max(a + 1, b0); b <= Math.min(b1, n - 1); b++) {
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
