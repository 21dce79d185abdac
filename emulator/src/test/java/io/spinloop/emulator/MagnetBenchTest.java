package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.Magnet;
import io.spinloop.emulator.physics.MagneticParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bench with a magnet: the device in its gap starts exactly as the same device on a bench without one (same seed,
 * same name), and the gap and the gaussmeter's probe see the bias plus the magnet.
 */
class MagnetBenchTest {
    private static EmulatedBench bench(boolean magnet) throws Exception {
        EmulatedBench.Builder b = EmulatedBench.builder().seed(3).device("stno1", DeviceParameters.defaults());
        if (magnet) {
            b.magnet("bop1", "kepco-bop-20-10", null, 0, Magnet.Coil.defaults(), List.of("stno1"))
                    .gaussmeter("gm1", "475", null, 0, "bop1");
        }
        return b.start();
    }

    @Test
    void aDeviceInAMagnetAtZeroAmpsIsExactlyTheDeviceWithoutOne() throws Exception {
        try (EmulatedBench plain = bench(false); EmulatedBench gap = bench(true)) {
            DeviceControl a = plain.device("stno1");
            DeviceControl b = gap.device("stno1");
            assertTrue(Double.isNaN(a.fieldT()));
            assertEquals(MagneticParameters.defaults().referenceFieldT(5e9), b.fieldT(), 0);
            assertEquals(a.thresholdCurrent(), b.thresholdCurrent(), 0);
            assertEquals(a.frequency(), b.frequency(), 0);
            // drift depends on the bench time, which differs between the two benches by microseconds: compare each
            // bench's device now with its own drawn values instead, through the same drift formula
            assertEquals(b.thresholdCurrent(), b.thresholdCurrentNow(), 0.01 * b.thresholdCurrent());
            assertEquals(b.frequency(), b.frequencyNow(), 0.01 * b.frequency());
            assertEquals(b.fieldT(), gap.magnetField("bop1"), 0);
        }
    }
}
