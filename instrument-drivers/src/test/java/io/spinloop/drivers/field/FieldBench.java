package io.spinloop.drivers.field;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spinloop.drivers.Timeouts;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.MagnetEvent;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.Magnet;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** An emulated bench with a magnet (Kepco BOP) and a gaussmeter in its gap, for the field driver tests. */
final class FieldBench {
    /** Fast limits so ramps take tens of milliseconds: 2 A, 15 V, 50 mA steps at 20 A/s (2.5 ms apart). */
    static final MagnetLimits LIMITS = new MagnetLimits(2.0, 15.0, 20.0, 0.05);
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    /** A quick coil: 50 mT/A, L/R = 5 ms, 0.5 mT remanence over 0.2 A. */
    static final Magnet.Coil COIL = new Magnet.Coil(0.05, 0.005, 0.5e-3, 0.2);

    private FieldBench() {
    }

    static EmulatedBench start(String gaussmeterModel) {
        try {
            return EmulatedBench.builder().seed(7)
                    .device("stno1", DeviceParameters.defaults())
                    .magnet("bop1", "kepco-bop-20-10", null, 0, COIL, List.of("stno1"))
                    .gaussmeter("gm1", gaussmeterModel, null, 0, "bop1")
                    .timing(Timing.VIRTUAL)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tcp(EmulatedBench bench, String name) {
        InetSocketAddress a = bench.address(name);
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    /**
     * The emulator's record proves the magnet safety rules from entry {@code from} on: every change of the
     * programmed current with the output on is at most maxStep, no faster than maxRampRate on the bench clock, the
     * output only switches at 0 A, and the supply ends at 0 A with its output off.
     */
    static void assertRampedToZero(EmulatedBench bench, String supply, MagnetLimits limits, int from) {
        List<MagnetEvent> all = bench.magnetHistory(supply);
        List<MagnetEvent> h = all.subList(Math.min(from, all.size()), all.size());
        if (h.isEmpty()) {
            fail(supply + ": the emulator recorded nothing");
        }
        MagnetEvent last = h.get(h.size() - 1);
        assertFalse(last.outputOn(), supply + " must end with its output off; tail " + tail(h));
        assertTrue(last.level() == 0, supply + " must end at 0 A; tail " + tail(h));
        for (int i = 1; i < h.size(); i++) {
            MagnetEvent a = h.get(i - 1);
            MagnetEvent b = h.get(i);
            if (b.cause() == MagnetEvent.Cause.OUTPUT) {
                assertTrue(b.level() == 0, supply + ": output switched at " + b.level() + " A: " + b);
            }
            if (b.cause() != MagnetEvent.Cause.LEVEL || !a.outputOn() || !b.outputOn()) {
                continue;
            }
            double step = Math.abs(b.level() - a.level());
            assertTrue(step <= limits.maxStep() * (1 + 1e-9), supply + ": a step of " + step + " A at " + b);
            if (a.cause() == MagnetEvent.Cause.LEVEL) {
                double needed = step / limits.maxRampRate();
                assertTrue(b.time() - a.time() >= needed * 0.98 - 1e-6, supply + ": " + step + " A in "
                        + (b.time() - a.time()) + " s, faster than " + limits.maxRampRate() + " A/s at " + b);
            }
        }
    }

    /** The largest programmed current in the record from entry {@code from} on. */
    static double peak(EmulatedBench bench, String supply, int from) {
        return bench.magnetHistory(supply).stream().skip(from).mapToDouble(e -> Math.abs(e.level())).max().orElse(0);
    }

    static String tail(List<MagnetEvent> h) {
        return h.subList(Math.max(0, h.size() - 6), h.size()).toString();
    }
}
