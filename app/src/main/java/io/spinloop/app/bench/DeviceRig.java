package io.spinloop.app.bench;

import io.spinloop.app.config.DeviceConfig;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;

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
