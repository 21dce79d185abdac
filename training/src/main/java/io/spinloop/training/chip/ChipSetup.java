package io.spinloop.training.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connects and calibrates the devices of a bench as neurons: one {@link ChipChannel} per device, each calibrated
 * ({@link DeviceCalibration}) into a {@link ResponseTwin}. The result builds the network's drive map, the twin
 * bank for off-chip training and the chip bank for deployment.
 */
public final class ChipSetup implements AutoCloseable {
    private final List<ChipChannel> channels;
    private final List<DeviceCalibration.Result> calibrations;

    private ChipSetup(List<ChipChannel> channels, List<DeviceCalibration.Result> calibrations) {
        this.channels = channels;
        this.calibrations = calibrations;
    }

    /** Where to look for lines and how to read them. */
    public record Search(double centerHz, double spanHz, double rbwHz, double dwellS) {
        /** The default bench: lines between 4.25 and 5.25 GHz, widest RBW of an X-series, 1 ms list points. */
        public static Search defaults() {
            return new Search(4.75e9, 1.0e9, 8e6, 1e-3);
        }
    }

    /** Opens and calibrates every device in {@code ids}; on failure closes whatever it opened (sources safe). */
    public static ChipSetup calibrate(List<String> ids, BenchDevice.Connector connector, Search search,
                                      java.util.function.Function<ChipChannel, DeviceCalibration> calibration,
                                      RoundTrips trips, Consumer<String> log) {
        List<ChipChannel> channels = new ArrayList<>();
        List<DeviceCalibration.Result> results = new ArrayList<>();
        try {
            for (String id : ids) {
                ChipChannel c = new ChipChannel(id, connector, new ZeroSpanSettings(search.centerHz(), search.rbwHz(),
                        search.dwellS(), search.dwellS(), 2, 100), trips, log);
                channels.add(c);
                DeviceCalibration.Result r = calibration.apply(c).run(c, search.centerHz(), search.spanHz(),
                        search.rbwHz(), search.dwellS());
                results.add(r);
                if (log != null) {
                    log.accept(String.format("%s: line %.4f GHz at %.2f mA, zero span at %.4f GHz, list point %.1f ms,"
                                    + " readings %.1f..%.1f dBm", id, r.lineHz() / 1e9, r.twin().highA() * 1e3,
                            r.settings().centerHz() / 1e9, r.settings().pointPeriodS() * 1e3, r.twin().scale().floorDbm(),
                            r.twin().scale().floorDbm() + r.twin().scale().spanDb()));
                }
            }
            return new ChipSetup(channels, results);
        } catch (RuntimeException e) {
            channels.forEach(ChipSetup::closeQuietly);
            throw e;
        }
    }

    /**
     * Connects to the devices of another bench (or the same one later) with the zero-span settings and twins of
     * an earlier calibration, without recalibrating: the chip as the twin was not fitted to.
     */
    public static ChipSetup reuse(ChipSetup calibrated, BenchDevice.Connector connector, RoundTrips trips,
                                  Consumer<String> log) {
        List<ChipChannel> channels = new ArrayList<>();
        try {
            for (DeviceCalibration.Result r : calibrated.calibrations) {
                ChipChannel c = new ChipChannel(r.device(), connector, r.settings(), trips, log);
                c.track(r.tracking());
                channels.add(c);
            }
        } catch (RuntimeException e) {
            channels.forEach(ChipSetup::closeQuietly);
            throw e;
        }
        return new ChipSetup(channels, calibrated.calibrations);
    }

    private static void closeQuietly(ChipChannel c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // closing is best effort here; the drivers make the source safe on their own
        }
    }

    public List<ChipChannel> channels() {
        return channels;
    }

    public List<DeviceCalibration.Result> calibrations() {
        return calibrations;
    }

    public List<ResponseTwin> twins() {
        return calibrations.stream().map(DeviceCalibration.Result::twin).toList();
    }

    public DriveMap driveMap() {
        return DriveMap.of(twins());
    }

    public ChipNeurons neurons() {
        return new ChipNeurons(channels, twins(), driveMap());
    }

    /** Ramps every source to zero and switches it off. */
    public void makeSafe() {
        channels.forEach(ChipChannel::makeSafe);
    }

    @Override
    public void close() {
        channels.forEach(ChipSetup::closeQuietly);
    }
}
