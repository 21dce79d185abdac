package io.spinloop.lab.bench;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.config.DeviceConfig;

/**
 * The two instruments that serve one device, opened. Closing ramps the source to zero, turns its
 * output off, and closes both connections.
 */
public record DeviceRig(DeviceConfig device, CurrentSource source, SpectrumAnalyzer analyzer) implements AutoCloseable {
    @Override
    public void close() {
        try {
            source.close();
        } finally {
            analyzer.close();
        }
    }
}
