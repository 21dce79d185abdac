package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.ServedBench;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.sweep.SweepRunner;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        return LabConfigLoader.load(TestBenches.write(dir, "exact.yaml", TestBenches.exactBenchText()));
    }

    @Test
    void stopRequestEndsAfterThePointInFlightWithTheSourceSafe() throws Exception {
        LoadedLabConfig cfg = bench();
        double[] currents = SweepRunner.currents(0, 2.5e-3, 2.5e-5);
        Path out = dir.resolve("stopped.h5");
        RunGuard guard = RunGuard.detached();
        ProgressBar bar = ProgressBar.silent(currents.length);
        RunOutcome o;
        List<SourceEvent> history;
        try (Bench bench = Bench.of(cfg); DeviceRig rig = bench.openDevice("stno-a");
             MeasurementRecorder rec = MeasurementRecorder.create(out, Provenance.builder("test").build(),
                     OverwritePolicy.REFUSE)) {
            Thread stopper = new Thread(() -> {
                while (bar.done() < 20) {
                    Thread.onSpinWait();
                }
                guard.requestStop(); // what the shutdown hook does on Ctrl-C / SIGTERM
            });
            stopper.start();
            o = new SweepRunner(rig, cfg.config().presets().sweep().analyzer(), 0).run(currents, rec, bar, guard);
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
                    .run(currents, rec, ProgressBar.silent(currents.length), RunGuard.detached());
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
