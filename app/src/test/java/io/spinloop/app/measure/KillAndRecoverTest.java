package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.lab.sweep.LineFit;
import io.spinloop.lab.sweep.LineShapeFitter;
import io.spinloop.lab.sweep.SweepRunner;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code spinloop measure sweep} in a child JVM, killed with SIGKILL mid-run: {@code data recover}
 * must give a valid file holding every point the child had reported done, each intact.
 */
class KillAndRecoverTest {
    private static final Pattern PROGRESS = Pattern.compile("\\] (\\d+)/(\\d+) ");

    @TempDir
    Path dir;

    private static ChildSpinloop startSweep(Path out) throws IOException {
        // 301 currents with the preset's settle: a few seconds of run, so the signal lands mid-run.
        return ChildSpinloop.start("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--device",
                "stno-a", "--out", out.toString(), "--from", "0", "--to", "3e-3", "--step", "1e-5");
    }

    /** Waits until the child's progress says at least {@code atLeast} points are done; returns that count. */
    static int awaitProgress(ChildSpinloop child, int atLeast) throws IOException {
        String line = child.awaitLine(l -> {
            Matcher m = PROGRESS.matcher(l);
            return m.find() && Integer.parseInt(m.group(1)) >= atLeast;
        });
        Matcher m = PROGRESS.matcher(line);
        m.find();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void sigkillMidRunLosesAtMostThePointInFlight() throws Exception {
        Path out = dir.resolve("killed.h5");
        int reported;
        try (ChildSpinloop child = startSweep(out)) {
            reported = awaitProgress(child, 60);
            child.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finalisation
            assertTrue(child.process().waitFor(20, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(out), "a killed run leaves no half-written HDF5 file");
        assertTrue(Files.exists(MeasurementRecorder.journalFor(out)), "the journal holds the run");

        Cli.Result r = Cli.run("data", "recover", out.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        Sweep s = MeasurementFile.open(out).sweeps().get(0);
        assertTrue(s.points() >= reported, s.points() + " points recovered, child had reported " + reported);
        assertFalse(s.complete());
        double[] planned = SweepRunner.currents(0, 3e-3, 1e-5);
        LineShapeFitter fitter = new LineShapeFitter((Double) s.settings().get("rbw_Hz"));
        for (int i = 0; i < s.points(); i++) {
            assertEquals(planned[i], s.currentA()[i], 1e-15, "point " + i + " is the planned current");
            // Each point is intact: refitting its stored spectrum gives exactly the stored derived values.
            LineFit fit = fitter.fit(s.frequencyHz(), s.spectrumDbm()[i]);
            assertEquals(fit.powerW(), s.powerW()[i], 0.0, "power of point " + i);
            assertEquals(fit.peakHz(), s.peakFrequencyHz()[i], 0.0, "peak of point " + i);
        }
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "recovery removes the journal");
    }

    @Test
    void sigtermStopsCleanlyAndFinalisesTheFile() throws Exception {
        Path out = dir.resolve("stopped.h5");
        int reported;
        String log;
        try (ChildSpinloop child = startSweep(out)) {
            reported = awaitProgress(child, 30);
            // SIGTERM, what Ctrl-C or a scheduler's stop sends, through the process handle: Process.destroy()
            // would also close our end of the child's output, and the test reads what the child says while stopping.
            child.process().toHandle().destroy();
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "child stops within the grace time");
            log = child.drain();
        }
        assertTrue(log.contains("ramping the current to zero"), log.toString());
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "finalised: no journal left\n" + log);
        Sweep s = MeasurementFile.open(out).sweeps().get(0);
        assertTrue(s.points() >= reported && s.points() < 301, s.points() + " points; " + reported + " reported");
        assertFalse(s.complete(), "a stopped sweep is marked incomplete");
    }
}
