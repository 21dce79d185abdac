package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused at the call that brings it, and the run goes on without it. */
class RecorderValidationTest {
    @TempDir
    Path dir;

    private static void refused(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badPointsAndSettingsAreRefusedAndTheRunContinues() throws Exception {
        Path out = dir.resolve("run.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            SweepRecorder s = rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of());
            double[] spectrum = SampleData.spectrum(0);
            spectrum[17] = Double.NaN;
            refused("sweep 0, point 0: spectrumDbm[17] = NaN is not a finite number",
                    () -> s.addPoint(1e-3, spectrum, 5e9, 1e-9, 1e7));
            refused("has 3 bins, the sweep's frequency axis 1001",
                    () -> s.addPoint(1e-3, new double[3], 5e9, 1e-9, 1e7));
            refused("linewidthHz = Infinity is infinite",
                    () -> s.addPoint(1e-3, SampleData.spectrum(0), 5e9, 1e-9, Double.POSITIVE_INFINITY));
            refused("key 'bad key' is not a valid attribute name",
                    () -> rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of("bad key", 1)));
            refused("key 'device_id' is reserved",
                    () -> rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of("device_id", "x")));
            refused("unsupported value type Object",
                    () -> rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of("x", new Object())));
            refused("too large for an HDF5 attribute",
                    () -> rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of("x", new double[10_000])));
            SequenceRecorder q = rec.beginSequences("stno-1", SampleData.timeS(), 2, Map.of());
            q.addRepeat(0, 0, SampleData.drive(0), SampleData.seqPower(0, 0));
            refused("already recorded", () -> q.addRepeat(0, 0, SampleData.drive(0), SampleData.seqPower(0, 0)));
            refused("repeat index must be in [0, 2)", () -> q.addRepeat(0, 2, SampleData.drive(0), SampleData.seqPower(0, 2)));
            refused("driveA differs from an earlier repeat",
                    () -> q.addRepeat(0, 1, SampleData.drive(1), SampleData.seqPower(0, 1)));
            assertThrows(IllegalStateException.class,
                    () -> rec.beginSequences("stno-1", SampleData.timeS(), 2, Map.of()));
            SampleData.addSweepPoint(s, 0);
        }
        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(1, f.sweeps().size(), "refused sweeps left no trace");
        assertEquals(1, f.sweeps().get(0).points());
        assertEquals(1, f.sequences().orElseThrow().incomplete().size());
    }

    @Test
    void oversizedLabConfigIsRefusedBeforeTheRun() {
        refused("lab-config text is 70000 bytes",
                () -> Provenance.builder("v").labConfig("x".repeat(70_000)).build());
        // Each part fits, together they exceed the budget of one group's attributes.
        refused("are allowed on one HDF5 group", () -> Provenance.builder("v").labConfig("x".repeat(49_000))
                .metadata("a", "y".repeat(49_000)).metadata("b", "y".repeat(49_000))
                .metadata("c", "y".repeat(49_000)).metadata("d", "y".repeat(49_000)).build());
    }

    @Test
    void closedRunRefusesMoreData() throws Exception {
        MeasurementRecorder rec = MeasurementRecorder.create(dir.resolve("r.h5"), SampleData.provenance(),
                OverwritePolicy.REFUSE);
        SweepRecorder s = rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of());
        rec.close();
        rec.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> SampleData.addSweepPoint(s, 0));
    }
}
