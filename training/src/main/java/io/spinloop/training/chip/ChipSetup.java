package io.spinloop.training.chip;

import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.NeuronReadout;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.chip.ZeroSpanSettings;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.twin.neuron.NeuronTwin;
import io.spinloop.twin.neuron.ResponseTwin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connects and calibrates the devices of a bench as neurons: one {@link ChipChannel} per device, each calibrated
 * ({@link DeviceCalibration}). The network's neurons run on one {@link NeuronTwin} per device: the calibration's
 * piecewise-linear {@link ResponseTwin} until {@link #withTwins} installs others (the twin module's fit, loaded
 * from twin files). The result builds the network's drive map, the twin bank for off-chip training and the chip
 * bank for deployment.
 */
public final class ChipSetup implements AutoCloseable {
    private final List<ChipChannel> channels;
    private final List<DeviceCalibration.Result> calibrations;
    private final List<NeuronTwin> twins;

    private ChipSetup(List<ChipChannel> channels, List<DeviceCalibration.Result> calibrations,
                      List<? extends NeuronTwin> twins) {
        this.channels = channels;
        this.calibrations = calibrations;
        this.twins = List.copyOf(twins);
    }

    /** Where to look for lines and how to read them. */
    public record Search(double centerHz, double spanHz, double rbwHz, double dwellS) {
        /** The default bench: lines between 4.25 and 5.25 GHz, widest RBW of an X-series, 1 ms list points. */
        public static Search defaults() {
            return new Search(4.75e9, 1.0e9, 8e6, 1e-3);
        }
    }

    /** Opens and calibrates every device in {@code ids}; on failure closes whatever it opened (sources safe). */
    public static ChipSetup calibrate(List<String> ids, DeviceRig.Connector connector, Search search,
                                      java.util.function.Function<ChipChannel, DeviceCalibration> calibration,
                                      DeviceCalibration.Recorders recorders, RoundTrips trips, Consumer<String> log) {
        return calibrate(ids, connector, search, calibration, recorders, trips, log, ListPace.asConfigured());
    }

    /**
     * Opens and calibrates every device in {@code ids} at {@code pace} (the sources' timing set first, so the twins
     * learn the readings the chip will give, and the point period measured at it); on failure closes whatever it
     * opened (sources safe).
     */
    public static ChipSetup calibrate(List<String> ids, DeviceRig.Connector connector, Search search,
                                      java.util.function.Function<ChipChannel, DeviceCalibration> calibration,
                                      DeviceCalibration.Recorders recorders, RoundTrips trips, Consumer<String> log,
                                      ListPace pace) {
        List<ChipChannel> channels = new ArrayList<>();
        List<DeviceCalibration.Result> results = new ArrayList<>();
        try {
            for (String id : ids) {
                ChipChannel c = new ChipChannel(id, connector, new ZeroSpanSettings(search.centerHz(), search.rbwHz(),
                        search.dwellS(), search.dwellS(), 2, 100), trips, log);
                channels.add(c);
                c.pace(pace);
                DeviceCalibration.Result r = calibration.apply(c).run(c, search.centerHz(), search.spanHz(),
                        search.rbwHz(), search.dwellS(), recorders);
                results.add(r);
                if (log != null) {
                    log.accept(String.format("%s: line %.4f GHz at %.2f mA, zero span at %.4f GHz, list point %.1f ms,"
                                    + " readings %.1f..%.1f dBm", id, r.lineHz() / 1e9, r.twin().highA() * 1e3,
                            r.settings().centerHz() / 1e9, r.settings().pointPeriodS() * 1e3, r.twin().scale().floorDbm(),
                            r.twin().scale().floorDbm() + r.twin().scale().spanDb()));
                }
            }
            return new ChipSetup(channels, results, results.stream().map(DeviceCalibration.Result::twin).toList());
        } catch (RuntimeException e) {
            channels.forEach(ChipSetup::closeQuietly);
            throw e;
        }
    }

    /**
     * Connects to the devices of another bench (or the same one later) with the zero-span settings and twins of
     * an earlier calibration, without recalibrating: the chip as the twin was not fitted to.
     */
    public static ChipSetup reuse(ChipSetup calibrated, DeviceRig.Connector connector, RoundTrips trips,
                                  Consumer<String> log) {
        List<ChipChannel> channels = new ArrayList<>();
        try {
            for (DeviceCalibration.Result r : calibrated.calibrations) {
                ChipChannel c = new ChipChannel(r.device(), connector, r.settings(), trips, log);
                c.track(r.tracking());
                ListPace.readAs(r).ifPresent(c::pace);
                channels.add(c);
            }
        } catch (RuntimeException e) {
            channels.forEach(ChipSetup::closeQuietly);
            throw e;
        }
        return new ChipSetup(channels, calibrated.calibrations, calibrated.twins);
    }

    /**
     * Connects to the devices of {@code twins} (loaded from twin files) and reads each the way its calibration did
     * ({@code readouts}, in the same order), without recalibrating: what a deployment of trained weights needs.
     */
    public static ChipSetup connect(List<? extends NeuronTwin> twins, List<NeuronReadout> readouts,
                                    DeviceRig.Connector connector, RoundTrips trips, Consumer<String> log) {
        List<ChipChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < twins.size(); i++) {
                NeuronReadout r = readouts.get(i);
                ChipChannel c = new ChipChannel(twins.get(i).device(), connector, r.settings(), trips, log);
                c.track(r.tracking());
                ListPace.readAs(r).ifPresent(c::pace);
                channels.add(c);
            }
        } catch (RuntimeException e) {
            channels.forEach(ChipSetup::closeQuietly);
            throw e;
        }
        return new ChipSetup(channels, List.of(), twins);
    }

    /**
     * Twins without a bench (loaded from files): enough to build the drive map and train on the twins; it has no
     * channels, so {@link #neurons} has nothing to run on.
     */
    public static ChipSetup offline(List<? extends NeuronTwin> twins) {
        if (twins.isEmpty()) {
            throw new IllegalArgumentException("no twins");
        }
        return new ChipSetup(List.of(), List.of(), twins);
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

    /** The twins the network's neurons run on, one per device in channel order. */
    public List<NeuronTwin> twins() {
        return twins;
    }

    /** The piecewise-linear twins the calibration fitted (the baseline). */
    public List<ResponseTwin> responseTwins() {
        return calibrations.stream().map(DeviceCalibration.Result::twin).toList();
    }

    /**
     * This setup with the network's neurons on {@code newTwins} (same devices, in channel order). The channels
     * are shared: close only one of the two setups.
     */
    public ChipSetup withTwins(List<? extends NeuronTwin> newTwins) {
        if (newTwins.size() != channels.size()) {
            throw new IllegalArgumentException(newTwins.size() + " twins for " + channels.size() + " devices");
        }
        for (int i = 0; i < newTwins.size(); i++) {
            if (!newTwins.get(i).device().equals(channels.get(i).id())) {
                throw new IllegalArgumentException("twin " + i + " is of device " + newTwins.get(i).device()
                        + ", the bench's device " + i + " is " + channels.get(i).id());
            }
        }
        return new ChipSetup(channels, calibrations, newTwins);
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
