package io.spinloop.training.chip;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One device of the bench as a bank of quasi-static neurons: plays drive currents as source list sweeps and reads
 * the power in zero span, one reading (dBm) per drive.
 *
 * <p>Because every list point shows the device's stationary response, the order in which drives are played does
 * not matter, so they are sorted and played up and down ("tent" order: every second value rising, the others
 * falling back), which keeps every step between points small, including the step back to the list's start.
 * Where two neighbours are farther apart than the source's step limit, filler points are inserted (played, not
 * used). Lists are cut to the instrument's length limit.
 *
 * <p>A dropped connection (a {@link TransportException}) reopens the device's instruments through the
 * {@link BenchDevice.Connector} and replays the list that was in flight, so callers see no gap. Any other
 * failure (compliance trip, instrument error) propagates: the drivers have already made the source safe.
 */
public final class ChipChannel implements AutoCloseable {
    private static final int MIN_ZERO_SPAN_POINTS = 101;
    private static final int MAX_RECONNECTS = 3;

    private final String id;
    private final BenchDevice.Connector connector;
    private ZeroSpanSettings settings;
    private RoundTrips trips;
    private final Consumer<String> log;
    private BenchDevice rig;
    private int reconnects;
    private LineTracking tracking;

    /**
     * Keeps the zero-span frequency {@code offsetHz} below the line at drive {@code topA}: before every list the
     * line is found again (one swept spectrum) and the analyzer retuned, so slow drift of the device's frequency
     * (periods of minutes; a list of 100 points lasts about 2 s) does not move the neuron's response, which is
     * steep in detuning (a line's tail).
     */
    public record LineTracking(double topA, double offsetHz, double searchSpanHz) {
    }

    public ChipChannel(String id, BenchDevice.Connector connector, ZeroSpanSettings settings, RoundTrips trips,
                       Consumer<String> log) {
        this.id = id;
        this.connector = connector;
        this.settings = settings;
        this.trips = trips;
        this.log = log == null ? s -> { } : log;
        this.rig = connector.open(id);
    }

    public String id() {
        return id;
    }

    /** Tells the person running the chip something about this channel (a doubtful calibration, ...). */
    void note(String message) {
        log.accept(message);
    }

    public BenchDevice rig() {
        return rig;
    }

    public ZeroSpanSettings settings() {
        return settings;
    }

    /** Reads with other zero-span settings from now on (calibration finds the center frequency first). */
    public void retune(ZeroSpanSettings newSettings) {
        this.settings = java.util.Objects.requireNonNull(newSettings, "settings");
    }

    /** Counts this channel's instrument operations into {@code counter} from now on; returns this channel. */
    public ChipChannel countingInto(RoundTrips counter) {
        this.trips = java.util.Objects.requireNonNull(counter, "counter");
        return this;
    }

    /** Tracks the line before each measurement from now on (null: never). */
    public void track(LineTracking lineTracking) {
        this.tracking = lineTracking;
    }

    /** How many times the connection was reopened. */
    public int reconnects() {
        return reconnects;
    }

    /** Largest current the device's source may ever drive, in A. */
    public double maxCurrentA() {
        return rig.source().limits().maxCurrent();
    }

    /** One list sweep as played: currents, and for each the index of the caller's drive (−1 for fillers). */
    record PlayList(double[] currents, int[] origin) {
    }

    /** Readings (dBm) at each of {@code drivesA}. The caller has checked the drives against the limits. */
    public double[] measure(double[] drivesA) {
        double[] out = new double[drivesA.length];
        for (PlayList list : plan(drivesA, rig.source().limits().maxStep(), settings.maxListPoints())) {
            if (tracking != null) {
                retrack();
            }
            double[] dBm = playWithReconnect(list.currents());
            for (int k = 0; k < dBm.length; k++) {
                if (list.origin()[k] >= 0) {
                    out[list.origin()[k]] = dBm[k];
                }
            }
        }
        return out;
    }

