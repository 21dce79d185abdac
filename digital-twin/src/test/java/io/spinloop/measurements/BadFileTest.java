package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not what the layout promises give errors naming the file and the dataset. */
class BadFileTest {
    @TempDir
    Path dir;

    private static RunInfo info() {
        return new RunInfo(1, "run-x", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"),
                SampleData.provenance(), null);
    }

    private InvalidMeasurementFileException invalid(Path file, String expected) {
        InvalidMeasurementFileException e =
                assertThrows(InvalidMeasurementFileException.class, () -> MeasurementFile.open(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    private static Sweep sweep(int bins, double[] power) {
        int n = power.length;
        double[][] spectrum = new double[n][bins];
        return new Sweep(0, "stno-1", true, Map.of(), SampleData.frequencyHz(), new double[n], spectrum,
                new double[n], power, new double[n], new double[n]);
    }

    @Test
    void missingFileAndNonHdf5FilesAreNamed() throws Exception {
        assertThrows(NoSuchFileException.class, () -> MeasurementFile.open(dir.resolve("absent.h5")));
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "this is not HDF5\n".repeat(100));
        invalid(text, "not a readable HDF5 file");
        Path empty = dir.resolve("empty.h5");
        Files.createFile(empty); // what jHDF leaves when the writer dies before close()
        invalid(empty, "not a readable HDF5 file");
    }

    @Test
    void journalGivenAsAFileSaysHowToRecoverIt() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        rec.releaseJournalWithoutFinalising();
        invalid(rec.journal(), "this is the journal of a run, not an HDF5 file");
    }

    @Test
    void foreignHdf5FileIsRecognisedAsNotOurs() throws Exception {
        Path other = dir.resolve("other.h5");
        try (WritableHdfFile h5 = HdfFile.write(other)) {
            h5.putDataset("x", new double[] {1, 2, 3});
        }
        invalid(other, "an HDF5 file, but not a spinloop measurement file");
    }

    @Test
    void truncatedFileIsRefused() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT);
        byte[] all = Files.readAllBytes(out);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThrows(InvalidMeasurementFileException.class, () -> MeasurementFile.open(cut));
    }

    @Test
    void fileWithoutSequencesSaysSoWhenTheyAreRequired() throws Exception {
        Path out = dir.resolve("sweeps-only.h5");
        Hdf5RunWriter.write(out, info(), new RunContents("run-x", Instant.now(), SampleData.provenance(), false,
                List.of(sweep(SampleData.BINS, new double[] {1e-9, 2e-9})), null, 2));
        MeasurementFile f = MeasurementFile.open(out);
        InvalidMeasurementFileException e =
                assertThrows(InvalidMeasurementFileException.class, f::requireSequences);
        assertEquals("/sequences", e.dataset());
        assertTrue(e.getMessage().contains("sweeps-only.h5: /sequences: missing"), e.getMessage());
        assertTrue(f.describe().contains("no drive sequences"), f.describe());
    }

    @Test
    void mismatchedShapesAreNamed() throws Exception {
        Path out = dir.resolve("shapes.h5");
        Hdf5RunWriter.write(out, info(), new RunContents("run-x", Instant.now(), SampleData.provenance(), false,
                List.of(sweep(SampleData.BINS + 1, new double[] {1e-9, 2e-9})), null, 2));
        InvalidMeasurementFileException e = invalid(out, "/sweeps/0/spectrum_dBm: shape (2×1002), expected (2×1001)");
        assertEquals("/sweeps/0/spectrum_dBm", e.dataset());
    }

    @Test
    void nonFiniteMeasuredValuesAreNamedWithTheirIndex() throws Exception {
        Path out = dir.resolve("nan.h5");
        double[][][] power = {{{1e-9, 1e-9, 1e-9, Double.NaN}}};
        SequenceSet q = new SequenceSet("stno-1", true, 1, Map.of(), new double[] {0, 1, 2, 3}, new int[] {0},
                new double[][] {{1e-3, 1e-3, 1e-3, 1e-3}}, power, new double[][] {{0}}, List.of());
        Hdf5RunWriter.write(out, info(), new RunContents("run-x", Instant.now(), SampleData.provenance(), false,
                List.of(), q, 1));
        invalid(out, "/sequences/power_W: element [0, 3] is NaN; measured values must be finite");

        Path inf = dir.resolve("inf.h5");
        Hdf5RunWriter.write(inf, info(), new RunContents("run-x", Instant.now(), SampleData.provenance(), false,
                List.of(sweep(SampleData.BINS, new double[] {1e-9, Double.POSITIVE_INFINITY})), null, 2));
        invalid(inf, "/sweeps/0/power_W: element [1] is Infinity");
    }

    @Test
    void fileThatJhdfCannotReadBackIsCaughtBeforePublishing() throws Exception {
        // jHDF writes a 60 kB attribute without complaint and cannot read it back; the finaliser must notice.
        Path broken = dir.resolve("broken.h5");
        try (WritableHdfFile h5 = HdfFile.write(broken)) {
            h5.putAttribute("a", "x".repeat(60_000));
        }
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> Hdf5RunWriter.verifyStructure(broken));
        assertTrue(e.getMessage().contains("does not read back"), e.getMessage());
    }

    @Test
    void missingDatasetAndAttributeAreNamed() throws Exception {
        Path out = dir.resolve("missing.h5");
        try (WritableHdfFile h5 = HdfFile.write(out)) {
            Hdf5RunWriter.writeRoot(h5, info());
            WritableGroup g = h5.putGroup("sweeps").putGroup("0");
            g.putAttribute("device_id", "stno-1");
            g.putAttribute("complete", (byte) 1);
            g.putAttribute("n_points", 2);
            g.putDataset("frequency_Hz", new double[] {1, 2, 3});
        }
        invalid(out, "/sweeps/0/current_A: missing dataset");

        Path noAttr = dir.resolve("noattr.h5");
        try (WritableHdfFile h5 = HdfFile.write(noAttr)) {
            Hdf5RunWriter.writeRoot(h5, info());
            h5.putGroup("sequences").putDataset("time_s", new double[] {0, 1});
        }
        invalid(noAttr, "/sequences/@n_sequences: missing attribute");
    }
}
