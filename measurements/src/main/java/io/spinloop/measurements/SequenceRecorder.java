package io.spinloop.measurements;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Adds the repeats of drive sequences; obtained from {@link MeasurementRecorder#beginSequences}. Repeats
 * may come in any order (all repeats of one sequence, or one repeat of every sequence in turn, which spreads
 * drift evenly); the file keeps complete sequences in {@code /sequences} and the others in
 * {@code /sequences/incomplete}.
 */
public final class SequenceRecorder {
    private final MeasurementRecorder run;
    private final int steps;
    private final int repeats;
    private final Set<Long> recorded = new HashSet<>();
    // A hash of each sequence's drive is enough to catch a runner that plays a different drive for a repeat.
    private final Map<Integer, Integer> driveHash = new HashMap<>();
    private boolean finished;

    SequenceRecorder(MeasurementRecorder run, int steps, int repeats) {
        this.run = run;
        this.steps = steps;
        this.repeats = repeats;
    }

    /**
     * Records one repeat of one sequence; when this returns it survives a crash of the process.
     *
     * @param sequenceIndex the runner's index of the sequence, 0 or more
     * @param repeatIndex   0 ≤ r &lt; R
     * @param driveA        (T) drive current, the same for every repeat of a sequence
     * @param powerW        (T) measured power
     */
    public void addRepeat(int sequenceIndex, int repeatIndex, double[] driveA, double[] powerW) throws IOException {
        String at = "sequence " + sequenceIndex + ", repeat " + repeatIndex + ": ";
        if (sequenceIndex < 0) {
            throw new IllegalArgumentException(at + "sequence index must be 0 or more");
        }
        if (repeatIndex < 0 || repeatIndex >= repeats) {
            throw new IllegalArgumentException(at + "repeat index must be in [0, " + repeats + ")");
        }
        FiniteValues.requireFinite(at + "driveA", driveA);
        FiniteValues.requireFinite(at + "powerW", powerW);
        if (driveA.length != steps || powerW.length != steps) {
            throw new IllegalArgumentException(at + "driveA has " + driveA.length + " and powerW " + powerW.length
                    + " steps; time_s has " + steps);
        }
        long key = ((long) sequenceIndex << 32) | repeatIndex;
        int hash = Arrays.hashCode(driveA);
        synchronized (run) {
            if (finished) {
                throw new IllegalStateException(at + "the sequences are finished");
            }
            if (recorded.contains(key)) {
                throw new IllegalArgumentException(at + "already recorded");
            }
            Integer earlier = driveHash.get(sequenceIndex);
            if (earlier != null && earlier != hash) {
                throw new IllegalArgumentException(at + "driveA differs from an earlier repeat of the same sequence");
            }
            run.append(new JournalEntry.SequenceRepeat(sequenceIndex, repeatIndex, run.elapsedSeconds(),
                    driveA, powerW), true);
            recorded.add(key);
            driveHash.put(sequenceIndex, hash);
        }
    }

    /** Re-journals a repeat of the interrupted run being resumed, as it was (its timestamp kept). */
    void replay(JournalEntry.SequenceRepeat r) throws IOException {
        synchronized (run) {
            run.append(r, true);
            recorded.add(((long) r.sequence() << 32) | r.repeat());
            driveHash.put(r.sequence(), Arrays.hashCode(r.driveA()));
        }
    }

    /** Whether repeat {@code repeatIndex} of sequence {@code sequenceIndex} is recorded (here or before a resume). */
    public boolean taken(int sequenceIndex, int repeatIndex) {
        synchronized (run) {
            return recorded.contains(((long) sequenceIndex << 32) | repeatIndex);
        }
    }

    /** Marks the set finished; it is stored as complete if, in addition, no sequence misses a repeat. */
    public void finish() throws IOException {
        synchronized (run) {
            if (!finished) {
                run.append(new JournalEntry.SequencesFinished(), false);
                finished = true;
            }
        }
    }

    /** Repeats recorded so far. */
    public int repeatsRecorded() {
        synchronized (run) {
            return recorded.size();
        }
    }
}
