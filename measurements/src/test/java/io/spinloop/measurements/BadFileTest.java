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

    /** A finished sequences file as `measure sequences` leaves it: 40 sequences × 4 repeats × 50 steps. */
    static Path sequencesFile(Path out) throws Exception {
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            SequenceRecorder q = rec.beginSequences("stno-1", SampleData.timeS(), 4, Map.of("dwell_s", 1e-3));
            for (int r = 0; r < 4; r++) {
                for (int s = 0; s < 40; s++) {
                    q.addRepeat(s, r, SampleData.drive(s), SampleData.seqPower(s, r));
                }
            }
            q.finish();
        }
        return out;
    }

    @Test
    void sequencesFileCutAnywhereIsRefusedAsTruncated() throws Exception {
        // jHDF reads the missing part of a cut file as zeros: cut in half, this file read as "complete" with
        // half its power values 0 W, and was fitted. The superblock's end-of-file address says how long it must be.
        Path out = sequencesFile(dir.resolve("seq.h5"));
        byte[] all = Files.readAllBytes(out);
        for (int cut : new int[] {all.length / 2, all.length / 4, all.length * 3 / 4, all.length - 1, 40, 1}) {
            Path cutFile = dir.resolve("cut-" + cut + ".h5");
            Files.write(cutFile, java.util.Arrays.copyOf(all, cut));
            InvalidMeasurementFileException e = invalid(cutFile, "truncated: ");
            assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%,d", all.length)) || cut < 48,
                    e.getMessage());
            assertTrue(e.getMessage().contains("(the file was cut") && e.getMessage().endsWith("; it cannot be read)"),
                    e.getMessage());
        }
        Path half = dir.resolve("cut-" + all.length / 2 + ".h5");
        assertTrue(invalid(half, "truncated").getMessage().endsWith(String.format(java.util.Locale.ROOT,
                "truncated: %,d of %,d bytes (the file was cut; it cannot be read)", all.length / 2, all.length)));
    }

    @Test
    void datasetReachingPastTheEndIsRefusedEvenWhenTheSuperblockAgrees() throws Exception {
        Path out = sequencesFile(dir.resolve("seq.h5"));
        byte[] all = Files.readAllBytes(out);
        int cut = all.length / 2; // inside /sequences/power_W, the last and largest dataset
        byte[] shorter = java.util.Arrays.copyOf(all, cut);
        assertEquals(2, shorter[8], "superblock version 2: end-of-file address at byte 28");
        java.nio.ByteBuffer sb = java.nio.ByteBuffer.wrap(shorter).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        sb.putLong(28, cut);
        // The version 2 superblock ends in a checksum of its 44 bytes; a consistent forgery needs a new one.
        sb.putInt(44, io.jhdf.checksum.ChecksumUtils.checksum(java.util.Arrays.copyOf(shorter, 44)));
        Path lying = dir.resolve("lying.h5");
        Files.write(lying, shorter);
        InvalidMeasurementFileException e = invalid(lying, "/sequences/power_W: its data reaches byte ");
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "the file ends at byte %,d", cut)),
                e.getMessage());
    }

    @Test
    void directoryIsCalledADirectory() throws Exception {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        InvalidMeasurementFileException e = invalid(runs, "is a directory, not a measurement file");
        assertEquals(runs + ": is a directory, not a measurement file", e.getMessage());
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
        invalid(out, "/sequences/power_W: element [0, 0, 3] is NaN; measured values must be finite");

        // (S×R×T) = (2×2×10): element [1, 1, 7] is flat index 37, which the reader once called [1, 17].
        double[][][] cube = new double[2][2][10];
        for (double[][] plane : cube) {
            for (double[] row : plane) {
                java.util.Arrays.fill(row, 1e-9);
            }
        }
        cube[1][1][7] = Double.NaN;
        double[] t10 = new double[10];
        double[][] drive = new double[2][10];
        for (int k = 0; k < 10; k++) {
            t10[k] = k;
            drive[0][k] = drive[1][k] = 1e-3;
        }
        SequenceSet q3 = new SequenceSet("stno-1", true, 2, Map.of(), t10, new int[] {0, 1}, drive, cube,
                new double[][] {{0, 1}, {2, 3}}, List.of());
        Path nan3 = dir.resolve("nan3.h5");
        Hdf5RunWriter.write(nan3, info(), new RunContents("run-x", Instant.now(), SampleData.provenance(), false,
                List.of(), q3, 4));
        invalid(nan3, "/sequences/power_W: element [1, 1, 7] is NaN");

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
