package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps under {@code /maps/<i>} round-trip with their axes, units, order and directions; a grid point is held once;
 * a run left by a killed process resumes into the same file (journal recovered first, points copied, the
 * interruption recorded), and a resumed run killed in its turn recovers into the same file with every point.
 */
class MapStoreAndResumeTest {
    @TempDir
    Path dir;

    private static final MapGrid GRID = new MapGrid("current", "A", new double[] {1e-3, 2e-3, 3e-3}, "field", "T",
            new double[] {0.1, 0.2}, MapGrid.SNAKE);

    private static void point(MapRecorder m, int k) throws Exception {
        int iy = k / 3;
        int ix = m.grid().xIndexAt(iy, k % 3);
        m.addPoint(ix, iy, SampleData.spectrum(k), SampleData.peak(k), SampleData.power(k), SampleData.linewidth(k));
    }

    @Test
    void aMapRoundTripsWithItsAxesAndDirections() throws Exception {
        Path out = dir.resolve("map.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            MapRecorder m = rec.beginMap("stno-a", SampleData.frequencyHz(), GRID, Map.of("rbw_Hz", 1e6));
            for (int k = 0; k < 6; k++) {
                point(m, k);
            }
            assertThrows(IllegalStateException.class, () -> point(m, 0), "a grid point twice");
            m.finish();
        }
        SpectrumMap m = MeasurementFile.open(out).maps().get(0);
        assertTrue(m.complete());
        assertEquals(6, m.points());
        assertEquals("field", m.grid().yName());
        assertEquals("T", m.grid().yUnit());
        assertEquals(MapGrid.SNAKE, m.grid().order());
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0}, m.ix());
        assertArrayEquals(new int[] {1, 1, 1, -1, -1, -1}, m.direction());
        assertEquals(0.2, m.y()[4]);
        assertEquals(1e6, m.settings().get("rbw_Hz"));
        assertTrue(MeasurementFile.open(out).interruptions().isEmpty());
    }

    @Test
    void aKilledMapResumesIntoTheSameFileWithEachPointOnce() throws Exception {
        Path out = dir.resolve("killed.h5");
        MeasurementRecorder first = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        MapRecorder m1 = first.beginMap("stno-a", SampleData.frequencyHz(), GRID, Map.of());
        for (int k = 0; k < 2; k++) {
            point(m1, k);
        }
        first.releaseJournalWithoutFinalising(); // what kill -9 leaves
        assertFalse(Files.exists(out));
        assertEquals(RunCatalog.INTERRUPTED, RunCatalog.list(dir).get(0).state(), "a journal nobody recovered");
        String runId = first.runId();

        RunResumption.Resumed r1 = RunResumption.resume(out, StoreOptions.DEFAULT);
        assertEquals(RunResumption.KILLED, r1.interruption().cause());
        assertEquals(2, r1.interruption().pointsBefore());
        MapRecorder m2 = r1.maps().get(0);
        assertTrue(m2.taken(0, 0) && m2.taken(1, 0) && !m2.taken(2, 0));
        point(m2, 2);
        point(m2, 3);
        r1.recorder().releaseJournalWithoutFinalising(); // killed again, during the resumed run

        RunResumption.Resumed r2 = RunResumption.resume(out, StoreOptions.DEFAULT);
        assertEquals(4, r2.interruption().pointsBefore());
        MapRecorder m3 = r2.maps().get(0);
        point(m3, 4);
        point(m3, 5);
        m3.finish();
        r2.recorder().close();

        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(runId, f.info().runId());
        SpectrumMap m = f.maps().get(0);
        assertTrue(m.complete());
        assertEquals(6, m.points());
        for (int iy = 0; iy < 2; iy++) {
            for (int ix = 0; ix < 3; ix++) {
                assertTrue(m.pointAt(ix, iy) >= 0, "(" + ix + ", " + iy + ") held");
            }
        }
        assertEquals(2, f.interruptions().size());
        assertEquals(2, f.interruptions().get(0).pointsBefore());
        assertEquals(4, f.interruptions().get(1).pointsBefore());
        assertEquals("2", f.info().provenance().metadata().get("resumed"));
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)));
        assertEquals(RunCatalog.RESUMED, RunCatalog.entryOf(out).state());
    }

    @Test
    void aResumedRunKilledAgainIsRecoveredWithEveryPoint() throws Exception {
        Path out = dir.resolve("twice.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            point(rec.beginMap("stno-a", SampleData.frequencyHz(), GRID, Map.of()), 0);
        } // stopped early (Ctrl-C): a file with one point, no journal
        RunResumption.Resumed r = RunResumption.resume(out, StoreOptions.DEFAULT);
        assertEquals(RunResumption.STOPPED, r.interruption().cause());
        point(r.maps().get(0), 1);
        point(r.maps().get(0), 2);
        r.recorder().releaseJournalWithoutFinalising();

        RecoveryReport report = MeasurementRecovery.recover(out);
        assertEquals(3, report.sweepPoints());
        SpectrumMap m = MeasurementFile.open(out).maps().get(0);
        assertEquals(3, m.points());
        assertFalse(m.complete());
        assertEquals(RunCatalog.RECOVERED, RunCatalog.entryOf(out).state());
    }

    @Test
    void aCompleteFileIsNotResumed() throws Exception {
        Path out = dir.resolve("done.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            MapRecorder m = rec.beginMap("stno-a", SampleData.frequencyHz(), GRID, Map.of());
            for (int k = 0; k < 6; k++) {
                point(m, k);
            }
            m.finish();
        }
        InvalidMeasurementFileException e = assertThrows(InvalidMeasurementFileException.class,
                () -> RunResumption.resume(out, StoreOptions.DEFAULT));
        assertTrue(e.getMessage().contains("complete"), e.getMessage());
    }

    /** The bytes of a journal killed while writing its first record: whole header, then part of the record. */
    private byte[] tornAtFirstRecord(int recordBytesKept) throws Exception {
        Path other = dir.resolve("torn-source.h5");
        MeasurementRecorder rec = MeasurementRecorder.create(other, SampleData.provenance(), OverwritePolicy.REFUSE);
        rec.releaseJournalWithoutFinalising();
        byte[] whole = Files.readAllBytes(MeasurementRecorder.journalFor(other));
        assertTrue(whole.length > JournalCodec.FILE_HEADER_BYTES + recordBytesKept, "the run record is longer");
        return java.util.Arrays.copyOf(whole, JournalCodec.FILE_HEADER_BYTES + recordBytesKept);
    }

    @Test
    void aResumedRunKilledWhileStartingItsJournalResumesFromTheFile() throws Exception {
        Path out = dir.resolve("torn-resume.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            point(rec.beginMap("stno-a", SampleData.frequencyHz(), GRID, Map.of()), 0);
        } // stopped early: a file with one point
        byte[] file = Files.readAllBytes(out);
        Files.write(MeasurementRecorder.journalFor(out), tornAtFirstRecord(12)); // the resume was killed starting

        assertFalse(RunResumption.discardEmptyJournal(out), "a file is there to resume");
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "the journal held nothing");
        assertArrayEquals(file, Files.readAllBytes(out), "the file is as it was");
        RunResumption.Resumed r = RunResumption.resume(out, StoreOptions.DEFAULT);
        assertEquals(1, r.interruption().pointsBefore());
        for (int k = 1; k < 6; k++) {
            point(r.maps().get(0), k);
        }
        r.maps().get(0).finish();
        r.recorder().close();
        assertEquals(6, MeasurementFile.open(out).maps().get(0).points());
    }

    @Test
    void aRunKilledBeforeItsFirstRecordHasNothingToResume() throws Exception {
        Path out = dir.resolve("torn-new.h5");
        Files.write(MeasurementRecorder.journalFor(out), tornAtFirstRecord(3));
        assertTrue(RunResumption.discardEmptyJournal(out), "nothing was ever recorded: start it");
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)));

        Files.write(MeasurementRecorder.journalFor(out), new byte[] {'S', 'P'}); // killed writing the header
        assertTrue(RunResumption.discardEmptyJournal(out));
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)));
    }

    @Test
    void aJournalWithARecordIsNotDiscarded() throws Exception {
        Path out = dir.resolve("kept.h5");
        MeasurementRecorder first = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        point(first.beginMap("stno-a", SampleData.frequencyHz(), GRID, Map.of()), 0);
        first.releaseJournalWithoutFinalising();
        byte[] journal = Files.readAllBytes(MeasurementRecorder.journalFor(out));
        assertFalse(RunResumption.discardEmptyJournal(out));
        assertArrayEquals(journal, Files.readAllBytes(MeasurementRecorder.journalFor(out)));
        Files.write(MeasurementRecorder.journalFor(out), "not a journal at all, but long".getBytes());
        assertThrows(InvalidMeasurementFileException.class, () -> RunResumption.discardEmptyJournal(out),
                "someone else's file is refused by name, not deleted");
        assertTrue(Files.exists(MeasurementRecorder.journalFor(out)));
    }
}
