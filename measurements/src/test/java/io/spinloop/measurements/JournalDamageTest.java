package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journals damaged in the middle, not only torn at the end: every intact record is recovered, also those after
 * the damage; the damage is told as such (where, how much, what is missing); the journal is never deleted.
 */
class JournalDamageTest {
    static final int SEQUENCES = 12;
    static final int REPEATS = 4;

    @TempDir
    Path dir;

    /** Start offsets of the journal's records (walking the length fields of an undamaged journal). */
    static List<Long> recordOffsets(Path journal) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(journal)).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>();
        for (int p = JournalCodec.FILE_HEADER_BYTES; p < b.capacity(); p += JournalCodec.RECORD_HEADER_BYTES + b.getInt(p)) {
            out.add((long) p);
        }
        return out;
    }

    static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(bytes);
        }
    }

    @Test
    void fourCorruptBytesInTheMiddleLoseOneRepeatNotHalfTheRun() throws Exception {
        Path out = dir.resolve("mid.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, SEQUENCES * REPEATS);
        List<Long> at = recordOffsets(journal);
        // Records: run, sequences started, 48 repeats, sequences finished. Record 2 + 17 is sequence 5, repeat 1.
        long victim = at.get(2 + 17);
        long recordBytes = at.get(2 + 18) - victim;
        overwrite(journal, victim + 100, new byte[] {1, 2, 3, 4});
        byte[] damaged = Files.readAllBytes(journal);

        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(SEQUENCES * REPEATS - 1, report.sequenceRepeats(), report.summary());
        assertTrue(report.damaged(), report.summary());
        assertEquals(recordBytes, report.droppedBytes());
        assertEquals(List.of("5:1"), report.missingRepeats());
        assertTrue(report.stopReason().startsWith("CRC mismatch in the record at byte " + victim), report.stopReason());
        String s = report.summary();
        assertFalse(s.contains("torn"), "a corrupt record in the middle is not a torn tail: " + s);
        assertTrue(s.contains("DAMAGED"), s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "%,d bytes at %,d–%,d (1 record lost)",
                recordBytes, victim, victim + recordBytes - 1)), s);
        assertTrue(s.contains("after sequence 4 repeat 1, before sequence 6 repeat 1"), s);
        assertTrue(s.contains("missing sequence repeats (sequence:repeat): 5:1"), s);

        // The journal is kept, byte for byte, under a name that no longer blocks the output.
        assertFalse(Files.exists(journal));
        Path kept = journal.resolveSibling(journal.getFileName() + ".damaged");
        assertEquals(kept, report.keptJournal());
        assertArrayEquals(damaged, Files.readAllBytes(kept));
        assertTrue(s.contains("kept as " + kept), s);

        MeasurementFile f = MeasurementFile.open(out);
        SequenceSet q = f.sequences().orElseThrow();
        assertEquals(SEQUENCES - 1, q.sequences(), "every sequence but 5 has all its repeats");
        assertFalse(q.complete());
        assertEquals(REPEATS - 1, q.incomplete().size());
        for (int i = 0; i < q.sequences(); i++) {
            int idx = q.sequenceIndex()[i];
            for (int r = 0; r < REPEATS; r++) {
                assertArrayEquals(SampleData.seqPower(idx, r), q.powerW()[i][r]);
            }
        }
        assertTrue(f.info().recovery().damage().contains("5:1"), f.info().recovery().damage());
        assertTrue(f.describe().contains("journal DAMAGED"), f.describe());
    }

    @Test
    void aCorruptLengthFieldIsSkippedToTheNextRecordWhoseCrcChecks() throws Exception {
        Path out = dir.resolve("length.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, SEQUENCES * REPEATS);
        List<Long> at = recordOffsets(journal);
        overwrite(journal, at.get(2 + 30), new byte[] {(byte) 0xff, (byte) 0xff, 0, 0}); // 65535: plausible, wrong
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(SEQUENCES * REPEATS - 1, report.sequenceRepeats(), report.summary());
        assertEquals(List.of("6:2"), report.missingRepeats());
        assertTrue(report.damaged());
    }

    @Test
    void severalDamagedStretchesAndATornTailAreAllTold() throws Exception {
        Path out = dir.resolve("several.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 40);
        List<Long> at = recordOffsets(journal);
        overwrite(journal, at.get(2 + 3) + 50, new byte[] {9});
        overwrite(journal, at.get(2 + 20) + 8, new byte[] {9, 9, 9});   // the type byte and more
        overwrite(journal, at.get(2 + 21) + 200, new byte[] {9});     // two neighbours: one stretch of 2 records
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(raf.length() - 10);                          // and the last record torn
        }
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(40 - 1 - 2 - 1, report.sequenceRepeats(), report.summary());
        assertEquals(List.of("3:0", "8:1", "9:1"), report.missingRepeats());
        assertTrue(report.summary().contains("2 damaged stretches skipped"), report.summary());
        assertTrue(report.summary().contains("(2 records lost)"), report.summary());
        assertTrue(Files.exists(report.keptJournal()));
    }

    @Test
    void aTornTailAloneIsStillACleanRecovery() throws Exception {
        Path out = dir.resolve("torn.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 30);
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(raf.length() - 300);
        }
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(29, report.sequenceRepeats());
        assertFalse(report.damaged(), report.summary());
        assertTrue(report.summary().contains("torn last record"), report.summary());
        assertNull(report.keptJournal());
        assertFalse(Files.exists(journal), "a torn tail held nothing more than what was installed");
    }

    @Test
    void zerosAtTheEndAreATornTailAsAPowerCutLeavesIt() throws Exception {
        Path out = dir.resolve("zeros.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 30);
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(raf.length() + 4096); // the size grew, the data never reached the disk
        }
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(30, report.sequenceRepeats());
        assertFalse(report.damaged(), report.summary());
        assertEquals(4096, report.droppedBytes());
    }

    @Test
    void aCorruptLastRecordIsDamageNotATornTail() throws Exception {
        Path out = dir.resolve("last.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 30);
        overwrite(journal, Files.size(journal) - 100, new byte[] {7, 7});
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(29, report.sequenceRepeats());
        assertTrue(report.damaged(), "a complete record whose CRC fails was written whole and damaged later");
        assertTrue(report.summary().contains("to the end of the journal"), report.summary());
        assertTrue(Files.exists(report.keptJournal()));
    }

    @Test
    void lostSequenceStartLeavesItsRepeatsUnplacedAndTheJournalKept() throws Exception {
        Path out = dir.resolve("nostart.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 10);
        List<Long> at = recordOffsets(journal);
        overwrite(journal, at.get(1) + 20, new byte[] {1});
        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(0, report.sequenceRepeats());
        assertTrue(report.summary().contains("10 intact record(s) could not be placed"), report.summary());
        assertTrue(Files.exists(report.keptJournal()));
    }

    @Test
    void damagedRunRecordRefusesRecoveryAndLeavesTheJournalUntouched() throws Exception {
        Path out = dir.resolve("norun.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 10);
        overwrite(journal, JournalCodec.FILE_HEADER_BYTES + 30, new byte[] {1});
        byte[] before = Files.readAllBytes(journal);
        InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                () -> MeasurementRecovery.recover(out));
        assertTrue(e.getMessage().startsWith(journal.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("first record (the run record"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(journal));
        assertFalse(Files.exists(out));
    }

    @Test
    void aDirectoryIsCalledADirectory() throws Exception {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                () -> MeasurementRecovery.recover(runs));
        assertTrue(e.getMessage().startsWith(runs + ": is a directory"), e.getMessage());
    }

    @Test
    void aSecondDamagedJournalIsKeptBesideTheFirst() throws Exception {
        Path out = dir.resolve("twice.h5");
        Path journal = SampleData.interleavedRun(out, SEQUENCES, REPEATS, 20);
        overwrite(journal, recordOffsets(journal).get(5) + 60, new byte[] {3});
        Path first = MeasurementRecovery.recover(out).keptJournal();
        Path other = dir.resolve("twice2.h5");
        Path journal2 = SampleData.interleavedRun(other, SEQUENCES, REPEATS, 20);
        Files.move(journal2, journal);
        overwrite(journal, recordOffsets(journal).get(5) + 60, new byte[] {3});
        RecoveryReport second = MeasurementRecovery.recover(journal, dir.resolve("twice-b.h5"), OverwritePolicy.REFUSE);
        assertEquals(journal.resolveSibling(journal.getFileName() + ".damaged.1"), second.keptJournal());
        assertTrue(Files.exists(first) && Files.exists(second.keptJournal()));
    }
}
