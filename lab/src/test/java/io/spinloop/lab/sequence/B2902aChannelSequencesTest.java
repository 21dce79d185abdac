package io.spinloop.lab.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.lab.RunProgress;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Recording;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequences through the whole lab stack on the second channel of the mixed bench's B2902A: its list sweep, read
 * back at every point, pulses the trigger link to its N9030B, whose zero span gives the time base and the traces.
 */
class B2902aChannelSequencesTest {
    @Test
    void sequencesOnChannelTwoOfTheB2902A(@TempDir Path dir) throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(TestLabConfigs.repoRoot().resolve(
                "lab-configs/emulated-mixed-bench.yaml"));
        Path out = dir.resolve("seq.h5");
        var plan = new SequenceMeasurement.Plan(cfg, cfg.device("stno-c"), 2, 2, 30, 7, "--length 30");
        SequenceMeasurement.Result r = SequenceMeasurement.run(plan, new Recording(out, false, "test", "test"),
                RunProgress.silent());
        // the emulated B2900's point: 1 ms acquire delay (the dwell) + 0.1 NPLC at 60 Hz (its *RST) + 0.1 ms
        assertEquals(2.767e-3, r.pointPeriodS(), 0.01e-3);
        SequenceSet s = MeasurementFile.open(out).sequences().orElseThrow();
        assertEquals(2, s.sequences());
        assertEquals(30, s.steps());
    }
}
