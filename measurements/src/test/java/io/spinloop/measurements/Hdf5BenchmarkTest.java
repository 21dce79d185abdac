package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs end to end on a small run and cleans up; its figures are not judged here. */
class Hdf5BenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void smallRunReportsEveryFigureAndLeavesNoFiles() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Hdf5Benchmark.Report r = Hdf5Benchmark.run(new Hdf5Benchmark.Config(2_000_000L, 1, 101, dir, 5),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertEquals(2, r.modes().size());
        for (Hdf5Benchmark.Figures f : r.modes()) {
            assertTrue(f.journalMBps() > 0 && f.finaliseMBps() > 0 && f.readMBps() > 0 && f.fileMB() > 0, f.toString());
        }
        assertTrue(r.modes().get(1).fileMB() < r.modes().get(0).fileMB(), "compressed file is smaller");
        assertTrue(r.syncPointsPerSecond() > 0);
        assertTrue(r.format().contains("finalise MB/s"), r.format());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "benchmark files deleted");
        }
    }
}
