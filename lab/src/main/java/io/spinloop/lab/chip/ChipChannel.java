package io.spinloop.lab.chip;

import io.spinloop.drivers.analyzer.NoSignalException;
import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.StopSignal;
import io.spinloop.lab.list.ListPlayer;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.lab.list.ZeroSpan;
import java.util.function.Consumer;

/**
 * One device of the bench as a bank of quasi-static neurons: plays drive currents as source list sweeps and reads
 * the power in zero span, one reading (dBm) per drive.
 *
 * <p>Because every list point shows the device's stationary response, the order in which drives are played does
 * not matter: {@link #measure} plays them in tent order through the lab's {@link ListPlayer} (small steps, filler
 * points where neighbours are farther apart than the source's step limit, lists cut to {@link #capacity()}).
 *
 * <p>A dropped connection (a {@link TransportException}) reopens the device's instruments through the
 * {@link DeviceRig.Connector} and replays the list that was in flight, so callers see no gap. Any other
 * failure (compliance trip, instrument error) propagates: the drivers have already made the source safe.
 */
public final class ChipChannel implements AutoCloseable {
    private static final int MIN_ZERO_SPAN_POINTS = 101;
    private static final int MAX_RECONNECTS = 3;

    private final String id;
    private final DeviceRig.Connector connector;
    private ZeroSpanSettings settings;
    private RoundTrips trips;
    private final Consumer<String> log;
    private DeviceRig rig;
    private int reconnects;
    private LineTracking tracking;
    private ListPace pace = ListPace.asConfigured();
    /** Whether {@link #pace}'s timing is set on the present connection's source. */
    private boolean paceApplied;

    /**
     * Keeps the zero-span frequency {@code offsetHz} below the line at drive {@code topA}: before every list the
     * line is found again (one swept spectrum) and the analyzer retuned, so slow drift of the device's frequency
     * (periods of minutes; a list of 100 points lasts about 2 s) does not move the neuron's response, which is
     * steep in detuning (a line's tail).
     */
    public record LineTracking(double topA, double offsetHz, double searchSpanHz) {
    }

    public ChipChannel(String id, DeviceRig.Connector connector, ZeroSpanSettings settings, RoundTrips trips,
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

    public DeviceRig rig() {
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

    /** Plays at {@code newPace} from now on: its timing is set on the source before the next list. */
    public void pace(ListPace newPace) {
        this.pace = java.util.Objects.requireNonNull(newPace, "pace");
        this.paceApplied = false;
    }

    public ListPace pace() {
        return pace;
    }

    /**
     * Sets the pace's timing on the source (read back and checked by the driver) unless it already holds it on this
     * connection; a pace without timing leaves the source as it is.
     */
    public void applyPace() {
        if (paceApplied || pace.timing() == null) {
            return;
        }
        try {
            rig.source().applyTiming(pace.timing());
            trips.operation();
        } catch (UnsupportedOperationException e) {
            // a source spinloop cannot set the timing of plays at its own; the period is measured at it all the same
            log.accept(id + ": " + e.getMessage() + "; its lists play at the source's own settings");
        }
        paceApplied = true;
    }

    /** Tracks the line before each measurement from now on (null: never). */
    public void track(LineTracking lineTracking) {
        this.tracking = lineTracking;
    }

    /** How many times the connection was reopened. */
    public int reconnects() {
        return reconnects;
    }

    /** The longest list this channel plays: its settings' list length, at most what the source model holds. */
    public int capacity() {
        return ListPlayer.capacity(rig.source(), settings.maxListPoints());
    }

    /** Largest current the device's source may ever drive, in A. */
    public double maxCurrentA() {
        return rig.source().limits().maxCurrent();
    }

    /**
     * Readings (dBm) at each of {@code drivesA}. The caller has checked the drives against the limits.
     *
     * @throws DeviceStoppedException when the source trips compliance or the line is gone (the source made safe)
     */
    public double[] measure(double[] drivesA) {
        double[] out = new double[drivesA.length];
        for (ListPlayer.PlayList list : ListPlayer.inTentOrder(drivesA, rig.source().limits().maxStep(),
                capacity())) {
            double[] dBm = playStopping(list.currents());
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
        if (currentsA.length < 1 || currentsA.length > capacity()) {
            throw new IllegalArgumentException(id + ": a list of " + currentsA.length + " points; the source holds 1.."
                    + capacity());
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

    /** Plays a list; a compliance trip or a lost line stops it as a {@link DeviceStoppedException}. */
    private double[] playStopping(double[] currents) {
        try {
            if (tracking != null) {
                retrack();
            }
            return playWithReconnect(currents);
        } catch (ComplianceTripException e) {
            throw new DeviceStoppedException(id, "compliance trip on " + rig.source().name() + " (" + e.getMessage()
                    + ")", e);
        } catch (NoSignalException e) {
            throw new DeviceStoppedException(id, "device stopped oscillating: no line where it was (" + e.getMessage()
                    + ")", e);
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
        paceApplied = false; // a power-cycled source is back at its defaults: set the timing again
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
        // Ctrl-C or the live view's Stop, between lists: whoever holds the bench ramps it to 0 A as this passes
        StopSignal.check("before a list on " + id);
        applyPace();
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
        ZeroSpan zeroSpan = new ZeroSpan(settings.centerHz(), settings.rbwHz(), n * settings.pointPeriodS(), bins);
        return ListPlayer.meanDbmPerPoint(new ListPlayer(rig, trips).play(currents, settings.dwellS(), zeroSpan), n);
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
