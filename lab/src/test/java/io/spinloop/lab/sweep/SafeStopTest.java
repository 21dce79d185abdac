package io.spinloop.lab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever ends a run early, the device is left with no current and the file keeps every completed point:
 * checked on the emulator's record of what the source was told.
 */
class SafeStopTest {
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

    private LoadedLabConfig bench() throws Exception {
        return LabConfigLoader.load(TestLabConfigs.exactBench(dir));
    }

    @Test
    void stopRequestEndsAfterThePointInFlightWithTheSourceSafe() throws Exception {
        LoadedLabConfig cfg = bench();
        double[] currents = SweepRunner.currents(0, 2.5e-3, 2.5e-5);
        Path out = dir.resolve("stopped.h5");
        RunGuard guard = RunGuard.detached();
        AtomicLong done = new AtomicLong();
        RunProgress progress = (d, total) -> done.set(d);
        RunOutcome o;
        List<SourceEvent> history;
        try (Bench bench = Bench.of(cfg); DeviceRig rig = bench.openDevice("stno-a");
             MeasurementRecorder rec = MeasurementRecorder.create(out, Provenance.builder("test").build(),
                     OverwritePolicy.REFUSE)) {
            Thread stopper = new Thread(() -> {
                while (done.get() < 20) {
                    Thread.onSpinWait();
                }
                guard.requestStop(); // what the shutdown hook does on Ctrl-C / SIGTERM
            });
            stopper.start();
            o = new SweepRunner(rig, cfg.config().presets().sweep().analyzer(), 0).run(currents, rec, progress, guard);
            stopper.join();
            history = bench.emulator().history("smu-a");
        }
        assertTrue(o.stopped());
        assertTrue(o.done() >= 20 && o.done() < currents.length, "done " + o.done());
        assertSourceSafe(history);
        Sweep s = MeasurementFile.open(out).sweeps().get(0);
        assertEquals(o.done(), s.points());
        assertFalse(s.complete());
    }

    @Test
    void analyzerThatDiesMidRunLeavesTheSourceSafeAndEveryCompletedPoint() throws Exception {
        LoadedLabConfig cfg = bench();
        double[] currents = SweepRunner.currents(0, 2.5e-3, 5e-5);
        Path out = dir.resolve("died.h5");
        RunOutcome o;
        List<SourceEvent> history;
        try (Bench bench = Bench.of(cfg); DeviceRig rig = bench.openDevice("stno-a");
             MeasurementRecorder rec = MeasurementRecorder.create(out, Provenance.builder("test").build(),
                     OverwritePolicy.REFUSE)) {
            bench.emulator().faults("sa-a").dropConnectionsAfter(120);
            o = new SweepRunner(rig, cfg.config().presets().sweep().analyzer(), 0)
                    .run(currents, rec, RunProgress.silent(), RunGuard.detached());
            history = bench.emulator().history("smu-a");
        }
        assertNotNull(o.failure(), "the dropped analyzer ends the run");
        assertTrue(o.done() > 0 && o.done() < currents.length, "done " + o.done());
        assertSourceSafe(history);
        Sweep s = MeasurementFile.open(out).sweeps().get(0);
        assertEquals(o.done(), s.points());
        for (int i = 0; i < s.points(); i++) {
            assertEquals(currents[i], s.currentA()[i], 1e-15);
        }
    }
}
