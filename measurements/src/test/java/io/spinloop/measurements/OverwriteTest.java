package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An existing file is never overwritten unless asked, and then only by a complete new one. */
class OverwriteTest {
    @TempDir
    Path dir;

    @Test
    void existingFileIsRefusedBeforeAnythingIsMeasured() throws Exception {
        Path out = dir.resolve("run.h5");
        Files.writeString(out, "precious");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE));
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("precious", Files.readString(out));
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "no journal left behind");
    }

    @Test
    void replaceKeepsTheOldFileUntilTheNewOneIsComplete() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT);
        byte[] old = Files.readAllBytes(out);

        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REPLACE);
        SampleData.addSweepPoint(rec.beginSweep("stno-9", SampleData.frequencyHz(), Map.of()), 7);
        assertEquals(old.length, Files.size(out), "old file untouched while the run goes on");
        rec.close();
        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(1, f.sweeps().size());
        assertEquals("stno-9", f.sweeps().get(0).deviceId());
    }

    @Test
    void crashedReplacingRunLeavesTheOldFileIntact() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT);
        byte[] old = Files.readAllBytes(out);
        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REPLACE);
        SampleData.addSweepPoint(rec.beginSweep("stno-9", SampleData.frequencyHz(), Map.of()), 7);
        rec.releaseJournalWithoutFinalising();
        assertTrue(java.util.Arrays.equals(old, Files.readAllBytes(out)));
        // Recovery will not silently replace it either: the old file belongs to another run.
        assertThrows(FileAlreadyExistsException.class, () -> MeasurementRecovery.recover(out));
        MeasurementRecovery.recover(rec.journal(), out, OverwritePolicy.REPLACE);
        assertEquals("stno-9", MeasurementFile.open(out).sweeps().get(0).deviceId());
    }

    @Test
    void fileThatAppearsDuringTheRunIsNotReplacedAndTheRunIsKept() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        SampleData.addSweepPoint(rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of()), 0);
        Files.writeString(out, "written by someone else meanwhile");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, rec::close);
        assertTrue(e.getMessage().contains("the run is kept in"), e.getMessage());
        assertEquals("written by someone else meanwhile", Files.readString(out));
        assertFalse(Files.exists(dir.resolve("run.h5.tmp")));
        Path rescued = dir.resolve("rescued.h5");
        MeasurementRecovery.recover(rec.journal(), rescued, OverwritePolicy.REFUSE);
        assertEquals(1, MeasurementFile.open(rescued).sweeps().get(0).points());
    }

    @Test
    void journalOfAnInterruptedRunBlocksANewRunOnTheSameFile() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRecorder crashed =
                MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        SampleData.addSweepPoint(crashed.beginSweep("stno-1", SampleData.frequencyHz(), Map.of()), 0);
        crashed.releaseJournalWithoutFinalising();
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REPLACE));
        assertTrue(e.getMessage().contains("recover it first"), e.getMessage());
    }

    @Test
    void staleTemporaryFileFromACrashedFinalisationIsNotMistakenForData() throws Exception {
        Path out = dir.resolve("run.h5");
        Files.write(dir.resolve("run.h5.tmp"), new byte[1 << 20]); // longer than the new file: must not leak a tail
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT);
        assertFalse(Files.exists(dir.resolve("run.h5.tmp")));
        assertEquals(30, MeasurementFile.open(out).sweeps().get(0).points());
    }
}
