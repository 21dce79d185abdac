package io.spinloop.measurements;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The drive sequences of a run and the power measured in each repeat of each: what a digital twin learns
 * from. Only sequences with all {@code repeats} recorded are in the rectangular arrays; repeats of sequences
 * the run did not finish are in {@link #incomplete()}.
 *
 * @param deviceId      the device measured
 * @param complete      true when the runner finished the set and no sequence is missing a repeat
 * @param repeats       R, repeats of every sequence
 * @param settings      source, analyzer (zero span) and generator settings, as stored in attributes
 * @param timeS         (T) time of each step from the start of a sequence
 * @param sequenceIndex (S) the runner's index of each complete sequence, ascending
 * @param driveA        (S×T) drive current
 * @param powerW        (S×R×T) measured power
 * @param timestampS    (S×R) seconds since the run was created, when each repeat was recorded
 * @param incomplete    repeats of sequences that did not get all R repeats
 */
public record SequenceSet(
        String deviceId,
        boolean complete,
        int repeats,
        Map<String, Object> settings,
        double[] timeS,
        int[] sequenceIndex,
        double[][] driveA,
        double[][][] powerW,
        double[][] timestampS,
        List<IncompleteRepeat> incomplete) {

    public SequenceSet {
        Objects.requireNonNull(deviceId, "deviceId");
        settings = Map.copyOf(settings);
        incomplete = List.copyOf(incomplete);
        int s = sequenceIndex.length;
        if (driveA.length != s || powerW.length != s || timestampS.length != s) {
            throw new IllegalArgumentException("sequences: arrays differ in their number of sequences");
        }
    }

    /** S, the number of complete sequences. */
    public int sequences() {
        return sequenceIndex.length;
    }

    /** T, the number of time steps of every sequence. */
    public int steps() {
        return timeS.length;
    }
}
