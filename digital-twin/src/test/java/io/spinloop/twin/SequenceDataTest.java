package io.spinloop.twin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.measurements.InvalidMeasurementFileException;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SweepRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceDataTest {
    @TempDir
    Path dir;

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message \"" + e.getMessage() + "\" lacks \"" + p + "\"");
        }
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedByName() throws IOException {
        Path f = dir.resolve("run.h5");
        Files.writeString(f, "time,drive,power\n0,1e-3,1e-7\n");
        assertMessage(assertThrows(InvalidMeasurementFileException.class, () -> SequenceData.read(f)), "run.h5");
    }

    @Test
    void aMeasurementFileWithoutSequencesNamesTheMissingGroup() throws IOException {
        Path f = dir.resolve("sweeps-only.h5");
        Provenance prov = Provenance.builder("test").labConfig("bench: test\n").build();
        try (MeasurementRecorder rec = MeasurementRecorder.create(f, prov, OverwritePolicy.REFUSE)) {
            SweepRecorder s = rec.beginSweep("stno0", new double[] {4e9, 5e9}, Map.of());
            s.addPoint(1e-3, new double[] {-80, -60}, 5e9, 1e-9, 1e7);
            s.finish();
        }
        InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                () -> SequenceData.read(f));
        assertMessage(e, "sweeps-only.h5", "/sequences", "missing");
    }

    @Test
    void mismatchedShapesAndNonFiniteValuesNameSourceAndDataset() {
        double[] time = {0, 1e-3, 2e-3};
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SequenceData("f.h5", time,
                new double[][] {{1e-3, 1e-3}}, new double[][][] {{{1, 2, 3}}})), "f.h5", "/sequences/drive_A", "sequence 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SequenceData("f.h5", time,
                new double[][] {{1e-3, 1e-3, 1e-3}}, new double[][][] {{{1, 2, 3}, {1, 2}}})), "f.h5",
                "/sequences/power_W", "repeat 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SequenceData("f.h5", time,
                new double[][] {{1e-3, 1e-3, 1e-3}}, new double[][][] {{{1, Double.NaN, 3}}})), "f.h5",
                "/sequences/power_W", "NaN", "step 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SequenceData("f.h5", time,
                new double[][] {{1e-3, Double.POSITIVE_INFINITY, 1e-3}}, new double[][][] {{{1, 2, 3}}})), "f.h5",
                "/sequences/drive_A", "Infinity");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SequenceData("f.h5", new double[] {0, 1e-3, 1e-3},
                new double[][] {{1e-3, 1e-3, 1e-3}}, new double[][][] {{{1, 2, 3}}})), "/sequences/time_s");
    }
}
