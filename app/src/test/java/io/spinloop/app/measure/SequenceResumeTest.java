package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.RunResumption;
import io.spinloop.measurements.SequenceSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drive-sequence recording SIGKILLed mid-run in a child JVM resumes into the same file with {@code --resume}: every
 * sequence gets all its repeats once, on the time base (zero-span center, point period) of the interrupted run, and
 * the interruption is recorded.
 */
class SequenceResumeTest {
    @TempDir
    Path dir;

    private static List<String> args(Path out) {
        return new ArrayList<>(List.of("measure", "sequences", "--config", TestBenches.defaultBench().toString(),
                "--device", "stno-a", "--out", out.toString(), "--sequences", "4", "--repeats", "5"));
    }

    @Test
    void aKilledRecordingResumesWithEveryRepeatOnce() throws Exception {
        Path out = dir.resolve("seq.h5");
        try (ChildSpinloop child = ChildSpinloop.start(args(out).toArray(String[]::new))) {
            KillAndRecoverTest.awaitProgress(child, 4);
            child.process().destroyForcibly();
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(MeasurementRecorder.journalFor(out)));
        List<String> resume = args(out);
        resume.add("--resume");
        resume.add("--quiet");
        Cli.Result r = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        MeasurementFile f = MeasurementFile.open(out);
        SequenceSet q = f.sequences().orElseThrow();
        assertTrue(q.complete());
        assertEquals(4, q.sequences());
        assertEquals(5, q.repeats());
        assertTrue(q.incomplete().isEmpty());
        assertEquals(1, f.interruptions().size());
        assertEquals(RunResumption.KILLED, f.interruptions().get(0).cause());
        assertTrue(f.interruptions().get(0).pointsBefore() >= 4);
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)));
        Cli.Result again = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, again.exit(), "a complete file: nothing left to measure\n" + again.err());
        assertEquals(f.info().finalisedUtc(), MeasurementFile.open(out).info().finalisedUtc(), "the file is untouched");
    }
}