    /**
     * Readings (dBm) of one list played in the order given (a recorded drive sequence): the line is retracked
     * first, as before every list. Refuses a list longer than the instrument holds or with a step between
     * neighbours (or back to the first point) larger than the source allows.
     */
    public double[] measureInOrder(double[] currentsA) {
        double maxStep = rig.source().limits().maxStep();
        if (currentsA.length < 1 || currentsA.length > settings.maxListPoints()) {
            throw new IllegalArgumentException(id + ": a list of " + currentsA.length + " points; the source holds 1.."
                    + settings.maxListPoints());
        }
        for (int i = 1; i <= currentsA.length; i++) {
            double step = Math.abs(currentsA[i % currentsA.length] - currentsA[i - 1]);
            if (step > maxStep) {
                throw new IllegalArgumentException(String.format("%s: list step of %.4g mA at point %d exceeds the "
                        + "source's %.4g mA step limit", id, step * 1e3, i % currentsA.length, maxStep * 1e3));
            }
        }
        if (tracking != null) {
            retrack();
        }
        return playWithReconnect(currentsA.clone());
    }

    /** Cuts sorted drives into tent-ordered lists that respect the step and length limits. */
    static List<PlayList> plan(double[] drives, double maxStep, int maxPoints) {
        Integer[] order = new Integer[drives.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(drives[a], drives[b]));
        List<PlayList> lists = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int size = Math.min(maxPoints, order.length - from);
            PlayList list = tent(drives, order, from, size, maxStep * 0.95);
            while (list.currents().length > maxPoints) {
                size = Math.max(1, size / 2);
                list = tent(drives, order, from, size, maxStep * 0.95);
                if (size == 1 && list.currents().length > maxPoints) {
                    throw new IllegalStateException("cannot play drive " + drives[order[from]] + " A within "
                            + maxPoints + " points");
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

    private void retrack() {
        int attempts = 0;
        while (true) {
            try {
                double line = DeviceCalibration.findLine(rig, tracking.topA(), settings.centerHz() + tracking.offsetHz(),
                        tracking.searchSpanHz());
                // one ramp, six analyzer settings, a sweep and a marker: count the driver calls
                for (int i = 0; i < 9; i++) {
                    trips.operation();
                }
                settings = new ZeroSpanSettings(line - tracking.offsetHz(), settings.rbwHz(), settings.dwellS(),
                        settings.pointPeriodS(), settings.binsPerPoint(), settings.maxListPoints());
                return;
            } catch (TransportException e) {
                if (++attempts > MAX_RECONNECTS) {
                    throw e;
                }
                reconnect(e);
            }
        }
    }

    private void reconnect(TransportException e) {
        log.accept(id + ": connection lost (" + e.getMessage() + "); reconnecting and replaying the last operation");
        try {
            rig.close();
        } catch (RuntimeException ignored) {
            // the old connection is gone; the drivers already tried to make the source safe
        }
        rig = connector.open(id);
        reconnects++;
    }

    private double[] playWithReconnect(double[] currents) {
        int attempts = 0;
        while (true) {
            try {
                return play(currents);
            } catch (TransportException e) {
                if (++attempts > MAX_RECONNECTS) {
                    throw e;
                }
                reconnect(e);
            }
        }
    }

    private double[] play(double[] currents) {
        CurrentSource src = rig.source();
        if (!src.isOutputOn()) {
            src.setComplianceVoltage(src.limits().maxComplianceVoltage());
            src.outputOn();
            trips.operation();
            trips.operation();
        }
        if (src.current() != currents[0]) {
            src.setCurrent(currents[0]);
            trips.operation();
        }
        int n = currents.length;
        int bins = Math.max(MIN_ZERO_SPAN_POINTS, n * settings.binsPerPoint());
        double sweep = n * settings.pointPeriodS();
        rig.analyzer().armZeroSpan(settings.centerHz(), settings.rbwHz(), sweep, bins);
        trips.operation();
        // A list point pinned at the compliance voltage throws ComplianceTripException here, the source already safe.
        src.runList(currents, Duration.ofNanos(Math.round(settings.dwellS() * 1e9)), true);
        trips.operation();
        PowerVersusTime pvt = rig.analyzer().awaitZeroSpan(Duration.ofNanos(Math.round((sweep + 5.0) * 1e9)));
        trips.operation();
        trips.list(n);
        return perPointDbm(pvt, n);
    }

    /** Mean power (averaged in W) of the zero-span bins that fall in each list point, in dBm. */
    static double[] perPointDbm(PowerVersusTime pvt, int points) {
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

    /** Ramps the source to zero and switches its output off; never throws. */
    public void makeSafe() {
        try {
            rig.source().outputOff();
            trips.operation();
        } catch (RuntimeException e) {
            log.accept(id + ": could not switch the output off cleanly: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        rig.close();
    }
}
