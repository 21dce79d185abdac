package io.spinloop.lab.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.RunProgress;
import io.spinloop.lab.RunRefusedException;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Recording;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sequence recording as {@code measure sequences} runs it, through lab's service. */
class SequenceMeasurementTest {

    @Test
    void recordsEveryRepeatOnTheMeasuredTimeBase(@TempDir Path dir) throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(TestLabConfigs.exactBench(dir));
        Path out = dir.resolve("s.h5");
        List<Long> done = new ArrayList<>();
        var plan = new SequenceMeasurement.Plan(cfg, cfg.device("stno-a"), 2, 2, 60, 7, "--length 60");
        SequenceMeasurement.Result r = SequenceMeasurement.run(plan, new Recording(out, false, "test", "test"),
                (d, total) -> done.add(d));
        assertTrue(r.outcome().completed(), "completed: " + r.outcome());
        assertEquals(List.of(1L, 2L, 3L, 4L), done, "each repeat reported");
        // the emulated 2400's point: 1 ms dwell + 1/60 s + 0.4 ms
        assertEquals(18.067e-3, r.pointPeriodS(), 0.05e-3);
        SequenceSet s = MeasurementFile.open(out).sequences().orElseThrow();
        assertEquals(2, s.sequences());
        assertEquals(60, s.steps());
        assertEquals(r.pointPeriodS(), s.timeS()[1], 1e-15, "the file's time base is the measured period");
    }

    @Test
    void sequencesLongerThanTheSourceHoldsAreRefusedAndLeaveNoFile(@TempDir Path dir) throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(TestLabConfigs.exactBench(dir));
        Path out = dir.resolve("long.h5");
        var plan = new SequenceMeasurement.Plan(cfg, cfg.device("stno-a"), 2, 1, 3000, 7, "--length 3000");
        RunRefusedException e = assertThrows(RunRefusedException.class, () -> SequenceMeasurement.run(plan,
                new Recording(out, false, "test", "test"), RunProgress.silent()));
        assertTrue(e.getMessage().startsWith("--length 3000 does not fit the source list of "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at most 2500 points)"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
