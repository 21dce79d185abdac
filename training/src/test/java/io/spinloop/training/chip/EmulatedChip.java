package io.spinloop.training.chip;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.bench.Instruments;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.lab.bench.DeviceRig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An emulated bench of {@code n} devices, each with its own source (a Keithley 2400 unless told) and N9030B, for the
 * chip tests.
 */
final class EmulatedChip implements AutoCloseable {
    static final SafetyLimits LIMITS = new SafetyLimits(3e-3, 2.0, 0.5, 2.5e-4);
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    final EmulatedBench bench;
    final List<String> ids = new ArrayList<>();

    EmulatedChip(int n, long seed, UnaryOperator<DeviceParameters> device) throws IOException {
        this(n, seed, device, SourceModel.KEITHLEY_2400);
    }

    /** The same with {@code source} as every device's source model. */
    EmulatedChip(int n, long seed, UnaryOperator<DeviceParameters> device, SourceModel source) throws IOException {
        EmulatedBench.Builder b = EmulatedBench.builder().seed(seed);
        for (int i = 0; i < n; i++) {
            String id = "stno-" + (char) ('a' + i);
            ids.add(id);
            b.device(id, device.apply(DeviceParameters.defaults()))
                    .currentSource("smu-" + id, source, 0, id)
                    .analyzer("sa-" + id, AnalyzerModel.KEYSIGHT_N9030B, 0, id)
                    .triggerLink("smu-" + id, "sa-" + id);
        }
        bench = b.start();
    }

    DeviceRig open(String id) {
        var s = Instruments.openCurrentSource("smu-" + id, tcp(bench.address("smu-" + id)), "auto", TIMEOUTS, LIMITS);
        try {
            var a = Instruments.openSpectrumAnalyzer("sa-" + id, tcp(bench.address("sa-" + id)), "auto", TIMEOUTS);
            return new DeviceRig(id, s, a);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static String tcp(InetSocketAddress a) {
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    @Override
    public void close() {
        bench.close();
    }
}
