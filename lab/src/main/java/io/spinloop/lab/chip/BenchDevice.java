package io.spinloop.lab.chip;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;

/**
 * The two instruments that serve one device, open: the source that drives it and the analyzer that reads it
 * (trigger-linked, so a list sweep starts the analyzer's zero-span sweep). Closing ramps the source to zero and
 * switches it off.
 */
public record BenchDevice(String id, CurrentSource source, SpectrumAnalyzer analyzer) implements AutoCloseable {

    /** Opens (or reopens, after a dropped connection) the instruments of one device. */
    @FunctionalInterface
    public interface Connector {
        BenchDevice open(String deviceId);
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
