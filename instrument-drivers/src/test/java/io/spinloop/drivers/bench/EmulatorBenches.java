package io.spinloop.drivers.bench;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The emulated benches the driver tests run against. */
final class EmulatorBenches {
    private EmulatorBenches() {
    }

    /**
     * Two devices; a Keithley 2400 and an N9030B on the first (trigger-linked), a Keithley 2450 and an FSV on the
     * second; all on ephemeral loopback ports, virtual time, seed 42.
     */
    static EmulatedBench sourcesAndAnalyzers() {
        try {
            return EmulatedBench.builder().seed(42)
                    .device("stno1", DeviceParameters.defaults())
                    .device("stno2", DeviceParameters.defaults())
                    .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                    .currentSource("smu2", SourceModel.KEITHLEY_2450, 0, "stno2")
                    .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                    .analyzer("sa2", AnalyzerModel.RS_FSV, 0, "stno2")
                    .triggerLink("smu1", "sa1")
                    .timing(Timing.VIRTUAL)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulated bench", e);
        }
    }
}
