package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.ServedBench;
import io.spinloop.emulator.instruments.SourceEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement command stopped by SIGTERM leaves the device with no current, and says nothing untrue about it;
 * what a sweep does when asked to stop in-process is lab's SafeStopTest.
 */
class SigtermDuringRampDownTest {
    @TempDir
    Path dir;

    private static void assertSourceSafe(List<SourceEvent> history) {
        SourceEvent last = history.get(history.size() - 1);
        assertFalse(last.outputOn(), "output off at the end: " + last);
        assertEquals(0.0, last.flowingCurrent(), 1e-12, "no current at the end: " + last);
        for (SourceEvent e : history) {
            assertTrue(Math.abs(e.level()) <= 3e-3 + 1e-12, "never beyond the device limit: " + e);
        }
    }

    /**
     * SIGTERM to a real {@code measure sweep} (a child JVM on a served bench) while it ramps the source down at the
     * end of its run: the source ends at 0 A with its output off in the emulator's record, and nothing printed says
     * otherwise. It used to print {@code could not confirm output off (... ramp to 0.0 A stopped at 1.75E-3 A
     * (shutting down))}: the shutdown hook stopped the run's own ramp to zero, then made the source safe itself.
     * A slow ramp rate (1 mA/s, 0.25 s per 0.25 mA step) makes that last ramp last 2 s, so the signal lands in it.
     */
    @Test
    void sigtermDuringTheFinalRampDownEndsSafeAndSaysNothingUntrue() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Path slow = served.configWith("      ramp_rate_A_per_s:", "      ramp_rate_A_per_s: 1.0e-3");
            String log;
            try (ChildSpinloop child = ServedBench.sweep(slow, dir.resolve("term.h5"), "0", "2e-3", "2.5e-4")) {
                ServedBench.awaitProgress(child, 9); // the last point is measured: the ramp down to 0 A begins
                child.process().toHandle().destroy(); // SIGTERM, as Ctrl-C or a scheduler's stop
                assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "child stops within the grace time");
                log = child.drain();
            }
            List<SourceEvent> history = served.emulator().history("smu-a");
            assertSourceSafe(history);
            ServedBench.assertNoStepAbove(ServedBench.STEP_LIMIT_A, history);
            assertTrue(log.contains("spinloop: stopping"), log);
            assertFalse(log.contains("could not confirm"), log);
            assertFalse(log.contains("still ON"), log);
        }
    }
}
