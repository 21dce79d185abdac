package io.spinloop.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.config.LabConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one type for the instruments of one device closes safely: whatever the source was doing, closing ramps it to
 * zero in steps no larger than the device's ramp step, switches the output off, and closes the analyzer too, even
 * when the source's connection is gone.
 */
class DeviceRigTest {
    private static final double RAMP_STEP_A = 2.5e-4;

    @Test
    void closingRampsToZeroInAllowedStepsAndSwitchesTheOutputOff() {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.defaultBench()))) {
            DeviceRig rig = bench.openDevice("stno-b");
            assertEquals("stno-b", rig.id());
            assertEquals(2.0, rig.complianceV(), 0.0, "the device's compliance_V is its source's limit");
            rig.source().outputOn();
            rig.source().setCurrent(2.5e-3);
            rig.close();

            List<SourceEvent> history = bench.emulator().history("smu-b");
            SourceEvent last = history.get(history.size() - 1);
            assertFalse(last.outputOn(), "output off at the end: " + last);
            assertEquals(0.0, last.flowingCurrent(), 1e-12, "no current at the end: " + last);
            double before = 0;
            boolean rampedDown = false;
            for (SourceEvent e : history) {
                double applied = e.outputOn() ? e.level() : 0;
                if (e.cause() != SourceEvent.Cause.POWER_ON && e.cause() != SourceEvent.Cause.RESET) {
                    assertTrue(Math.abs(applied - before) <= RAMP_STEP_A + 1e-12, "a step of "
                            + Math.abs(applied - before) + " A at " + e);
                }
                rampedDown |= before > 0 && applied < before;
                before = applied;
            }
            assertTrue(rampedDown, "the current came down in steps, not by switching off under current");
            assertThrows(RuntimeException.class, () -> rig.analyzer().sweep(), "the analyzer is closed too");
        }
    }

    @Test
    void theAnalyzerIsClosedEvenWhenTheSourceCannotBeReached() {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.defaultBench()))) {
            DeviceRig rig = bench.openDevice("stno-a");
            rig.source().outputOn();
            rig.source().setCurrent(1e-3);
            bench.emulator().faults("smu-a").dropConnectionsAfter(1);
            try {
                rig.close();
            } catch (RuntimeException sourceFailed) {
                // what the source's close says about its lost connection is the drivers' business
            }
            assertThrows(RuntimeException.class, () -> rig.analyzer().sweep(), "the analyzer is closed");
        }
    }
}
