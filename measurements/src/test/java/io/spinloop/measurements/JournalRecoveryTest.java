package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from journals left in every state a crash can leave them in. */
class JournalRecoveryTest {
    @TempDir
    Path dir;

    /** Records points and sequence repeats, then "crashes": the journal is closed but never finalised. */
    private Path crashedRun(Path out, int points) throws IOException {
        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        SweepRecorder s = rec.beginSweep("stno-1", SampleData.frequencyHz(), SampleData.analyzerSettings());
        SequenceRecorder q = rec.beginSequences("stno-1", SampleData.timeS(), 3, Map.of());
        for (int i = 0; i < points; i++) {
            SampleData.addSweepPoint(s, i);
        }
        // sequence 0 complete, sequence 1 has repeats 0 and 2 only
        for (int r = 0; r < 3; r++) {
            q.addRepeat(0, r, SampleData.drive(0), SampleData.seqPower(0, r));
        }
        q.addRepeat(1, 0, SampleData.drive(1), SampleData.seqPower(1, 0));
        q.addRepeat(1, 2, SampleData.drive(1), SampleData.seqPower(1, 2));
        SampleData.addSweepPoint(s, points); // the last record of the journal is a sweep point
        rec.releaseJournalWithoutFinalising();
        return rec.journal();
    }

    @Test
    void intactJournalRecoversEverythingAndKeepsPartialSequencesApart() throws Exception {
        Path out = dir.resolve("run.h5");
        crashedRun(out, 20);
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(21, report.sweepPoints());
        assertEquals(5, report.sequenceRepeats());
        assertEquals(0, report.droppedBytes());
        assertNull(report.stopReason());

        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(21, f.sweeps().get(0).points());
        MeasurementRoundTripTest.assertSweepPoints(f.sweeps().get(0), 0);
        SequenceSet q = f.requireSequences();
        assertFalse(q.complete());
        assertArrayEquals(new int[] {0}, q.sequenceIndex());
        assertEquals(2, q.incomplete().size());
        assertEquals(1, q.incomplete().get(0).sequenceIndex());
        assertEquals(0, q.incomplete().get(0).repeatIndex());
        assertEquals(2, q.incomplete().get(1).repeatIndex());
        assertArrayEquals(SampleData.seqPower(1, 2), q.incomplete().get(1).powerW());
        assertEquals(26, f.info().recovery().pointsKept());
        assertTrue(f.describe().contains("plus 2 repeat(s) of unfinished sequences"), f.describe());
    }

    @Test
    void tornLastRecordIsDroppedAndEverythingBeforeItKept() throws Exception {
        Path out = dir.resolve("torn.h5");
        Path journal = crashedRun(out, 20);
        long size = Files.size(journal);
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(size - 1234); // cut into the last point's spectrum, as a crash mid-write would
        }
        RecoveryReport report = MeasurementRecovery.recover(journal);
        assertEquals(out, report.output());
        assertEquals(20, report.sweepPoints(), "the torn point is gone, the 20 before it are kept");
        assertEquals(5, report.sequenceRepeats());
        assertTrue(report.droppedBytes() > 0 && report.stopReason().startsWith("torn record"), report.summary());
        MeasurementFile f = MeasurementFile.open(out);
        MeasurementRoundTripTest.assertSweepPoints(f.sweeps().get(0), 0);
        assertEquals(report.droppedBytes(), f.info().recovery().droppedBytes());
    }

    @Test
    void corruptLastRecordIsDroppedAndTheJournalKept() throws Exception {
        Path out = dir.resolve("corrupt.h5");
        Path journal = crashedRun(out, 20);
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.seek(Files.size(journal) - 100);
            int b = raf.read();
            raf.seek(Files.size(journal) - 100);
            raf.write(b ^ 0x5a); // a flipped byte in the last record's spectrum
        }
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertTrue(report.stopReason().startsWith("CRC mismatch"), report.stopReason());
        assertEquals(20, report.sweepPoints());
        // Written whole, damaged afterwards: not a torn tail, so the journal is not thrown away.
        assertTrue(report.damaged(), report.summary());
        assertTrue(Files.exists(report.keptJournal()), report.summary());
    }

    @Test
    void journalWithoutAnIntactRunRecordIsRefusedClearly() throws Exception {
        Path out = dir.resolve("early.h5");
        Path journal = crashedRun(out, 0);
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(JournalCodec.FILE_HEADER_BYTES + 10);
        }
        InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                () -> MeasurementRecovery.recover(out));
        assertTrue(e.getMessage().contains("nothing to recover"), e.getMessage());
        assertTrue(Files.exists(journal), "a journal that could not be recovered is left in place");
    }

    @Test
    void liveRunCannotBeRecoveredUnderItsFeet() throws Exception {
        Path out = dir.resolve("live.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            SampleData.addSweepPoint(rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of()), 0);
            InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                    () -> MeasurementRecovery.recover(out));
            assertTrue(e.getMessage().contains("still in progress"), e.getMessage());
        }
        assertEquals(1, MeasurementFile.open(out).sweeps().get(0).points());
    }

    @Test
    void crashBetweenPublishingAndDeletingTheJournalOnlyRemovesTheJournal() throws Exception {
        Path out = dir.resolve("done.h5");
        Path journal = crashedRun(out, 3);
        Path copy = dir.resolve("journal.copy");
        Files.copy(journal, copy);
        MeasurementRecovery.recover(out);
        byte[] published = Files.readAllBytes(out);
        Files.copy(copy, journal); // as if the process died right after the rename
        RecoveryReport again = MeasurementRecovery.recover(out);
        assertTrue(again.alreadyFinalised(), again.summary());
        assertFalse(Files.exists(journal));
        assertArrayEquals(published, Files.readAllBytes(out), "the published file is untouched");
    }

    @Test
    void recoveryRefusesToReplaceAnotherRunsFile() throws Exception {
        Path out = dir.resolve("taken.h5");
        Path journal = crashedRun(out, 3);
        Files.writeString(out, "someone else's file");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> MeasurementRecovery.recover(out));
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("someone else's file", Files.readString(out));
        Path elsewhere = dir.resolve("rescued.h5");
        MeasurementRecovery.recover(journal, elsewhere, OverwritePolicy.REFUSE);
        assertEquals(4, MeasurementFile.open(elsewhere).sweeps().get(0).points());
    }

    @Test
    void nothingToRecoverIsSaidPlainly() throws Exception {
        Path out = dir.resolve("fine.h5");
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MeasurementRecovery.recover(out));
        assertTrue(e.getMessage().contains("finalised normally"), e.getMessage());
    }
}
