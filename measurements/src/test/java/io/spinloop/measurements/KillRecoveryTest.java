package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real measuring JVM killed with SIGKILL mid-run; every point it reported as recorded must come back. */
class KillRecoveryTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void sigkilledRunIsRecoveredWithEveryCompletedPoint() throws Exception {
        Path out = dir.resolve("killed.h5");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecordingChild.class.getName(), out.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int lastReported = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                lastReported = Integer.parseInt(line.substring("POINT ".length()));
                if (lastReported == 150) {
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally, no close()
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
        }
        assertEquals(150, lastReported, "child stopped reporting early (see its stderr above)");
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
        assertFalse(Files.exists(out), "no output was published by the killed run");
        assertTrue(Files.exists(MeasurementRecorder.journalFor(out)));

        RecoveryReport report = MeasurementRecovery.recover(out);
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "journal removed after recovery");
        MeasurementFile f = MeasurementFile.open(out);
        Sweep sweep = f.sweeps().get(0);
        int n = sweep.points();
        assertTrue(n >= lastReported + 1, "every reported point is back: " + n + " of " + (lastReported + 1));
        assertFalse(sweep.complete());
        MeasurementRoundTripTest.assertSweepPoints(sweep, 0);

        // Sequence repeats were recorded right after each sweep point: the same number (± the one in flight).
        SequenceSet q = f.sequences().orElseThrow();
        long repeats = (long) q.sequences() * q.repeats() + q.incomplete().size();
        assertTrue(repeats == n || repeats == n - 1, repeats + " repeats for " + n + " sweep points");
        Set<Long> seen = new HashSet<>();
        for (int s = 0; s < q.sequences(); s++) {
            int idx = q.sequenceIndex()[s];
            assertArrayEquals(SampleData.drive(idx), q.driveA()[s]);
            for (int r = 0; r < q.repeats(); r++) {
                assertArrayEquals(SampleData.seqPower(idx, r), q.powerW()[s][r]);
                seen.add(((long) idx << 8) | r);
            }
        }
        for (IncompleteRepeat r : q.incomplete()) {
            assertArrayEquals(SampleData.drive(r.sequenceIndex()), r.driveA());
            assertArrayEquals(SampleData.seqPower(r.sequenceIndex(), r.repeatIndex()), r.powerW());
            seen.add(((long) r.sequenceIndex() << 8) | r.repeatIndex());
        }
        assertEquals(repeats, seen.size(), "no repeat twice");
        assertTrue(q.sequences() > 0 && !q.incomplete().isEmpty() || repeats % (4 * 3) == 0,
                "repeat-major order leaves the last block of sequences incomplete");

        RunInfo info = f.info();
        assertTrue(info.recovered());
        assertNotNull(info.recovery().recoveredUtc());
        assertEquals(n + repeats, info.recovery().pointsKept());
        assertEquals(report.droppedBytes(), info.recovery().droppedBytes());
        assertEquals(n, report.sweepPoints());
        assertEquals(repeats, report.sequenceRepeats());
        assertTrue(f.describe().contains("RECOVERED"), f.describe());
    }
}
