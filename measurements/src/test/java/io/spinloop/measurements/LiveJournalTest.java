package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal of a run that is measuring now is not that of an interrupted run: it is locked by its writer, and
 * whoever meets it is told a run is in progress, by which process, running what, since when.
 */
class LiveJournalTest {
    @TempDir
    Path dir;

    @Test
    void liveRunInThisProcessIsNamedWithItsCommandAndStart() throws Exception {
        Path out = dir.resolve("live.h5");
        Provenance p = Provenance.builder("test").metadata("command", "spinloop measure sequences --out live.h5").build();
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE)) {
            Optional<String> live = MeasurementRecorder.runInProgress(out);
            assertTrue(live.isPresent());
            String holder = live.get();
            assertTrue(holder.startsWith("this process, `spinloop measure sequences --out live.h5`, since 20"), holder);

            FileAlreadyExistsException again = assertThrows(FileAlreadyExistsException.class,
                    () -> MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE));
            assertTrue(again.getMessage().contains("a run is in progress writing this file (this process"),
                    again.getMessage());
            assertFalse(again.getMessage().contains("interrupted"), again.getMessage());

            InvalidMeasurementFileException recover = assertThrows(InvalidMeasurementFileException.class,
                    () -> MeasurementRecovery.recover(out));
            assertTrue(recover.getMessage().contains("a run is still in progress writing it (this process"),
                    recover.getMessage());
        }
        assertEquals(Optional.empty(), MeasurementRecorder.runInProgress(out), "finalised: nothing in progress");
    }

    @Test
    void leftoverJournalOfAnInterruptedRunIsNotCalledLive() throws Exception {
        Path out = dir.resolve("dead.h5");
        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        rec.releaseJournalWithoutFinalising();
        assertEquals(Optional.empty(), MeasurementRecorder.runInProgress(out));
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE));
        assertTrue(e.getMessage().contains("interrupted run"), e.getMessage());
    }

    @Test
    @Timeout(60)
    void liveRunInAnotherProcessIsNamedByItsProcessId() throws Exception {
        Path out = dir.resolve("child.h5");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecordingChild.class.getName(), out.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertTrue(line != null && line.startsWith("POINT"), "child started recording: " + line);
            String holder = MeasurementRecorder.runInProgress(out).orElseThrow();
            if (Files.isReadable(Path.of("/proc/locks"))) {
                assertTrue(holder.startsWith("process " + child.pid() + ", "), holder);
            }
            assertTrue(holder.contains(", since 20"), holder);
            InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                    () -> MeasurementRecovery.recover(out));
            assertTrue(e.getMessage().contains("a run is still in progress"), e.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(Optional.empty(), MeasurementRecorder.runInProgress(out), "the lock died with the process");
    }
}
