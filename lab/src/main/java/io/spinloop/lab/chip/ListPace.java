package io.spinloop.lab.chip;

import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.lab.list.PointPeriod;

/**
 * How fast a chip channel plays its lists: the source's timing settings, how long its lists may be, and how finely its
 * point period is measured for them.
 *
 * <p>{@link #fastest()} is the fastest pace that keeps the readings valid: the shortest integration with auto zero
 * refreshed once (the voltage is still read at every point, so a point pinned at the compliance voltage still stops
 * the run where it happens, as the safety design asks; source-only lists would see a trip only after the list), lists
 * to the 2,500 points a Keithley holds, and a period measured on 40,001 zero-span points, to a part in 10^4, so the
 * last points of a 2,500-point list are still read in their own time. The zero span of each list is then as long as
 * the list and has as many points per list point as before: it follows the measured period.
 *
 * @param timing        the source's timing settings, or null to leave the instrument as it is
 * @param maxListPoints longest list to play (the source's model may hold fewer: its own limit then applies)
 * @param periodBins    zero-span points of the point-period measurement
 */
public record ListPace(SourceTiming timing, int maxListPoints, int periodBins) {
    /** Lists of 100 points, the source's settings untouched, the period read on 4,001 points: spinloop before issue 17. */
    public static final int LEGACY_LIST_POINTS = 100;

    public ListPace {
        if (maxListPoints < 2 || periodBins < 101) {
            throw new IllegalArgumentException("a list pace needs lists of 2 or more points and a period read on 101 "
                    + "or more zero-span points, got " + maxListPoints + " and " + periodBins);
        }
    }

    /** The instrument as it is (after *RST: 1 NPLC, auto zero on), lists of 100 points. */
    public static ListPace asConfigured() {
        return new ListPace(null, LEGACY_LIST_POINTS, 4001);
    }

    /** The fastest pace that keeps every point's reading (see the class comment). */
    public static ListPace fastest() {
        return new ListPace(SourceTiming.fastestMeasuring(), 2500, PointPeriod.FINE_BINS);
    }

    /**
     * The pace a device must be played at to be read as its calibration read it (the zero span of each list is sized
     * for the point period its timing gives), or empty when calibration left the source's timing as it was.
     */
    public static java.util.Optional<ListPace> readAs(NeuronReadout readout) {
        return readout.timing() == null ? java.util.Optional.empty() : java.util.Optional.of(new ListPace(
                readout.timing(), readout.settings().maxListPoints(), asConfigured().periodBins()));
    }

    /** {@link #readAs(NeuronReadout)} for a calibration of this session. */
    public static java.util.Optional<ListPace> readAs(DeviceCalibration.Result calibration) {
        return readAs(new NeuronReadout(calibration.settings(), calibration.tracking(), calibration.timing()));
    }

    /** The pace in words, for benchmark tables and logs. */
    public String describe() {
        return (timing == null ? "source settings as found" : timing.describe()) + ", lists of up to " + maxListPoints
                + " points";
    }
}
