package io.spinloop.app.chip;

import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.RunCapabilities;
import java.util.List;

/**
 * A lab-config's bench seen as a chip of neurons: its devices, and a connector that (re)opens a device's source
 * and analyzer through the drivers, as the chip-in-the-loop code needs after a dropped connection.
 */
public final class ChipBench implements AutoCloseable {
    private final LoadedLabConfig config;
    private final Bench bench;

    private ChipBench(LoadedLabConfig config, Bench bench) {
        this.config = config;
        this.bench = bench;
    }

    /** Opens the bench (an emulated one starts in-process). */
    public static ChipBench open(LoadedLabConfig config) {
        RunCapabilities.requireOfEverySource(config, RunCapabilities.LIST_PLAYBACK, "a chip run");
        return new ChipBench(config, Bench.of(config));
    }

    public LoadedLabConfig config() {
        return config;
    }

    public Bench bench() {
        return bench;
    }

    public List<String> deviceIds() {
        return config.config().devices().stream().map(DeviceConfig::id).toList();
    }

    /** Opens the instruments of one device (its limits from the config). */
    public DeviceRig open(String deviceId) {
        return bench.openDevice(deviceId);
    }

    @Override
    public void close() {
        bench.close();
    }
}
