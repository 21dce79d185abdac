package io.spinloop.lab.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.config.LabConfigLoader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: a measured list-point period is checked against what the source's settings allow (1 ms dwell + 1
 * NPLC at the emulated 2400's 60 Hz) before it becomes a time base, for sequence recordings and neuron calibration
 * alike; with the emulator's instrument limits lifted, against the dwell alone.
 */
class PointPeriodCheckTest {
    @Test
    void anImpossiblePeriodIsRefusedAndAFarTooLongOneIsToldAndKept() {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.defaultBench()));
             DeviceRig rig = bench.openDevice("stno-a")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PointPeriod.check(rig, 1e-3, 2.13e-3, false));
            assertTrue(e.getMessage().startsWith("stno-a: smu-a: measured list point period 2.13 ms is "
                    + "impossible: the settings allow 17.7 ms to 121 ms"), e.getMessage());
            assertEquals(Optional.empty(), PointPeriod.check(rig, 1e-3, 18.07e-3, false));
            Optional<String> tooLong = PointPeriod.check(rig, 1e-3, 0.2, false);
            assertTrue(tooLong.isPresent());
            assertTrue(tooLong.get().contains("200 ms is longer than the settings allow"), tooLong.get());
            // a source whose limits are lifted has no integration: its point is the dwell alone
            assertEquals(Optional.empty(), PointPeriod.check(rig, 1e-3, 1.4e-3, true));
        }
    }
}
