package io.spinloop.twin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecovery;
import io.spinloop.measurements.SampleData;
import io.spinloop.measurements.SequenceSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `measure sequences` interleaves repeats (repeat 0 of every sequence, then repeat 1, ...), so a run killed midway
 * has no sequence with all its repeats; what a twin is fitted on is then every sequence × the complete rounds.
 */
class CompleteRoundsTest {
    static final int S = 12;
    static final int R = 4;

    @TempDir
    Path dir;

    private Path killedAfter(String name, int recorded) throws Exception {
        Path out = dir.resolve(name);
        SampleData.interleavedRun(out, S, R, recorded);
        MeasurementRecovery.recover(out);
        return out;
    }

    @Test
    void killedInterleavedRunIsFittedOnEverySequenceTimesItsCompleteRounds() throws Exception {
        Path out = killedAfter("killed.h5", 2 * S + 3); // two rounds done, the third 3 sequences in
        SequenceSet stored = MeasurementFile.open(out).sequences().orElseThrow();
        assertEquals(0, stored.sequences(), "no sequence got all its repeats");

        SequenceData d = SequenceData.read(out); // what `twin fit` reads; it refused this file before
        assertEquals(S, d.sequences());
        assertEquals(2, d.repeats());
        for (int s = 0; s < S; s++) {
            assertArrayEquals(SampleData.drive(s), d.driveA()[s]);
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(SampleData.seqPower(s, r), d.powerW()[s][r]);
            }
        }
        SequenceSet used = MeasurementFile.open(out).requireSequences();
        assertFalse(used.complete());
        assertEquals(3, used.incomplete().size(), "the 3 repeats of the unfinished round are left aside");
        assertTrue(MeasurementFile.open(out).describe().contains("a twin fit uses 12 sequences × 2 repeats"),
                MeasurementFile.open(out).describe());
    }

    @Test
    void killedInTheFirstRoundGivesOneRepeatOfTheSequencesReached() throws Exception {
        Path out = killedAfter("early.h5", 5);
        SequenceData d = SequenceData.read(out);
        assertEquals(5, d.sequences());
        assertEquals(1, d.repeats());
    }

    @Test
    void killedLateInTheLastRoundKeepsTheWholeSequencesWhenTheyHoldMore() throws Exception {
        Path out = killedAfter("late.h5", 3 * S + 10); // 10 whole sequences (40 repeats) beat 12 × 3 (36)
        SequenceData d = SequenceData.read(out);
        assertEquals(10, d.sequences());
        assertEquals(R, d.repeats());
    }

    @Test
    void finishedRunIsUsedAsStored() throws Exception {
        Path out = dir.resolve("done.h5");
        SampleData.interleavedRun(out, S, R, S * R);
        MeasurementRecovery.recover(out);
        MeasurementFile f = MeasurementFile.open(out);
        assertSame(f.sequences().orElseThrow(), f.requireSequences());
    }
}
