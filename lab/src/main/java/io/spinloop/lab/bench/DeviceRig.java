package io.spinloop.lab.bench;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;

/**
 * The two instruments that serve one device, open: the source that drives it (enforcing the device's safety limits)
 * and the analyzer that reads it, trigger-linked so that a source list sweep starts the analyzer's zero span. The one
 * type for "the instruments of one device" every bench run uses: sweeps, sequence recordings, the chip channel and
 * bench-mode p(I) oscillators. Closing ramps the source to zero, switches its output off and closes both
 * connections, the analyzer even when the source fails to close.
 *
 * @param id the device's id (as in the lab-config)
 */
public record DeviceRig(String id, CurrentSource source, SpectrumAnalyzer analyzer) implements AutoCloseable {

    /** Opens (or reopens, after a dropped connection) the instruments of one device. */
    @FunctionalInterface
    public interface Connector {
        DeviceRig open(String deviceId);
    }

    /** The voltage compliance the device may be driven at: its source's limit. */
    public double complianceV() {
        return source.limits().maxComplianceVoltage();
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            analyzer.close();
        }
    }
}
